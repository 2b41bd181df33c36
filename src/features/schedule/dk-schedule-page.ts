import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Route } from '../../app/router.ts';
import './dk-schedule-week.ts';
import './dk-event-detail.ts';
import './dk-event-form.ts';
import './messages.ts';

/**
 * The schedule feature (issue 5, docs/decisions/0004-schedule.md): one lazily loaded chunk whose shell picks the
 * screen for the route (the week or agenda of a calendar, an entry, the new-entry and edit forms).
 */
@customElement('dk-schedule-page')
export class DkSchedulePage extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  @property({ attribute: false }) route: Route = { name: 'schedule' };

  override render() {
    const r = this.route;
    switch (r.name) {
      case 'schedule':
        return html`<dk-schedule-week .search=${r.search ?? ''}></dk-schedule-week>`;
      case 'newEvent':
        return html`<dk-event-form .search=${r.search ?? ''}></dk-event-form>`;
      case 'editEvent':
        return html`<dk-event-form .eventId=${r.id}></dk-event-form>`;
      case 'event':
        return html`<dk-event-detail .eventId=${r.id}></dk-event-detail>`;
      default:
        return nothing;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-schedule-page': DkSchedulePage;
  }
}
