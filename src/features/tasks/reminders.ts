import { taskFlags, wardDayOf } from '../../model/tasks/due.ts';
import type { TaskState } from '../../model/tasks/types.ts';

/**
 * Reminders (nhắc việc), pure: which tasks I lead or coordinate are overdue or due within my lead time (in the
 * ward's time zone, `taskFlags`), and which local notifications were already shown today. A notification is
 * shown once per task, per kind (due soon, overdue) and per ward day; the memory of what was shown is kept per
 * account and forgets earlier days.
 */
export type ReminderKind = 'overdue' | 'dueSoon';

export interface Reminder {
  id: string;
  title: string;
  kind: ReminderKind;
  role: 'lead' | 'coordinating';
  deadline: string;
  deadlineTime?: string;
  /** Calendar days from today to the deadline day (negative once past). */
  daysLeft: number;
}

/** Overdue first (longest overdue first), then due soon (nearest first); ties by title then id. */
export function dueReminders(rows: readonly { id: string; state: TaskState }[], me: string, now: Date, leadDays: number): Reminder[] {
  const out: Reminder[] = [];
  for (const { id, state } of rows) {
    const role = state.lead === me ? 'lead' : state.coordinators.includes(me) ? 'coordinating' : null;
    if (!role || !state.deadline) continue;
    const flags = taskFlags(state, now, leadDays);
    if (!flags.overdue && !flags.dueSoon) continue;
    out.push({
      id,
      title: state.title,
      kind: flags.overdue ? 'overdue' : 'dueSoon',
      role,
      deadline: state.deadline,
      ...(state.deadlineTime ? { deadlineTime: state.deadlineTime } : {}),
      daysLeft: flags.daysLeft ?? 0,
    });
  }
  const when = (r: Reminder): string => `${r.deadline}T${r.deadlineTime ?? '99:99'}`;
  return out.sort(
    (a, b) =>
      (a.kind === b.kind ? 0 : a.kind === 'overdue' ? -1 : 1) ||
      (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : 0) ||
      a.title.localeCompare(b.title) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** `<task id>|<kind>` → the ward day it was last shown. */
export type ShownMemory = Record<string, string>;

const shownKey = (r: Pick<Reminder, 'id' | 'kind'>): string => `${r.id}|${r.kind}`;

/** The reminders not yet shown as a notification today. */
export const notYetShown = (reminders: readonly Reminder[], memory: ShownMemory, now: Date): Reminder[] =>
  reminders.filter((r) => memory[shownKey(r)] !== wardDayOf(now));

/** The memory after showing `shown` now: today's entries only (yesterday's are not needed any more). */
export function rememberShown(memory: ShownMemory, shown: readonly Reminder[], now: Date): ShownMemory {
  const today = wardDayOf(now);
  const next: ShownMemory = {};
  for (const [k, day] of Object.entries(memory)) if (day === today) next[k] = day;
  for (const r of shown) next[shownKey(r)] = today;
  return next;
}

export const shownStorageKey = (account: string): string => `docket-task-reminders-shown:${account}`;

export function loadShown(account: string, storage: Pick<Storage, 'getItem'> = localStorage): ShownMemory {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(shownStorageKey(account)) ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as ShownMemory) : {};
  } catch {
    return {};
  }
}

export function saveShown(account: string, memory: ShownMemory, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(shownStorageKey(account), JSON.stringify(memory));
  } catch {
    // Storage full or private mode: at worst a reminder shows again.
  }
}

/** More new reminders than this at once become one summary notification instead of a flood. */
export const MAX_SEPARATE_NOTIFICATIONS = 3;
