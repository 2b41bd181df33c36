import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { lockTimeOf, deriveWeekState, weekOfEvent, weekRefusal, type WeekRuleCode } from '../../src/model/schedule/publication.ts';
import { deriveEventState, refusal, type ScheduleRuleCode } from '../../src/model/schedule/state.ts';
import type { CalendarEvent, CalendarEventEvent, ScheduleWeekEvent } from '../../src/model/schedule/types.ts';
import type { UserCtx } from '../../src/model/roles.ts';
import { type SpaceRef, spaceOfDbName } from '../../src/model/spaces.ts';
import { REFUSAL_FIELD, validateDocUpdate } from '../../src/model/validate-doc.ts';
import type { Store } from '../store/types.ts';
import { type WrittenDoc, databases, isObject, writtenDocs } from './written-docs.ts';
import { isServerAdmin } from './rules.ts';

/**
 * The relation rules of schedules (docs/decisions/0004), checked before a write reaches the store, as
 * `./task-rules.ts` does for tasks. `validate_doc_update` sees one document: it checks shape, space and the role-only
 * rules, but not who organises *this* event, who is invited to it, or where the week's publication stands. Here:
 * - a `calendarEventEvent` must be allowed by `refusal()` (`src/model/schedule/state.ts`) against its event as stored
 *   in the same space with its stored steps, plus the earlier documents of the same batch;
 * - a `scheduleWeekEvent` must be allowed by `weekRefusal()` (`src/model/schedule/publication.ts`) against the week's
 *   stored steps plus the earlier ones of the batch.
 * A refused document stays in the batch marked `docketRefused: <reason>`, which `validate_doc_update` turns into the
 * store's own per-document 403 `forbidden` (one PUT, a batch and a replication alike).
 */

type Doc = WrittenDoc;

const STEPS_VIEW = 'docket/eventsByCalendarEvent';
const WEEK_VIEW = 'docket/scheduleWeekSteps';

const isScheduleDoc = (d: unknown): d is Doc =>
  isObject(d) && (d.type === 'calendarEvent' || d.type === 'calendarEventEvent' || d.type === 'scheduleWeekEvent') && d._deleted !== true;

/** Reasons the store answers with (the UI shows its own words, `schedule.rule.<code>`). */
export const SCHEDULE_RULE_REASONS: Record<ScheduleRuleCode | WeekRuleCode | 'eventMissing', string> = {
  notOrganiser: 'Only the organiser (its creator, its chair, a leader; the office for leadership entries) edits or cancels this event.',
  isCancelled: 'This event is cancelled.',
  notInvited: 'Only people invited (or sent as delegates, or members of an invited unit) answer this invitation.',
  reasonRequired: 'A reason is required.',
  delegateRequired: 'Name someone else to send.',
  notLeader: 'Only leaders may do this.',
  notPending: 'This entry is not waiting for approval.',
  notOffice: 'Only the office submits the leadership schedule.',
  wrongState: 'The week’s schedule is not in a state that allows this.',
  eventMissing: 'The event is not in this space.',
};

/** The roles the document claims, as far as the session has them (validate_doc_update refuses any other claim). */
const rolesOf = (doc: Doc, user: UserCtx): string[] =>
  (Array.isArray(doc.actorRoles) ? doc.actorRoles.filter((r): r is string => typeof r === 'string') : user.roles).filter((r) =>
    user.roles.includes(r),
  );

export interface ScheduleRulesOptions {
  store: Store;
}

/** Express middleware; runs after the body parser (next to `taskRules`). */
export function scheduleRules(opts: ScheduleRulesOptions): RequestHandler {
  const { store } = opts;
  const dbOf = databases(store);
  return (req: Request, _res: Response, next: NextFunction) => {
    const route = req.docketRoute;
    const user = req.docketUser ?? null;
    const space = route?.kind === 'db' ? spaceOfDbName(route.db) : null;
    if (!route || route.kind !== 'db' || !user || isServerAdmin(user) || !space) return next();
    const docs = writtenDocs(req)?.filter(isScheduleDoc);
    if (!docs || !docs.some((d) => d.type !== 'calendarEvent')) return next();
    store
      .exists(route.db)
      .then(async (exists) => {
        if (exists) await markScheduleRefusals(await dbOf(route.db), docs, user, space);
      })
      .then(() => next(), next);
  };
}

/**
 * Marks each step the rules refuse. Documents already stored (same id) are left to the store (an unchanged revision
 * is a no-op there, a changed one is refused: events and steps never change).
 */
