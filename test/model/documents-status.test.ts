import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, daysBetween, isValidDay, wardDayOfInstant } from '../../src/model/documents/dates.ts';
import {
  DUE_SOON_DAYS,
  assignmentStatus,
  completedOnTime,
  deadlineInfo,
  deadlineStatus,
  overallStatus,
  processingReport,
} from '../../src/model/documents/status.ts';
import type { IncomingDocument, OfficialDocumentEvent } from '../../src/model/documents/types.ts';
import { type AssignmentState, type IncomingState, deriveState } from '../../src/model/documents/workflow.ts';
import { AN, KT, TUAN, VP, ev, incomingDoc, people } from './documents-fixtures.ts';

const TODAY = '2026-12-01';

function incoming(events: (doc: IncomingDocument) => OfficialDocumentEvent[], over: Partial<IncomingDocument> = {}): IncomingState {
  const doc = incomingDoc(over);
  const state = deriveState(doc, events(doc)) as IncomingState;
  assert.deepEqual(state.ignored, []);
  return state;
}

/** An event at a given ward time (`+07:00` written out, stored as UTC). */
const at = (e: OfficialDocumentEvent, wardTime: string): OfficialDocumentEvent => ({ ...e, createdAt: new Date(wardTime).toISOString() });

const node = (over: Partial<AssignmentState>): AssignmentState => ({
  key: 'unit:vp',
  assignee: VP,
  role: 'lead',
  assigned: { by: 'lan.nguyen', name: 'Lan', at: '2026-11-20T02:00:00.000Z', eventId: 'e1' },
  extensions: [],
  state: 'open',
  reads: [],
  progress: [],
  ...over,
});

describe('ward dates', () => {
  it('takes the ward day of an instant at UTC+7, across midnight and the new year', () => {
    assert.equal(wardDayOfInstant('2026-12-31T16:59:59.999Z'), '2026-12-31');
    assert.equal(wardDayOfInstant('2026-12-31T17:00:00.000Z'), '2027-01-01');
    assert.equal(wardDayOfInstant('2026-06-01T00:00:00+07:00'), '2026-06-01');
    assert.throws(() => wardDayOfInstant('yesterday'), RangeError);
  });

  it('adds and counts calendar days, leap years included', () => {
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
    assert.equal(daysBetween('2026-12-30', '2027-01-02'), 3);
    assert.equal(daysBetween('2026-12-02', '2026-12-01'), -1);
  });

  it('accepts only real calendar days', () => {
    assert.equal(isValidDay('2028-02-29'), true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '01/12/2026', '', 20261201, null])
      assert.equal(isValidDay(bad), false, String(bad));
  });
});

describe('deadline status', () => {
  it(`is due soon within ${DUE_SOON_DAYS} calendar days including today, overdue after the deadline day`, () => {
    assert.equal(deadlineStatus(undefined, TODAY), 'inProgress');
    assert.equal(deadlineStatus('2026-12-03', TODAY), 'inProgress');
    assert.equal(deadlineStatus('2026-12-02', TODAY), 'dueSoon');
    assert.equal(deadlineStatus('2026-12-01', TODAY), 'dueSoon');
    assert.equal(deadlineStatus('2026-11-30', TODAY), 'overdue');
  });

  it('counts work completed on the deadline day (ward time) as on time', () => {
    assert.equal(completedOnTime('2026-12-10T16:59:00.000Z', '2026-12-10'), true); // 23:59 in the ward
    assert.equal(completedOnTime('2026-12-10T17:00:00.000Z', '2026-12-10'), false); // 00:00 next day
    assert.equal(completedOnTime('2030-01-01T00:00:00.000Z', undefined), true);
  });

  it('gives each assignment its status', () => {
    const done = (at: string) => ({ by: 'x', name: 'x', at, eventId: 'e' });
    assert.equal(assignmentStatus(node({ deadline: '2026-12-10' }), TODAY), 'inProgress');
    assert.equal(assignmentStatus(node({ deadline: '2026-12-02' }), TODAY), 'dueSoon');
    assert.equal(assignmentStatus(node({ deadline: '2026-11-30' }), TODAY), 'overdue');
    assert.equal(
      assignmentStatus(node({ deadline: '2026-11-30', state: 'completed', completed: done('2026-11-29T03:00:00Z') }), TODAY),
      'doneOnTime',
    );
    assert.equal(
      assignmentStatus(node({ deadline: '2026-11-30', state: 'completed', completed: done('2026-12-01T03:00:00Z') }), TODAY),
      'doneLate',
    );
    assert.equal(assignmentStatus(node({ state: 'returned', deadline: '2026-11-01' }), TODAY), 'returned');
    assert.equal(assignmentStatus(node({ state: 'withdrawn', deadline: '2026-11-01' }), TODAY), 'withdrawn');
    assert.equal(assignmentStatus(node({ role: 'forInformation' }), TODAY), 'forInformation');
    assert.equal(assignmentStatus(node({ role: 'forInformation', state: 'returned' }), TODAY), 'returned');
  });

  it('uses the extended deadline for on time/late, and shows both dates', () => {
    const s = incoming((d) => [
      ev(d, 'directed', 'leader', { assignments: [{ assignee: VP, role: 'lead', deadline: '2026-11-25' }] }),
      ev(d, 'extensionRequested', 'headVp', { assignee: VP, requestedDeadline: '2026-12-05', note: 'Chờ số liệu' }),
    ]);
    const pending = deadlineInfo(s.assignments[0]!, TODAY);
    assert.deepEqual(pending, { extended: false, original: '2026-11-25', current: '2026-11-25', requested: '2026-12-05', daysLeft: -6 });
    assert.equal(assignmentStatus(s.assignments[0]!, TODAY), 'overdue');
    const accepted = incoming((d) => [...s.applied, ev(d, 'extensionAnswered', 'leader', { assignee: VP, accepted: true })]);
    assert.deepEqual(deadlineInfo(accepted.assignments[0]!, TODAY), {
      extended: true,
      original: '2026-11-25',
      current: '2026-12-05',
      daysLeft: 4,
    });
    assert.equal(assignmentStatus(accepted.assignments[0]!, TODAY), 'inProgress');
    const done = incoming((d) => [...accepted.applied, at(ev(d, 'completed', 'headVp', { assignee: VP }), '2026-12-03T10:00:00+07:00')]);
    assert.equal(assignmentStatus(done.assignments[0]!, TODAY), 'doneOnTime');
    assert.equal(deadlineInfo(done.assignments[0]!, TODAY).daysLeft, undefined);
  });
});

