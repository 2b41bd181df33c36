/**
 * Calendar interchange (issue 5): the schedule as RFC 5545 iCalendar, both ways. Pure (no I/O), shared by the
 * browser (import of a `.ics` file, export) and the server (the private subscription feed, `server/api/calendar.ts`).
 * Reading and writing iCalendar text is ical.js's job: nothing here splits lines, folds, escapes or unescapes.
 *
 * Export (`eventsToIcs`):
 * - one VEVENT per `calendarEvent`, UID `<_id>@docket` (stable across exports, so a calendar app updates the entry
 *   in place), SEQUENCE = edits + cancellation, LAST-MODIFIED = latest applied step, cancelled entries stay in the
 *   feed with STATUS:CANCELLED;
 * - times in ward time with TZID=Asia/Ho_Chi_Minh and its VTIMEZONE (UTC+7, no daylight saving);
 * - slot entries: "Sáng" / "Chiều" are the office hours of `SLOT_HOURS` (07:30–11:30, 13:30–17:00); "Cả ngày" is a
 *   whole-day entry (DTSTART;VALUE=DATE, DTEND the next day), which calendar apps show in their all-day row.
 *
 * Import (`parseIcs`):
 * - DATE and DATE-TIME values; UTC, floating (read as ward time) and TZID times. A TZID is resolved from the file's
 *   own VTIMEZONE (ical.js), else from a short list of names for UTC and for UTC+7 (Outlook writes "SE Asia Standard
 *   Time"); any other TZID without a VTIMEZONE is an error for that event (`unknownTimezone`), never a guess;
 * - no DTEND: DURATION, else one day for a DATE start and one hour for a DATE-TIME start;
 * - back to slots: a single whole day is "Cả ngày"; a timed entry of exactly a slot's office hours on one ward day
 *   (07:30–11:30, 13:30–17:00, 07:30–17:00) becomes that slot, so an export imports back as it was; several whole
 *   days become a timed entry from 07:30 on the first to 17:00 on the last day (the ward's "cả ngày" hours);
 * - RRULE / RDATE: the series is expanded (EXDATE and RECURRENCE-ID exceptions applied, by ical.js) into separate
 *   occurrences, those that end after `now − 60 days` and start before `now + 366 days`, at most 500 per series;
 *   more gives `recurrenceLimit` (the first 500 are kept). Each occurrence's uid is `<UID>#<its start in UTC>`;
 * - STATUS:CANCELLED (or METHOD:CANCEL) gives `cancelled: true`;
 * - anything wrong gives `errors` (codes below), never a throw: not iCalendar at all, no VEVENT, a broken event (the
 *   rest still import), a file ical.js cannot read (`unreadable`: it reads a file whole, so a single malformed line
 *   such as an RRULE with an unknown FREQ refuses all of it), a file over 5 MB or with more than 5,000 events.
 */
import ICAL from 'ical.js';
import { addDays, isValidDay } from '../documents/dates.ts';
import { attendeesOf } from './state.ts';
import { intervalOf, WARD_OFFSET_MS, wardDayOf, wardInstant, wardTimeOf } from './interval.ts';
import {
  type CalendarEvent,
  type CalendarEventState,
  type EventWhen,
  isSlotWhen,
  SCHEDULE_LIMITS,
  SLOT_HOURS,
  SLOTS,
  type Visibility,
} from './types.ts';

export const WARD_TZID = 'Asia/Ho_Chi_Minh';
export const UID_DOMAIN = 'docket';
export const PRODID = '-//Docket//Lich cong tac//VI';

/** Bounds of an import. */
export const ICS_IMPORT_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  maxEvents: 5000,
  /** Occurrences of one recurring series. */
  maxOccurrences: 500,
  /** Recurrences are expanded from `now − pastDays` … */
  pastDays: 60,
  /** … to `now + futureDays`. */
  futureDays: 366,
  /** Steps of a recurrence iterator before giving up (a daily rule from 1900 would otherwise take long). */
  maxIterations: 50_000,
} as const;

