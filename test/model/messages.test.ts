import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { messageReadIdOf } from '../../src/model/messages.ts';
import type { UserCtx } from '../../src/model/roles.ts';
import { type SpaceRef, canReadSpace, dbNameOf, directConversationId, securityOf, spaceOfDbName } from '../../src/model/spaces.ts';
import { validateDocUpdate } from '../../src/model/validate-doc.ts';
import { directIdOf } from '../../server/services/conversations.ts';

/** Issue 6: conversation spaces and message documents (docs/decisions/0005). */

const an: UserCtx = { name: 'an.nguyen', roles: ['staff', 'unit:vp'] };
const tuan: UserCtx = { name: 'tuan.vu', roles: ['staff', 'unit:vp'] };
const head: UserCtx = { name: 'hoa.do', roles: ['staff', 'unit:vp', 'head:vp'] };
const leader: UserCtx = { name: 'lan.nguyen', roles: ['leader'] };
const clerk: UserCtx = { name: 'mai.hoang', roles: ['clerk', 'unit:vp'] };
const appAdmin: UserCtx = { name: 'tri.nguyen', roles: ['admin', 'unit:vp'] };
const disabled: UserCtx = { name: 'x.y', roles: [] };
const CONV: SpaceRef = { kind: 'conversation', id: '01jabcdefghjkmnpqrstvwxyz0' };
const VP: SpaceRef = { kind: 'unit', id: 'vp' };
const MEMBERS = ['an.nguyen', 'tuan.vu'];

type Doc = Record<string, unknown>;
const message = (by: string, over: Doc = {}): Doc => ({
  _id: 'message:01JABCDEFGHJKMNPQRSTVWXYZ0',
  type: 'message',
  schema: 1,
  createdAt: '2026-12-10T01:02:03.000Z',
  createdBy: by,
  authorName: 'Nguyễn Văn An',
  text: 'Chào anh',
  mentions: [],
  ...over,
});
const ok = (doc: Doc, user: UserCtx, space: SpaceRef, old: Doc | null = null) =>
  assert.doesNotThrow(() => validateDocUpdate(doc, old, user, {}, space));
const no = (doc: Doc, user: UserCtx, space: SpaceRef, reason: RegExp, old: Doc | null = null) =>
  assert.throws(
    () => validateDocUpdate(doc, old, user, {}, space),
    (e: { forbidden?: string }) => reason.test(e.forbidden ?? ''),
  );

describe('conversation spaces', () => {
  it('names them docket-conv-<id> and parses strictly', () => {
    assert.equal(dbNameOf(CONV), 'docket-conv-01jabcdefghjkmnpqrstvwxyz0');
    assert.deepEqual(spaceOfDbName(dbNameOf(CONV)), CONV);
    const dm: SpaceRef = { kind: 'conversation', id: 'dm-0123456789abcdef01234567' };
    assert.deepEqual(spaceOfDbName(dbNameOf(dm)), dm);
    for (const bad of [
      'docket-conv-',
      'docket-conv-01JABCDEFGHJKMNPQRSTVWXYZ0',
      'docket-conv-01jabcdefghjkmnpqrstvwxyzi',
      'docket-conv-01jabcdefghjkmnpqrstvwxyz',
      'docket-conv-dm-0123456789abcdef0123456',
      'docket-conv-dm-0123456789abcdef012345678',
      'docket-conv-x',
    ])
      assert.equal(spaceOfDbName(bad), null, bad);
  });

  it('computes the direct id the same way in the model (Web Crypto) and on the server, in either order', async () => {
    const id = await directConversationId('tuan.vu', 'an.nguyen');
    assert.equal(id, await directConversationId('an.nguyen', 'tuan.vu'));
    assert.equal(id, directIdOf('an.nguyen', 'tuan.vu'));
    assert.equal(id, `dm-${createHash('sha256').update('an.nguyen\ntuan.vu').digest('hex').slice(0, 24)}`);
  });

  it('is read by its members by name only: no leader, head, clerk or app administrator', () => {
    assert.deepEqual(securityOf(CONV, ['tuan.vu', 'an.nguyen']).members, { names: MEMBERS, roles: [] });
    for (const u of [an, tuan]) assert.equal(canReadSpace(u, CONV, MEMBERS), true, u.name);
    for (const u of [head, leader, clerk, appAdmin]) assert.equal(canReadSpace(u, CONV, MEMBERS), false, u.name);
    assert.equal(canReadSpace({ ...disabled, name: 'an.nguyen' }, CONV, MEMBERS), false, 'disabled');
    assert.equal(canReadSpace(an, CONV), false, 'without the members nobody');
    // In step with _security, as the store decides.
    for (const u of [an, tuan, head, leader, clerk, appAdmin]) {
      const { members } = securityOf(CONV, MEMBERS);
      const admits = members.names.includes(u.name) || members.roles.some((r) => u.roles.includes(r));
      assert.equal(canReadSpace(u, CONV, MEMBERS), admits, u.name);
    }
  });
});

