/**
 * Shared work schedules on this device (issue 5, docs/decisions/0004-schedule.md): one index over the org, unit
 * and personal spaces, kept up to date incrementally from each space's change feed, with each event's state
 * derived from its steps (`model/schedule/state.ts`) and each week of the leadership schedule from its
 * publication steps (`model/schedule/publication.ts`).
 *
 * Where a new entry goes: the leadership schedule, room bookings and ward-wide events in the org space (the
 * room board is the ward's), unit events in their unit's space, personal events in the personal space. Steps
 * (edits, cancellation, answers, approval) go next to their event.
 */
import type { MeResponse } from '../model/api.ts';
import { newId } from '../model/ids.ts';
import type { FileMeta } from '../model/files.ts';
import { type OfflineClash, flagOfflineClashes, roomIdOf } from '../model/schedule/clash.ts';
import { deriveWeekState, eventContextOf, isWeekVisibleTo, weekOfEvent, weekRefusal } from '../model/schedule/publication.ts';
import { WARD_OFFSET_MS } from '../model/schedule/interval.ts';
import { compareEventEvents, deriveEventState, refusal } from '../model/schedule/state.ts';
import {
  CALENDAR_EVENT_EVENT_SCHEMA,
  CALENDAR_EVENT_SCHEMA,
  SCHEDULE_WEEK_EVENT_SCHEMA,
  type CalendarEvent,
  type CalendarEventEdit,
  type CalendarEventEvent,
  type CalendarEventEventKind,
  type CalendarEventState,
  type ScheduleWeekEvent,
  type ScheduleWeekEventKind,
  type ScheduleWeekState,
} from '../model/schedule/types.ts';
import { type EventInput, validateEventInput, whenOfInput } from '../model/schedule/validation.ts';
import type { Space, SpaceRef } from '../model/spaces.ts';
import { docsByPrefix, isSpaceDbErased, localDbReady, spaceDb, subscribeLocalChanges } from './db.ts';
import { storeNewFiles } from './files.ts';
import { type IndexedKind, SpaceIndex, perUser, putRecords, subscribeIndexed } from './space-index.ts';
import { ValidationError } from './validation.ts';

export { ValidationError } from './validation.ts';

/** One schedule entry as the views see it. */
export interface EventRow {
  id: string;
  state: CalendarEventState;
  /** Spaces holding it on this device. */
  heldIn: Space[];
  /** Some of its records are on this device only (not yet confirmed by the server). */
  pending: boolean;
  /** Leadership entries: the ISO week of the schedule they belong to. */
  week?: string;
}

export interface ScheduleData {
  /** Every entry this person may see now (drafts of the leadership schedule only for the office and leaders). */
  rows: EventRow[];
  /** Leadership schedule weeks that have steps; a week without any is a draft (`weekState`). */
  weeks: Map<string, ScheduleWeekState>;
  /** Room bookings that overlap (both kept, flagged for the office). */
  clashes: OfflineClash[];
}

/** Spaces that can hold events: org, units, personal (not the registry). */
export const scheduleSpaces = (me: MeResponse): Space[] =>
  me.spaces.filter((s) => (s.kind === 'org' || s.kind === 'unit' || s.kind === 'personal') && !isSpaceDbErased(me, s));

const EVENTS: IndexedKind<CalendarEventEvent> = {
  parentPrefix: 'calendarEvent:',
  eventPrefix: 'calendarEventEvent:',
  parentOf: (e) => e.calendarEventId,
  spaces: scheduleSpaces,
};

const WEEK_PREFIX = 'scheduleWeekEvent:';

interface UserIndex {
  records: SpaceIndex<CalendarEvent, CalendarEventEvent>;
  ids: Set<string>;
}

const indexFor = perUser((): UserIndex => ({ records: new SpaceIndex(EVENTS), ids: new Set() }));

