import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  availableWeekActions,
  changedSincePublication,
  deriveWeekState,
  eventContextOf,
  isWeekVisibleTo,
  lockTimeOf,
  weekOfEvent,
  weekRefusal,
} from '../../src/model/schedule/publication.ts';
import { deriveEventState, isChanged, needsApproval } from '../../src/model/schedule/state.ts';
import { calEvent, people, step, ward, weekStep } from './schedule-fixtures.ts';

const { chair, leader2, clerkVp, staffVp, staffKt, headKt } = people;
const W = '2026-W50';
const at = (day: string, time: string) => ward(day, time);

describe('publication of the weekly leadership schedule', () => {
  it('goes draft → submitted → published: the office submits, a leader publishes', () => {
    const draft = deriveWeekState(W, []);
    assert.equal(draft.status, 'draft');
    assert.equal(draft.publications, 0);
    const submitted = deriveWeekState(W, [weekStep(W, 'submitted', clerkVp, at('2026-12-03', '10:00'))]);
    assert.equal(submitted.status, 'submitted');
    const published = deriveWeekState(W, [
      weekStep(W, 'submitted', clerkVp, at('2026-12-03', '10:00')),
      weekStep(W, 'published', chair, at('2026-12-04', '09:00')),
    ]);
    assert.equal(published.status, 'published');
    assert.equal(published.publishedAt, at('2026-12-04', '09:00'));
    assert.equal(published.publications, 1);
    assert.deepEqual(published.ignored, []);
  });

  it('is folded in (createdAt, _id) order whatever order the steps arrive in; duplicates count once', () => {
    const s1 = weekStep(W, 'submitted', clerkVp, at('2026-12-03', '10:00'));
    const s2 = weekStep(W, 'published', chair, at('2026-12-04', '09:00'));
    const other = weekStep('2026-W51', 'published', chair, at('2026-12-04', '09:00'));
    const a = deriveWeekState(W, [s2, s1, other, s1]);
    assert.equal(a.status, 'published');
    assert.deepEqual(
      a.events.map((e) => e._id),
      [s1._id, s2._id],
    );
  });

  it('a leader may publish a draft directly; a staff member of the office may submit', () => {
    assert.equal(deriveWeekState(W, [weekStep(W, 'published', leader2, at('2026-12-04', '09:00'))]).status, 'published');
    assert.equal(deriveWeekState(W, [weekStep(W, 'submitted', staffVp, at('2026-12-03', '10:00'))]).status, 'submitted');
  });

  it('a return needs a reason and a leader, and brings the draft back to the office', () => {
    const sub = weekStep(W, 'submitted', clerkVp, at('2026-12-03', '10:00'));
    const s = deriveWeekState(W, [sub]);
    assert.equal(weekRefusal(s, 'returned', chair), 'reasonRequired');
    assert.equal(weekRefusal(s, 'returned', chair, '   '), 'reasonRequired');
    assert.equal(weekRefusal(s, 'returned', clerkVp, 'Thiếu lịch tiếp dân'), 'notLeader');
    assert.equal(weekRefusal(s, 'returned', headKt, 'Thiếu lịch tiếp dân'), 'notLeader');
    assert.equal(weekRefusal(s, 'returned', chair, 'Thiếu lịch tiếp dân'), null);

    const noReason = weekStep(W, 'returned', chair, at('2026-12-03', '11:00'));
    const byClerk = weekStep(W, 'returned', clerkVp, at('2026-12-03', '11:30'), { note: 'x' });
    const back = weekStep(W, 'returned', chair, at('2026-12-03', '12:00'), { note: ' Thiếu lịch tiếp dân ' });
    const r = deriveWeekState(W, [sub, noReason, byClerk, back]);
    assert.equal(r.status, 'draft');
    assert.equal(r.returnedReason, 'Thiếu lịch tiếp dân');
    assert.deepEqual(r.ignored, [
      { eventId: noReason._id, reason: 'reasonRequired' },
      { eventId: byClerk._id, reason: 'notLeader' },
    ]);
    // Only a submitted draft can be returned.
    assert.equal(weekRefusal(r, 'returned', chair, 'again'), 'wrongState');
    // Submitted again after the fix.
    assert.equal(weekRefusal(r, 'submitted', clerkVp), null);
  });

  it('a non-office user cannot submit, and a submitted draft cannot be submitted twice', () => {
    const draft = deriveWeekState(W, []);
    assert.equal(weekRefusal(draft, 'submitted', staffKt), 'notOffice');
    assert.equal(weekRefusal(draft, 'submitted', headKt), 'notOffice');
    // A leader is not the office: leaders publish, they do not submit to themselves.
    assert.equal(weekRefusal(draft, 'submitted', chair), 'notOffice');
    assert.equal(weekRefusal(draft, 'published', staffKt), 'notLeader');
    assert.equal(weekRefusal(draft, 'published', clerkVp), 'notLeader');
    const s = deriveWeekState(W, [weekStep(W, 'submitted', clerkVp, at('2026-12-03', '10:00'))]);
    assert.equal(weekRefusal(s, 'submitted', clerkVp), 'wrongState');
    const forged = weekStep(W, 'submitted', staffKt, at('2026-12-03', '09:00'));
    assert.deepEqual(deriveWeekState(W, [forged]).ignored, [{ eventId: forged._id, reason: 'notOffice' }]);
    assert.equal(deriveWeekState(W, [forged]).status, 'draft');
  });

  it('offers each user the actions they may take', () => {
    const draft = deriveWeekState(W, []);
    assert.deepEqual(availableWeekActions(draft, clerkVp), ['submitted']);
    assert.deepEqual(availableWeekActions(draft, chair), ['published']);
    assert.deepEqual(availableWeekActions(draft, staffKt), []);
    const s = deriveWeekState(W, [weekStep(W, 'submitted', clerkVp, at('2026-12-03', '10:00'))]);
    assert.deepEqual(availableWeekActions(s, chair), ['returned', 'published']);
    assert.deepEqual(availableWeekActions(s, clerkVp), []);
  });

  it('republication: published again after changes; a return after the first publication keeps it published', () => {
    const steps = [
      weekStep(W, 'submitted', clerkVp, at('2026-12-03', '10:00')),
      weekStep(W, 'published', chair, at('2026-12-04', '09:00')),
      weekStep(W, 'submitted', clerkVp, at('2026-12-07', '10:00')),
      weekStep(W, 'returned', chair, at('2026-12-07', '11:00'), { note: 'Chưa cần đăng lại' }),
    ];
    const r = deriveWeekState(W, steps);
    assert.equal(r.status, 'published');
    assert.equal(r.returnedReason, 'Chưa cần đăng lại');
    const again = deriveWeekState(W, [...steps, weekStep(W, 'published', leader2, at('2026-12-07', '14:00'))]);
    assert.equal(again.status, 'published');
    assert.equal(again.publications, 2);
    assert.equal(again.publishedAt, at('2026-12-04', '09:00'), 'the first publication stays the reference of the marks');
    assert.equal(again.lastPublishedAt, at('2026-12-07', '14:00'));
  });

  it('a draft is visible to the office and leaders only; a published week to everyone', () => {
    const draft = deriveWeekState(W, []);
    assert.equal(isWeekVisibleTo(draft, staffKt), false);
    assert.equal(isWeekVisibleTo(draft, staffVp), true);
    assert.equal(isWeekVisibleTo(draft, chair), true);
    const pub = deriveWeekState(W, [weekStep(W, 'published', chair, at('2026-12-04', '09:00'))]);
    assert.equal(isWeekVisibleTo(pub, staffKt), true);
  });
});

