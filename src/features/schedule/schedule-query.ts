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
export type ScheduleView = 'week' | 'day' | 'month' | 'agenda';
export const SCHEDULE_VIEWS: readonly ScheduleView[] = ['week', 'day', 'month', 'agenda'];

export interface ScheduleQuery {
  week: string;
  cal: CalendarKey;
  view: ScheduleView;
  /** The day shown by the day view (and the month of the month view): a day of `week`. */
  day: string;
  /** Only entries this leader chairs or attends (account name), or every entry. */
  leader?: string;
}

const CAL = /^(leadership|mine|unit:[a-z][a-z0-9-]{0,39}|room:[a-z][a-z0-9-]{0,39})$/;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACCOUNT = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function queryOf(search: string, now: Date = new Date()): ScheduleQuery {
  const p = new URLSearchParams(search);
  const today = wardDay(now);
  const rawDay = p.get('day') ?? '';
  const rawWeek = p.get('week') ?? '';
  // A day given alone picks its week; a week alone shows today when it is this week, else its Monday.
  const week = ISO_WEEK.test(rawWeek) ? rawWeek : DAY.test(rawDay) ? isoWeekOf(rawDay) : isoWeekOf(today);
  const days = daysOfIsoWeek(week);
  const day = DAY.test(rawDay) && days.includes(rawDay) ? rawDay : days.includes(today) ? today : days[0]!;
  const cal = p.get('cal') ?? '';
  const view = p.get('view') as ScheduleView | null;
  const leader = p.get('leader') ?? '';
  return {
    week,
    day,
    cal: CAL.test(cal) ? (cal as CalendarKey) : 'leadership',
    view: view && SCHEDULE_VIEWS.includes(view) ? view : 'week',
    ...(ACCOUNT.test(leader) ? { leader } : {}),
  };
}

export function searchOf(q: ScheduleQuery): string {
  const p = new URLSearchParams({ week: q.week, cal: q.cal });
  if (q.view !== 'week') p.set('view', q.view);
  if (q.view === 'day' || q.view === 'month') p.set('day', q.day);
  if (q.leader) p.set('leader', q.leader);
  return p.toString();
}

/** The query `n` steps later in its view: days, weeks or months. */
export function step(q: ScheduleQuery, n: number): ScheduleQuery {
  if (q.view === 'day') {
    const day = addDays(q.day, n);
    return { ...q, day, week: isoWeekOf(day) };
  }
  if (q.view === 'month') {
    const [y, m] = q.day.split('-').map(Number) as [number, number];
    const index = y * 12 + (m - 1) + n;
    const day = `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
    return { ...q, day, week: isoWeekOf(day) };
  }
  const week = addWeeks(q.week, n);
  return { ...q, week, day: daysOfIsoWeek(week)[0]! };
}

/** The days of the month holding `day`, Monday-first weeks from the week of the 1st to the week of the last day. */
export function monthGrid(day: string): string[][] {
  const first = `${day.slice(0, 7)}-01`;
  const next = step({ week: isoWeekOf(first), cal: 'leadership', view: 'month', day: first }, 1).day;
  const last = addDays(next, -1);
  const weeks: string[][] = [];
  for (let monday = daysOfIsoWeek(isoWeekOf(first))[0]!; monday <= last; monday = addDays(monday, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(monday, i)));
  }
  return weeks;
}

/** Entries a leader chairs or attends (the leadership schedule's "by leader" filter). */
export const withLeader = (row: EventRow, leader: string | undefined): boolean =>
  !leader || row.state.chair === leader || attendeesOf(row.state).includes(leader) || row.state.participants.includes(leader);

/** Entries touching any of `days`, in order. */
export const rowsOfDays = (rows: readonly EventRow[], days: readonly string[]): EventRow[] => {
  const set = new Set(days);
  return rows.filter((r) => daysOf(r).some((d) => set.has(d)));
};

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
