import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController, t } from '../../i18n/i18n.ts';
import { icons } from '../../ui/icons.ts';
import '../../ui/dk-coming-soon.ts';
import './messages.ts';

/** The messages page: an honest "coming in a later release" state until its issue is built. */
@customElement('dk-messages-page')
export class DkMessagesPage extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  protected readonly _locale = new LocaleController(this);

  override render() {
    const items = [t('messages.will.1'), t('messages.will.2'), t('messages.will.3')];
    return html`<dk-coming-soon
      .heading=${t('nav.messages')}
      .intro=${t('messages.intro')}
      .items=${items}
      .icon=${icons.messages}
    ></dk-coming-soon>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-messages-page': DkMessagesPage;
  }
}
