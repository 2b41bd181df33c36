/**
 * What the schedule views show: which week and calendar the URL asks for, which entries belong to that calendar,
 * and which days a view covers; the week table itself is `model/schedule/week-table.ts`. Days are ward days
 * (Asia/Ho_Chi_Minh), whatever the device's own zone. Pure; no Lit, no i18n.
 */
import type { MeResponse } from '../../model/api.ts';
import { addDays } from '../../model/documents/dates.ts';
import { roomIdOf } from '../../model/schedule/clash.ts';
import { ISO_WEEK, daysOfIsoWeek, isoWeekOf } from '../../model/schedule/interval.ts';
import { attendeesOf } from '../../model/schedule/state.ts';
import { wardDay } from '../../model/time.ts';
import type { EventRow } from '../../data/schedule.ts';
import { addWeeks, daysOf } from '../../model/schedule/week-table.ts';

export { addWeeks, daysOf, slotOf, timeRangeOf, weekTable, type DayGroup } from '../../model/schedule/week-table.ts';

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

/** Entries of the week, in order (the agenda). */
export const rowsOfWeek = (rows: readonly EventRow[], week: string): EventRow[] => {
  const days = new Set(daysOfIsoWeek(week));
  return rows.filter((r) => daysOf(r).some((d) => days.has(d)));
};
