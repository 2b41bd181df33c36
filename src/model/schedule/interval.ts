/**
 * Time arithmetic of the schedule in UTC milliseconds. The ward keeps UTC+7 all year (no daylight saving), so ward
 * wall time is a fixed offset from UTC: no `Intl`, the same answer on every device and in CouchDB's engine.
 */
import { addDays } from '../documents/dates.ts';
import { type EventWhen, isSlotWhen, SLOT_HOURS, type Slot } from './types.ts';

export const WARD_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Half-open `[start, end)` in UTC ms: an event ending at 09:00 and one starting at 09:00 do not overlap. */
export interface Interval {
  start: number;
  end: number;
}

/** The instant of ward wall time `HH:mm` on ward day `YYYY-MM-DD`. */
export function wardInstant(day: string, time: string): number {
  return Date.parse(`${day}T${time}:00.000Z`) - WARD_OFFSET_MS;
}

export function slotInterval(day: string, slot: Slot): Interval {
  const h = SLOT_HOURS[slot];
  return { start: wardInstant(day, h.start), end: wardInstant(day, h.end) };
}

/** The interval an event occupies, from either form of `when`. */
export function intervalOf(when: EventWhen): Interval {
  if (isSlotWhen(when)) return slotInterval(when.day, when.slot);
  return { start: Date.parse(when.start), end: Date.parse(when.end) };
}

/** True when the two share a moment. Empty or inverted intervals overlap nothing. */
export const overlaps = (a: Interval, b: Interval): boolean => a.start < a.end && b.start < b.end && a.start < b.end && b.start < a.end;

/** Ward calendar day of an instant: 2026-12-07T17:30Z is already 2026-12-08 in the ward. */
export const wardDayOf = (ms: number): string => new Date(ms + WARD_OFFSET_MS).toISOString().slice(0, 10);

/** Ward wall time `HH:mm` of an instant. */
export const wardTimeOf = (ms: number): string => new Date(ms + WARD_OFFSET_MS).toISOString().slice(11, 16);

/** The ward day an event starts on (the row of the weekly table it belongs to). */
export const wardDayOfWhen = (when: EventWhen): string => (isSlotWhen(when) ? when.day : wardDayOf(Date.parse(when.start)));

/**
 * Every ward day the interval touches, first to last. The end is exclusive: an event 22:00–00:00 covers one day.
 */
export function wardDaysOf(i: Interval): string[] {
  const first = wardDayOf(i.start);
  const last = wardDayOf(Math.max(i.start, i.end - 1));
  const days = [first];
  while (days[days.length - 1]! < last) days.push(addDays(days[days.length - 1]!, 1));
  return days;
}

export const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** ISO weekday of a day: 1 = Monday (thứ Hai) … 7 = Sunday (Chủ nhật). */
export const isoWeekday = (day: string): number => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The ISO week (`2026-W50`) of a ward day: the week of its Thursday, whose year is the week's year. */
export function isoWeekOf(day: string): string {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = thursday.slice(0, 4);
  const jan1 = Date.parse(`${year}-01-01T00:00:00Z`);
  const n = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - jan1) / DAY_MS / 7) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}

/** Monday … Sunday of an ISO week; throws on a malformed week. */
export function daysOfIsoWeek(week: string): string[] {
  const m = ISO_WEEK.exec(week);
  if (!m) throw new RangeError(`Not an ISO week: ${week}`);
  // 4 January is always in week 1.
  const jan4 = `${m[1]}-01-04`;
  const monday = addDays(jan4, 1 - isoWeekday(jan4) + (Number(m[2]) - 1) * 7);
  if (isoWeekOf(monday) !== week) throw new RangeError(`Not an ISO week: ${week}`);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}
