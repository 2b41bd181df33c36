import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { FieldError } from '../../model/doc.ts';
import { NOTICE_LIMITS, type NoticeInput, validateNoticeInput } from '../../model/notice.ts';
import type { Space } from '../../model/spaces.ts';
import { wardDay } from '../../model/time.ts';
import { LocaleController, formatBytes, t } from '../../i18n/i18n.ts';
import { errorLine, fieldAria } from '../../ui/forms/fields.ts';
import { formStyles } from '../../ui/forms/form-styles.ts';
import { saveFailure } from '../../ui/forms/form-errors.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { setUnsaved } from '../../ui/unsaved.ts';
import { audienceLabel } from './audience.ts';
import './messages.ts';

/** Saves a notice; the data layer's `postNotice` bound to the current user. Throws on failure. */
export type PostNoticeFn = (space: Space, input: NoticeInput, file?: File) => Promise<unknown>;

type Field = 'space' | 'title' | 'body' | 'expiresOn' | 'attachment';
const FIELD_ORDER: Field[] = ['space', 'title', 'body', 'expiresOn', 'attachment'];
const MAX_MB = NOTICE_LIMITS.attachmentMaxBytes / 1024 / 1024;

/**
 * The notice form: audience (only spaces the user may post to), title, body, pinned, expiry day and
 * an optional PDF/image. Validates with the shared model (`validateNoticeInput`) and shows each
 * problem next to its field; errors from saving (validation, full storage) appear inline too.
 * What the user typed is never cleared by an error; the form resets only after a successful post.
 * Enter in a single-line field or Ctrl+Enter in the text submits.
 *
 * @fires dk-notice-posted - `{ notice }` after `post` resolved.
 * @fires dk-cancel - The user chose Cancel.
 */
@customElement('dk-notice-form')
export class DkNoticeForm extends LitElement {
  static override styles = [
    sharedStyles,
    formStyles,
    css`
      .row {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: var(--dk-space-4);
      }
      @media (max-width: 599px) {
        .row {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .label-line {
        display: flex;
        justify-content: space-between;
        gap: var(--dk-space-2);
        align-items: baseline;
      }
      .count {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-xs);
        font-variant-numeric: tabular-nums;
      }
      .count.over {
        color: var(--dk-color-danger);
        font-weight: 700;
      }
      .file {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-2);
        padding: var(--dk-space-2) var(--dk-space-3);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        background: var(--dk-color-surface-muted);
      }
      .file .name {
        flex: 1 1 10rem;
        overflow-wrap: anywhere;
      }
      .picker {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-2) var(--dk-space-3);
      }
      .choose {
        font-weight: 600;
      }
      input[type='file']:focus-visible + .choose {
        outline: 3px solid var(--dk-color-focus);
        outline-offset: 2px;
      }
    `,
  ];

  /** Spaces the user may post to (already filtered with `canPostNotice`). */
  @property({ attribute: false }) spaces: Space[] = [];
  /** Saves the notice (injected so tests can assert what was submitted). */
  @property({ attribute: false }) post?: PostNoticeFn;
  /** Today in Asia/Ho_Chi_Minh (`YYYY-MM-DD`); computed at each check unless pinned (tests). */
  @property() today?: string;

  private get _today(): string {
    return this.today ?? wardDay();
  }

  @state() private _spaceDb = '';
  @state() private _title = '';
  @state() private _body = '';
  @state() private _pinned = false;
  @state() private _expiresOn = '';
  @state() private _file: File | null = null;
  @state() private _errors: Partial<Record<Field, FieldError>> = {};
  @state() private _formError = '';
  @state() private _submitted = false;
  @state() private _busy = false;

  @query('form') private _form!: HTMLFormElement;
  @query('input[type="file"]') private _fileInput!: HTMLInputElement;

  protected readonly _locale = new LocaleController(this);
  private readonly _unsavedKey = `notice-form-${Math.random().toString(36).slice(2)}`;

  override disconnectedCallback(): void {
    setUnsaved(this._unsavedKey, false);
    super.disconnectedCallback();
  }

  /** True when something has been typed or chosen. */
  get dirty(): boolean {
    return !!(this._title || this._body || this._pinned || this._expiresOn || this._file);
  }

  /** Focuses the first field (called when the dialog opens). */
  focusFirst(): void {
    (this.renderRoot.querySelector('select, input') as HTMLElement | null)?.focus();
  }

  private get _space(): Space | undefined {
    return this.spaces.find((s) => s.db === this._spaceDb) ?? this.spaces[0];
  }

  private _input(): NoticeInput {
    const input: NoticeInput = { title: this._title, body: this._body, pinned: this._pinned };
    if (this._expiresOn) input.expiresOn = this._expiresOn;
    if (this._file) input.attachment = { name: this._file.name, type: this._file.type, size: this._file.size };
    return input;
  }