describe('overall status', () => {
  it('walks from awaiting direction to done', () => {
    assert.equal(
      overallStatus(
        incoming(() => []),
        TODAY,
      ),
      'awaitingDirection',
    );
    const directed = incoming((d) => [
      ev(d, 'directed', 'leader', {
        assignments: [
          { assignee: VP, role: 'lead', deadline: '2026-12-02' },
          { assignee: KT, role: 'coordinating', deadline: '2026-11-20' },
        ],
      }),
    ]);
    assert.equal(overallStatus(directed, TODAY), 'dueSoon'); // the lead's status, not the overdue coordinator's
    assert.equal(overallStatus(directed, '2026-11-25'), 'inProgress');
    assert.equal(overallStatus(directed, '2026-12-03'), 'overdue');
    const done = incoming((d) => [...directed.applied, at(ev(d, 'completed', 'headVp', { assignee: VP }), '2026-12-02T20:00:00+07:00')]);
    assert.equal(overallStatus(done, '2027-01-01'), 'doneOnTime');
    const late = incoming((d) => [...directed.applied, at(ev(d, 'completed', 'headVp', { assignee: VP }), '2026-12-03T08:00:00+07:00')]);
    assert.equal(overallStatus(late, '2027-01-01'), 'doneLate');
  });

  it('shows a document handed back by its lead as returned until re-directed', () => {
    const s = incoming((d) => [
      ev(d, 'directed', 'leader', { assignments: [{ assignee: VP, role: 'lead' }] }),
      ev(d, 'returned', 'headVp', { assignee: VP, returnReason: 'wrongRecipient' }),
    ]);
    assert.equal(overallStatus(s, TODAY), 'returned');
    // the leader names another lead: the returned unit stays listed as returned, the document moves on
    const redirected = incoming((d) => [
      ...s.applied,
      ev(d, 'directed', 'leader', { assignments: [{ assignee: KT, role: 'lead', deadline: '2026-12-20' }] }),
    ]);
    assert.equal(redirected.phase, 'inProgress');
    assert.equal(overallStatus(redirected, TODAY), 'inProgress');
    assert.deepEqual(
      redirected.assignments.map((a) => [a.key, a.state]),
      [
        ['unit:vp', 'returned'],
        ['unit:kt', 'open'],
      ],
    );
    const done = incoming((d) => [...redirected.applied, ev(d, 'completed', 'headKt', { assignee: KT })]);
    assert.equal(done.phase, 'completed');
    assert.equal(overallStatus(done, TODAY), 'doneOnTime');
  });

  it('is for information when the direction named no lead, in progress while coordinators work', () => {
    const info = incoming((d) => [ev(d, 'directed', 'leader', { assignments: [{ assignee: TUAN, role: 'forInformation' }] })]);
    assert.equal(info.phase, 'inProgress');
    assert.equal(overallStatus(info, TODAY), 'forInformation');
  });

  it('is withdrawn once recalled by the sender', () => {
    const copy = incoming((d) => [ev(d, 'registered', 'server'), ev(d, 'recalled', 'server')], { createdBy: 'system' });
    assert.equal(overallStatus(copy, TODAY), 'withdrawn');
  });
});

