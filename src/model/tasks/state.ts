/**
 * The current state of a task: the task as created with its events applied in (createdAt, _id) order
 * (docs/decisions/0003-tasks.md). Every device computes the same state from the same events, whatever order
 * they arrived in. Each event is checked at its place with the rules (`./rules.ts`) and the roles its author
 * had when writing it (`actorRoles`); one that does not apply there changes nothing, stays in `events` (its
 * words are shown) and is listed in `ignored` with the rule's code as reason (message key `task.rule.<code>`).
 */
import { canApplyTaskEvent } from './rules.ts';
import type { DeadlineEntry, Task, TaskEvent, TaskRole, TaskState } from './types.ts';

/** The fixed order of events: `createdAt`, then `_id` (ULIDs, so ties are broken the same way everywhere). */
export function compareTaskEvents(a: Pick<TaskEvent, 'createdAt' | '_id'>, b: Pick<TaskEvent, 'createdAt' | '_id'>): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

/** The state of a task as created, before any event. */
export function initialTaskState(task: Task): TaskState {
  const created: DeadlineEntry = {
    ...(task.deadline ? { deadline: task.deadline } : {}),
    ...(task.deadline && task.deadlineTime ? { deadlineTime: task.deadlineTime } : {}),
    at: task.createdAt,
    by: task.assigner,
    byName: task.assignerName,
    cause: 'created',
  };
  return {
    task,
    events: [],
    ignored: [],
    title: task.title,
    ...(task.description !== undefined ? { description: task.description } : {}),
    priority: task.priority,
    ...(task.startOn ? { startOn: task.startOn } : {}),
    checklist: [...task.checklist],
    checked: new Set(),
    links: [...task.links],
    lead: task.lead,
    coordinators: [...task.coordinators],
    followers: [...task.followers],
    everAssigned: new Set([task.lead, ...task.coordinators]),
    ...(created.deadline ? { deadline: created.deadline } : {}),
    ...(created.deadlineTime ? { deadlineTime: created.deadlineTime } : {}),
    deadlines: [created],
    status: 'notStarted',
    percent: 0,
    parts: new Map(),
    lastActivityAt: task.createdAt,
  };
}

/**
 * `state` with one event applied; the event must already have passed `canApplyTaskEvent`. `lead.percent` is the
 * lead's own latest report, kept apart from `percent` (100 while done) so that a reopened task shows it again.
 */