/** Error codes of `parseIcs` (message key `schedule.ical.<code>`). */
export const ICS_ERROR_CODES = [
  'empty',
  'tooLarge',
  'notICalendar',
  'unreadable',
  'noEvents',
  'tooManyEvents',
  'invalidEvent',
  'missingStart',
  'unknownTimezone',
  'endBeforeStart',
  'tooLong',
  'recurrenceLimit',
] as const;
export type IcsErrorCode = (typeof ICS_ERROR_CODES)[number];

export interface IcsError {
  /** 1-based line of the file where the event begins (its BEGIN:VEVENT), when the error is about one event. */
  line?: number;
  code: IcsErrorCode;
  message: string;
  uid?: string;
}

export interface ImportedEvent {
  /** The file's UID; `<UID>#<start, UTC>` for an occurrence of a recurring series. */
  uid: string;
  /** SUMMARY; '' when the file has none (`importedToEventInput` puts a title in). */
  title: string;
  /** DESCRIPTION. */
  content?: string;
  when: EventWhen;
  /** LOCATION. */
  locationText?: string;
  cancelled: boolean;
}

export interface IcsParseResult {
  events: ImportedEvent[];
  errors: IcsError[];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// ───────────────────────────── export ─────────────────────────────

export interface IcsExportOptions {
  /** X-WR-CALNAME: the name calendar apps show for the subscription. */
  calName: string;
  /** Room names by room id (`location: { roomId }`); the id itself when unknown. */
  rooms?: ReadonlyMap<string, string>;
  /** Display names by account name (CN of ORGANIZER / ATTENDEE). */
  names?: ReadonlyMap<string, string>;
  /** DTSTAMP (default: now). */
  now?: Date;
}

/** `calendarEvent:01J…` → `calendarEvent:01J…@docket`. */
export const uidOf = (eventId: string): string => `${eventId}@${UID_DOMAIN}`;

/** The account behind an ORGANIZER / ATTENDEE address (accounts have no e-mail addresses here). */
export const accountAddress = (name: string): string => `urn:docket:account:${encodeURIComponent(name)}`;

function wardTimezone(): ICAL.Component {
  const tz = new ICAL.Component('vtimezone');
  tz.addPropertyWithValue('tzid', WARD_TZID);
  tz.addPropertyWithValue('x-lic-location', WARD_TZID);
  const std = new ICAL.Component('standard');
  std.addPropertyWithValue('tzoffsetfrom', ICAL.UtcOffset.fromString('+07:00'));
  std.addPropertyWithValue('tzoffsetto', ICAL.UtcOffset.fromString('+07:00'));
  std.addPropertyWithValue('tzname', '+07');
  std.addPropertyWithValue('dtstart', ICAL.Time.fromDateTimeString('1970-01-01T00:00:00'));
  tz.addSubcomponent(std);
  return tz;
}

const utcTime = (ms: number): ICAL.Time => ICAL.Time.fromJSDate(new Date(ms), true);

const dateValue = (day: string): ICAL.Time => ICAL.Time.fromDateString(day);

/** A DTSTART / DTEND in ward wall time with TZID. */
function wardProperty(name: 'dtstart' | 'dtend', ms: number): ICAL.Property {
  const p = new ICAL.Property(name);
  p.setParameter('tzid', WARD_TZID);
  p.setValue(ICAL.Time.fromDateTimeString(`${wardDayOf(ms)}T${wardTimeOf(ms)}:${String(new Date(ms).getUTCSeconds()).padStart(2, '0')}`));
  return p;
}

function dateProperty(name: 'dtstart' | 'dtend', day: string): ICAL.Property {
  const p = new ICAL.Property(name);
  p.setValue(dateValue(day));
  return p;
}

function locationOf(s: CalendarEventState, rooms: ReadonlyMap<string, string> | undefined): string | undefined {
  const l = s.location;
  if (!l) return undefined;
  if ('roomId' in l) return rooms?.get(l.roomId) ?? l.roomId;
  return l.text;
}

const PARTSTAT: Record<string, string> = { accepted: 'ACCEPTED', declined: 'DECLINED', delegated: 'DELEGATED' };

function vevent(s: CalendarEventState, opts: IcsExportOptions, stamp: ICAL.Time): ICAL.Component {
  const ev = new ICAL.Component('vevent');
  ev.addPropertyWithValue('uid', uidOf(s.event._id));
  ev.addPropertyWithValue('dtstamp', stamp);
  const created = Date.parse(s.event.createdAt);
  if (!isNaN(created)) ev.addPropertyWithValue('created', utcTime(created));
  const modified = Date.parse(s.lastModified);
  if (!isNaN(modified)) ev.addPropertyWithValue('last-modified', utcTime(modified));
  ev.addPropertyWithValue('sequence', s.sequence);
  if (isSlotWhen(s.when) && s.when.slot === 'allDay') {
    ev.addProperty(dateProperty('dtstart', s.when.day));
    ev.addProperty(dateProperty('dtend', addDays(s.when.day, 1)));
  } else {
    const i = intervalOf(s.when);
    ev.addProperty(wardProperty('dtstart', i.start));
    ev.addProperty(wardProperty('dtend', i.end));
  }
  ev.addPropertyWithValue('summary', s.title);
  const description = [s.content, s.notes].filter((t): t is string => !!t?.trim()).join('\n\n');
  if (description) ev.addPropertyWithValue('description', description);
  const location = locationOf(s, opts.rooms);
  if (location) ev.addPropertyWithValue('location', location);
  if (s.chair) {
    const p = ev.addPropertyWithValue('organizer', accountAddress(s.chair));
    p.setParameter('cn', opts.names?.get(s.chair) ?? s.chair);
  }
  const people = new Set([...s.participants, ...attendeesOf(s)]);
  if (s.chair) people.delete(s.chair);
  for (const name of [...people].sort()) {
    const p = ev.addPropertyWithValue('attendee', accountAddress(name));
    p.setParameter('cn', opts.names?.get(name) ?? name);
    p.setParameter('role', 'REQ-PARTICIPANT');
    p.setParameter('partstat', PARTSTAT[s.answers.get(name)?.answer ?? ''] ?? 'NEEDS-ACTION');
  }
  ev.addPropertyWithValue('status', s.cancelled ? 'CANCELLED' : 'CONFIRMED');
  ev.addPropertyWithValue('transp', s.cancelled ? 'TRANSPARENT' : 'OPAQUE');
  ev.addPropertyWithValue('class', s.visibility === 'personal' ? 'PRIVATE' : 'PUBLIC');
  return ev;
}

/** The events as one VCALENDAR (CRLF lines, folded at 75 octets, text escaped), sorted by start then id. */
export function eventsToIcs(states: readonly CalendarEventState[], opts: IcsExportOptions): string {
  const cal = new ICAL.Component(['vcalendar', [], []]);
  cal.addPropertyWithValue('prodid', PRODID);
  cal.addPropertyWithValue('version', '2.0');
  cal.addPropertyWithValue('calscale', 'GREGORIAN');
  cal.addPropertyWithValue('method', 'PUBLISH');
  cal.addPropertyWithValue('x-wr-calname', opts.calName);
  cal.addPropertyWithValue('x-wr-timezone', WARD_TZID);
  cal.addSubcomponent(wardTimezone());
  const stamp = utcTime((opts.now ?? new Date()).getTime());
  const sorted = [...states].sort((a, b) => {
    const d = intervalOf(a.when).start - intervalOf(b.when).start;
    return d !== 0 ? d : a.event._id < b.event._id ? -1 : a.event._id > b.event._id ? 1 : 0;
  });
  for (const s of sorted) cal.addSubcomponent(vevent(s, opts, stamp));
  return cal.toString() + '\r\n';
}

// ───────────────────────────── import ─────────────────────────────

/** TZIDs read without a VTIMEZONE in the file: the ward's zone (and its neighbours on UTC+7), and UTC. */
const UTC7_TZIDS = new Set(
  [
    'Asia/Ho_Chi_Minh',
    'Asia/Saigon',
    'Asia/Bangkok',
    'Asia/Jakarta',
    'Asia/Phnom_Penh',
    'Asia/Vientiane',
    'SE Asia Standard Time',
    'Etc/GMT-7',
  ].map((z) => z.toLowerCase()),
);
const UTC_TZIDS = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'z', 'zulu', 'universal', 'coordinated universal time', 'etc/universal']);

