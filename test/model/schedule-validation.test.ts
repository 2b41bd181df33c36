import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserCtx } from '../../src/model/roles.ts';
import type { SpaceRef } from '../../src/model/spaces.ts';
import {
  EVENT_FORM_ERROR_CODES,
  type EventInput,
  calendarEventEventProblem,
  calendarEventProblem,
  scheduleWeekEventProblem,
  validateEventInput,
  whenOfInput,
  whenProblem,
} from '../../src/model/schedule/validation.ts';
import { validateDocUpdate } from '../../src/model/validate-doc.ts';
import { calEvent, people, step, ward, weekStep } from './schedule-fixtures.ts';

const { chair, clerkVp, staffVp, staffKt, headKt } = people;
const ORG: SpaceRef = { kind: 'org', id: 'org' };
const KT: SpaceRef = { kind: 'unit', id: 'kt' };
const mine = (u: UserCtx): SpaceRef => ({ kind: 'personal', id: u.name });
const doc = (o: object) => o as unknown as Record<string, unknown>;
/** The VDU verdict: null (stored) or the reason. */
function vdu(d: object, user: UserCtx, space: SpaceRef, old: object | null = null): string | null {
  try {
    validateDocUpdate(doc(d), old ? doc(old) : null, user, null, space);
    return null;
  } catch (err) {
    return (err as { forbidden: string }).forbidden;
  }
}
const booking = (u: UserCtx, over: object = {}) =>
  calEvent({
    createdBy: u.name,
    actorRoles: u.roles,
    leadership: false,
    unitId: undefined,
    chair: undefined,
    participants: [],
    ...over,
  });