const orgSpace = (me: MeResponse): Space | undefined => scheduleSpaces(me).find((s) => s.kind === 'org');

async function weekSteps(me: MeResponse): Promise<ScheduleWeekEvent[]> {
  const org = orgSpace(me);
  if (!org) return [];
  const db = spaceDb(me, org);
  await localDbReady(db);
  return docsByPrefix<ScheduleWeekEvent>(db, WEEK_PREFIX);
}

/** The state of one week of the leadership schedule (a draft when nothing happened yet). */
export const weekState = (data: Pick<ScheduleData, 'weeks'>, week: string): ScheduleWeekState =>
  data.weeks.get(week) ?? deriveWeekState(week, []);

/**
 * Everything of the schedule on this device. The records are read incrementally; states are derived on each call
 * (a year of a ward's schedule is a few thousand small folds, a few milliseconds) because a leadership entry's
 * change marks depend on its week's publication, which can change without the entry changing.
 */
export async function loadSchedule(me: MeResponse): Promise<ScheduleData> {
  const idx = indexFor(me);
  await idx.records.catchUp(me, (dirty) => {
    for (const id of dirty) {
      if (idx.records.gather(id)) idx.ids.add(id);
      else idx.ids.delete(id);
    }
  });
  const steps = await weekSteps(me);
  const byWeek = new Map<string, ScheduleWeekEvent[]>();
  for (const s of steps) byWeek.set(s.week, [...(byWeek.get(s.week) ?? []), s]);
  const weeks = new Map([...byWeek].map(([w, list]) => [w, deriveWeekState(w, list)]));
  const rows: EventRow[] = [];
  const visibleWeek = new Map<string, boolean>();
  for (const id of idx.ids) {
    const found = idx.records.gather(id);
    if (!found) continue;
    const event = found.copies[0]!;
    let week: string | undefined;
    let state: CalendarEventState;
    if (event.leadership) {
      week = weekOfEvent(event);
      const ws = weeks.get(week) ?? deriveWeekState(week, []);
      let visible = visibleWeek.get(week);
      if (visible === undefined) visibleWeek.set(week, (visible = isWeekVisibleTo(ws, me)));
      if (!visible) continue;
      state = deriveEventState(event, found.events, eventContextOf(ws));
    } else state = deriveEventState(event, found.events);
    rows.push({ id, state, heldIn: found.heldIn, pending: found.pending, ...(week ? { week } : {}) });
  }
  rows.sort(compareRows);
  return { rows, weeks, clashes: flagOfflineClashes(rows.map((r) => r.state)) };
}