type TimeRead = { kind: 'date'; day: string } | { kind: 'instant'; ms: number } | { kind: 'error'; code: IcsErrorCode; message: string };

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const dayOfTime = (t: ICAL.Time): string => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
const wallOfTime = (t: ICAL.Time): string => `${pad(t.hour)}:${pad(t.minute)}`;

/** The instant (or day) an ICAL.Time stands for. `tzid`: the TZID parameter of the property it came from. */
function readTime(t: ICAL.Time, tzid: string | undefined): TimeRead {
  if (t.year < 1900 || t.year > 2200) return { kind: 'error', code: 'invalidEvent', message: `Year ${t.year} is out of range.` };
  if (t.isDate) return { kind: 'date', day: dayOfTime(t) };
  const zone = t.zone;
  const wardMs = (): number => wardInstant(dayOfTime(t), wallOfTime(t)) + t.second * 1000;
  if (zone?.tzid === 'UTC' || zone === ICAL.Timezone.utcTimezone) {
    return { kind: 'instant', ms: Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) };
  }
  if (zone && zone.tzid && zone.tzid !== 'floating' && zone !== ICAL.Timezone.localTimezone) {
    // Resolved by ical.js from the file's VTIMEZONE.
    return { kind: 'instant', ms: t.toUnixTime() * 1000 };
  }
  if (!tzid) return { kind: 'instant', ms: wardMs() }; // floating: ward time
  const id = tzid.toLowerCase();
  if (UTC7_TZIDS.has(id)) return { kind: 'instant', ms: wardMs() };
  if (UTC_TZIDS.has(id)) return { kind: 'instant', ms: wardMs() + WARD_OFFSET_MS };
  return { kind: 'error', code: 'unknownTimezone', message: `Time zone "${tzid}" is not defined in the file (no VTIMEZONE).` };
}