describe('message validation', () => {
  it('accepts a message in a conversation; in a unit only with parentId', () => {
    ok(message('an.nguyen'), an, CONV);
    ok(message('an.nguyen', { parentId: 'task:01JABCDEFGHJKMNPQRSTVWXYZ0' }), an, VP);
    no(message('an.nguyen'), an, VP, /conversation/);
    no(message('mai.hoang', { parentId: 'task:01J' }), clerk, { kind: 'registry', id: 'registry' }, /Threads/);
    no(message('an.nguyen', { parentId: 'notice:01J' }), an, VP, /parentId/);
  });

  it('keeps messages and events append-only, and the meta document server-only', () => {
    const m = message('an.nguyen');
    no({ ...m, text: 'changed' }, an, CONV, /cannot be changed/, m);
    no({ _id: m._id, _deleted: true }, an, CONV, /cannot be changed/, m);
    const meta = { _id: `conversation:${CONV.id}`, type: 'conversation', createdBy: 'an.nguyen', members: MEMBERS };
    no({ _id: meta._id, _deleted: true }, an, CONV, /Only the server/, meta);
    no({ ...meta, schema: 1, createdAt: '2026-12-10T01:02:03.000Z' }, an, CONV, /Only the server/);
  });

  it('read markers are the reader’s own', () => {
    const marker = {
      _id: messageReadIdOf('an.nguyen'),
      type: 'messageRead',
      schema: 1,
      createdAt: '2026-12-10T01:02:03.000Z',
      createdBy: 'an.nguyen',
      upTo: 'message:01JABCDEFGHJKMNPQRSTVWXYZ0',
      at: '2026-12-10T01:02:03.000Z',
    };
    ok(marker, an, CONV);
    ok({ ...marker, upTo: 'message:01JABCDEFGHJKMNPQRSTVWXYZ1' }, an, CONV, marker);
    no({ ...marker, createdBy: 'tuan.vu' }, tuan, CONV, /own/);
    no(marker, tuan, CONV, /createdBy/);
  });

  describe('files on messages', () => {
    const SHA = 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=';
    const file = (n: number, over: Doc = {}): Doc => ({
      fileId: `file:01JFILE00000000000000000${String(n).padStart(2, '0')}`,
      name: `Ảnh ${n}.png`,
      contentType: 'image/png',
      size: 1000,
      sha256: SHA,
      ...over,
    });
    const event = (over: Doc = {}): Doc => ({
      _id: 'messageEvent:01JABCDEFGHJKMNPQRSTVWXYZ1',
      type: 'messageEvent',
      schema: 1,
      createdAt: '2026-12-10T01:02:03.000Z',
      createdBy: 'an.nguyen',
      messageId: 'message:01JABCDEFGHJKMNPQRSTVWXYZ0',
      kind: 'edited',
      text: 'Sửa',
      ...over,
    });

    it('accepts up to 10 files, with text or with empty text; a thread message may carry files too', () => {
      ok(message('an.nguyen', { files: [file(1)] }), an, CONV);
      ok(message('an.nguyen', { files: Array.from({ length: 10 }, (_, i) => file(i)) }), an, CONV);
      ok(message('an.nguyen', { text: '', files: [file(1)] }), an, CONV);
      ok(message('an.nguyen', { text: '   ', files: [file(1)] }), an, CONV);
      ok(message('an.nguyen', { parentId: 'calendarEvent:01JABCDEFGHJKMNPQRSTVWXYZ0', text: '', files: [file(1)] }), an, {
        kind: 'org',
        id: 'org',
      });
    });

    it('needs text without files (an empty list is no files); text is always a string, at most 5000 characters', () => {
      no(message('an.nguyen', { text: '' }), an, CONV, /text must be 1–5000/);
      no(message('an.nguyen', { text: '', files: [] }), an, CONV, /text must be 1–5000/);
      no(message('an.nguyen', { text: undefined, files: [file(1)] }), an, CONV, /text is required/);
      no(message('an.nguyen', { text: 'x'.repeat(5001), files: [file(1)] }), an, CONV, /text must be 0–5000/);
    });

    it('refuses bad file lists and bad file metadata with a reason', () => {
      no(message('an.nguyen', { files: file(1) }), an, CONV, /files must be a list/);
      no(message('an.nguyen', { files: Array.from({ length: 11 }, (_, i) => file(i)) }), an, CONV, /at most 10 files/);
      no(message('an.nguyen', { files: [file(1), file(1)] }), an, CONV, /listed twice/);
      no(message('an.nguyen', { files: [file(1, { fileId: 'notice:1' })] }), an, CONV, /file:<id>/);
      no(message('an.nguyen', { files: [file(1, { size: '1000' })] }), an, CONV, /file:<id>/);
      no(message('an.nguyen', { files: ['file:01J'] }), an, CONV, /file:<id>/);
      no(message('an.nguyen', { files: [file(1, { contentType: 'text/html' })] }), an, CONV, /PDF/);
      no(message('an.nguyen', { files: [file(1, { size: 25 * 1024 * 1024 + 1 })] }), an, CONV, /25 MB/);
      no(message('an.nguyen', { files: [file(1, { sha256: 'x' })] }), an, CONV, /sha256/);
      no(message('an.nguyen', { files: [file(1)], _attachments: {} }), an, CONV, /files database/);
    });

    it('edits still need text', () => {
      ok(event(), an, CONV);
      no(event({ text: '' }), an, CONV, /text must be 1–5000/);
      no(event({ text: undefined }), an, CONV, /text is required/);
    });
  });
});
