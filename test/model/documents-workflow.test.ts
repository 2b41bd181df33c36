import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type DocumentState,
  type EventInput,
  type IncomingState,
  type OutgoingState,
  canApply,
  deriveState,
} from '../../src/model/documents/workflow.ts';
import type { OfficialDocumentEvent, OfficialDocumentEventKind } from '../../src/model/documents/types.ts';
import { availableActions } from '../../src/model/documents/actions.ts';
import { AN, KT, PERSON_KEYS, type PersonKey, TUAN, VP, ev, incomingDoc, outgoingDoc, people } from './documents-fixtures.ts';

const DEADLINE = '2026-12-10';
const IN = incomingDoc();
const OUT = outgoingDoc();

/** Derives the state and insists every event applied. */
function build(doc: typeof IN | typeof OUT, events: OfficialDocumentEvent[]): DocumentState {
  const state = deriveState(doc, events);
  assert.deepEqual(
    state.ignored.map((i) => `${i.event.kind}: ${i.reason}`),
    [],
    'fixture events all apply',
  );
  return state;
}

// ————————————————————————————————————————————— incoming fixtures: one event list per state

const inc = {
  registeredEv: ev(IN, 'registered', 'clerk'),
  numberedEv: ev(IN, 'numbered', 'server', { book: 'incoming', year: 2026, number: 5 }),
  directedEv: ev(IN, 'directed', 'leader', {
    note: 'Giao Văn phòng chủ trì, Kinh tế phối hợp.',
    assignments: [
      { assignee: VP, role: 'lead', deadline: DEADLINE },
      { assignee: KT, role: 'coordinating', deadline: DEADLINE },
    ],
  }),
  forwardedEv: ev(IN, 'forwarded', 'headVp', {
    assignee: VP,
    note: 'Đồng chí An xử lý.',
    assignments: [{ assignee: AN, role: 'lead', deadline: '2026-12-08' }],
  }),
  extVpEv: ev(IN, 'extensionRequested', 'headVp', { assignee: VP, requestedDeadline: '2026-12-20', note: 'Cần thêm số liệu' }),
  extAnEv: ev(IN, 'extensionRequested', 'staffVp', { assignee: AN, requestedDeadline: '2026-12-09', note: 'Chờ số liệu' }),
  returnedEv: ev(IN, 'returned', 'headVp', { assignee: VP, returnReason: 'wrongRecipient', note: 'Không thuộc chức năng' }),
  completedEv: ev(IN, 'completed', 'staffVp', { assignee: AN, note: 'Đã tổ chức xong' }),
  recalledEv: ev(IN, 'recalled', 'server', { note: 'Thu hồi' }),
};

const incomingStates: Record<string, IncomingState> = {
  new: build(IN, []) as IncomingState,
  registered: build(IN, [inc.registeredEv]) as IncomingState,
  numbered: build(IN, [inc.registeredEv, inc.numberedEv]) as IncomingState,
  directed: build(IN, [inc.registeredEv, inc.numberedEv, inc.directedEv]) as IncomingState,
  forwarded: build(IN, [inc.registeredEv, inc.numberedEv, inc.directedEv, inc.forwardedEv]) as IncomingState,
  extensionPending: build(IN, [
    inc.registeredEv,
    inc.numberedEv,
    inc.directedEv,
    inc.forwardedEv,
    inc.extVpEv,
    inc.extAnEv,
  ]) as IncomingState,
  leadReturned: build(IN, [inc.registeredEv, inc.numberedEv, inc.directedEv, inc.forwardedEv, inc.returnedEv]) as IncomingState,
  completed: build(IN, [inc.registeredEv, inc.numberedEv, inc.directedEv, inc.forwardedEv, inc.completedEv]) as IncomingState,
  recalled: build(IN, [inc.registeredEv, inc.numberedEv, inc.directedEv, inc.forwardedEv, inc.recalledEv]) as IncomingState,
};

/** Event payloads tried in every state; the label says which assignee it targets. */
const incomingRows: Record<string, EventInput> = {
  registered: { kind: 'registered' },
  numbered: { kind: 'numbered', book: 'incoming', year: 2026, number: 6 },
  directed: { kind: 'directed', assignments: [{ assignee: VP, role: 'lead', deadline: DEADLINE }] },
  'delivered@vp': { kind: 'delivered', assignee: VP },
  'forwarded@vp': { kind: 'forwarded', assignee: VP, assignments: [{ assignee: AN, role: 'lead' }] },
  read: { kind: 'read' },
  'read@vp': { kind: 'read', assignee: VP },
  'read@an': { kind: 'read', assignee: AN },
  'progress@vp': { kind: 'progress', assignee: VP, percent: 50, note: 'Đang làm' },
  'progress@an': { kind: 'progress', assignee: AN, note: 'Đang làm' },
  'returned@vp': { kind: 'returned', assignee: VP, returnReason: 'needsDirection' },
  'returned@an': { kind: 'returned', assignee: AN, returnReason: 'wrongRecipient' },
  'extensionRequested@vp': { kind: 'extensionRequested', assignee: VP, requestedDeadline: '2026-12-30' },
  'extensionRequested@an': { kind: 'extensionRequested', assignee: AN, requestedDeadline: '2026-12-09' },
  'extensionAnswered@vp': { kind: 'extensionAnswered', assignee: VP, accepted: true },
  'extensionAnswered@an': { kind: 'extensionAnswered', assignee: AN, accepted: false },
  'completed@vp': { kind: 'completed', assignee: VP },
  'completed@kt': { kind: 'completed', assignee: KT },
  'completed@an': { kind: 'completed', assignee: AN },
  recalled: { kind: 'recalled' },
  replaced: { kind: 'replaced', replacementId: 'officialDocument:01JREPLACEMENT00000000000000' },
  // outgoing-only steps never apply to an incoming document
  submitted: { kind: 'submitted' },
  reviewComment: { kind: 'reviewComment', note: 'x' },
  forwardedToLeader: { kind: 'forwardedToLeader' },
  changesRequested: { kind: 'changesRequested', note: 'x' },
  newVersion: { kind: 'newVersion', version: 2 },
  approved: { kind: 'approved' },
  issued: { kind: 'issued' },
  dispatched: { kind: 'dispatched' },
};

