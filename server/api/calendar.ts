import { createHash, randomBytes } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { PersonDoc } from '../../src/model/directory.ts';
import type { RoomDoc } from '../../src/model/rooms.ts';
import { type UserCtx, hasRole, isActive, unitsOf } from '../../src/model/roles.ts';
import { eventsToIcs } from '../../src/model/schedule/ical.ts';
import { intervalOf, overlaps } from '../../src/model/schedule/interval.ts';
import { deriveWeekState, eventContextOf, isWeekVisibleTo, weekOfEvent } from '../../src/model/schedule/publication.ts';
import { attendeesOf, deriveEventState } from '../../src/model/schedule/state.ts';
import type {
  CalendarEvent,
  CalendarEventEvent,
  CalendarEventState,
  ScheduleWeekEvent,
  ScheduleWeekState,
} from '../../src/model/schedule/types.ts';
import { canReadSpace, dbNameOf, type SpaceRef } from '../../src/model/spaces.ts';
import { forbidden, notFound, sendError, unauthorized } from '../errors.ts';
import type { SessionResolver } from '../gateway/session.ts';
import { credentialsOf } from '../gateway/session.ts';
import { ORG_DB, getOrNull, getPerson, getUserRecord, listUnits } from '../services/directory.ts';
import { openAdminOnlyDb } from '../store/admin-only-db.ts';
import type { Store } from '../store/types.ts';

/**
 * Calendar subscription (issue 5): a private iCalendar feed per account, for the phone's or desktop's calendar app.
 *
 * - `POST /api/calendar/token` (signed in): a new secret link, replacing any earlier one (which stops working at once)
 *   → 201 `{ url, webcal, createdAt }`. The link is shown this once: the server keeps only the SHA-256 of its token.
 * - `GET /api/calendar/token` (signed in) → 200 `{ createdAt, lastUsedAt? }` when the account has a link, else 404.
 * - `DELETE /api/calendar/token` (signed in) → 200 `{ ok: true }`, 404 when there was none.
 * - `GET /api/calendar/feed/<token>.ics` (no session: the token is the credential) → 200 `text/calendar`, the
 *   entries the token's owner may read now, from 60 days back to 400 days ahead; an unknown, replaced or revoked
 *   token, or one of a disabled account → 404 `{ error: 'not_found' }` (the same answer for all, so nothing leaks).
 *
 * What the feed holds (roles read from `_users` at every request, so a moved or disabled account's feed follows at
 * once): the org space's entries of visibility `org`, of visibility `unit` for the owner's units, and those the owner
 * is on (chair, participant, delegate, an invited unit of theirs); from each unit space the owner can read, the
 * entries of their own units and those they are on; their whole personal space. Leadership entries only for weeks
 * the owner may see (`isWeekVisibleTo`: published, or a draft for the office and leaders). Cancelled entries stay
 * with STATUS:CANCELLED so calendar apps remove them.
 *
 * Tokens live in the admin-only database `docket-calendar-tokens`: `owner:<account>` holds the hash of the current
 * token, `token:<sha256>` points back to the account. A token counts only while both agree.
 */
export const CALENDAR_TOKENS_DB = 'docket-calendar-tokens';

/** Days before and after today that the feed covers. */
export const FEED_WINDOW = { pastDays: 60, futureDays: 400 } as const;

/** 32 random bytes, base64url: 256 bits. */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const LAST_USED_EVERY_MS = 3_600_000;
const DAY_MS = 86_400_000;

interface OwnerDoc {
  _id: string;
  _rev?: string;
  type: 'calendarTokenOwner';
  user: string;
  hash: string;
  createdAt: string;
  lastUsedAt?: string;
}
interface TokenDoc {
  _id: string;
  _rev?: string;
  type: 'calendarToken';
  user: string;
  createdAt: string;
}

const ownerId = (name: string): string => `owner:${name}`;
const tokenId = (hash: string): string => `token:${hash}`;
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
const isConflict = (err: unknown): boolean => (err as { status?: number }).status === 409;

/** The tokens of calendar feeds, by hash only. */
export class CalendarTokens {
  private dbPromise: Promise<PouchDB.Database> | undefined;
  constructor(private readonly store: Store) {}

