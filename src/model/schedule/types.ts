import type { BaseDoc } from '../doc.ts';
import type { FileMeta } from '../files.ts';

/**
 * Shared work schedules (lịch công tác), issue 5: the pure model, no storage.
 *
 * Like tasks (`../tasks/types.ts`), a `calendarEvent` holds what was entered when it was created and never changes;
 * every later edit, cancellation, invitation answer or approval is an append-only `calendarEventEvent`, and the
 * current state is derived by folding them in (createdAt, _id) order (`./state.ts`). The publication of the weekly
 * leadership schedule is itself a fold of `scheduleWeekEvent`s (`./publication.ts`): there is no mutable week
 * document that two offline devices could both change.
 */

export const CALENDAR_EVENT_SCHEMA = 1;
export const CALENDAR_EVENT_EVENT_SCHEMA = 1;
export const SCHEDULE_WEEK_EVENT_SCHEMA = 1;

/**
 * The schedule's document types are not in `DOC_TYPES` (`../ids.ts`) yet; until they are, they keep every field of
 * `BaseDoc` but their own `type`. Once `ids.ts` lists them this can become plain `extends BaseDoc`.
 */
export type ScheduleDoc<T extends string> = Omit<BaseDoc, 'type'> & { type: T };

/** The unit that drafts the leadership schedule (Văn phòng HĐND–UBND). */
export const OFFICE_UNIT_ID = 'vp';

/** Half-day slots of the ward's table: "Sáng", "Chiều", "Cả ngày". */
export const SLOTS = ['morning', 'afternoon', 'allDay'] as const;
export type Slot = (typeof SLOTS)[number];

/**
 * Ward office hours behind each slot, `HH:mm` in Asia/Ho_Chi_Minh. An event written as "sáng thứ Hai" occupies
 * these hours for clash detection and in exports; morning and afternoon do not touch (11:30 < 13:30), so a morning
 * meeting never clashes with an afternoon one, while "cả ngày" covers both.
 */
export const SLOT_HOURS: Readonly<Record<Slot, { start: string; end: string }>> = {
  morning: { start: '07:30', end: '11:30' },
  afternoon: { start: '13:30', end: '17:00' },
  allDay: { start: '07:30', end: '17:00' },
};

/** An exact interval: ISO-8601 UTC instants, `end` after `start`. */
export interface TimedWhen {
  start: string;
  end: string;
}
/** A half-day or whole-day entry on a ward calendar day (`YYYY-MM-DD`). */
export interface SlotWhen {
  day: string;
  slot: Slot;
}
export type EventWhen = TimedWhen | SlotWhen;

export const isSlotWhen = (w: EventWhen): w is SlotWhen => 'slot' in w;

/** A meeting room of the directory (`room:<roomId>`, `../rooms.ts`) or a place in words ("Nhà văn hoá khu phố 3"). */
export type EventLocation = { roomId: string } | { text: string };