const readers: PersonKey[] = ['clerk', 'leader', 'leader2', 'headVp', 'headKt', 'staffVp', 'staffKt'];
const vpReaders: PersonKey[] = ['clerk', 'headVp', 'staffVp'];

/** Who may do each row, per state; every other (row, person) pair must be refused. */
const incomingAllowed: Record<string, Partial<Record<keyof typeof incomingRows, PersonKey[]>>> = {
  new: {
    registered: ['clerk'],
    numbered: ['server'],
    directed: ['leader', 'leader2'],
    read: readers,
    recalled: ['server'],
    replaced: ['server'],
  },
  registered: { numbered: ['server'], directed: ['leader', 'leader2'], read: readers, recalled: ['server'], replaced: ['server'] },
  numbered: { directed: ['leader', 'leader2'], read: readers, recalled: ['server'], replaced: ['server'] },
  directed: {
    directed: ['leader', 'leader2'],
    'delivered@vp': ['server'],
    'forwarded@vp': ['headVp'],
    read: readers,
    'read@vp': vpReaders,
    'progress@vp': ['headVp'],
    'returned@vp': ['headVp'],
    'extensionRequested@vp': ['headVp'],
    'completed@vp': ['headVp'],
    'completed@kt': ['headKt'],
    recalled: ['server'],
    replaced: ['server'],
  },
  forwarded: {
    directed: ['leader', 'leader2'],
    'delivered@vp': ['server'],
    'forwarded@vp': ['headVp'],
    read: readers,
    'read@vp': vpReaders,
    'read@an': ['staffVp'],
    'progress@vp': ['headVp'],
    'progress@an': ['staffVp'],
    'returned@vp': ['headVp'],
    'returned@an': ['staffVp'],
    'extensionRequested@vp': ['headVp'],
    'extensionRequested@an': ['staffVp'],
    'completed@vp': ['headVp'],
    'completed@kt': ['headKt'],
    'completed@an': ['staffVp'],
    recalled: ['server'],
    replaced: ['server'],
  },
  extensionPending: {
    directed: ['leader', 'leader2'],
    'delivered@vp': ['server'],
    'forwarded@vp': ['headVp'],
    read: readers,
    'read@vp': vpReaders,
    'read@an': ['staffVp'],
    'progress@vp': ['headVp'],
    'progress@an': ['staffVp'],
    'returned@vp': ['headVp'],
    'returned@an': ['staffVp'],
    'extensionAnswered@vp': ['leader', 'leader2'],
    'extensionAnswered@an': ['headVp'],
    'completed@vp': ['headVp'],
    'completed@kt': ['headKt'],
    'completed@an': ['staffVp'],
    recalled: ['server'],
    replaced: ['server'],
  },
  leadReturned: {
    directed: ['leader', 'leader2'],
    'delivered@vp': ['server'],
    read: readers,
    'read@vp': vpReaders,
    'completed@kt': ['headKt'],
    recalled: ['server'],
    replaced: ['server'],
  },
  completed: {
    'delivered@vp': ['server'],
    read: readers,
    'read@vp': vpReaders,
    'read@an': ['staffVp'],
    recalled: ['server'],
    replaced: ['server'],
  },
  recalled: { read: readers, 'read@vp': vpReaders, 'read@an': ['staffVp'] },
};

// ————————————————————————————————————————————— outgoing fixtures

const out = {
  submittedEv: ev(OUT, 'submitted', 'staffVp'),
  commentEv: ev(OUT, 'reviewComment', 'headVp', { note: 'Sửa trích yếu', version: 1 }),
  changesEv: ev(OUT, 'changesRequested', 'headVp', { note: 'Bổ sung số liệu' }),
  versionEv: ev(OUT, 'newVersion', 'staffVp', {
    version: 2,
    files: [
      {
        fileId: 'file:01JFILEV2',
        name: 'du-thao-v2.docx',
        contentType: 'application/msword',
        size: 900,
        sha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
      },
    ],
  }),
  resubmittedEv: ev(OUT, 'submitted', 'staffVp'),
  toLeaderEv: ev(OUT, 'forwardedToLeader', 'headVp'),
  approvedEv: ev(OUT, 'approved', 'leader', {
    approval: { algorithm: 'ECDSA-P256-SHA256', keyId: 'k1', digest: 'ZA==', signature: 'cw==' },
  }),
  numberedEv: ev(OUT, 'numbered', 'server', {
    book: 'outgoing',
    year: 2026,
    number: 120,
    numberSymbol: '120/UBND-VP',
    issuedOn: '2026-11-21',
  }),
  issuedEv: ev(OUT, 'issued', 'clerk'),
  recalledEv: ev(OUT, 'recalled', 'leader', { note: 'Sai số liệu' }),
  replacedEv: ev(OUT, 'replaced', 'clerk', { replacementId: 'officialDocument:01JREPLACEMENT00000000000000' }),
};
const upTo = (n: number): OfficialDocumentEvent[] => Object.values(out).slice(0, n);