  private db(): Promise<PouchDB.Database> {
    this.dbPromise ??= openAdminOnlyDb(this.store, CALENDAR_TOKENS_DB);
    this.dbPromise.catch(() => (this.dbPromise = undefined));
    return this.dbPromise;
  }

  /** A new token for `user`; the previous one stops working. */
  async create(user: string, now = new Date()): Promise<{ token: string; createdAt: string }> {
    const db = await this.db();
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const hash = hashToken(token);
    const createdAt = now.toISOString();
    await db.put<Omit<TokenDoc, '_id' | '_rev'>>({ _id: tokenId(hash), type: 'calendarToken', user, createdAt });
    for (let attempt = 0; ; attempt++) {
      const owner = await getOrNull<OwnerDoc>(db, ownerId(user));
      try {
        await db.put<Omit<OwnerDoc, '_id' | '_rev'>>({
          _id: ownerId(user),
          ...(owner ? { _rev: owner._rev } : {}),
          type: 'calendarTokenOwner',
          user,
          hash,
          createdAt,
        });
        if (owner) await this.removeToken(db, owner.hash);
        return { token, createdAt };
      } catch (err) {
        if (!isConflict(err) || attempt >= 4) throw err;
      }
    }
  }

  async current(user: string): Promise<{ createdAt: string; lastUsedAt?: string } | null> {
    const owner = await getOrNull<OwnerDoc>(await this.db(), ownerId(user));
    return owner ? { createdAt: owner.createdAt, ...(owner.lastUsedAt ? { lastUsedAt: owner.lastUsedAt } : {}) } : null;
  }

  /** Revokes the account's token; false when it had none. */
  async revoke(user: string): Promise<boolean> {
    const db = await this.db();
    for (let attempt = 0; ; attempt++) {
      const owner = await getOrNull<OwnerDoc>(db, ownerId(user));
      if (!owner) return false;
      try {
        await db.remove(owner._id, owner._rev);
        await this.removeToken(db, owner.hash);
        return true;
      } catch (err) {
        if (!isConflict(err) || attempt >= 4) throw err;
      }
    }
  }

  /** The account a token belongs to now, or null (malformed, unknown, replaced, revoked). Notes the use hourly. */
  async ownerOf(token: string, now = new Date()): Promise<string | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const db = await this.db();
    const hash = hashToken(token);
    const t = await getOrNull<TokenDoc>(db, tokenId(hash));
    if (!t) return null;
    const owner = await getOrNull<OwnerDoc>(db, ownerId(t.user));
    if (!owner || owner.hash !== hash) return null;
    if (!owner.lastUsedAt || now.getTime() - Date.parse(owner.lastUsedAt) > LAST_USED_EVERY_MS)
      void db.put({ ...owner, lastUsedAt: now.toISOString() }).catch(() => undefined);
    return owner.user;
  }

  private async removeToken(db: PouchDB.Database, hash: string): Promise<void> {
    const t = await getOrNull<TokenDoc>(db, tokenId(hash));
    if (t) await db.remove(t._id, t._rev).catch((err: unknown) => (isConflict(err) ? undefined : Promise.reject(err)));
  }
}

export async function prefixed<T>(db: PouchDB.Database, prefix: string): Promise<T[]> {
  const res = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
  return res.rows.map((r) => r.doc as unknown as T).filter(Boolean);
}

/** Enough of a `calendarEvent` to fold and export; anything else is skipped rather than breaking the feed. */
export function looksLikeEvent(d: Partial<CalendarEvent>): d is CalendarEvent {
  if (d.type !== 'calendarEvent' || typeof d._id !== 'string' || typeof d.title !== 'string' || typeof d.createdAt !== 'string')
    return false;
  if (!Array.isArray(d.participants) || !Array.isArray(d.participantUnits) || !Array.isArray(d.links)) return false;
  if (!d.when || typeof d.when !== 'object') return false;
  const i = intervalOf(d.when);
  return Number.isFinite(i.start) && Number.isFinite(i.end);
}

/** The weekly leadership schedule of one ISO week as stored in the org space. */
export interface LeadershipWeek {
  week: ScheduleWeekState;
  /** Its `leadership` entries (the week of their ward day as created), states derived with the week's context. */
  entries: CalendarEventState[];
}

