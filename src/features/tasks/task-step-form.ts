import { LitElement, type TemplateResult, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { type Directory, emptyDirectory } from '../../data/directory.ts';
import { type TaskRow, recordTaskEvent, taskActorOf } from '../../data/tasks.ts';
import { LocaleController, formatDay, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import type { FieldError } from '../../model/doc.ts';
import { validateAttachments } from '../../model/documents/validation.ts';
import { type TaskEventInput, canApplyTaskEvent } from '../../model/tasks/rules.ts';
import type { TaskEventKind } from '../../model/tasks/types.ts';
import { wardDay } from '../../model/time.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { errorText, saveFailure } from '../documents/form-errors.ts';
import './messages-detail.ts';
import './messages-rules.ts';

/** Fired by a task step form once its event is saved. */
export interface TaskStepDoneDetail {
  kind: TaskEventKind;
}

/** The form field a rule's refusal is about, so it shows beside that field instead of at the top. */
const FIELD_OF_CODE: Record<string, string> = {
  noteRequired: 'note',
  noteTooLong: 'note',
  percentInvalid: 'percent',
  reportEmpty: 'percent',
  deadlineRequired: 'deadline',
  deadlineInvalid: 'deadline',
  timeInvalid: 'deadlineTime',
  answerRequired: 'accepted',
  noChanges: 'form',
  editInvalid: 'form',
  leadRequired: 'lead',
  leadIsCoordinator: 'coordinators',
  tooManyPeople: 'followers',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const fileInputs = (files: readonly File[]) => files.map((f) => ({ name: f.name, type: f.type, size: f.size }));

/**
 * What every task step form shares: the task row, the person, the directory; checking the input with the model's
 * rules (`canApplyTaskEvent`, so the form and the server never disagree) with each refusal shown beside its field;
 * saving with `recordTaskEvent`; the Cancel / submit row; Escape cancels. What was typed is kept on an error.
 *
 * @fires dk-task-step-done - `{ kind }` after the event was saved.
 * @fires dk-cancel - The user chose Cancel (or pressed Escape).
 */
export abstract class TaskStepForm extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      dk-file-picker,
      dk-task-people-picker,
      dk-task-link-picker {
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
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr));
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
      .radio {
        display: flex;
        align-items: center;
        gap: var(--dk-space-2);
        min-block-size: var(--dk-touch-target);
      }
      .radio input {
        inline-size: 20px;
        block-size: 20px;
      }
    `,
  ];

  @property({ attribute: false }) me!: MeResponse;
  @property({ attribute: false }) row!: TaskRow;
  @property({ attribute: false }) directory: Directory = emptyDirectory();
  /** Today in the ward (`YYYY-MM-DD`); pinned by tests. */
  @property() today?: string;
  /** Writes the event; the data layer's by default (tests inject failures). */
  @property({ attribute: false }) record: typeof recordTaskEvent = recordTaskEvent;

  @state() protected _errors: FieldError[] = [];
  @state() protected _formError = '';
  @state() protected _busy = false;
  protected _submitted = false;

  protected readonly _locale = new LocaleController(this);

  protected get _today(): string {
    return this.today ?? wardDay();
  }

  /** The event as typed so far. */
  protected abstract input(): TaskEventInput;
  /** Files going with it. */
  protected files(): File[] {
    return [];
  }
  /** Form fields in focus order, to focus the first one with an error. */
  protected abstract readonly fieldOrder: string[];
  /** Checks of the form itself before the rules (e.g. a day in the past). */
  protected extraErrors(): FieldError[] {
    return [];
  }

  protected validate(): FieldError[] {
    const errors = [...this.extraErrors(), ...validateAttachments(fileInputs(this.files()))];
    const check = canApplyTaskEvent(this.row.state, this.input(), taskActorOf(this.me));
    // A report with only files passes the rules once the files are stored with it (the data layer adds them).
    if (!check.ok && !(check.code === 'reportEmpty' && this.files().length))
      errors.push({ field: FIELD_OF_CODE[check.code] ?? 'form', code: `task.rule.${check.code}` });
    return errors;
  }

  protected changed(): void {
    if (this._submitted) this.showErrors(this.validate());
  }

  protected showErrors(errors: FieldError[]): void {
    this._errors = errors;
    const other = errors.filter((e) => !this.fieldOrder.some((f) => e.field === f || e.field.startsWith(`${f}.`)));
    this._formError = other.length ? other.map((e) => this.errorMessage(e)).join(' ') : errors.length ? t('taskAction.fixErrors') : '';
  }

  protected errorMessage(e: FieldError): string {
    if (!e.params) return errorText(e);
    const params = Object.fromEntries(
      Object.entries(e.params).map(([k, v]) => [k, typeof v === 'string' && DAY.test(v) ? formatDay(v) : v]),
    );
    return errorText({ ...e, params });
  }

  protected fieldError(field: string): TemplateResult | typeof nothing {
    const err = this._errors.find((e) => e.field === field || e.field.startsWith(`${field}.`));
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
    (this.renderRoot.querySelector('textarea, input:not([type="hidden"]), select, dk-task-people-picker') as HTMLElement | null)?.focus();
  }

  protected async focusFirstError(): Promise<void> {
    await this.updateComplete;
    const first = this.fieldOrder.find((f) => this._errors.some((e) => e.field === f || e.field.startsWith(`${f}.`)));
    if (!first) {
      (this.renderRoot.querySelector('.form-error') as HTMLElement | null)?.focus();
      return;
    }
    const el = this.renderRoot.querySelector(`[name="${first}"]`) as (HTMLElement & { focusFirstError?: () => Promise<void> }) | null;
    if (el?.focusFirstError) await el.focusFirstError();
    else el?.focus();
  }

  /** Validates, then records the event; on success fires `dk-task-step-done`. Returns whether it was saved. */
  protected async save(): Promise<boolean> {
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
      const input = this.input();
      await this.record(this.me, this.row.id, input, this.files());
      this.dispatchEvent(
        new CustomEvent<TaskStepDoneDetail>('dk-task-step-done', { bubbles: true, composed: true, detail: { kind: input.kind } }),
      );
      return true;
    } catch (err) {
      const failure = saveFailure(err, 'taskAction.storageFull', 'Saving a task step');
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
  protected frame(fields: TemplateResult, submitLabel: string, opts: { danger?: boolean } = {}): TemplateResult {
    return html`<form
      novalidate
      aria-busy=${this._busy ? 'true' : 'false'}
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.save();
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
      <p class="note">${t('taskAction.offlineNote')}</p>
      <div class="buttons">
        <button type="button" class="btn" @click=${() => this.cancel()}>${t('common.cancel')}</button>
        <button type="submit" class="btn ${opts.danger ? 'danger' : 'primary'}" ?disabled=${this._busy}>
          ${this._busy ? t('taskAction.saving') : submitLabel}
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

  /** A labelled date or time input bound to `value`, with its error. */
  protected dateInput(
    field: string,
    label: string,
    value: string,
    set: (v: string) => void,
    opts: { min?: string; max?: string; type?: 'date' | 'time'; optional?: boolean; disabled?: boolean } = {},
  ) {
    return html`<div class="field">
      <label for=${field}>${label}${opts.optional ? html` <span class="hint">${t('common.optional')}</span>` : nothing}</label>
      <input
        id=${field}
        name=${field}
        type=${opts.type ?? 'date'}
        min=${opts.min ?? nothing}
        max=${opts.max ?? nothing}
        ?disabled=${opts.disabled}
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
    'dk-task-step-done': CustomEvent<TaskStepDoneDetail>;
  }
}
