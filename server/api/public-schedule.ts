import { Router, type NextFunction, type Request, type Response } from 'express';
import type { PersonDoc, UnitDoc } from '../../src/model/directory.ts';
import type { RoomDoc } from '../../src/model/rooms.ts';
import { eventsToIcs } from '../../src/model/schedule/ical.ts';
import { ISO_WEEK, daysOfIsoWeek, intervalOf, isoWeekOf, wardDayOf } from '../../src/model/schedule/interval.ts';
import { isChanged } from '../../src/model/schedule/state.ts';
import type { CalendarEventState, EventLocation } from '../../src/model/schedule/types.ts';
import { addWeeks, timeRangeOf, weekTable } from '../../src/model/schedule/week-table.ts';
import type { EventRow } from '../../src/data/schedule.ts';
import { ORG_DB } from '../services/directory.ts';
import type { Store } from '../store/types.ts';
import { type LeadershipWeek, leadershipWeekOf, prefixed } from './calendar.ts';
import {
  CSS_PATH,
  PUBLIC_SCHEDULE_CSS,
  type PublicDay,
  type PublicRow,
  renderMessagePage,
  renderSchedulePage,
} from './public-schedule-html.ts';
import { WardSettingsStore } from './public-schedule-settings.ts';

/**
 * The public page of the weekly leadership schedule (issue 5), for a ward that turns on `publicSchedule`
 * (`/api/admin/settings`, administrators only). No session: anyone on the network reads it.
 *
 * - `GET /public/schedule[?week=YYYY-Www]` → 200 HTML, the ward's table of that week (default: the current ward
 *   week), with links to the weeks before and after; a week not yet published says so (200); a malformed week → 400;
 *   the setting off → 404. `Cache-Control: public, max-age=60`.
 * - `GET /public/schedule.ics[?week=YYYY-Www]` → the same entries as iCalendar (default: the current and the next
 *   week, so a subscribed calendar app gets next week once it is published); 404 when off, 400 for a bad week.
 * - `GET /public/schedule.css` → the page's stylesheet.
 *
 * What is shown, and nothing else: published weeks only (`publishedAt` set), `leadership` entries of the org space
 * only (never unit, personal or room-booking entries), no entry waiting for a leader's approval; of each entry its
 * day, half-day, times, title, participants and chair by their directory names (people without a directory entry are
 * left out rather than shown by account name), units by name, the room's name or the place in words. Never notes,
 * content, links, files, answers or account names. Cancelled entries stay, struck through, "(Hoãn/Hủy)"; entries
 * changed or added after the first publication are marked "(Thay đổi)".
 *
 * The page has no script and its own CSP (`PUBLIC_CSP`): styles from `/public/schedule.css` only.
 */
export const PUBLIC_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PUBLIC_CACHE = 'public, max-age=60';
/** Weeks outside these years are refused (400): nothing to show, and the arithmetic stays in four-digit years. */
const YEARS = { min: 2000, max: 2999 } as const;

export interface PublicScheduleOptions {
  /** The ward as the page names it (`ISSUER_NAME`). */
  wardName: string;
  /** The clock (tests). */
  now?: () => Date;
}

/** The directory names the page may show. */
interface Names {
  people: Map<string, string>;
  units: Map<string, string>;
  rooms: Map<string, string>;
}

async function namesOf(store: Store): Promise<Names> {
  const org = await store.db(ORG_DB);
  const [people, units, rooms] = await Promise.all([
    prefixed<PersonDoc>(org, 'person:'),
    prefixed<UnitDoc>(org, 'unit:'),
    prefixed<RoomDoc>(org, 'room:'),
  ]);
  return {
    people: new Map(people.filter((p) => p.type === 'person').map((p) => [p.name, p.displayName])),
    units: new Map(units.filter((u) => u.type === 'unit').map((u) => [u.unitId, u.name])),
    rooms: new Map(rooms.filter((r) => r.type === 'room').map((r) => [r.roomId, r.name])),
  };
}

/** `?week=`: absent → undefined, malformed or out of range → null. */
export function weekParam(v: unknown): string | null | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !ISO_WEEK.test(v)) return null;
  const year = Number(v.slice(0, 4));
  if (year < YEARS.min || year > YEARS.max) return null;
  try {
    daysOfIsoWeek(v);
    return v;
  } catch {
    return null;
  }
}

const inRange = (week: string): boolean => weekParam(week) === week;

/** The entries a public reader may see: published week, settled entries. */
const publicEntries = (w: LeadershipWeek): CalendarEventState[] =>
  w.week.publishedAt ? w.entries.filter((s) => s.approval !== 'pending' && s.visibility === 'org') : [];

const locationText = (l: EventLocation | undefined, names: Names): string =>
  !l ? '' : 'roomId' in l ? (names.rooms.get(l.roomId) ?? '') : l.text;

const participantsText = (s: CalendarEventState, names: Names): string =>
  [...s.participantUnits.map((u) => names.units.get(u)), ...s.participants.map((p) => names.people.get(p))]
    .filter((x): x is string => !!x)
    .join(', ');

const chairText = (s: CalendarEventState, names: Names): string => (s.chair ? (names.people.get(s.chair) ?? '') : '');

/** Changed after the first publication: an edit (a change mark) or an entry added since. */
const changedSincePublished = (s: CalendarEventState, publishedAt: string): boolean =>
  !s.cancelled && (isChanged(s) || s.event.createdAt > publishedAt);

const byStart = (a: CalendarEventState, b: CalendarEventState): number =>
  intervalOf(a.when).start - intervalOf(b.when).start || (a.event._id < b.event._id ? -1 : a.event._id > b.event._id ? 1 : 0);

