import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  TASK_RULE_CODES,
  type TaskActor,
  type TaskEventInput,
  availableTaskActions,
  canApplyTaskEvent,
  canCreateTask,
} from '../../src/model/tasks/rules.ts';
import { deriveTaskState } from '../../src/model/tasks/state.ts';
import type { Task } from '../../src/model/tasks/types.ts';
import { TASK_ID, ev, people, task, unitsOf } from './tasks-fixtures.ts';

const { leader, headVp, headKt, staffVp, staffVp2, staffKt, clerk, system } = people;

const code = (r: ReturnType<typeof canCreateTask>): string => (r.ok ? 'ok' : r.code);
const byActor = (a: TaskActor, over: Partial<Task> = {}): Task =>
  task({ createdBy: a.name, assigner: a.name, actorRoles: a.roles, ...over });
const create = (t: Task, a: TaskActor, parent?: ReturnType<typeof deriveTaskState> | null): string =>
  code(canCreateTask(t, a, { unitsOf, parent }));

describe('canCreateTask', () => {
  it('leaders assign anyone in any unit', () => {
    assert.equal(create(byActor(leader, { lead: staffKt.name, coordinators: [staffVp.name] }), leader), 'ok');
  });

  it('a unit head assigns members of the unit only', () => {
    assert.equal(create(byActor(headVp), headVp), 'ok');
    assert.equal(create(byActor(headVp, { coordinators: [staffKt.name] }), headVp), 'notUnitHead');
    assert.equal(create(byActor(headKt, { unitId: 'vp' }), headKt), 'notAllowed');
    // followers may be from anywhere
    assert.equal(create(byActor(headVp, { followers: [staffKt.name] }), headVp), 'ok');
  });

  it('staff create unit tasks only for themselves, and nothing in other units', () => {
    assert.equal(create(byActor(staffVp, { lead: staffVp.name, coordinators: [] }), staffVp), 'ok');
    assert.equal(create(byActor(staffVp, { lead: staffVp2.name, coordinators: [] }), staffVp), 'selfOnly');
    assert.equal(create(byActor(staffVp, { lead: staffVp.name, coordinators: [staffVp2.name] }), staffVp), 'selfOnly');
    assert.equal(create(byActor(staffKt, { lead: staffKt.name, coordinators: [] }), staffKt), 'notAllowed');
  });

  it('personal tasks: anyone, for themselves, no one else on them', () => {
    const personal = { unitId: undefined, lead: clerk.name, coordinators: [], followers: [] };
    assert.equal(create(byActor(clerk, personal), clerk), 'ok');
    assert.equal(create(byActor(clerk, { ...personal, followers: [leader.name] }), clerk), 'personalSelfOnly');
    assert.equal(create(byActor(leader, { ...personal, lead: staffVp.name }), leader), 'personalSelfOnly');
  });

  it('refuses a task whose assigner is not its author, a lead among coordinators, no lead', () => {
    assert.equal(create({ ...byActor(headVp), assigner: leader.name }, headVp), 'assignerMismatch');
    assert.equal(create(byActor(leader, { coordinators: [staffVp.name] }), leader), 'leadIsCoordinator');
    assert.equal(create(byActor(leader, { lead: '' }), leader), 'leadRequired');
  });

  it('subtasks: the parent lead, assigner or a leader splits; lead and coordinators from the parent team; same unit', () => {
    const parent = deriveTaskState(task(), []);
    const sub = (a: TaskActor, over: Partial<Task> = {}): Task =>
      byActor(a, { _id: 'task:01JSUB', parentId: TASK_ID, lead: staffVp2.name, coordinators: [], ...over });
    assert.equal(create(sub(staffVp), staffVp, parent), 'ok');
    assert.equal(create(sub(headVp), headVp, parent), 'ok');
    assert.equal(create(sub(leader), leader, parent), 'ok');
    assert.equal(create(sub(staffVp2), staffVp2, parent), 'notParentManager');
    assert.equal(create(sub(staffVp, { lead: staffKt.name }), staffVp, parent), 'notParentAssignee');
    assert.equal(create(sub(staffVp, { coordinators: [headVp.name] }), staffVp, parent), 'notParentAssignee');
    assert.equal(create(sub(staffVp, { unitId: 'kt' }), staffVp, parent), 'parentUnit');
    assert.equal(create(sub(staffVp), staffVp, null), 'parentMissing');
    const done = deriveTaskState(task(), [ev('submitted', staffVp, 1), ev('accepted', headVp, 2)]);
    assert.equal(create(sub(staffVp), staffVp, done), 'parentClosed');
  });

  it('occurrences: only the system writes tasks with a seriesId', () => {
    const occ = task({ _id: `${TASK_ID}.2026-12-11`, seriesId: TASK_ID, createdBy: 'system' });
    assert.equal(create(occ, system), 'ok');
    assert.equal(create(byActor(headVp, { seriesId: TASK_ID }), headVp), 'seriesBySystem');
  });
});

