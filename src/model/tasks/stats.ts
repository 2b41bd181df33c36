/**
 * Task statistics for a period (issue 4 "Thống kê"): per unit or per person, how many tasks were assigned and
 * how they stand — done on time, done late, in progress (open, not overdue), overdue (open, past its deadline at
 * `now`). Population: tasks created in the period (ward days, inclusive), cancelled ones left out, so the four
 * outcomes add up to `assigned`. By unit: `task.unitId` ('' for personal tasks); by person: the current lead.
 * Each count carries the task ids, so a figure can open the list behind it.
 */
import { addDays, wardDayOfInstant } from '../documents/dates.ts';
import { taskFlags, timelinessOf, wardDayOf, weekStartOf } from './due.ts';
import type { TaskState } from './types.ts';

export type StatOutcome = 'assigned' | 'doneOnTime' | 'doneLate' | 'inProgress' | 'overdue';

export interface StatLine {
  key: string;
  assigned: number;
  doneOnTime: number;
  doneLate: number;
  inProgress: number;
  overdue: number;
  ids: Record<StatOutcome, string[]>;
}

export interface StatPeriod {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
}

const createdDay = (s: TaskState): string => wardDayOfInstant(s.task.createdAt);
const inPeriod = (day: string, p: StatPeriod): boolean => day >= p.from && day <= p.to;

/** Where one task stands for the statistics at `now`. */
export function outcomeOf(s: TaskState, now: Date): Exclude<StatOutcome, 'assigned'> | null {
  if (s.status === 'cancelled') return null;
  if (s.status === 'done') return timelinessOf(s) === 'late' ? 'doneLate' : 'doneOnTime';
  return taskFlags(s, now, 0).overdue ? 'overdue' : 'inProgress';
}

const emptyLine = (key: string): StatLine => ({
  key,
  assigned: 0,
  doneOnTime: 0,
  doneLate: 0,
  inProgress: 0,
  overdue: 0,
  ids: { assigned: [], doneOnTime: [], doneLate: [], inProgress: [], overdue: [] },
});

/** One line per unit or person with tasks in the period, most assigned first (then by key). */
export function taskStatistics(states: readonly TaskState[], period: StatPeriod, now: Date, by: 'unit' | 'person'): StatLine[] {
  const lines = new Map<string, StatLine>();
  for (const s of states) {
    if (!inPeriod(createdDay(s), period)) continue;
    const outcome = outcomeOf(s, now);
    if (!outcome) continue;
    const key = by === 'unit' ? (s.task.unitId ?? '') : s.lead;
    let line = lines.get(key);
    if (!line) lines.set(key, (line = emptyLine(key)));
    line.assigned += 1;
    line.ids.assigned.push(s.task._id);
    line[outcome] += 1;
    line.ids[outcome].push(s.task._id);
  }
  return [...lines.values()].sort((a, b) => b.assigned - a.assigned || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export interface TrendWeek {
  /** Monday, YYYY-MM-DD. */
  weekStart: string;
  /** Tasks created that week (cancelled left out). */
  assigned: number;
  /** Tasks accepted as done that week, on time / late. */
  doneOnTime: number;
  doneLate: number;
}

/**
 * Week by week (ISO weeks, Monday first, in the ward) over the period, up to the week of `now`: tasks assigned
 * and tasks finished on time or late. Only days inside the period count.
 */
export function weeklyTrend(states: readonly TaskState[], period: StatPeriod, now: Date): TrendWeek[] {
  const today = wardDayOf(now);
  const lastWeek = weekStartOf(period.to < today ? period.to : today);
  const weeks = new Map<string, TrendWeek>();
  for (let w = weekStartOf(period.from); w <= lastWeek; w = addDays(w, 7))
    weeks.set(w, { weekStart: w, assigned: 0, doneOnTime: 0, doneLate: 0 });
  for (const s of states) {
    if (s.status === 'cancelled') continue;
    const created = createdDay(s);
    if (inPeriod(created, period)) {
      const week = weeks.get(weekStartOf(created));
      if (week) week.assigned += 1;
    }
    if (s.status === 'done' && s.doneAt) {
      const doneDay = wardDayOfInstant(s.doneAt);
      const week = inPeriod(doneDay, period) ? weeks.get(weekStartOf(doneDay)) : undefined;
      if (week) {
        if (timelinessOf(s) === 'late') week.doneLate += 1;
        else week.doneOnTime += 1;
      }
    }
  }
  return [...weeks.values()];
}