const tzidOf = (comp: ICAL.Component, name: string): string | undefined => {
  const v = comp.getFirstProperty(name)?.getParameter('tzid');
  return typeof v === 'string' && v ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
};

/** An entry of a ward timetable from start and (exclusive) end, or why not. */
function whenOf(start: TimeRead, end: TimeRead | null): EventWhen | { code: IcsErrorCode; message: string } {
  if (start.kind === 'error') return start;
  if (end?.kind === 'error') return end;
  if (start.kind === 'date') {
    const last = end?.kind === 'date' ? addDays(end.day, -1) : end?.kind === 'instant' ? wardDayOf(end.ms - 1) : start.day;
    if (last < start.day) return { code: 'endBeforeStart', message: 'The event ends before it starts.' };
    if (!isValidDay(start.day) || !isValidDay(last)) return { code: 'invalidEvent', message: 'Invalid date.' };
    if (last === start.day) return { day: start.day, slot: 'allDay' };
    return checked(wardInstant(start.day, SLOT_HOURS.allDay.start), wardInstant(last, SLOT_HOURS.allDay.end));
  }
  let endMs = end?.kind === 'instant' ? end.ms : end?.kind === 'date' ? wardInstant(end.day, '00:00') : start.ms + HOUR_MS;
  if (endMs === start.ms) endMs = start.ms + HOUR_MS;
  return checked(start.ms, endMs);
}

