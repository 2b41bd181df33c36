import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveTaskState, rolesOf } from '../../src/model/tasks/state.ts';
import type { TaskEvent } from '../../src/model/tasks/types.ts';
import { ev, people, task } from './tasks-fixtures.ts';

const { leader, headVp, staffVp, staffVp2, staffKt } = people;

/** Every permutation of a small list. */
function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

describe('deriveTaskState: status', () => {
  it('starts notStarted with the task as created', () => {
    const s = deriveTaskState(task(), []);
    assert.equal(s.status, 'notStarted');
    assert.equal(s.percent, 0);
    assert.equal(s.lead, staffVp.name);
    assert.deepEqual(
      s.deadlines.map((d) => [d.deadline, d.cause]),
      [['2026-12-10', 'created']],
    );
    assert.deepEqual([...s.everAssigned].sort(), [staffVp.name, staffVp2.name].sort());
  });

  it('moves notStarted → inProgress → awaitingReview → returned → inProgress → awaitingReview → done', () => {
    const events = [
      ev('progress', staffVp, 10, { percent: 30, note: 'Đã lập danh sách' }),
      ev('submitted', staffVp, 20),
      ev('returned', headVp, 30, { note: 'Thiếu tổ 5' }),
    ];
    assert.equal(deriveTaskState(task(), events.slice(0, 1)).status, 'inProgress');
    assert.equal(deriveTaskState(task(), events.slice(0, 2)).status, 'awaitingReview');
    const returned = deriveTaskState(task(), events);
    assert.equal(returned.status, 'returned');
    assert.equal(returned.submittedAt, undefined);
    const again = [...events, ev('progress', staffVp, 40, { percent: 90 }), ev('submitted', staffVp, 50), ev('accepted', headVp, 60)];
    assert.equal(deriveTaskState(task(), again.slice(0, 4)).status, 'inProgress');
    const done = deriveTaskState(task(), again);
    assert.equal(done.status, 'done');
    assert.equal(done.percent, 100);
    assert.equal(done.doneAt, again[5]!.createdAt);
    assert.equal(done.submittedAt, again[4]!.createdAt);
    assert.deepEqual(done.ignored, []);
  });

  it('a checklist tick by an assignee starts the task', () => {
    const s = deriveTaskState(task(), [ev('checklistToggled', staffVp2, 5, { itemId: 'c1', done: true })]);
    assert.equal(s.status, 'inProgress');
    assert.deepEqual([...s.checked], ['c1']);
    const off = deriveTaskState(task(), [
      ev('checklistToggled', staffVp2, 5, { itemId: 'c1', done: true }),
      ev('checklistToggled', staffVp, 6, { itemId: 'c1', done: false }),
    ]);
    assert.deepEqual([...off.checked], []);
  });

  it('cancel, then reopen, restores the lead percent and status inProgress', () => {
    const s = deriveTaskState(task(), [
      ev('progress', staffVp, 1, { percent: 40 }),
      ev('submitted', staffVp, 2),
      ev('accepted', headVp, 3),
      ev('reopened', headVp, 4, { note: 'Còn tổ 7' }),
    ]);
    assert.equal(s.status, 'inProgress');
    assert.equal(s.percent, 40);
    assert.equal(s.doneAt, undefined);
    const c = deriveTaskState(task(), [ev('cancelled', headVp, 1, { note: 'Không còn cần' })]);
    assert.equal(c.status, 'cancelled');
    assert.ok(c.cancelledAt);
  });

  it("keeps coordinators' reports apart in parts and the lead's as percent", () => {
    const s = deriveTaskState(task(), [
      ev('progress', staffVp, 1, { percent: 20 }),
      ev('progress', staffVp2, 2, { percent: 70, note: 'Tổ 1–3 xong' }),
      ev('progress', staffVp2, 3, { note: 'Tổ 4 đang làm' }),
    ]);
    assert.equal(s.percent, 20);
    assert.deepEqual(s.parts.get(staffVp2.name), { name: staffVp2.name, percent: 70, note: 'Tổ 4 đang làm', at: s.events[2]!.createdAt });
  });
});

