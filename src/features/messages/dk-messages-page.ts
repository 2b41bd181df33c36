import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Route } from '../../app/router.ts';
import './dk-conversation-list.ts';
import './dk-conversation.ts';
import './messages.ts';

/**
 * The messages feature (issue 6, docs/decisions/0005-conversations.md): one lazily loaded chunk whose shell picks
 * the screen for the route (the conversations, one conversation).
 */
@customElement('dk-messages-page')
export class DkMessagesPage extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  @property({ attribute: false }) route: Route = { name: 'messages' };

  override render() {
    const r = this.route;
    if (r.name === 'conversation') return html`<dk-conversation .conversationId=${r.id}></dk-conversation>`;
    if (r.name === 'messages') return html`<dk-conversation-list></dk-conversation-list>`;
    return nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-messages-page': DkMessagesPage;
  }
}
