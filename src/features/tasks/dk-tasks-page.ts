import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController, t } from '../../i18n/i18n.ts';
import { icons } from '../../ui/icons.ts';
import '../../ui/dk-coming-soon.ts';
import './messages.ts';

/** The tasks page: an honest "coming in a later release" state until its issue is built. */
@customElement('dk-tasks-page')
export class DkTasksPage extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  protected readonly _locale = new LocaleController(this);

  override render() {
    const items = [t('tasks.will.1'), t('tasks.will.2'), t('tasks.will.3')];
    return html`<dk-coming-soon
      .heading=${t('nav.tasks')}
      .intro=${t('tasks.intro')}
      .items=${items}
      .icon=${icons.tasks}
    ></dk-coming-soon>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-tasks-page': DkTasksPage;
  }
}
