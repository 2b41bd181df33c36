import type { OfficialDocument, OfficialDocumentEvent } from '../../src/model/documents/types.ts';
import { SYSTEM_ACTOR } from '../../src/model/documents/types.ts';
import type { AssignmentState, DocumentState } from '../../src/model/documents/workflow.ts';
import { type NotificationKind, type NotificationSubject, excerpt, mentionedNames } from '../../src/model/notifications.ts';
import { deriveTaskState } from '../../src/model/tasks/state.ts';
import type { Task, TaskEvent } from '../../src/model/tasks/types.ts';

/**
 * Who is told what about an event (issue 6), decided from the model's derived state: only steps the workflow
 * applied count (an ignored, out-of-turn or forged step notifies no one). The worker then drops the actor,
 * people who cannot read the subject and people who muted the kind.
 */

export interface Intent {
  kind: NotificationKind;
  to: string[];
  /** The event (or task) the notification comes from: its id makes the notification's. */
  sourceId: string;
  at: string;
  actor: string;
  actorName?: string;
  subject: NotificationSubject;
  detail?: string;
}

export interface People {
  /** Active heads of a unit (`head:<unitId>`). */
  headsOf(unitId: string): string[];
  /** Active accounts with the `leader` role. */
  leaders(): string[];
  /** True for an existing, active account (mentions name only those). */
  known(name: string): boolean;
}

export const documentSubject = (d: OfficialDocument): NotificationSubject => ({ type: 'officialDocument', id: d._id, title: d.summary });

/** Persons of a direction or forwarding who have something to do (lead, coordinating); units through their heads. */
function doers(event: OfficialDocumentEvent, people: People, personsOnly: boolean): string[] {
  const names: string[] = [];
  for (const a of event.assignments ?? []) {
    if (a.role === 'forInformation') continue;
    if (a.assignee.kind === 'person') names.push(a.assignee.name);
    else if (!personsOnly) names.push(...people.headsOf(a.assignee.unitId));
  }
  return names;
}

const nodeWith = (state: DocumentState, pick: (a: AssignmentState) => boolean): AssignmentState | undefined =>
  state.direction === 'incoming' ? state.assignments.find(pick) : undefined;

function extensionAnswerDetail(accepted: boolean | undefined, deadline: string | undefined, note: string | undefined): string | undefined {
  const head = accepted ? (deadline ? `✓ ${deadline}` : '✓') : '✗';
  return excerpt(note ? `${head} — ${note}` : head);
}

/** The notifications of one step of an official document (`state` derived from all the events held with it). */
export function documentIntents(d: OfficialDocument, state: DocumentState, e: OfficialDocumentEvent, people: People): Intent[] {
  if (!state.applied.some((x) => x._id === e._id)) return [];
  const base = { sourceId: e._id, at: e.createdAt, actor: e.createdBy, actorName: e.actorName, subject: documentSubject(d) };
  const clerk = state.registered?.by ?? d.createdBy;
  const intents: Intent[] = [];
  const add = (kind: NotificationKind, to: string[], detail?: string) => {
    if (to.length) intents.push({ ...base, kind, to, ...(detail ? { detail } : {}) });
  };
  switch (e.kind) {
    case 'registered':
      // A confidential document goes person to person: the leader it is routed to has it to direct.
      if (d.direction === 'incoming' && d.routeTo && e.createdBy !== SYSTEM_ACTOR) add('assigned', [d.routeTo]);
      break;
    case 'directed':
      add('directionGiven', [...doers(e, people, false), clerk], e.note);
      break;
    case 'forwarded':
      add('assigned', doers(e, people, true), e.note);
      break;
    case 'returned': {
      const node = nodeWith(state, (a) => a.returned?.eventId === e._id);
      add('returned', [...(node ? [node.assigned.by] : []), clerk], e.note);
      break;
    }
    case 'extensionAnswered': {
      const node = nodeWith(state, (a) => a.extensions.some((x) => x.answer?.eventId === e._id));
      const ext = node?.extensions.find((x) => x.answer?.eventId === e._id);
      if (ext) add('extensionAnswered', [ext.requested.by], extensionAnswerDetail(e.accepted, ext.answer?.deadline, e.note));
      break;
    }
    case 'submitted':
      if (d.direction === 'outgoing') add('approvalNeeded', people.headsOf(d.unitId));
      break;
    case 'forwardedToLeader':
      if (d.direction === 'outgoing') add('approvalNeeded', people.leaders());
      break;
    case 'changesRequested':
      add('returned', [d.createdBy], e.note);
      break;
  }
  if (e.kind === 'progress' || e.kind === 'reviewComment' || e.kind === 'changesRequested' || e.kind === 'directed')
    add('mentioned', mentionedNames(e.note, people.known), e.note);
  return intents;
}

export const taskSubject = (t: Task, title?: string): NotificationSubject => ({ type: 'task', id: t._id, title: title ?? t.title });

const assigneesOf = (s: { lead: string; coordinators: readonly string[] }): string[] => [s.lead, ...s.coordinators];

/** A task as created: its lead and coordinators are assigned. */
export function taskCreatedIntents(t: Task): Intent[] {
  return [
    {
      kind: 'assigned',
      to: assigneesOf(t),
      sourceId: t._id,
      at: t.createdAt,
      actor: t.assigner,
      actorName: t.assignerName,
      subject: taskSubject(t),
      ...(t.description ? { detail: t.description } : {}),
    },
  ];
}

/** The notifications of one task event, given every event of the task held with it. */
export function taskEventIntents(t: Task, events: readonly TaskEvent[], e: TaskEvent, people: People): Intent[] {
  const after = deriveTaskState(t, events);
  if (after.ignored.some((x) => x.eventId === e._id) || !after.events.some((x) => x._id === e._id)) return [];
  // The task just before and just after this event: who was on it, which extension it answers.
  const at = after.events.findIndex((x) => x._id === e._id);
  const before = deriveTaskState(t, after.events.slice(0, at));
  const afterIt = deriveTaskState(t, after.events.slice(0, at + 1));
  const base = { sourceId: e._id, at: e.createdAt, actor: e.createdBy, actorName: e.actorName, subject: taskSubject(t, after.title) };
  const intents: Intent[] = [];
  const add = (kind: NotificationKind, to: string[], detail?: string) => {
    if (to.length) intents.push({ ...base, kind, to, ...(detail ? { detail } : {}) });
  };
  switch (e.kind) {
    case 'reassigned': {
      const had = new Set(assigneesOf(before));
      add(
        'assigned',
        assigneesOf(afterIt).filter((n) => !had.has(n)),
        e.note,
      );
      break;
    }
    case 'returned':
      add('returned', [before.lead], e.note);
      break;
    case 'extensionAnswered':
      if (before.pendingExtension)
        add('extensionAnswered', [before.pendingExtension.by], extensionAnswerDetail(e.accepted, e.deadline, e.note));
      break;
  }
  if (e.kind === 'comment' || e.kind === 'progress') add('mentioned', mentionedNames(e.note, people.known), e.note);
  return intents;
}
