import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController, t } from '../../i18n/i18n.ts';
import { icons } from '../../ui/icons.ts';
import '../../ui/dk-coming-soon.ts';
import './messages.ts';

/** The documents page: an honest "coming in a later release" state until its issue is built. */
@customElement('dk-documents-page')
export class DkDocumentsPage extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  protected readonly _locale = new LocaleController(this);

  override render() {
    const items = [t('documents.will.1'), t('documents.will.2'), t('documents.will.3'), t('documents.will.4')];
    return html`<dk-coming-soon
      .heading=${t('nav.documents')}
      .intro=${t('documents.intro')}
      .items=${items}
      .icon=${icons.documents}
    ></dk-coming-soon>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-documents-page': DkDocumentsPage;
  }
}