describe('calendarEvent documents', () => {
  it('the leadership schedule is written by the office and leaders, in the org space only', () => {
    assert.equal(vdu(calEvent(), clerkVp, ORG), null);
    assert.equal(vdu(calEvent({ createdBy: staffVp.name, actorRoles: staffVp.roles }), staffVp, ORG), null);
    assert.equal(vdu(calEvent({ createdBy: chair.name, actorRoles: chair.roles }), chair, ORG), null);
    assert.match(vdu(calEvent({ createdBy: staffKt.name, actorRoles: staffKt.roles }), staffKt, ORG)!, /office and leaders/);
    assert.match(vdu(calEvent({ createdBy: headKt.name, actorRoles: headKt.roles }), headKt, ORG)!, /office and leaders/);
    // Claiming a role the session lacks.
    assert.match(vdu(calEvent({ createdBy: staffKt.name, actorRoles: ['leader'] }), staffKt, ORG)!, /actorRoles/);
    // Elsewhere than org.
    const inUnit = calEvent({ createdBy: chair.name, actorRoles: chair.roles, visibility: 'unit', unitId: 'kt', location: undefined });
    assert.match(vdu(inUnit, chair, KT)!, /Leadership schedule entries live in the ward/);
    assert.match(vdu(calEvent({ visibility: 'unit' }), clerkVp, ORG)!, /visibility must be org/);
  });

  it('any active user books a room in the org space, and only there', () => {
    assert.equal(vdu(booking(staffKt), staffKt, ORG), null);
    assert.match(vdu(booking(staffKt, { visibility: 'unit', unitId: 'kt' }), staffKt, KT)!, /room booking lives in the ward/);
    assert.match(vdu(booking(staffKt, { visibility: 'personal' }), staffKt, mine(staffKt))!, /room booking/);
    assert.match(vdu(booking(staffKt), { name: staffKt.name, roles: ['unit:kt'] }, ORG)!, /may not write/);
  });

  it('unit events live in their unit’s space, by its members, leaders and clerks', () => {
    const unit = (u: UserCtx) => booking(u, { visibility: 'unit', unitId: 'kt', location: { text: 'Phòng làm việc' } });
    assert.equal(vdu(unit(staffKt), staffKt, KT), null);
    assert.equal(vdu(unit(chair), chair, KT), null);
    assert.equal(vdu(unit(clerkVp), clerkVp, KT), null);
    assert.match(vdu(unit(staffVp), staffVp, KT)!, /members of the unit/);
    assert.match(vdu({ ...unit(staffKt), unitId: 'vhxh' }, staffKt, KT)!, /space of its unit/);
    assert.match(vdu({ ...unit(staffKt), unitId: undefined }, staffKt, KT)!, /names its unit/);
  });

  it('personal events live in their owner’s space, without a unit', () => {
    const p = (u: UserCtx, over: object = {}) => booking(u, { visibility: 'personal', location: undefined, ...over });
    assert.equal(vdu(p(staffKt), staffKt, mine(staffKt)), null);
    assert.match(vdu(p(staffKt), staffKt, mine(staffVp))!, /own personal space/);
    assert.match(vdu(p(staffKt, { unitId: 'kt' }), staffKt, mine(staffKt))!, /no unitId/);
    assert.match(vdu(p(staffKt, { visibility: 'org' }), staffKt, mine(staffKt))!, /visibility must be personal/);
    assert.match(vdu(p(staffKt), staffKt, { kind: 'registry', id: 'registry' })!, /org space, unit spaces and personal/);
  });

  it('checks when, bounds, lists and schema', () => {
    const u = staffKt;
    const bad = (over: object) => calendarEventProblem(doc(booking(u, over)), u, ORG);
    assert.equal(bad({}), null);
    assert.equal(bad({ when: { day: '2026-12-07', slot: 'afternoon' } }), null);
    assert.match(bad({ when: { day: '2026-02-30', slot: 'morning' } })!, /when.day/);
    assert.match(bad({ when: { day: '2026-12-07', slot: 'evening' } })!, /when.slot/);
    assert.match(bad({ when: { day: '2026-12-07', slot: 'morning', start: ward('2026-12-07', '08:00') } })!, /either/);
    assert.match(bad({ when: { start: ward('2026-12-07', '09:00'), end: ward('2026-12-07', '09:00') } })!, /after/);
    assert.match(bad({ when: { start: '2026-12-07 09:00', end: ward('2026-12-07', '10:00') } })!, /ISO-8601/);
    assert.match(bad({ when: { start: ward('2026-12-01', '09:00'), end: ward('2027-01-02', '09:00') } })!, /at most 31 days/);
    assert.equal(whenProblem({ start: ward('2026-12-01', '09:00'), end: ward('2027-01-01', '09:00') }), null);
    assert.match(bad({ title: '  ' })!, /title/);
    assert.match(bad({ title: 'x'.repeat(501) })!, /title/);
    assert.match(bad({ notes: 'x'.repeat(5001) })!, /notes/);
    assert.match(bad({ location: { text: '' } })!, /location.text/);
    assert.match(bad({ location: { roomId: 'Phòng 2' } })!, /roomId/);
    assert.match(bad({ location: { roomId: 'p2', text: 'x' } })!, /roomId/);
    assert.match(bad({ participants: ['a.b', 7] })!, /account names/);
    assert.match(bad({ participants: ['a.b', 'a.b'] })!, /twice/);
    assert.match(bad({ participants: Array.from({ length: 201 }, (_, i) => `p${i}`) })!, /at most 200/);
    assert.match(bad({ participantUnits: ['KT'] })!, /unit ids/);
    assert.match(bad({ links: [{ kind: 'meeting', label: 'x' }] })!, /document or a task/);
    assert.match(bad({ links: [{ kind: 'task', id: 'officialDocument:01A', label: 'x' }] })!, /starts with "task:"/);
    assert.match(bad({ priority: 'urgent' })!, /priority/);
    assert.match(bad({ leadership: 'yes' })!, /leadership/);
    assert.match(bad({ schema: 2 })!, /schema must be 1/);
    assert.match(bad({ actorName: '' })!, /actorName/);
    assert.match(bad({ chair: '' })!, /chair/);
    // Through the design document's function: the common checks and files.
    assert.match(vdu(booking(u, { createdBy: 'someone.else' }), u, ORG)!, /signed-in user/);
    assert.match(vdu(booking(u, { files: [{ fileId: 'x' }] }), u, ORG)!, /file:<id>/);
  });

  it('events cannot be changed or deleted, not even by their author', () => {
    const e = booking(staffKt);
    assert.match(vdu({ ...e, _rev: '1-a', title: 'Khác' }, staffKt, ORG, e)!, /cannot be changed or deleted/);
    assert.match(vdu({ _id: e._id, _rev: '1-a', _deleted: true }, staffKt, ORG, e)!, /cannot be changed or deleted/);
    const s = step(e, 'accepted', staffKt, 10);
    assert.match(vdu({ ...s, _deleted: true }, staffKt, ORG, s)!, /Schedule steps cannot be changed/);
    const w = weekStep('2026-W50', 'submitted', clerkVp, ward('2026-12-03', '10:00'));
    assert.match(vdu({ ...w, note: 'x' }, clerkVp, ORG, w)!, /Schedule steps cannot be changed/);
  });
});

