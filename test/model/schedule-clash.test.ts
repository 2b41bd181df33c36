import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findClashes, flagOfflineClashes, isClear, subjectOfInput, type ClashInput } from '../../src/model/schedule/clash.ts';
import { intervalOf, isoWeekOf, overlaps, wardDayOf, wardDayOfWhen, wardDaysOf } from '../../src/model/schedule/interval.ts';
import { deriveEventState } from '../../src/model/schedule/state.ts';
import type { CalendarEvent, EventWhen } from '../../src/model/schedule/types.ts';
import { calEvent, people, step, ward } from './schedule-fixtures.ts';

const { chair, leader2, headKt, staffKt, staffVh, clerkVp } = people;
const ROOM = { roomId: 'phong-hop-tang-2' };
const timed = (day: string, from: string, to: string, toDay = day): EventWhen => ({ start: ward(day, from), end: ward(toDay, to) });
const state = (over: Partial<CalendarEvent> = {}) => deriveEventState(calEvent(over), []);
const input = (over: Partial<ClashInput> = {}): ClashInput => ({
  title: 'Họp triển khai tiêm chủng',
  when: timed('2026-12-07', '09:00', '10:00'),
  location: ROOM,
  participants: [],
  leadership: false,
  priority: 'normal',
  ...over,
});
const candidate = (over: Partial<ClashInput> = {}) => subjectOfInput(input(over), staffKt.name);

describe('interval', () => {
  it('is half-open: adjacent intervals do not overlap, nested and crossing ones do', () => {
    const a = intervalOf(timed('2026-12-07', '08:00', '09:00'));
    assert.equal(overlaps(a, intervalOf(timed('2026-12-07', '09:00', '10:00'))), false);
    assert.equal(overlaps(a, intervalOf(timed('2026-12-07', '07:00', '08:00'))), false);
    assert.equal(overlaps(a, intervalOf(timed('2026-12-07', '08:59', '10:00'))), true);
    assert.equal(overlaps(a, intervalOf(timed('2026-12-07', '08:15', '08:30'))), true);
    assert.equal(overlaps(a, intervalOf(timed('2026-12-07', '07:00', '11:00'))), true);
  });

  it('slots use the ward office hours', () => {
    const morning = intervalOf({ day: '2026-12-07', slot: 'morning' });
    assert.equal(new Date(morning.start).toISOString(), '2026-12-07T00:30:00.000Z');
    assert.equal(new Date(morning.end).toISOString(), '2026-12-07T04:30:00.000Z');
    const allDay = intervalOf({ day: '2026-12-07', slot: 'allDay' });
    assert.equal(new Date(allDay.end).toISOString(), '2026-12-07T10:00:00.000Z');
  });

  it('gives the ward day across the Asia/Ho_Chi_Minh day boundary', () => {
    // 23:00–01:00 ward time: 16:00Z–18:00Z, both on UTC day 2026-12-07; the end is already 2026-12-08 in the ward.
    const late = timed('2026-12-07', '23:00', '01:00', '2026-12-08');
    const i = intervalOf(late);
    assert.equal(new Date(i.end).toISOString().slice(0, 10), '2026-12-07');
    assert.equal(wardDayOf(i.end), '2026-12-08');
    assert.equal(wardDayOfWhen(late), '2026-12-07');
    assert.deepEqual(wardDaysOf(i), ['2026-12-07', '2026-12-08']);
    // 06:00 ward on the 8th is 23:00Z on the 7th.
    assert.equal(wardDayOfWhen(timed('2026-12-08', '06:00', '07:00')), '2026-12-08');
    // Ending at midnight covers one day only.
    assert.deepEqual(wardDaysOf(intervalOf(timed('2026-12-07', '22:00', '00:00', '2026-12-08'))), ['2026-12-07']);
  });

  it('finds ISO weeks in ward time', () => {
    assert.equal(isoWeekOf('2026-12-07'), '2026-W50');
    assert.equal(isoWeekOf('2026-12-06'), '2026-W49');
    assert.equal(isoWeekOf('2027-01-01'), '2026-W53');
    assert.equal(isoWeekOf('2026-01-01'), '2026-W01');
  });
});

