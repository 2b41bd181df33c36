/**
 * A year of the demo ward's schedules (issue 5 "Demo data"), up to a few weeks ahead of `today`:
 * - the weekly leadership schedule (lịch công tác tuần) of every ISO week of the past twelve months and of the
 *   current and next week: 8–15 entries a week drafted by the office (unit `vp`) on the Wednesday/Thursday before,
 *   submitted by the office and published by a leader (`scheduleWeekEvent` steps); now and then returned first,
 *   added to after the lock (approved by a leader, then published again), edited after publication (change marks)
 *   or cancelled with a reason; invitations answered (accepted, declined with a reason, delegated, for a unit).
 *   The current week is published, the next one still a draft;
 * - the units' own calendars (unit spaces) and a few personal calendars (personal spaces);
 * - meeting-room bookings by staff (org space) and three offline clashes in the coming two weeks: two bookings of
 *   one room at once, as if made on two devices offline (`flagOfflineClashes`).
 *
 * Where documents live: leadership entries, week steps, every event with a room and ward-wide events in the org
 * space; unit events in their unit's space; personal events in their owner's personal space; steps next to their
 * event. `generateDemoSchedule` is pure and deterministic (seeded PRNG, ids included). Nothing happens on or after
 * `today` (exclusive) but entries dated later that were written before it; every step is one the rules allow
 * (`deriveEventState` and `deriveWeekState` ignore none; the test checks it).
 */
