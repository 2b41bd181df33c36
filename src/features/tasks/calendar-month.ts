/**
 * The deadline calendar's month: which month the URL asks for, its weeks (Monday first) and the tasks due on each
 * day. Days are ward days (`YYYY-MM-DD` in Asia/Ho_Chi_Minh): a deadline is already one, and "today" is the ward's
 * today, whatever the device's own zone. Pure; no Lit, no i18n.
 */
import { addDays } from '../../model/documents/dates.ts';
import { weekStartOf } from '../../model/tasks/due.ts';
import { wardDay } from '../../model/time.ts';
import { type TaskListRow, compareOpen } from './task-query.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `month=YYYY-MM` from the URL, else the ward's current month. */
export function monthOf(search: string, now: Date): string {
  const m = new URLSearchParams(search).get('month');
  return m && MONTH.test(m) ? m : wardDay(now).slice(0, 7);
}

/** The month `n` months after `month` (negative: before). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The weeks shown for a month: Monday to Sunday, from the week holding the 1st to the week holding the last day. */
export function monthWeeks(month: string): string[][] {
  const first = `${month}-01`;
  const last = addDays(`${addMonths(month, 1)}-01`, -1);
  const weeks: string[][] = [];
  for (let start = weekStartOf(first); start <= last; start = addDays(start, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(start, i)));
  }
  return weeks;
}

/** Rows due on each day of `month` (by their current deadline), earliest time first. */
export function tasksByDay<R extends TaskListRow>(rows: readonly R[], month: string): Map<string, R[]> {
  const byDay = new Map<string, R[]>();
  for (const r of rows) {
    const day = r.state.deadline;
    if (!day || day.slice(0, 7) !== month) continue;
    const list = byDay.get(day);
    if (list) list.push(r);
    else byDay.set(day, [r]);
  }
  for (const list of byDay.values()) list.sort(compareOpen);
  return byDay;
}