  private _validate(): FieldError[] {
    const errors = validateNoticeInput(this._input(), this._today);
    if (!this._space) errors.unshift({ field: 'space', code: 'error.required' });
    return errors;
  }

  private _showErrors(errors: FieldError[]): void {
    const byField: Partial<Record<Field, FieldError>> = {};
    const other: FieldError[] = [];
    for (const e of errors) {
      if ((FIELD_ORDER as string[]).includes(e.field)) byField[e.field as Field] ??= e;
      else other.push(e);
    }
    this._errors = byField;
    this._formError = other.length ? other.map((e) => t(e.code, e.params)).join(' ') : errors.length ? t('notices.form.fixErrors') : '';
  }

  private _changed(): void {
    setUnsaved(this._unsavedKey, this.dirty);
    // After a first attempt, errors follow the input as the user corrects it.
    if (this._submitted) this._showErrors(this._validate());
  }

  private _onFile(e: Event): void {
    const file = (e.target as HTMLInputElement).files?.[0] ?? null;
    this._file = file;
    // Type and size are checked as soon as a file is chosen, not only on submit.
    const fileError = file ? this._validate().find((err) => err.field === 'attachment') : undefined;
    const { attachment: _old, ...rest } = this._errors;
    this._errors = fileError ? { ...rest, attachment: fileError } : rest;
    this._changed();
  }

  private async _removeFile(): Promise<void> {
    this._file = null;
    this._fileInput.value = '';
    const { attachment: _old, ...rest } = this._errors;
    this._errors = rest;
    this._changed();
    await this.updateComplete;
    this._fileInput.focus();
  }

  private async _focusFirstError(): Promise<void> {
    await this.updateComplete;
    const first = FIELD_ORDER.find((f) => this._errors[f]);
    if (first) (this.renderRoot.querySelector(`[name="${first}"]`) as HTMLElement | null)?.focus();
  }

  private async _submit(e?: Event): Promise<void> {
    e?.preventDefault();
    if (this._busy) return;
    this._submitted = true;
    const errors = this._validate();
    this._showErrors(errors);
    const space = this._space;
    if (errors.length || !space) {
      await this._focusFirstError();
      return;
    }
    if (!this.post) throw new Error('dk-notice-form: `post` is not set');
    this._busy = true;
    try {
      const input = this._input();
      const notice = await this.post(space, input, this._file ?? undefined);
      this.dispatchEvent(
        new CustomEvent('dk-notice-posted', { bubbles: true, composed: true, detail: { notice, title: input.title.trim() } }),
      );
      this.reset();
    } catch (err) {
      const failure = saveFailure(err, 'notices.error.storageFull', 'Posting a notice');
      if ('fields' in failure) {
        this._showErrors(failure.fields);
        await this._focusFirstError();
      } else this._formError = failure.message;
    } finally {
      this._busy = false;
    }
  }

  /** Clears the form (after a successful post). */
  reset(): void {
    this._title = '';
    this._body = '';
    this._pinned = false;
    this._expiresOn = '';
    this._file = null;
    if (this._fileInput) this._fileInput.value = '';
    this._errors = {};
    this._formError = '';
    this._submitted = false;
    setUnsaved(this._unsavedKey, false);
  }

