import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/** Scaffolding (issue 4): replaced by its owner. */
@customElement('dk-task-detail')
export class DkTaskDetail extends LitElement {
  @property({ attribute: false }) taskId = '';
  override render() {
    return html`<p>…</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-detail': DkTaskDetail;
  }
}
