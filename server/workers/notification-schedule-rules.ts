import type { NotificationSubject } from '../../src/model/notifications.ts';
import { roomIdOf } from '../../src/model/schedule/clash.ts';
import { isoWeekday, wardDayOf, wardTimeOf } from '../../src/model/schedule/interval.ts';
import { attendeesOf } from '../../src/model/schedule/state.ts';
import {
  type CalendarEventEvent,
  type CalendarEventState,
  EVENT_EDIT_FIELDS,
  type EventEditField,
  type EventLocation,
  type EventWhen,
  OFFICE_UNIT_ID,
  isSlotWhen,
} from '../../src/model/schedule/types.ts';
import type { Intent, People } from './notification-rules.ts';

/**
 * Who is told what about the schedule (issues 5 and 6), decided from the model's derived state (`deriveEventState`,
 * `deriveWeekState`, `flagOfflineClashes`), as `./notification-rules.ts` does for documents and tasks; the worker
 * (`./notification-schedule.ts`) picks the moment, the writer drops the actor, people who cannot read the event's
 * space and people who muted the kind.
 *
 * - `invitation`, once per person and entry (the source is always the entry's id): to the chair, the people invited
 *   and the delegates sent, and to the heads of every invited unit; never to the entry's creator.
 * - `scheduleChanged` for an applied `edited` (fields that really changed) or `cancelled` step: to everyone on the
 *   entry before and after it (chair, participants, attendees, delegates, heads of invited units, creator); people
 *   an edit adds get an invitation instead.
 * - `scheduleChanged` for a room: the owner of a booking that gives way to a high-priority leadership meeting, once
 *   per pair; both owners and the office's head (`head:vp`) for two bookings of one room at once, once per pair.
 */

/** Room and unit names from the org directory (ids when a name is missing). */
export interface ScheduleNames {
  room(roomId: string): string;
  unit(unitId: string): string;
}

export const eventSubject = (s: CalendarEventState): NotificationSubject => ({ type: 'calendarEvent', id: s.event._id, title: s.title });

const WEEKDAYS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
const SLOT_LABELS = { morning: 'Sáng', afternoon: 'Chiều', allDay: 'Cả ngày' } as const;

/** `2027-03-08` → `Thứ Hai 08/03/2027`. */
export function dayText(day: string): string {
  const [y, m, d] = day.split('-');
  return `${WEEKDAYS[isoWeekday(day) - 1]} ${d}/${m}/${y}`;
}

/** `Sáng Thứ Hai 08/03/2027`, `08:00–09:30 Thứ Hai 08/03/2027`, `08:00 Thứ Hai 08/03/2027 – 17:00 Thứ Tư 10/03/2027`. */
export function whenText(when: EventWhen): string {
  if (isSlotWhen(when)) return `${SLOT_LABELS[when.slot]} ${dayText(when.day)}`;
  const [start, end] = [Date.parse(when.start), Date.parse(when.end)];
  const [d1, d2] = [wardDayOf(start), wardDayOf(end)];
  if (d1 === d2) return `${wardTimeOf(start)}–${wardTimeOf(end)} ${dayText(d1)}`;
  return `${wardTimeOf(start)} ${dayText(d1)} – ${wardTimeOf(end)} ${dayText(d2)}`;
}

export function placeText(location: EventLocation | undefined, names: ScheduleNames): string | undefined {
  if (!location) return undefined;
  const roomId = roomIdOf(location);
  return roomId ? names.room(roomId) : 'text' in location ? location.text : undefined;
}

/** When and where, as a notification's detail shows them. */
const summaryOf = (s: CalendarEventState, names: ScheduleNames): string =>
  [whenText(s.when), placeText(s.location, names)].filter(Boolean).join(' · ');

const FIELD_LABELS: Record<EventEditField, string> = {
  title: 'nội dung',
  content: 'chương trình',
  when: 'thời gian',
  location: 'địa điểm',
  chair: 'chủ trì',
  participants: 'thành phần',
  participantUnits: 'đơn vị tham dự',
  preparingUnit: 'đơn vị chuẩn bị',
  notes: 'ghi chú',
  links: 'văn bản, công việc liên quan',
  files: 'tài liệu',
  visibility: 'phạm vi',
  priority: 'mức ưu tiên',
};

