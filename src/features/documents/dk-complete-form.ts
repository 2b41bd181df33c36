import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import { DOCUMENT_LIMITS } from '../../model/documents/validation.ts';
import type { AssignmentState, IncomingState } from '../../model/documents/workflow.ts';
import { StepForm } from './step-form.ts';

/**
 * Whether completing `node` completes the whole document: the top-level lead, or a lead person under it (their
 * completion closes the unit's lead part, which closes the document).
 */
export function completesDocument(state: IncomingState, node: AssignmentState): boolean {
  if (node.role !== 'lead') return false;
  if (!node.parentKey) return true;
  const parent = state.assignments.find((a) => a.key === node.parentKey);
  return !!parent && completesDocument(state, parent);
}

/** Completion (hoàn thành) of an assignment, with the outcome; the button and the hint say what it closes. */
@customElement('dk-complete-form')
export class DkCompleteForm extends StepForm {
  @state() private _note = '';

  protected readonly fieldOrder = ['note'];

  protected validate(): FieldError[] {
    return this._note.trim().length > DOCUMENT_LIMITS.noteMax
      ? [{ field: 'note', code: 'error.tooLong', params: { max: DOCUMENT_LIMITS.noteMax } }]
      : [];
  }

  override render() {
    const node = this.assignment;
    const whole = !!node && this.row.state.direction === 'incoming' && completesDocument(this.row.state, node);
    const fields = html`
      <p class="note">${whole ? t('actions.complete.documentHint') : t('actions.complete.partHint')}</p>
      ${this.textArea('note', t('actions.complete.note'), this._note, (v) => (this._note = v), { optional: true })}
    `;
    return this.frame(fields, t('actions.complete.submit'), () => {
      void this.save({ kind: 'completed', ...this.onNode, ...(this._note.trim() ? { note: this._note.trim() } : {}) });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-complete-form': DkCompleteForm;
  }
}
