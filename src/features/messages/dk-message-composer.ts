import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController, formatBytes, t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import { ATTACHMENT_ACCEPT, validateAttachments } from '../../model/documents/validation.ts';
import { MESSAGE_LIMITS } from '../../model/messages.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { errorText } from '../documents/form-errors.ts';
import '../documents/messages-forms.ts';
import './messages.ts';

/**
 * Where a message is written: the text (Enter sends, Shift+Enter a new line), one tap to mention a member
 * (`@name`), files to attach (paperclip; checked like documents' files), the message replied to or being edited
 * shown above with a way out. Sending is the caller's
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
      .files {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--dk-space-1);
      }
      .files li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-2);
        min-inline-size: 0;
      }
      .files .name {
        flex: 1 1 8rem;
        overflow-wrap: anywhere;
      }
      .files .size {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      .files li.invalid .name {
        color: var(--dk-color-danger);
      }
      .error {
        color: var(--dk-color-danger);
        font-size: var(--dk-font-size-sm);
      }
    `,
  ];

  /** People who can be mentioned (account → display name). */
  @property({ attribute: false }) members: Array<{ name: string; displayName: string }> = [];
  /** Sends the text and the files chosen (with the reply or the edit the composer shows). */
  @property({ attribute: false }) send?: (text: string, files: File[]) => Promise<unknown>;
  /** Whether files may be attached (not to an edit: an edit changes the text only). */
  @property({ type: Boolean }) filesAllowed = true;
  /** Shown above the text: the message answered or edited. */
  @property() contextText = '';
  @property() label = '';

  @state() private _text = '';
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _files: File[] = [];
  @state() private _fileErrors: FieldError[] = [];

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
    const files = this.filesAllowed ? this._files : [];
    if (this._fileErrors.length) return;
    if (!text && !files.length) {
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
      await this.send(text, files);
      this._text = '';
      this._files = [];
    } catch (err) {
      this._error = (err as { name?: string }).name === 'StorageFullError' ? t('messages.storageFull') : t('error.unknown');
      console.error('Sending a message failed', err);
    } finally {
      this._busy = false;
      this._area.focus();
    }
  }

  private _addFiles(list: FileList | null): void {
    if (!list?.length) return;
    this._files = [...this._files, ...list];
    this._checkFiles();
  }

  private _dropFile(i: number): void {
    this._files = this._files.filter((_, n) => n !== i);
    this._checkFiles();
    this._area.focus();
  }

  private _checkFiles(): void {
    this._fileErrors = validateAttachments(
      this._files.map((f) => ({ name: f.name, type: f.type, size: f.size })),
      'files',
    );
    this._error = '';
  }

  private _renderFiles() {
    if (!this.filesAllowed || !this._files.length) return nothing;
    const listError = this._fileErrors.find((e) => e.field === 'files');
    return html`<ul class="files" aria-label=${t('messages.files')}>
        ${this._files.map((f, i) => {
          const err = this._fileErrors.find((e) => e.field === `files.${i}`);
          return html`<li class=${err ? 'invalid' : ''}>
            ${icons.paperclip}<span class="name" dir="auto">${f.name}</span>
            <span class="size">${formatBytes(f.size)}</span>
            <button
              type="button"
              class="btn ghost"
              aria-label=${t('messages.dropFile', { name: f.name })}
              @click=${() => this._dropFile(i)}
            >
              ${icons.close}
            </button>
            ${err ? html`<span class="error" role="alert">${errorText(err)}</span>` : nothing}
          </li>`;
        })}
      </ul>
      ${listError ? html`<p class="error" role="alert">${errorText(listError)}</p>` : nothing}`;
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
        ${
          this.filesAllowed
            ? html`<input
                  id="attach"
                  class="visually-hidden"
                  type="file"
                  multiple
                  accept=${ATTACHMENT_ACCEPT}
                  tabindex="-1"
                  @change=${(e: Event) => {
                    const input = e.target as HTMLInputElement;
                    this._addFiles(input.files);
                    input.value = '';
                  }}
                />
                <button
                  type="button"
                  class="btn"
                  aria-label=${t('messages.attach')}
                  title=${t('messages.attach')}
                  @click=${() => this.renderRoot.querySelector<HTMLInputElement>('#attach')?.click()}
                >
                  ${icons.paperclip}
                </button>`
            : nothing
        }
        <button class="btn primary" ?disabled=${this._busy}>${t('messages.send')}</button>
      </div>
      ${this._renderFiles()} ${this._error ? html`<p id="text-error" class="error" role="alert">${this._error}</p>` : nothing}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-message-composer': DkMessageComposer;
  }
}
