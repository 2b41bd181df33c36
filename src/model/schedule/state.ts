/**
 * The current state of a calendar event: the event as created with its steps folded in (createdAt, _id) order, the
 * same on every device whatever order the steps arrived in (as `../tasks/state.ts`).
 *
 * Change marks: once the schedule the event belongs to is published, everyone has read it, so a later edit must not
 * silently replace what they read. Each field edited after publication gets a mark holding the value as published
 * (`previous`) next to the current one; the view shows "thay đổi" and the old value struck through. A leadership event
 * is published with its week (`ScheduleWeekState.publishedAt`); an event of a unit or personal calendar is seen as
 * soon as it syncs, so it counts as published at its creation. A cancelled event stays in every list with
 * `cancelled` set; nothing is removed.
 *
 * Who may do what (checked per step with the roles its author had when writing it; a refused step is listed in
 * `ignored` with a code, message key `schedule.rule.<code>`):
 * - edit, cancel: the creator, the chair, a leader, and for leadership events the office (`unit:vp`);
 * - accept, decline (with a reason), delegate: an invited person, a delegate sent to it, or a member of an invited
 *   unit answering for it (`forUnit`);
 * - approve: a leader, when the entry needs approval (created after its week's lock time by someone not a leader).
 */
import type { UserCtx } from '../roles.ts';
import {
  type CalendarEvent,
  type CalendarEventEdit,
  type CalendarEventEvent,
  type CalendarEventState,
  CLEARABLE_FIELDS,
  EVENT_EDIT_FIELDS,
  type EventEditField,
  OFFICE_UNIT_ID,
} from './types.ts';

/** What the fold needs to know about the event's schedule. */
export interface EventContext {
  /**
   * When the schedule holding the event was first published; edits after it are marked. Leadership events: the
   * week's `publishedAt` (absent while a draft). Ignored for other events, which are published at creation.
   */
  publishedAt?: string;
  /** The week's lock time (`lockTimeOf`): a leadership entry created at or after it by a non-leader needs approval. */
  lockAt?: string;
}

export const SCHEDULE_RULE_CODES = [
  'notOrganiser',
  'isCancelled',
  'notInvited',
  'reasonRequired',
  'delegateRequired',
  'notLeader',
  'notPending',
] as const;
export type ScheduleRuleCode = (typeof SCHEDULE_RULE_CODES)[number];

export const isLeader = (u: Pick<UserCtx, 'roles'>): boolean => u.roles.includes('leader');
export const isOffice = (u: Pick<UserCtx, 'roles'>): boolean => u.roles.includes(`unit:${OFFICE_UNIT_ID}`);

/** The fixed order of steps: `createdAt`, then `_id`. */
export function compareEventEvents(
  a: Pick<CalendarEventEvent, 'createdAt' | '_id'>,
  b: Pick<CalendarEventEvent, 'createdAt' | '_id'>,
): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

/** True when the entry was created at or after the lock time by someone who is not a leader. */
export function needsApproval(event: CalendarEvent, lockAt: string | undefined): boolean {
  return !!lockAt && event.leadership && event.createdAt >= lockAt && !isLeader({ roles: event.actorRoles });
}

export function initialEventState(event: CalendarEvent, ctx: EventContext = {}): CalendarEventState {
  const s: CalendarEventState = {
    event,
    events: [],
    ignored: [],
    title: event.title,
    when: event.when,
    participants: [...event.participants],
    participantUnits: [...event.participantUnits],
    links: [...event.links],
    visibility: event.visibility,
    priority: event.priority,
    cancelled: false,
    sequence: 0,
    lastModified: event.createdAt,
    marks: {},
    answers: new Map(),
    approval: needsApproval(event, ctx.lockAt) ? 'pending' : 'notNeeded',
  };
  for (const f of CLEARABLE_FIELDS) if (event[f] !== undefined) setField(s, f, event[f]);
  return s;
}

function setField(s: CalendarEventState, field: EventEditField, value: unknown): void {
  const target = s as unknown as Record<string, unknown>;
  if (value === null || value === undefined) delete target[field];
  else target[field] = Array.isArray(value) ? [...(value as unknown[])] : value;
}

const getField = <K extends EventEditField>(s: CalendarEventState, field: K): CalendarEvent[K] | undefined =>
  (s as unknown as Record<string, CalendarEvent[K] | undefined>)[field];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** People invited by name now, and everyone sent as a delegate by a current invitee. */
function isInvited(s: CalendarEventState, name: string, e: CalendarEventEvent): boolean {
  if (e.forUnit) return s.participantUnits.includes(e.forUnit) && e.actorRoles.includes(`unit:${e.forUnit}`);
  if (s.participants.includes(name) || name === s.chair) return true;
  for (const [who, a] of s.answers) if (a.answer === 'delegated' && a.delegate === name && stillInvited(s, who, a.forUnit)) return true;
  return false;
}

const stillInvited = (s: CalendarEventState, who: string, forUnit: string | undefined): boolean =>
  forUnit ? s.participantUnits.includes(forUnit) : s.participants.includes(who) || who === s.chair;