describe('processing report', () => {
  const docA = (d: IncomingDocument) => [
    at(
      ev(d, 'directed', 'leader', {
        assignments: [
          { assignee: VP, role: 'lead', deadline: '2026-11-25' },
          { assignee: KT, role: 'coordinating', deadline: '2026-11-25' },
          { assignee: TUAN, role: 'forInformation' },
        ],
      }),
      '2026-11-20T09:00:00+07:00',
    ),
    at(ev(d, 'forwarded', 'headVp', { assignee: VP, assignments: [{ assignee: AN, role: 'lead' }] }), '2026-11-20T10:00:00+07:00'),
    at(ev(d, 'completed', 'staffVp', { assignee: AN }), '2026-11-24T10:00:00+07:00'),
  ];
  const a = incoming(docA, { _id: 'officialDocument:A' });
  const b = incoming(
    (d) => [
      at(
        ev(d, 'directed', 'leader', { assignments: [{ assignee: VP, role: 'lead', deadline: '2026-11-28' }] }),
        '2026-11-21T09:00:00+07:00',
      ),
      at(ev(d, 'completed', 'headVp', { assignee: VP }), '2026-11-30T09:00:00+07:00'),
    ],
    { _id: 'officialDocument:B' },
  );
  const c = incoming(
    (d) => [
      at(
        ev(d, 'directed', 'leader', {
          assignments: [
            { assignee: KT, role: 'lead', deadline: '2026-12-20' },
            { assignee: AN, role: 'coordinating', deadline: '2026-11-29' },
          ],
        }),
        '2026-11-22T09:00:00+07:00',
      ),
    ],
    { _id: 'officialDocument:C' },
  );
  const returned = incoming(
    (d) => [
      at(ev(d, 'directed', 'leader', { assignments: [{ assignee: KT, role: 'lead' }] }), '2026-12-01T09:00:00+07:00'),
      ev(d, 'returned', 'headKt', { assignee: KT, returnReason: 'wrongRecipient' }),
    ],
    { _id: 'officialDocument:D' },
  );

  it('counts per unit and per person: received, on time, late, in progress, overdue, returned', () => {
    const report = processingReport([a, b, c, returned], TODAY);
    const pick = (r: (typeof report.units)[number]) => [r.key, r.received, r.doneOnTime, r.doneLate, r.inProgress, r.overdue, r.returned];
    assert.deepEqual(report.units.map(pick), [
      ['unit:kt', 3, 1, 0, 1, 0, 1], // A closed with the document on 24/11 (on time), C in progress, D returned
      ['unit:vp', 2, 1, 1, 0, 0, 0],
    ]);
    assert.deepEqual(report.persons.map(pick), [['person:an.nguyen', 2, 1, 0, 0, 1, 0]]);
    const vp = report.units.find((r) => r.key === 'unit:vp')!;
    assert.deepEqual(vp.documents.doneLate, ['officialDocument:B']);
    assert.deepEqual(report.persons[0]!.documents.overdue, ['officialDocument:C']);
  });

  it('leaves out for-information, withdrawn and recalled, and filters by the day assigned', () => {
    const recalled = incoming((d) => [ev(d, 'registered', 'server'), ...docA(d).slice(0, 1), ev(d, 'recalled', 'server')], {
      _id: 'officialDocument:R',
      createdBy: 'system',
    });
    const report = processingReport([a, recalled], TODAY);
    assert.equal(
      report.persons.some((r) => r.key === 'person:tuan.pham'),
      false,
    );
    assert.deepEqual(
      report.units.map((r) => [r.key, r.received]),
      [
        ['unit:kt', 1],
        ['unit:vp', 1],
      ],
    );
    const ranged = processingReport([a, b, c], TODAY, { from: '2026-11-21', to: '2026-11-21' });
    assert.deepEqual(
      ranged.units.map((r) => [r.key, r.received]),
      [['unit:vp', 1]],
    );
    assert.deepEqual(ranged.persons, []);
    assert.deepEqual(processingReport([], TODAY), { units: [], persons: [] });
  });

  it('counts a person once per document even when assigned twice', () => {
    const twice = incoming(
      (d) => [
        ev(d, 'directed', 'leader', {
          assignments: [
            { assignee: VP, role: 'lead' },
            { assignee: AN, role: 'coordinating' },
          ],
        }),
        ev(d, 'forwarded', 'headVp', { assignee: VP, assignments: [{ assignee: AN, role: 'lead' }] }),
      ],
      { _id: 'officialDocument:T' },
    );
    const report = processingReport([twice], TODAY);
    assert.equal(report.persons.find((r) => r.id === people.staffVp.name)?.received, 1);
  });
});
