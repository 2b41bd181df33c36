/**
 * Validation of schedule documents (issue 5, docs/decisions/0004).
 *
 * Two halves:
 * - the document checks behind `validate_doc_update` (`../validate-doc.ts` bundles this file into every space's design
 *   document, so it stays pure and plain: `indexOf` rather than `includes`, nothing newer than ES2019, no `Intl`).
 *   Each returns the reason of a refusal, or null. They check shape, bounds (`SCHEDULE_LIMITS`), schema numbers,
 *   the roles the author claims (`actorRoles`, a subset of the session's), and that the document is in the space
 *   its visibility says (`spaceProblem`). Rules that need the stored event or the week's steps (who organises *this*
 *   event, who is invited, the week's state) are the gateway's (`server/gateway/schedule-rules.ts`).
 * - the new-event form: `validateEventInput` → `FieldError[]` with message-catalog codes, and `whenOfInput`.
 */
import { type FieldError, ISO_DATE, ISO_TIME } from '../doc.ts';
import { UNIT_ID_PATTERN, type UserCtx } from '../roles.ts';
import { ROOM_ID_PATTERN } from '../rooms.ts';
import type { SpaceRef } from '../spaces.ts';
import { ISO_WEEK, daysOfIsoWeek, wardInstant } from './interval.ts';
import {
  CALENDAR_EVENT_EVENT_KINDS,
  CALENDAR_EVENT_EVENT_SCHEMA,
  CALENDAR_EVENT_SCHEMA,
  CLEARABLE_FIELDS,
  EVENT_EDIT_FIELDS,
  EVENT_PRIORITIES,
  type EventLocation,
  type EventPriority,
  type EventWhen,
  OFFICE_UNIT_ID,
  SCHEDULE_LIMITS,
  SCHEDULE_WEEK_EVENT_KINDS,
  type ScheduleLink,
  SCHEDULE_WEEK_EVENT_SCHEMA,
  SLOTS,
  type Slot,
  VISIBILITIES,
  type Visibility,
} from './types.ts';

type Doc = Record<string, unknown>;
/** The reason of a refusal, or null. */
export type Problem = string | null;

const ACCOUNT_MAX = 40;
const ACTOR_NAME_MAX = 200;
const ID_MAX = 200;
const DAY_MS = 24 * 60 * 60 * 1000;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const OFFICE_ROLE = `unit:${OFFICE_UNIT_ID}`;

const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const inList = (list: readonly string[], v: unknown): boolean => isString(v) && list.indexOf(v) !== -1;
const isAccount = (v: unknown): v is string => isString(v) && v.length > 0 && v.length <= ACCOUNT_MAX;
const isUnitId = (v: unknown): v is string => isString(v) && UNIT_ID_PATTERN.test(v);
const has = (roles: readonly unknown[], role: string): boolean => roles.indexOf(role) !== -1;

