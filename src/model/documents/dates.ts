/**
 * Calendar-day arithmetic for document dates (`YYYY-MM-DD` in Asia/Ho_Chi_Minh). Viet Nam keeps UTC+7 all
 * year (no daylight saving since 1975), so the ward day of an instant is a fixed offset: no `Intl`, cheap
 * enough for 20,000 documents, and usable inside CouchDB's JavaScript engine.
 */
import { ISO_DATE } from '../doc.ts';

const WARD_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** True for a real calendar day written `YYYY-MM-DD` (`2026-02-30` is not). */
export function isValidDay(v: unknown): v is string {
  if (typeof v !== 'string' || !ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** The ward calendar day (`YYYY-MM-DD`) of an ISO-8601 instant, e.g. `2026-12-31T17:00:00Z` → `2027-01-01`. */
export function wardDayOfInstant(iso: string): string {
  const t = Date.parse(iso);
  if (isNaN(t)) throw new RangeError(`Not an ISO-8601 time: ${iso}`);
  return new Date(t + WARD_OFFSET_MS).toISOString().slice(0, 10);
}

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (`to` − `from`): 0 for the same day, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The year of a `YYYY-MM-DD` day. */
export const yearOfDay = (day: string): number => Number(day.slice(0, 4));
