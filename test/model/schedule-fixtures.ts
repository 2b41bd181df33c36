/** Shared fixtures for the schedule model tests: people of the ward, an event and step builders. */
import type {
  CalendarEvent,
  CalendarEventEvent,
  CalendarEventEventKind,
  ScheduleWeekEvent,
  ScheduleWeekEventKind,
} from '../../src/model/schedule/types.ts';

export interface Actor {
  name: string;
  roles: string[];
}

export const people = {
  chair: { name: 'hung.tran', roles: ['leader'] },
  leader2: { name: 'lan.nguyen', roles: ['leader'] },
  clerkVp: { name: 'mai.hoang', roles: ['clerk', 'unit:vp'] },
  staffVp: { name: 'an.nguyen', roles: ['staff', 'unit:vp'] },
  staffKt: { name: 'tuan.pham', roles: ['staff', 'unit:kt'] },
  headKt: { name: 'khanh.le', roles: ['staff', 'unit:kt', 'head:kt'] },
  staffVh: { name: 'thu.vo', roles: ['staff', 'unit:vhxh'] },
} satisfies Record<string, Actor>;

/** Ward wall time → ISO UTC (the ward is UTC+7). */
export const ward = (day: string, time: string): string => new Date(Date.parse(`${day}T${time}:00.000Z`) - 7 * 3_600_000).toISOString();

let seq = 0;
const nextId = (prefix: string): string => `${prefix}:01JSCH${String(++seq).padStart(20, '0')}`;

/**
 * Monday of ISO week 2026-W50 is 2026-12-07. Default: the weekly briefing on Monday 08:00–09:30 in the 2nd floor
 * meeting room, drafted by the office on Thursday of the week before.
 */
export const calEvent = (over: Partial<CalendarEvent> = {}): CalendarEvent => ({
  _id: nextId('calendarEvent'),
  type: 'calendarEvent',
  schema: 1,
  createdAt: '2026-12-03T02:00:00.000Z',
  createdBy: people.clerkVp.name,
  title: 'Giao ban UBND phường tuần 50',
  when: { start: ward('2026-12-07', '08:00'), end: ward('2026-12-07', '09:30') },
  location: { roomId: 'phong-hop-tang-2' },
  chair: people.chair.name,
  participants: [people.leader2.name, people.headKt.name],
  participantUnits: [],
  preparingUnit: 'vp',
  links: [],
  visibility: 'org',
  unitId: 'vp',
  leadership: true,
  priority: 'normal',
  actorName: 'Hoàng Thị Mai',
  actorRoles: people.clerkVp.roles,
  ...over,
});

/** A step on `event` by `actor` at `at` (ISO, or minutes after 2026-12-05T00:00Z). */
export function step(
  event: Pick<CalendarEvent, '_id'>,
  kind: CalendarEventEventKind,
  actor: Actor,
  at: string | number,
  over: Partial<CalendarEventEvent> = {},
): CalendarEventEvent {
  const createdAt = typeof at === 'number' ? new Date(Date.parse('2026-12-05T00:00:00.000Z') + at * 60_000).toISOString() : at;
  return {
    _id: nextId('calendarEventEvent'),
    type: 'calendarEventEvent',
    schema: 1,
    createdAt,
    createdBy: actor.name,
    calendarEventId: event._id,
    kind,
    actorName: actor.name,
    actorRoles: actor.roles,
    ...over,
  };
}

export function weekStep(
  week: string,
  kind: ScheduleWeekEventKind,
  actor: Actor,
  at: string,
  over: Partial<ScheduleWeekEvent> = {},
): ScheduleWeekEvent {
  return {
    _id: nextId('scheduleWeekEvent'),
    type: 'scheduleWeekEvent',
    schema: 1,
    createdAt: at,
    createdBy: actor.name,
    week,
    kind,
    actorName: actor.name,
    actorRoles: actor.roles,
    ...over,
  };
}