/** Who sees the event: everyone in the ward, the members of `unitId`, or only the people on it. */
export const VISIBILITIES = ['org', 'unit', 'personal'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/**
 * `high`: a leadership meeting that takes the room from ordinary bookings (`./clash.ts`). It only has effect on
 * leadership events; an ordinary booking marked `high` bumps no one.
 */
export const EVENT_PRIORITIES = ['normal', 'high'] as const;
export type EventPriority = (typeof EVENT_PRIORITIES)[number];

/** A document or task the meeting is about; `label` is copied when linked so that people without access read it. */
export interface ScheduleLink {
  kind: 'document' | 'task';
  /** `officialDocument:…` or `task:…`. */
  id?: string;
  label: string;
}

export interface CalendarEvent extends ScheduleDoc<'calendarEvent'> {
  type: 'calendarEvent';
  /** Nội dung in the ward's table ("Giao ban UBND phường tuần 50"). */
  title: string;
  /** Longer description (agenda). */
  content?: string;
  when: EventWhen;
  location?: EventLocation;
  /** Chủ trì: an account name. */
  chair?: string;
  /** Thành phần: people (account names) … */
  participants: string[];
  /** … and units (unit ids) invited as a whole: the unit decides who goes (or sends a delegate). */
  participantUnits: string[];
  /** Đơn vị chuẩn bị: unit id. */
  preparingUnit?: string;
  notes?: string;
  links: ScheduleLink[];
  files?: FileMeta[];
  visibility: Visibility;
  /** The unit whose space holds it; required for `unit` visibility, absent for personal events. */
  unitId?: string;
  /** Part of the weekly leadership schedule (lịch công tác tuần của lãnh đạo), which is published (`./publication.ts`). */
  leadership: boolean;
  priority: EventPriority;
  /** Display name of the creator when written. */
  actorName: string;
  /** The creator's account roles when writing (checked by `validate_doc_update` like tasks'). */
  actorRoles: string[];
}

/** Fields an `edited` event may change; the change marks (`./state.ts`) are per field. */
export const EVENT_EDIT_FIELDS = [
  'title',
  'content',
  'when',
  'location',
  'chair',
  'participants',
  'participantUnits',
  'preparingUnit',
  'notes',
  'links',
  'files',
  'visibility',
  'priority',
] as const;
export type EventEditField = (typeof EVENT_EDIT_FIELDS)[number];

/** Optional fields that an edit may clear with `null`. */
export const CLEARABLE_FIELDS: readonly EventEditField[] = ['content', 'location', 'chair', 'preparingUnit', 'notes', 'files'];

/** The new values (absent: unchanged; `null`: cleared, for the optional fields only). */
export type CalendarEventEdit = { [K in EventEditField]?: CalendarEvent[K] | null };

/** Every step after creation. `createdBy` is the actor. */
export const CALENDAR_EVENT_EVENT_KINDS = [
  'edited', // organiser (creator, chair, leader; the office for leadership events): `changes`
  'cancelled', // organiser: `note` is the reason; the event stays visible, struck through
  'accepted', // invitee: will attend
  'declined', // invitee: with a reason (`note`, required)
  'delegated', // invitee: sends `delegate` (cử người đi thay)
  'approved', // leader: an entry created after the week's lock time may stand
] as const;
export type CalendarEventEventKind = (typeof CALENDAR_EVENT_EVENT_KINDS)[number];

export interface CalendarEventEvent extends ScheduleDoc<'calendarEventEvent'> {
  type: 'calendarEventEvent';
  /** The `calendarEvent:…` this step belongs to. */
  calendarEventId: string;
  kind: CalendarEventEventKind;
  actorName: string;
  actorRoles: string[];
  /** `edited`. */
  changes?: CalendarEventEdit;
  /** Reason of `cancelled` / `declined`; optional words on the others. */
  note?: string;
  /** `delegated`: account name of the person who goes instead. */
  delegate?: string;
  /** `accepted` / `declined` / `delegated` on behalf of an invited unit (`participantUnits`). */
  forUnit?: string;
}

export type InvitationAnswerKind = 'accepted' | 'declined' | 'delegated';

/** An invitee's latest answer. */
export interface InvitationAnswer {
  answer: InvitationAnswerKind;
  reason?: string;
  delegate?: string;
  forUnit?: string;
  at: string;
  eventId: string;
}

/** "Changed" on a field: what people saw when the schedule was published, and what it is now. */
export interface ChangeMark<K extends EventEditField = EventEditField> {
  field: K;
  /** The value as published (absent: the field was empty). */
  previous: CalendarEvent[K] | undefined;
  current: CalendarEvent[K] | undefined;
  /** The latest change of this field. */
  at: string;
  by: string;
  byName: string;
  eventId: string;
}

export type ApprovalState = 'notNeeded' | 'pending' | 'approved';

/**
 * The current state of an event. As with tasks, a step that does not apply at its place (an answer from someone not
 * invited, an edit by a bystander) changes nothing, stays in `events` and is listed in `ignored` with a code
 * (message key `schedule.rule.<code>`).
 */
export interface CalendarEventState {
  event: CalendarEvent;
  /** Its steps, sorted (createdAt, _id). */
  events: CalendarEventEvent[];
  ignored: { eventId: string; reason: string }[];
  title: string;
  content?: string;
  when: EventWhen;
  location?: EventLocation;
  chair?: string;
  participants: string[];
  participantUnits: string[];
  preparingUnit?: string;
  notes?: string;
  links: ScheduleLink[];
  files?: FileMeta[];
  visibility: Visibility;
  priority: EventPriority;
  cancelled: boolean;
  cancelledAt?: string;
  cancelReason?: string;
  /** Edits and the cancellation applied: the iCalendar SEQUENCE. */
  sequence: number;
  /** Latest applied step (or createdAt): the iCalendar LAST-MODIFIED. */
  lastModified: string;
  /** Fields changed after publication; empty before. */
  marks: Partial<Record<EventEditField, ChangeMark>>;
  /** Latest answer per invitee (account name). */
  answers: Map<string, InvitationAnswer>;
  approval: ApprovalState;
}

/** Publication of the weekly leadership schedule of one ISO week (`2026-W50`). */
export const SCHEDULE_WEEK_EVENT_KINDS = [
  'submitted', // office (unit vp): the draft is ready for a leader
  'returned', // leader: back to the office, with a reason
  'published', // leader: everyone sees it; again after changes (republication)
] as const;
export type ScheduleWeekEventKind = (typeof SCHEDULE_WEEK_EVENT_KINDS)[number];

export interface ScheduleWeekEvent extends ScheduleDoc<'scheduleWeekEvent'> {
  type: 'scheduleWeekEvent';
  /** ISO week `YYYY-Www` in ward time. */
  week: string;
  kind: ScheduleWeekEventKind;
  actorName: string;
  actorRoles: string[];
  note?: string;
}

export type ScheduleWeekStatus = 'draft' | 'submitted' | 'published';

export interface ScheduleWeekState {
  week: string;
  status: ScheduleWeekStatus;
  /** First publication: edits after it carry change marks. */
  publishedAt?: string;
  /** Latest publication. */
  lastPublishedAt?: string;
  publications: number;
  /** Reason of the latest return to the office. */
  returnedReason?: string;
  /** Entries of this week created at or after this instant need a leader's approval (`lockTimeOf`). */
  lockAt: string;
  events: ScheduleWeekEvent[];
  ignored: { eventId: string; reason: string }[];
}

export const SCHEDULE_LIMITS = {
  titleMax: 500,
  contentMax: 10_000,
  notesMax: 5_000,
  locationTextMax: 300,
  participantsMax: 200,
  unitsMax: 50,
  linksMax: 20,
  linkLabelMax: 500,
  reasonMax: 1_000,
  /** An event longer than this is a mistake more often than a plan. */
  maxDurationDays: 31,
} as const;
