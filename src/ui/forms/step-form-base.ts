import { LitElement, type TemplateResult, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { type Directory, emptyDirectory } from '../../data/directory.ts';
import { LocaleController, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import type { FieldError } from '../../model/doc.ts';
import { wardDay } from '../../model/time.ts';
import { icons } from '../icons.ts';
import { sharedStyles } from '../shared-styles.ts';
import { setUnsaved } from '../unsaved.ts';
import { inputField, textAreaField } from './fields.ts';
import { formStyles } from './form-styles.ts';
import { errorsUnder, focusErrorField, formErrorText, isUnder, withDays } from './form-errors.ts';
import { saveForm } from './save-form.ts';

/** The words a family of step forms uses (catalog keys), and how it words a field error. */
export interface StepFormWording {
  fixErrors: string;
  storageFull: string;
  offlineNote: string;
  saving: string;
  /** What the log says failed, e.g. `Saving a task step`. */
  failure: string;
  /** The text of a field error (before its days are written the ward's way). */
  errorText: (e: FieldError) => string;
}

/** Layout of a step form (after `formStyles`): text areas, fieldsets and legends. */
export const stepFormStyles = css`
  :host {
    display: block;
  }
  textarea {
    min-block-size: 5rem;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    display: grid;
    gap: var(--dk-space-2);
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    margin-block-end: var(--dk-space-1);
    font-weight: 600;
    font-size: var(--dk-font-size-sm);
  }
`;

const FIELDS = 'textarea, input:not([type="hidden"]), select';
let formCount = 0;

/**
 * What the step forms of documents (features/documents/step-form.ts) and of tasks (features/tasks/task-step-form.ts)
 * share, so both work the same way: inline errors beside their fields and the rest at the top; after a first
 * attempt errors follow the input; focus on the first field with an error; the busy state while saving; a failed
 * save shown without clearing what was typed; the frame (errors, fields, offline note, Cancel / submit; Escape
 * cancels). Each family says what it saves and with which words (`wording`). It sits in ui/ because two features
 * use it.
 *
 * @fires dk-cancel - The user chose Cancel (or pressed Escape).
 */
export abstract class StepFormBase extends LitElement {
  static override styles = [sharedStyles, formStyles, stepFormStyles];

  @property({ attribute: false }) me!: MeResponse;
  @property({ attribute: false }) directory: Directory = emptyDirectory();
  /** Today in the ward (`YYYY-MM-DD`); pinned by tests. */
  @property() today?: string;

  @state() protected _errors: FieldError[] = [];
  @state() protected _formError = '';
  @state() protected _busy = false;
  protected _submitted = false;

  protected readonly _locale = new LocaleController(this);
  /** Typed or chosen input not saved yet: the update prompt asks before reloading over it (`ui/unsaved.ts`). */
  private readonly _unsavedKey = `step-form-${++formCount}`;
  private readonly _markUnsaved = (): void => setUnsaved(this._unsavedKey, true);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    setUnsaved(this._unsavedKey, false);
  }

  protected get _today(): string {
    return this.today ?? wardDay();
  }

  protected abstract readonly wording: StepFormWording;
  /** The pickers (tag names) `focusFirst` may land on besides the plain controls. */
  protected abstract readonly pickers: string;
  /** Whether an error about an item of a field (`attachments.2`) shows under the field too, not only its own. */
  protected readonly itemErrorsBeside: boolean = false;

  /** Form fields in focus order, to focus the first one with an error. */
  protected abstract readonly fieldOrder: string[];

  /** The errors of the current input. */
  protected abstract validate(): FieldError[];

  /** After a first attempt, errors follow the input as it is corrected. */
  protected changed(): void {
    if (this._submitted) this.showErrors(this.validate());
  }

  protected showErrors(errors: FieldError[]): void {
    this._errors = errors;
    this._formError = formErrorText(errors, this.fieldOrder, (e) => this.errorMessage(e), this.wording.fixErrors);
  }

  /** Message of an error, with days in its parameters written the ward's way. */
  protected errorMessage(e: FieldError): string {
    return withDays(e, this.wording.errorText);
  }

  protected errorsOf(field: string): FieldError[] {
    return errorsUnder(this._errors, field);
  }

  /** The message of the error shown under `field`, if any. */
  protected errorAt(field: string): string | undefined {
    const err = this._errors.find((e) => (this.itemErrorsBeside ? isUnder(e, field) : e.field === field));
    return err ? this.errorMessage(err) : undefined;
  }

  protected fieldError(field: string): TemplateResult | typeof nothing {
    const message = this.errorAt(field);
    return message !== undefined ? html`<p id="${field}-error" class="error">${message}</p>` : nothing;
  }

  protected invalid(field: string): 'true' | 'false' {
    return this._errors.some((e) => e.field === field) ? 'true' : 'false';
  }

  protected describedBy(field: string, hint?: string): string | typeof nothing {
    const ids = [this.invalid(field) === 'true' ? `${field}-error` : '', hint ?? ''].filter(Boolean).join(' ');
    return ids || nothing;
  }

  /** Focuses the first field of the form. */
  focusFirst(): void {
    (this.renderRoot.querySelector(`${FIELDS}, ${this.pickers}`) as HTMLElement | null)?.focus();
  }

  protected async focusFirstError(): Promise<void> {
    await this.updateComplete;
    await focusErrorField(
      this.renderRoot,
      this.fieldOrder.find((f) => this.errorsOf(f).length > 0),
    );
  }

  /**
   * Validates; with no error, runs `write` (busy meanwhile) and returns true once it resolved. A failure shows the
   * data layer's field errors beside their fields, or one message at the top; what was typed stays.
   */
  protected async saveWith(write: () => Promise<void>): Promise<boolean> {
    if (this._busy) return false;
    this._submitted = true;
    const saved = await saveForm({
      errors: this.validate(),
      showErrors: (errors) => this.showErrors(errors),
      focusFirstError: () => this.focusFirstError(),
      showMessage: (text) => (this._formError = text),
      setBusy: (busy) => (this._busy = busy),
      storageFull: this.wording.storageFull,
      what: this.wording.failure,
      write,
    });
    if (saved) setUnsaved(this._unsavedKey, false);
    return saved;
  }

  protected cancel(): void {
    this.dispatchEvent(new CustomEvent('dk-cancel', { bubbles: true, composed: true }));
  }

  /** The frame every step form uses: errors on top, the fields, the offline note, Cancel and submit. */
  protected renderFrame(fields: TemplateResult, submitLabel: string, onSubmit: () => void, danger = false): TemplateResult {
    return html`<form
      novalidate
      aria-busy=${this._busy ? 'true' : 'false'}
      @input=${this._markUnsaved}
      @change=${this._markUnsaved}
      @dk-files-change=${this._markUnsaved}
      @dk-assignees-change=${this._markUnsaved}
      @dk-people-change=${this._markUnsaved}
      @submit=${(e: Event) => {
        e.preventDefault();
        onSubmit();
      }}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          this.cancel();
        }
      }}
    >
      <div class="form-error" role="alert" tabindex="-1">
        ${this._formError ? html`<p class="banner danger">${icons.warning} ${this._formError}</p>` : nothing}
      </div>
      ${fields}
      <p class="note">${t(this.wording.offlineNote)}</p>
      <div class="buttons">
        <button type="button" class="btn" @click=${() => this.cancel()}>${t('common.cancel')}</button>
        <button type="submit" class="btn ${danger ? 'danger' : 'primary'}" ?disabled=${this._busy}>
          ${this._busy ? t(this.wording.saving) : submitLabel}
        </button>
      </div>
    </form>`;
  }

  /** A labelled text area bound to `value`, with its error. */
  protected textArea(
    field: string,
    label: string,
    value: string,
    set: (v: string) => void,
    opts: { optional?: boolean; hint?: string } = {},
  ): TemplateResult {
    const input = (v: string): void => {
      set(v);
      this.changed();
    };
    return textAreaField(field, label, value, this.errorAt(field), input, { ...opts, invalid: this.invalid(field) === 'true' });
  }

  /** A labelled date or time input bound to `value`, with its error. */
  protected dateInput(
    field: string,
    label: string,
    value: string,
    set: (v: string) => void,
    opts: { min?: string; max?: string; type?: 'date' | 'time'; optional?: boolean; disabled?: boolean } = {},
  ): TemplateResult {
    const input = (v: string): void => {
      set(v);
      this.changed();
    };
    return inputField(field, label, value, this.errorAt(field), input, {
      ...opts,
      type: opts.type ?? 'date',
      invalid: this.invalid(field) === 'true',
    });
  }
}