const valueOf = (s: CalendarEventState, field: EventEditField): unknown => (s as unknown as Record<string, unknown>)[field] ?? null;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose value differs between two states of one event. */
export const changedFields = (before: CalendarEventState, after: CalendarEventState): EventEditField[] =>
  EVENT_EDIT_FIELDS.filter((f) => !same(valueOf(before, f), valueOf(after, f)));

/** Delegates sent by people (or units) still invited. */
function delegatesOf(s: CalendarEventState): string[] {
  const out: string[] = [];
  for (const [who, a] of s.answers) {
    if (a.answer !== 'delegated' || !a.delegate) continue;
    const still = a.forUnit ? s.participantUnits.includes(a.forUnit) : s.participants.includes(who) || who === s.chair;
    if (still) out.push(a.delegate);
  }
  return out;
}

/** People invited by name: the chair, the participants and the delegates they sent. */
export function inviteesOf(s: CalendarEventState): string[] {
  return [...new Set([...(s.chair ? [s.chair] : []), ...s.participants, ...delegatesOf(s)])].sort();
}

/** Everyone on the entry: invitees, attendees (people a unit named), heads of invited units, its creator. */
export function peopleOnIt(s: CalendarEventState, people: People): string[] {
  const heads = s.participantUnits.flatMap((u) => people.headsOf(u));
  return [...new Set([...inviteesOf(s), ...attendeesOf(s), ...heads, s.event.createdBy])].sort();
}

export interface Trigger {
  /** ISO time of the step that makes the news. */
  at: string;
  /** Who did it ('' for what the server finds itself, e.g. a clash once two devices synced). */
  actor: string;
  actorName?: string;
}

/**
 * The invitations to an entry as it stands: one per person (`only`: just these people, e.g. those an edit added, or
 * a delegate just sent) and one per head of each invited unit (`units`: just these units). Source: the entry's id,
 * so whoever is invited twice (created, then published; delegated twice) is told once.
 */
export function invitationIntents(
  s: CalendarEventState,
  trigger: Trigger,
  people: People,
  names: ScheduleNames,
  only?: { people: readonly string[]; units: readonly string[] },
): Intent[] {
  if (s.cancelled) return [];
  const base = { kind: 'invitation' as const, sourceId: s.event._id, ...trigger, subject: eventSubject(s) };
  const summary = summaryOf(s, names);
  const notCreator = (name: string) => name !== s.event.createdBy;
  const intents: Intent[] = [];
  const persons = (only ? only.people : inviteesOf(s)).filter(notCreator);
  const delegates = new Set(delegatesOf(s));
  const sent = persons.filter((p) => delegates.has(p) && !s.participants.includes(p) && p !== s.chair);
  const invited = persons.filter((p) => !sent.includes(p));
  if (invited.length) intents.push({ ...base, to: invited, detail: summary });
  if (sent.length) intents.push({ ...base, to: sent, detail: `Được cử đi thay · ${summary}` });
  for (const unitId of only ? only.units : s.participantUnits) {
    const heads = people.headsOf(unitId).filter(notCreator);
    if (heads.length) intents.push({ ...base, to: heads, detail: `Mời ${names.unit(unitId)} cử người tham dự · ${summary}` });
  }
  return intents;
}

/**
 * An applied `edited` or `cancelled` step of a published entry: `before` and `after` are the entry just before and
 * just after it. People the edit invites get an invitation (not a change); everyone else on it, before or after, is
 * told what changed.
 */