/**
 * The leadership entries of `week` in the org space with the week's publication state (the public schedule page,
 * `./public-schedule.ts`). The week's steps come from the `scheduleWeekSteps` view; the entries are read only when
 * `onlyPublished` is false or the week has been published. Documents the fold cannot read are left out.
 */
export async function leadershipWeekOf(store: Store, week: string, opts: { onlyPublished?: boolean } = {}): Promise<LeadershipWeek> {
  const org = await store.db(ORG_DB);
  const weekRes = await org.query<ScheduleWeekEvent>('docket/scheduleWeekSteps', { key: week, include_docs: true });
  const weekSteps = weekRes.rows
    .map((r) => r.doc as ScheduleWeekEvent | undefined)
    .filter((d): d is ScheduleWeekEvent => d?.type === 'scheduleWeekEvent' && Array.isArray(d.actorRoles));
  const state = deriveWeekState(week, weekSteps);
  if (opts.onlyPublished && !state.publishedAt) return { week: state, entries: [] };
  const events = (await prefixed<Partial<CalendarEvent>>(org, 'calendarEvent:')).filter(
    (e): e is CalendarEvent => looksLikeEvent(e) && e.leadership === true && weekOfEvent(e) === week,
  );
  if (!events.length) return { week: state, entries: [] };
  const stepRes = await org.query<CalendarEventEvent>('docket/eventsByCalendarEvent', {
    keys: events.map((e) => e._id),
    include_docs: true,
  });
  const steps = new Map<string, CalendarEventEvent[]>();
  for (const r of stepRes.rows) {
    const st = r.doc as CalendarEventEvent | undefined;
    if (st?.type !== 'calendarEventEvent' || typeof st.calendarEventId !== 'string' || !Array.isArray(st.actorRoles)) continue;
    steps.set(st.calendarEventId, [...(steps.get(st.calendarEventId) ?? []), st]);
  }
  const entries: CalendarEventState[] = [];
  for (const e of events) {
    try {
      entries.push(deriveEventState(e, steps.get(e._id) ?? [], eventContextOf(state)));
    } catch {
      // Left out, as in the feed.
    }
  }
  return { week: state, entries };
}

/** Whether `user` is on the entry: chair, participant, someone who will be there, or a member of an invited unit. */
function isOn(s: CalendarEventState, user: UserCtx, units: ReadonlySet<string>): boolean {
  if (s.event.createdBy === user.name || s.chair === user.name || s.participants.includes(user.name)) return true;
  if (s.participantUnits.some((u) => units.has(u))) return true;
  return attendeesOf(s).includes(user.name);
}

export interface FeedOptions {
  now?: Date;
}

