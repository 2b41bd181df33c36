import { LitElement, type TemplateResult, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { type Directory, emptyDirectory, membersOf } from '../../data/directory.ts';
import { type DocumentRow, recordStep } from '../../data/documents.ts';
import { LocaleController, formatDay, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import type { FieldError } from '../../model/doc.ts';
import type { AvailableAction } from '../../model/documents/actions.ts';
import type { OfficialDocumentEventKind } from '../../model/documents/types.ts';
import type { AssignmentState, EventInput } from '../../model/documents/workflow.ts';
import { wardDay } from '../../model/time.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { errorText, saveFailure } from './form-errors.ts';
import './messages-actions.ts';
import './messages-workflow.ts';

/** Fired by a step form once its step is saved. */
export interface StepDoneDetail {
  kind: OfficialDocumentEventKind;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What every step form shares: the document, the person, the directory and the action it was opened for;
 * inline errors (the model's `validate*` codes beside their fields, refusals `workflow.<reason>` at the top);
 * saving with `recordStep` (membership checked against the directory); the Cancel / submit row.
 * What was typed is never cleared by an error. Subclasses render their fields and call `save`.
 *
 * @fires dk-step-done - `{ kind }` after the step was saved.
 * @fires dk-cancel - The user chose Cancel (or pressed Escape).
 */
export abstract class StepForm extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      /* The pickers are inline by default; in a grid cell they must not grow past a phone's width. */
      dk-assignee-picker,
      dk-file-picker {
        display: block;
        min-inline-size: 0;
      }
      form {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: var(--dk-space-4);
      }
      .row {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
        gap: var(--dk-space-4);
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: var(--dk-space-2);
      }
      .note {
        margin: 0;
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      .form-error:empty {
        display: none;
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
    `,
  ];

  @property({ attribute: false }) me!: MeResponse;
  @property({ attribute: false }) row!: DocumentRow;
  @property({ attribute: false }) directory: Directory = emptyDirectory();
  @property({ attribute: false }) action!: AvailableAction;
  /** Today in the ward (`YYYY-MM-DD`); pinned by tests. */
  @property() today?: string;

  @state() protected _errors: FieldError[] = [];
  @state() protected _formError = '';
  @state() protected _busy = false;
  protected _submitted = false;

  protected readonly _locale = new LocaleController(this);

  protected get _today(): string {
    return this.today ?? wardDay();
  }

  /** The assignment node the action is about (assignment steps). */
  protected get assignment(): AssignmentState | undefined {
    const state = this.row?.state;
    return state?.direction === 'incoming' ? state.assignments.find((a) => a.key === this.action?.assignmentKey) : undefined;
  }

  /** `assignee` + `assignmentKey` of the node, for assignment steps. */
  protected get onNode(): Pick<EventInput, 'assignee' | 'assignmentKey'> {
    const a = this.assignment;
    return a ? { assignee: a.assignee, assignmentKey: a.key } : {};
  }

  /** The errors of the current input (`validate*` of the model). */
  protected abstract validate(): FieldError[];

  /** Form fields in focus order, to focus the first one with an error. */
  protected abstract readonly fieldOrder: string[];

  /** After a first attempt, errors follow the input as it is corrected. */
  protected changed(): void {
    if (this._submitted) this.showErrors(this.validate());
  }

  protected showErrors(errors: FieldError[]): void {
    this._errors = errors;
    const known = errors.filter((e) => this.fieldOrder.some((f) => e.field === f || e.field.startsWith(`${f}.`)));
    const other = errors.filter((e) => !known.includes(e));
    this._formError = other.length ? other.map((e) => this.errorMessage(e)).join(' ') : errors.length ? t('actions.fixErrors') : '';
  }

  /** Message of an error, with days in its parameters written the ward's way. */
  protected errorMessage(e: FieldError): string {
    if (!e.params) return errorText(e);
    const params = Object.fromEntries(
      Object.entries(e.params).map(([k, v]) => [k, typeof v === 'string' && DAY.test(v) ? formatDay(v) : v]),
    );
    return errorText({ ...e, params });
  }

  protected errorsOf(field: string): FieldError[] {
    return this._errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`));
  }

  protected fieldError(field: string): TemplateResult | typeof nothing {
    const err = this._errors.find((e) => e.field === field);
    return err ? html`<p id="${field}-error" class="error">${this.errorMessage(err)}</p>` : nothing;
  }

  protected invalid(field: string): 'true' | 'false' {
    return this._errors.some((e) => e.field === field) ? 'true' : 'false';
  }

  protected describedBy(field: string, hint?: string): string | typeof nothing {
    const ids = [this._errors.some((e) => e.field === field) ? `${field}-error` : '', hint ?? ''].filter(Boolean).join(' ');
    return ids || nothing;
  }

  /** Focuses the first field of the form. */
  focusFirst(): void {
    (this.renderRoot.querySelector('textarea, input:not([type="hidden"]), select, dk-assignee-picker') as HTMLElement | null)?.focus();
  }

  protected async focusFirstError(): Promise<void> {
    await this.updateComplete;
    const first = this.fieldOrder.find((f) => this.errorsOf(f).length > 0);
    if (!first) {
      (this.renderRoot.querySelector('.form-error') as HTMLElement | null)?.focus();
      return;
    }
    const el = this.renderRoot.querySelector(`[name="${first}"]`) as (HTMLElement & { focusFirstError?: () => Promise<void> }) | null;
    if (el?.focusFirstError) await el.focusFirstError();
    else el?.focus();
  }

  /** Validates, then records the step; on success fires `dk-step-done`. Returns whether it was saved. */
  protected async save(input: EventInput, files: readonly File[] = [], before?: () => Promise<EventInput>): Promise<boolean> {
    if (this._busy) return false;
    this._submitted = true;
    const errors = this.validate();
    this.showErrors(errors);
    if (errors.length) {
      await this.focusFirstError();
      return false;
    }
    this._busy = true;
    try {
      const final = before ? await before() : input;
      const directory = this.directory;
      await recordStep(this.me, this.row.id, final, files, {
        membersOf: (unitId) => membersOf(directory, unitId).map((p) => p.name),
      });
      this.dispatchEvent(new CustomEvent<StepDoneDetail>('dk-step-done', { bubbles: true, composed: true, detail: { kind: final.kind } }));
      return true;
    } catch (err) {
      const failure = saveFailure(err, 'actions.storageFull', 'Saving a document step');
      if ('fields' in failure) {
        this.showErrors(failure.fields);
        await this.focusFirstError();
      } else this._formError = failure.message;
      return false;
    } finally {
      this._busy = false;
    }
  }

  protected cancel(): void {
    this.dispatchEvent(new CustomEvent('dk-cancel', { bubbles: true, composed: true }));
  }

  /** The frame every step form uses: errors on top, the fields, the offline note, Cancel and submit. */
  protected frame(fields: TemplateResult, submitLabel: string, onSubmit: () => void): TemplateResult {
    return html`<form
      novalidate
      aria-busy=${this._busy ? 'true' : 'false'}
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
      <p class="note">${t('actions.offlineNote')}</p>
      <div class="buttons">
        <button type="button" class="btn" @click=${() => this.cancel()}>${t('common.cancel')}</button>
        <button type="submit" class="btn primary" ?disabled=${this._busy}>${this._busy ? t('actions.saving') : submitLabel}</button>
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
  ) {
    const hintId = opts.hint ? `${field}-hint` : undefined;
    return html`<div class="field">
      <label for=${field}>${label} ${opts.optional ? html`<span class="hint">${t('common.optional')}</span>` : nothing}</label>
      <textarea
        id=${field}
        name=${field}
        dir="auto"
        rows="3"
        .value=${value}
        aria-invalid=${this.invalid(field)}
        aria-describedby=${this.describedBy(field, hintId)}
        @input=${(e: Event) => {
          set((e.target as HTMLTextAreaElement).value);
          this.changed();
        }}
      ></textarea>
      ${opts.hint ? html`<span id=${hintId!} class="hint">${opts.hint}</span>` : nothing} ${this.fieldError(field)}
    </div>`;
  }

  /** A labelled date input bound to `value`, with its error. */
  protected dateInput(field: string, label: string, value: string, set: (v: string) => void, opts: { min?: string; max?: string } = {}) {
    return html`<div class="field">
      <label for=${field}>${label}</label>
      <input
        id=${field}
        name=${field}
        type="date"
        min=${opts.min ?? nothing}
        max=${opts.max ?? nothing}
        .value=${value}
        aria-invalid=${this.invalid(field)}
        aria-describedby=${this.describedBy(field)}
        @input=${(e: Event) => {
          set((e.target as HTMLInputElement).value);
          this.changed();
        }}
      />
      ${this.fieldError(field)}
    </div>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dk-step-done': CustomEvent<StepDoneDetail>;
  }
}