function checked(startMs: number, endMs: number): EventWhen | { code: IcsErrorCode; message: string } {
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) return { code: 'invalidEvent', message: 'Invalid date or time.' };
  if (endMs < startMs) return { code: 'endBeforeStart', message: 'The event ends before it starts.' };
  if (endMs - startMs > SCHEDULE_LIMITS.maxDurationDays * DAY_MS)
    return { code: 'tooLong', message: `The event lasts more than ${SCHEDULE_LIMITS.maxDurationDays} days.` };
  const day = wardDayOf(startMs);
  if (wardDayOf(endMs - 1) === day && startMs % 60_000 === 0 && endMs % 60_000 === 0) {
    const slot = SLOTS.find((k) => wardTimeOf(startMs) === SLOT_HOURS[k].start && wardTimeOf(endMs) === SLOT_HOURS[k].end);
    if (slot) return { day, slot };
  }
  return { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() };
}

const isWhenError = (w: EventWhen | { code: IcsErrorCode; message: string }): w is { code: IcsErrorCode; message: string } => 'code' in w;

const textOf = (comp: ICAL.Component, name: string): string | undefined => {
  const v = comp.getFirstPropertyValue(name);
  if (typeof v !== 'string') return undefined;
  const t = v.replace(/\r\n?/g, '\n').trim();
  return t || undefined;
};

/** 1-based line numbers of each `BEGIN:VEVENT`, in file order (for messages only: parsing is ical.js's). */
function veventLines(text: string): number[] {
  const out: number[] = [];
  text.split(/\r\n|\n|\r/).forEach((l, i) => {
    if (/^BEGIN:VEVENT\s*$/i.test(l)) out.push(i + 1);
  });
  return out;
}

interface Ctx {
  errors: IcsError[];
  events: ImportedEvent[];
  windowStart: number;
  windowEnd: number;
  cancelAll: boolean;
}

function importedOf(
  comp: ICAL.Component,
  uid: string,
  start: ICAL.Time,
  end: ICAL.Time,
  ctx: Ctx,
  line: number | undefined,
): ImportedEvent | null {
  const when = whenOf(
    readTime(start, tzidOf(comp, 'dtstart')),
    readTime(end, tzidOf(comp, comp.hasProperty('dtend') ? 'dtend' : 'dtstart')),
  );
  if (isWhenError(when)) {
    ctx.errors.push({ ...(line ? { line } : {}), code: when.code, message: when.message, uid });
    return null;
  }
  const title = textOf(comp, 'summary') ?? '';
  const content = textOf(comp, 'description');
  const locationText = textOf(comp, 'location');
  const status = comp.getFirstPropertyValue('status');
  return {
    uid,
    title,
    ...(content ? { content } : {}),
    when,
    ...(locationText ? { locationText } : {}),
    cancelled: ctx.cancelAll || (typeof status === 'string' && status.toUpperCase() === 'CANCELLED'),
  };
}

/** The instant a time stands for (a DATE: its ward midnight), or NaN when it cannot be read. */
function msOf(t: ICAL.Time, tzid: string | undefined): number {
  const r = readTime(t, tzid);
  return r.kind === 'instant' ? r.ms : r.kind === 'date' ? wardInstant(r.day, '00:00') : NaN;
}

/** `20261207T010000Z` (a DATE: `20261207`): the occurrence part of an occurrence's uid. */
function occurrenceKey(t: ICAL.Time, tzid: string | undefined): string {
  if (t.isDate) return dayOfTime(t).replace(/-/g, '');
  return new Date(msOf(t, tzid)).toISOString().replace(/[-:]|\.\d{3}/g, '');
}

