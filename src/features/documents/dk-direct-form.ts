import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import { type DirectionAssignment, assigneeKey, isConfidential } from '../../model/documents/types.ts';
import { validateDirection } from '../../model/documents/validation.ts';
import { topAssignments } from '../../model/documents/workflow.ts';
import type { AssigneePick } from './dk-assignee-picker.ts';
import './dk-assignee-picker.ts';
import { StepForm } from './step-form.ts';

/** Picks → the model's assignments (a for-information recipient has no deadline). */
export function assignmentsOf(picks: readonly AssigneePick[], defaultRole: DirectionAssignment['role'] = 'lead'): DirectionAssignment[] {
  return picks.map((p) => {
    const role = p.role ?? defaultRole;
    return { assignee: p.assignee, role, ...(p.deadline && role !== 'forInformation' ? { deadline: p.deadline } : {}) };
  });
}

/**
 * A new pick gets `deadline` (the document's, or the unit's for a forwarding) unless it is for information;
 * a pick switched to for-information loses its deadline.
 */
export function withDefaultDeadlines(before: readonly AssigneePick[], after: AssigneePick[], deadline: string | undefined): AssigneePick[] {
  const old = new Set(before.map((p) => assigneeKey(p.assignee)));
  return after.map((p) => {
    if (p.role === 'forInformation' && p.deadline) {
      const { deadline: _drop, ...rest } = p;
      return rest;
    }
    if (!old.has(assigneeKey(p.assignee)) && !p.deadline && deadline && p.role !== 'forInformation') return { ...p, deadline };
    return p;
  });
}

/**
 * Leader's direction (ý kiến chỉ đạo / bút phê): the direction text and who does what — exactly one lead,
 * coordinating and for-information recipients, a deadline per assignee (the document's own by default).
 * Confidential documents go to persons only. A re-direction (after a return, or to change the plan) starts
 * from the current open assignments.
 */
@customElement('dk-direct-form')
export class DkDirectForm extends StepForm {
  @state() private _note = '';
  @state() private _picks: AssigneePick[] = [];
  private _prefilled = false;

  protected readonly fieldOrder = ['note', 'assignments'];

  private get _confidential(): boolean {
    return isConfidential(this.row.doc.confidentiality);
  }

  private get _docDeadline(): string | undefined {
    return this.row.doc.direction === 'incoming' ? this.row.doc.deadline : undefined;
  }

  override willUpdate(): void {
    if (this._prefilled || !this.row || this.row.state.direction !== 'incoming') return;
    this._prefilled = true;
    this._picks = topAssignments(this.row.state)
      .filter((a) => a.state === 'open')
      .map((a) => ({ assignee: a.assignee, role: a.role, ...(a.deadline ? { deadline: a.deadline } : {}) }));
  }

  protected validate(): FieldError[] {
    return validateDirection({ note: this._note, assignments: assignmentsOf(this._picks) }, this._today, {
      confidential: this._confidential,
    });
  }

  override render() {
    const fields = html`
      ${this.textArea('note', t('actions.direct.note'), this._note, (v) => (this._note = v))}
      <dk-assignee-picker
        name="assignments"
        field="assignments"
        .label=${t('actions.direct.assignments')}
        .hint=${this._confidential ? `${t('actions.direct.hint')} ${t('actions.direct.confidentialHint')}` : t('actions.direct.hint')}
        .directory=${this.directory}
        .value=${this._picks}
        .roles=${['lead', 'coordinating', 'forInformation']}
        deadlines
        .today=${this._today}
        ?persons-only=${this._confidential}
        .errors=${this.errorsOf('assignments')}
        @dk-assignees-change=${(e: CustomEvent<{ value: AssigneePick[] }>) => {
          this._picks = withDefaultDeadlines(this._picks, e.detail.value, this._docDeadline);
          this.changed();
        }}
      ></dk-assignee-picker>
    `;
    return this.frame(fields, t('actions.direct.submit'), () => {
      void this.save({ kind: 'directed', note: this._note.trim(), assignments: assignmentsOf(this._picks) });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-direct-form': DkDirectForm;
  }
}
