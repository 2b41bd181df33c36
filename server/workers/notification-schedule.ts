import type { UnitDoc } from '../../src/model/directory.ts';
import type { RoomDoc } from '../../src/model/rooms.ts';
import { flagOfflineClashes, roomIdOf } from '../../src/model/schedule/clash.ts';
import { intervalOf } from '../../src/model/schedule/interval.ts';
import { deriveWeekState, eventContextOf, weekOfEvent } from '../../src/model/schedule/publication.ts';
import { type EventContext, deriveEventState } from '../../src/model/schedule/state.ts';
import type {
  CalendarEvent,
  CalendarEventEvent,
  CalendarEventState,
  ScheduleWeekEvent,
  ScheduleWeekState,
} from '../../src/model/schedule/types.ts';
import { type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import type { Logger } from '../logger.ts';
import { ORG_DB, getOrNull } from '../services/directory.ts';
import type { Store } from '../store/types.ts';
import { type StoredDoc, type Worker, WorkerHost, type WorkerHostOptions } from './host.ts';
import type { Intent, People } from './notification-rules.ts';
import {
  type ScheduleNames,
  type Trigger,
  bumpIntents,
  changeIntents,
  clashIntents,
  invitationIntents,
} from './notification-schedule-rules.ts';

/**
 * Schedule notifications (issues 5 and 6): `calendarEvent`s, their steps and the weekly publication become
 * invitations and change notices (`./notification-schedule-rules.ts` decides who and says what). The org space,
 * which holds the leadership schedule, room bookings and ward-wide entries, is followed by a feed of its own
 * (`orgScheduleHost`); unit spaces come through the notification worker's feeds. Personal calendars notify no one
 * (only their owner reads them).
 *
 * When (docs/decisions/0004 "Notifications"):
 * - an entry is published at its creation, except a leadership entry, published with its week: its invitations go
 *   out at the week's first publication, or at creation (or arrival) when the week is already published;
 * - an edit or a cancellation is told at once when the entry was published at its time (the change marks' rule);
 *   a republication tells no one again (everything it announces was told when it happened);
 * - a room: when an entry booking one is created or moved (time, room, priority), the clashes it is in now.
 */

const SCHEDULE_TYPES = new Set(['calendarEvent', 'calendarEventEvent', 'scheduleWeekEvent']);
export const isScheduleDoc = (doc: { type?: unknown }): boolean => typeof doc.type === 'string' && SCHEDULE_TYPES.has(doc.type);

/** Edits that can move an entry onto (or off) a booked room, or make it take the room. */
const ROOM_FIELDS = ['when', 'location', 'priority'] as const;

const STEPS_VIEW = 'docket/eventsByCalendarEvent';

const isEvent = (d: StoredDoc): d is StoredDoc & CalendarEvent =>
  d.type === 'calendarEvent' && typeof d.createdBy === 'string' && typeof d.when === 'object' && Array.isArray(d.participants);
const isStep = (d: StoredDoc): d is StoredDoc & CalendarEventEvent =>
  d.type === 'calendarEventEvent' && typeof d.calendarEventId === 'string';
const isWeekStep = (d: StoredDoc): d is StoredDoc & ScheduleWeekEvent => d.type === 'scheduleWeekEvent' && typeof d.week === 'string';

function weekOf(event: CalendarEvent): string | null {
  try {
    return weekOfEvent(event);
  } catch {
    return null;
  }
}

function weekState(week: string, steps: readonly ScheduleWeekEvent[]): ScheduleWeekState | null {
  try {
    return deriveWeekState(week, steps);
  } catch {
    return null;
  }
}

/**
 * The schedule of the org space in memory: every entry, step and week step, loaded once and then kept current by
 * the feed (stored schedule documents never change, `validate_doc_update` refuses it). Room clashes and a week's
 * publication need all of them; reading the whole space for each change would not do on a year of schedules.
 */
export class OrgSchedule {
  private readonly events = new Map<string, CalendarEvent>();
  private readonly steps = new Map<string, Map<string, CalendarEventEvent>>();
  private readonly weeks = new Map<string, Map<string, ScheduleWeekEvent>>();
  /** Leadership entries by week. */
  private readonly byWeek = new Map<string, Set<string>>();
  /** Derived states, dropped when a step of the entry (or of its week) arrives. */
  private readonly states = new Map<string, CalendarEventState>();
  private loading: Promise<void> | undefined;

  constructor(private readonly store: Store) {}

  ready(): Promise<void> {
    this.loading ??= this.load().catch((err: unknown) => {
      this.loading = undefined;
      throw err;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    const db = await this.store.db(ORG_DB);
    for (const prefix of ['calendarEvent:', 'calendarEventEvent:', 'scheduleWeekEvent:']) {
      const res = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
      for (const row of res.rows) if (row.doc) this.add(row.doc as unknown as StoredDoc);
    }
  }

  /** A stored document (again: the same id counts once). */
  add(doc: StoredDoc): void {
    if (doc._deleted) return;
    if (isEvent(doc)) {
      if (this.events.has(doc._id)) return;
      this.events.set(doc._id, doc);
      const week = doc.leadership ? weekOf(doc) : null;
      if (week) this.byWeek.set(week, (this.byWeek.get(week) ?? new Set()).add(doc._id));
    } else if (isStep(doc)) {
      const list = this.steps.get(doc.calendarEventId) ?? new Map<string, CalendarEventEvent>();
      list.set(doc._id, doc);
      this.steps.set(doc.calendarEventId, list);
      this.states.delete(doc.calendarEventId);
    } else if (isWeekStep(doc)) {
      const list = this.weeks.get(doc.week) ?? new Map<string, ScheduleWeekEvent>();
      list.set(doc._id, doc);
      this.weeks.set(doc.week, list);
      for (const id of this.byWeek.get(doc.week) ?? []) this.states.delete(id);
    }
  }

  week(week: string): ScheduleWeekState | null {
    return weekState(week, [...(this.weeks.get(week)?.values() ?? [])]);
  }

  event(id: string): CalendarEvent | undefined {
    return this.events.get(id);
  }

  stepsOf(id: string): CalendarEventEvent[] {
    return [...(this.steps.get(id)?.values() ?? [])];
  }

  contextOf(event: CalendarEvent): EventContext {
    const week = event.leadership ? weekOf(event) : null;
    const ws = week ? this.week(week) : null;
    return ws ? eventContextOf(ws) : {};
  }

  stateOf(id: string): CalendarEventState | undefined {
    const cached = this.states.get(id);
    if (cached) return cached;
    const event = this.events.get(id);
    if (!event) return undefined;
    const s = deriveEventState(event, this.stepsOf(id), this.contextOf(event));
    this.states.set(id, s);
    return s;
  }

  /** The leadership entries of a week. */
  entriesOf(week: string): CalendarEventState[] {
    return [...(this.byWeek.get(week) ?? [])].map((id) => this.stateOf(id)!).filter(Boolean);
  }

  /** Entries booking the room now. */
  bookingsOf(roomId: string): CalendarEventState[] {
    const out: CalendarEventState[] = [];
    for (const id of this.events.keys()) {
      const s = this.stateOf(id);
      if (s && roomIdOf(s.location) === roomId) out.push(s);
    }
    return out;
  }
}

/** An entry with its steps and what its fold needs, from whichever space holds it. */
interface Loaded {
  event: CalendarEvent;
  steps: CalendarEventEvent[];
  ctx: EventContext;
  /** Leadership: when its week was first published (absent: a draft); others: their creation. */
  publishedAt: string | undefined;
}

export interface ScheduleNotifierContext {
  store: Store;
  log: Logger;
  people(): Promise<People>;
  /** The notification worker's: drops intents older than the freshness limit, writes the rest (`NotificationWriter`). */
  send(intents: Intent[], where: SpaceRef): Promise<void>;
  isFresh(at: unknown): boolean;
  now(): Date;
}

export interface ScheduleNotifier {
  /** A schedule document changed in `space` (org or unit; personal and registry are ignored). */
  handle(space: SpaceRef, doc: StoredDoc): Promise<void>;
}

export function scheduleNotifier(ctx: ScheduleNotifierContext): ScheduleNotifier {
  const { store } = ctx;
  const org = new OrgSchedule(store);

  // Room and unit names, read again at most every few seconds.
  let directory: { at: number; value: Promise<ScheduleNames> } | undefined;
  const names = (): Promise<ScheduleNames> => {
    if (!directory || Date.now() - directory.at > 5_000) {
      const value = loadNames(store);
      directory = { at: Date.now(), value };
      value.catch(() => (directory = undefined));
    }
    return directory.value;
  };

  async function load(space: SpaceRef, eventId: string): Promise<Loaded | null> {
    if (space.kind === 'org') {
      const event = org.event(eventId);
      if (!event) return null;
      const c = org.contextOf(event);
      return { event, steps: org.stepsOf(eventId), ctx: c, publishedAt: event.leadership ? c.publishedAt : event.createdAt };
    }
    const db = await store.db(dbNameOf(space));
    const event = await getOrNull<CalendarEvent & { _deleted?: boolean }>(db, eventId);
    // Leadership entries live in the org space only (validate_doc_update): elsewhere the entry is published at once.
    if (!event || event._deleted || event.type !== 'calendarEvent' || event.leadership) return null;
    const res = await db.query(STEPS_VIEW, { key: eventId, include_docs: true });
    const steps = res.rows.map((r) => r.doc as unknown as CalendarEventEvent).filter((e) => e && isStep(e as unknown as StoredDoc));
    return { event, steps, ctx: {}, publishedAt: event.createdAt };
  }

  /** What one applied step tells. */
  function stepIntents(l: Loaded, e: CalendarEventEvent, people: People, n: ScheduleNames): Intent[] {
    const after = deriveEventState(l.event, l.steps, l.ctx);
    const at = after.events.findIndex((x) => x._id === e._id);
    if (at < 0 || after.ignored.some((x) => x.eventId === e._id)) return [];
    const before = deriveEventState(l.event, after.events.slice(0, at), l.ctx);
    const afterIt = deriveEventState(l.event, after.events.slice(0, at + 1), l.ctx);
    switch (e.kind) {
      case 'edited':
      case 'cancelled': {
        // Published when the step was made: what people read changed (as the change marks).
        if (l.publishedAt === undefined) return [];
        if (e.createdAt >= l.publishedAt) return changeIntents(before, afterIt, e, people, n);
        // Made on the draft but arrived after the week's publication was handled: whoever it invites is invited now
        // (once per person and entry, whichever path comes first).
        return invitationIntents(after, { at: e.createdAt, actor: e.createdBy, actorName: e.actorName }, people, n);
      }
      case 'delegated':
        // The delegate is invited once the entry is published (the week's invitations include delegates sent before).
        if (!e.delegate || l.publishedAt === undefined) return [];
        return invitationIntents(after, { at: e.createdAt, actor: e.createdBy, actorName: e.actorName }, people, n, {
          people: [e.delegate],
          units: [],
        });
      default:
        return [];
    }
  }

  /** Bumps and clashes of the room `s` books now (org space). */
  function roomIntents(s: CalendarEventState, trigger: Trigger, people: People, n: ScheduleNames): Intent[] {
    const roomId = roomIdOf(s.location);
    if (!roomId || s.cancelled || intervalOf(s.when).end <= ctx.now().getTime()) return [];
    const intents: Intent[] = [];
    for (const pair of flagOfflineClashes(org.bookingsOf(roomId))) {
      if (!pair.eventIds.includes(s.event._id)) continue;
      const other = org.stateOf(pair.eventIds[0] === s.event._id ? pair.eventIds[1] : pair.eventIds[0]);
      if (!other) continue;
      if (pair.bumped) {
        const [bumper, bumped] = pair.bumped === s.event._id ? [other, s] : [s, other];
        // The meeting taking the room is someone's doing; a booking arriving onto a taken room is the server's finding.
        intents.push(...bumpIntents(bumper, bumped, bumped === s ? { at: trigger.at, actor: '' } : trigger, n));
      } else {
        const [a, b] = s.event._id < other.event._id ? [s, other] : [other, s];
        intents.push(...clashIntents(a, b, { at: trigger.at, actor: '' }, people, n));
      }
    }
    return intents;
  }

  async function onEvent(space: SpaceRef, eventId: string): Promise<void> {
    const l = await load(space, eventId);
    if (!l) return; // not here (yet): its arrival handles it
    const [people, n] = await Promise.all([ctx.people(), names()]);
    const s = deriveEventState(l.event, l.steps, l.ctx);
    const trigger: Trigger = { at: l.event.createdAt, actor: l.event.createdBy, actorName: l.event.actorName };
    const intents: Intent[] = [];
    if (l.publishedAt !== undefined) intents.push(...invitationIntents(s, trigger, people, n));
    // Steps that arrived before their entry (replication order) were skipped then.
    for (const e of l.steps) if (ctx.isFresh(e.createdAt)) intents.push(...stepIntents(l, e, people, n));
    if (space.kind === 'org') {
      const current = org.stateOf(eventId);
      if (current) intents.push(...roomIntents(current, trigger, people, n));
    }
    await ctx.send(intents, space);
  }

  async function onStep(space: SpaceRef, step: CalendarEventEvent): Promise<void> {
    const l = await load(space, step.calendarEventId);
    if (!l) return; // its entry's arrival handles it
    const e = l.steps.find((x) => x._id === step._id);
    if (!e) return;
    const [people, n] = await Promise.all([ctx.people(), names()]);
    const intents = stepIntents(l, e, people, n);
    const movesRoom = e.kind === 'edited' && ROOM_FIELDS.some((f) => e.changes?.[f] !== undefined);
    if (space.kind === 'org' && movesRoom) {
      const current = org.stateOf(l.event._id);
      if (current) intents.push(...roomIntents(current, { at: e.createdAt, actor: e.createdBy, actorName: e.actorName }, people, n));
    }
    await ctx.send(intents, space);
  }

  /** The week's first publication: every entry's invitations; a republication tells no one again. */
  async function onWeekStep(step: ScheduleWeekEvent): Promise<void> {
    if (step.kind !== 'published') return;
    const ws = org.week(step.week);
    if (!ws || ws.ignored.some((x) => x.eventId === step._id)) return;
    const first = ws.events.find((x) => x.kind === 'published' && !ws.ignored.some((i) => i.eventId === x._id));
    if (first?._id !== step._id) return;
    const [people, n] = await Promise.all([ctx.people(), names()]);
    const trigger: Trigger = { at: step.createdAt, actor: step.createdBy, actorName: step.actorName };
    const intents: Intent[] = [];
    for (const s of org.entriesOf(step.week)) {
      intents.push(...invitationIntents(s, trigger, people, n));
      // Edits made after the publication but handled before it arrived were not told then.
      const l = (await load({ kind: 'org', id: 'org' }, s.event._id))!;
      for (const e of l.steps) if (ctx.isFresh(e.createdAt)) intents.push(...stepIntents(l, e, people, n));
    }
    await ctx.send(intents, { kind: 'org', id: 'org' });
  }

  return {
    async handle(space: SpaceRef, doc: StoredDoc): Promise<void> {
      if (doc._deleted || !isScheduleDoc(doc) || (space.kind !== 'org' && space.kind !== 'unit')) return;
      if (space.kind === 'org') {
        await org.ready();
        org.add(doc);
      }
      // Old history (a first start over an existing ward) is not news.
      if (!ctx.isFresh(doc.createdAt)) return;
      if (isEvent(doc)) await onEvent(space, doc._id);
      else if (isStep(doc)) await onStep(space, doc);
      else if (isWeekStep(doc) && space.kind === 'org') await onWeekStep(doc);
    },
  };
}

async function loadNames(store: Store): Promise<ScheduleNames> {
  const db = await store.db(ORG_DB);
  const rooms = new Map<string, string>();
  const units = new Map<string, string>();
  for (const [prefix, into] of [
    ['room:', rooms],
    ['unit:', units],
  ] as const) {
    const res = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
    for (const row of res.rows) {
      const d = row.doc as unknown as (RoomDoc | UnitDoc) | undefined;
      if (d && typeof d.name === 'string') into.set(d.type === 'room' ? d.roomId : d.unitId, d.name);
    }
  }
  return { room: (id) => rooms.get(id) ?? id, unit: (id) => units.get(id) ?? id };
}

/** A host of one feed, the org space's (the main host follows registry, unit, personal and conversation spaces). */
class OrgHost extends WorkerHost {
  override async spaces(): Promise<SpaceRef[]> {
    return [{ kind: 'org', id: 'org' }];
  }
}

/**
 * Follows the org space for `notifier` with the main host's machinery (queue, checkpoint `_local/worker-notifications`
 * in the org database, retries with backoff).
 */
export function orgScheduleHost(store: Store, log: Logger, notifier: ScheduleNotifier, opts: WorkerHostOptions = {}): WorkerHost {
  const worker: Worker = {
    name: 'notifications',
    follows: (space) => space.kind === 'org',
    handle: ({ space, doc }) => notifier.handle(space, doc),
  };
  return new OrgHost(store, log, [worker], opts);
}