function expandSeries(event: ICAL.Event, uid: string, ctx: Ctx, line: number | undefined): void {
  const at = line ? { line } : {};
  const startTz = tzidOf(event.component, 'dtstart');
  const first = readTime(event.startDate, startTz);
  if (first.kind === 'error') {
    ctx.errors.push({ ...at, code: first.code, message: first.message, uid });
    return;
  }
  const it = event.iterator();
  let kept = 0;
  for (let i = 0; ; i++) {
    if (i >= ICS_IMPORT_LIMITS.maxIterations) {
      ctx.errors.push({ ...at, code: 'recurrenceLimit', message: 'The recurrence rule is too long to expand.', uid });
      return;
    }
    const next = it.next();
    if (!next) return;
    const details = event.getOccurrenceDetails(next);
    const occ = details.item.component;
    const occTz = tzidOf(occ, 'dtstart');
    const startMs = msOf(details.startDate, occTz);
    // Occurrences come in order of their original start; a moved one may start after the window while later ones do not.
    if (msOf(next, startTz) >= ctx.windowEnd) return;
    if (startMs >= ctx.windowEnd) continue;
    const endMs = msOf(details.endDate, tzidOf(occ, occ.hasProperty('dtend') ? 'dtend' : 'dtstart'));
    if (Math.max(endMs, startMs + 1) <= ctx.windowStart) continue;
    if (kept >= ICS_IMPORT_LIMITS.maxOccurrences) {
      ctx.errors.push({
        ...at,
        code: 'recurrenceLimit',
        message: `Only the first ${ICS_IMPORT_LIMITS.maxOccurrences} occurrences of this series were imported.`,
        uid,
      });
      return;
    }
    const one = importedOf(occ, `${uid}#${occurrenceKey(next, startTz)}`, details.startDate, details.endDate, ctx, line);
    if (one) {
      ctx.events.push(one);
      kept++;
    }
  }
}

/** Reads an iCalendar file. Never throws: what cannot be read is in `errors`, the rest in `events`. */
export function parseIcs(text: string, opts: { now?: Date } = {}): IcsParseResult {
  const errors: IcsError[] = [];
  const err = (code: IcsErrorCode, message: string): IcsParseResult => ({ events: [], errors: [{ code, message }] });
  if (typeof text !== 'string' || !text.trim()) return err('empty', 'The file is empty.');
  if (new TextEncoder().encode(text).length > ICS_IMPORT_LIMITS.maxBytes)
    return err('tooLarge', `The file is larger than ${ICS_IMPORT_LIMITS.maxBytes / 1024 / 1024} MB.`);
  const body = text.replace(/^\uFEFF/, '');
  if (!/^\s*BEGIN:VCALENDAR\s*$/im.test(body.split(/\r\n|\n|\r/).find((l) => l.trim()) ?? ''))
    return err('notICalendar', 'This is not an iCalendar (.ics) file.');
  let jcal: unknown;
  try {
    jcal = ICAL.parse(body);
  } catch (e) {
    // ical.js reads a file whole: one broken line (an RRULE with an unknown FREQ…) makes all of it unreadable.
    return err('unreadable', `The iCalendar file cannot be read: ${(e as Error).message}`);
  }
  // One VCALENDAR parses to a component, several to a list of them.
  const roots = (Array.isArray(jcal) && typeof jcal[0] === 'string' ? [jcal] : Array.isArray(jcal) ? jcal : []) as unknown[];
  const calendars: ICAL.Component[] = [];
  for (const r of roots) {
    try {
      const c = new ICAL.Component(r as unknown[]);
      if (c.name === 'vcalendar') calendars.push(c);
    } catch {
      // not a component: skipped
    }
  }
  if (calendars.length === 0) return err('notICalendar', 'This is not an iCalendar (.ics) file.');
  const now = (opts.now ?? new Date()).getTime();
  const ctx: Ctx = {
    errors,
    events: [],
    windowStart: now - ICS_IMPORT_LIMITS.pastDays * DAY_MS,
    windowEnd: now + ICS_IMPORT_LIMITS.futureDays * DAY_MS,
    cancelAll: false,
  };
  const lines = veventLines(body);
  let index = 0;
  let total = 0;
  for (const cal of calendars) {
    const method = cal.getFirstPropertyValue('method');
    ctx.cancelAll = typeof method === 'string' && method.toUpperCase() === 'CANCEL';
    const vevents = cal.getAllSubcomponents('vevent').map((comp) => ({ comp, line: lines[index++] }));
    total += vevents.length;
    if (total > ICS_IMPORT_LIMITS.maxEvents)
      return err('tooManyEvents', `The file has more than ${ICS_IMPORT_LIMITS.maxEvents} events; split it into smaller files.`);
    // Exceptions of a recurring series (RECURRENCE-ID) belong to their master, which ical.js applies them to.
    const masters = new Map<string, ICAL.Event>();
    const exceptions: typeof vevents = [];
    const singles: { event: ICAL.Event; line: number | undefined; uid: string }[] = [];
    for (const { comp, line } of vevents) {
      try {
        const uid = textOf(comp, 'uid') ?? `line-${line ?? index}`;
        if (comp.hasProperty('recurrence-id')) {
          exceptions.push({ comp, line });
          continue;
        }
        if (!comp.hasProperty('dtstart')) {
          errors.push({ ...(line ? { line } : {}), code: 'missingStart', message: 'The event has no start (DTSTART).', uid });
          continue;
        }
        const event = new ICAL.Event(comp);
        if (event.isRecurring()) masters.set(uid, event);
        singles.push({ event, line, uid });
      } catch (e) {
        errors.push({ ...(line ? { line } : {}), code: 'invalidEvent', message: (e as Error).message });
      }
    }
    for (const { comp, line } of exceptions) {
      try {
        const uid = textOf(comp, 'uid') ?? '';
        const master = masters.get(uid);
        if (master) master.relateException(comp);
        // An exception without its series in the file is an event of its own.
        else {
          const rid = comp.getFirstPropertyValue('recurrence-id');
          const key = rid instanceof ICAL.Time ? occurrenceKey(rid, tzidOf(comp, 'recurrence-id')) : '';
          singles.push({ event: new ICAL.Event(comp), line, uid: `${uid}#${key}` });
        }
      } catch (e) {
        errors.push({ ...(line ? { line } : {}), code: 'invalidEvent', message: (e as Error).message });
      }
    }
    for (const { event, line, uid } of singles) {
      try {
        if (masters.get(uid) === event) expandSeries(event, uid, ctx, line);
        else {
          const one = importedOf(event.component, uid, event.startDate, event.endDate, ctx, line);
          if (one) ctx.events.push(one);
        }
      } catch (e) {
        errors.push({ ...(line ? { line } : {}), code: 'invalidEvent', message: (e as Error).message, uid });
      }
    }
  }
  if (total === 0) return err('noEvents', 'The file has no events (VEVENT).');
  return { events: ctx.events, errors };
}

