/**
 * The steps a person may take on a document now, for the UI's buttons: `canApply` tried with a placeholder
 * payload per step and, for assignment steps, per node of the direction tree. The forms still validate the
 * real input (`validation.ts`) and `canApply` is asked again with it before saving.
 */
import type { UserCtx } from '../roles.ts';
import type { OfficialDocumentEventKind } from './types.ts';
import { type DocumentState, type EventInput, canApply, isServer } from './workflow.ts';

export interface AvailableAction {
  kind: OfficialDocumentEventKind;
  /** For steps on one assignment: which node (`unit:vp`, `unit:vp>person:an.nguyen`). */
  assignmentKey?: string;
}

const FAR_FUTURE = '9999-12-31';

export function availableActions(state: DocumentState, actor: UserCtx): AvailableAction[] {
  if (isServer(actor)) return [];
  const tries: EventInput[] = [];
  if (state.direction === 'incoming') {
    tries.push({ kind: 'registered' });
    tries.push({ kind: 'directed', assignments: [{ assignee: { kind: 'person', name: actor.name }, role: 'lead' }] });
    for (const a of state.assignments) {
      const on = { assignee: a.assignee, assignmentKey: a.key };
      tries.push(
        { kind: 'read', ...on },
        {
          kind: 'forwarded',
          ...on,
          assignments: [{ assignee: { kind: 'person', name: actor.name }, role: a.role === 'forInformation' ? 'forInformation' : 'lead' }],
        },
        { kind: 'progress', ...on },
        { kind: 'returned', ...on, returnReason: 'other', note: '-' },
        { kind: 'extensionRequested', ...on, requestedDeadline: FAR_FUTURE },
        { kind: 'extensionAnswered', ...on, accepted: true },
        { kind: 'completed', ...on },
      );
    }
  } else {
    tries.push(
      { kind: 'submitted' },
      { kind: 'newVersion', version: state.version + 1 },
      { kind: 'reviewComment', note: '-' },
      { kind: 'forwardedToLeader' },
      { kind: 'changesRequested', note: '-' },
      { kind: 'approved' },
      { kind: 'issued' },
      { kind: 'dispatched' },
      { kind: 'recalled' },
      { kind: 'replaced', replacementId: 'officialDocument:-' },
    );
  }
  return tries
    .filter((e) => canApply(state, e, actor).ok)
    .map((e) => (e.assignmentKey ? { kind: e.kind, assignmentKey: e.assignmentKey } : { kind: e.kind }));
}
