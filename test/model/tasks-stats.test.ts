import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rollup } from '../../src/model/tasks/rollup.ts';
import { deriveTaskState } from '../../src/model/tasks/state.ts';
import { taskStatistics, weeklyTrend } from '../../src/model/tasks/stats.ts';
import type { Task, TaskEvent } from '../../src/model/tasks/types.ts';
import { ev, people, task } from './tasks-fixtures.ts';

const { headVp, staffVp, staffVp2, staffKt, leader } = people;

let n = 0;
/** A task created at `created` (ISO) with events; ids unique per call. */
function t(created: string, over: Partial<Task>, events: (id: string) => TaskEvent[] = () => []) {
  n += 1;
  const id = `task:01JSTAT${String(n).padStart(19, '0')}`;
  return deriveTaskState(task({ _id: id, createdAt: created, ...over }), events(id));
}
const on = (id: string, e: TaskEvent): TaskEvent => ({ ...e, taskId: id });
const done = (submitAt: string) => (id: string) => [on(id, ev('submitted', staffVp, submitAt)), on(id, ev('accepted', headVp, submitAt))];

describe('rollup', () => {
  it('counts done and cancelled children and averages the rest (done = 100)', () => {
    const a = t('2026-12-01T01:00:00.000Z', {}, done('2026-12-03T01:00:00.000Z'));
    const b = t('2026-12-01T01:00:00.000Z', {}, (id) => [on(id, ev('progress', staffVp, 1, { percent: 40 }))]);
    const c = t('2026-12-01T01:00:00.000Z', {}, (id) => [on(id, ev('cancelled', headVp, 1, { note: 'x' }))]);
    assert.deepEqual(rollup([a, b, c]), { total: 3, done: 1, cancelled: 1, percent: 70 });
    assert.deepEqual(rollup([c]), { total: 1, done: 0, cancelled: 1, percent: 0 });
    assert.deepEqual(rollup([]), { total: 0, done: 0, cancelled: 0, percent: 0 });
  });
});

describe('taskStatistics', () => {
  const now = new Date('2026-12-20T03:00:00.000Z');
  const period = { from: '2026-12-01', to: '2026-12-31' };
  const states = [
    t('2026-12-01T01:00:00.000Z', { deadline: '2026-12-10' }, done('2026-12-09T01:00:00.000Z')), // VP on time
    t('2026-12-01T01:00:00.000Z', { deadline: '2026-12-05' }, done('2026-12-09T01:00:00.000Z')), // VP late
    t('2026-12-02T01:00:00.000Z', { deadline: '2026-12-15' }), // VP overdue at now
    t('2026-12-02T01:00:00.000Z', { deadline: '2026-12-28', lead: staffVp2.name, coordinators: [] }), // VP in progress
    t('2026-12-03T01:00:00.000Z', {}, (id) => [on(id, ev('cancelled', headVp, 1, { note: 'x' }))]), // cancelled: out
    t('2026-12-03T01:00:00.000Z', {
      unitId: 'kt',
      lead: staffKt.name,
      coordinators: [],
      createdBy: leader.name,
      assigner: leader.name,
      deadline: undefined,
    }),
    t('2026-11-30T16:59:00.000Z', { unitId: 'kt' }), // 23:59 on Nov 30 in the ward: before the period
    t('2026-11-30T17:01:00.000Z', { unitId: undefined, lead: staffKt.name, coordinators: [], deadline: '2026-12-31' }), // 00:01 on Dec 1: in, personal
  ];

  it('by unit: the four outcomes add up to assigned; cancelled and out-of-period tasks are left out', () => {
    const lines = taskStatistics(states, period, now, 'unit');
    assert.deepEqual(
      lines.map((l) => [l.key, l.assigned, l.doneOnTime, l.doneLate, l.inProgress, l.overdue]),
      [
        ['vp', 4, 1, 1, 1, 1],
        ['', 1, 0, 0, 1, 0],
        ['kt', 1, 0, 0, 1, 0],
      ],
    );
    assert.deepEqual(lines[0]!.ids.overdue, [states[2]!.task._id]);
    assert.equal(lines[0]!.ids.assigned.length, 4);
  });

  it('by person: the current lead', () => {
    const lines = taskStatistics(states, period, now, 'person');
    assert.deepEqual(
      lines.map((l) => [l.key, l.assigned]),
      [
        [staffVp.name, 3],
        [staffKt.name, 2],
        [staffVp2.name, 1],
      ],
    );
  });

  it('weekly trend: assigned by creation week, finished by acceptance week, up to the current week', () => {
    const weeks = weeklyTrend(states, period, now);
    assert.deepEqual(
      weeks.map((w) => [w.weekStart, w.assigned, w.doneOnTime, w.doneLate]),
      [
        ['2026-11-30', 6, 0, 0],
        ['2026-12-07', 0, 1, 1],
        ['2026-12-14', 0, 0, 0],
      ],
    );
  });
});