const apply = (s: ReturnType<typeof deriveTaskState>, input: TaskEventInput, a: TaskActor): string => {
  const r = canApplyTaskEvent(s, input, a);
  return r.ok ? 'ok' : r.code;
};

describe('canApplyTaskEvent', () => {
  const open = deriveTaskState(task(), []);
  const submitted = deriveTaskState(task(), [ev('submitted', staffVp, 1)]);
  const done = deriveTaskState(task(), [ev('submitted', staffVp, 1), ev('accepted', headVp, 2)]);

  it('managers (assigner, leaders) change deadline, people and title; others may not', () => {
    assert.equal(apply(open, { kind: 'deadlineChanged', deadline: '2026-12-31' }, headVp), 'ok');
    assert.equal(apply(open, { kind: 'deadlineChanged', deadline: '2026-12-31' }, leader), 'ok');
    assert.equal(apply(open, { kind: 'deadlineChanged', deadline: '2026-12-31' }, staffVp), 'notManager');
    assert.equal(apply(open, { kind: 'reassigned', lead: staffVp2.name, coordinators: [] }, headVp), 'ok');
    assert.equal(apply(open, { kind: 'reassigned', lead: staffVp2.name }, headVp), 'ok'); // the new lead leaves the coordinators
    assert.equal(apply(open, { kind: 'reassigned', lead: staffVp2.name, coordinators: [staffVp2.name] }, headVp), 'leadIsCoordinator');
    assert.equal(apply(open, { kind: 'reassigned' }, headVp), 'noPeople');
    assert.equal(apply(open, { kind: 'edited', changes: { title: 'Mới' } }, headVp), 'ok');
    assert.equal(apply(open, { kind: 'edited', changes: { title: '  ' } }, headVp), 'editInvalid');
    assert.equal(apply(open, { kind: 'edited', changes: {} }, headVp), 'noChanges');
    assert.equal(apply(open, { kind: 'edited', changes: { priority: 'high' } }, staffVp), 'notEditor');
    assert.equal(apply(open, { kind: 'edited', changes: { checklist: [{ id: 'x', text: 'Mới' }] } }, staffVp), 'ok');
    assert.equal(
      apply(
        open,
        {
          kind: 'edited',
          changes: {
            checklist: [
              { id: 'x', text: 'a' },
              { id: 'x', text: 'b' },
            ],
          },
        },
        staffVp,
      ),
      'editInvalid',
    );
    assert.equal(apply(open, { kind: 'edited', changes: { description: 'x' } }, staffVp2), 'notManager');
  });

  it('assignees report progress with a valid percent; a report needs something in it', () => {
    assert.equal(apply(open, { kind: 'progress', percent: 50 }, staffVp2), 'ok');
    assert.equal(apply(open, { kind: 'progress', percent: 101 }, staffVp), 'percentInvalid');
    assert.equal(apply(open, { kind: 'progress', percent: 12.5 }, staffVp), 'percentInvalid');
    assert.equal(apply(open, { kind: 'progress', percent: -1 }, staffVp), 'percentInvalid');
    assert.equal(apply(open, { kind: 'progress' }, staffVp), 'reportEmpty');
    assert.equal(apply(open, { kind: 'progress', note: 'x'.repeat(5001) }, staffVp), 'noteTooLong');
    assert.equal(apply(open, { kind: 'progress', percent: 10 }, headVp), 'notAssignee');
    assert.equal(apply(done, { kind: 'progress', percent: 10 }, staffVp), 'closed');
  });

  it('only the current lead submits, once; only a manager accepts or returns a submitted task', () => {
    assert.equal(apply(open, { kind: 'submitted' }, staffVp), 'ok');
    assert.equal(apply(open, { kind: 'submitted' }, staffVp2), 'notLead');
    assert.equal(apply(submitted, { kind: 'submitted' }, staffVp), 'alreadySubmitted');
    assert.equal(apply(open, { kind: 'accepted' }, headVp), 'notAwaitingReview');
    assert.equal(apply(submitted, { kind: 'accepted' }, staffVp), 'notManager');
    assert.equal(apply(submitted, { kind: 'accepted' }, leader), 'ok');
    assert.equal(apply(submitted, { kind: 'returned' }, headVp), 'noteRequired');
    assert.equal(apply(submitted, { kind: 'returned', note: 'Làm lại' }, headVp), 'ok');
  });

  it('cancel needs a reason; reopen only when closed', () => {
    assert.equal(apply(open, { kind: 'cancelled', note: ' ' }, headVp), 'noteRequired');
    assert.equal(apply(open, { kind: 'cancelled', note: 'Trùng việc' }, headVp), 'ok');
    assert.equal(apply(open, { kind: 'reopened' }, headVp), 'notClosed');
    assert.equal(apply(done, { kind: 'reopened' }, headVp), 'ok');
    assert.equal(apply(done, { kind: 'cancelled', note: 'x' }, headVp), 'closed');
  });

  it('extensions: assignees ask with a day and a reason; managers answer a waiting request', () => {
    assert.equal(apply(open, { kind: 'extensionRequested', deadline: '2026-12-20', note: 'Chờ số liệu' }, staffVp2), 'ok');
    assert.equal(apply(open, { kind: 'extensionRequested', note: 'Chờ số liệu' }, staffVp), 'deadlineRequired');
    assert.equal(apply(open, { kind: 'extensionRequested', deadline: '2026-02-30', note: 'x' }, staffVp), 'deadlineInvalid');
    assert.equal(
      apply(open, { kind: 'extensionRequested', deadline: '2026-12-20', deadlineTime: '25:00', note: 'x' }, staffVp),
      'timeInvalid',
    );
    assert.equal(apply(open, { kind: 'extensionRequested', deadline: '2026-12-20' }, staffVp), 'noteRequired');
    assert.equal(apply(open, { kind: 'extensionAnswered', accepted: true }, headVp), 'noPendingExtension');
    const asked = deriveTaskState(task(), [ev('extensionRequested', staffVp, 1, { deadline: '2026-12-20', note: 'x' })]);
    assert.equal(apply(asked, { kind: 'extensionAnswered' }, headVp), 'answerRequired');
    assert.equal(apply(asked, { kind: 'extensionAnswered', accepted: false }, staffVp), 'notManager');
    assert.equal(apply(asked, { kind: 'extensionAnswered', accepted: false }, headVp), 'ok');
  });

  it('checklist ticks need an existing item and done; comments need words; anyone comments', () => {
    assert.equal(apply(open, { kind: 'checklistToggled', itemId: 'c2', done: true }, staffVp), 'ok');
    assert.equal(apply(open, { kind: 'checklistToggled', itemId: 'zz', done: true }, staffVp), 'itemUnknown');
    assert.equal(apply(open, { kind: 'checklistToggled', itemId: 'c1' }, staffVp), 'doneRequired');
    assert.equal(apply(open, { kind: 'checklistToggled', itemId: 'c1', done: true }, staffKt), 'notAssignee');
    assert.equal(apply(done, { kind: 'comment', note: 'Cảm ơn' }, staffKt), 'ok');
    assert.equal(apply(done, { kind: 'comment' }, staffKt), 'noteRequired');
  });

  it('personal tasks cannot be reassigned', () => {
    const personal = deriveTaskState(byActor(clerk, { unitId: undefined, lead: clerk.name, coordinators: [] }), []);
    assert.equal(apply(personal, { kind: 'reassigned', lead: staffVp.name }, clerk), 'personalTask');
  });

  it('every code answered has a message key listed', () => {
    const r = canApplyTaskEvent(open, { kind: 'bogus' as never }, headVp);
    assert.equal(r.ok ? '' : r.code, 'unknownKind');
    assert.ok(TASK_RULE_CODES.includes('unknownKind'));
  });
});

