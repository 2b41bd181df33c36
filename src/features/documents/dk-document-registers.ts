import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';

/** Scaffolding while issue 3's UI is built in parallel: replaced by its owner in this session. */
@customElement('dk-document-registers')
export class DkDocumentRegisters extends LitElement {
  override render() {
    return html``;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-document-registers': DkDocumentRegisters;
  }
}