export function changeIntents(
  before: CalendarEventState,
  after: CalendarEventState,
  e: CalendarEventEvent,
  people: People,
  names: ScheduleNames,
): Intent[] {
  const trigger: Trigger = { at: e.createdAt, actor: e.createdBy, actorName: e.actorName };
  const base = { kind: 'scheduleChanged' as const, sourceId: e._id, ...trigger, subject: eventSubject(after) };
  if (e.kind === 'cancelled') {
    const reason = after.cancelReason ?? e.note;
    return [{ ...base, to: peopleOnIt(before, people), detail: reason ? `Đã hủy: ${reason}` : 'Đã hủy' }];
  }
  if (e.kind !== 'edited') return [];
  const fields = changedFields(before, after);
  if (fields.length === 0) return [];
  const had = new Set(inviteesOf(before));
  const hadUnits = new Set(before.participantUnits);
  const added = inviteesOf(after).filter((p) => !had.has(p));
  const addedUnits = after.participantUnits.filter((u) => !hadUnits.has(u));
  const invited = new Set([...added, ...addedUnits.flatMap((u) => people.headsOf(u))]);
  const to = [...new Set([...peopleOnIt(before, people), ...peopleOnIt(after, people)])].filter((p) => !invited.has(p));
  const parts = [`Đã thay đổi ${fields.map((f) => FIELD_LABELS[f]).join(', ')}`];
  if (fields.includes('when') || fields.includes('location')) parts.push(`Lịch mới: ${summaryOf(after, names)}`);
  if (e.note?.trim()) parts.push(e.note.trim());
  return [
    { ...base, to, detail: parts.join('. ') },
    ...(added.length || addedUnits.length ? invitationIntents(after, trigger, people, names, { people: added, units: addedUnits }) : []),
  ];
}

const suffixOf = (id: string): string => id.slice(id.indexOf(':') + 1);

/**
 * Source of the notice that `bumped` gives way to `bumper`: once per pair (`calendarEvent:<bumped>@<bumper>`), so a
 * restart, a second server or the meeting moved again over the same booking writes it once.
 */
export const bumpSourceId = (bumpedId: string, bumperId: string): string => `${bumpedId}@${suffixOf(bumperId)}`;
/** Source of the notices of two bookings of one room at once: the pair, sorted (`calendarEvent:<a>+<b>`). */
export const clashSourceId = (a: string, b: string): string => (a < b ? `${a}+${suffixOf(b)}` : `${b}+${suffixOf(a)}`);

/** The owner of `bumped` is told that it gives way to the leadership meeting `bumper`. */
export function bumpIntents(bumper: CalendarEventState, bumped: CalendarEventState, trigger: Trigger, names: ScheduleNames): Intent[] {
  const roomId = roomIdOf(bumped.location);
  const room = roomId ? names.room(roomId) : 'phòng họp';
  return [
    {
      kind: 'scheduleChanged',
      to: [bumped.event.createdBy],
      sourceId: bumpSourceId(bumped.event._id, bumper.event._id),
      ...trigger,
      subject: eventSubject(bumped),
      detail: `Lịch đặt ${room} ${whenText(bumped.when)} của đồng chí nhường cho “${bumper.title}” (${whenText(bumper.when)})`,
    },
  ];
}

/** Two bookings of one room at once, neither giving way: both owners, and the office's head who settles it. */
export function clashIntents(
  a: CalendarEventState,
  b: CalendarEventState,
  trigger: Trigger,
  people: People,
  names: ScheduleNames,
): Intent[] {
  const roomId = roomIdOf(a.location) ?? roomIdOf(b.location);
  const room = roomId ? names.room(roomId) : 'phòng họp';
  const sourceId = clashSourceId(a.event._id, b.event._id);
  const detail = `${room} bị đặt trùng: “${a.title}” (${whenText(a.when)}, ${a.event.actorName}) và “${b.title}” (${whenText(b.when)}, ${b.event.actorName}). Văn phòng sẽ sắp xếp lại.`;
  const base = { kind: 'scheduleChanged' as const, sourceId, ...trigger, detail };
  const [first, later] = a.event._id < b.event._id ? [a, b] : [b, a];
  return [
    { ...base, to: [first.event.createdBy], subject: eventSubject(first) },
    { ...base, to: [later.event.createdBy], subject: eventSubject(later) },
    { ...base, to: people.headsOf(OFFICE_UNIT_ID), subject: eventSubject(later) },
  ];
}