describe('findClashes: rooms', () => {
  const booked = state(); // Monday 08:00–09:30, 2nd floor room

  it('an overlapping booking of the same room clashes', () => {
    const c = findClashes(candidate(), [booked]);
    assert.deepEqual(
      c.rooms.map((r) => [r.eventId, r.roomId, r.bumped]),
      [[booked.event._id, 'phong-hop-tang-2', false]],
    );
    assert.equal(isClear(c), false);
  });

  it('adjacent bookings do not clash', () => {
    const c = findClashes(candidate({ when: timed('2026-12-07', '09:30', '11:00') }), [booked]);
    assert.deepEqual(c.rooms, []);
    assert.equal(isClear(c), true);
  });

  it('another room, or a place in words, does not clash', () => {
    assert.deepEqual(findClashes(candidate({ location: { roomId: 'hoi-truong' } }), [booked]).rooms, []);
    assert.deepEqual(findClashes(candidate({ location: { text: 'Phòng họp tầng 2' } }), [booked]).rooms, []);
  });

  it('all day clashes with a morning; morning does not clash with afternoon', () => {
    const morning = state({ when: { day: '2026-12-08', slot: 'morning' }, participants: [] });
    const afternoon = state({ when: { day: '2026-12-08', slot: 'afternoon' }, participants: [] });
    assert.equal(findClashes(candidate({ when: { day: '2026-12-08', slot: 'allDay' } }), [morning]).rooms.length, 1);
    assert.equal(findClashes(candidate({ when: { day: '2026-12-08', slot: 'afternoon' } }), [morning]).rooms.length, 0);
    assert.equal(findClashes(candidate({ when: { day: '2026-12-08', slot: 'morning' } }), [afternoon]).rooms.length, 0);
    // A timed meeting at 11:30 starts when the morning slot ends.
    assert.equal(findClashes(candidate({ when: timed('2026-12-08', '11:30', '12:30') }), [morning]).rooms.length, 0);
    assert.equal(findClashes(candidate({ when: timed('2026-12-08', '11:00', '12:00') }), [morning]).rooms.length, 1);
  });

  it('an event 23:00–01:00 ward time clashes on the next ward day, not with its office hours', () => {
    const late = state({ when: timed('2026-12-07', '23:00', '01:00', '2026-12-08'), participants: [] });
    assert.equal(findClashes(candidate({ when: timed('2026-12-08', '00:00', '00:30') }), [late]).rooms.length, 1);
    assert.equal(findClashes(candidate({ when: { day: '2026-12-08', slot: 'morning' } }), [late]).rooms.length, 0);
    // The UTC day of 00:30 ward time on the 8th is the 7th: a UTC-day comparison would get this wrong.
    assert.equal(findClashes(candidate({ when: { day: '2026-12-07', slot: 'allDay' } }), [late]).rooms.length, 0);
  });

  it('cancelled bookings and the edited event itself are skipped', () => {
    const ev = calEvent();
    const cancelled = deriveEventState(ev, [step(ev, 'cancelled', clerkVp, 10, { note: 'Lùi lịch' })]);
    assert.deepEqual(findClashes(candidate(), [cancelled]).rooms, []);
    assert.deepEqual(findClashes(candidate({ id: booked.event._id }), [booked]).rooms, []);
  });

  it('a high-priority leadership meeting bumps an ordinary booking and names its owner', () => {
    const ordinary = state({ leadership: false, createdBy: staffKt.name, participants: [] });
    const c = findClashes(subjectOfInput(input({ leadership: true, priority: 'high', participants: [] }), clerkVp.name), [ordinary]);
    assert.equal(c.rooms[0]!.bumped, true);
    assert.deepEqual(c.bumped, [{ eventId: ordinary.event._id, roomId: 'phong-hop-tang-2', owner: staffKt.name }]);
    assert.equal(isClear(c), true);
    // Not over another leadership meeting, and not without priority.
    const overLeadership = findClashes(subjectOfInput(input({ leadership: true, priority: 'high' }), clerkVp.name), [booked]);
    assert.deepEqual(overLeadership.bumped, []);
    const normal = findClashes(subjectOfInput(input({ leadership: true, participants: [] }), clerkVp.name), [ordinary]);
    assert.deepEqual(normal.bumped, []);
    assert.equal(normal.rooms.length, 1);
  });
});

