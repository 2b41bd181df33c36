/** The ward's time zone: calendar days (deadlines, expiry) are days here. */
export const WARD_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** `YYYY-MM-DD` of an instant in Asia/Ho_Chi_Minh. */
export function wardDay(at: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: WARD_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