const outgoingStates: Record<string, OutgoingState> = {
  draft: build(OUT, []) as OutgoingState,
  submitted: build(OUT, upTo(2)) as OutgoingState,
  changesRequested: build(OUT, upTo(3)) as OutgoingState,
  withLeader: build(OUT, upTo(6)) as OutgoingState,
  approved: build(OUT, upTo(7)) as OutgoingState,
  numbered: build(OUT, upTo(8)) as OutgoingState,
  issued: build(OUT, upTo(9)) as OutgoingState,
  recalled: build(OUT, upTo(10)) as OutgoingState,
  replaced: build(OUT, [...upTo(9), out.replacedEv]) as OutgoingState,
};

const outgoingRows: Record<string, EventInput> = {
  submitted: { kind: 'submitted' },
  // the version after the current one (the changesRequested fixture is still on version 1)
  newVersion: { kind: 'newVersion', version: 2 },
  reviewComment: { kind: 'reviewComment', note: 'Góp ý' },
  forwardedToLeader: { kind: 'forwardedToLeader' },
  changesRequested: { kind: 'changesRequested', note: 'Sửa lại' },
  approved: { kind: 'approved' },
  numbered: { kind: 'numbered', book: 'outgoing', year: 2026, number: 121, numberSymbol: '121/UBND-VP', issuedOn: '2026-11-22' },
  issued: { kind: 'issued' },
  dispatched: { kind: 'dispatched', dispatchMethod: 'post', recipients: ['UBND Quận 1'], dispatchedOn: '2026-11-22' },
  'delivered@kt': { kind: 'delivered', assignee: KT },
  recalled: { kind: 'recalled', note: 'Thu hồi' },
  replaced: { kind: 'replaced', replacementId: 'officialDocument:01JREPLACEMENT00000000000000' },
  read: { kind: 'read' },
  // incoming-only steps never apply to an outgoing document
  registered: { kind: 'registered' },
  directed: { kind: 'directed', assignments: [{ assignee: VP, role: 'lead' }] },
  forwarded: { kind: 'forwarded', assignee: VP, assignments: [{ assignee: AN, role: 'lead' }] },
  progress: { kind: 'progress', assignee: VP },
  returned: { kind: 'returned', assignee: VP, returnReason: 'other', note: 'x' },
  extensionRequested: { kind: 'extensionRequested', assignee: VP, requestedDeadline: '2027-01-01' },
  extensionAnswered: { kind: 'extensionAnswered', assignee: VP, accepted: true },
  completed: { kind: 'completed', assignee: VP },
};

const everyoneActive: PersonKey[] = ['clerk', 'leader', 'leader2', 'headVp', 'headKt', 'staffVp', 'staffKt'];
const reviewers: PersonKey[] = ['headVp', 'leader', 'leader2'];

const outgoingAllowed: Record<string, Partial<Record<keyof typeof outgoingRows, PersonKey[]>>> = {
  draft: { submitted: ['staffVp'], newVersion: ['staffVp', 'headVp'], reviewComment: reviewers, read: everyoneActive },
  submitted: { reviewComment: reviewers, forwardedToLeader: ['headVp'], changesRequested: reviewers, read: everyoneActive },
  changesRequested: { submitted: ['staffVp'], newVersion: ['staffVp', 'headVp'], reviewComment: reviewers, read: everyoneActive },
  withLeader: { reviewComment: reviewers, changesRequested: ['leader', 'leader2'], approved: ['leader'], read: everyoneActive },
  approved: { numbered: ['server'], read: everyoneActive },
  numbered: { issued: ['clerk'], read: everyoneActive },
  issued: {
    dispatched: ['clerk'],
    'delivered@kt': ['server'],
    recalled: ['leader', 'leader2', 'clerk'],
    replaced: ['leader', 'leader2', 'clerk'],
    read: everyoneActive,
  },
  recalled: { read: everyoneActive },
  replaced: { read: everyoneActive },
};

function runTable(
  states: Record<string, DocumentState>,
  rows: Record<string, EventInput>,
  allowed: Record<string, Partial<Record<string, PersonKey[]>>>,
): number {
  let cases = 0;
  const failures: string[] = [];
  for (const [stateName, state] of Object.entries(states)) {
    for (const [rowName, event] of Object.entries(rows)) {
      const who = allowed[stateName]![rowName] ?? [];
      for (const person of PERSON_KEYS) {
        cases++;
        const result = canApply(state, event, people[person]);
        const expected = who.includes(person);
        if (result.ok !== expected)
          failures.push(
            `${stateName} × ${rowName} × ${person}: expected ${expected ? 'allowed' : 'refused'}, got ${JSON.stringify(result)}`,
          );
      }
    }
  }
  assert.deepEqual(failures, []);
  return cases;
}