  private _onBodyKey(e: KeyboardEvent): void {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void this._submit();
    }
  }

  private _error(field: Field) {
    const err = this._errors[field];
    return errorLine(field, err && t(err.code, err.params));
  }

  private _describedBy(field: Field, hint?: string): string | typeof nothing {
    return fieldAria(field, !!this._errors[field], hint).describedBy;
  }

  private _invalid(field: Field): 'true' | 'false' {
    return fieldAria(field, !!this._errors[field]).invalid;
  }

  override render() {
    const space = this._space;
    const titleLen = this._title.trim().length;
    const bodyLen = this._body.trim().length;
    return html`<form novalidate @submit=${this._submit} aria-busy=${this._busy ? 'true' : 'false'}>
      <div class="form-error" role="alert">
        ${this._formError ? html`<p class="banner danger">${icons.warning} ${this._formError}</p>` : nothing}
      </div>
      <div class="field">
        <label for="space">${t('notices.form.audience')}</label>
        <select
          id="space"
          name="space"
          aria-invalid=${this._invalid('space')}
          aria-describedby=${this._describedBy('space')}
          @change=${(e: Event) => {
            this._spaceDb = (e.target as HTMLSelectElement).value;
            this._changed();
          }}
        >
          ${this.spaces.map((s) => html`<option value=${s.db} ?selected=${s.db === space?.db}>${audienceLabel(s)}</option>`)}
        </select>
        ${this._error('space')}
      </div>
      <div class="field">
        <div class="label-line">
          <label for="title">${t('notices.form.titleLabel')}</label>
          <span id="title-count" class="count ${titleLen > NOTICE_LIMITS.titleMax ? 'over' : ''}"
            >${t('notices.form.charCount', { count: titleLen, max: NOTICE_LIMITS.titleMax })}</span
          >
        </div>
        <input
          id="title"
          name="title"
          type="text"
          dir="auto"
          autocomplete="off"
          .value=${this._title}
          aria-invalid=${this._invalid('title')}
          aria-describedby=${this._describedBy('title', 'title-count')}
          @input=${(e: Event) => {
            this._title = (e.target as HTMLInputElement).value;
            this._changed();
          }}
        />
        ${this._error('title')}
      </div>
      <div class="field">
        <div class="label-line">
          <label for="body">${t('notices.form.body')}</label>
          <span id="body-count" class="count ${bodyLen > NOTICE_LIMITS.bodyMax ? 'over' : ''}"
            >${t('notices.form.charCount', { count: bodyLen, max: NOTICE_LIMITS.bodyMax })}</span
          >
        </div>
        <textarea
          id="body"
          name="body"
          dir="auto"
          rows="8"
          .value=${this._body}
          aria-invalid=${this._invalid('body')}
          aria-describedby=${this._describedBy('body', 'body-count')}
          @input=${(e: Event) => {
            this._body = (e.target as HTMLTextAreaElement).value;
            this._changed();
          }}
          @keydown=${this._onBodyKey}
        ></textarea>
        ${this._error('body')}
      </div>
      <div class="row">
        <div class="field">
          <label for="expiresOn">${t('notices.form.expiresOn')} <span class="hint">${t('common.optional')}</span></label>
          <input
            id="expiresOn"
            name="expiresOn"
            type="date"
            min=${this._today}
            .value=${this._expiresOn}
            aria-invalid=${this._invalid('expiresOn')}
            aria-describedby=${this._describedBy('expiresOn', 'expires-hint')}
            @input=${(e: Event) => {
              this._expiresOn = (e.target as HTMLInputElement).value;
              this._changed();
            }}
          />
          <span id="expires-hint" class="hint">${t('notices.form.expiresHint')}</span>
          ${this._error('expiresOn')}
        </div>
        <div class="check">
          <input
            id="pinned"
            name="pinned"
            type="checkbox"
            .checked=${this._pinned}
            aria-describedby="pinned-hint"
            @change=${(e: Event) => {
              this._pinned = (e.target as HTMLInputElement).checked;
              this._changed();
            }}
          />
          <label for="pinned" class="label">${t('notices.form.pinned')}</label>
          <span id="pinned-hint" class="hint">${t('notices.form.pinnedHint')}</span>
        </div>
      </div>
      <div class="field">
        <label for="attachment">${t('notices.form.attachment')} <span class="hint">${t('common.optional')}</span></label>
        <div class="picker">
          <!-- The browser's own file button speaks the browser's language; this one speaks the app's. -->
          <input
            id="attachment"
            name="attachment"
            type="file"
            class="visually-hidden"
            accept=${NOTICE_LIMITS.attachmentTypes.join(',')}
            aria-invalid=${this._invalid('attachment')}
            aria-describedby=${this._describedBy('attachment', 'attachment-hint')}
            @change=${this._onFile}
          />
          <label for="attachment" class="btn choose">${icons.paperclip}${t('notices.form.chooseFile')}</label>
          ${this._file ? nothing : html`<span class="hint">${t('notices.form.noFile')}</span>`}
        </div>
        <span id="attachment-hint" class="hint">${t('notices.form.attachmentHint', { maxMb: MAX_MB })}</span>
        ${
          this._file
            ? html`<div class="file">
                ${icons.paperclip}
                <span class="name">${this._file.name} · ${formatBytes(this._file.size)}</span>
                <button
                  type="button"
                  class="btn ghost"
                  @click=${this._removeFile}
                  aria-label=${t('notices.form.removeFile', { name: this._file.name })}
                >
                  ${icons.close}
                </button>
              </div>`
            : nothing
        }
        ${this._error('attachment')}
      </div>
      <p class="note">${t('notices.form.offlineNote')}</p>
      <div class="actions">
        <button
          type="button"
          class="btn"
          @click=${() => this.dispatchEvent(new CustomEvent('dk-cancel', { bubbles: true, composed: true }))}
        >
          ${t('common.cancel')}
        </button>
        <button type="submit" class="btn primary" ?disabled=${this._busy}>
          ${this._busy ? t('notices.form.submitting') : t('notices.form.submit')}
        </button>
      </div>
    </form>`;
  }

  /** Submits programmatically (same path as the submit button). */
  requestSubmit(): void {
    this._form.requestSubmit();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-notice-form': DkNoticeForm;
  }
  interface GlobalEventHandlersEventMap {
    'dk-notice-posted': CustomEvent<{ notice: unknown; title: string }>;
    'dk-cancel': CustomEvent<void>;
  }
}
