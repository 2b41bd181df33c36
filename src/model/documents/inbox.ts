/**
 * The lists of the documents page ("views"): which documents each person sees in "to register", "awaiting my
 * direction", "assigned to me", … Pure functions of the derived state (`workflow.ts`), the person, and the
 * spaces the document is held in on their device, so the navigation counts and the lists agree.
 */
import { type UserCtx, hasRole, headedUnitsOf, unitsOf } from '../roles.ts';
import type { SpaceRef } from '../spaces.ts';
import { overallStatus, assignmentStatus } from './status.ts';
import { type AssigneeStatus, isConfidential } from './types.ts';
import { type AssignmentState, type DocumentState, type IncomingState, pendingExtension } from './workflow.ts';

export const DOCUMENT_VIEWS = [
  'toRegister',
  'awaitingDirection',
  'assignedToMe',
  'awaitingApproval',
  'myUnit',
  'following',
  'drafts',
  'issued',
  'all',
] as const;
export type DocumentViewName = (typeof DOCUMENT_VIEWS)[number];

/** Views that ask the person to act; their counts show on the navigation. */
export const ACTION_VIEWS: readonly DocumentViewName[] = ['toRegister', 'awaitingDirection', 'assignedToMe', 'awaitingApproval'];

/** The views a person has, in navigation order (a clerk has no "awaiting my direction"). */
export function viewsFor(user: UserCtx): DocumentViewName[] {
  const clerk = hasRole(user, 'clerk');
  const leader = hasRole(user, 'leader');
  const head = headedUnitsOf(user).length > 0;
  return DOCUMENT_VIEWS.filter((v) => {
    if (v === 'toRegister') return clerk;
    if (v === 'awaitingDirection') return leader;
    if (v === 'awaitingApproval') return leader || head;
    if (v === 'myUnit') return unitsOf(user).length > 0;
    return true;
  });
}

/** The assignments `user` acts for (as the person named, or as head of the unit named), open or not. */
export function myAssignments(state: IncomingState, user: UserCtx): AssignmentState[] {
  return state.assignments.filter(
    (a) =>
      a.state !== 'withdrawn' &&
      (a.assignee.kind === 'person' ? a.assignee.name === user.name : hasRole(user, `head:${a.assignee.unitId}`)),
  );
}

/** Extension requests waiting for `user`'s answer (leader for top-level nodes, unit head for forwarded ones). */
export function extensionsToAnswer(state: IncomingState, user: UserCtx): AssignmentState[] {
  return state.assignments.filter((a) => {
    if (a.state !== 'open' || !pendingExtension(a)) return false;
    if (!a.parentKey) return hasRole(user, 'leader');
    const parent = state.assignments.find((p) => p.key === a.parentKey);
    return parent?.assignee.kind === 'unit' && hasRole(user, `head:${parent.assignee.unitId}`);
  });
}

/** What the list shows as the status of a document for this person: their own part when they have one. */
export function statusFor(state: DocumentState, user: UserCtx, today: string): AssigneeStatus | undefined {
  if (state.direction !== 'incoming') return undefined;
  const mine = myAssignments(state, user).find((a) => a.state === 'open') ?? myAssignments(state, user)[0];
  return mine ? assignmentStatus(mine, today) : overallStatus(state, today);
}

/** The views a document belongs to for `user`; `heldIn`: the spaces holding it on their device. */
export function viewsOfDocument(state: DocumentState, user: UserCtx, heldIn: readonly SpaceRef[]): Set<DocumentViewName> {
  const views = new Set<DocumentViewName>(['all']);
  const me = user.name;
  const doc = state.doc;
  const clerk = hasRole(user, 'clerk');
  const leader = hasRole(user, 'leader');
  const myUnits = unitsOf(user);
  if (heldIn.some((s) => s.kind === 'unit' && myUnits.includes(s.id))) views.add('myUnit');
  if (state.direction === 'incoming') {
    const recalled = !!(state.recalled || state.replaced);
    if (clerk && !state.number && !recalled && !('sourceDocumentId' in doc && doc.sourceDocumentId)) views.add('toRegister');
    if (
      leader &&
      state.phase === 'awaitingDirection' &&
      !recalled &&
      (!isConfidential(doc.confidentiality) || !('routeTo' in doc) || !doc.routeTo || doc.routeTo === me)
    )
      views.add('awaitingDirection');
    if (!recalled && !state.completed) {
      if (myAssignments(state, user).some((a) => a.state === 'open')) views.add('assignedToMe');
      if (extensionsToAnswer(state, user).length > 0) views.add('assignedToMe');
    }
    const routed = state.directions.some((d) => d.by === me) || state.assignments.some((a) => a.assigned.by === me);
    if (doc.createdBy === me || routed) views.add('following');
    return views;
  }
  // outgoing
  if (doc.direction !== 'outgoing') return views;
  const phase = state.phase;
  const beforeApproval = phase === 'draft' || phase === 'submitted' || phase === 'changesRequested' || phase === 'withLeader';
  if (beforeApproval && (doc.createdBy === me || hasRole(user, `head:${doc.unitId}`))) views.add('drafts');
  if (phase === 'submitted' && hasRole(user, `head:${doc.unitId}`) && doc.createdBy !== me) views.add('awaitingApproval');
  if (phase === 'withLeader' && doc.signer === me) views.add('awaitingApproval');
  if (clerk && (phase === 'approved' || phase === 'numbered')) views.add('toRegister');
  if (clerk && phase === 'issued' && doc.externalRecipients.length > 0 && state.dispatches.length === 0) views.add('toRegister');
  if (phase === 'numbered' || phase === 'issued' || phase === 'recalled' || phase === 'replaced') views.add('issued');
  if (doc.createdBy === me || state.approved?.by === me || state.issued?.by === me) views.add('following');
  return views;
}