function apply(s: TaskState, e: TaskEvent, lead: { percent: number }): void {
  switch (e.kind) {
    case 'comment':
      return;
    case 'progress': {
      if (e.createdBy === s.lead) {
        if (e.percent !== undefined) {
          lead.percent = e.percent;
          s.percent = e.percent;
        }
      } else {
        const prev = s.parts.get(e.createdBy);
        s.parts.set(e.createdBy, {
          name: e.createdBy,
          ...(e.percent !== undefined ? { percent: e.percent } : prev?.percent !== undefined ? { percent: prev.percent } : {}),
          ...(e.note ? { note: e.note } : {}),
          at: e.createdAt,
        });
      }
      if (s.status === 'notStarted' || s.status === 'returned') s.status = 'inProgress';
      return;
    }
    case 'checklistToggled':
      if (e.done) s.checked.add(e.itemId!);
      else s.checked.delete(e.itemId!);
      if ((s.status === 'notStarted' || s.status === 'returned') && s.everAssigned.has(e.createdBy)) s.status = 'inProgress';
      return;
    case 'edited': {
      const c = e.changes ?? {};
      if (c.title !== undefined) s.title = c.title;
      if (c.description !== undefined) {
        if (c.description) s.description = c.description;
        else delete s.description;
      }
      if (c.priority !== undefined) s.priority = c.priority;
      if (c.startOn !== undefined) {
        if (c.startOn) s.startOn = c.startOn;
        else delete s.startOn;
      }
      if (c.links !== undefined) s.links = [...c.links];
      if (c.checklist !== undefined) {
        s.checklist = [...c.checklist];
        const ids = new Set(c.checklist.map((i) => i.id));
        for (const id of [...s.checked]) if (!ids.has(id)) s.checked.delete(id);
      }
      return;
    }
    case 'deadlineChanged':
      setDeadline(s, e.deadline, e.deadlineTime, e, 'changed');
      return;
    case 'reassigned':
      if (e.lead !== undefined) s.lead = e.lead;
      if (e.coordinators !== undefined) s.coordinators = [...e.coordinators];
      if (e.followers !== undefined) s.followers = [...e.followers];
      s.coordinators = s.coordinators.filter((c) => c !== s.lead);
      s.everAssigned.add(s.lead);
      for (const c of s.coordinators) s.everAssigned.add(c);
      return;
    case 'extensionRequested':
      s.pendingExtension = {
        eventId: e._id,
        by: e.createdBy,
        byName: e.actorName,
        deadline: e.deadline!,
        ...(e.deadlineTime ? { deadlineTime: e.deadlineTime } : {}),
        ...(e.note ? { note: e.note } : {}),
        at: e.createdAt,
      };
      return;
    case 'extensionAnswered': {
      const asked = s.pendingExtension!;
      delete s.pendingExtension;
      if (e.accepted) setDeadline(s, asked.deadline, asked.deadlineTime, e, 'extension');
      return;
    }
    case 'submitted':
      s.status = 'awaitingReview';
      s.submittedAt = e.createdAt;
      return;
    case 'accepted':
      s.status = 'done';
      s.percent = 100;
      s.doneAt = e.createdAt;
      return;
    case 'returned':
      s.status = 'returned';
      delete s.submittedAt;
      return;
    case 'cancelled':
      s.status = 'cancelled';
      s.cancelledAt = e.createdAt;
      return;
    case 'reopened':
      s.status = 'inProgress';
      s.percent = lead.percent;
      delete s.doneAt;
      delete s.cancelledAt;
      delete s.submittedAt;
      return;
  }
}

function setDeadline(
  s: TaskState,
  deadline: string | undefined,
  time: string | undefined,
  e: TaskEvent,
  cause: DeadlineEntry['cause'],
): void {
  if (deadline) s.deadline = deadline;
  else delete s.deadline;
  if (deadline && time) s.deadlineTime = time;
  else delete s.deadlineTime;
  s.deadlines.push({
    ...(deadline ? { deadline } : {}),
    ...(deadline && time ? { deadlineTime: time } : {}),
    at: e.createdAt,
    by: e.createdBy,
    byName: e.actorName,
    cause,
    eventId: e._id,
  });
}

/**
 * The task with `events` applied. Events of other tasks are skipped (not listed), duplicates (the same `_id`
 * held in two spaces) count once.
 */
export function deriveTaskState(task: Task, events: readonly TaskEvent[]): TaskState {
  const seen = new Set<string>();
  const mine = events.filter((e) => e.taskId === task._id && !seen.has(e._id) && seen.add(e._id)).sort(compareTaskEvents);
  const s = initialTaskState(task);
  const lead = { percent: 0 };
  for (const e of mine) {
    const verdict = canApplyTaskEvent(s, e, { name: e.createdBy, roles: e.actorRoles ?? [] });
    if (verdict.ok) apply(s, e, lead);
    else s.ignored.push({ eventId: e._id, reason: verdict.code });
    if (e.createdAt > s.lastActivityAt) s.lastActivityAt = e.createdAt;
  }
  s.events = mine;
  return s;
}

/** Where `name` stands on the task now. */
export function rolesOf(state: TaskState, name: string): Set<TaskRole> {
  const roles = new Set<TaskRole>();
  if (state.lead === name) roles.add('lead');
  if (state.coordinators.includes(name)) roles.add('coordinating');
  if (state.task.assigner === name) roles.add('assignedByMe');
  if (state.followers.includes(name)) roles.add('following');
  return roles;
}

/** True once the task is done or cancelled. */
export const isClosed = (state: Pick<TaskState, 'status'>): boolean => state.status === 'done' || state.status === 'cancelled';