describe('calendarEventEvent documents', () => {
  const e = calEvent();
  const p = (s: object, u: UserCtx, space: SpaceRef = ORG) => calendarEventEventProblem(doc(s), u, space);

  it('accepts the steps of the model', () => {
    assert.equal(p(step(e, 'edited', clerkVp, 1, { changes: { title: 'Mới', preparingUnit: null } }), clerkVp), null);
    assert.equal(p(step(e, 'cancelled', clerkVp, 1, { note: 'Hoãn' }), clerkVp), null);
    assert.equal(p(step(e, 'declined', headKt, 1, { note: 'Trùng lịch tiếp dân' }), headKt), null);
    assert.equal(p(step(e, 'delegated', headKt, 1, { delegate: staffKt.name }), headKt), null);
    assert.equal(p(step(e, 'accepted', staffKt, 1, { forUnit: 'kt' }), staffKt), null);
    assert.equal(p(step(e, 'approved', chair, 1), chair), null);
    assert.equal(vdu(step(e, 'accepted', headKt, 1), headKt, ORG), null);
  });

  it('refuses malformed steps', () => {
    assert.match(p(step(e, 'declined', headKt, 1), headKt)!, /reason/);
    assert.match(p(step(e, 'declined', headKt, 1, { note: ' ' }), headKt)!, /reason/);
    assert.match(p(step(e, 'delegated', headKt, 1), headKt)!, /delegate/);
    assert.match(p(step(e, 'delegated', headKt, 1, { delegate: headKt.name }), headKt)!, /someone else/);
    assert.match(p(step(e, 'accepted', headKt, 1, { delegate: staffKt.name }), headKt)!, /Only a delegation/);
    assert.match(p(step(e, 'approved', clerkVp, 1), clerkVp)!, /Only leaders/);
    assert.match(p(step(e, 'edited', clerkVp, 1), clerkVp)!, /changes must be/);
    assert.match(p(step(e, 'edited', clerkVp, 1, { changes: {} }), clerkVp)!, /changes are required/);
    assert.match(p(step(e, 'edited', clerkVp, 1, { changes: { title: null } }), clerkVp)!, /cannot be cleared/);
    assert.match(p(step(e, 'edited', clerkVp, 1, { changes: { leadership: false } as object }), clerkVp)!, /cannot be edited/);
    assert.match(p(step(e, 'edited', clerkVp, 1, { changes: { when: { day: 'x', slot: 'morning' } } }), clerkVp)!, /when.day/);
    assert.match(p(step(e, 'edited', clerkVp, 1, { changes: { visibility: 'personal' } }), clerkVp)!, /visibility cannot change/);
    assert.match(
      p(step(e, 'edited', staffKt, 1, { changes: { location: { roomId: 'p2' } } }), staffKt, { kind: 'unit', id: 'kt' })!,
      /room booking/,
    );
    assert.match(p(step(e, 'cancelled', clerkVp, 1, { changes: { title: 'x' } }), clerkVp)!, /Only an edit/);
    assert.match(p(step(e, 'accepted', staffKt, 1, { forUnit: 'KT' }), staffKt)!, /forUnit/);
    assert.match(p(step(e, 'accepted', staffKt, 1, { kind: 'maybe' } as object), staffKt)!, /kind/);
    assert.match(p(step({ _id: 'task:01A' }, 'accepted', staffKt, 1), staffKt)!, /calendarEventId/);
    assert.match(p(step(e, 'cancelled', clerkVp, 1, { note: 'x'.repeat(1001) }), clerkVp)!, /note/);
    assert.match(p(step(e, 'accepted', staffKt, 1, { schema: 3 }), staffKt)!, /schema/);
    assert.match(p(step(e, 'accepted', staffKt, 1), staffKt, { kind: 'registry', id: 'registry' })!, /org space, unit spaces/);
  });
});