describe('lock time', () => {
  it('is Friday 16:00 ward time of the week before (09:00 UTC)', () => {
    // 2026-W50 starts Monday 2026-12-07.
    assert.equal(lockTimeOf(W), '2026-12-04T09:00:00.000Z');
    assert.equal(deriveWeekState(W, []).lockAt, '2026-12-04T09:00:00.000Z');
    // Week 1 of 2027 starts Monday 2027-01-04: the lock is Friday 2027-01-01, and 2026-W53's lock is in Christmas week.
    assert.equal(lockTimeOf('2027-W01'), '2027-01-01T09:00:00.000Z');
    assert.equal(lockTimeOf('2026-W53'), '2026-12-25T09:00:00.000Z');
  });

  it('entries of the week are found by their ward day across the Asia/Ho_Chi_Minh day boundary', () => {
    // Monday 2026-12-07 06:00 ward time is Sunday 23:00 UTC: still week 50 in the ward.
    assert.equal(weekOfEvent({ when: { start: ward('2026-12-07', '06:00'), end: ward('2026-12-07', '07:00') } }), W);
    // Sunday 2026-12-06 23:30 ward time is 16:30 UTC the same day: week 49.
    assert.equal(weekOfEvent({ when: { start: ward('2026-12-06', '23:30'), end: ward('2026-12-07', '00:30') } }), '2026-W49');
    assert.equal(weekOfEvent({ when: { day: '2026-12-13', slot: 'allDay' } }), W);
  });

  it('an entry created at or after the lock by a non-leader needs a leader’s approval; before it, not', () => {
    const lockAt = lockTimeOf(W);
    // 15:59 ward time on Friday is 08:59 UTC: before the lock.
    const before = calEvent({ createdAt: '2026-12-04T08:59:59.999Z' });
    // 16:00 ward time: the lock itself.
    const atLock = calEvent({ createdAt: lockAt });
    // Saturday 00:30 ward time is still Friday 17:30 UTC: after the lock although the UTC day is Friday.
    const late = calEvent({ createdAt: '2026-12-04T17:30:00.000Z' });
    const byLeader = calEvent({ createdAt: late.createdAt, createdBy: chair.name, actorRoles: chair.roles });
    const notLeadership = calEvent({ createdAt: late.createdAt, leadership: false });
    assert.equal(needsApproval(before, lockAt), false);
    assert.equal(needsApproval(atLock, lockAt), true);
    assert.equal(needsApproval(late, lockAt), true);
    assert.equal(needsApproval(byLeader, lockAt), false);
    assert.equal(needsApproval(notLeadership, lockAt), false);

    const ctx = eventContextOf(deriveWeekState(W, []));
    assert.equal(deriveEventState(before, [], ctx).approval, 'notNeeded');
    const pending = deriveEventState(late, [], ctx);
    assert.equal(pending.approval, 'pending');
    // Only a leader approves, once.
    const byClerk = step(late, 'approved', clerkVp, 60 * 24);
    const ok = step(late, 'approved', leader2, 60 * 25);
    const twice = step(late, 'approved', chair, 60 * 26);
    const s = deriveEventState(late, [twice, ok, byClerk], ctx);
    assert.equal(s.approval, 'approved');
    assert.deepEqual(s.ignored, [
      { eventId: byClerk._id, reason: 'notLeader' },
      { eventId: twice._id, reason: 'notPending' },
    ]);
    assert.deepEqual(deriveEventState(before, [step(before, 'approved', chair, 10)], ctx).ignored[0]?.reason, 'notPending');
  });
});

