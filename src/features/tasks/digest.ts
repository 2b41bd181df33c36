import { addDays, wardDayOfInstant } from '../../model/documents/dates.ts';
import { hasRole, headedUnitsOf } from '../../model/roles.ts';
import { dueAt, dueGroup, wardDayOf } from '../../model/tasks/due.ts';
import type { TaskState } from '../../model/tasks/types.ts';

/**
 * The daily digest's sections (pure). A leader sees the ward's tasks on this device; a unit head the tasks of
 * their units; both also every task they assigned. Acceptance and extension answers are the assigner's own
 * queue ("submitted to me"), whoever else could answer them.
 */
export interface DigestItem {
  id: string;
  state: TaskState;
}

export interface Digest {
  today: string;
  /** Units in first-seen order of their most overdue task; '' = personal tasks. */
  overdueByUnit: { unitId: string; items: DigestItem[] }[];
  dueToday: DigestItem[];
  dueThisWeek: DigestItem[];
  awaitingAcceptance: DigestItem[];
  extensions: DigestItem[];
  doneYesterday: DigestItem[];
}

export const digestAllowed = (me: { name: string; roles: string[] }): boolean => hasRole(me, 'leader') || headedUnitsOf(me).length > 0;

const byDue = (a: DigestItem, b: DigestItem): number =>
  (dueAt(a.state.deadline, a.state.deadlineTime)?.getTime() ?? Infinity) -
    (dueAt(b.state.deadline, b.state.deadlineTime)?.getTime() ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function buildDigest(rows: readonly DigestItem[], me: { name: string; roles: string[] }, now: Date): Digest {
  const today = wardDayOf(now);
  const yesterday = addDays(today, -1);
  const headed = headedUnitsOf(me);
  const leader = hasRole(me, 'leader');
  const mine = (s: TaskState): boolean => s.task.assigner === me.name;
  const watched = rows.filter((r) => leader || mine(r.state) || headed.includes(r.state.task.unitId ?? '\u0000'));
  const inGroup = (g: ReturnType<typeof dueGroup>) => watched.filter((r) => dueGroup(r.state, now) === g).sort(byDue);

  const overdueByUnit = new Map<string, DigestItem[]>();
  for (const r of inGroup('overdue')) {
    const unit = r.state.task.unitId ?? '';
    overdueByUnit.set(unit, [...(overdueByUnit.get(unit) ?? []), r]);
  }
  return {
    today,
    overdueByUnit: [...overdueByUnit].map(([unitId, items]) => ({ unitId, items })),
    dueToday: inGroup('today'),
    dueThisWeek: inGroup('thisWeek'),
    awaitingAcceptance: rows.filter((r) => mine(r.state) && r.state.status === 'awaitingReview').sort(byDue),
    extensions: rows
      .filter((r) => mine(r.state) && r.state.pendingExtension && r.state.status !== 'done' && r.state.status !== 'cancelled')
      .sort(byDue),
    doneYesterday: watched
      .filter((r) => r.state.status === 'done' && r.state.doneAt && wardDayOfInstant(r.state.doneAt) === yesterday)
      .sort(byDue),
  };
}