describe('scheduleWeekEvent documents', () => {
  const at = ward('2026-12-03', '10:00');
  const p = (s: object, u: UserCtx, space: SpaceRef = ORG) => scheduleWeekEventProblem(doc(s), u, space);

  it('the office submits, leaders return (with a reason) and publish, in the org space', () => {
    assert.equal(p(weekStep('2026-W50', 'submitted', staffVp, at), staffVp), null);
    assert.equal(p(weekStep('2026-W50', 'published', chair, at), chair), null);
    assert.equal(p(weekStep('2026-W50', 'returned', chair, at, { note: 'Bổ sung' }), chair), null);
    assert.match(p(weekStep('2026-W50', 'returned', chair, at), chair)!, /reason/);
    assert.match(p(weekStep('2026-W50', 'submitted', staffKt, at), staffKt)!, /Only the office/);
    assert.match(p(weekStep('2026-W50', 'submitted', chair, at), chair)!, /Only the office/);
    assert.match(p(weekStep('2026-W50', 'published', clerkVp, at), clerkVp)!, /Only leaders/);
    assert.match(p(weekStep('2026-W50', 'published', chair, at), chair, KT)!, /org space/);
    assert.match(p(weekStep('2026-W54', 'published', chair, at), chair)!, /ISO week/);
    assert.match(p(weekStep('2026-50', 'published', chair, at), chair)!, /ISO week/);
    assert.match(p(weekStep('2026-W50', 'archived' as never, chair, at), chair)!, /kind/);
    assert.match(vdu(weekStep('2026-W50', 'published', chair, at, { createdBy: clerkVp.name }), chair, ORG)!, /signed-in user/);
  });
});

