import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MessageView } from '../../data/messages.ts';
import { LocaleController, formatDateTime, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import type { Space } from '../../model/spaces.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import '../tasks/dk-task-files.ts';
import './messages.ts';

/**
 * Messages of a conversation or of an item's discussion, oldest first: author, time, the message replied to,
 * "edited" (the earlier texts one tap away), "removed" in place of a removed message, "sending" while the
 * server has not confirmed it, "refused" when it did not take it. Under the last message each person read up
 * to, their names (read receipts, shown in small groups only).
 *
 * @fires dk-message-reply - `{ id }`
 * @fires dk-message-edit - `{ id, text }` (the author chose Edit)
 * @fires dk-message-remove - `{ id }`
 */
@customElement('dk-message-list')
export class DkMessageList extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--dk-space-3);
      }
      li {
        display: grid;
        gap: var(--dk-space-1);
        max-inline-size: min(40rem, 92%);
        padding: var(--dk-space-2) var(--dk-space-3);
        border-radius: var(--dk-radius-lg);
        background: var(--dk-color-surface);
        border: 1px solid var(--dk-color-border);
      }
      li.mine {
        justify-self: end;
        background: var(--dk-color-primary-soft, #e8f0fb);
      }
      .who {
        font-weight: 700;
        font-size: var(--dk-font-size-sm);
      }
      .meta {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-xs);
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2);
        align-items: center;
      }
      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 0;
      }
      .removed .text {
        font-style: italic;
        color: var(--dk-color-text-muted);
      }
      .quote {
        border-inline-start: 3px solid var(--dk-color-border);
        padding-inline-start: var(--dk-space-2);
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .sending {
        color: var(--dk-color-warning, #8a4b00);
        font-weight: 700;
      }
      .refused {
        color: var(--dk-color-danger);
        font-weight: 700;
      }
      .actions button {
        background: none;
        border: none;
        padding: 0 var(--dk-space-1);
        color: var(--dk-color-primary);
        font: inherit;
        font-size: var(--dk-font-size-xs);
        cursor: pointer;
        min-block-size: 24px;
      }
      li.receipt {
        background: none;
        border: none;
        padding: 0;
      }
      .receipt {
        justify-self: end;
        font-size: var(--dk-font-size-xs);
        color: var(--dk-color-text-muted);
      }
      details {
        font-size: var(--dk-font-size-sm);
        color: var(--dk-color-text-muted);
      }
      .mention {
        font-weight: 700;
        color: var(--dk-color-primary);
      }
    `,
  ];

  @property({ attribute: false }) messages: MessageView[] = [];
  /** The signed-in account. */
  @property() me = '';
  /** Display names. */
  @property({ attribute: false }) names: (name: string) => string = (n) => n;
  /** The signed-in person and the space holding the messages: files are read from it (this device first). */
  @property({ attribute: false }) account: MeResponse | null = null;
  @property({ attribute: false }) space?: Space;
  /** Who read up to which message id; receipts are shown only when set (small groups). */
  @property({ attribute: false }) reads?: Map<string, string>;

  protected readonly _locale = new LocaleController(this);
  @state() private _open = new Set<string>();

  private _fire(name: string, detail: object): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  }

  /** The text with `@name` of people shown in bold (as text: nothing in a message is markup). */
  private _text(text: string) {
    const parts = text.split(/(@[a-z0-9][a-z0-9._-]*[a-z0-9])/gi);
    return parts.map((p) => (p.startsWith('@') ? html`<bdi class="mention">@${this.names(p.slice(1).toLowerCase())}</bdi>` : p));
  }

  /** For each message, who read exactly up to it (their receipt sits under it); the author is left out. */
  private _receipts(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    if (!this.reads) return out;
    const ids = this.messages.map((m) => m.id);
    for (const [who, upTo] of this.reads) {
      if (who === this.me) continue;
      // The last message at or before what they read.
      let at: string | undefined;
      for (const id of ids) if (id <= upTo) at = id;
      if (at) out.set(at, [...(out.get(at) ?? []), who]);
    }
    return out;
  }

  override render() {
    if (this.messages.length === 0) return html`<p class="meta">${t('messages.empty')}</p>`;
    const receipts = this._receipts();
    const byId = new Map(this.messages.map((m) => [m.id, m]));
    return html`<ol aria-label=${t('messages.list')}>
      ${this.messages.map((m) => {
        const mine = m.message.createdBy === this.me;
        const quoted = m.message.replyTo ? byId.get(m.message.replyTo) : undefined;
        const readers = receipts.get(m.id)?.filter((n) => n !== m.message.createdBy) ?? [];
        return html`<li class="${mine ? 'mine' : ''} ${m.removed ? 'removed' : ''}" data-message-id=${m.id}>
            <span class="who">${mine ? t('messages.you') : this.names(m.message.createdBy)}</span>
            ${
              quoted
                ? html`<div class="quote">
                    ${this.names(quoted.message.createdBy)}: ${quoted.removed ? t('messages.removed') : quoted.text}
                  </div>`
                : nothing
            }
            ${m.removed || m.text ? html`<p class="text" dir="auto">${m.removed ? t('messages.removed') : this._text(m.text)}</p>` : nothing}
            ${
              !m.removed && m.message.files?.length && this.space
                ? html`<dk-task-files
                    .me=${this.account}
                    .row=${{ heldIn: [this.space] }}
                    .files=${m.message.files.map((f) => ({ ...f, ownerId: m.id, addedBy: m.message.createdBy, addedAt: m.message.createdAt }))}
                  ></dk-task-files>`
                : nothing
            }
            <div class="meta">
              <time datetime=${m.message.createdAt}>${formatDateTime(m.message.createdAt)}</time>
              ${m.history.length && !m.removed ? html`<span>${t('messages.edited')}</span>` : nothing}
              ${
                m.rejected
                  ? html`<span class="refused" role="status">${t('messages.refused')}</span>`
                  : m.pending
                    ? html`<span class="sending" role="status">${t('messages.sending')}</span>`
                    : nothing
              }
              <span class="actions">
                ${m.removed ? nothing : html`<button @click=${() => this._fire('dk-message-reply', { id: m.id })}>${t('messages.reply')}</button>`}
                ${
                  mine && !m.removed
                    ? html`<button @click=${() => this._fire('dk-message-edit', { id: m.id, text: m.text })}>${t('messages.edit')}</button>
                        <button @click=${() => this._fire('dk-message-remove', { id: m.id })}>${t('messages.remove')}</button>`
                    : nothing
                }
              </span>
            </div>
            ${
              m.history.length
                ? html`<details
                    ?open=${this._open.has(m.id)}
                    @toggle=${(e: Event) => {
                      const open = (e.target as HTMLDetailsElement).open;
                      const next = new Set(this._open);
                      if (open) next.add(m.id);
                      else next.delete(m.id);
                      this._open = next;
                    }}
                  >
                    <summary>${t('messages.earlier', { count: m.history.length })}</summary>
                    <ol>
                      ${m.history.map((h) => html`<li dir="auto"><span class="text">${h.text}</span> <span class="meta">(${formatDateTime(h.until)})</span></li>`)}
                    </ol>
                  </details>`
                : nothing
            }
          </li>
          ${readers.length ? html`<li class="receipt" aria-label=${t('messages.readBy')}>${t('messages.seenBy', { names: readers.map(this.names).join(', ') })}</li>` : nothing}`;
      })}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-message-list': DkMessageList;
  }
}
