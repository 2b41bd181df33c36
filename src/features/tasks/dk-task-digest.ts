import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

/** Scaffolding (issue 4): replaced by its owner. */
@customElement('dk-task-digest')
export class DkTaskDigest extends LitElement {
  override render() {
    return html`<p>…</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-digest': DkTaskDigest;
  }
}