// ───────────────────────────── import → new entries ─────────────────────────────

/** The fields of a new `calendarEvent` taken from an imported one (the caller adds `_id`, `createdAt`, actor…). */
export type ImportedEventInput = Pick<
  CalendarEvent,
  | 'title'
  | 'content'
  | 'when'
  | 'location'
  | 'participants'
  | 'participantUnits'
  | 'links'
  | 'visibility'
  | 'unitId'
  | 'leadership'
  | 'priority'
>;

const clamp = (s: string, max: number): string => (s.length > max ? s.slice(0, max - 1) + '…' : s);

/**
 * A new personal or unit entry from an imported event: title, content and place clamped to the schedule's limits,
 * no participants, not part of the leadership schedule. `untitled` is the title of an event without SUMMARY (in the
 * user's language). A cancelled import is usually skipped by the caller (a new entry cannot start cancelled).
 */
export function importedToEventInput(
  ev: ImportedEvent,
  opts: { visibility: Visibility; unitId?: string; untitled?: string },
): ImportedEventInput {
  const title = clamp(ev.title.trim() || opts.untitled || '—', SCHEDULE_LIMITS.titleMax);
  return {
    title,
    ...(ev.content ? { content: clamp(ev.content, SCHEDULE_LIMITS.contentMax) } : {}),
    when: ev.when,
    ...(ev.locationText ? { location: { text: clamp(ev.locationText, SCHEDULE_LIMITS.locationTextMax) } } : {}),
    participants: [],
    participantUnits: [],
    links: [],
    visibility: opts.visibility,
    ...(opts.visibility === 'unit' && opts.unitId ? { unitId: opts.unitId } : {}),
    leadership: false,
    priority: 'normal',
  };
}