describe('official document workflow: who may do what when', () => {
  it('incoming: every step × every state × every role, allowed exactly as the table says', () => {
    const cases = runTable(incomingStates, incomingRows, incomingAllowed);
    assert.equal(cases, Object.keys(incomingStates).length * Object.keys(incomingRows).length * PERSON_KEYS.length);
  });

  it('outgoing: every step × every state × every role, allowed exactly as the table says', () => {
    const cases = runTable(outgoingStates, outgoingRows, outgoingAllowed);
    assert.equal(cases, Object.keys(outgoingStates).length * Object.keys(outgoingRows).length * PERSON_KEYS.length);
  });

  it('the tables cover every event kind', () => {
    const kinds: OfficialDocumentEventKind[] = [
      'registered',
      'numbered',
      'directed',
      'delivered',
      'forwarded',
      'read',
      'progress',
      'returned',
      'extensionRequested',
      'extensionAnswered',
      'completed',
      'submitted',
      'reviewComment',
      'forwardedToLeader',
      'changesRequested',
      'newVersion',
      'approved',
      'issued',
      'dispatched',
      'recalled',
      'replaced',
    ];
    for (const rows of [incomingRows, outgoingRows]) {
      const covered = new Set(Object.values(rows).map((r) => r.kind));
      assert.deepEqual(
        kinds.filter((k) => !covered.has(k)),
        [],
      );
    }
  });

  it('names the reason for refusals', () => {
    const s = incomingStates;
    const reason = (state: DocumentState, e: EventInput, who: PersonKey) => {
      const r = canApply(state, e, people[who]);
      return r.ok ? 'ok' : r.reason;
    };
    assert.equal(reason(s.new!, { kind: 'read' }, 'disabled'), 'inactive');
    assert.equal(reason(s.new!, { kind: 'read', documentId: 'officialDocument:other' }, 'clerk'), 'wrongDocument');
    assert.equal(reason(s.new!, { kind: 'approved' }, 'leader'), 'wrongDirection');
    assert.equal(reason(s.new!, { kind: 'numbered', book: 'incoming', year: 2026, number: 1 }, 'clerk'), 'serverOnly');
    assert.equal(reason(s.new!, { kind: 'directed', assignments: [{ assignee: VP, role: 'lead' }] }, 'server'), 'peopleOnly');
    assert.equal(reason(s.new!, { kind: 'registered' }, 'staffVp'), 'notClerk');
    assert.equal(reason(s.registered!, { kind: 'registered' }, 'clerk'), 'alreadyRegistered');
    assert.equal(reason(s.numbered!, incomingRows.numbered!, 'server'), 'alreadyNumbered');
    assert.equal(reason(s.new!, { kind: 'numbered', book: 'outgoing', year: 2026, number: 1 }, 'server'), 'badNumber');
    assert.equal(reason(s.new!, { kind: 'numbered', book: 'incoming', year: 2026, number: 0 }, 'server'), 'badNumber');
    assert.equal(reason(s.numbered!, incomingRows.directed!, 'headVp'), 'notLeader');
    assert.equal(reason(s.numbered!, { kind: 'directed', assignments: [] }, 'leader'), 'badAssignments');
    assert.equal(
      reason(s.numbered!, { kind: 'directed', assignments: [{ assignee: KT, role: 'coordinating' }] }, 'leader'),
      'badAssignments',
    );
    assert.equal(
      reason(
        s.numbered!,
        {
          kind: 'directed',
          assignments: [
            { assignee: VP, role: 'lead' },
            { assignee: KT, role: 'lead' },
          ],
        },
        'leader',
      ),
      'badAssignments',
    );
    assert.equal(
      reason(
        s.numbered!,
        {
          kind: 'directed',
          assignments: [
            { assignee: VP, role: 'lead' },
            { assignee: VP, role: 'coordinating' },
          ],
        },
        'leader',
      ),
      'badAssignments',
    );
    assert.equal(
      reason(s.numbered!, { kind: 'directed', assignments: [{ assignee: VP, role: 'lead', deadline: '10/12/2026' }] }, 'leader'),
      'badDeadline',
    );
    assert.equal(
      reason(s.numbered!, { kind: 'directed', assignments: [{ assignee: TUAN, role: 'forInformation', deadline: DEADLINE }] }, 'leader'),
      'badDeadline',
    );
    assert.equal(reason(s.directed!, incomingRows['forwarded@vp']!, 'staffVp'), 'notUnitHead');
    assert.equal(
      reason(s.directed!, { kind: 'forwarded', assignee: KT, assignments: [{ assignee: AN, role: 'lead' }] }, 'headVp'),
      'notUnitHead',
    );
    assert.equal(
      reason(s.directed!, { kind: 'forwarded', assignee: VP, assignments: [{ assignee: KT, role: 'lead' }] }, 'headVp'),
      'badAssignments',
    );
    assert.equal(
      reason(
        s.directed!,
        { kind: 'forwarded', assignee: VP, assignments: [{ assignee: AN, role: 'lead', deadline: '2026-12-11' }] },
        'headVp',
      ),
      'deadlineAfterParent',
    );
    assert.equal(
      reason(s.forwarded!, { kind: 'forwarded', assignee: AN, assignments: [{ assignee: AN, role: 'lead' }] }, 'staffVp'),
      'cannotForward',
    );
    assert.equal(reason(s.directed!, incomingRows['progress@vp']!, 'staffVp'), 'notAssignee');
    assert.equal(reason(s.directed!, incomingRows['progress@an']!, 'staffVp'), 'noSuchAssignment');
    assert.equal(reason(s.directed!, { kind: 'progress', assignee: VP, percent: 101 }, 'headVp'), 'badPercent');
    assert.equal(reason(s.directed!, { kind: 'progress', assignee: VP, percent: 2.5 }, 'headVp'), 'badPercent');
    assert.equal(reason(s.directed!, { kind: 'returned', assignee: VP }, 'headVp'), 'reasonRequired');
    assert.equal(reason(s.directed!, { kind: 'returned', assignee: VP, note: '  ' }, 'headVp'), 'reasonRequired');
    assert.equal(reason(s.directed!, { kind: 'returned', assignee: VP, note: 'Sai đơn vị' }, 'headVp'), 'ok');
    assert.equal(reason(s.directed!, { kind: 'extensionRequested', assignee: VP, requestedDeadline: DEADLINE }, 'headVp'), 'badExtension');
    assert.equal(reason(s.directed!, { kind: 'extensionRequested', assignee: VP }, 'headVp'), 'badExtension');
    assert.equal(reason(s.extensionPending!, incomingRows['extensionRequested@vp']!, 'headVp'), 'extensionPending');
    assert.equal(reason(s.directed!, incomingRows['extensionAnswered@vp']!, 'leader'), 'noExtensionPending');
    assert.equal(reason(s.extensionPending!, incomingRows['extensionAnswered@vp']!, 'headVp'), 'notAssigner');
    assert.equal(reason(s.extensionPending!, incomingRows['extensionAnswered@an']!, 'leader'), 'notAssigner');
    assert.equal(reason(s.extensionPending!, { kind: 'extensionAnswered', assignee: VP }, 'leader'), 'badExtension');
    assert.equal(reason(s.leadReturned!, incomingRows['progress@vp']!, 'headVp'), 'assignmentClosed');
    assert.equal(reason(s.leadReturned!, incomingRows['forwarded@vp']!, 'headVp'), 'assignmentClosed');
    assert.equal(reason(s.completed!, incomingRows['progress@an']!, 'staffVp'), 'completed');
    assert.equal(reason(s.completed!, incomingRows.directed!, 'leader'), 'completed');
    assert.equal(reason(s.recalled!, incomingRows['progress@an']!, 'staffVp'), 'recalled');
    assert.equal(reason(s.directed!, { kind: 'recalled' }, 'leader'), 'serverOnly');
    assert.equal(reason(s.directed!, { kind: 'replaced' }, 'server'), 'missingReplacement');
    assert.equal(reason(s.directed!, { kind: 'delivered', assignee: AN }, 'server'), 'noSuchAssignment');
    const delivered = deriveState(IN, [inc.directedEv, ev(IN, 'delivered', 'server', { assignee: VP })]);
    assert.equal(reason(delivered, incomingRows['delivered@vp']!, 'server'), 'alreadyDelivered');

    const o = outgoingStates;
    assert.equal(reason(o.draft!, { kind: 'submitted' }, 'headVp'), 'notAuthor');
    assert.equal(reason(o.draft!, { kind: 'newVersion', version: 3 }, 'staffVp'), 'badVersion');
    assert.equal(reason(o.submitted!, { kind: 'newVersion', version: 2 }, 'staffVp'), 'wrongPhase');
    assert.equal(reason(o.draft!, { kind: 'reviewComment', note: ' ' }, 'headVp'), 'reasonRequired');
    assert.equal(reason(o.draft!, { kind: 'reviewComment', note: 'x' }, 'headKt'), 'notUnitHead');
    assert.equal(reason(o.submitted!, { kind: 'changesRequested' }, 'headVp'), 'reasonRequired');
    assert.equal(reason(o.withLeader!, { kind: 'changesRequested', note: 'x' }, 'headVp'), 'notLeader');
    assert.equal(reason(o.withLeader!, { kind: 'approved' }, 'leader2'), 'notSigner');
    assert.equal(reason(o.withLeader!, { kind: 'approved' }, 'headVp'), 'notLeader');
    assert.equal(reason(o.submitted!, { kind: 'approved' }, 'leader'), 'wrongPhase');
    assert.equal(reason(o.approved!, { kind: 'numbered', book: 'outgoing', year: 2026, number: 3 }, 'server'), 'badNumber');
    assert.equal(
      reason(
        o.approved!,
        { kind: 'numbered', book: 'outgoingConfidential', year: 2026, number: 3, numberSymbol: '03/UBND-VP', issuedOn: '2026-11-22' },
        'server',
      ),
      'badNumber',
    );
    assert.equal(reason(o.numbered!, outgoingRows.numbered!, 'server'), 'alreadyNumbered');
    assert.equal(reason(o.numbered!, { kind: 'issued' }, 'leader'), 'notClerk');
    assert.equal(reason(o.approved!, { kind: 'issued' }, 'clerk'), 'wrongPhase');
    assert.equal(reason(o.issued!, { kind: 'delivered', assignee: VP }, 'server'), 'notRecipient');
    assert.equal(reason(o.issued!, { kind: 'replaced' }, 'clerk'), 'missingReplacement');
    assert.equal(reason(o.issued!, { kind: 'recalled' }, 'staffVp'), 'notLeader');
    assert.equal(reason(o.recalled!, { kind: 'dispatched' }, 'clerk'), 'recalled');
    assert.equal(reason(o.draft!, { kind: 'issued' }, 'server'), 'peopleOnly');
  });

  it('lets a unit head send their own draft straight to the leader', () => {
    const own = outgoingDoc({ createdBy: people.headVp.name });
    const state = deriveState(own, []);
    assert.deepEqual(canApply(state, { kind: 'forwardedToLeader' }, people.headVp), { ok: true });
    const afterChanges = build(own, [
      ev(own, 'forwardedToLeader', 'headVp'),
      ev(own, 'changesRequested', 'leader', { note: 'Sửa' }),
    ]) as OutgoingState;
    assert.equal(afterChanges.phase, 'changesRequested');
    assert.deepEqual(canApply(afterChanges, { kind: 'forwardedToLeader' }, people.headVp), { ok: true });
  });

  it('routes a confidential document to the named leader and to persons only', () => {
    const secret = incomingDoc({ confidentiality: 'secret', routeTo: people.leader.name });
    const state = deriveState(secret, [ev(secret, 'registered', 'clerk')]);
    const toPerson = { kind: 'directed' as const, assignments: [{ assignee: AN, role: 'lead' as const }] };
    assert.deepEqual(canApply(state, toPerson, people.leader), { ok: true });
    assert.deepEqual(canApply(state, toPerson, people.leader2), { ok: false, reason: 'notRouteTo' });
    assert.deepEqual(canApply(state, { kind: 'directed', assignments: [{ assignee: VP, role: 'lead' }] }, people.leader), {
      ok: false,
      reason: 'badAssignments',
    });
    assert.deepEqual(canApply(state, { kind: 'numbered', book: 'incoming', year: 2026, number: 1 }, people.server), {
      ok: false,
      reason: 'badNumber',
    });
    assert.deepEqual(canApply(state, { kind: 'numbered', book: 'incomingConfidential', year: 2026, number: 1 }, people.server), {
      ok: true,
    });
  });

  it('checks that a forwarded person belongs to the unit when the directory is given', () => {
    const ctx = { membersOf: (unit: string) => (unit === 'vp' ? [people.headVp.name, people.staffVp.name] : []) };
    const e: EventInput = { kind: 'forwarded', assignee: VP, assignments: [{ assignee: TUAN, role: 'lead' }] };
    assert.deepEqual(canApply(incomingStates.directed!, e, people.headVp, ctx), { ok: false, reason: 'notMember' });
    assert.deepEqual(canApply(incomingStates.directed!, e, people.headVp), { ok: true });
    assert.deepEqual(canApply(incomingStates.directed!, incomingRows['forwarded@vp']!, people.headVp, ctx), { ok: true });
  });

  it('lets the server register and recall internal copies of issued documents', () => {
    const copy = incomingDoc({ createdBy: 'system', sourceDocumentId: OUT._id });
    const state = deriveState(copy, []);
    assert.deepEqual(canApply(state, { kind: 'registered' }, people.server), { ok: true });
    assert.deepEqual(canApply(state, { kind: 'registered' }, people.clerk), { ok: false, reason: 'notAuthor' });
  });
});