/** By start, then id: the order of the week table and the agenda. */
export function compareRows(a: EventRow, b: EventRow): number {
  const x = startOf(a.state);
  const y = startOf(b.state);
  if (x !== y) return x - y;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const startOf = (s: CalendarEventState): number => {
  const w = s.when;
  if ('slot' in w) return Date.parse(`${w.day}T00:00:00Z`) + (w.slot === 'afternoon' ? 12 : 0) * 3_600_000;
  return Date.parse(w.start) + WARD_OFFSET_MS;
};

/** Calls `onChange` when events, their steps or the leadership schedule's publication change on this device. */
export function subscribeSchedule(me: MeResponse, onChange: () => void): () => void {
  const stops = [subscribeIndexed(me, EVENTS, onChange)];
  const org = orgSpace(me);
  if (org) {
    stops.push(
      subscribeLocalChanges(spaceDb(me, org), (change) => {
        if (change.id.startsWith(WEEK_PREFIX) || change.id.startsWith('room:')) onChange();
      }),
    );
  }
  return () => stops.forEach((stop) => stop());
}

// ————————————————————————————————————————————— writing

/** Where a new entry lives (docs/decisions/0004-schedule.md). */
export function homeSpaceOf(input: Pick<EventInput, 'leadership' | 'visibility' | 'unitId' | 'location'>, me: Pick<MeResponse, 'name'>): SpaceRef {
  if (input.leadership || input.visibility === 'org' || roomIdOf(input.location)) return { kind: 'org', id: 'org' };
  if (input.visibility === 'unit' && input.unitId) return { kind: 'unit', id: input.unitId };
  return { kind: 'personal', id: me.name };
}

const spaceOf = (me: MeResponse, ref: SpaceRef): Space | undefined => scheduleSpaces(me).find((s) => s.kind === ref.kind && s.id === ref.id);

const clean = (names: readonly string[]): string[] => [...new Set(names.map((n) => n.trim()).filter(Boolean))];

/** The document a valid form makes (exported for the tests and the import). */
export function eventDocOf(me: MeResponse, input: EventInput, now = Date.now()): CalendarEvent {
  const text = (v: string | undefined): string | undefined => (v?.trim() ? v.trim() : undefined);
  const content = text(input.content);
  const notes = text(input.notes);
  const location =
    input.location && 'text' in input.location ? (input.location.text.trim() ? { text: input.location.text.trim() } : undefined) : input.location;
  const space = homeSpaceOf(input, me);
  return {
    _id: newId('calendarEvent', now),
    type: 'calendarEvent',
    schema: CALENDAR_EVENT_SCHEMA,
    createdAt: new Date(now).toISOString(),
    createdBy: me.name,
    title: input.title.trim(),
    ...(content ? { content } : {}),
    when: whenOfInput(input),
    ...(location ? { location } : {}),
    ...(input.chair ? { chair: input.chair } : {}),
    participants: clean(input.participants),
    participantUnits: clean(input.participantUnits),
    ...(input.preparingUnit ? { preparingUnit: input.preparingUnit } : {}),
    ...(notes ? { notes } : {}),
    links: (input.links ?? []).map((l) => ({ kind: l.kind, ...(l.id ? { id: l.id } : {}), label: l.label.trim() })),
    visibility: input.visibility,
    ...(input.visibility === 'unit' && input.unitId ? { unitId: input.unitId } : space.kind === 'unit' ? { unitId: space.id } : {}),
    leadership: input.leadership,
    priority: input.leadership ? input.priority : 'normal',
    actorName: me.displayName,
    actorRoles: [...me.roles],
  };
}

/**
 * Creates an entry after checking the form (`validateEventInput`). Works offline. Throws `ValidationError`
 * (`error.notAllowed` on `form` when this device holds no space the entry could go to) or `StorageFullError`.
 */
export async function createEvent(me: MeResponse, input: EventInput, files: readonly File[] = []): Promise<string> {
  const errors = validateEventInput(input);
  if (errors.length) throw new ValidationError(errors);
  const doc = eventDocOf(me, input);
  const space = spaceOf(me, homeSpaceOf(input, me));
  if (!space) throw new ValidationError([{ field: 'form', code: 'error.notAllowed' }]);
  // The bytes go to the space's files database (uploaded when online); the entry carries their metadata.
  const metas = await storeNewFiles(me, space, doc._id, files);
  if (metas.length) doc.files = metas;
  await putRecords(me, space, [doc]);
  return doc._id;
}

export interface EventStepInput {
  kind: CalendarEventEventKind;
  changes?: CalendarEventEdit;
  /** New files of an edit: stored under the step, added after `changes.files` (the files kept). */
  newFiles?: readonly File[];
  note?: string;
  delegate?: string;
  forUnit?: string;
}

/** The space a step is written in: the event's own space (where the server checks it against the event). */
function spaceForStep(row: EventRow): Space | null {
  return row.heldIn[0] ?? null;
}

/**
 * Records a step (edit, cancellation, answer, approval) after checking it with the rules (`refusal`), so a refused
 * step never leaves the device. Throws `ValidationError` (`schedule.rule.<code>` on `form`).
 */
export async function recordEventStep(me: MeResponse, row: EventRow, input: EventStepInput): Promise<string> {
  const now = Date.now();
  const note = input.note?.trim();
  const step: CalendarEventEvent = {
    _id: newId('calendarEventEvent', now),
    type: 'calendarEventEvent',
    schema: CALENDAR_EVENT_EVENT_SCHEMA,
    createdAt: new Date(now).toISOString(),
    createdBy: me.name,
    calendarEventId: row.id,
    kind: input.kind,
    actorName: me.displayName,
    actorRoles: [...me.roles],
    ...(input.changes ? { changes: input.changes } : {}),
    ...(note ? { note } : {}),
    ...(input.delegate ? { delegate: input.delegate } : {}),
    ...(input.forUnit ? { forUnit: input.forUnit } : {}),
  };
  const code = refusal(row.state, step);
  if (code) throw new ValidationError([{ field: 'form', code: `schedule.rule.${code}` }]);
  const space = spaceForStep(row);
  if (!space) throw new ValidationError([{ field: 'form', code: 'error.notAllowed' }]);
  if (input.newFiles?.length) {
    const metas = await storeNewFiles(me, space, step._id, input.newFiles);
    // The files kept: those the edit lists (\`null\`: none), else all the entry has now.
    const kept = step.changes && 'files' in step.changes ? (step.changes.files ?? []) : (row.state.files ?? []);
    step.changes = { ...step.changes, files: [...kept, ...metas] };
  }
  await putRecords(me, space, [step]);
  return step._id;
}

/** Submits, returns or publishes a week of the leadership schedule (in the org space). */
export async function recordWeekStep(me: MeResponse, week: ScheduleWeekState, kind: ScheduleWeekEventKind, note?: string): Promise<string> {
  const code = weekRefusal(week, kind, me, note);
  if (code) throw new ValidationError([{ field: kind === 'returned' && code === 'reasonRequired' ? 'note' : 'form', code: `schedule.week.rule.${code}` }]);
  const org = orgSpace(me);
  if (!org) throw new ValidationError([{ field: 'form', code: 'error.notAllowed' }]);
  const now = Date.now();
  const trimmed = note?.trim();
  const step: ScheduleWeekEvent = {
    _id: newId('scheduleWeekEvent', now),
    type: 'scheduleWeekEvent',
    schema: SCHEDULE_WEEK_EVENT_SCHEMA,
    createdAt: new Date(now).toISOString(),
    createdBy: me.name,
    week: week.week,
    kind,
    actorName: me.displayName,
    actorRoles: [...me.roles],
    ...(trimmed ? { note: trimmed } : {}),
  };
  await putRecords(me, org, [step]);
  return step._id;
}

/** The steps of an entry, newest first (its history). */
export const historyOf = (row: EventRow): CalendarEventEvent[] => [...row.state.events].sort((a, b) => -compareEventEvents(a, b));

/** A file of an entry as the detail lists it: who added it and when (the entry's or the edit's author). */
export interface EventFileRef extends FileMeta {
  ownerId: string;
  addedBy: string;
  addedAt: string;
}

/** The entry's files now (after its edits), each with the record that first carried it. */
export function filesOfEvent(row: Pick<EventRow, 'state'>): EventFileRef[] {
  const first = new Map<string, { ownerId: string; addedBy: string; addedAt: string }>();
  const e = row.state.event;
  for (const f of e.files ?? []) first.set(f.fileId, { ownerId: e._id, addedBy: e.createdBy, addedAt: e.createdAt });
  for (const step of row.state.events) {
    for (const f of step.changes?.files ?? []) {
      if (!first.has(f.fileId)) first.set(f.fileId, { ownerId: step._id, addedBy: step.createdBy, addedAt: step.createdAt });
    }
  }
  return (row.state.files ?? []).map((f) => ({ ...f, ...(first.get(f.fileId) ?? { ownerId: e._id, addedBy: e.createdBy, addedAt: e.createdAt }) }));
}