describe('deriveTaskState: events that do not apply', () => {
  it('keeps an acceptance before any submission, and a second acceptance, in events and lists them in ignored', () => {
    const early = ev('accepted', headVp, 1);
    const sub = ev('submitted', staffVp, 2);
    const ok = ev('accepted', headVp, 3);
    const twice = ev('accepted', leader, 4);
    const s = deriveTaskState(task(), [twice, ok, sub, early]);
    assert.equal(s.status, 'done');
    assert.equal(s.events.length, 4);
    assert.deepEqual(s.ignored, [
      { eventId: early._id, reason: 'notAwaitingReview' },
      { eventId: twice._id, reason: 'notAwaitingReview' },
    ]);
    assert.equal(s.doneAt, ok.createdAt);
  });

  it('ignores a submission by someone no longer lead, but keeps their progress (they were assigned)', () => {
    const s = deriveTaskState(task(), [
      ev('reassigned', headVp, 1, { lead: staffVp2.name, coordinators: [] }),
      ev('progress', staffVp, 2, { percent: 50, note: 'Báo cáo lúc offline' }),
      ev('submitted', staffVp, 3),
    ]);
    assert.equal(s.lead, staffVp2.name);
    assert.deepEqual(s.coordinators, []);
    assert.deepEqual(
      s.ignored.map((i) => i.reason),
      ['notLead'],
    );
    assert.equal(s.parts.get(staffVp.name)?.percent, 50);
    assert.ok(s.everAssigned.has(staffVp.name));
    assert.equal(s.status, 'inProgress');
  });

  it('refuses progress from someone never assigned and a rule-breaking edit by the lead', () => {
    const s = deriveTaskState(task(), [
      ev('progress', staffKt, 1, { percent: 10 }),
      ev('edited', staffVp, 2, { changes: { title: 'Đổi tên' } }),
      ev('edited', staffVp, 3, { changes: { description: 'Chi tiết hơn' } }),
    ]);
    assert.deepEqual(
      s.ignored.map((i) => i.reason),
      ['notAssignee', 'notEditor'],
    );
    assert.equal(s.title, 'Rà soát hộ nghèo năm 2027');
    assert.equal(s.description, 'Chi tiết hơn');
    assert.equal(s.status, 'notStarted');
  });

  it('counts an event held in two spaces once and skips events of other tasks', () => {
    const e = ev('progress', staffVp, 1, { percent: 10 });
    const other = ev('comment', staffVp, 2, { note: 'x', taskId: 'task:OTHER' });
    const s = deriveTaskState(task(), [e, { ...e }, other]);
    assert.equal(s.events.length, 1);
  });
});

describe('deriveTaskState: deadlines and extensions', () => {
  it('moves the deadline on a change and on an accepted extension, not on a refused one', () => {
    const s = deriveTaskState(task(), [
      ev('extensionRequested', staffVp, 1, { deadline: '2026-12-20', note: 'Chờ số liệu' }),
      ev('extensionAnswered', headVp, 2, { accepted: false, deadline: '2026-12-20' }),
      ev('extensionRequested', staffVp2, 3, { deadline: '2026-12-15', note: 'Thiếu người' }),
    ]);
    assert.equal(s.deadline, '2026-12-10');
    assert.equal(s.pendingExtension?.deadline, '2026-12-15');
    assert.equal(s.pendingExtension?.by, staffVp2.name);
    const granted = deriveTaskState(task(), [
      ...s.events,
      ev('extensionAnswered', headVp, 4, { accepted: true }),
      ev('deadlineChanged', leader, 5, { deadline: '2026-12-18', deadlineTime: '17:00' }),
    ]);
    assert.equal(granted.pendingExtension, undefined);
    assert.deepEqual(
      granted.deadlines.map((d) => [d.deadline, d.deadlineTime, d.cause, d.by]),
      [
        ['2026-12-10', undefined, 'created', headVp.name],
        ['2026-12-15', undefined, 'extension', headVp.name],
        ['2026-12-18', '17:00', 'changed', leader.name],
      ],
    );
    assert.equal(granted.deadline, '2026-12-18');
    assert.equal(granted.deadlineTime, '17:00');
  });

  it('ignores an answer with no request waiting', () => {
    const s = deriveTaskState(task(), [ev('extensionAnswered', headVp, 1, { accepted: true, deadline: '2027-01-01' })]);
    assert.deepEqual(
      s.ignored.map((i) => i.reason),
      ['noPendingExtension'],
    );
    assert.equal(s.deadline, '2026-12-10');
  });
});