describe('deriveState', () => {
  it('derives the incoming tree: direction, forwarding, deadlines inherited and own', () => {
    const s = incomingStates.forwarded!;
    assert.equal(s.phase, 'inProgress');
    assert.equal(s.number?.number, 5);
    assert.equal(s.registered?.by, people.clerk.name);
    assert.deepEqual(
      s.assignments.map((a) => [a.key, a.role, a.state, a.deadline]),
      [
        ['unit:vp', 'lead', 'open', DEADLINE],
        ['unit:vp>person:an.nguyen', 'lead', 'open', '2026-12-08'],
        ['unit:kt', 'coordinating', 'open', DEADLINE],
      ],
    );
    assert.equal(s.assignments[1]!.parentKey, 'unit:vp');
    assert.equal(s.assignments[1]!.direction, 'Đồng chí An xử lý.');
    assert.equal(s.directions[0]!.note, 'Giao Văn phòng chủ trì, Kinh tế phối hợp.');
  });

  it('inherits the document’s own deadline, and the parent’s when forwarding without one', () => {
    const doc = incomingDoc({ deadline: '2026-12-31' });
    const s = build(doc, [
      ev(doc, 'directed', 'leader', {
        assignments: [
          { assignee: VP, role: 'lead' },
          { assignee: TUAN, role: 'forInformation' },
        ],
      }),
      ev(doc, 'forwarded', 'headVp', { assignee: VP, assignments: [{ assignee: AN, role: 'lead' }] }),
    ]) as IncomingState;
    assert.deepEqual(
      s.assignments.map((a) => a.deadline),
      ['2026-12-31', '2026-12-31', undefined],
    );
  });

  it('completes the unit and the document when the forwarded lead person completes; coordinators close with it', () => {
    const s = incomingStates.completed!;
    assert.equal(s.phase, 'completed');
    assert.equal(s.completed?.by, people.staffVp.name);
    const [vp, an, kt] = s.assignments;
    assert.equal(an!.state, 'completed');
    assert.equal(an!.completed?.note, 'Đã tổ chức xong');
    assert.equal(vp!.completed?.closedWith, 'child');
    assert.equal(kt!.completed?.closedWith, 'document');
  });

  it('a coordinator completes only their part', () => {
    const s = build(IN, [inc.directedEv, ev(IN, 'completed', 'headKt', { assignee: KT })]) as IncomingState;
    assert.equal(s.phase, 'inProgress');
    assert.equal(s.completed, undefined);
    assert.equal(s.assignments.find((a) => a.key === 'unit:kt')!.state, 'completed');
  });

  it('a coordinating child completes its part, not the unit’s', () => {
    const s = build(IN, [
      inc.directedEv,
      ev(IN, 'forwarded', 'headVp', { assignee: VP, assignments: [{ assignee: AN, role: 'coordinating' }] }),
      ev(IN, 'completed', 'staffVp', { assignee: AN }),
    ]) as IncomingState;
    assert.equal(s.assignments[0]!.state, 'open');
    assert.equal(s.assignments[1]!.state, 'completed');
  });

  it('a return withdraws the forwarded children and waits for a new direction, which withdraws the old unit', () => {
    const s = incomingStates.leadReturned!;
    assert.equal(s.phase, 'awaitingDirection');
    assert.equal(s.assignments[0]!.state, 'returned');
    assert.equal(s.assignments[0]!.returned?.reason, 'wrongRecipient');
    assert.equal(s.assignments[1]!.state, 'withdrawn');
    const redirected = build(IN, [
      ...s.applied,
      ev(IN, 'directed', 'leader', {
        assignments: [
          { assignee: KT, role: 'lead', deadline: DEADLINE },
          { assignee: VP, role: 'coordinating', deadline: DEADLINE },
        ],
      }),
    ]) as IncomingState;
    assert.equal(redirected.phase, 'inProgress');
    assert.deepEqual(
      redirected.assignments.map((a) => [a.key, a.role, a.state]),
      [
        ['unit:vp', 'coordinating', 'open'],
        ['unit:vp>person:an.nguyen', 'lead', 'withdrawn'],
        ['unit:kt', 'lead', 'open'],
      ],
    );
    const dropped = build(IN, [
      ...redirected.applied,
      ev(IN, 'directed', 'leader', { assignments: [{ assignee: KT, role: 'lead' }] }),
    ]) as IncomingState;
    assert.equal(dropped.assignments.find((a) => a.key === 'unit:vp')!.state, 'withdrawn');
    // named again after being withdrawn: reopens in place, no duplicate node
    const back = build(IN, [
      ...dropped.applied,
      ev(IN, 'directed', 'leader', { assignments: [{ assignee: VP, role: 'lead' }] }),
    ]) as IncomingState;
    assert.deepEqual(
      back.assignments.filter((a) => a.key === 'unit:vp').map((a) => a.state),
      ['open'],
    );
    assert.equal(back.assignments.find((a) => a.key === 'unit:kt')!.state, 'withdrawn');
  });

  it('keeps a completed coordinator’s part when the leader names them again in the same role', () => {
    const s = build(IN, [
      inc.directedEv,
      ev(IN, 'completed', 'headKt', { assignee: KT }),
      ev(IN, 'directed', 'leader', inc.directedEv),
    ]) as IncomingState;
    assert.equal(s.assignments.find((a) => a.key === 'unit:kt')!.state, 'completed');
  });

  it('an accepted extension moves the deadline and keeps the original; a refused one does not', () => {
    const s = build(IN, [
      ...incomingStates.extensionPending!.applied,
      ev(IN, 'extensionAnswered', 'leader', { assignee: VP, accepted: true }),
      ev(IN, 'extensionAnswered', 'headVp', { assignee: AN, accepted: false, note: 'Không gia hạn' }),
    ]) as IncomingState;
    const vp = s.assignments[0]!;
    assert.equal(vp.originalDeadline, DEADLINE);
    assert.equal(vp.deadline, '2026-12-20');
    assert.equal(vp.extensions[0]!.answer?.accepted, true);
    const an = s.assignments[1]!;
    assert.equal(an.deadline, '2026-12-08');
    assert.equal(an.extensions[0]!.answer?.note, 'Không gia hạn');
    // the leader may grant a different date
    const other = build(IN, [
      ...incomingStates.extensionPending!.applied,
      ev(IN, 'extensionAnswered', 'leader', { assignee: VP, accepted: true, requestedDeadline: '2026-12-15' }),
    ]) as IncomingState;
    assert.equal(other.assignments[0]!.deadline, '2026-12-15');
  });

  it('records reads per assignee and overall, and progress', () => {
    const s = build(IN, [
      ...incomingStates.forwarded!.applied,
      ev(IN, 'read', 'staffVp', { assignee: AN }),
      ev(IN, 'read', 'leader'),
      ev(IN, 'progress', 'staffVp', { assignee: AN, percent: 40, note: 'Đã liên hệ' }),
      ev(IN, 'delivered', 'server', { assignee: VP }),
    ]) as IncomingState;
    assert.deepEqual(
      s.reads.map((r) => [r.by, r.assignmentKey]),
      [
        [people.staffVp.name, 'unit:vp>person:an.nguyen'],
        [people.leader.name, undefined],
      ],
    );
    assert.equal(s.assignments[1]!.reads.length, 1);
    assert.equal(s.assignments[1]!.progress[0]!.percent, 40);
    assert.equal(s.assignments[0]!.delivered?.by, 'system');
  });

  it('ignores forged and out-of-turn events and says why', () => {
    const forged = ev(IN, 'completed', 'staffKt', { assignee: VP });
    const serverForged = { ...ev(IN, 'numbered', 'staffVp', { book: 'incoming', year: 2026, number: 9 }) };
    const tooEarly = ev(IN, 'progress', 'headVp', { assignee: KT });
    const s = deriveState(IN, [inc.registeredEv, inc.directedEv, forged, serverForged, tooEarly]);
    assert.deepEqual(
      s.ignored.map((i) => [i.event._id, i.reason]),
      [
        [forged._id, 'notAssignee'],
        [serverForged._id, 'serverOnly'],
        [tooEarly._id, 'notAssignee'],
      ],
    );
    assert.equal(s.applied.length, 2);
  });

  it('uses the roles an event was written with, not today’s', () => {
    const direction = ev(IN, 'directed', 'leader', { assignments: [{ assignee: VP, role: 'lead' }] });
    assert.equal(deriveState(IN, [direction]).ignored.length, 0);
    const noRoles = { ...direction, actorRoles: undefined };
    assert.equal(deriveState(IN, [noRoles]).ignored[0]?.reason, 'inactive');
  });

  it('applies a step whose clock ran behind the step it answers (retries after each applied event)', () => {
    const direction = ev(IN, 'directed', 'leader', { assignments: [{ assignee: VP, role: 'lead' }] });
    const progress = { ...ev(IN, 'progress', 'headVp', { assignee: VP, note: 'Bắt đầu' }), createdAt: '2026-11-01T00:00:00.000Z' };
    const forward = {
      ...ev(IN, 'forwarded', 'headVp', { assignee: VP, assignments: [{ assignee: AN, role: 'lead' }] }),
      createdAt: '2026-11-01T00:00:01.000Z',
    };
    const personDone = { ...ev(IN, 'completed', 'staffVp', { assignee: AN }), createdAt: '2026-11-01T00:00:02.000Z' };
    const s = deriveState(IN, [personDone, forward, progress, direction]) as IncomingState;
    assert.deepEqual(s.ignored, []);
    assert.equal(s.phase, 'completed');
    assert.deepEqual(
      s.applied.map((e) => e.kind),
      ['directed', 'progress', 'forwarded', 'completed'],
    );
  });

  it('counts an event once when it arrives twice (copies in several spaces)', () => {
    const s = deriveState(IN, [inc.directedEv, inc.directedEv, { ...inc.directedEv }]);
    assert.equal(s.applied.length, 1);
    assert.deepEqual(s.ignored, []);
  });

  it('ignores events of another document', () => {
    const other = ev({ _id: 'officialDocument:01JOTHER' }, 'read', 'leader');
    assert.equal(deriveState(IN, [other]).ignored[0]?.reason, 'wrongDocument');
  });

  it('derives the outgoing life: versions, comments on their version, approval, number, issue, dispatch, deliveries', () => {
    const s = build(OUT, [
      ...outgoingStates.issued!.applied,
      ev(OUT, 'dispatched', 'clerk', { dispatchMethod: 'post', recipients: ['UBND Quận 1'], dispatchedOn: '2026-11-22' }),
      ev(OUT, 'delivered', 'server', { assignee: KT }),
    ]) as OutgoingState;
    assert.equal(s.phase, 'issued');
    assert.equal(s.version, 2);
    assert.deepEqual(
      s.versions.map((v) => [v.version, v.files]),
      [
        [1, ['du-thao.docx']],
        [2, ['du-thao-v2.docx']],
      ],
    );
    assert.deepEqual(
      s.comments.map((c) => [c.kind, c.version]),
      [
        ['reviewComment', 1],
        ['changesRequested', 1],
      ],
    );
    assert.equal(s.approved?.version, 2);
    assert.equal(s.approved?.approval?.keyId, 'k1');
    assert.equal(s.number?.numberSymbol, '120/UBND-VP');
    assert.equal(s.number?.issuedOn, '2026-11-21');
    assert.equal(s.dispatches[0]!.method, 'post');
    assert.equal(s.deliveries['unit:kt']?.by, 'system');
    assert.equal(outgoingStates.replaced!.replaced?.replacementId, 'officialDocument:01JREPLACEMENT00000000000000');
    assert.equal(outgoingStates.recalled!.recalled?.note, 'Sai số liệu');
  });
});

