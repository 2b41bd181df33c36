import { type TemplateResult, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { type TaskRow, recordTaskEvent, taskActorOf } from '../../data/tasks.ts';
import type { FieldError } from '../../model/doc.ts';
import { validateAttachments } from '../../model/documents/validation.ts';
import { type TaskEventInput, canApplyTaskEvent } from '../../model/tasks/rules.ts';
import { type TaskEventKind, type TaskPriority, TASK_PRIORITIES } from '../../model/tasks/types.ts';
import { t } from '../../i18n/i18n.ts';
import { StepFormBase, type StepFormWording } from '../../ui/forms/step-form-base.ts';
import '../documents/dk-file-picker.ts';
import { errorText } from '../documents/form-errors.ts';
import { taskPriorityLabel } from './labels.ts';
import './messages-detail.ts';
import './messages-form.ts';
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

/** The files picker of the task forms (`name="attachments"`, optional, camera allowed), reporting each change to `change`. */
export function taskFilesPicker(label: string, files: File[], change: (files: File[]) => void): TemplateResult {
  return html`<dk-file-picker
    name="attachments"
    optional
    camera
    .label=${label}
    .files=${files}
    @dk-files-change=${(e: CustomEvent<{ files: File[] }>) => change(e.detail.files)}
  ></dk-file-picker>`;
}

/** The priority select of the task forms (`#priority`), showing `value` and reporting each choice to `change`. */
export function prioritySelect(value: TaskPriority, change: (p: TaskPriority) => void): TemplateResult {
  return html`<div class="field">
    <label for="priority">${t('taskForm.priority')}</label>
    <select id="priority" name="priority" @change=${(e: Event) => change((e.target as HTMLSelectElement).value as TaskPriority)}>
      ${TASK_PRIORITIES.map((p) => html`<option value=${p} ?selected=${value === p}>${taskPriorityLabel(p)}</option>`)}
    </select>
  </div>`;
}

const fileInputs = (files: readonly File[]) => files.map((f) => ({ name: f.name, type: f.type, size: f.size }));

/**
 * What every task step form shares beyond `StepFormBase` (ui/forms): the task row; checking the input with the
 * model's rules (`canApplyTaskEvent`, so the form and the server never disagree) with each refusal shown beside its
 * field; saving with `recordTaskEvent`. Subclasses render their fields and say what the event is (`input`).
 *
 * @fires dk-task-step-done - `{ kind }` after the event was saved.
 * @fires dk-cancel - The user chose Cancel (or pressed Escape).
 */
export abstract class TaskStepForm extends StepFormBase {
  static override styles = [
    ...StepFormBase.styles,
    css`
      dk-file-picker,
      dk-task-people-picker,
      dk-task-link-picker {
        display: block;
        min-inline-size: 0;
      }
      .row {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr));
        gap: var(--dk-space-4);
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
      .mentions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-2);
      }
    `,
  ];

  @property({ attribute: false }) row!: TaskRow;
  /** Writes the event; the data layer's by default (tests inject failures). */
  @property({ attribute: false }) record: typeof recordTaskEvent = recordTaskEvent;

  protected readonly wording: StepFormWording = {
    fixErrors: 'taskAction.fixErrors',
    storageFull: 'taskAction.storageFull',
    offlineNote: 'taskAction.offlineNote',
    saving: 'taskAction.saving',
    failure: 'Saving a task step',
    errorText,
  };
  protected readonly pickers = 'dk-task-people-picker';
  protected override readonly itemErrorsBeside = true;

  /** The event as typed so far. */
  protected abstract input(): TaskEventInput;
  /** Files going with it. */
  protected files(): File[] {
    return [];
  }
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

  /** Validates, then records the event; on success fires `dk-task-step-done`. Returns whether it was saved. */
  protected save(): Promise<boolean> {
    return this.saveWith(async () => {
      const input = this.input();
      await this.record(this.me, this.row.id, input, this.files());
      this.dispatchEvent(
        new CustomEvent<TaskStepDoneDetail>('dk-task-step-done', { bubbles: true, composed: true, detail: { kind: input.kind } }),
      );
    });
  }

  /** The frame every step form uses: errors on top, the fields, the offline note, Cancel and submit. */
  protected frame(fields: TemplateResult, submitLabel: string, opts: { danger?: boolean } = {}): TemplateResult {
    return this.renderFrame(fields, submitLabel, () => void this.save(), opts.danger);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dk-task-step-done': CustomEvent<TaskStepDoneDetail>;
  }
}
