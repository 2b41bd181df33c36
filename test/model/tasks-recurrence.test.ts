import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECURRENCE_HORIZON_DAYS, makeOccurrence, occurrenceDeadlines, occurrenceId } from '../../src/model/tasks/recurrence.ts';
import { canCreateTask } from '../../src/model/tasks/rules.ts';
import { deriveTaskState } from '../../src/model/tasks/state.ts';
import { TASK_ID, ev, people, task, unitsOf } from './tasks-fixtures.ts';

describe('occurrenceDeadlines', () => {
  it('daily every 2 days, strictly after `after`, up to `upTo` inclusive', () => {
    const rule = { freq: 'daily' as const, interval: 2 };
    assert.deepEqual(occurrenceDeadlines(rule, '2026-12-01', '2026-11-01', '2026-12-07'), [
      '2026-12-01',
      '2026-12-03',
      '2026-12-05',
      '2026-12-07',
    ]);
    assert.deepEqual(occurrenceDeadlines(rule, '2026-12-01', '2026-12-03', '2026-12-07'), ['2026-12-05', '2026-12-07']);
  });

  it('weekly on Friday (the "Báo cáo tuần"), every week, up to until', () => {
    const rule = { freq: 'weekly' as const, interval: 1, weekday: 5, until: '2026-12-25' };
    // 2026-12-04 is a Friday.
    assert.deepEqual(occurrenceDeadlines(rule, '2026-12-04', '2026-12-04', '2027-01-31'), ['2026-12-11', '2026-12-18', '2026-12-25']);
  });

  it('weekly every 2 weeks on a weekday after the first deadline in its week', () => {
    // First deadline Wednesday 2026-12-02; weekday Friday: the Friday of that week belongs to the series.
    const rule = { freq: 'weekly' as const, interval: 2, weekday: 5 };
    assert.deepEqual(occurrenceDeadlines(rule, '2026-12-02', '2026-12-02', '2027-01-01'), ['2026-12-04', '2026-12-18', '2027-01-01']);
  });

  it('monthly on the 31st clamps to the end of shorter months, leap February included', () => {
    const rule = { freq: 'monthly' as const, interval: 1, monthDay: 31 };
    assert.deepEqual(occurrenceDeadlines(rule, '2027-12-31', '2027-12-31', '2028-05-31'), [
      '2028-01-31',
      '2028-02-29',
      '2028-03-31',
      '2028-04-30',
      '2028-05-31',
    ]);
    assert.deepEqual(occurrenceDeadlines({ freq: 'monthly', interval: 3 }, '2026-11-30', '2026-11-30', '2027-06-30'), [
      '2027-02-28',
      '2027-05-30',
    ]);
  });

  it('nothing after until, and nothing when the horizon is before the next one', () => {
    assert.deepEqual(
      occurrenceDeadlines({ freq: 'daily', interval: 1, until: '2026-12-01' }, '2026-12-01', '2026-12-01', '2027-01-01'),
      [],
    );
    assert.deepEqual(occurrenceDeadlines({ freq: 'weekly', interval: 1 }, '2026-12-04', '2026-12-04', '2026-12-10'), []);
    assert.equal(RECURRENCE_HORIZON_DAYS, 14);
  });
});

describe('occurrences', () => {
  it('have deterministic ids and copy the series, written by the system', () => {
    const series = task({ recurrence: { freq: 'weekly', interval: 1, weekday: 5 }, description: 'Tổng hợp tuần', deadlineTime: '16:00' });
    assert.equal(occurrenceId(TASK_ID, '2026-12-11'), `${TASK_ID}.2026-12-11`);
    const occ = makeOccurrence(series, '2026-12-11', new Date('2026-11-28T00:00:00.000Z'));
    assert.equal(occ._id, `${TASK_ID}.2026-12-11`);
    assert.equal(occ.seriesId, TASK_ID);
    assert.equal(occ.recurrence, undefined);
    assert.equal(occ.createdBy, 'system');
    assert.equal(occ.assigner, series.assigner);
    assert.deepEqual(
      [occ.deadline, occ.deadlineTime, occ.lead, occ.coordinators],
      ['2026-12-11', '16:00', series.lead, series.coordinators],
    );
    assert.deepEqual(occ.checklist, series.checklist);
    assert.notEqual(occ.checklist, series.checklist);
    assert.deepEqual(canCreateTask(occ, people.system, { unitsOf }), { ok: true });
  });

  it('given the series’ derived state, carry its current title, description, priority, people, checklist and links', () => {
    const series = task({ recurrence: { freq: 'weekly', interval: 1, weekday: 5 }, description: 'Tổng hợp tuần', deadlineTime: '16:00' });
    const link = { kind: 'document' as const, id: 'officialDocument:01JDOC0000000000000000000', label: 'Kế hoạch 12/KH-UBND' };
    const state = deriveTaskState(series, [
      ev('reassigned', people.headVp, 1, {
        lead: people.staffVp2.name,
        coordinators: [people.staffVp.name],
        followers: [people.clerk.name],
      }),
      ev('edited', people.headVp, 2, { changes: { title: 'Báo cáo tuần (mẫu mới)', description: '', priority: 'high', links: [link] } }),
      ev('edited', people.staffVp2, 3, { changes: { checklist: [{ id: 'c3', text: 'Gửi báo cáo' }] } }),
    ]);
    assert.deepEqual(state.ignored, []);
    const occ = makeOccurrence(series, '2026-12-18', new Date('2026-12-04T00:00:00.000Z'), state);
    assert.equal(occ.title, 'Báo cáo tuần (mẫu mới)');
    assert.equal(occ.description, undefined, 'the description was cleared');
    assert.equal(occ.priority, 'high');
    assert.deepEqual([occ.lead, occ.coordinators, occ.followers], [people.staffVp2.name, [people.staffVp.name], [people.clerk.name]]);
    assert.deepEqual(occ.checklist, [{ id: 'c3', text: 'Gửi báo cáo' }]);
    assert.deepEqual(occ.links, [link]);
    assert.notEqual(occ.links, state.links);
    // What is not edited on a series stays the series' own: assigner, unit, time of day, its own deadline.
    assert.deepEqual(
      [occ.assigner, occ.unitId, occ.deadlineTime, occ.deadline, occ.seriesId],
      [series.assigner, 'vp', '16:00', '2026-12-18', TASK_ID],
    );
    assert.deepEqual(canCreateTask(occ, people.system, { unitsOf }), { ok: true });
  });
});
