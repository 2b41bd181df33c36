import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController, t } from '../../i18n/i18n.ts';
import { icons } from '../../ui/icons.ts';
import '../../ui/dk-coming-soon.ts';
import './messages.ts';

/** The schedule page: an honest "coming in a later release" state until its issue is built. */
@customElement('dk-schedule-page')
export class DkSchedulePage extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  protected readonly _locale = new LocaleController(this);

  override render() {
    const items = [t('schedule.will.1'), t('schedule.will.2'), t('schedule.will.3')];
    return html`<dk-coming-soon
      .heading=${t('nav.schedule')}
      .intro=${t('schedule.intro')}
      .items=${items}
      .icon=${icons.schedule}
    ></dk-coming-soon>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-schedule-page': DkSchedulePage;
  }
}