import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';
import { addDays } from '../../src/model/documents/dates.ts';
import { SYSTEM_ACTOR } from '../../src/model/documents/types.ts';
import { headRole, unitRole } from '../../src/model/roles.ts';
import { type RoomDoc, roomDocId } from '../../src/model/rooms.ts';
import { type Interval, intervalOf, isoWeekOf, overlaps, wardInstant } from '../../src/model/schedule/interval.ts';
import { lockTimeOf } from '../../src/model/schedule/publication.ts';
import {
  CALENDAR_EVENT_EVENT_SCHEMA,
  CALENDAR_EVENT_SCHEMA,
  type CalendarEvent,
  type CalendarEventEdit,
  type CalendarEventEvent,
  type CalendarEventEventKind,
  type EventLocation,
  type EventWhen,
  isSlotWhen,
  type ScheduleLink,
  SCHEDULE_WEEK_EVENT_SCHEMA,
  type ScheduleWeekEvent,
  type ScheduleWeekEventKind,
} from '../../src/model/schedule/types.ts';
import { type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { wardDay } from '../../src/model/time.ts';
import type { Logger } from '../logger.ts';
import { ORG_DB } from '../services/directory.ts';
import type { Store } from '../store/types.ts';
import { type DemoUnitId, UNIT_STAFF } from './documents-data.ts';
import {
  CANCEL_REASONS,
  DECLINE_REASONS,
  DELEGATE_NOTES,
  DEMO_ROOMS,
  EDIT_NOTES,
  LEADERSHIP_TEMPLATES,
  type LeadershipTemplate,
  MONTHLY_LEADERSHIP,
  PERSONAL_EVENTS,
  PERSONAL_USERS,
  RETURN_REASONS,
  ROOM_BOOKINGS,
  UNIT_EVENTS,
  WEEKLY_LEADERSHIP,
  type WeekTime,
} from './schedule-data.ts';
import { DEMO_ACCOUNTS, DEMO_UNITS } from './ward.ts';
import { Rng } from './rng.ts';

// ————————————————————————————————————————————— options and result

export interface GenerateScheduleOptions {
  /** The ward day the schedules run up to (exclusive): nothing is written on or after it. */
  today: string;
  /** PRNG seed (default: a constant). */
  seed?: number;
}

export type DemoScheduleDoc = CalendarEvent | CalendarEventEvent | ScheduleWeekEvent;

export interface DemoScheduleWrite {
  space: SpaceRef;
  doc: DemoScheduleDoc;
}

export interface DemoScheduleStats {
  /** ISO weeks with leadership entries. */
  weeks: number;
  publishedWeeks: number;
  draftWeeks: number;
  leadership: number;
  weekSteps: number;
  unitEvents: number;
  personalEvents: number;
  bookings: number;
  /** `calendarEventEvent`s. */
  steps: number;
  edited: number;
  cancelled: number;
  answers: number;
  approvals: number;
  /** Pairs of bookings of one room at once, made as if offline. */
  offlineClashes: number;
}

export interface DemoSchedulePlan {
  /** An event before its steps, everything in time order. */
  writes: DemoScheduleWrite[];
  /** The meeting rooms the entries book (server-written directory entries of the org space). */
  rooms: RoomDoc[];
  /** The weeks of the leadership schedule, oldest first, and what they should be today. */
  weeks: { week: string; status: 'published' | 'draft' }[];
  stats: DemoScheduleStats;
}

// ————————————————————————————————————————————— time, randomness, people

const MIN = 60_000;
const HOUR = 60 * MIN;
const WARD_OFFSET = 7 * HOUR;
const DEFAULT_SEED = 0x5c4ed01e;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`) - WARD_OFFSET;
const dayOf = (ms: number): string => new Date(ms + WARD_OFFSET).toISOString().slice(0, 10);
const iso = (ms: number): string => new Date(ms).toISOString();
const isoWeekday = (day: string): number => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const isWeekend = (day: string): boolean => isoWeekday(day) >= 6;
const at = (day: string, hhmm: string): number => wardInstant(day, hhmm);
const mondayOf = (day: string): string => addDays(day, 1 - isoWeekday(day));

interface Person {
  name: string;
  displayName: string;
  roles: string[];
  unitId?: DemoUnitId;
}

const PEOPLE = new Map<string, Person>(
  DEMO_ACCOUNTS.map((a) => {
    const roles: string[] = [a.role];
    if (a.unitId) roles.push(unitRole(a.unitId));
    if (a.unitId && a.head) roles.push(headRole(a.unitId));
    return [a.name, { name: a.name, displayName: a.displayName, roles, ...(a.unitId ? { unitId: a.unitId as DemoUnitId } : {}) }];
  }),
);
const person = (name: string): Person => {
  const p = PEOPLE.get(name);
  if (!p) throw new Error(`demo schedule: no demo account ${name}`);
  return p;
};
const HEAD_OF = Object.fromEntries(DEMO_ACCOUNTS.filter((a) => a.head && a.unitId).map((a) => [a.unitId!, a.name])) as Record<
  DemoUnitId,
  string
>;
const membersOf = (unit: DemoUnitId): string[] => DEMO_ACCOUNTS.filter((a) => a.unitId === unit && a.role !== 'admin').map((a) => a.name);
const UNIT_NAME = new Map(DEMO_UNITS.map((u) => [u.unitId, u.name]));
/** Who drafts the leadership schedule (members of the office, unit `vp`), by how often. */
const DRAFTERS = ['mai.hoang', 'mai.hoang', 'mai.hoang', 'an.nguyen', 'an.nguyen', 'tuan.vu', 'huong.bui'];
/** Who submits it: the head of the office or her deputy. */
const SUBMITTERS = ['hoa.do', 'hoa.do', 'tuan.vu'];
const PUBLISHERS = ['hung.tran', 'hung.tran', 'hung.tran', 'lan.nguyen'];
const ORG: SpaceRef = { kind: 'org', id: 'org' };

// ————————————————————————————————————————————— the generator

type Step = { ms: number; by: string; kind: CalendarEventEventKind; more?: Partial<CalendarEventEvent> };

/** An entry being planned: its event, its home and its steps so far. */
interface Entry {
  doc: CalendarEvent;
  space: SpaceRef;
  created: number;
  steps: Step[];
}

class Generator {
  private readonly rng: Rng;
  private readonly idRng: Rng;
  private readonly usedIds = new Set<string>();
  private readonly end: number;
  private readonly writes: (DemoScheduleWrite & { ms: number })[] = [];
  private readonly weeks: { week: string; status: 'published' | 'draft' }[] = [];
  /** Room → bookings now (id, interval), to keep rooms free but for the planned clashes. */
  private readonly roomUse = new Map<string, { id: string; i: Interval }[]>();
  /** Chair → leadership entries chaired, so that no one chairs two at once. */
  private readonly chairUse = new Map<string, { id: string; i: Interval }[]>();
  readonly stats: DemoScheduleStats = {
    weeks: 0,
    publishedWeeks: 0,
    draftWeeks: 0,
    leadership: 0,
    weekSteps: 0,
    unitEvents: 0,
    personalEvents: 0,
    bookings: 0,
    steps: 0,
    edited: 0,
    cancelled: 0,
    answers: 0,
    approvals: 0,
    offlineClashes: 0,
  };

  constructor(
    private readonly today: string,
    seed: number,
  ) {
    this.rng = new Rng(seed);
    this.idRng = new Rng(seed ^ 0x2545f491);
    this.end = dayStart(today);
  }

  // ——— ids, times, words

  private idAt(type: 'calendarEvent' | 'calendarEventEvent' | 'scheduleWeekEvent', ms: number): string {
    for (;;) {
      let r = '';
      for (let i = 0; i < 16; i++) r += CROCKFORD[this.idRng.int(0, 31)];
      const id = `${type}:${encodeTime(ms, 10)}${r}`;
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  /** A minute in office hours (07:45–17:00, not at lunch) on `day`, between `from` and `to` (minutes of the day). */
  private onDay(day: string, from = 465, to = 1020): number {
    let m = this.rng.int(from, to);
    if (m >= 690 && m < 810) m = m < 750 ? 680 : 815;
    return dayStart(day) + m * MIN;
  }

  /** The working day before `day`. */
  private workingBefore(day: string): string {
    let d = addDays(day, -1);
    while (isWeekend(d)) d = addDays(d, -1);
    return d;
  }

  /** The residential quarter (khu phố) of the entry being written: its title and place name the same one. */
  private kp = 1;

  private fill(text: string, day: string): string {
    const month = Number(day.slice(5, 7));
    const year = Number(day.slice(0, 4));
    return text
      .replaceAll('{kp}', String(this.kp))
      .replaceAll('{thang}', `${month}/${year}`)
      .replaceAll('{quy}', ['I', 'II', 'III', 'IV'][Math.floor((month - 1) / 3)]!)
      .replaceAll('{tuan}', String(Number(isoWeekOf(day).slice(6))))
      .replaceAll('{namTruoc}', String(year - 1))
      .replaceAll('{nam}', String(year));
  }

  private whenOf(day: string, t: WeekTime['times'][number]): EventWhen {
    if (t === 'morning' || t === 'afternoon' || t === 'allDay') return { day, slot: t };
    const [a, b] = t.split('-') as [string, string];
    return { start: iso(at(day, a)), end: iso(at(day, b)) };
  }

  private placeOf(place: string, day: string): EventLocation {
    return place.startsWith('room:') ? { roomId: place.slice(5) } : { text: this.fill(place, day) };
  }

  // ——— rooms and chairs

  private free(use: Map<string, { id: string; i: Interval }[]>, key: string, i: Interval, except?: string): boolean {
    return !(use.get(key) ?? []).some((u) => u.id !== except && overlaps(u.i, i));
  }

  private take(use: Map<string, { id: string; i: Interval }[]>, key: string, id: string, i: Interval): void {
    const list = (use.get(key) ?? []).filter((u) => u.id !== id);
    list.push({ id, i });
    use.set(key, list);
  }

  private roomOf(loc: EventLocation | undefined): string | undefined {
    return loc && 'roomId' in loc ? loc.roomId : undefined;
  }

  // ——— documents

  private eventDoc(
    id: string,
    created: number,
    by: string,
    fields: Omit<CalendarEvent, '_id' | 'type' | 'schema' | 'createdAt' | 'createdBy' | 'actorName' | 'actorRoles'>,
  ): CalendarEvent {
    const p = person(by);
    return {
      _id: id,
      type: 'calendarEvent',
      schema: CALENDAR_EVENT_SCHEMA,
      createdAt: iso(created),
      createdBy: by,
      ...fields,
      actorName: p.displayName,
      actorRoles: p.roles,
    };
  }

  /** Writes the entry and its steps in time order, each strictly after the one before (all before today). */
  private emit(e: Entry): void {
    this.writes.push({ space: e.space, ms: e.created, doc: e.doc });
    let last = e.created;
    for (const s of [...e.steps].sort((a, b) => a.ms - b.ms)) {
      const ms = Math.max(Math.floor(s.ms / MIN) * MIN, last + MIN);
      if (ms >= this.end) throw new Error(`demo schedule: a step of ${e.doc._id} on or after today`);
      last = ms;
      const p = person(s.by);
      const doc: CalendarEventEvent = {
        _id: this.idAt('calendarEventEvent', ms),
        type: 'calendarEventEvent',
        schema: CALENDAR_EVENT_EVENT_SCHEMA,
        createdAt: iso(ms),
        createdBy: s.by,
        calendarEventId: e.doc._id,
        kind: s.kind,
        actorName: p.displayName,
        actorRoles: p.roles,
        ...s.more,
      };
      this.writes.push({ space: e.space, ms, doc });
      this.stats.steps += 1;
      if (s.kind === 'edited') this.stats.edited += 1;
      else if (s.kind === 'cancelled') this.stats.cancelled += 1;
      else if (s.kind === 'approved') this.stats.approvals += 1;
      else this.stats.answers += 1;
    }
  }

  private weekStep(week: string, ms: number, by: string, kind: ScheduleWeekEventKind, note?: string): void {
    if (ms >= this.end) throw new Error(`demo schedule: a step of week ${week} on or after today`);
    const p = person(by);
    const doc: ScheduleWeekEvent = {
      _id: this.idAt('scheduleWeekEvent', ms),
      type: 'scheduleWeekEvent',
      schema: SCHEDULE_WEEK_EVENT_SCHEMA,
      createdAt: iso(ms),
      createdBy: by,
      week,
      kind,
      actorName: p.displayName,
      actorRoles: p.roles,
      ...(note ? { note } : {}),
    };
    this.writes.push({ space: ORG, ms, doc });
    this.stats.weekSteps += 1;
  }

  // ——— the weekly leadership schedule

  /** Plans one leadership entry from a template on a day of `monday`'s week, or null when no time is free. */
  private leadershipEntry(t: LeadershipTemplate, monday: string, created: number, by: string): Entry | null {
    const r = this.rng;
    for (let attempt = 0; attempt < 8; attempt++) {
      this.kp = r.int(1, 8);
      const day = addDays(monday, r.pick(t.at.days) - 1);
      const when = this.whenOf(day, r.pick(t.at.times));
      const i = intervalOf(when);
      const chair = r.pick(t.chairs);
      const location = this.placeOf(r.pick(t.places), day);
      const room = this.roomOf(location);
      if (!this.free(this.chairUse, chair, i) || (room && !this.free(this.roomUse, room, i))) continue;
      const id = this.idAt('calendarEvent', created);
      this.take(this.chairUse, chair, id, i);
      if (room) this.take(this.roomUse, room, id, i);
      const participants = r.sample(
        t.people.filter((p) => p !== chair),
        r.int(t.peopleCount[0], t.peopleCount[1]),
      );
      const units = r.sample(t.units, r.int(t.unitCount[0], t.unitCount[1]));
      const links: ScheduleLink[] = t.link ? [{ kind: 'document', label: this.fill(t.link, day) }] : [];
      const doc = this.eventDoc(id, created, by, {
        title: this.fill(t.title, day),
        ...(t.content ? { content: this.fill(t.content, day) } : {}),
        when,
        location,
        chair,
        participants,
        participantUnits: units,
        ...(t.preparingUnit ? { preparingUnit: t.preparingUnit } : {}),
        ...(t.notes ? { notes: t.notes } : {}),
        links,
        visibility: 'org',
        leadership: true,
        priority: t.priority ?? 'normal',
      });
      this.stats.leadership += 1;
      return { doc, space: ORG, created, steps: [] };
    }
    return null;
  }

  /** Monthly entries due in the week of `monday`. */
  private monthlyOf(monday: string): LeadershipTemplate[] {
    const wednesday = addDays(monday, 2);
    const thursday = addDays(monday, 3);
    return MONTHLY_LEADERSHIP.filter((m) =>
      m.week === 'first' ? Number(wednesday.slice(8)) <= 7 : addDays(thursday, 7).slice(5, 7) !== thursday.slice(5, 7),
    );
  }

  /**
   * One ISO week of the leadership schedule. `status`: published (drafted, submitted and published the week before),
   * or draft (drafted only).
   */
  leadershipWeek(monday: string, status: 'published' | 'draft'): void {
    const r = this.rng;
    const week = isoWeekOf(monday);
    const lock = Date.parse(lockTimeOf(week));
    const wednesdayBefore = addDays(monday, -5);
    const thursdayBefore = addDays(monday, -4);
    const fridayBefore = addDays(monday, -3);
    // Drafted on the Wednesday and Thursday before; when those are not over yet, in the last working day before today.
    let draftFrom = at(wednesdayBefore, '08:00');
    let draftTo = at(thursdayBefore, '14:30');
    if (draftTo > this.end - 30 * MIN) {
      draftTo = Math.min(draftTo, this.end - 7 * HOUR - 30 * MIN);
      if (draftTo - draftFrom < 3 * HOUR) {
        const d = this.workingBefore(this.today);
        draftFrom = at(d, '08:00');
        draftTo = at(d, '16:30');
      }
    }
    const draftTime = (): number => {
      const ms = draftFrom + Math.floor(r.float() * (draftTo - draftFrom));
      const m = Math.floor((ms - dayStart(dayOf(ms))) / MIN);
      // Keep to office hours: evenings and nights move to the morning of the same day.
      return m < 465 || m > 1020 ? dayStart(dayOf(ms)) + r.int(470, 680) * MIN : Math.floor(ms / MIN) * MIN;
    };
    const target = r.int(8, 14);
    const weighted = LEADERSHIP_TEMPLATES.flatMap((t) => Array<LeadershipTemplate>(t.weight ?? 1).fill(t));
    const planned: LeadershipTemplate[] = [...WEEKLY_LEADERSHIP, ...this.monthlyOf(monday)];
    const entries: Entry[] = [];
    for (let guard = 0; entries.length < target && guard < 60; guard++) {
      const t = planned.length ? planned.shift()! : r.pick(weighted);
      const e = this.leadershipEntry(t, monday, Math.min(draftTime(), lock - HOUR), r.pick(DRAFTERS));
      if (e) entries.push(e);
    }
    this.weeks.push({ week, status });
    this.stats.weeks += 1;
    if (status === 'draft') {
      this.stats.draftWeeks += 1;
      for (const e of entries) this.emit(e);
      return;
    }
    this.stats.publishedWeeks += 1;

    // Submitted on Thursday afternoon, published on Friday (sometimes returned and submitted again first).
    const lastDraft = Math.max(...entries.map((e) => e.created));
    let submitted = Math.max(this.onDay(thursdayBefore, 900, 975), lastDraft + 10 * MIN);
    this.weekStep(week, submitted, r.pick(SUBMITTERS), 'submitted');
    if (r.chance(0.1)) {
      const back = this.onDay(fridayBefore, 470, 540);
      this.weekStep(week, back, r.pick(PUBLISHERS), 'returned', r.pick(RETURN_REASONS));
      submitted = back + r.int(45, 120) * MIN;
      this.weekStep(week, submitted, 'hoa.do', 'submitted', 'Đã điều chỉnh theo ý kiến chỉ đạo.');
    }
    const published = Math.max(this.onDay(fridayBefore, 480, 660), submitted + 20 * MIN);
    const publisher = r.pick(PUBLISHERS);
    this.weekStep(week, published, publisher, 'published');

    // An entry added after the lock (Friday 16:00): a leader approves it, then publishes the week again. In the
    // current week it is still waiting for approval.
    const current = monday === mondayOf(this.today);
    if (current || r.chance(0.3)) {
      const late = this.onDay(fridayBefore, 990, 1015);
      const e = late < this.end ? this.leadershipEntry(r.pick(weighted), monday, late, r.pick(DRAFTERS)) : null;
      if (e && !current) {
        const start = intervalOf(e.doc.when).start;
        const approve = Math.min(late + r.int(20, 60) * MIN, start - 10 * MIN);
        const republish = approve + r.int(5, 30) * MIN;
        if (approve > late && republish < Math.min(start, this.end)) {
          e.steps.push({ ms: approve, by: e.doc.chair!, kind: 'approved' });
          this.weekStep(week, republish, e.doc.chair!, 'published', 'Bổ sung lịch sau thời hạn chốt.');
        }
        // Approval may not fit before the meeting: it then stays pending, which the view shows too.
      }
      if (e) entries.push(e);
    }

    for (const e of entries) {
      this.liveLeadership(e, published);
      this.emit(e);
    }
  }

  /** After publication: answers to the invitation, now and then an edit, rarely a cancellation. */
  private liveLeadership(e: Entry, published: number): void {
    const r = this.rng;
    const doc = e.doc;
    const i = intervalOf(doc.when);
    const from = Math.max(published, e.created) + 15 * MIN;
    const until = Math.min(i.start - 15 * MIN, this.end - 30 * MIN);
    if (until <= from + 30 * MIN) return;
    const time = (): number => from + Math.floor(r.float() * (until - from));
    // Answers of the people invited by name.
    for (const p of doc.participants) {
      if (!r.chance(0.22)) continue;
      const who = person(p);
      const pick = r.float();
      if (pick < 0.7 || who.roles.includes('leader')) e.steps.push({ ms: time(), by: p, kind: 'accepted' });
      else if (pick < 0.85) e.steps.push({ ms: time(), by: p, kind: 'declined', more: { note: r.pick(DECLINE_REASONS) } });
      else {
        const others = who.unitId ? membersOf(who.unitId).filter((n) => n !== p && n !== doc.chair && !doc.participants.includes(n)) : [];
        if (others.length)
          e.steps.push({ ms: time(), by: p, kind: 'delegated', more: { delegate: r.pick(others), note: r.pick(DELEGATE_NOTES) } });
        else e.steps.push({ ms: time(), by: p, kind: 'accepted' });
      }
    }
    // Invited units name who goes.
    for (const u of doc.participantUnits as DemoUnitId[]) {
      if (!r.chance(0.3)) continue;
      const answerers = membersOf(u).filter((n) => n !== doc.chair && !doc.participants.includes(n));
      if (!answerers.length) continue;
      const head = answerers.includes(HEAD_OF[u]) ? HEAD_OF[u] : r.pick(answerers);
      const staff = answerers.filter((n) => n !== head);
      if (staff.length && r.chance(0.5))
        e.steps.push({ ms: time(), by: head, kind: 'delegated', more: { forUnit: u, delegate: r.pick(staff), note: DELEGATE_NOTES[1]! } });
      else e.steps.push({ ms: time(), by: head, kind: 'accepted', more: { forUnit: u } });
    }
    // An edit after publication (a change mark): another time, another room, one more person, a note.
    if (r.chance(0.08)) this.editLeadership(e, time());
    // Called off, after everything else.
    if (r.chance(0.04)) {
      const last = Math.max(e.created, ...e.steps.map((s) => s.ms));
      const ms = last + r.int(30, 240) * MIN;
      if (ms < until) {
        e.steps.push({
          ms,
          by: r.chance(0.6) ? r.pick(SUBMITTERS) : doc.chair!,
          kind: 'cancelled',
          more: { note: r.pick(CANCEL_REASONS) },
        });
      }
    }
  }

  private editLeadership(e: Entry, ms: number): void {
    const r = this.rng;
    const doc = e.doc;
    const i = intervalOf(doc.when);
    const room = this.roomOf(doc.location);
    const by = r.chance(0.7) ? r.pick(DRAFTERS) : doc.chair!;
    const kind = room || r.chance(0.3) ? r.int(0, 3) : r.pick([0, 2, 3]);
    let changes: CalendarEventEdit | null = null;
    if (kind === 0) {
      // One hour later (timed), or the afternoon instead of the morning.
      let when: EventWhen | null = null;
      if (isSlotWhen(doc.when)) {
        if (doc.when.slot === 'morning') when = { day: doc.when.day, slot: 'afternoon' };
      } else if (new Date(i.end + WARD_OFFSET).getUTCHours() < 16) when = { start: iso(i.start + HOUR), end: iso(i.end + HOUR) };
      const ni = when && intervalOf(when);
      if (when && ni && this.free(this.chairUse, doc.chair!, ni, doc._id) && (!room || this.free(this.roomUse, room, ni, doc._id))) {
        this.take(this.chairUse, doc.chair!, doc._id, ni);
        if (room) this.take(this.roomUse, room, doc._id, ni);
        changes = { when };
      }
    } else if (kind === 1 && room) {
      const other = DEMO_ROOMS.map((x) => x.roomId).find(
        (id) => id !== room && id !== 'phong-tiep-cong-dan' && this.free(this.roomUse, id, i, doc._id),
      );
      if (other) {
        if (room)
          this.roomUse.set(
            room,
            (this.roomUse.get(room) ?? []).filter((u) => u.id !== doc._id),
          );
        this.take(this.roomUse, other, doc._id, i);
        changes = { location: { roomId: other } };
      }
    } else if (kind === 2) {
      const more = ['hoa.do', 'tuan.vu', 'son.phan', 'yen.luong', 'binh.ta'].find((p) => p !== doc.chair && !doc.participants.includes(p));
      if (more) changes = { participants: [...doc.participants, more] };
    } else changes = { notes: 'Đề nghị các đồng chí dự họp nghiên cứu tài liệu trước.' };
    if (changes) e.steps.push({ ms, by, kind: 'edited', more: { changes, note: r.pick(EDIT_NOTES) } });
  }

  // ——— unit and personal calendars, room bookings

  private dayIn(monday: string, t: WeekTime): string {
    return addDays(monday, this.rng.pick(t.days) - 1);
  }

  /** When an entry for `day` is written: some days before it, and before today. */
  private writtenBefore(day: string, min: number, max: number): number {
    let d = addDays(day, -this.rng.int(min, max));
    while (isWeekend(d)) d = addDays(d, -1);
    const ms = this.onDay(d);
    return ms < this.end ? ms : this.onDay(this.workingBefore(this.today), 465, 960);
  }

  /** A few entries a month on each unit's own calendar, in the unit's space, by its members. */
  unitCalendars(fromMonday: string, toMonday: string): void {
    const r = this.rng;
    for (const unit of Object.keys(UNIT_EVENTS) as DemoUnitId[]) {
      const members = membersOf(unit);
      for (let monday = fromMonday; monday <= toMonday; monday = addDays(monday, 7)) {
        if (!r.chance(0.75)) continue;
        const t = r.pick(UNIT_EVENTS[unit]);
        this.kp = r.int(1, 8);
        const day = this.dayIn(monday, t.at);
        const when = this.whenOf(day, r.pick(t.at.times));
        const created = this.writtenBefore(day, 2, 10);
        const by = r.chance(0.5) ? HEAD_OF[unit] : r.pick(members);
        const id = this.idAt('calendarEvent', created);
        const participants = r.sample(
          members.filter((m) => m !== by),
          r.int(1, Math.min(4, members.length - 1)),
        );
        const place = r.pick(t.places);
        const doc = this.eventDoc(id, created, by, {
          title: this.fill(t.title.replaceAll('{unit}', UNIT_NAME.get(unit) ?? unit), day),
          when,
          ...(place ? { location: { text: this.fill(place, day) } } : {}),
          chair: by,
          participants,
          participantUnits: [],
          links: [],
          visibility: 'unit',
          unitId: unit,
          leadership: false,
          priority: 'normal',
        });
        const e: Entry = { doc, space: { kind: 'unit', id: unit }, created, steps: [] };
        this.answersAndCancel(e, 0.2, 0.03);
        this.stats.unitEvents += 1;
        this.emit(e);
      }
    }
  }

  /** Personal calendars of a couple of demo users. */
  personalCalendars(fromMonday: string, toMonday: string): void {
    const r = this.rng;
    for (const name of PERSONAL_USERS) {
      for (let monday = fromMonday; monday <= toMonday; monday = addDays(monday, 7)) {
        if (!r.chance(0.45)) continue;
        const t = r.pick(PERSONAL_EVENTS);
        this.kp = r.int(1, 8);
        const day = this.dayIn(monday, t.at);
        const created = this.writtenBefore(day, 1, 14);
        const place = t.places.length ? r.pick(t.places) : undefined;
        const doc = this.eventDoc(this.idAt('calendarEvent', created), created, name, {
          title: this.fill(t.title, day),
          when: this.whenOf(day, r.pick(t.at.times)),
          ...(place ? { location: { text: this.fill(place, day) } } : {}),
          participants: [],
          participantUnits: [],
          links: [],
          visibility: 'personal',
          leadership: false,
          priority: 'normal',
        });
        const e: Entry = { doc, space: { kind: 'personal', id: name }, created, steps: [] };
        if (r.chance(0.05)) this.answersAndCancel(e, 0, 1);
        this.stats.personalEvents += 1;
        this.emit(e);
      }
    }
  }

  /** Participants accept now and then; the organiser rarely calls it off. */
  private answersAndCancel(e: Entry, pAnswer: number, pCancel: number): void {
    const r = this.rng;
    const start = intervalOf(e.doc.when).start;
    const until = Math.min(start - 10 * MIN, this.end - 30 * MIN);
    if (until <= e.created + 30 * MIN) return;
    const time = (): number => e.created + 10 * MIN + Math.floor(r.float() * (until - e.created - 10 * MIN));
    for (const p of e.doc.participants) if (r.chance(pAnswer)) e.steps.push({ ms: time(), by: p, kind: 'accepted' });
    if (r.chance(pCancel)) {
      const ms = Math.max(e.created, ...e.steps.map((s) => s.ms)) + r.int(10, 120) * MIN;
      if (ms < until) e.steps.push({ ms, by: e.doc.createdBy, kind: 'cancelled', more: { note: 'Lùi lịch, sẽ thông báo sau.' } });
    }
  }

  /** A booking by staff of `unit` (an ordinary org entry with a room), or null when the room is taken. */
  private booking(unit: DemoUnitId, day: string, startMin: number, minutes: number, room: string, by: string, created: number): Entry {
    const r = this.rng;
    this.kp = r.int(1, 8);
    const when = { start: iso(dayStart(day) + startMin * MIN), end: iso(dayStart(day) + (startMin + minutes) * MIN) };
    const id = this.idAt('calendarEvent', created);
    this.take(this.roomUse, room, id, intervalOf(when));
    const members = membersOf(unit).filter((m) => m !== by);
    const doc = this.eventDoc(id, created, by, {
      title: this.fill(r.pick(ROOM_BOOKINGS[unit]), day),
      when,
      location: { roomId: room },
      chair: by,
      participants: r.sample(members, r.int(1, Math.min(4, members.length))),
      participantUnits: [],
      preparingUnit: unit,
      links: [],
      visibility: 'org',
      leadership: false,
      priority: 'normal',
    });
    this.stats.bookings += 1;
    return { doc, space: ORG, created, steps: [] };
  }

  /** Rooms booked by staff for their own meetings, one to three a week, never over another booking. */
  roomBookings(fromMonday: string, toMonday: string): void {
    const r = this.rng;
    const rooms = ['phong-hop-tang-3', 'phong-hop-tang-3', 'phong-hop-tang-3', 'phong-hop-tang-2', 'phong-hop-tang-2', 'hoi-truong'];
    const units = Object.keys(ROOM_BOOKINGS) as DemoUnitId[];
    for (let monday = fromMonday; monday <= toMonday; monday = addDays(monday, 7)) {
      for (let k = r.int(1, 3); k > 0; k--) {
        const unit = r.pick(units);
        for (let attempt = 0; attempt < 10; attempt++) {
          const day = addDays(monday, r.int(0, 4));
          const minutes = r.pick([60, 90, 120, 150]);
          const startMin = r.pick([480, 510, 540, 570, 600, 840, 870, 900]);
          if (startMin < 690 && startMin + minutes > 690) continue;
          const room = r.pick(rooms);
          const i = { start: dayStart(day) + startMin * MIN, end: dayStart(day) + (startMin + minutes) * MIN };
          if (!this.free(this.roomUse, room, i)) continue;
          const by = r.pick(UNIT_STAFF[unit]);
          const e = this.booking(unit, day, startMin, minutes, room, by, this.writtenBefore(day, 1, 7));
          this.answersAndCancel(e, 0.15, 0.04);
          this.emit(e);
          break;
        }
      }
    }
  }

  /**
   * Three clashes in the coming two weeks: two staff of different units book the same room for overlapping times
   * within minutes of each other, each on a device that was offline, so neither saw the other.
   */
  offlineClashes(n: number): void {
    const r = this.rng;
    const units = Object.keys(ROOM_BOOKINGS) as DemoUnitId[];
    const usedDays = new Set<string>();
    let made = 0;
    for (let attempt = 0; made < n && attempt < 200; attempt++) {
      const day = addDays(this.today, r.int(1, 13));
      if (isWeekend(day) || usedDays.has(day)) continue;
      const room = r.pick(['phong-hop-tang-3', 'phong-hop-tang-2']);
      const startMin = r.pick([480, 540, 840, 870]);
      const whole = { start: dayStart(day) + startMin * MIN, end: dayStart(day) + (startMin + 180) * MIN };
      if (!this.free(this.roomUse, room, whole)) continue;
      const [ua, ub] = r.sample(units, 2) as [DemoUnitId, DemoUnitId];
      const created = this.onDay(this.workingBefore(this.today), 480, 900);
      const a = this.booking(ua, day, startMin, 90, room, r.pick(UNIT_STAFF[ua]), created);
      const b = this.booking(ub, day, startMin + r.pick([30, 60]), 120, room, r.pick(UNIT_STAFF[ub]), created + r.int(2, 25) * MIN);
      this.emit(a);
      this.emit(b);
      usedDays.add(day);
      made += 1;
    }
    this.stats.offlineClashes = made;
  }

  plan(): DemoSchedulePlan {
    this.writes.sort((a, b) => a.ms - b.ms);
    const rooms = demoRooms(iso(dayStart(addDays(this.today, -400))));
    return { writes: this.writes.map(({ ms: _ms, ...w }) => w), rooms, weeks: this.weeks, stats: this.stats };
  }
}

/** The directory entries of the demo's meeting rooms. */
export function demoRooms(createdAt: string): RoomDoc[] {
  return DEMO_ROOMS.map((room) => ({ _id: roomDocId(room.roomId), type: 'room', schema: 1, createdAt, createdBy: SYSTEM_ACTOR, ...room }));
}

/** The demo's schedules up to `today` and a couple of weeks beyond it (pure: the same options give the same plan). */
export function generateDemoSchedule(opts: GenerateScheduleOptions): DemoSchedulePlan {
  const g = new Generator(opts.today, opts.seed ?? DEFAULT_SEED);
  const current = mondayOf(opts.today);
  let first = mondayOf(addDays(opts.today, -364));
  if (first < addDays(opts.today, -364)) first = addDays(first, 7);
  for (let monday = first; monday <= current; monday = addDays(monday, 7)) g.leadershipWeek(monday, 'published');
  g.leadershipWeek(addDays(current, 7), 'draft');
  g.offlineClashes(3);
  g.roomBookings(first, addDays(current, 14));
  g.unitCalendars(first, addDays(current, 21));
  g.personalCalendars(first, addDays(current, 21));
  return g.plan();
}

// ————————————————————————————————————————————— writing it

export interface SeedScheduleOptions {
  /** Default: the ward's today. */
  today?: string;
  log?: Logger;
}

/** `1-<md5>` of the content: the same revision on every run. */
function revOf(doc: object): string {
  return `1-${createHash('md5').update(JSON.stringify(doc)).digest('hex')}`;
}

/**
 * The demo ward's meeting rooms, written with every demo ward (with or without the year of documents): the schedule
 * books them and the administration lists them. Replicated writes with fixed revisions: seeding twice adds nothing.
 */
export async function seedDemoRooms(store: Store, today: string = wardDay()): Promise<void> {
  const org = await store.db(ORG_DB);
  const rooms = demoRooms(iso(dayStart(addDays(today, -400))));
  await org.bulkDocs(rooms.map((r) => ({ ...r, _rev: revOf(r) })) as unknown as PouchDB.Core.PutDocument<object>[], { new_edits: false });
}

/**
 * Seeds the schedules at their homes as replicated writes (deterministic ids and revisions: seeding twice adds
 * nothing), in batches per space, with the rooms they book. Returns what it wrote and the documents refused.
 */
export async function seedDemoSchedule(
  store: Store,
  opts: SeedScheduleOptions = {},
): Promise<DemoScheduleStats & { ms: number; rejected: number }> {
  const started = Date.now();
  const today = opts.today ?? wardDay();
  const plan = generateDemoSchedule({ today });
  await seedDemoRooms(store, today);
  const bySpace = new Map<string, object[]>();
  for (const w of plan.writes) {
    const db = dbNameOf(w.space);
    if (!bySpace.has(db)) bySpace.set(db, []);
    bySpace.get(db)!.push({ ...w.doc, _rev: revOf(w.doc) });
  }
  let rejected = 0;
  // The spaces are independent: written side by side, each in batches.
  await Promise.all(
    [...bySpace].map(async ([name, docs]) => {
      const db = await store.db(name);
      for (let i = 0; i < docs.length; i += 500) {
        const res = await db.bulkDocs(docs.slice(i, i + 500) as PouchDB.Core.PutDocument<object>[], { new_edits: false });
        rejected += res.filter((r) => 'error' in r && r.error).length;
      }
    }),
  );
  const ms = Date.now() - started;
  if (rejected) opts.log?.warn({ rejected }, 'demo schedule: documents refused');
  opts.log?.info({ ...plan.stats, ms }, 'demo schedule seeded');
  return { ...plan.stats, ms, rejected };
}