describe('availableActions', () => {
  const list = (state: DocumentState, who: PersonKey) =>
    availableActions(state, people[who]).map((a) => (a.assignmentKey ? `${a.kind}@${a.assignmentKey}` : a.kind));

  it('offers each person the buttons the rules allow, per assignment', () => {
    assert.deepEqual(list(incomingStates.registered!, 'leader'), ['directed']);
    assert.deepEqual(list(incomingStates.new!, 'clerk'), ['registered']);
    assert.deepEqual(list(incomingStates.forwarded!, 'staffVp'), [
      'read@unit:vp',
      'read@unit:vp>person:an.nguyen',
      'progress@unit:vp>person:an.nguyen',
      'returned@unit:vp>person:an.nguyen',
      'extensionRequested@unit:vp>person:an.nguyen',
      'completed@unit:vp>person:an.nguyen',
    ]);
    assert.deepEqual(list(incomingStates.extensionPending!, 'headVp'), [
      'read@unit:vp',
      'forwarded@unit:vp',
      'progress@unit:vp',
      'returned@unit:vp',
      'completed@unit:vp',
      'extensionAnswered@unit:vp>person:an.nguyen',
    ]);
    assert.deepEqual(list(incomingStates.completed!, 'staffVp'), ['read@unit:vp', 'read@unit:vp>person:an.nguyen']);
    assert.deepEqual(list(incomingStates.directed!, 'staffKt'), ['read@unit:kt']); // a member of a coordinating unit
    assert.deepEqual(list(incomingStates.directed!, 'staffVp'), ['read@unit:vp']);
    assert.deepEqual(list(outgoingStates.withLeader!, 'leader'), ['reviewComment', 'changesRequested', 'approved']);
    assert.deepEqual(list(outgoingStates.issued!, 'clerk'), ['dispatched', 'recalled', 'replaced']);
    assert.deepEqual(list(outgoingStates.draft!, 'staffVp'), ['submitted', 'newVersion']);
    assert.deepEqual(availableActions(outgoingStates.approved!, people.server), []);
    assert.deepEqual(availableActions(outgoingStates.draft!, people.disabled), []);
  });

  it('refuses an assignmentKey that names another node than the assignee', () => {
    const e: EventInput = { kind: 'progress', assignee: AN, assignmentKey: 'unit:vp' };
    assert.deepEqual(canApply(incomingStates.forwarded!, e, people.staffVp), { ok: false, reason: 'noSuchAssignment' });
    assert.deepEqual(canApply(incomingStates.forwarded!, { ...e, assignmentKey: 'unit:vp>person:an.nguyen' }, people.staffVp), {
      ok: true,
    });
  });
});

