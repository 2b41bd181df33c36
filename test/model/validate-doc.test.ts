import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserCtx } from '../../src/model/roles.ts';
import type { SpaceRef } from '../../src/model/spaces.ts';
import { attachmentSize, validateDocUpdate } from '../../src/model/validate-doc.ts';

const ORG: SpaceRef = { kind: 'org', id: 'org' };
const VP: SpaceRef = { kind: 'unit', id: 'vp' };
const KT: SpaceRef = { kind: 'unit', id: 'kt' };
const staff: UserCtx = { name: 'an.nguyen', roles: ['staff', 'unit:vp'] };
const head: UserCtx = { name: 'hoa.do', roles: ['staff', 'unit:vp', 'head:vp'] };
const clerk: UserCtx = { name: 'mai.hoang', roles: ['clerk', 'unit:vp'] };
const leader: UserCtx = { name: 'lan.nguyen', roles: ['leader'] };
const appAdmin: UserCtx = { name: 'tri.nguyen', roles: ['admin', 'unit:vp'] };
const disabled: UserCtx = { name: 'x.y', roles: [] };
const serverAdmin: UserCtx = { name: 'admin', roles: ['_admin'] };

type Doc = Record<string, unknown>;

const notice = (by: string, over: Doc = {}): Doc => ({
  _id: 'notice:01JABCDEF0123456789ABCDEFG',
  type: 'notice',
  schema: 1,
  createdAt: '2026-11-25T01:02:03.000Z',
  createdBy: by,
  title: 'Lịch họp giao ban',
  body: 'Sáng thứ Hai, phòng họp số 1.',
  pinned: false,
  authorName: 'Nguyễn Văn An',
  ...over,
});
const read = (by: string, over: Doc = {}): Doc => ({
  _id: 'noticeRead:01JABCDEF0123456789ABCDEFG',
  type: 'noticeRead',
  schema: 1,
  createdAt: '2026-11-25T01:02:03.000Z',
  createdBy: by,
  noticeId: 'notice:01JABCDEF0123456789ABCDEFG',
  readAt: '2026-11-25T01:02:03.000Z',
  ...over,
});

function reason(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    assert.ok(err && typeof err === 'object' && 'forbidden' in err, `throws { forbidden }, got ${String(err)}`);
    return (err as { forbidden: string }).forbidden;
  }
}
const allows = (doc: Doc, old: Doc | null, user: UserCtx, space: SpaceRef) =>
  assert.equal(
    reason(() => validateDocUpdate(doc, old, user, {}, space)),
    null,
  );
const refuses = (doc: Doc, old: Doc | null, user: UserCtx, space: SpaceRef, match?: RegExp) => {
  const r = reason(() => validateDocUpdate(doc, old, user, {}, space));
  assert.notEqual(r, null, 'expected a refusal');
  if (match) assert.match(r!, match);
};

