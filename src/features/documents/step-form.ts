import { type TemplateResult, css } from 'lit';
import { property } from 'lit/decorators.js';
import { membersOf } from '../../data/directory.ts';
import { type DocumentRow, recordStep } from '../../data/documents.ts';
import type { AvailableAction } from '../../model/documents/actions.ts';
import type { OfficialDocumentEventKind } from '../../model/documents/types.ts';
import type { AssignmentState, EventInput } from '../../model/documents/workflow.ts';
import { StepFormBase, type StepFormWording } from '../../ui/forms/step-form-base.ts';
import { errorText } from './form-errors.ts';
import './messages-actions.ts';
import './messages-workflow.ts';

/** Fired by a step form once its step is saved. */
export interface StepDoneDetail {
  kind: OfficialDocumentEventKind;
}

/**
 * What every document step form shares beyond `StepFormBase` (ui/forms): the document and the action it was opened
 * for; the model's `validate*` codes beside their fields, refusals `workflow.<reason>` at the top; saving with
 * `recordStep` (membership checked against the directory). Subclasses render their fields and call `save`.
 *
 * @fires dk-step-done - `{ kind }` after the step was saved.
 * @fires dk-cancel - The user chose Cancel (or pressed Escape).
 */
export abstract class StepForm extends StepFormBase {
  static override styles = [
    ...StepFormBase.styles,
    css`
      /* The pickers are inline by default; in a grid cell they must not grow past a phone's width. */
      dk-assignee-picker,
      dk-file-picker {
        display: block;
        min-inline-size: 0;
      }
      .row {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
        gap: var(--dk-space-4);
      }
    `,
  ];

  @property({ attribute: false }) row!: DocumentRow;
  @property({ attribute: false }) action!: AvailableAction;

  protected readonly wording: StepFormWording = {
    fixErrors: 'actions.fixErrors',
    storageFull: 'actions.storageFull',
    offlineNote: 'actions.offlineNote',
    saving: 'actions.saving',
    failure: 'Saving a document step',
    errorText,
  };
  protected readonly pickers = 'dk-assignee-picker';

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

  /** Validates, then records the step; on success fires `dk-step-done`. Returns whether it was saved. */
  protected save(input: EventInput, files: readonly File[] = [], before?: () => Promise<EventInput>): Promise<boolean> {
    return this.saveWith(async () => {
      const final = before ? await before() : input;
      const directory = this.directory;
      await recordStep(this.me, this.row.id, final, files, {
        membersOf: (unitId) => membersOf(directory, unitId).map((p) => p.name),
      });
      this.dispatchEvent(new CustomEvent<StepDoneDetail>('dk-step-done', { bubbles: true, composed: true, detail: { kind: final.kind } }));
    });
  }

  /** The frame every step form uses: errors on top, the fields, the offline note, Cancel and submit. */
  protected frame(fields: TemplateResult, submitLabel: string, onSubmit: () => void): TemplateResult {
    return this.renderFrame(fields, submitLabel, onSubmit);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dk-step-done': CustomEvent<StepDoneDetail>;
  }
}
