import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { extensionsToAnswer, viewsFor, viewsOfDocument } from '../../src/model/documents/inbox.ts';
import { deriveState } from '../../src/model/documents/workflow.ts';
import type { SpaceRef } from '../../src/model/spaces.ts';
import { AN, VP, ev, incomingDoc, outgoingDoc, people } from './documents-fixtures.ts';

const REGISTRY: SpaceRef = { kind: 'registry', id: 'registry' };
const UNIT_VP: SpaceRef = { kind: 'unit', id: 'vp' };
const views = (s: ReturnType<typeof deriveState>, who: keyof typeof people, held: SpaceRef[] = [REGISTRY]) =>
  [...viewsOfDocument(s, people[who], held)].sort();

describe('inbox views', () => {
  it('gives each role its views', () => {
    assert.deepEqual(viewsFor(people.clerk), ['toRegister', 'assignedToMe', 'myUnit', 'following', 'drafts', 'issued', 'all']);
    assert.deepEqual(viewsFor(people.leader), [
      'awaitingDirection',
      'assignedToMe',
      'awaitingApproval',
      'following',
      'drafts',
      'issued',
      'all',
    ]);
    assert.deepEqual(viewsFor(people.headVp), ['assignedToMe', 'awaitingApproval', 'myUnit', 'following', 'drafts', 'issued', 'all']);
    assert.deepEqual(viewsFor(people.staffVp), ['assignedToMe', 'myUnit', 'following', 'drafts', 'issued', 'all']);
  });

  it('follows an incoming document from registration to completion', () => {
    const doc = incomingDoc();
    const reg = ev(doc, 'registered', 'clerk');
    let s = deriveState(doc, [reg]);
    assert.deepEqual(views(s, 'clerk'), ['all', 'following', 'toRegister']);
    assert.deepEqual(views(s, 'leader'), ['all', 'awaitingDirection']);

    const num = ev(doc, 'numbered', 'server', { book: 'incoming', year: 2026, number: 3 });
    const dir = ev(doc, 'directed', 'leader', {
      note: 'VP chủ trì',
      assignments: [{ assignee: VP, role: 'lead', deadline: '2026-12-01' }],
    });
    s = deriveState(doc, [reg, num, dir]);
    assert.deepEqual(views(s, 'clerk'), ['all', 'following']);
    assert.deepEqual(views(s, 'leader'), ['all', 'following']);
    assert.deepEqual(views(s, 'headVp', [UNIT_VP]), ['all', 'assignedToMe', 'myUnit']);
    assert.deepEqual(views(s, 'staffVp', [UNIT_VP]), ['all', 'myUnit']);

    const fwd = ev(doc, 'forwarded', 'headVp', { assignee: VP, assignments: [{ assignee: AN, role: 'lead' }] });
    s = deriveState(doc, [reg, num, dir, fwd]);
    assert.deepEqual(views(s, 'staffVp', [UNIT_VP]), ['all', 'assignedToMe', 'myUnit']);
    assert.deepEqual(views(s, 'headVp', [UNIT_VP]), ['all', 'assignedToMe', 'following', 'myUnit']);

    const ext = ev(doc, 'extensionRequested', 'staffVp', { assignee: AN, requestedDeadline: '2026-12-05', note: 'Cần thêm số liệu' });
    s = deriveState(doc, [reg, num, dir, fwd, ext]);
    assert.equal(extensionsToAnswer(s as never, people.headVp).length, 1);
    assert.equal(extensionsToAnswer(s as never, people.leader).length, 0);

    const done = ev(doc, 'completed', 'staffVp', { assignee: AN });
    s = deriveState(doc, [reg, num, dir, fwd, done]);
    assert.deepEqual(views(s, 'staffVp', [UNIT_VP]), ['all', 'myUnit']);
    assert.deepEqual(views(s, 'headVp', [UNIT_VP]), ['all', 'following', 'myUnit']);
  });

  it('never asks the clerk to register a copy of a document the ward issued itself', () => {
    const copy = incomingDoc({
      _id: 'officialDocument:01JOUTGOING0000000000000000.to.unit:vp',
      createdBy: 'system',
      sourceDocumentId: 'officialDocument:01JOUTGOING0000000000000000',
    });
    const s = deriveState(copy, [ev(copy, 'registered', 'server', { assignee: VP })]);
    assert.ok(!views(s, 'clerk', [UNIT_VP]).includes('toRegister'));
    assert.deepEqual(views(s, 'headVp', [UNIT_VP]), ['all', 'assignedToMe', 'myUnit']);
  });

  it('routes a confidential document only to the leader named', () => {
    const doc = incomingDoc({
      _id: 'officialDocument:01JSECRET00000000000000000',
      confidentiality: 'confidential',
      routeTo: people.leader.name,
    });
    const s = deriveState(doc, [ev(doc, 'registered', 'clerk')]);
    assert.ok(views(s, 'leader').includes('awaitingDirection'));
    assert.ok(!views(s, 'leader2').includes('awaitingDirection'));
  });

  it('follows an outgoing draft through review, approval and issue', () => {
    const doc = outgoingDoc();
    let s = deriveState(doc, []);
    assert.deepEqual(views(s, 'staffVp', [UNIT_VP]), ['all', 'drafts', 'following', 'myUnit']);
    const sub = ev(doc, 'submitted', 'staffVp');
    s = deriveState(doc, [sub]);
    assert.ok(views(s, 'headVp', [UNIT_VP]).includes('awaitingApproval'));
    const fwd = ev(doc, 'forwardedToLeader', 'headVp');
    s = deriveState(doc, [sub, fwd]);
    assert.ok(!views(s, 'headVp', [UNIT_VP]).includes('awaitingApproval'));
    assert.ok(views(s, 'leader', [UNIT_VP]).includes('awaitingApproval'));
    assert.ok(!views(s, 'leader2', [UNIT_VP]).includes('awaitingApproval')); // not the signer
    const ok = ev(doc, 'approved', 'leader');
    s = deriveState(doc, [sub, fwd, ok]);
    assert.ok(views(s, 'clerk', [REGISTRY]).includes('toRegister'));
    assert.ok(views(s, 'leader', [REGISTRY]).includes('following'));
    const num = ev(doc, 'numbered', 'server', {
      book: 'outgoing',
      year: 2026,
      number: 5,
      numberSymbol: '05/UBND-VP',
      issuedOn: '2026-11-20',
    });
    const iss = ev(doc, 'issued', 'clerk');
    s = deriveState(doc, [sub, fwd, ok, num, iss]);
    assert.ok(views(s, 'clerk', [REGISTRY]).includes('toRegister'), 'external recipients still to dispatch');
    assert.ok(views(s, 'clerk', [REGISTRY]).includes('issued'));
    const disp = ev(doc, 'dispatched', 'clerk', { dispatchMethod: 'post', recipients: ['UBND Quận 1'] });
    s = deriveState(doc, [sub, fwd, ok, num, iss, disp]);
    assert.ok(!views(s, 'clerk', [REGISTRY]).includes('toRegister'));
  });
});
