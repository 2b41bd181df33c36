import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/** Scaffolding (issue 4): replaced by its owner. */
@customElement('dk-task-calendar')
export class DkTaskCalendar extends LitElement {
  @property({ attribute: false }) search = '';
  override render() {
    return html`<p>…</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-calendar': DkTaskCalendar;
  }
}
