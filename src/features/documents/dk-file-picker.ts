import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { FieldError } from '../../model/doc.ts';
import { ATTACHMENT_ACCEPT, ATTACHMENT_LIMITS, validateAttachments } from '../../model/documents/validation.ts';
import { LocaleController, formatBytes, t } from '../../i18n/i18n.ts';
import { icons } from '../../ui/icons.ts';
import { errorLine } from '../../ui/forms/fields.ts';
import { pickerStyles } from '../../ui/forms/picker-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { errorText } from './form-errors.ts';
import './messages-forms.ts';

const cameraIcon = svg`<svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M4 8h3l2-3h6l2 3h3a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1Z"/><circle cx="12" cy="13" r="3.5"/></svg>`;

/**
 * Files attached to a document or a step: several files (PDF, images, Office, ODF; 25 MB each, at most 20),
 * chosen in one or more goes, and on phones a "Take photo" button that opens the camera. Each file is listed
 * with its size and a remove button; a file the model refuses (`validateAttachments`) shows its error on its
 * own line as soon as it is chosen.
 *
 * Properties:
 * - `files: File[]` — the chosen files (the element updates it and fires `dk-files-change`).
 * - `label` — the group's visible label; `optional` adds "(optional)".
 * - `camera` — offer "Take photo" (`<input capture="environment">`); shown on touch screens only.
 * - `field` — field name of the errors (`attachments`), to match the model's `attachments.<i>` codes.
 *
 * Methods: `errors` (the model's errors for the current files), `focusFirstError()`.
 *
 * @fires dk-files-change - `{ files }` after a file was added or removed.
 */
@customElement('dk-file-picker')
export class DkFilePicker extends LitElement {
  static override styles = [
    sharedStyles,
    pickerStyles,
    css`
      .buttons {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-2);
      }
      input[type='file']:focus-visible + label {
        outline: 3px solid var(--dk-color-focus);
        outline-offset: 2px;
      }
      /* The camera button matters on phones; on a desktop it would be a second "choose files". */
      @media (hover: hover) and (pointer: fine) {
        .camera {
          display: none;
        }
      }
      li {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr) auto;
        align-items: center;
        gap: var(--dk-space-1) var(--dk-space-2);
        padding-block: var(--dk-space-1);
        padding-inline: var(--dk-space-3) var(--dk-space-1);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        background: var(--dk-color-surface-muted);
      }
      li.invalid {
        background: var(--dk-color-danger-soft);
      }
      li .name {
        overflow-wrap: anywhere;
      }
      li .size {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
        white-space: nowrap;
      }
      li .error {
        grid-column: 2 / -1;
      }
    `,
  ];

  @property({ attribute: false }) files: File[] = [];
  @property() label = '';
  @property({ type: Boolean }) optional = false;
  @property({ type: Boolean }) camera = false;
  @property() field = 'attachments';

  /** What the live region says after the list changed. */
  @state() private _announce = '';

  @query('#choose') private _choose!: HTMLInputElement;

  protected readonly _locale = new LocaleController(this);

  /** The model's errors for the chosen files (`attachments`, `attachments.<i>`). */
  get errors(): FieldError[] {
    return validateAttachments(
      this.files.map((f) => ({ name: f.name, type: f.type, size: f.size })),
      this.field,
    );
  }

  /** Focuses the first refused file's remove button, or the choose button. */
  async focusFirstError(): Promise<void> {
    await this.updateComplete;
    const errors = this.errors;
    const i = this.files.findIndex((_, n) => errors.some((e) => e.field === `${this.field}.${n}`));
    const target = i >= 0 ? this.renderRoot.querySelector<HTMLElement>(`#remove-${i}`) : this._choose;
    target?.focus();
  }

  override focus(): void {
    this._choose?.focus();
  }

  private _set(files: File[], announce: string): void {
    this.files = files;
    this._announce = announce;
    this.dispatchEvent(new CustomEvent('dk-files-change', { bubbles: true, composed: true, detail: { files } }));
  }

  private _onChoose(e: Event): void {
    const input = e.target as HTMLInputElement;
    const added = [...(input.files ?? [])];
    // Cleared so that choosing the same file again (after removing it) fires `change`.
    input.value = '';
    if (added.length === 0) return;
    this._set([...this.files, ...added], t('forms.files.added', { count: added.length, total: this.files.length + added.length }));
  }

  private async _remove(i: number): Promise<void> {
    const file = this.files[i]!;
    const next = this.files.filter((_, n) => n !== i);
    this._set(next, t('forms.files.removed', { name: file.name }));
    await this.updateComplete;
    // Focus stays in the list (the next file's remove button) or returns to the choose button.
    const target = this.renderRoot.querySelector<HTMLElement>(`#remove-${Math.min(i, next.length - 1)}`) ?? this._choose;
    target.focus();
  }

  override render() {
    const errors = this.errors;
    const listError = errors.find((e) => e.field === this.field);
    const maxMb = ATTACHMENT_LIMITS.maxBytes / 1024 / 1024;
    return html`<div class="group" role="group" aria-labelledby="label">
      <span id="label" class="label"
        >${this.label}${this.optional ? html` <span class="hint">${t('common.optional')}</span>` : nothing}</span
      >
      <div class="buttons">
        <!-- The browser's own file button speaks the browser's language; these speak the app's. -->
        <input
          id="choose"
          name=${this.field}
          type="file"
          multiple
          class="visually-hidden"
          accept=${ATTACHMENT_ACCEPT}
          aria-describedby="files-hint${listError ? ' list-error' : ''}"
          aria-invalid=${errors.length ? 'true' : 'false'}
          @change=${this._onChoose}
        />
        <label for="choose" class="btn">${icons.paperclip}${t('forms.files.choose')}</label>
        ${
          this.camera
            ? html`<span class="camera"
                ><input
                  id="photo"
                  type="file"
                  class="visually-hidden"
                  accept="image/*"
                  capture="environment"
                  @change=${this._onChoose}
                /><label for="photo" class="btn">${cameraIcon}${t('forms.files.photo')}</label></span
              >`
            : nothing
        }
      </div>
      <span id="files-hint" class="hint">${t('forms.files.hint', { maxMb, max: ATTACHMENT_LIMITS.maxFiles })}</span>
      ${
        this.files.length
          ? html`<ul aria-label=${t('forms.files.listLabel')}>
              ${this.files.map((f, i) => {
                const err = errors.find((e) => e.field === `${this.field}.${i}`);
                return html`<li class=${err ? 'invalid' : ''}>
                  ${icons.paperclip}
                  <span class="name" dir="auto">${f.name} <span class="size">· ${formatBytes(f.size)}</span></span>
                  <button
                    id="remove-${i}"
                    type="button"
                    class="btn ghost"
                    aria-label=${t('forms.files.remove', { name: f.name })}
                    aria-describedby=${err ? `file-${i}-error` : nothing}
                    @click=${() => this._remove(i)}
                  >
                    ${icons.close}
                  </button>
                  ${err ? html`<p id="file-${i}-error" class="error">${errorText(err)}</p>` : nothing}
                </li>`;
              })}
            </ul>`
          : nothing
      }
      ${errorLine('list', listError && errorText(listError))}
      <span class="visually-hidden" role="status">${this._announce}</span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-file-picker': DkFilePicker;
  }
  interface GlobalEventHandlersEventMap {
    'dk-files-change': CustomEvent<{ files: File[] }>;
  }
}
