/**
 * Deadlines and flags of tasks in the ward's time zone (docs/decisions/0003-tasks.md "Deadlines and flags").
 * Viet Nam keeps UTC+7 all year (no daylight saving), so a ward time is a fixed offset and needs no `Intl`.
 *
 * - A deadline is a day, optionally with a time (`HH:mm`); without a time it is the end of that day.
 * - Overdue: now is past the deadline and the task is neither done nor cancelled.
 * - Due soon: not overdue and the deadline day is at most `leadDays` calendar days away (0 = due today).
 * - Done on time / late: the accepted submission against the deadline current at acceptance (extensions
 *   granted before count); a task without a deadline is on time.
 */
import { addDays, daysBetween, wardDayOfInstant } from '../documents/dates.ts';
import type { TaskState } from './types.ts';

/** Days before a deadline from which an open task counts as due soon, unless the user sets another. */
export const DEFAULT_REMINDER_DAYS = 2;

export interface TaskFlags {
  overdue: boolean;
  dueSoon: boolean;
  /** Done tasks only. */
  timeliness?: 'onTime' | 'late';
  /** Open tasks with a deadline: calendar days from today to the deadline day (negative once past). */
  daysLeft?: number;
}

export type DueGroup = 'overdue' | 'today' | 'thisWeek' | 'later' | 'noDeadline' | 'closed';

const WARD_OFFSET = '+07:00';

/** The instant a deadline falls due: its time on that day, or the last millisecond of the day, in the ward. */
export function dueAt(deadline?: string, deadlineTime?: string): Date | undefined {
  if (!deadline) return undefined;
  const at = new Date(deadlineTime ? `${deadline}T${deadlineTime}:00${WARD_OFFSET}` : `${deadline}T23:59:59.999${WARD_OFFSET}`);
  return isNaN(at.getTime()) ? undefined : at;
}

/** The ward day (`YYYY-MM-DD`) of an instant. */
export const wardDayOf = (now: Date): string => wardDayOfInstant(now.toISOString());

const isOpen = (s: Pick<TaskState, 'status'>): boolean => s.status !== 'done' && s.status !== 'cancelled';

/** Whether a done task's accepted submission met the deadline current at acceptance. */
export function timelinessOf(state: TaskState): 'onTime' | 'late' | undefined {
  if (state.status !== 'done') return undefined;
  const due = dueAt(state.deadline, state.deadlineTime);
  const finished = state.submittedAt ?? state.doneAt;
  if (!due || !finished) return 'onTime';
  return Date.parse(finished) <= due.getTime() ? 'onTime' : 'late';
}

export function taskFlags(state: TaskState, now: Date, leadDays: number): TaskFlags {
  if (!isOpen(state)) {
    const timeliness = timelinessOf(state);
    return { overdue: false, dueSoon: false, ...(timeliness ? { timeliness } : {}) };
  }
  const due = dueAt(state.deadline, state.deadlineTime);
  if (!due) return { overdue: false, dueSoon: false };
  const overdue = now.getTime() > due.getTime();
  const daysLeft = daysBetween(wardDayOf(now), state.deadline!);
  return { overdue, dueSoon: !overdue && daysLeft <= leadDays, daysLeft };
}

/** Monday of the ISO week (Mon–Sun) that holds `day`. */
export function weekStartOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** Where the task sits on a due-date board: overdue, due today, later this week (Mon–Sun), later, none, closed. */
export function dueGroup(state: TaskState, now: Date): DueGroup {
  if (!isOpen(state)) return 'closed';
  const due = dueAt(state.deadline, state.deadlineTime);
  if (!due) return 'noDeadline';
  if (now.getTime() > due.getTime()) return 'overdue';
  const today = wardDayOf(now);
  if (state.deadline! <= today) return 'today';
  return state.deadline! <= addDays(weekStartOf(today), 6) ? 'thisWeek' : 'later';
}
