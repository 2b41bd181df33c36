import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { unitNameOf } from '../../data/directory.ts';
import { formatDay, t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import { validateDirection } from '../../model/documents/validation.ts';
import type { AssignmentState } from '../../model/documents/workflow.ts';
import type { AssigneePick } from './dk-assignee-picker.ts';
import './dk-assignee-picker.ts';
import { assignmentsOf, withDefaultDeadlines } from './dk-direct-form.ts';
import { roleLabel } from './labels.ts';
import { StepForm } from './step-form.ts';

/**
 * Unit head passes the unit's assignment on to people of the unit (giao xử lý, the third level of the routing
 * slip): members only, each with a deadline not after the unit's own; a for-information assignment is passed on
 * for information only. Starts from the people already assigned under this node.
 */
@customElement('dk-forward-form')
export class DkForwardForm extends StepForm {
  @state() private _note = '';
  @state() private _picks: AssigneePick[] = [];
  private _prefilled = false;

  protected readonly fieldOrder = ['note', 'assignments'];

  private get _node(): AssignmentState | undefined {
    return this.row.state.direction === 'incoming'
      ? this.row.state.assignments.find((a) => a.key === this.action.assignmentKey)
      : undefined;
  }

  override willUpdate(): void {
    if (this._prefilled || !this.row || this.row.state.direction !== 'incoming') return;
    this._prefilled = true;
    const key = this.action.assignmentKey;
    this._picks = this.row.state.assignments
      .filter((a) => a.parentKey === key && a.state === 'open')
      .map((a) => ({ assignee: a.assignee, role: a.role, ...(a.deadline ? { deadline: a.deadline } : {}) }));
  }

  private get _forInformation(): boolean {
    return this._node?.role === 'forInformation';
  }

  protected validate(): FieldError[] {
    const node = this._node;
    return validateDirection(
      { note: this._note, assignments: assignmentsOf(this._picks, this._forInformation ? 'forInformation' : 'lead') },
      this._today,
      {
        forwarding: true,
        ...(node?.deadline ? { parentDeadline: node.deadline } : {}),
        forInformationOnly: this._forInformation,
      },
    );
  }

  override render() {
    const node = this._node;
    if (!node || node.assignee.kind !== 'unit') return html``;
    const unitId = node.assignee.unitId;
    const hint = node.deadline ? t('actions.forward.hint', { deadline: formatDay(node.deadline) }) : t('actions.forward.hintNoDeadline');
    const fields = html`
      <p class="note">${t('actions.forward.intro', { unit: unitNameOf(this.directory, unitId), role: roleLabel(node.role) })}</p>
      ${this.textArea('note', t('actions.forward.note'), this._note, (v) => (this._note = v), { optional: true })}
      <dk-assignee-picker
        name="assignments"
        field="assignments"
        .label=${t('actions.forward.assignments')}
        .hint=${hint}
        .directory=${this.directory}
        .value=${this._picks}
        .roles=${this._forInformation ? ['forInformation'] : ['lead', 'coordinating', 'forInformation']}
        ?deadlines=${!this._forInformation}
        .today=${this._today}
        .maxDeadline=${node.deadline}
        unit-id=${unitId}
        .errors=${this.errorsOf('assignments')}
        @dk-assignees-change=${(e: CustomEvent<{ value: AssigneePick[] }>) => {
          this._picks = withDefaultDeadlines(this._picks, e.detail.value, node.deadline);
          this.changed();
        }}
      ></dk-assignee-picker>
    `;
    return this.frame(fields, t('actions.forward.submit'), () => {
      void this.save({
        kind: 'forwarded',
        assignee: node.assignee,
        assignmentKey: node.key,
        ...(this._note.trim() ? { note: this._note.trim() } : {}),
        assignments: assignmentsOf(this._picks, this._forInformation ? 'forInformation' : 'lead'),
      });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-forward-form': DkForwardForm;
  }
}