describe('a document issued inside the ward, as its recipient receives it', () => {
  const copy = incomingDoc({
    _id: 'officialDocument:01JOUTGOING0000000000000000.to.unit:vp',
    createdBy: 'system',
    sourceDocumentId: 'officialDocument:01JOUTGOING0000000000000000',
  });
  const registered = ev(copy, 'registered', 'server', { assignee: VP });

  it('is led by the recipient unit from registration: delivered there, in progress, no direction needed', () => {
    const s = deriveState(copy, [registered]) as IncomingState;
    assert.equal(s.phase, 'inProgress');
    assert.equal(s.assignments.length, 1);
    assert.equal(s.assignments[0]!.role, 'lead');
    assert.ok(s.assignments[0]!.delivered);
    assert.deepEqual(s.ignored, []);
  });

  it('is passed on by the recipient head to a person of the unit, who completes it', () => {
    const fwd = ev(copy, 'forwarded', 'headVp', { assignee: VP, assignments: [{ assignee: AN, role: 'lead' }] });
    const done = ev(copy, 'completed', 'staffVp', { assignee: AN });
    const s = deriveState(copy, [registered, fwd, done]) as IncomingState;
    assert.deepEqual(s.ignored, []);
    assert.equal(s.phase, 'completed');
  });

  it('is registered by a person like any other document when a clerk registers it (no assignment)', () => {
    const paper = incomingDoc({ _id: 'officialDocument:01JPAPER000000000000000000' });
    const s = deriveState(paper, [ev(paper, 'registered', 'clerk', { assignee: VP })]) as IncomingState;
    assert.equal(s.phase, 'awaitingDirection');
    assert.equal(s.assignments.length, 0);
  });
});