describe('deriveTaskState: offline and concurrent writes', () => {
  it('keeps two offline progress reports on the same task, both shown, the later one current', () => {
    const a = ev('progress', staffVp, 10, { percent: 30, note: 'Báo cáo A (offline)' });
    const b = ev('progress', staffVp, 12, { percent: 60, note: 'Báo cáo B (offline)' });
    for (const order of [
      [a, b],
      [b, a],
    ]) {
      const s = deriveTaskState(task(), order);
      assert.deepEqual(
        s.events.map((e) => e.note),
        ['Báo cáo A (offline)', 'Báo cáo B (offline)'],
      );
      assert.equal(s.percent, 60);
      assert.deepEqual(s.ignored, []);
    }
  });

  it('two edits of the same field: later createdAt wins, then the greater _id, whatever the input order', () => {
    const same = '2026-12-02T03:00:00.000Z';
    const events: TaskEvent[] = [
      ev('edited', headVp, same, { _id: 'taskEvent:01JB', changes: { title: 'B', priority: 'high' } }),
      ev('edited', leader, same, { _id: 'taskEvent:01JA', changes: { title: 'A' } }),
      ev('edited', leader, '2026-12-02T02:00:00.000Z', { changes: { title: 'Earlier', priority: 'low' } }),
      ev('progress', staffVp, '2026-12-02T02:30:00.000Z', { percent: 10 }),
    ];
    const results = permutations(events).map((p) => deriveTaskState(task(), p));
    for (const s of results) {
      assert.equal(s.title, 'B');
      assert.equal(s.priority, 'high');
      assert.deepEqual(
        s.events.map((e) => e._id),
        results[0]!.events.map((e) => e._id),
      );
      assert.equal(s.events.length, 4);
    }
  });

  it('a reassignment replaces only the lists given and accumulates everAssigned', () => {
    const s = deriveTaskState(task({ followers: ['minh.le'] }), [
      ev('reassigned', headVp, 1, { coordinators: [staffVp2.name, 'thu.vu'] }),
      ev('reassigned', headVp, 2, { lead: staffVp2.name }),
    ]);
    assert.equal(s.lead, staffVp2.name);
    assert.deepEqual(s.coordinators, ['thu.vu']);
    assert.deepEqual(s.followers, ['minh.le']);
    assert.deepEqual([...s.everAssigned].sort(), [staffVp.name, staffVp2.name, 'thu.vu'].sort());
  });

  it('an edit of the checklist drops ticks of removed items', () => {
    const s = deriveTaskState(task(), [
      ev('checklistToggled', staffVp, 1, { itemId: 'c1', done: true }),
      ev('checklistToggled', staffVp, 2, { itemId: 'c2', done: true }),
      ev('edited', staffVp, 3, {
        changes: {
          checklist: [
            { id: 'c2', text: 'Họp tổ dân phố' },
            { id: 'c3', text: 'Báo cáo' },
          ],
        },
      }),
    ]);
    assert.deepEqual([...s.checked], ['c2']);
    assert.equal(s.checklist.length, 2);
  });

  it('lastActivityAt is the latest event time', () => {
    const s = deriveTaskState(task(), [ev('comment', staffKt, 100, { note: 'Hỏi thêm' })]);
    assert.equal(s.lastActivityAt, s.events[0]!.createdAt);
  });
});

describe('rolesOf', () => {
  it('names lead, coordinating, assignedByMe and following', () => {
    const s = deriveTaskState(task({ followers: [leader.name], lead: headVp.name, coordinators: [staffVp.name] }), []);
    assert.deepEqual([...rolesOf(s, headVp.name)].sort(), ['assignedByMe', 'lead']);
    assert.deepEqual([...rolesOf(s, staffVp.name)], ['coordinating']);
    assert.deepEqual([...rolesOf(s, leader.name)], ['following']);
    assert.deepEqual([...rolesOf(s, staffKt.name)], []);
  });
});
