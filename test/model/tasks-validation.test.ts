import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveTaskState } from '../../src/model/tasks/state.ts';
import { type TaskInput, validateTaskInput } from '../../src/model/tasks/validation.ts';
import { task } from './tasks-fixtures.ts';

const TODAY = '2026-12-01';
const input = (over: Partial<TaskInput> = {}): TaskInput => ({
  title: 'Ra quân tổng vệ sinh môi trường',
  lead: 'an.nguyen',
  coordinators: ['dung.ngo'],
  followers: [],
  unitId: 'vp',
  deadline: '2026-12-10',
  priority: 'normal',
  checklist: [],
  links: [],
  ...over,
});
const codes = (i: TaskInput, parent?: ReturnType<typeof deriveTaskState>) =>
  validateTaskInput(i, { today: TODAY, parent }).map((e) => `${e.field}:${e.code}`);

describe('validateTaskInput', () => {
  it('accepts a complete task', () => {
    assert.deepEqual(codes(input()), []);
    assert.deepEqual(codes(input({ deadline: undefined })), []);
  });

  it('requires a title and a lead; limits lengths', () => {
    assert.deepEqual(codes(input({ title: '  ', lead: '' })), ['title:error.required', 'lead:error.required']);
    const long = validateTaskInput(input({ title: 'x'.repeat(301) }), { today: TODAY });
    assert.deepEqual(long, [{ field: 'title', code: 'error.tooLong', params: { max: 300 } }]);
    assert.deepEqual(codes(input({ checklist: ['ok', 'y'.repeat(301)] })), ['checklist.1:error.tooLong']);
  });

  it('checks dates: valid, not past, not before the start, within the parent deadline', () => {
    assert.deepEqual(codes(input({ deadline: '2026-02-30' })), ['deadline:error.date']);
    assert.deepEqual(codes(input({ deadline: '2026-11-30' })), ['deadline:error.dateInPast']);
    assert.deepEqual(codes(input({ deadline: TODAY })), []);
    assert.deepEqual(codes(input({ startOn: '2026-12-12' })), ['deadline:error.deadlineBeforeStart']);
    const parent = deriveTaskState(task({ deadline: '2026-12-08' }), []);
    assert.deepEqual(codes(input({ parentId: parent.task._id }), parent), ['deadline:error.deadlineAfterParent']);
    assert.deepEqual(codes(input({ deadlineTime: '7:30' })), ['deadlineTime:error.time']);
    assert.deepEqual(codes(input({ deadline: undefined, deadlineTime: '07:30' })), ['deadline:error.required']);
  });

  it('people: the lead is not a coordinator, no duplicates, no one else on a personal task', () => {
    assert.deepEqual(codes(input({ coordinators: ['an.nguyen'] })), ['coordinators:error.duplicate']);
    assert.deepEqual(codes(input({ followers: ['a.b', 'a.b'] })), ['followers:error.duplicate']);
    assert.deepEqual(codes(input({ unitId: undefined })), ['coordinators:error.personalTaskAlone']);
    assert.deepEqual(codes(input({ unitId: '', coordinators: [] })), []);
  });

  it('priority and links', () => {
    assert.deepEqual(codes(input({ priority: 'huge' as never })), ['priority:error.choice']);
    const link = { kind: 'document' as const, id: 'officialDocument:1', label: 'Kế hoạch số 45/KH-UBND' };
    assert.deepEqual(codes(input({ links: [link, link] })), ['links.1:error.duplicate']);
    assert.deepEqual(codes(input({ links: [{ ...link, label: ' ' }] })), ['links.0:error.required']);
  });

  it('recurrence: a first deadline, a positive interval, a weekday 1–7, an until after the deadline', () => {
    assert.deepEqual(codes(input({ recurrence: { freq: 'weekly', interval: 1, weekday: 5 } })), []);
    assert.deepEqual(codes(input({ deadline: undefined, recurrence: { freq: 'weekly', interval: 1 } })), [
      'deadline:error.recurrenceNeedsDeadline',
    ]);
    assert.deepEqual(codes(input({ recurrence: { freq: 'weekly', interval: 0, weekday: 8 } })), [
      'recurrence.interval:error.positiveInteger',
      'recurrence.weekday:error.choice',
    ]);
    assert.deepEqual(codes(input({ recurrence: { freq: 'monthly', interval: 1, monthDay: 31, until: '2026-12-05' } })), [
      'recurrence.until:error.untilBeforeDeadline',
    ]);
    assert.deepEqual(codes(input({ parentId: 'task:x', recurrence: { freq: 'daily', interval: 1 } })), [
      'recurrence.freq:error.recurrenceSubtask',
    ]);
  });
});
