import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { displayNameOf } from '../../data/directory.ts';
import { formatDay, t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import { DOCUMENT_LIMITS, validateAttachments, validateComment } from '../../model/documents/validation.ts';
import type { EventInput } from '../../model/documents/workflow.ts';
import './dk-file-picker.ts';
import { StepForm } from './step-form.ts';

const fileInputs = (files: readonly File[]) => files.map((f) => ({ name: f.name, type: f.type, size: f.size }));

interface NoteStep {
  label: string;
  required: boolean;
  hint?: string;
  submit: string;
  /** What else the step carries (the version commented on). */
  extra?: Partial<EventInput>;
}

/**
 * Steps that are a confirmation with a note: submit to the unit head, send to the leader, comment, request
 * changes (both tied to the current version), issue, recall (a reason required). The action's kind decides.
 */
@customElement('dk-note-step-form')
export class DkNoteStepForm extends StepForm {
  @state() private _note = '';

  protected readonly fieldOrder = ['note'];

  private get _step(): NoteStep {
    const state = this.row.state;
    const version = state.direction === 'outgoing' ? state.version : 1;
    const signer = this.row.doc.direction === 'outgoing' ? displayNameOf(this.directory, this.row.doc.signer) : '';
    switch (this.action.kind) {
      case 'submitted':
        return { label: t('actions.note'), required: false, hint: t('actions.submit.hint'), submit: t('actions.btn.submitted') };
      case 'forwardedToLeader':
        return {
          label: t('actions.note'),
          required: false,
          hint: t('actions.forwardToLeader.hint', { signer }),
          submit: t('actions.btn.forwardedToLeader'),
        };
      case 'reviewComment':
        return {
          label: t('actions.comment.note'),
          required: true,
          hint: t('actions.comment.hint', { version }),
          submit: t('actions.btn.reviewComment'),
          extra: { version },
        };
      case 'changesRequested':
        return {
          label: t('actions.changes.note'),
          required: true,
          hint: t('actions.comment.hint', { version }),
          submit: t('actions.btn.changesRequested'),
          extra: { version },
        };
      case 'issued': {
        const n = state.number;
        return {
          label: t('actions.note'),
          required: false,
          hint: t('actions.issue.hint', { number: n?.numberSymbol ?? '', day: n?.issuedOn ? formatDay(n.issuedOn) : '' }),
          submit: t('actions.btn.issued'),
        };
      }
      case 'recalled':
        return { label: t('actions.recall.note'), required: true, hint: t('actions.recall.hint'), submit: t('actions.btn.recalled') };
      default:
        return { label: t('actions.note'), required: false, submit: t('common.save') };
    }
  }

  protected validate(): FieldError[] {
    if (this._step.required) return validateComment({ note: this._note });
    return this._note.trim().length > DOCUMENT_LIMITS.noteMax
      ? [{ field: 'note', code: 'error.tooLong', params: { max: DOCUMENT_LIMITS.noteMax } }]
      : [];
  }

  override render() {
    const step = this._step;
    const fields = html`
      ${step.hint ? html`<p class="note">${step.hint}</p>` : nothing}
      ${this.textArea('note', step.label, this._note, (v) => (this._note = v), { optional: !step.required })}
    `;
    return this.frame(fields, step.submit, () => {
      void this.save({ kind: this.action.kind, ...step.extra, ...(this._note.trim() ? { note: this._note.trim() } : {}) });
    });
  }
}

/** A new version of the draft's files (files required); the earlier versions stay. */
@customElement('dk-version-form')
export class DkVersionForm extends StepForm {
  @state() private _note = '';
  @state() private _files: File[] = [];

  protected readonly fieldOrder = ['attachments', 'note'];

  protected validate(): FieldError[] {
    const errors: FieldError[] = [];
    if (this._files.length === 0) errors.push({ field: 'attachments', code: 'error.required' });
    errors.push(...validateAttachments(fileInputs(this._files)));
    if (this._note.trim().length > DOCUMENT_LIMITS.noteMax)
      errors.push({ field: 'note', code: 'error.tooLong', params: { max: DOCUMENT_LIMITS.noteMax } });
    return errors;
  }

  override render() {
    const next = (this.row.state.direction === 'outgoing' ? this.row.state.version : 1) + 1;
    const fields = html`
      <p class="note">${t('actions.version.hint', { version: next })}</p>
      <dk-file-picker
        name="attachments"
        field="attachments"
        .label=${t('actions.version.files')}
        .files=${this._files}
        @dk-files-change=${(e: CustomEvent<{ files: File[] }>) => {
          this._files = e.detail.files;
          this.changed();
        }}
      ></dk-file-picker>
      ${this.fieldError('attachments')}
      ${this.textArea('note', t('actions.version.note'), this._note, (v) => (this._note = v), { optional: true })}
    `;
    return this.frame(fields, t('actions.btn.newVersion'), () => {
      void this.save({ kind: 'newVersion', version: next, ...(this._note.trim() ? { note: this._note.trim() } : {}) }, this._files);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-note-step-form': DkNoteStepForm;
    'dk-version-form': DkVersionForm;
  }
}
