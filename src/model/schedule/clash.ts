/**
 * Clash detection for rooms and people (issue 5 "Meeting rooms").
 *
 * Before saving, the form shows what the new or edited entry clashes with (`findClashes`): the same room booked, or
 * someone on it (chair, invited people, delegates sent) already somewhere else. Intervals are half-open, so a meeting
 * ending at 09:00 and one starting at 09:00 do not clash; slot entries use the slot hours (`SLOT_HOURS`), so "cả
 * ngày" clashes with a morning meeting and a morning with an afternoon does not. Cancelled entries, and people who
 * declined or sent someone instead, take no time.
 *
 * Two devices offline can both book a room; neither saw the other, so both bookings are kept and, once synced,
 * `flagOfflineClashes` lists the pairs for the office to resolve. A high-priority leadership meeting takes the room
 * from an ordinary booking: the clash is then not an obstacle but a bump, and the bumped booking's owner is told.
 * Two leadership meetings never bump each other; the office resolves them like any clash.
 */
import { type Interval, intervalOf, overlaps } from './interval.ts';
import { attendeesOf } from './state.ts';
import type { CalendarEventState, EventLocation, EventPriority, EventWhen } from './types.ts';

/** What clash detection needs of an entry, stored or being entered. */
export interface ClashSubject {
  /** `calendarEvent:…`; absent for an entry not saved yet. */
  id?: string;
  title: string;
  interval: Interval;
  roomId?: string;
  /** Who will be there (account names). */
  people: string[];
  leadership: boolean;
  priority: EventPriority;
  /** Account that made the booking: told when it is bumped. */
  owner: string;
  cancelled: boolean;
}

export const roomIdOf = (location: EventLocation | undefined): string | undefined =>
  location && 'roomId' in location ? location.roomId : undefined;

/** A stored event as it stands now. */
export function subjectOf(s: CalendarEventState): ClashSubject {
  const roomId = roomIdOf(s.location);
  return {
    id: s.event._id,
    title: s.title,
    interval: intervalOf(s.when),
    ...(roomId ? { roomId } : {}),
    people: attendeesOf(s),
    leadership: s.event.leadership,
    priority: s.priority,
    owner: s.event.createdBy,
    cancelled: s.cancelled,
  };
}

/** What the form holds (a new entry, or an edit of `id`). */
export interface ClashInput {
  id?: string;
  title: string;
  when: EventWhen;
  location?: EventLocation;
  chair?: string;
  participants: string[];
  leadership: boolean;
  priority: EventPriority;
}

export function subjectOfInput(input: ClashInput, owner: string): ClashSubject {
  const roomId = roomIdOf(input.location);
  const people = new Set(input.participants);
  if (input.chair) people.add(input.chair);
  return {
    ...(input.id ? { id: input.id } : {}),
    title: input.title,
    interval: intervalOf(input.when),
    ...(roomId ? { roomId } : {}),
    people: [...people].sort(),
    leadership: input.leadership,
    priority: input.priority,
    owner,
    cancelled: false,
  };
}

const toSubject = (x: ClashSubject | CalendarEventState): ClashSubject => ('event' in x ? subjectOf(x) : x);

/** True when `a` takes the room from `b`: a high-priority leadership meeting over an ordinary booking. */
export const takesPriority = (a: Pick<ClashSubject, 'leadership' | 'priority'>, b: Pick<ClashSubject, 'leadership'>): boolean =>
  a.leadership && a.priority === 'high' && !b.leadership;

export interface RoomClash {
  eventId: string;
  title: string;
  roomId: string;
  interval: Interval;
  /** The candidate takes priority: saving bumps this booking rather than clashing with it. */
  bumped: boolean;
}

export interface PersonClash {
  eventId: string;
  title: string;
  person: string;
  interval: Interval;
}

export interface Bump {
  eventId: string;
  roomId: string;
  /** Who to notify. */
  owner: string;
}

export interface Clashes {
  /** Room clashes, bumped ones included (`bumped: true`). */
  rooms: RoomClash[];
  /** One entry per person and clashing event. */
  people: PersonClash[];
  /** Bookings the candidate takes the room from. */
  bumped: Bump[];
}

/** True when the candidate can be saved without a warning (bumps aside). */
export const isClear = (c: Clashes): boolean => c.people.length === 0 && c.rooms.every((r) => r.bumped);

/**
 * What `candidate` clashes with among `existing` (itself excluded by id, cancelled entries skipped). Results are
 * sorted by start, then event id, then person.
 */
export function findClashes(
  candidate: ClashSubject | CalendarEventState,
  existing: readonly (ClashSubject | CalendarEventState)[],
): Clashes {
  const c = toSubject(candidate);
  const out: Clashes = { rooms: [], people: [], bumped: [] };
  if (c.cancelled) return out;
  const others = existing
    .map(toSubject)
    .filter((o) => o.id && o.id !== c.id && !o.cancelled && overlaps(c.interval, o.interval))
    .sort((a, b) => a.interval.start - b.interval.start || (a.id! < b.id! ? -1 : 1));
  const mine = new Set(c.people);
  for (const o of others) {
    const id = o.id!;
    if (c.roomId && o.roomId === c.roomId) {
      const bumped = takesPriority(c, o);
      out.rooms.push({ eventId: id, title: o.title, roomId: c.roomId, interval: o.interval, bumped });
      if (bumped) out.bumped.push({ eventId: id, roomId: c.roomId, owner: o.owner });
    }
    for (const person of o.people) if (mine.has(person)) out.people.push({ eventId: id, title: o.title, person, interval: o.interval });
  }
  out.people.sort(
    (a, b) =>
      a.interval.start - b.interval.start || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0) || (a.person < b.person ? -1 : 1),
  );
  return out;
}

/** Two stored bookings of one room at once. */
export interface OfflineClash {
  roomId: string;
  /** Sorted. */
  eventIds: [string, string];
  /** Set when priority settles it: the booking that gives way (its owner is told); absent: the office decides. */
  bumped?: string;
}

/**
 * Every pair of stored, not cancelled events booking the same room at overlapping times: both stay, flagged. Sorted
 * by room, then the pair's ids; the same on every device.
 */
export function flagOfflineClashes(events: readonly (ClashSubject | CalendarEventState)[]): OfflineClash[] {
  const byRoom = new Map<string, ClashSubject[]>();
  for (const s of events.map(toSubject)) {
    if (!s.id || !s.roomId || s.cancelled) continue;
    const list = byRoom.get(s.roomId) ?? [];
    list.push(s);
    byRoom.set(s.roomId, list);
  }
  const out: OfflineClash[] = [];
  for (const [roomId, list] of byRoom) {
    // Sweep by start: only bookings still open when the next one starts can clash with it.
    list.sort((a, b) => a.interval.start - b.interval.start);
    let open: ClashSubject[] = [];
    for (const s of list) {
      open = open.filter((o) => o.interval.end > s.interval.start);
      for (const o of open) {
        if (!overlaps(o.interval, s.interval)) continue;
        const [a, b] = o.id! < s.id! ? [o, s] : [s, o];
        const bumped = takesPriority(a, b) ? b.id : takesPriority(b, a) ? a.id : undefined;
        out.push({ roomId, eventIds: [a.id!, b.id!], ...(bumped ? { bumped } : {}) });
      }
      open.push(s);
    }
  }
  return out.sort((x, y) =>
    x.roomId !== y.roomId
      ? x.roomId < y.roomId
        ? -1
        : 1
      : x.eventIds.join() < y.eventIds.join()
        ? -1
        : x.eventIds.join() > y.eventIds.join()
          ? 1
          : 0,
  );
}