describe('validateDocUpdate', () => {
  it('lets the server admin write anything, design documents included', () => {
    allows({ _id: '_design/docket', validate_doc_update: 'function(){}' }, null, serverAdmin, ORG);
    allows({ _id: 'unit:vp', type: 'unit' }, null, serverAdmin, ORG);
  });

  it('refuses design documents from everyone else', () => {
    for (const user of [staff, leader, appAdmin]) refuses({ _id: '_design/x', views: {} }, null, user, ORG, /design/);
  });

  it('accepts a valid notice from a unit member in the unit space and from posters in org', () => {
    allows(notice(staff.name), null, staff, VP);
    for (const user of [head, clerk, leader, appAdmin]) allows(notice(user.name), null, user, ORG);
  });

  it('refuses org-wide notices from plain staff and unit notices from non-members', () => {
    refuses(notice(staff.name), null, staff, ORG, /ward-wide/);
    refuses(notice(staff.name), null, staff, KT, /members/);
    allows(notice(clerk.name), null, clerk, KT);
  });

  it('refuses a forged createdBy', () => {
    refuses(notice('hoa.do'), null, staff, VP, /signed-in/);
  });

  it('refuses disabled accounts and anonymous users', () => {
    refuses(notice(disabled.name), null, disabled, VP, /may not write/);
    refuses(notice(''), null, { name: '', roles: [] }, VP);
  });

  it('refuses unknown types, missing type and directory types', () => {
    refuses({ ...notice(staff.name), type: 'memo', _id: 'memo:1' }, null, staff, VP, /Unknown/);
    refuses({ _id: 'x' }, null, staff, VP, /no type/);
    refuses({ _id: 'person:an.nguyen', type: 'person', schema: 1 }, null, appAdmin, ORG, /server/);
    refuses({ _id: 'unit:zz', type: 'unit' }, null, leader, ORG, /server/);
  });

  it('checks the id, schema version and creation time', () => {
    refuses(notice(staff.name, { _id: 'task:01J' }), null, staff, VP, /_id/);
    refuses(notice(staff.name, { _id: 'notice:' }), null, staff, VP, /_id/);
    refuses(notice(staff.name, { schema: 0 }), null, staff, VP, /schema/);
    refuses(notice(staff.name, { schema: 1.5 }), null, staff, VP, /schema/);
    refuses(notice(staff.name, { schema: '1' }), null, staff, VP, /schema/);
    refuses(notice(staff.name, { createdAt: '2026-11-25 01:02:03' }), null, staff, VP, /createdAt/);
    refuses(notice(staff.name, { createdAt: '2026-11-25T01:02:03+07:00' }), null, staff, VP, /createdAt/);
  });

  it('checks the notice fields', () => {
    refuses(notice(staff.name, { title: '   ' }), null, staff, VP, /title/);
    refuses(notice(staff.name, { title: 'x'.repeat(201) }), null, staff, VP, /title/);
    allows(notice(staff.name, { title: ' ' + 'x'.repeat(200) + ' ' }), null, staff, VP);
    refuses(notice(staff.name, { title: 5 }), null, staff, VP, /title/);
    refuses(notice(staff.name, { body: '' }), null, staff, VP, /body/);
    refuses(notice(staff.name, { body: 'x'.repeat(20001) }), null, staff, VP, /body/);
    refuses(notice(staff.name, { pinned: 'yes' }), null, staff, VP, /pinned/);
    refuses(notice(staff.name, { expiresOn: '2026-02-30' }), null, staff, VP, /expiresOn/);
    refuses(notice(staff.name, { expiresOn: '25/12/2026' }), null, staff, VP, /expiresOn/);
    allows(notice(staff.name, { expiresOn: '2026-12-25' }), null, staff, VP);
    refuses(notice(staff.name, { authorName: undefined }), null, staff, VP, /authorName/);
  });

  it('allows one PDF/JPEG/PNG/WebP attachment up to 10 MB', () => {
    const att = (content_type: string, length: number) => ({ content_type, length, stub: true, digest: 'md5-x' });
    allows(notice(staff.name, { _attachments: { 'a.pdf': att('application/pdf', 10 * 1024 * 1024) } }), null, staff, VP);
    refuses(notice(staff.name, { _attachments: { 'a.pdf': att('application/pdf', 10 * 1024 * 1024 + 1) } }), null, staff, VP, /10 MB/);
    refuses(notice(staff.name, { _attachments: { 'a.html': att('text/html', 10) } }), null, staff, VP, /PDF/);
    refuses(
      notice(staff.name, { _attachments: { 'a.png': att('image/png', 1), 'b.png': att('image/png', 1) } }),
      null,
      staff,
      VP,
      /at most one/,
    );
    allows(
      notice(staff.name, { _attachments: { 'a.png': { content_type: 'image/png', data: Buffer.alloc(100).toString('base64') } } }),
      null,
      staff,
      VP,
    );
  });

  it('computes inline attachment sizes from base64', () => {
    for (const n of [0, 1, 2, 3, 100, 1001]) assert.equal(attachmentSize({ data: Buffer.alloc(n).toString('base64') }), n);
    // Bytes as the embedded server passes a raw attachment PUT to validation (a Buffer), and as a Blob.
    assert.equal(attachmentSize({ data: Buffer.alloc(1234) }), 1234);
    assert.equal(attachmentSize({ data: new Blob(['abc']) }), 3);
  });

  it('lets only the author update a notice and keeps its identity fields', () => {
    const old = notice(staff.name);
    allows({ ...old, pinned: true }, old, staff, VP);
    refuses({ ...old, pinned: true }, old, clerk, VP, /createdBy must be the signed-in user/);
    refuses({ ...old, createdBy: clerk.name }, old, clerk, VP, /createdBy cannot change/);
    refuses({ ...old, createdAt: '2026-11-26T00:00:00.000Z' }, old, staff, VP, /createdAt/);
    refuses({ ...old, type: 'noticeRead' }, old, staff, VP);
  });

  it('lets only the author delete', () => {
    const old = notice(staff.name);
    allows({ _id: old._id, _deleted: true }, old, staff, VP);
    refuses({ _id: old._id, _deleted: true }, old, head, VP, /author/);
    refuses({ _id: old._id, _deleted: true }, old, disabled, VP);
  });

  it('keeps read markers in the reader’s own personal space', () => {
    allows(read(staff.name), null, staff, { kind: 'personal', id: staff.name });
    refuses(read(staff.name), null, staff, { kind: 'personal', id: 'hoa.do' }, /own personal/);
    refuses(read(staff.name), null, staff, VP, /own personal/);
    refuses(read(staff.name, { noticeId: 'task:1' }), null, staff, { kind: 'personal', id: staff.name }, /noticeId/);
    refuses(notice(staff.name), null, staff, { kind: 'personal', id: staff.name }, /personal/);
  });
});