describe('availableTaskActions', () => {
  it('offers each person what they may do now', () => {
    const open = deriveTaskState(task(), []);
    assert.deepEqual(availableTaskActions(open, staffVp), [
      'progress',
      'comment',
      'checklistToggled',
      'edited',
      'extensionRequested',
      'submitted',
    ]);
    assert.deepEqual(availableTaskActions(open, staffVp2), ['progress', 'comment', 'checklistToggled', 'extensionRequested']);
    assert.deepEqual(availableTaskActions(open, headVp), [
      'comment',
      'checklistToggled',
      'edited',
      'deadlineChanged',
      'reassigned',
      'cancelled',
    ]);
    assert.deepEqual(availableTaskActions(open, staffKt), ['comment']);
    const submitted = deriveTaskState(task(), [
      ev('submitted', staffVp, 1),
      ev('extensionRequested', staffVp2, 2, { deadline: '2026-12-20', note: 'x' }),
    ]);
    assert.deepEqual(availableTaskActions(submitted, leader), [
      'comment',
      'checklistToggled',
      'edited',
      'deadlineChanged',
      'reassigned',
      'extensionAnswered',
      'accepted',
      'returned',
      'cancelled',
    ]);
    const done = deriveTaskState(task(), [ev('submitted', staffVp, 1), ev('accepted', headVp, 2)]);
    assert.deepEqual(availableTaskActions(done, headVp), ['comment', 'reopened']);
    assert.deepEqual(availableTaskActions(done, staffVp), ['comment']);
  });
});
