import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController, t } from '../../i18n/i18n.ts';
import { MESSAGE_LIMITS } from '../../model/messages.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import './messages.ts';

/**
 * Where a message is written: the text (Enter sends, Shift+Enter a new line), one tap to mention a member
 * (`@name`), the message replied to or being edited shown above with a way out. Sending is the caller's
 * (`send`), which may run offline; the text is cleared only after it resolved, never lost on an error.
 */
@customElement('dk-message-composer')
export class DkMessageComposer extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        gap: var(--dk-space-2);
      }
      .row {
        display: flex;
        gap: var(--dk-space-2);
        align-items: flex-end;
      }
      textarea {
        flex: 1 1 auto;
        min-block-size: 3rem;
        resize: vertical;
      }
      .context {
        display: flex;
        justify-content: space-between;
        gap: var(--dk-space-2);
        font-size: var(--dk-font-size-sm);
        color: var(--dk-color-text-muted);
        border-inline-start: 3px solid var(--dk-color-primary);
        padding-inline-start: var(--dk-space-2);
      }
      .mentions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-1);
      }
      .mentions button {
        font-size: var(--dk-font-size-xs);
        min-block-size: 32px;
      }
      .error {
        color: var(--dk-color-danger);
        font-size: var(--dk-font-size-sm);
      }
    `,
  ];

  /** People who can be mentioned (account → display name). */
  @property({ attribute: false }) members: Array<{ name: string; displayName: string }> = [];
  /** Sends the text (with the reply or the edit the composer shows). */
  @property({ attribute: false }) send?: (text: string) => Promise<unknown>;
  /** Shown above the text: the message answered or edited. */
  @property() contextText = '';
  @property() label = '';

  @state() private _text = '';
  @state() private _busy = false;
  @state() private _error = '';

  @query('textarea') private _area!: HTMLTextAreaElement;

  protected readonly _locale = new LocaleController(this);

  /** Puts text in (an edit starts from the message's text) and focuses it. */
  setText(text: string): void {
    this._text = text;
    void this.updateComplete.then(() => this._area.focus());
  }

  focusText(): void {
    this._area?.focus();
  }

  private async _submit(e?: Event): Promise<void> {
    e?.preventDefault();
    if (this._busy || !this.send) return;
    const text = this._text.trim();
    if (!text) {
      this._error = t('error.required');
      return;
    }
    if (text.length > MESSAGE_LIMITS.textMax) {
      this._error = t('error.tooLong', { max: MESSAGE_LIMITS.textMax });
      return;
    }
    this._busy = true;
    this._error = '';
    try {
      await this.send(text);
      this._text = '';
    } catch (err) {
      this._error = (err as { name?: string }).name === 'StorageFullError' ? t('messages.storageFull') : t('error.unknown');
      console.error('Sending a message failed', err);
    } finally {
      this._busy = false;
      this._area.focus();
    }
  }

  private _mention(name: string): void {
    const sep = this._text && !this._text.endsWith(' ') ? ' ' : '';
    this._text = `${this._text}${sep}@${name} `;
    this._area.focus();
  }

  override render() {
    return html`<form @submit=${this._submit}>
      ${
        this.contextText
          ? html`<div class="context">
              <span>${this.contextText}</span>
              <button
                type="button"
                class="btn"
                @click=${() => this.dispatchEvent(new CustomEvent('dk-composer-clear', { bubbles: true, composed: true }))}
              >
                ${t('common.cancel')}
              </button>
            </div>`
          : nothing
      }
      ${
        this.members.length
          ? html`<div class="mentions" role="group" aria-label=${t('messages.mention')}>
              ${this.members.map((m) => html`<button type="button" class="btn" @click=${() => this._mention(m.name)}><bdi>@${m.displayName}</bdi></button>`)}
            </div>`
          : nothing
      }
      <div class="row">
        <label class="visually-hidden" for="text">${this.label || t('messages.write')}</label>
        <textarea
          id="text"
          name="text"
          dir="auto"
          rows="2"
          placeholder=${t('messages.placeholder')}
          aria-invalid=${this._error ? 'true' : 'false'}
          aria-describedby=${this._error ? 'text-error' : nothing}
          .value=${this._text}
          @input=${(e: Event) => {
            this._text = (e.target as HTMLTextAreaElement).value;
            this._error = '';
          }}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              void this._submit();
            }
          }}
        ></textarea>
        <button class="btn primary" ?disabled=${this._busy}>${t('messages.send')}</button>
      </div>
      ${this._error ? html`<p id="text-error" class="error" role="alert">${this._error}</p>` : nothing}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-message-composer': DkMessageComposer;
  }
}