describe('validateDocUpdate: official documents (issue 3)', () => {
  const REGISTRY: SpaceRef = { kind: 'registry', id: 'registry' };
  const own = (u: UserCtx): SpaceRef => ({ kind: 'personal', id: u.name });
  const headKt: UserCtx = { name: 'khanh.le', roles: ['staff', 'unit:kt', 'head:kt'] };
  const staffKt: UserCtx = { name: 'tuan.pham', roles: ['staff', 'unit:kt'] };
  const MB = 1024 * 1024;

  const incoming = (by: string, over: Doc = {}): Doc => ({
    _id: 'officialDocument:01JABCDEF0123456789ABCDEFG',
    type: 'officialDocument',
    schema: 1,
    createdAt: '2026-11-25T01:02:03.000Z',
    createdBy: by,
    direction: 'incoming',
    kind: 'quyetDinh',
    summary: 'Về việc tổ chức Ngày hội',
    urgency: 'urgent',
    confidentiality: 'normal',
    issuingBody: 'UBND Quận 1',
    numberSymbol: '15/QĐ-UBND',
    issuedOn: '2026-11-18',
    arrivedOn: '2026-11-20',
    receivedVia: 'paper',
    pageCount: 2,
    ...over,
  });
  const outgoing = (by: string, over: Doc = {}): Doc => ({
    _id: 'officialDocument:01JOUTGOING0000000000000000',
    type: 'officialDocument',
    schema: 1,
    createdAt: '2026-11-25T01:02:03.000Z',
    createdBy: by,
    direction: 'outgoing',
    kind: 'congVan',
    summary: 'V/v báo cáo',
    urgency: 'normal',
    confidentiality: 'normal',
    unitId: 'vp',
    signer: leader.name,
    internalRecipients: [{ kind: 'unit', unitId: 'kt' }],
    externalRecipients: ['UBND Quận 1'],
    ...over,
  });
  const event = (user: UserCtx, kind: string, over: Doc = {}): Doc => ({
    _id: 'officialDocumentEvent:01JEVENT000000000000000000',
    type: 'officialDocumentEvent',
    schema: 1,
    createdAt: '2026-11-25T01:02:03.000Z',
    createdBy: user.name,
    documentId: 'officialDocument:01JABCDEF0123456789ABCDEFG',
    kind,
    actorName: user.name,
    actorRoles: user.roles,
    ...over,
  });
  let fileSeq = 0;
  const SHA = 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=';
  const file = (contentType: string, size: number, name = `f${fileSeq}.pdf`) => ({
    fileId: `file:01JFILE${fileSeq++}`,
    name,
    contentType,
    size,
    sha256: SHA,
  });

  it('lets a clerk register an incoming document in the registry, nowhere else', () => {
    allows(incoming(clerk.name), null, clerk, REGISTRY);
    refuses(incoming(clerk.name), null, clerk, VP, /registry/);
    refuses(incoming(clerk.name), null, clerk, ORG, /registry/);
    refuses(incoming(clerk.name), null, clerk, own(clerk), /registry/);
  });

  it('refuses registration by staff, unit heads, leaders and the app admin, even with a modified client', () => {
    for (const user of [staff, head, leader, appAdmin]) refuses(incoming(user.name), null, user, REGISTRY, /Only clerks/);
  });

  it('keeps confidential documents in the clerk’s own personal space, routed to a leader', () => {
    const secret = incoming(clerk.name, { confidentiality: 'secret', routeTo: leader.name });
    allows(secret, null, clerk, own(clerk));
    refuses(secret, null, clerk, REGISTRY, /personal space/);
    refuses(secret, null, clerk, VP, /personal space/);
    refuses(incoming(clerk.name, { confidentiality: 'confidential' }), null, clerk, own(clerk), /routeTo/);
  });

  it('checks the registration schema', () => {
    const bad: [Doc, RegExp][] = [
      [{ direction: 'sideways' }, /direction/],
      [{ kind: 'memo' }, /kind/],
      [{ kind: 'toString' }, /kind/],
      [{ summary: ' ' }, /summary/],
      [{ summary: 'x'.repeat(2001) }, /summary/],
      [{ urgency: 'asap' }, /urgency/],
      [{ confidentiality: 'private' }, /confidentiality/],
      [{ pageCount: 0 }, /pageCount/],
      [{ pageCount: 1.5 }, /pageCount/],
      [{ issuingBody: '' }, /issuingBody/],
      [{ numberSymbol: undefined }, /numberSymbol/],
      [{ issuedOn: '2026-02-30' }, /issuedOn/],
      [{ arrivedOn: '20/11/2026' }, /arrivedOn/],
      [{ issuedOn: '2026-11-21' }, /after arrivedOn/],
      [{ receivedVia: 'pigeon' }, /receivedVia/],
      [{ deadline: 'soon' }, /deadline/],
      [{ signer: 5 }, /signer/],
      [{ sourceDocumentId: 'officialDocument:X' }, /server/],
    ];
    for (const [over, match] of bad) refuses(incoming(clerk.name, over), null, clerk, REGISTRY, match);
    allows(incoming(clerk.name, { deadline: '2026-12-10', signer: 'Nguyễn Văn B' }), null, clerk, REGISTRY);
  });

  it('allows files up to 25 MB of the allowed types, as metadata only (bytes in the files database)', () => {
    allows(incoming(clerk.name, { files: [file('application/pdf', 25 * MB), file('image/heic', 1)] }), null, clerk, REGISTRY);
    refuses(incoming(clerk.name, { files: [file('application/pdf', 25 * MB + 1)] }), null, clerk, REGISTRY, /25 MB/);
    refuses(incoming(clerk.name, { files: [file('application/x-msdownload', 1)] }), null, clerk, REGISTRY, /PDF/);
    refuses(
      incoming(clerk.name, { files: Array.from({ length: 21 }, () => file('application/pdf', 1)) }),
      null,
      clerk,
      REGISTRY,
      /At most/,
    );
    refuses(incoming(clerk.name, { files: [{ ...file('application/pdf', 1), sha256: 'abc' }] }), null, clerk, REGISTRY, /sha256/);
    refuses(incoming(clerk.name, { files: [{ ...file('application/pdf', 1), fileId: 'x' }] }), null, clerk, REGISTRY, /file:/);
    const twice = file('application/pdf', 1);
    refuses(incoming(clerk.name, { files: [twice, twice] }), null, clerk, REGISTRY, /twice/);
    const bytes = { 'scan.pdf': { content_type: 'application/pdf', length: 1, stub: true, digest: 'md5-x' } };
    refuses(incoming(clerk.name, { _attachments: bytes }), null, clerk, REGISTRY, /files database/);
  });

  it('lets only the author correct a document, never change its direction, and nobody delete it', () => {
    const old = incoming(clerk.name);
    allows({ ...old, summary: 'Về việc tổ chức Ngày hội (sửa)' }, old, clerk, REGISTRY);
    const otherClerk: UserCtx = { name: 'thu.le', roles: ['clerk'] };
    refuses({ ...old, summary: 'x' }, old, otherClerk, REGISTRY, /signed-in/);
    refuses({ ...old, direction: 'outgoing' }, old, clerk, REGISTRY, /direction/);
    refuses({ _id: old._id, _deleted: true }, old, clerk, REGISTRY, /cannot be deleted/);
  });

  it('lets members of the drafting unit and leaders draft in the unit’s space', () => {
    allows(outgoing(staff.name), null, staff, VP);
    allows(outgoing(head.name), null, head, VP);
    allows(outgoing(leader.name), null, leader, VP);
    refuses(outgoing(staffKt.name), null, staffKt, VP, /drafting unit/);
    refuses(outgoing(staffKt.name, { unitId: 'kt' }), null, staffKt, VP, /space of its drafting unit/);
    refuses(outgoing(staff.name), null, staff, REGISTRY, /space of its drafting unit/);
    const old = outgoing(staff.name);
    refuses({ ...old, unitId: 'kt' }, old, staff, VP, /unitId cannot change|drafting unit/);
  });

  it('keeps confidential drafts in the author’s own space, addressed to persons', () => {
    const secret = outgoing(staff.name, { confidentiality: 'secret', internalRecipients: [{ kind: 'person', name: 'hoa.do' }] });
    allows(secret, null, staff, own(staff));
    refuses(secret, null, staff, VP, /own personal space/);
    refuses({ ...secret, internalRecipients: [{ kind: 'unit', unitId: 'kt' }] }, null, staff, own(staff), /persons only/);
  });

  it('checks the draft schema', () => {
    const bad: [Doc, RegExp][] = [
      [{ unitId: 'Văn phòng' }, /unitId/],
      [{ signer: '' }, /signer/],
      [{ internalRecipients: [{ kind: 'unit' }] }, /internalRecipients/],
      [{ internalRecipients: 'kt' }, /internalRecipients/],
      [{ externalRecipients: [''] }, /externalRecipients/],
      [{ externalRecipients: Array.from({ length: 200 }, (_, i) => `Cơ quan ${i}`) }, /Too many/],
      [{ repliesTo: 'task:1' }, /repliesTo/],
    ];
    for (const [over, match] of bad) refuses(outgoing(staff.name, over), null, staff, VP, match);
  });

  it('lets only the server write numbered and delivered events', () => {
    for (const user of [clerk, leader, staff, appAdmin]) {
      refuses(event(user, 'numbered', { book: 'incoming', year: 2026, number: 1 }), null, user, REGISTRY, /server/);
      refuses(event(user, 'delivered', { assignee: { kind: 'unit', unitId: 'vp' } }), null, user, REGISTRY, /server/);
    }
    allows(event({ name: 'system', roles: ['_admin'] }, 'numbered', { actorRoles: undefined }), null, serverAdmin, REGISTRY);
  });

  it('keeps events append-only: no updates, no deletes, not even by their author', () => {
    const old = event(leader, 'directed', { assignments: [{ assignee: { kind: 'unit', unitId: 'vp' }, role: 'lead' }] });
    refuses({ ...old, note: 'changed' }, old, leader, REGISTRY, /cannot be changed/);
    refuses({ _id: old._id, _deleted: true }, old, leader, REGISTRY, /cannot be changed/);
  });

  it('checks the common event fields and the roles claimed', () => {
    const base = event(staff, 'read');
    allows(base, null, staff, VP);
    refuses({ ...base, documentId: 'notice:1' }, null, staff, VP, /documentId/);
    refuses({ ...base, kind: 'approvedByMe' }, null, staff, VP, /kind/);
    refuses({ ...base, actorName: '' }, null, staff, VP, /actorName/);
    refuses({ ...base, actorRoles: undefined }, null, staff, VP, /actorRoles/);
    refuses({ ...base, actorRoles: ['staff', 'leader'] }, null, staff, VP, /actorRoles/);
    refuses({ ...base, note: 'x'.repeat(10_001) }, null, staff, VP, /note/);
    refuses({ ...base, assignee: { kind: 'team' } }, null, staff, VP, /assignee/);
    refuses(base, null, staff, ORG, /org space/);
    refuses({ ...base, files: [file('application/pdf', 1)] }, null, staff, VP, /no files/);
    const system: UserCtx = { name: 'system', roles: ['staff', 'unit:vp'] };
    refuses(event(system, 'read'), null, system, VP, /reserved/);
  });

  it('registration and direction: clerks register, only leaders direct', () => {
    allows(event(clerk, 'registered'), null, clerk, REGISTRY);
    allows(event(clerk, 'registered'), null, clerk, own(clerk));
    refuses(event(clerk, 'registered'), null, clerk, VP, /registry/);
    refuses(event(staff, 'registered'), null, staff, VP, /clerks/);
    const assignments = [
      { assignee: { kind: 'unit', unitId: 'vp' }, role: 'lead', deadline: '2026-12-10' },
      { assignee: { kind: 'person', name: 'tuan.pham' }, role: 'forInformation' },
    ];
    allows(event(leader, 'directed', { assignments }), null, leader, REGISTRY);
    allows(event(leader, 'directed', { assignments }), null, leader, own(leader));
    refuses(event(leader, 'directed', { assignments }), null, leader, VP, /registry/);
    for (const user of [staff, head, clerk, appAdmin])
      refuses(event(user, 'directed', { assignments }), null, user, REGISTRY, /Only leaders/);
    refuses(event(leader, 'directed', { assignments: [] }), null, leader, REGISTRY, /assignments/);
    refuses(
      event(leader, 'directed', { assignments: [{ assignee: { kind: 'unit', unitId: 'vp' }, role: 'boss' }] }),
      null,
      leader,
      REGISTRY,
      /role/,
    );
    refuses(
      event(leader, 'directed', { assignments: [{ assignee: { kind: 'unit', unitId: 'vp' }, role: 'lead', deadline: 'mai' }] }),
      null,
      leader,
      REGISTRY,
      /deadlines/,
    );
  });

  it('forwarding: the head of the unit, in its space, to persons', () => {
    const fwd = (user: UserCtx, over: Doc = {}) =>
      event(user, 'forwarded', {
        assignee: { kind: 'unit', unitId: 'vp' },
        assignments: [{ assignee: { kind: 'person', name: 'an.nguyen' }, role: 'lead' }],
        ...over,
      });
    allows(fwd(head), null, head, VP);
    refuses(fwd(staff), null, staff, VP, /head of the unit/);
    refuses(fwd(headKt), null, headKt, VP, /head of the unit/);
    refuses(fwd(head), null, head, REGISTRY, /unit’s space/);
    refuses(fwd(head, { assignee: { kind: 'person', name: 'an.nguyen' } }), null, head, VP, /assignee/);
    refuses(fwd(head, { assignments: [{ assignee: { kind: 'unit', unitId: 'kt' }, role: 'lead' }] }), null, head, VP, /persons/);
  });

  it('processing: the person named, or the head for a unit; any member records reading', () => {
    const vp = { kind: 'unit', unitId: 'vp' };
    const me = { kind: 'person', name: staff.name };
    for (const kind of ['progress', 'completed', 'extensionRequested', 'returned']) {
      const extra = { requestedDeadline: '2026-12-20', returnReason: 'wrongRecipient' };
      allows(event(staff, kind, { assignee: me, ...extra }), null, staff, VP);
      allows(event(head, kind, { assignee: vp, ...extra }), null, head, VP);
      refuses(event(staff, kind, { assignee: vp, ...extra }), null, staff, VP, /head of the unit/);
      refuses(event(head, kind, { assignee: me, ...extra }), null, head, VP, /assignee/);
      refuses(event(staff, kind, extra), null, staff, VP, /assignee is required/);
    }
    allows(event(staff, 'read', { assignee: vp }), null, staff, VP);
    refuses(event(staffKt, 'read', { assignee: vp }), null, staffKt, KT, /members/);
    refuses(event(staff, 'progress', { assignee: me, percent: 120 }), null, staff, VP, /percent/);
    allows(event(staff, 'progress', { assignee: me, percent: 100, files: [file('application/pdf', 5)] }), null, staff, VP);
    refuses(event(staff, 'returned', { assignee: me }), null, staff, VP, /reason/);
    allows(event(staff, 'returned', { assignee: me, note: 'Không đúng lĩnh vực' }), null, staff, VP);
    refuses(event(staff, 'returned', { assignee: me, returnReason: 'bored' }), null, staff, VP, /returnReason/);
    refuses(event(staff, 'extensionRequested', { assignee: me, requestedDeadline: 'later' }), null, staff, VP, /requestedDeadline/);
  });

  it('extension answers: leaders, or the unit head in the unit’s space', () => {
    const me = { kind: 'person', name: staff.name };
    allows(event(leader, 'extensionAnswered', { assignee: me, accepted: true }), null, leader, REGISTRY);
    allows(event(head, 'extensionAnswered', { assignee: me, accepted: false, note: 'Không' }), null, head, VP);
    refuses(event(head, 'extensionAnswered', { assignee: me, accepted: true }), null, head, REGISTRY, /leader or unit head/);
    refuses(event(staff, 'extensionAnswered', { assignee: me, accepted: true }), null, staff, VP, /leader or unit head/);
    refuses(event(leader, 'extensionAnswered', { assignee: me }), null, leader, REGISTRY, /accepted/);
    refuses(
      event(leader, 'extensionAnswered', { assignee: me, accepted: true, requestedDeadline: 'x' }),
      null,
      leader,
      REGISTRY,
      /requestedDeadline/,
    );
  });

  it('drafts: submit and revise in the unit’s space; new versions carry files', () => {
    allows(event(staff, 'submitted'), null, staff, VP);
    refuses(event(staff, 'submitted'), null, staff, REGISTRY, /unit’s space/);
    const v2 = {
      version: 2,
      files: [file('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 100, 'v2.docx')],
    };
    allows(event(staff, 'newVersion', v2), null, staff, VP);
    refuses(event(staff, 'newVersion', { ...v2, version: 1 }), null, staff, VP, /version/);
    refuses(event(staff, 'newVersion', { version: 2 }), null, staff, VP, /files/);
  });

  it('review: unit head and leaders comment and request changes; the head forwards to the leader', () => {
    for (const kind of ['reviewComment', 'changesRequested']) {
      allows(event(head, kind, { note: 'Sửa', version: 1 }), null, head, VP);
      allows(event(leader, kind, { note: 'Sửa' }), null, leader, VP);
      refuses(event(staff, kind, { note: 'Sửa' }), null, staff, VP, /review/);
      refuses(event(headKt, kind, { note: 'Sửa' }), null, headKt, VP, /review/);
      refuses(event(head, kind, { note: ' ' }), null, head, VP, /note/);
      refuses(event(head, kind, { note: 'x', version: 0 }), null, head, VP, /version/);
    }
    allows(event(head, 'reviewComment', { note: 'Mật: góp ý' }), null, head, own(head));
    allows(event(head, 'forwardedToLeader'), null, head, VP);
    refuses(event(staff, 'forwardedToLeader'), null, staff, VP, /head/);
    refuses(event(headKt, 'forwardedToLeader'), null, headKt, VP, /head/);
  });

  it('approval by leaders only, with a well-formed tamper-evidence record', () => {
    const approval = { algorithm: 'ECDSA-P256-SHA256', keyId: 'k1', digest: 'ZA==', signature: 'cw==' };
    allows(event(leader, 'approved', { approval }), null, leader, VP);
    for (const user of [staff, head, clerk, appAdmin]) refuses(event(user, 'approved', { approval }), null, user, VP, /Only leaders/);
    refuses(event(leader, 'approved', { approval: { ...approval, signature: 5 } }), null, leader, VP, /approval/);
  });

  it('issue and dispatch by clerks; recall and replacement by leaders and clerks', () => {
    allows(event(clerk, 'issued'), null, clerk, REGISTRY);
    allows(
      event(clerk, 'dispatched', { dispatchMethod: 'post', recipients: ['UBND Quận 1'], dispatchedOn: '2026-11-26' }),
      null,
      clerk,
      REGISTRY,
    );
    for (const user of [staff, head, leader]) refuses(event(user, 'issued'), null, user, REGISTRY, /clerks/);
    refuses(event(clerk, 'dispatched', { dispatchMethod: 'fax' }), null, clerk, REGISTRY, /dispatchMethod/);
    refuses(event(clerk, 'dispatched', { recipients: [1] }), null, clerk, REGISTRY, /recipients/);
    refuses(event(clerk, 'dispatched', { dispatchedOn: 'hôm nay' }), null, clerk, REGISTRY, /dispatchedOn/);
    allows(event(leader, 'recalled', { note: 'Thu hồi' }), null, leader, REGISTRY);
    allows(event(clerk, 'replaced', { replacementId: 'officialDocument:01JNEW' }), null, clerk, REGISTRY);
    refuses(event(staff, 'recalled'), null, staff, VP, /leaders and clerks/);
    refuses(event(clerk, 'replaced'), null, clerk, REGISTRY, /replacementId/);
  });
});