function isValidDay(v: unknown): v is string {
  if (!isString(v) || !ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
const isInstant = (v: unknown): v is string => isString(v) && ISO_TIME.test(v) && !isNaN(Date.parse(v));

function onlyKeys(o: Doc, keys: readonly string[]): boolean {
  for (const k of Object.keys(o)) if (keys.indexOf(k) === -1) return false;
  return true;
}

function textProblem(v: unknown, field: string, max: number, required: boolean): Problem {
  if (v === undefined && !required) return null;
  if (!isString(v) || (required && !v.trim()) || v.length > max) return `${field} must be ${required ? '1' : '0'}–${max} characters.`;
  return null;
}

// ————————————————————————————————————————————— fields

/** `TimedWhen` (ISO UTC instants, end after start, at most `maxDurationDays`) or `SlotWhen` (a real day, a slot). */
export function whenProblem(v: unknown): Problem {
  if (!isObject(v)) return 'when must be an object.';
  if (v.slot !== undefined || v.day !== undefined) {
    if (!onlyKeys(v, ['day', 'slot'])) return 'when is either a day and a slot, or a start and an end.';
    if (!isValidDay(v.day)) return 'when.day must be a date (YYYY-MM-DD).';
    if (!inList(SLOTS, v.slot)) return 'when.slot must be morning, afternoon or allDay.';
    return null;
  }
  if (!onlyKeys(v, ['start', 'end'])) return 'when is either a day and a slot, or a start and an end.';
  if (!isInstant(v.start) || !isInstant(v.end)) return 'when.start and when.end must be ISO-8601 UTC times.';
  const ms = Date.parse(v.end) - Date.parse(v.start);
  if (ms <= 0) return 'when.end must be after when.start.';
  if (ms > SCHEDULE_LIMITS.maxDurationDays * DAY_MS) return `An event lasts at most ${SCHEDULE_LIMITS.maxDurationDays} days.`;
  return null;
}

/** A room of the directory (`{ roomId }`) or a place in words (`{ text }`). */
export function locationProblem(v: unknown): Problem {
  if (!isObject(v)) return 'location must be an object.';
  if (v.roomId !== undefined) {
    if (!onlyKeys(v, ['roomId']) || !isString(v.roomId) || !ROOM_ID_PATTERN.test(v.roomId)) return 'location.roomId must be a room id.';
    return null;
  }
  if (!onlyKeys(v, ['text'])) return 'location is a room ({ roomId }) or a place ({ text }).';
  if (!isString(v.text) || !v.text.trim() || v.text.length > SCHEDULE_LIMITS.locationTextMax)
    return `location.text must be 1–${SCHEDULE_LIMITS.locationTextMax} characters.`;
  return null;
}

export const roomOf = (v: unknown): string | undefined => (isObject(v) && isString(v.roomId) ? v.roomId : undefined);

function listProblem(v: unknown, field: string, max: number, item: (x: unknown) => boolean, what: string): Problem {
  if (!Array.isArray(v) || !v.every(item)) return `${field} must be a list of ${what}.`;
  if (v.length > max) return `${field} has at most ${max} entries.`;
  for (let i = 0; i < v.length; i++) if (v.indexOf(v[i]) !== i) return `${field} names ${String(v[i])} twice.`;
  return null;
}
const participantsProblem = (v: unknown): Problem =>
  listProblem(v, 'participants', SCHEDULE_LIMITS.participantsMax, isAccount, 'account names');
const unitsProblem = (v: unknown): Problem => listProblem(v, 'participantUnits', SCHEDULE_LIMITS.unitsMax, isUnitId, 'unit ids');

function linksProblem(v: unknown): Problem {
  if (!Array.isArray(v) || v.length > SCHEDULE_LIMITS.linksMax) return `links must be a list of at most ${SCHEDULE_LIMITS.linksMax}.`;
  for (const l of v) {
    if (!isObject(l) || (l.kind !== 'document' && l.kind !== 'task')) return 'A link is to a document or a task.';
    if (l.id !== undefined) {
      const prefix = l.kind === 'document' ? 'officialDocument:' : 'task:';
      if (!isString(l.id) || l.id.indexOf(prefix) !== 0 || l.id.length <= prefix.length || l.id.length > ID_MAX)
        return `A ${l.kind} link's id starts with "${prefix}".`;
    }
    if (!isString(l.label) || !l.label.trim() || l.label.length > SCHEDULE_LIMITS.linkLabelMax)
      return `Link labels are 1–${SCHEDULE_LIMITS.linkLabelMax} characters.`;
  }
  return null;
}

/** The fields an event has and an edit may change, one at a time. `files` is checked by the caller (`checkFiles`). */
function fieldProblem(field: string, v: unknown): Problem {
  switch (field) {
    case 'title':
      return textProblem(v, 'title', SCHEDULE_LIMITS.titleMax, true);
    case 'content':
      return textProblem(v, 'content', SCHEDULE_LIMITS.contentMax, false);
    case 'notes':
      return textProblem(v, 'notes', SCHEDULE_LIMITS.notesMax, false);
    case 'when':
      return whenProblem(v);
    case 'location':
      return v === undefined ? null : locationProblem(v);
    case 'chair':
      return v === undefined || isAccount(v) ? null : 'chair must be an account name.';
    case 'participants':
      return participantsProblem(v);
    case 'participantUnits':
      return unitsProblem(v);
    case 'preparingUnit':
      return v === undefined || isUnitId(v) ? null : 'preparingUnit must be a unit id.';
    case 'links':
      return linksProblem(v);
    case 'visibility':
      return inList(VISIBILITIES, v) ? null : 'visibility must be org, unit or personal.';
    case 'priority':
      return inList(EVENT_PRIORITIES, v) ? null : 'priority must be normal or high.';
    case 'files':
      return v === undefined || Array.isArray(v) ? null : 'files must be a list.';
  }
  return `${field} is not a field of an event.`;
}

/** `actorName` and `actorRoles` (the roles the author had when writing: a subset of the session's). */
function actorProblem(doc: Doc, userCtx: UserCtx): Problem {
  const p = textProblem(doc.actorName, 'actorName', ACTOR_NAME_MAX, true);
  if (p) return p;
  const roles = doc.actorRoles;
  if (!Array.isArray(roles) || !roles.every((r) => isString(r) && userCtx.roles.indexOf(r) !== -1))
    return 'actorRoles must list roles of the signed-in user.';
  return null;
}

const claims = (doc: Doc, role: string): boolean => Array.isArray(doc.actorRoles) && has(doc.actorRoles, role);

// ————————————————————————————————————————————— spaces

/** The visibility the documents of a space have: the org space is read by everyone, so everything there is `org`. */
export function visibilityOfSpace(space: SpaceRef): Visibility | null {
  switch (space.kind) {
    case 'org':
      return 'org';
    case 'unit':
      return 'unit';
    case 'personal':
      return 'personal';
    default:
      return null;
  }
}

/**
 * Whether an event with these fields belongs in `space` (docs/decisions/0004 "Where the documents live"):
 * leadership entries, room bookings and ward-wide events in the org space; unit events in their unit's space;
 * personal events in their owner's personal space.
 */
export function spaceProblem(
  ev: { visibility?: unknown; unitId?: unknown; leadership?: unknown; location?: unknown },
  space: SpaceRef,
  userCtx: UserCtx,
): Problem {
  const room = roomOf(ev.location);
  switch (space.kind) {
    case 'org':
      if (ev.visibility !== 'org') return 'The ward’s schedule (org space) holds ward-wide entries only: visibility must be org.';
      return null;
    case 'unit':
      if (ev.leadership === true) return 'Leadership schedule entries live in the ward’s schedule (org space).';
      if (room) return 'A room booking lives in the ward’s schedule (org space), where everyone sees the room board.';
      if (ev.visibility !== 'unit') return 'A unit space holds unit events: visibility must be unit.';
      if (ev.unitId !== space.id) return 'A unit event lives in the space of its unit.';
      return null;
    case 'personal':
      if (space.id !== userCtx.name) return 'Personal events live in their owner’s own personal space.';
      if (ev.leadership === true) return 'Leadership schedule entries live in the ward’s schedule (org space).';
      if (room) return 'A room booking lives in the ward’s schedule (org space), where everyone sees the room board.';
      if (ev.visibility !== 'personal') return 'A personal space holds personal events: visibility must be personal.';
      if (ev.unitId !== undefined) return 'A personal event has no unitId.';
      return null;
    default:
      return 'Schedule entries live in the org space, unit spaces and personal spaces.';
  }
}

// ————————————————————————————————————————————— documents

/** A `calendarEvent` as created, in `space`, by `userCtx`. `_id`, `createdAt`, `createdBy` are checked by the caller. */
export function calendarEventProblem(doc: Doc, userCtx: UserCtx, space: SpaceRef): Problem {
  if (doc.schema !== CALENDAR_EVENT_SCHEMA) return `schema must be ${CALENDAR_EVENT_SCHEMA}.`;
  if (doc._attachments !== undefined) return 'Files of events are listed in files, not carried as _attachments.';
  const fields = ['title', 'content', 'when', 'location', 'chair', 'participants', 'participantUnits', 'preparingUnit', 'notes'];
  for (const f of fields.concat(['links', 'visibility', 'priority', 'files'])) {
    const p = fieldProblem(f, doc[f]);
    if (p) return p;
  }
  if (typeof doc.leadership !== 'boolean') return 'leadership must be true or false.';
  if (doc.unitId !== undefined && !isUnitId(doc.unitId)) return 'unitId must be a unit id.';
  if (doc.visibility === 'unit' && doc.unitId === undefined) return 'A unit event names its unit (unitId).';
  const actor = actorProblem(doc, userCtx);
  if (actor) return actor;
  const where = spaceProblem(doc, space, userCtx);
  if (where) return where;
  if (doc.leadership === true && !claims(doc, 'leader') && !claims(doc, OFFICE_ROLE))
    return 'Only the office and leaders write the leadership schedule.';
  if (space.kind === 'unit' && !claims(doc, `unit:${space.id}`) && !claims(doc, 'leader') && !claims(doc, 'clerk'))
    return 'Only members of the unit, leaders and clerks write its schedule.';
  return null;
}

/** The `changes` of an `edited` step: known fields, valid values, `null` only for the optional ones, the space kept. */
function changesProblem(c: unknown, space: SpaceRef): Problem {
  if (!isObject(c)) return 'changes must be an object.';
  const keys = Object.keys(c);
  if (keys.length === 0) return 'changes are required.';
  for (const k of keys) {
    if ((EVENT_EDIT_FIELDS as readonly string[]).indexOf(k) === -1) return `${k} cannot be edited.`;
    const v = c[k];
    if (v === null) {
      if ((CLEARABLE_FIELDS as readonly string[]).indexOf(k) === -1) return `${k} cannot be cleared.`;
      continue;
    }
    const p = fieldProblem(k, v);
    if (p) return p;
  }
  if (c.visibility !== undefined && c.visibility !== visibilityOfSpace(space))
    return 'visibility cannot change: an event stays in the space it was created in.';
  if (roomOf(c.location) && space.kind !== 'org') return 'A room booking lives in the ward’s schedule (org space): create the entry there.';
  return null;
}

/** A `calendarEventEvent` (a step of an event), in `space`, by `userCtx`. */
export function calendarEventEventProblem(doc: Doc, userCtx: UserCtx, space: SpaceRef): Problem {
  if (doc.schema !== CALENDAR_EVENT_EVENT_SCHEMA) return `schema must be ${CALENDAR_EVENT_EVENT_SCHEMA}.`;
  if (visibilityOfSpace(space) === null) return 'Schedule entries live in the org space, unit spaces and personal spaces.';
  if (doc._attachments !== undefined) return 'Steps of events carry no _attachments.';
  const id = doc.calendarEventId;
  if (!isString(id) || id.indexOf('calendarEvent:') !== 0 || id.length <= 14 || id.length > ID_MAX)
    return 'calendarEventId must be a calendar event id.';
  const kind = doc.kind;
  if (!inList(CALENDAR_EVENT_EVENT_KINDS, kind)) return 'kind is not a step of a calendar event.';
  const actor = actorProblem(doc, userCtx);
  if (actor) return actor;
  const note = textProblem(doc.note, 'note', SCHEDULE_LIMITS.reasonMax, false);
  if (note) return note;
  const answer = kind === 'accepted' || kind === 'declined' || kind === 'delegated';
  if (doc.changes !== undefined && kind !== 'edited') return 'Only an edit carries changes.';
  if (doc.delegate !== undefined && kind !== 'delegated') return 'Only a delegation names a delegate.';
  if (doc.forUnit !== undefined && (!answer || !isUnitId(doc.forUnit))) return 'forUnit is the unit an answer is given for.';
  switch (kind) {
    case 'edited':
      return changesProblem(doc.changes, space);
    case 'declined':
      return isString(doc.note) && doc.note.trim() ? null : 'Declining needs a reason (note).';
    case 'delegated':
      if (!isAccount(doc.delegate)) return 'delegate (one account) is required.';
      return doc.delegate === doc.createdBy ? 'Send someone else.' : null;
    case 'approved':
      return claims(doc, 'leader') ? null : 'Only leaders approve late entries.';
  }
  return null;
}

/** A `scheduleWeekEvent` (a publication step of the weekly leadership schedule): org space, the office and leaders. */
export function scheduleWeekEventProblem(doc: Doc, userCtx: UserCtx, space: SpaceRef): Problem {
  if (space.kind !== 'org') return 'The weekly leadership schedule is published in the ward’s schedule (org space).';
  if (doc.schema !== SCHEDULE_WEEK_EVENT_SCHEMA) return `schema must be ${SCHEDULE_WEEK_EVENT_SCHEMA}.`;
  if (doc._attachments !== undefined) return 'Publication steps carry no _attachments.';
  if (!isString(doc.week) || !ISO_WEEK.test(doc.week) || !isIsoWeek(doc.week)) return 'week must be an ISO week (YYYY-Www).';
  if (!inList(SCHEDULE_WEEK_EVENT_KINDS, doc.kind)) return 'kind must be submitted, returned or published.';
  const actor = actorProblem(doc, userCtx);
  if (actor) return actor;
  const note = textProblem(doc.note, 'note', SCHEDULE_LIMITS.reasonMax, false);
  if (note) return note;
  if (doc.kind === 'submitted') return claims(doc, OFFICE_ROLE) ? null : 'Only the office submits the leadership schedule.';
  if (!claims(doc, 'leader')) return 'Only leaders return or publish the leadership schedule.';
  if (doc.kind === 'returned' && !(isString(doc.note) && doc.note.trim())) return 'A return needs a reason (note).';
  return null;
}

function isIsoWeek(week: string): boolean {
  try {
    daysOfIsoWeek(week);
    return true;
  } catch {
    return false;
  }
}

// ————————————————————————————————————————————— the new-event form

export interface EventInput {
  title: string;
  content?: string;
  /** Ward calendar day `YYYY-MM-DD`. */
  day: string;
  /** A half-day or whole-day entry; otherwise `startTime` and `endTime`. */
  slot?: Slot;
  /** Ward time `HH:mm`. */
  startTime?: string;
  endTime?: string;
  location?: EventLocation;
  chair?: string;
  participants: string[];
  participantUnits: string[];
  preparingUnit?: string;
  notes?: string;
  /** Documents and tasks the meeting is about. */
  links?: ScheduleLink[];
  visibility: Visibility;
  unitId?: string;
  leadership: boolean;
  priority: EventPriority;
}

/**
 * Codes this form answers with beyond the shared ones (`error.required`, `error.tooLong`, `error.date`,
 * `error.choice`, `error.tooMany`, `error.duplicate`).
 */
export const EVENT_FORM_ERROR_CODES = [
  'error.time',
  'error.endBeforeStart',
  'error.slotOrTimes',
  'error.leadershipInOrg',
  'error.roomInOrg',
  'error.personalNoUnit',
] as const;

function formText(errors: FieldError[], field: string, value: string | undefined, max: number, required: boolean): void {
  const v = (value ?? '').trim();
  if (!v) {
    if (required) errors.push({ field, code: 'error.required' });
  } else if (v.length > max) errors.push({ field, code: 'error.tooLong', params: { max } });
}

function formList(errors: FieldError[], field: string, list: readonly string[], max: number): void {
  const items = list.map((n) => n.trim()).filter(Boolean);
  if (items.length > max) errors.push({ field, code: 'error.tooMany', params: { max } });
  else if (new Set(items).size < items.length) errors.push({ field, code: 'error.duplicate' });
}

/** Field errors of a new event, empty when it may be written (who may write where aside: the server checks it too). */
export function validateEventInput(input: EventInput): FieldError[] {
  const errors: FieldError[] = [];
  formText(errors, 'title', input.title, SCHEDULE_LIMITS.titleMax, true);
  formText(errors, 'content', input.content, SCHEDULE_LIMITS.contentMax, false);
  formText(errors, 'notes', input.notes, SCHEDULE_LIMITS.notesMax, false);

  if (!input.day) errors.push({ field: 'day', code: 'error.required' });
  else if (!isValidDay(input.day)) errors.push({ field: 'day', code: 'error.date' });
  const times = !!(input.startTime || input.endTime);
  if (input.slot !== undefined) {
    if (!inList(SLOTS, input.slot)) errors.push({ field: 'slot', code: 'error.choice' });
    if (times) errors.push({ field: 'startTime', code: 'error.slotOrTimes' });
  } else {
    const start = input.startTime ?? '';
    const end = input.endTime ?? '';
    if (!start) errors.push({ field: 'startTime', code: 'error.required' });
    else if (!TIME_OF_DAY.test(start)) errors.push({ field: 'startTime', code: 'error.time' });
    if (!end) errors.push({ field: 'endTime', code: 'error.required' });
    else if (!TIME_OF_DAY.test(end)) errors.push({ field: 'endTime', code: 'error.time' });
    else if (TIME_OF_DAY.test(start) && end <= start) errors.push({ field: 'endTime', code: 'error.endBeforeStart' });
  }

  const loc = input.location;
  if (loc && 'text' in loc) formText(errors, 'location', loc.text, SCHEDULE_LIMITS.locationTextMax, true);
  if (loc && 'roomId' in loc && !ROOM_ID_PATTERN.test(loc.roomId)) errors.push({ field: 'location', code: 'error.choice' });
  if (input.chair !== undefined && input.chair !== '' && !isAccount(input.chair)) errors.push({ field: 'chair', code: 'error.choice' });
  formList(errors, 'participants', input.participants, SCHEDULE_LIMITS.participantsMax);
  formList(errors, 'participantUnits', input.participantUnits, SCHEDULE_LIMITS.unitsMax);
  const links = input.links ?? [];
  if (links.length > SCHEDULE_LIMITS.linksMax)
    errors.push({ field: 'links', code: 'error.tooMany', params: { max: SCHEDULE_LIMITS.linksMax } });
  else if (links.some((l) => linksProblem([l])))
    errors.push({ field: `links.${links.findIndex((l) => linksProblem([l]))}`, code: 'error.choice' });

  if (!inList(VISIBILITIES, input.visibility)) errors.push({ field: 'visibility', code: 'error.choice' });
  if (!inList(EVENT_PRIORITIES, input.priority)) errors.push({ field: 'priority', code: 'error.choice' });
  if (input.visibility === 'unit' && !input.unitId) errors.push({ field: 'unitId', code: 'error.required' });
  if (input.visibility === 'personal' && input.unitId) errors.push({ field: 'unitId', code: 'error.personalNoUnit' });
  if (input.unitId && !isUnitId(input.unitId)) errors.push({ field: 'unitId', code: 'error.choice' });
  if (input.leadership && input.visibility !== 'org') errors.push({ field: 'visibility', code: 'error.leadershipInOrg' });
  if (loc && 'roomId' in loc && input.visibility !== 'org') errors.push({ field: 'location', code: 'error.roomInOrg' });
  return errors;
}

/**
 * The `when` of a valid input (`validateEventInput` found nothing): a slot entry, or the ward times as UTC instants
 * (`wardInstant`). Throws on an input that has neither.
 */
export function whenOfInput(input: Pick<EventInput, 'day' | 'slot' | 'startTime' | 'endTime'>): EventWhen {
  if (input.slot !== undefined) return { day: input.day, slot: input.slot };
  if (!input.startTime || !input.endTime) throw new RangeError('An event has a slot or a start and an end time.');
  return {
    start: new Date(wardInstant(input.day, input.startTime)).toISOString(),
    end: new Date(wardInstant(input.day, input.endTime)).toISOString(),
  };
}