function isOrganiser(s: CalendarEventState, e: CalendarEventEvent): boolean {
  const actor = { roles: e.actorRoles };
  return e.createdBy === s.event.createdBy || e.createdBy === s.chair || isLeader(actor) || (s.event.leadership && isOffice(actor));
}

/** Why `e` cannot apply to `s` now, or null when it can. */
export function refusal(s: CalendarEventState, e: CalendarEventEvent): ScheduleRuleCode | null {
  switch (e.kind) {
    case 'edited':
    case 'cancelled':
      if (!isOrganiser(s, e)) return 'notOrganiser';
      return s.cancelled ? 'isCancelled' : null;
    case 'accepted':
    case 'declined':
    case 'delegated':
      if (s.cancelled) return 'isCancelled';
      if (!isInvited(s, e.createdBy, e)) return 'notInvited';
      if (e.kind === 'declined' && !e.note?.trim()) return 'reasonRequired';
      if (e.kind === 'delegated' && (!e.delegate || e.delegate === e.createdBy)) return 'delegateRequired';
      return null;
    case 'approved':
      if (!isLeader({ roles: e.actorRoles })) return 'notLeader';
      return s.approval === 'pending' ? null : 'notPending';
  }
}

function applyEdit(s: CalendarEventState, e: CalendarEventEvent, changes: CalendarEventEdit, published: boolean): void {
  for (const field of EVENT_EDIT_FIELDS) {
    if (!(field in changes) || changes[field] === undefined) continue;
    const value = changes[field];
    // Required fields cannot be cleared: a `null` for them changes nothing.
    if (value === null && !CLEARABLE_FIELDS.includes(field)) continue;
    const before = getField(s, field);
    if (same(before ?? null, value)) continue;
    setField(s, field, value);
    if (!published) continue;
    const mark = s.marks[field];
    const previous = mark ? mark.previous : before;
    const current = getField(s, field);
    // Changed back to what was published: no longer a change.
    if (same(previous ?? null, current ?? null)) delete s.marks[field];
    else s.marks[field] = { field, previous, current, at: e.createdAt, by: e.createdBy, byName: e.actorName, eventId: e._id };
  }
}

function apply(s: CalendarEventState, e: CalendarEventEvent, publishedAt: string | undefined): void {
  switch (e.kind) {
    case 'edited':
      applyEdit(s, e, e.changes ?? {}, publishedAt !== undefined && e.createdAt >= publishedAt);
      s.sequence += 1;
      return;
    case 'cancelled':
      s.cancelled = true;
      s.cancelledAt = e.createdAt;
      if (e.note) s.cancelReason = e.note;
      s.sequence += 1;
      return;
    case 'accepted':
    case 'declined':
    case 'delegated':
      s.answers.set(e.createdBy, {
        answer: e.kind,
        ...(e.note ? { reason: e.note } : {}),
        ...(e.kind === 'delegated' ? { delegate: e.delegate! } : {}),
        ...(e.forUnit ? { forUnit: e.forUnit } : {}),
        at: e.createdAt,
        eventId: e._id,
      });
      return;
    case 'approved':
      s.approval = 'approved';
      return;
  }
}

/**
 * The event with `steps` applied. Steps of other events are skipped, duplicates (the same `_id` held in two spaces)
 * count once.
 */
export function deriveEventState(event: CalendarEvent, steps: readonly CalendarEventEvent[], ctx: EventContext = {}): CalendarEventState {
  const seen = new Set<string>();
  const mine = steps.filter((e) => e.calendarEventId === event._id && !seen.has(e._id) && seen.add(e._id)).sort(compareEventEvents);
  const s = initialEventState(event, ctx);
  const publishedAt = event.leadership ? ctx.publishedAt : event.createdAt;
  for (const e of mine) {
    const code = refusal(s, e);
    if (code) s.ignored.push({ eventId: e._id, reason: code });
    else {
      apply(s, e, publishedAt);
      if (e.createdAt > s.lastModified) s.lastModified = e.createdAt;
    }
  }
  s.events = mine;
  return s;
}

/**
 * Who will be there: the chair and invited people who have not declined or sent someone else, and the delegates sent
 * by current invitees (unless the delegate declined in turn). Unit invitations add only the people the unit named
 * by answering; the directory is not consulted here.
 */
export function attendeesOf(s: CalendarEventState): string[] {
  const out = new Set<string>();
  const gone = (name: string): boolean => {
    const a = s.answers.get(name);
    return a?.answer === 'declined' || a?.answer === 'delegated';
  };
  if (s.chair && !gone(s.chair)) out.add(s.chair);
  for (const p of s.participants) if (!gone(p)) out.add(p);
  for (const [who, a] of s.answers) {
    if (a.forUnit && s.participantUnits.includes(a.forUnit) && a.answer === 'accepted') out.add(who);
    if (a.answer === 'delegated' && a.delegate && stillInvited(s, who, a.forUnit) && !gone(a.delegate)) out.add(a.delegate);
  }
  return [...out].sort();
}

/** True when anything changed after publication (the view shows the whole row as changed). */
export const isChanged = (s: Pick<CalendarEventState, 'marks'>): boolean => Object.keys(s.marks).length > 0;