function daysOf(w: LeadershipWeek, names: Names): PublicDay[] {
  const publishedAt = w.week.publishedAt!;
  const rows: EventRow[] = publicEntries(w)
    .sort(byStart)
    .map((state) => ({ id: state.event._id, state, heldIn: [], pending: false }));
  return weekTable(rows, w.week.week).map((g) => ({
    day: g.day,
    slots: g.slots.map((s) => ({
      slot: s.slot,
      rows: s.rows.map((r): PublicRow => {
        const range = timeRangeOf(r);
        return {
          time: range ? `${range.start}–${range.end}` : '',
          title: r.state.title,
          participants: participantsText(r.state, names),
          location: locationText(r.state.location, names),
          chair: chairText(r.state, names),
          cancelled: r.state.cancelled,
          changed: changedSincePublished(r.state, publishedAt),
        };
      }),
    })),
  }));
}

/**
 * An entry as the public `.ics` may carry it: title, time, place in words, status; the chair and participants by name
 * in the description (ORGANIZER/ATTENDEE would carry account names); nothing else.
 */
function publicIcsState(s: CalendarEventState, names: Names): CalendarEventState {
  const chair = chairText(s, names);
  const participants = participantsText(s, names);
  const description = [participants ? `Thành phần: ${participants}` : '', chair ? `Chủ trì: ${chair}` : ''].filter(Boolean).join('\n');
  const location = locationText(s.location, names);
  const copy: CalendarEventState = {
    ...s,
    events: [],
    ignored: [],
    participants: [],
    participantUnits: [],
    links: [],
    answers: new Map(),
    marks: {},
  };
  delete copy.content;
  delete copy.notes;
  delete copy.chair;
  delete copy.files;
  delete copy.preparingUnit;
  delete copy.cancelReason;
  delete copy.location;
  if (description) copy.content = description;
  if (location) copy.location = { text: location };
  // Only the document's identity and times go out with it (UID, CREATED); the rest of it stays here.
  copy.event = { ...s.event, content: undefined, notes: undefined, files: undefined, links: [], participants: [], participantUnits: [] };
  return copy;
}

/** `/public/…` (see the top of this file). */
export function publicScheduleRouter(store: Store, opts: PublicScheduleOptions): Router {
  const router = Router();
  const settings = new WardSettingsStore(store);
  const now = opts.now ?? (() => new Date());
  const wrap = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };
  const html = (res: Response, status: number, body: string, cache = 'no-store'): void => {
    res.status(status).setHeader('Cache-Control', cache);
    res.type('text/html; charset=utf-8').send(body);
  };
  const message = (res: Response, status: number, heading: string, text: string): void =>
    html(res, status, renderMessagePage(opts.wardName, heading, text));
  const off = (res: Response): void =>
    message(res, 404, 'Lịch công tác chưa công bố trên mạng', 'Phường chưa công bố lịch công tác của lãnh đạo trên trang công khai.');
  const badWeek = (res: Response): void => message(res, 400, 'Tuần không hợp lệ', 'Tham số week phải có dạng YYYY-Www (ví dụ 2026-W50).');

  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', PUBLIC_CSP);
    next();
  });

  router.get(CSS_PATH.slice('/public'.length), (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/css; charset=utf-8').send(PUBLIC_SCHEDULE_CSS);
  });

  router.get(
    '/schedule',
    wrap(async (req, res) => {
      if (!(await settings.get()).publicSchedule) return off(res);
      const asked = weekParam(req.query.week);
      if (asked === null) return badWeek(res);
      const week = asked ?? isoWeekOf(wardDayOf(now().getTime()));
      const days = daysOfIsoWeek(week);
      const w = await leadershipWeekOf(store, week, { onlyPublished: true });
      const prev = addWeeks(week, -1);
      const next = addWeeks(week, 1);
      const body = renderSchedulePage({
        wardName: opts.wardName,
        week,
        from: days[0]!,
        to: days[6]!,
        ...(inRange(prev) ? { prev } : {}),
        ...(inRange(next) ? { next } : {}),
        days: w.week.publishedAt ? daysOf(w, await namesOf(store)) : null,
        ...(w.week.lastPublishedAt ? { publishedAt: w.week.lastPublishedAt } : {}),
      });
      html(res, 200, body, PUBLIC_CACHE);
    }),
  );

  router.get(
    '/schedule.ics',
    wrap(async (req, res) => {
      if (!(await settings.get()).publicSchedule) {
        res.status(404).setHeader('Cache-Control', 'no-store');
        res.type('text/plain; charset=utf-8').send('This ward does not publish its schedule online.\n');
        return;
      }
      const asked = weekParam(req.query.week);
      if (asked === null) {
        res.status(400).setHeader('Cache-Control', 'no-store');
        res.type('text/plain; charset=utf-8').send('week must be of the form YYYY-Www (e.g. 2026-W50).\n');
        return;
      }
      const current = isoWeekOf(wardDayOf(now().getTime()));
      const weeks = asked ? [asked] : [current, addWeeks(current, 1)];
      const found = await Promise.all(weeks.map((wk) => leadershipWeekOf(store, wk, { onlyPublished: true })));
      const states = found.flatMap(publicEntries);
      const names = states.length ? await namesOf(store) : { people: new Map(), units: new Map(), rooms: new Map() };
      const ics = eventsToIcs(
        states.map((s) => publicIcsState(s, names)),
        { calName: `Lịch công tác – ${opts.wardName}`, now: now() },
      );
      res.setHeader('Cache-Control', PUBLIC_CACHE);
      res.setHeader('Content-Disposition', 'inline; filename="lich-cong-tac.ics"');
      res.type('text/calendar; charset=utf-8').send(ics);
    }),
  );

  return router;
}