/** The feed of `name`, or null when the account does not exist or is disabled. */
export async function feedOf(store: Store, name: string, opts: FeedOptions = {}): Promise<string | null> {
  const record = await getUserRecord(store, name);
  if (!record) return null;
  const user: UserCtx = { name, roles: record.roles ?? [] };
  if (!isActive(user)) return null;
  const now = opts.now ?? new Date();
  const window = { start: now.getTime() - FEED_WINDOW.pastDays * DAY_MS, end: now.getTime() + FEED_WINDOW.futureDays * DAY_MS };
  const units = new Set(unitsOf(user));
  const wardUnits = await listUnits(store);
  const personal: SpaceRef = { kind: 'personal', id: name };
  const spaces: SpaceRef[] = [
    { kind: 'org', id: 'org' },
    ...wardUnits.map((u): SpaceRef => ({ kind: 'unit', id: u.unitId })).filter((s) => canReadSpace(user, s)),
    personal,
  ];
  const org = await store.db(ORG_DB);
  const [rooms, people, weekSteps] = await Promise.all([
    prefixed<RoomDoc>(org, 'room:'),
    prefixed<PersonDoc>(org, 'person:'),
    prefixed<ScheduleWeekEvent>(org, 'scheduleWeekEvent:'),
  ]);
  const found: { space: SpaceRef; event: CalendarEvent }[] = [];
  const steps = new Map<string, CalendarEventEvent[]>();
  for (const space of spaces) {
    const dbName = dbNameOf(space);
    if (!(await store.exists(dbName))) continue;
    const db = await store.db(dbName);
    const [events, eventSteps] = await Promise.all([
      prefixed<Partial<CalendarEvent>>(db, 'calendarEvent:'),
      prefixed<CalendarEventEvent>(db, 'calendarEventEvent:'),
    ]);
    for (const e of events) if (looksLikeEvent(e)) found.push({ space, event: e });
    for (const st of eventSteps) {
      if (st.type !== 'calendarEventEvent' || typeof st.calendarEventId !== 'string') continue;
      const list = steps.get(st.calendarEventId) ?? [];
      list.push(st);
      steps.set(st.calendarEventId, list);
    }
  }
  const weeks = new Map<string, ScheduleWeekState>();
  const weekOf = (week: string): ScheduleWeekState => {
    let w = weeks.get(week);
    if (!w) weeks.set(week, (w = deriveWeekState(week, weekSteps)));
    return w;
  };
  const seen = new Set<string>();
  const states: CalendarEventState[] = [];
  for (const { space, event } of found) {
    if (seen.has(event._id)) continue;
    try {
      let week: ScheduleWeekState | undefined;
      if (event.leadership) {
        week = weekOf(weekOfEvent(event));
        if (!isWeekVisibleTo(week, user)) continue;
      }
      const s = deriveEventState(event, steps.get(event._id) ?? [], week ? eventContextOf(week) : {});
      const shown =
        space.kind === 'personal' ||
        isOn(s, user, units) ||
        (s.visibility === 'org' && space.kind === 'org') ||
        (s.visibility !== 'personal' && space.kind === 'unit' && units.has(space.id)) ||
        (s.visibility === 'unit' && !!event.unitId && units.has(event.unitId));
      if (!shown || !overlaps(intervalOf(s.when), window)) continue;
      seen.add(event._id);
      states.push(s);
    } catch {
      // A document the fold cannot read is left out of the feed; the others are served.
    }
  }
  const person = people.find((p) => p.name === name) ?? (await getPerson(store, name));
  return eventsToIcs(states, {
    calName: `Lịch công tác – ${person?.displayName ?? name}`,
    rooms: new Map(rooms.filter((r) => r.type === 'room').map((r) => [r.roomId, r.name])),
    names: new Map(people.filter((p) => p.type === 'person').map((p) => [p.name, p.displayName])),
    now,
  });
}

const FEED_NOT_FOUND = 'No such calendar feed (the link is wrong, was replaced or revoked).';

/** `/api/calendar/…` (see the top of this file). */
export function calendarRouter(store: Store, sessions: SessionResolver): Router {
  const router = Router();
  const tokens = new CalendarTokens(store);
  const caller = async (req: Request): Promise<string> => {
    const user = await sessions.resolve(credentialsOf(req.headers));
    if (!user) throw unauthorized();
    if (hasRole(user, '_admin')) throw forbidden('The server administrator has no app account.');
    if (!isActive(user)) throw forbidden('This account is disabled.');
    return user.name;
  };
  const wrap = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };
  const feedUrl = (req: Request, token: string): string => `${req.protocol}://${req.get('host')}/api/calendar/feed/${token}.ics`;

  router.post(
    '/calendar/token',
    wrap(async (req, res) => {
      const name = await caller(req);
      const { token, createdAt } = await tokens.create(name);
      const url = feedUrl(req, token);
      res.status(201).json({ url, webcal: url.replace(/^https?:/, 'webcal:'), createdAt });
    }),
  );
  router.get(
    '/calendar/token',
    wrap(async (req, res) => {
      const current = await tokens.current(await caller(req));
      if (!current) return sendError(res, notFound('This account has no calendar link.'));
      res.json(current);
    }),
  );
  router.delete(
    '/calendar/token',
    wrap(async (req, res) => {
      const removed = await tokens.revoke(await caller(req));
      if (!removed) return sendError(res, notFound('This account has no calendar link.'));
      res.json({ ok: true });
    }),
  );
  router.get(
    '/calendar/feed/:file',
    wrap(async (req, res) => {
      const file = String(req.params.file ?? '');
      const owner = file.endsWith('.ics') ? await tokens.ownerOf(file.slice(0, -4)) : null;
      const ics = owner ? await feedOf(store, owner) : null;
      if (ics === null) return sendError(res, notFound(FEED_NOT_FOUND));
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('Content-Disposition', 'inline; filename="docket.ics"');
      res.type('text/calendar; charset=utf-8').send(ics);
    }),
  );
  return router;
}
