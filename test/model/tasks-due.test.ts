import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_REMINDER_DAYS, dueAt, dueGroup, taskFlags, weekStartOf } from '../../src/model/tasks/due.ts';
import { deriveTaskState } from '../../src/model/tasks/state.ts';
import type { TaskEvent } from '../../src/model/tasks/types.ts';
import { ev, people, task } from './tasks-fixtures.ts';

const { headVp, staffVp } = people;
/** A ward time written with its offset. */
const ward = (local: string): Date => new Date(`${local}+07:00`);

describe('dueAt', () => {
  it('is the end of the deadline day in Asia/Ho_Chi_Minh without a time, that time with one', () => {
    assert.equal(dueAt('2026-12-10')?.toISOString(), '2026-12-10T16:59:59.999Z');
    assert.equal(dueAt('2026-12-10', '09:30')?.toISOString(), '2026-12-10T02:30:00.000Z');
    assert.equal(dueAt(undefined), undefined);
  });
});

describe('taskFlags', () => {
  const open = deriveTaskState(task({ deadline: '2026-12-10' }), []);

  it('a deadline at the end of the day: 23:59 ward time is not overdue, 00:30 the next day is — though both are the 10th in UTC', () => {
    const late = ward('2026-12-10T23:59:00'); // 16:59 UTC on the 10th
    const next = ward('2026-12-11T00:30:00'); // 17:30 UTC on the 10th
    assert.equal(late.toISOString().slice(0, 10), '2026-12-10');
    assert.equal(next.toISOString().slice(0, 10), '2026-12-10');
    assert.deepEqual(taskFlags(open, late, 2), { overdue: false, dueSoon: true, daysLeft: 0 });
    assert.deepEqual(taskFlags(open, next, 2), { overdue: true, dueSoon: false, daysLeft: -1 });
  });

  it('due soon within the lead days (calendar days in the ward), not before', () => {
    assert.equal(DEFAULT_REMINDER_DAYS, 2);
    assert.deepEqual(taskFlags(open, ward('2026-12-08T08:00:00'), 2), { overdue: false, dueSoon: true, daysLeft: 2 });
    assert.deepEqual(taskFlags(open, ward('2026-12-07T23:00:00'), 2), { overdue: false, dueSoon: false, daysLeft: 3 });
    assert.equal(taskFlags(open, ward('2026-12-09T08:00:00'), 0).dueSoon, false);
    assert.equal(taskFlags(open, ward('2026-12-10T08:00:00'), 0).dueSoon, true);
  });

  it('a deadline with a time is overdue after that time', () => {
    const s = deriveTaskState(task({ deadline: '2026-12-10', deadlineTime: '17:00' }), []);
    assert.equal(taskFlags(s, ward('2026-12-10T16:59:00'), 2).overdue, false);
    assert.equal(taskFlags(s, ward('2026-12-10T17:01:00'), 2).overdue, true);
  });

  it('no deadline: never overdue nor due soon', () => {
    const s = deriveTaskState(task({ deadline: undefined }), []);
    assert.deepEqual(taskFlags(s, ward('2030-01-01T00:00:00'), 2), { overdue: false, dueSoon: false });
  });

  const finish = (submitAt: string, extra: TaskEvent[] = []) =>
    deriveTaskState(task(), [
      ...extra,
      ev('submitted', staffVp, new Date(`${submitAt}+07:00`).toISOString()),
      ev('accepted', headVp, '2026-12-20T01:00:00.000Z'),
    ]);

  it('done on time when submitted by the deadline (ward time), late after, whatever the acceptance time', () => {
    const now = ward('2026-12-25T08:00:00');
    assert.deepEqual(taskFlags(finish('2026-12-10T23:59:00'), now, 2), { overdue: false, dueSoon: false, timeliness: 'onTime' });
    assert.deepEqual(taskFlags(finish('2026-12-11T00:30:00'), now, 2), { overdue: false, dueSoon: false, timeliness: 'late' });
  });

  it('an extension granted before acceptance counts', () => {
    const granted = [
      ev('extensionRequested', staffVp, '2026-12-09T01:00:00.000Z', { deadline: '2026-12-15', note: 'Chờ số liệu' }),
      ev('extensionAnswered', headVp, '2026-12-09T02:00:00.000Z', { accepted: true }),
    ];
    assert.equal(taskFlags(finish('2026-12-14T10:00:00', granted), ward('2026-12-25T08:00:00'), 2).timeliness, 'onTime');
  });

  it('a cancelled task has no flags', () => {
    const s = deriveTaskState(task(), [ev('cancelled', headVp, 1, { note: 'x' })]);
    assert.deepEqual(taskFlags(s, ward('2027-01-01T00:00:00'), 2), { overdue: false, dueSoon: false });
  });
});

describe('dueGroup', () => {
  const at = (deadline: string | undefined, deadlineTime?: string) => deriveTaskState(task({ deadline, deadlineTime }), []);
  // Wednesday 2026-12-09 at 10:00 in the ward; the ISO week runs Mon 7 – Sun 13.
  const now = ward('2026-12-09T10:00:00');

  it('groups by the ward week Monday–Sunday', () => {
    assert.equal(weekStartOf('2026-12-09'), '2026-12-07');
    assert.equal(weekStartOf('2026-12-13'), '2026-12-07');
    assert.equal(weekStartOf('2026-12-07'), '2026-12-07');
    assert.equal(dueGroup(at('2026-12-08'), now), 'overdue');
    assert.equal(dueGroup(at('2026-12-09', '09:00'), now), 'overdue');
    assert.equal(dueGroup(at('2026-12-09'), now), 'today');
    assert.equal(dueGroup(at('2026-12-10'), now), 'thisWeek');
    assert.equal(dueGroup(at('2026-12-13'), now), 'thisWeek');
    assert.equal(dueGroup(at('2026-12-14'), now), 'later');
    assert.equal(dueGroup(at(undefined), now), 'noDeadline');
    const done = deriveTaskState(task(), [ev('submitted', staffVp, 1), ev('accepted', headVp, 2)]);
    assert.equal(dueGroup(done, now), 'closed');
  });

  it('uses the ward day, not the UTC day: Sunday 23:30 in the ward is still this week', () => {
    // 2026-12-13T23:30+07:00 is 16:30 UTC on Sunday; 2026-12-14T00:30+07:00 is still Sunday in UTC but Monday in the ward.
    assert.equal(dueGroup(at('2026-12-14'), ward('2026-12-13T23:30:00')), 'later');
    assert.equal(dueGroup(at('2026-12-14'), ward('2026-12-14T00:30:00')), 'today');
  });
});
