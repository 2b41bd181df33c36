/**
 * Moving a card on the unit board: which event each column stands for and whether a move is allowed now. Pure;
 * no Lit, no i18n (reasons are message keys).
 *
 * A move is allowed when the rules let this person write the column's event (`canApplyTaskEvent`) AND writing it
 * would really put the task in that column (`deriveTaskState`): a progress report on a task awaiting review is
 * allowed but keeps it awaiting review, so "drag to In progress" is refused there rather than silently doing nothing.
 */
import { type TaskActor, type TaskEventInput, canApplyTaskEvent } from '../../model/tasks/rules.ts';
import { deriveTaskState } from '../../model/tasks/state.ts';
import type { TaskEvent, TaskEventKind, TaskState, TaskStatus } from '../../model/tasks/types.ts';

/** Columns of the board in order; `cancelled` is shown only on request. */
export const BOARD_COLUMNS: readonly TaskStatus[] = ['notStarted', 'inProgress', 'awaitingReview', 'returned', 'done', 'cancelled'];

/** The event a drop on each column writes. `notStarted` and `cancelled` are not targets (no event goes back to the
 * first; cancelling needs a reason and belongs on the task's page). */
export const MOVE_EVENT: Partial<Record<TaskStatus, TaskEventKind>> = {
  inProgress: 'progress',
  awaitingReview: 'submitted',
  done: 'accepted',
  returned: 'returned',
};

/** Columns whose move asks for a note first. */
export const NEEDS_REASON: ReadonlySet<TaskStatus> = new Set(['returned']);

export type MoveCheck = { ok: true; kind: TaskEventKind } | { ok: false; reason: string };

/** The event a move writes. `note`: the reason (returned) or the start note (progress; the percent stays as it is). */
export function moveInput(target: TaskStatus, note: string): TaskEventInput {
  const kind = MOVE_EVENT[target];
  if (!kind) throw new Error(`No move to ${target}`);
  return kind === 'progress' || kind === 'returned' ? { kind, note } : { kind };
}

/**
 * Whether `actor` may move the task in `state` to `target` now. Refusals carry a message key: the rule's own
 * (`task.rule.<code>`) when the rules say no, else one of `lists.board.reason.*`.
 */
export function checkMove(state: TaskState, target: TaskStatus, actor: TaskActor, now: Date = new Date()): MoveCheck {
  if (target === state.status) return { ok: false, reason: 'lists.board.reason.generic' };
  const kind = MOVE_EVENT[target];
  if (!kind) return { ok: false, reason: target === 'notStarted' ? 'lists.board.reason.notStarted' : 'lists.board.reason.cancelled' };
  // A placeholder note: the check is about who and when; the real note is asked for (return) or fixed (start).
  const input = moveInput(target, '·');
  const verdict = canApplyTaskEvent(state, input, actor);
  if (!verdict.ok) return { ok: false, reason: `task.rule.${verdict.code}` };
  const last = state.events.at(-1)?.createdAt ?? state.task.createdAt;
  const at = new Date(Math.max(now.getTime(), Date.parse(last) + 1)).toISOString();
  const trial = {
    ...input,
    _id: 'taskEvent:~trial',
    type: 'taskEvent',
    schema: 1,
    createdAt: at,
    createdBy: actor.name,
    taskId: state.task._id,
    actorName: actor.name,
    actorRoles: actor.roles,
  } as TaskEvent;
  const after = deriveTaskState(state.task, [...state.events, trial]);
  return after.status === target ? { ok: true, kind } : { ok: false, reason: 'lists.board.reason.generic' };
}

/** The columns this person may move the task to now (the card's "Move to…" offers only these). */
export function allowedTargets(state: TaskState, actor: TaskActor, now: Date = new Date()): TaskStatus[] {
  return BOARD_COLUMNS.filter((c) => MOVE_EVENT[c] && checkMove(state, c, actor, now).ok);
}