describe('change marks after publication', () => {
  const published = deriveWeekState(W, [
    weekStep(W, 'submitted', clerkVp, at('2026-12-03', '10:00')),
    weekStep(W, 'published', chair, at('2026-12-04', '09:00')),
  ]);
  const ctx = eventContextOf(published);
  // Steps at minutes after 2026-12-05T00:00Z: after the publication.
  const entry = () => calEvent();

  it('edits before publication carry no marks; after it, each edited field is marked with the value as published', () => {
    const e = entry();
    const draftEdit = step(e, 'edited', clerkVp, at('2026-12-03', '11:00'), { changes: { title: 'Giao ban tuần 50 (sửa)' } });
    const s0 = deriveEventState(e, [draftEdit], ctx);
    assert.equal(s0.title, 'Giao ban tuần 50 (sửa)');
    assert.deepEqual(s0.marks, {});
    assert.equal(isChanged(s0), false);

    const moved = { start: ward('2026-12-07', '14:00'), end: ward('2026-12-07', '15:30') };
    const edit1 = step(e, 'edited', clerkVp, 10, { changes: { when: moved, location: { text: 'Hội trường UBND' } } });
    const edit2 = step(e, 'edited', chair, 20, { changes: { location: { roomId: 'phong-hop-tang-3' } } });
    const s = deriveEventState(e, [draftEdit, edit2, edit1], ctx);
    assert.equal(isChanged(s), true);
    assert.deepEqual(Object.keys(s.marks).sort(), ['location', 'when']);
    assert.deepEqual(s.marks.when!.previous, e.when);
    assert.deepEqual(s.marks.when!.current, moved);
    assert.equal(s.marks.when!.by, clerkVp.name);
    // Two edits of the same field: previous stays what was published; the latest change is named.
    assert.deepEqual(s.marks.location!.previous, { roomId: 'phong-hop-tang-2' });
    assert.deepEqual(s.marks.location!.current, { roomId: 'phong-hop-tang-3' });
    assert.equal(s.marks.location!.by, chair.name);
    assert.equal(s.marks.location!.eventId, edit2._id);
    // The title edited before publication is what was published: not marked.
    assert.equal(s.marks.title, undefined);
    assert.equal(s.sequence, 3);
  });

  it('a field changed back to what was published is no longer marked; a cleared field is marked with its old value', () => {
    const e = entry();
    const s = deriveEventState(
      e,
      [
        step(e, 'edited', clerkVp, 10, { changes: { chair: leader2.name, notes: 'Mang theo báo cáo' } }),
        step(e, 'edited', clerkVp, 20, { changes: { chair: chair.name, preparingUnit: null } }),
      ],
      ctx,
    );
    assert.equal(s.marks.chair, undefined);
    assert.equal(s.chair, chair.name);
    assert.equal(s.marks.notes!.previous, undefined);
    assert.equal(s.marks.notes!.current, 'Mang theo báo cáo');
    assert.equal(s.preparingUnit, undefined);
    assert.equal(s.marks.preparingUnit!.previous, 'vp');
    assert.equal(s.marks.preparingUnit!.current, undefined);
  });

  it('a cancelled entry stays visible, with its reason; later steps on it are ignored', () => {
    const e = entry();
    const cancel = step(e, 'cancelled', clerkVp, 10, { note: 'Lãnh đạo đi họp Quận' });
    const after = step(e, 'edited', chair, 20, { changes: { title: 'x' } });
    const answer = step(e, 'accepted', leader2, 30);
    const s = deriveEventState(e, [cancel, after, answer], ctx);
    assert.equal(s.cancelled, true);
    assert.equal(s.cancelReason, 'Lãnh đạo đi họp Quận');
    assert.equal(s.title, e.title);
    assert.deepEqual(
      s.ignored.map((i) => i.reason),
      ['isCancelled', 'isCancelled'],
    );
    // It is still listed among the week's changes for the republication.
    const changed = changedSincePublication(published, [s, deriveEventState(calEvent(), [], ctx)]);
    assert.deepEqual(
      changed.map((c) => c.event._id),
      [e._id],
    );
  });

  it('only the organiser edits or cancels; a leadership entry also by the office, not by an invitee', () => {
    const e = entry();
    const byInvitee = step(e, 'edited', headKt, 10, { changes: { title: 'x' } });
    const byStranger = step(e, 'cancelled', staffKt, 11, { note: 'x' });
    const byOffice = step(e, 'edited', staffVp, 12, { changes: { notes: 'Văn phòng chuẩn bị tài liệu' } });
    const s = deriveEventState(e, [byInvitee, byStranger, byOffice], ctx);
    assert.deepEqual(
      s.ignored.map((i) => [i.eventId, i.reason]),
      [
        [byInvitee._id, 'notOrganiser'],
        [byStranger._id, 'notOrganiser'],
      ],
    );
    assert.equal(s.notes, 'Văn phòng chuẩn bị tài liệu');
  });

  it('unit and personal entries count as published at creation: every edit is marked', () => {
    const e = calEvent({ leadership: false, visibility: 'unit', unitId: 'kt', createdBy: headKt.name, actorRoles: headKt.roles });
    const s = deriveEventState(e, [step(e, 'edited', headKt, 10, { changes: { title: 'Họp phòng' } })]);
    assert.equal(s.marks.title!.previous, e.title);
  });
});