describe('the new-event form', () => {
  const input = (over: Partial<EventInput> = {}): EventInput => ({
    title: 'Họp triển khai tiêm chủng',
    day: '2026-12-07',
    startTime: '08:00',
    endTime: '09:30',
    participants: [],
    participantUnits: [],
    visibility: 'org',
    leadership: false,
    priority: 'normal',
    ...over,
  });
  const codes = (over: Partial<EventInput>) => validateEventInput(input(over)).map((e) => `${e.field}:${e.code}`);

  it('accepts a timed entry and a slot entry', () => {
    assert.deepEqual(codes({}), []);
    assert.deepEqual(codes({ slot: 'morning', startTime: undefined, endTime: undefined }), []);
  });

  it('answers with catalog codes per field', () => {
    assert.deepEqual(codes({ title: ' ' }), ['title:error.required']);
    assert.deepEqual(codes({ title: 'x'.repeat(501) }), ['title:error.tooLong']);
    assert.equal(validateEventInput(input({ title: 'x'.repeat(501) }))[0]!.params?.max, 500);
    assert.deepEqual(codes({ day: '' }), ['day:error.required']);
    assert.deepEqual(codes({ day: '2026-13-01' }), ['day:error.date']);
    assert.deepEqual(codes({ startTime: '8:00' }), ['startTime:error.time']);
    assert.deepEqual(codes({ endTime: '24:00' }), ['endTime:error.time']);
    assert.deepEqual(codes({ endTime: '08:00' }), ['endTime:error.endBeforeStart']);
    assert.deepEqual(codes({ endTime: '07:00' }), ['endTime:error.endBeforeStart']);
    assert.deepEqual(codes({ startTime: undefined, endTime: undefined }), ['startTime:error.required', 'endTime:error.required']);
    assert.deepEqual(codes({ endTime: '' }), ['endTime:error.required']);
    assert.deepEqual(codes({ slot: 'morning' }), ['startTime:error.slotOrTimes']);
    assert.deepEqual(codes({ slot: 'night' as never, startTime: undefined, endTime: undefined }), ['slot:error.choice']);
    assert.deepEqual(codes({ location: { text: '' } }), ['location:error.required']);
    assert.deepEqual(codes({ participants: ['a.b', 'a.b'] }), ['participants:error.duplicate']);
    assert.deepEqual(codes({ participantUnits: Array.from({ length: 51 }, (_, i) => `u${i}`) }), ['participantUnits:error.tooMany']);
    assert.deepEqual(codes({ visibility: 'unit' }), ['unitId:error.required']);
    assert.deepEqual(codes({ visibility: 'personal', unitId: 'kt' }), ['unitId:error.personalNoUnit']);
    assert.deepEqual(codes({ leadership: true, visibility: 'unit', unitId: 'kt' }), ['visibility:error.leadershipInOrg']);
    assert.deepEqual(codes({ location: { roomId: 'phong-hop-tang-2' }, visibility: 'personal' }), ['location:error.roomInOrg']);
    assert.deepEqual(codes({ priority: 'urgent' as never }), ['priority:error.choice']);
    const doc = { kind: 'document' as const, id: 'officialDocument:01J0000000000000000000000A', label: 'Quyết định số 15/QĐ-UBND' };
    assert.deepEqual(codes({ links: [doc, { kind: 'task', id: 'task:01J0000000000000000000000B', label: 'Rà soát hồ sơ' }] }), []);
    assert.deepEqual(codes({ links: [doc, { kind: 'task', id: 'officialDocument:01J0000000000000000000000C', label: 'x' }] }), [
      'links.1:error.choice',
    ]);
    assert.deepEqual(codes({ links: [{ ...doc, label: ' ' }] }), ['links.0:error.choice']);
    assert.deepEqual(codes({ links: Array.from({ length: 21 }, () => doc) }), ['links:error.tooMany']);
    for (const c of validateEventInput(input({ slot: 'morning', endTime: '07:00', leadership: true, visibility: 'personal' })))
      assert.ok(
        (EVENT_FORM_ERROR_CODES as readonly string[]).includes(c.code) || ['error.required', 'error.choice'].includes(c.code),
        c.code,
      );
  });

  it('whenOfInput: a slot entry as is, times as UTC instants of ward time', () => {
    assert.deepEqual(whenOfInput(input({ slot: 'allDay' })), { day: '2026-12-07', slot: 'allDay' });
    // 06:00 ward time is 23:00 UTC the day before.
    assert.deepEqual(whenOfInput(input({ startTime: '06:00', endTime: '07:15' })), {
      start: '2026-12-06T23:00:00.000Z',
      end: '2026-12-07T00:15:00.000Z',
    });
    assert.throws(() => whenOfInput(input({ startTime: undefined })), RangeError);
    // What the form produces passes the document check.
    assert.equal(whenProblem(whenOfInput(input())), null);
  });
});