describe('findClashes: people', () => {
  const booked = state({ location: { text: 'Nhà văn hoá khu phố 3' } });

  it('the chair and participants of an overlapping event clash; adjacent ones do not', () => {
    const c = findClashes(candidate({ location: ROOM, chair: chair.name, participants: [headKt.name, staffVh.name] }), [booked]);
    assert.deepEqual(
      c.people.map((p) => p.person),
      [chair.name, headKt.name],
    );
    assert.deepEqual(c.rooms, []);
    assert.equal(isClear(c), false);
    const adjacent = findClashes(candidate({ when: timed('2026-12-07', '09:30', '10:00'), chair: chair.name }), [booked]);
    assert.deepEqual(adjacent.people, []);
  });

  it('someone who declined is free; a delegate is booked instead of who sent them', () => {
    const ev = calEvent({ location: { text: 'Nhà văn hoá khu phố 3' } });
    const s = deriveEventState(ev, [
      step(ev, 'declined', leader2, 1, { note: 'Đi công tác quận' }),
      step(ev, 'delegated', headKt, 2, { delegate: staffKt.name }),
    ]);
    const c = findClashes(candidate({ participants: [leader2.name, headKt.name, staffKt.name] }), [s]);
    assert.deepEqual(
      c.people.map((p) => p.person),
      [staffKt.name],
    );
  });

  it('all day and half-day slots clash for people as for rooms', () => {
    const morning = state({ when: { day: '2026-12-09', slot: 'morning' }, location: { text: 'Tổ dân phố 5' } });
    assert.equal(
      findClashes(candidate({ when: { day: '2026-12-09', slot: 'allDay' }, participants: [headKt.name] }), [morning]).people.length,
      1,
    );
    assert.equal(
      findClashes(candidate({ when: { day: '2026-12-09', slot: 'afternoon' }, participants: [headKt.name] }), [morning]).people.length,
      0,
    );
  });

  it('a cancelled event takes no one', () => {
    const ev = calEvent();
    const s = deriveEventState(ev, [step(ev, 'cancelled', chair, 1, { note: 'Hoãn' })]);
    assert.deepEqual(findClashes(candidate({ chair: chair.name }), [s]).people, []);
  });
});

describe('flagOfflineClashes', () => {
  it('flags both bookings of one room made without seeing each other, once per pair', () => {
    const a = state({ leadership: false, createdBy: staffKt.name });
    const b = state({ leadership: false, createdBy: staffVh.name, when: timed('2026-12-07', '09:00', '10:00') });
    const c = state({ leadership: false, when: timed('2026-12-07', '09:30', '11:00') }); // adjacent to a, overlaps b
    const d = state({ leadership: false, location: { roomId: 'hoi-truong' } });
    const flags = flagOfflineClashes([c, d, b, a]);
    assert.deepEqual(
      flags.map((f) => f.eventIds),
      [
        [a.event._id, b.event._id],
        [b.event._id, c.event._id],
      ].map((p) => [...p].sort()),
    );
    assert.ok(flags.every((f) => f.roomId === 'phong-hop-tang-2' && f.bumped === undefined));
    assert.deepEqual(flagOfflineClashes([a, b, c, d]), flags);
  });

  it('priority settles a pair: the ordinary booking is bumped', () => {
    const lead = state({ priority: 'high' });
    const ordinary = state({ leadership: false, createdBy: staffKt.name });
    assert.deepEqual(flagOfflineClashes([ordinary, lead]), [
      { roomId: 'phong-hop-tang-2', eventIds: [lead.event._id, ordinary.event._id].sort(), bumped: ordinary.event._id },
    ]);
  });

  it('ignores cancelled bookings', () => {
    const a = state();
    const ev = calEvent();
    const cancelled = deriveEventState(ev, [step(ev, 'cancelled', clerkVp, 1, { note: 'Trùng lịch' })]);
    assert.deepEqual(flagOfflineClashes([a, cancelled]), []);
  });
});
