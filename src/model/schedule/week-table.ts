/**
 * The ward's week table of a schedule (lịch công tác tuần): which half-day an entry sits in, its time in ward
 * time, and the rows grouped by day then morning / afternoon / all day. Shared by the app's week view and the
 * server's public page. Pure.
 */
import { addDays } from '../documents/dates.ts';
import { daysOfIsoWeek, intervalOf, isoWeekOf, wardDaysOf, wardTimeOf } from './interval.ts';
import type { CalendarEventState, Slot } from './types.ts';

/** An entry as the table needs it. */
export interface TableRow {
  id: string;
  state: CalendarEventState;
}

/** The ISO week `n` weeks after `week`. */
export const addWeeks = (week: string, n: number): string => isoWeekOf(addDays(daysOfIsoWeek(week)[0]!, 7 * n));

/** The ward days an entry covers (a two-day conference shows on both). */
export const daysOf = (row: TableRow): string[] => {
  const w = row.state.when;
  return 'slot' in w ? [w.day] : wardDaysOf(intervalOf(w));
};

/** The half-day an entry sits in on the ward's table: its slot, or by its start time (before noon: morning). */
export function slotOf(row: TableRow): Slot {
  const w = row.state.when;
  if ('slot' in w) return w.slot;
  const i = intervalOf(w);
  if (i.end - i.start >= 9 * 3_600_000) return 'allDay';
  return wardTimeOf(i.start) < '12:00' ? 'morning' : 'afternoon';
}

/** `07:30–09:00` of a timed entry in ward time, or null for a slot entry. */
export function timeRangeOf(row: TableRow): { start: string; end: string } | null {
  const w = row.state.when;
  if ('slot' in w) return null;
  const i = intervalOf(w);
  return { start: wardTimeOf(i.start), end: wardTimeOf(i.end) };
}

export interface DayGroup<R extends TableRow = TableRow> {
  day: string;
  slots: { slot: Slot; rows: R[] }[];
}

const SLOT_ORDER: Slot[] = ['allDay', 'morning', 'afternoon'];

/**
 * The week table: Monday to Friday always (the ward's working days, empty ones say so), Saturday and Sunday only
 * when they have entries; within a day all-day entries, then morning, then afternoon, each by start.
 */
export function weekTable<R extends TableRow>(rows: readonly R[], week: string): DayGroup<R>[] {
  const days = daysOfIsoWeek(week);
  const byDay = new Map<string, R[]>(days.map((d) => [d, []]));
  for (const r of rows) for (const d of daysOf(r)) byDay.get(d)?.push(r);
  return days
    .filter((d, i) => i < 5 || byDay.get(d)!.length > 0)
    .map((day) => {
      const list = byDay.get(day)!;
      return {
        day,
        slots: SLOT_ORDER.map((slot) => ({ slot, rows: list.filter((r) => slotOf(r) === slot) })).filter((g) => g.rows.length > 0),
      };
    });
}
