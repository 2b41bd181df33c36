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
