/**
 * What the schedule views show: which week and calendar the URL asks for, which entries belong to that calendar,
 * and how the week table groups them (day, then morning / afternoon / all day, by start). Days are ward days
 * (Asia/Ho_Chi_Minh), whatever the device's own zone. Pure; no Lit, no i18n.
 */
import type { MeResponse } from '../../model/api.ts';
import { addDays } from '../../model/documents/dates.ts';
import { roomIdOf } from '../../model/schedule/clash.ts';
import { ISO_WEEK, daysOfIsoWeek, intervalOf, isoWeekOf, wardDaysOf, wardTimeOf } from '../../model/schedule/interval.ts';
import { attendeesOf } from '../../model/schedule/state.ts';
import type { Slot } from '../../model/schedule/types.ts';
import { wardDay } from '../../model/time.ts';
import type { EventRow } from '../../data/schedule.ts';

/** `leadership`: the ward's weekly leadership schedule; `mine`: where I must be; a unit's; a room's bookings. */
export type CalendarKey = 'leadership' | 'mine' | `unit:${string}` | `room:${string}`;
export type ScheduleView = 'week' | 'agenda';

export interface ScheduleQuery {
  week: string;
  cal: CalendarKey;
  view: ScheduleView;
}

const CAL = /^(leadership|mine|unit:[a-z][a-z0-9-]{0,39}|room:[a-z][a-z0-9-]{0,39})$/;

export function queryOf(search: string, now: Date = new Date()): ScheduleQuery {
  const p = new URLSearchParams(search);
  const week = p.get('week') ?? '';
  const cal = p.get('cal') ?? '';
  return {
    week: ISO_WEEK.test(week) ? week : isoWeekOf(wardDay(now)),
    cal: CAL.test(cal) ? (cal as CalendarKey) : 'leadership',
    view: p.get('view') === 'agenda' ? 'agenda' : 'week',
  };
}

export function searchOf(q: ScheduleQuery): string {
  const p = new URLSearchParams({ week: q.week, cal: q.cal });
  if (q.view !== 'week') p.set('view', q.view);
  return p.toString();
}

/** The ISO week `n` weeks after `week`. */
export const addWeeks = (week: string, n: number): string => isoWeekOf(addDays(daysOfIsoWeek(week)[0]!, 7 * n));

/** Whether `row` belongs to calendar `cal` for `me`. */
export function inCalendar(row: EventRow, cal: CalendarKey, me: Pick<MeResponse, 'name' | 'units'>): boolean {
  const s = row.state;
  const e = s.event;
  if (cal === 'leadership') return e.leadership;
  if (cal === 'mine') {
    if (e.createdBy === me.name && !e.leadership) return true;
    if (attendeesOf(s).includes(me.name) || s.participants.includes(me.name) || s.chair === me.name) return true;
    if (e.visibility === 'unit' && e.unitId && me.units.includes(e.unitId)) return true;
    return s.participantUnits.some((u) => me.units.includes(u));
  }
  if (cal.startsWith('unit:')) {
    const unit = cal.slice(5);
    return (e.visibility === 'unit' && e.unitId === unit) || s.participantUnits.includes(unit) || s.preparingUnit === unit;
  }
  return roomIdOf(s.location) === cal.slice(5);
}

/** The ward days an entry covers (a two-day conference shows on both). */
export const daysOf = (row: EventRow): string[] => {
  const w = row.state.when;
  return 'slot' in w ? [w.day] : wardDaysOf(intervalOf(w));
};

/** The half-day an entry sits in on the ward's table: its slot, or by its start time (before noon: morning). */
export function slotOf(row: EventRow): Slot {
  const w = row.state.when;
  if ('slot' in w) return w.slot;
  const i = intervalOf(w);
  if (i.end - i.start >= 9 * 3_600_000) return 'allDay';
  return wardTimeOf(i.start) < '12:00' ? 'morning' : 'afternoon';
}

/** `07:30–09:00` of a timed entry in ward time, or null for a slot entry. */
export function timeRangeOf(row: EventRow): { start: string; end: string } | null {
  const w = row.state.when;
  if ('slot' in w) return null;
  const i = intervalOf(w);
  return { start: wardTimeOf(i.start), end: wardTimeOf(i.end) };
}

export interface DayGroup {
  day: string;
  slots: { slot: Slot; rows: EventRow[] }[];
}

const SLOT_ORDER: Slot[] = ['allDay', 'morning', 'afternoon'];

/**
 * The week table: Monday to Friday always (the ward's working days, empty ones say so), Saturday and Sunday only
 * when they have entries; within a day all-day entries, then morning, then afternoon, each by start.
 */
export function weekTable(rows: readonly EventRow[], week: string): DayGroup[] {
  const days = daysOfIsoWeek(week);
  const byDay = new Map<string, EventRow[]>(days.map((d) => [d, []]));
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

/** Entries of the week, in order (the agenda). */
export const rowsOfWeek = (rows: readonly EventRow[], week: string): EventRow[] => {
  const days = new Set(daysOfIsoWeek(week));
  return rows.filter((r) => daysOf(r).some((d) => days.has(d)));
};