export async function markScheduleRefusals(db: PouchDB.Database, docs: Doc[], user: UserCtx, space: SpaceRef): Promise<number> {
  const ids = docs.map((d) => d._id).filter((id): id is string => typeof id === 'string');
  const stored = new Set<string>();
  if (ids.length) {
    const res = await db.allDocs({ keys: ids });
    for (const row of res.rows) if ('value' in row && row.value && !row.value.deleted) stored.add(row.id);
  }
  const batchEvents = new Map<string, CalendarEvent>();
  const batchSteps = new Map<string, CalendarEventEvent[]>();
  const batchWeekSteps = new Map<string, ScheduleWeekEvent[]>();
  const storedEvents = new Map<string, Promise<{ event: CalendarEvent; steps: CalendarEventEvent[] } | null>>();
  const storedWeeks = new Map<string, Promise<ScheduleWeekEvent[]>>();
  const once = <T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> => {
    let p = cache.get(key);
    if (!p) {
      p = load();
      cache.set(key, p);
    }
    return p;
  };

  let refused = 0;
  for (const doc of docs) {
    const id = typeof doc._id === 'string' ? doc._id : '';
    if (!id || stored.has(id) || doc[REFUSAL_FIELD] !== undefined) continue;
    const claimed = { ...doc, createdBy: user.name, actorRoles: rolesOf(doc, user) };
    let code: keyof typeof SCHEDULE_RULE_REASONS | null = null;
    if (doc.type === 'calendarEvent') {
      // Later steps of the batch may refer to it, if the store will take it.
      if (acceptable(doc, user, space)) batchEvents.set(id, doc as unknown as CalendarEvent);
      continue;
    }
    if (doc.type === 'calendarEventEvent') {
      const step = claimed as unknown as CalendarEventEvent;
      const eventId = typeof step.calendarEventId === 'string' ? step.calendarEventId : '';
      const base = eventId ? await once(storedEvents, eventId, () => loadEvent(db, eventId)) : null;
      const event = base?.event ?? batchEvents.get(eventId);
      if (!event) code = 'eventMissing';
      else {
        const ctx = event.leadership ? { lockAt: lockTimeOf(weekOfEvent(event)) } : {};
        const state = deriveEventState(event, [...(base?.steps ?? []), ...(batchSteps.get(eventId) ?? [])], ctx);
        code = refusal(state, step);
        if (!code) batchSteps.set(eventId, [...(batchSteps.get(eventId) ?? []), doc as unknown as CalendarEventEvent]);
      }
    } else {
      const step = claimed as unknown as ScheduleWeekEvent;
      const week = typeof step.week === 'string' ? step.week : '';
      const steps = [...(await once(storedWeeks, week, () => loadWeek(db, week))), ...(batchWeekSteps.get(week) ?? [])];
      let state;
      try {
        state = deriveWeekState(week, steps);
      } catch {
        continue; // not an ISO week: validate_doc_update refuses it with its own reason
      }
      code = weekRefusal(state, step.kind, { roles: step.actorRoles }, step.note);
      if (!code) batchWeekSteps.set(week, [...(batchWeekSteps.get(week) ?? []), doc as unknown as ScheduleWeekEvent]);
    }
    if (code) {
      doc[REFUSAL_FIELD] = SCHEDULE_RULE_REASONS[code];
      refused++;
    }
  }
  return refused;
}

/** Whether `validate_doc_update` would store this new document. */
function acceptable(doc: Doc, user: UserCtx, space: SpaceRef): boolean {
  try {
    validateDocUpdate(doc as Parameters<typeof validateDocUpdate>[0], null, user, null, space);
    return true;
  } catch {
    return false;
  }
}

const notFoundIsNull = (err: { status?: number }) => {
  if (err.status === 404) return null;
  throw err;
};

/** The event as stored in this space with its stored steps (null: not here). */
async function loadEvent(db: PouchDB.Database, eventId: string): Promise<{ event: CalendarEvent; steps: CalendarEventEvent[] } | null> {
  const event = (await db.get(eventId).catch(notFoundIsNull)) as (CalendarEvent & { _deleted?: boolean }) | null;
  if (!event || event._deleted || event.type !== 'calendarEvent') return null;
  const res = await db.query(STEPS_VIEW, { key: eventId, include_docs: true });
  const steps = res.rows
    .map((r) => r.doc as unknown as CalendarEventEvent)
    .filter((e) => e && e.type === 'calendarEventEvent' && e.calendarEventId === eventId);
  return { event, steps };
}

/** The week's stored publication steps. */
async function loadWeek(db: PouchDB.Database, week: string): Promise<ScheduleWeekEvent[]> {
  if (!week) return [];
  const res = await db.query(WEEK_VIEW, { key: week, include_docs: true });
  return res.rows.map((r) => r.doc as unknown as ScheduleWeekEvent).filter((e) => e && e.type === 'scheduleWeekEvent' && e.week === week);
}
