import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { filesDbNameOf } from '../../src/model/files.ts';
import { newId } from '../../src/model/ids.ts';
import { messageReadIdOf } from '../../src/model/messages.ts';
import type { MeResponse } from '../../src/model/api.ts';
import { type Space, directConversationId } from '../../src/model/spaces.ts';
import { disableUser, enableUser } from '../../server/services/accounts.ts';
import { fileOf, uploadFile } from './helpers/documents.ts';
import { type Reply, login, request } from './helpers/http.ts';
import { localDb, remoteDb } from './helpers/pouch.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/** Issue 6: conversation spaces, read by their members only (docs/decisions/0005). */

const AN = 'an.nguyen'; // staff, vp
const TUAN = 'tuan.vu'; // staff, vp
const LINH = 'linh.dinh'; // staff, kt
const HOA = 'hoa.do'; // head of vp (an's and tuan's head)
const LAN = 'lan.nguyen'; // leader
const MAI = 'mai.hoang'; // clerk
const TRI = 'tri.nguyen'; // app administrator

const message = (by: string, over: Record<string, unknown> = {}) => ({
  _id: newId('message'),
  type: 'message',
  schema: 1,
  createdAt: new Date().toISOString(),
  createdBy: by,
  authorName: by,
  text: 'Chào anh, chiều nay họp lúc 14h nhé.',
  mentions: [],
  ...over,
});
const messageEvent = (by: string, messageId: string, over: Record<string, unknown> = {}) => ({
  _id: newId('messageEvent'),
  type: 'messageEvent',
  schema: 1,
  createdAt: new Date().toISOString(),
  createdBy: by,
  messageId,
  kind: 'edited',
  text: 'Sửa: 15h',
  ...over,
});
const readMarker = (by: string, upTo: string, over: Record<string, unknown> = {}) => ({
  _id: messageReadIdOf(by),
  type: 'messageRead',
  schema: 1,
  createdAt: new Date().toISOString(),
  createdBy: by,
  upTo,
  at: new Date().toISOString(),
  ...over,
});

describe('conversations (issue 6)', () => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  const api = (path: string, as: string, body?: unknown): Promise<Reply> =>
    request(`${s.url}/api${path}`, { cookie: cookies[as], ...(body === undefined ? {} : { method: 'POST', body }) });
  const dbUrl = (path: string) => `${s.url}/db/${path}`;
  const asAdmin = (path: string): Promise<Reply> => request(dbUrl(path), { basic: s.admin });
  const put = (db: string, doc: { _id: string }, as: string) =>
    request(dbUrl(`${db}/${encodeURIComponent(doc._id)}`), { method: 'PUT', cookie: cookies[as], body: doc });
  const me = async (as: string): Promise<MeResponse> => (await api('/me', as)).json as MeResponse;

  let dm: Space;
  let group: Space;

  before(async () => {
    s = await startTestServer({ demo: true });
    for (const name of [AN, TUAN, LINH, HOA, LAN, MAI, TRI]) cookies[name] = await login(s.url, name, s.demoPassword);
  });
  after(() => s.stop());

  describe('creating', () => {
    it('creates a direct conversation with the deterministic id, and returns it again (200) when asked again', async () => {
      const r = await api('/conversations', AN, { members: [TUAN] });
      assert.equal(r.status, 201, r.text);
      dm = r.json as Space;
      const id = await directConversationId(AN, TUAN);
      assert.equal(dm.id, id);
      assert.match(dm.id, /^dm-[0-9a-f]{24}$/);
      assert.equal(dm.kind, 'conversation');
      assert.equal(dm.db, `docket-conv-${id}`);
      assert.deepEqual(dm.members, [AN, TUAN]);
      assert.equal(dm.conversation?.kind, 'direct');
      assert.equal(dm.conversation?.createdBy, AN);
      assert.equal(dm.conversation?.title, undefined);
      assert.notEqual(dm.title, TUAN, 'titled with the other person’s display name');
      assert.ok(dm.title.length > 0);
      const again = await api('/conversations', TUAN, { members: [AN, TUAN] });
      assert.equal(again.status, 200);
      assert.equal((again.json as Space).id, id);
      assert.equal((again.json as Space).conversation?.createdAt, dm.conversation?.createdAt);
      // Security and meta document, as the server admin sees them.
      const sec = await asAdmin(`${dm.db}/_security`);
      assert.deepEqual(sec.json.members, { names: [AN, TUAN], roles: [] });
      const meta = await asAdmin(`${dm.db}/${encodeURIComponent(`conversation:${id}`)}`);
      assert.equal(meta.status, 200);
      assert.deepEqual(meta.json.members, [AN, TUAN]);
      assert.equal(meta.json.kind, 'direct');
      assert.equal(meta.json.type, 'conversation');
      assert.equal((await asAdmin(`${dm.db}/_design/docket`)).status, 200);
      // Its files database (files of messages), with the same members by name and the files rules.
      const files = filesDbNameOf({ kind: 'conversation', id });
      assert.equal(files, `docket-files-conv-${id}`);
      assert.deepEqual((await asAdmin(`${files}/_security`)).json.members, { names: [AN, TUAN], roles: [] });
      assert.match((await asAdmin(`${files}/_design/docket`)).json.validate_doc_update, /validateFileUpdate/);
    });

    it('creates a group with a title; two people with a title are a group too', async () => {
      const r = await api('/conversations', AN, { members: [TUAN, LINH], title: '  Tổ công tác chuyển đổi số ' });
      assert.equal(r.status, 201, r.text);
      group = r.json as Space;
      assert.match(group.id, /^[0-9a-hjkmnp-tv-z]{26}$/);
      assert.equal(group.title, 'Tổ công tác chuyển đổi số');
      assert.equal(group.conversation?.kind, 'group');
      assert.equal(group.conversation?.title, 'Tổ công tác chuyển đổi số');
      assert.deepEqual(group.members, [AN, LINH, TUAN]);
      const pair = await api('/conversations', AN, { members: [TUAN], title: 'Hai người' });
      assert.equal(pair.status, 201);
      assert.equal((pair.json as Space).conversation?.kind, 'group');
      assert.notEqual((pair.json as Space).id, dm.id);
    });

    const invalid: [string, unknown, RegExp][] = [
      ['an unknown member', { members: [TUAN, 'khong.ton.tai'] }, /khong\.ton\.tai/],
      ['a group without a title', { members: [TUAN, LINH] }, /title/],
      ['an empty title', { members: [TUAN, LINH], title: '   ' }, /title/],
      ['a title of 201 characters', { members: [TUAN, LINH], title: 'x'.repeat(201) }, /title/],
      ['nobody else', { members: [AN] }, /other member/],
      ['no list', { members: 'tuan.vu' }, /members/],
      ['a list of non-names', { members: [1, 2] }, /members/],
      ['101 members', { members: Array.from({ length: 101 }, (_, i) => `p${i}`), title: 'x' }, /members/],
      ['no body', [], /members/],
    ];
    for (const [what, body, reason] of invalid) {
      it(`answers 400 to ${what}`, async () => {
        const r = await api('/conversations', AN, body);
        assert.equal(r.status, 400, r.text);
        assert.equal(r.json.error, 'bad_request');
        assert.match(r.json.reason, reason);
      });
    }

    it('refuses the anonymous (401) and the server administrator (403)', async () => {
      assert.equal((await request(`${s.url}/api/conversations`, { method: 'POST', body: { members: [TUAN] } })).status, 401);
      const admin = await request(`${s.url}/api/conversations`, { method: 'POST', basic: s.admin, body: { members: [TUAN] } });
      assert.equal(admin.status, 403);
    });

    it('refuses creating a docket-conv-* database through /db, for every user', async () => {
      for (const name of [AN, LAN, TRI]) {
        const fresh = await request(dbUrl('docket-conv-01jzzzzzzzzzzzzzzzzzzzzzzz'), { method: 'PUT', cookie: cookies[name] });
        assert.equal(fresh.status, 403, name);
        const existing = await request(dbUrl(dm.db), { method: 'PUT', cookie: cookies[name] });
        assert.equal(existing.status, 403, name);
      }
      assert.equal((await asAdmin('docket-conv-01jzzzzzzzzzzzzzzzzzzzzzzz')).status, 404);
      assert.equal((await request(dbUrl(dm.db), { method: 'DELETE', cookie: cookies[AN] })).status, 403);
      assert.equal((await asAdmin(dm.db)).status, 200);
    });

    it('lists the conversations in /api/me for their members only', async () => {
      const an = await me(AN);
      const convs = an.spaces.filter((x) => x.kind === 'conversation');
      assert.ok(convs.some((x) => x.id === dm.id && x.db === dm.db && x.members?.join() === [AN, TUAN].join()));
      assert.ok(convs.some((x) => x.id === group.id && x.title === group.title && x.conversation?.kind === 'group'));
      assert.deepEqual(
        an.spaces.slice(0, 1).map((x) => x.kind),
        ['org'],
        'the usual spaces come first',
      );
      const tuan = await me(TUAN);
      const dmForTuan = tuan.spaces.find((x) => x.id === dm.id)!;
      assert.ok(dmForTuan, 'listed for the other member');
      assert.notEqual(dmForTuan.title, dm.title, 'each sees the other’s name');
      for (const name of [LAN, HOA, MAI, TRI]) {
        const spaces = (await me(name)).spaces;
        assert.ok(!spaces.some((x) => x.id === dm.id || x.id === group.id), `${name} sees neither`);
      }
      assert.ok(!(await me(LINH)).spaces.some((x) => x.id === dm.id));
      assert.ok((await me(LINH)).spaces.some((x) => x.id === group.id));
    });
  });

  describe('only members read: every /db route', () => {
    let msgId: string;
    before(async () => {
      const m = message(AN);
      msgId = m._id;
      assert.equal((await put(dm.db, m, AN)).status, 201);
    });

    /** Every route the matrix covers, against the direct conversation. */
    const routes = (): { what: string; method?: string; path: string; body?: unknown }[] => {
      const doc = message(LAN);
      return [
        { what: 'GET db info', path: dm.db },
        { what: 'HEAD db', method: 'HEAD', path: dm.db },
        { what: 'GET _all_docs', path: `${dm.db}/_all_docs?include_docs=true` },
        { what: 'POST _all_docs with keys', method: 'POST', path: `${dm.db}/_all_docs?include_docs=true`, body: { keys: [msgId] } },
        { what: 'GET _changes', path: `${dm.db}/_changes?include_docs=true&style=all_docs` },
        { what: 'GET _changes longpoll', path: `${dm.db}/_changes?feed=longpoll&since=0&timeout=1000` },
        { what: 'GET _changes continuous', path: `${dm.db}/_changes?feed=continuous&timeout=1000` },
        { what: 'GET _changes eventsource', path: `${dm.db}/_changes?feed=eventsource&timeout=1000` },
        { what: 'POST _changes _doc_ids', method: 'POST', path: `${dm.db}/_changes?filter=_doc_ids`, body: { doc_ids: [msgId] } },
        { what: 'POST _bulk_get', method: 'POST', path: `${dm.db}/_bulk_get?revs=true`, body: { docs: [{ id: msgId }] } },
        { what: 'GET doc', path: `${dm.db}/${encodeURIComponent(msgId)}` },
        { what: 'GET meta doc', path: `${dm.db}/${encodeURIComponent(`conversation:${dm.id}`)}` },
        { what: 'GET attachment', path: `${dm.db}/${encodeURIComponent(msgId)}/scan.pdf` },
        { what: 'POST _find', method: 'POST', path: `${dm.db}/_find`, body: { selector: { type: 'message' } } },
        { what: 'POST _explain', method: 'POST', path: `${dm.db}/_explain`, body: { selector: { type: 'message' } } },
        { what: 'GET _index', path: `${dm.db}/_index` },
        { what: 'POST _index', method: 'POST', path: `${dm.db}/_index`, body: { index: { fields: ['type'] } } },
        { what: 'GET _local', path: `${dm.db}/_local/x` },
        { what: 'PUT _local', method: 'PUT', path: `${dm.db}/_local/intruder`, body: { x: 1 } },
        { what: 'GET _security', path: `${dm.db}/_security` },
        {
          what: 'PUT _security',
          method: 'PUT',
          path: `${dm.db}/_security`,
          body: { admins: { names: [], roles: ['_admin'] }, members: { names: [AN, TUAN, 'intruder'], roles: [] } },
        },
        { what: 'GET _design/docket', path: `${dm.db}/_design/docket` },
        { what: 'GET a view', path: `${dm.db}/_design/docket/_view/eventsByTask` },
        { what: 'POST _revs_diff', method: 'POST', path: `${dm.db}/_revs_diff`, body: { [msgId]: ['1-abc'] } },
        { what: 'POST _missing_revs', method: 'POST', path: `${dm.db}/_missing_revs`, body: { [msgId]: ['1-abc'] } },
        { what: 'POST _bulk_docs', method: 'POST', path: `${dm.db}/_bulk_docs`, body: { docs: [message(LAN)] } },
        { what: 'PUT doc', method: 'PUT', path: `${dm.db}/${encodeURIComponent(doc._id)}`, body: doc },
        { what: 'POST doc', method: 'POST', path: dm.db, body: message(LAN) },
        { what: 'DELETE doc', method: 'DELETE', path: `${dm.db}/${encodeURIComponent(msgId)}?rev=1-abc` },
        { what: 'POST _ensure_full_commit', method: 'POST', path: `${dm.db}/_ensure_full_commit`, body: {} },
        { what: 'POST _purge', method: 'POST', path: `${dm.db}/_purge`, body: { [msgId]: ['1-abc'] } },
        { what: 'POST _compact', method: 'POST', path: `${dm.db}/_compact`, body: {} },
        { what: 'PUT db', method: 'PUT', path: dm.db },
        { what: 'DELETE db', method: 'DELETE', path: dm.db },
      ];
    };

    for (const [who, name] of [
      ['a leader', LAN],
      ['the unit head of both members', HOA],
      ['a clerk', MAI],
      ['the app administrator', TRI],
      ['a member of the group but not of the direct conversation', LINH],
      ['the anonymous', ''],
    ] as const) {
      it(`refuses ${who} on every route with 401/403`, async () => {
        for (const r of routes()) {
          const reply = await request(dbUrl(r.path), {
            method: r.method ?? 'GET',
            ...(name ? { cookie: cookies[name] } : {}),
            ...(r.body !== undefined ? { body: r.body } : {}),
          });
          const expected = name ? 403 : 401;
          assert.equal(reply.status, expected, `${r.what}: ${reply.status} ${reply.text.slice(0, 200)}`);
          assert.doesNotMatch(reply.text, /Chào anh/, `${r.what} leaks nothing`);
        }
        // Nothing was written, the security is unchanged, the database is still there.
        const all = await asAdmin(`${dm.db}/_all_docs`);
        assert.deepEqual(
          (all.json.rows as { id: string }[]).map((x) => x.id).filter((id) => !id.startsWith('_design/')),
          [`conversation:${dm.id}`, msgId].sort(),
        );
        assert.deepEqual((await asAdmin(`${dm.db}/_security`)).json.members.names, [AN, TUAN]);
        assert.equal((await asAdmin(`${dm.db}/_local/intruder`)).status, 404);
        const changes = await request(`${s.url}/api/changes`, {
          method: 'POST',
          ...(name ? { cookie: cookies[name] } : {}),
          body: { dbs: { [dm.db]: null } },
        });
        assert.equal(changes.status, name ? 403 : 401, '/api/changes');
      });
    }

    it('lets members read (and not what nobody may: _security, _find, design functions)', async () => {
      for (const name of [AN, TUAN]) {
        const c = cookies[name];
        assert.equal((await request(dbUrl(`${dm.db}/_all_docs`), { cookie: c })).status, 200);
        assert.equal((await request(dbUrl(`${dm.db}/_changes?style=all_docs`), { cookie: c })).status, 200);
        const bulk = await request(dbUrl(`${dm.db}/_bulk_get?revs=true`), { method: 'POST', cookie: c, body: { docs: [{ id: msgId }] } });
        assert.equal(bulk.status, 200);
        assert.equal((await request(dbUrl(`${dm.db}/${encodeURIComponent(msgId)}`), { cookie: c })).json.text, message(AN).text);
        assert.equal((await request(dbUrl(`${dm.db}/${encodeURIComponent(`conversation:${dm.id}`)}`), { cookie: c })).status, 200);
        assert.equal((await request(dbUrl(`${dm.db}/_design/docket`), { cookie: c })).status, 200);
        assert.equal((await request(dbUrl(`${dm.db}/_security`), { cookie: c })).status, 403);
        const find = await request(dbUrl(`${dm.db}/_find`), { method: 'POST', cookie: c, body: { selector: {} } });
        assert.equal(find.status, 403);
        const changes = await request(`${s.url}/api/changes`, { method: 'POST', cookie: c, body: { dbs: { [dm.db]: null } } });
        assert.equal(changes.status, 200);
      }
    });

    it('keeps the meta document server-written: members can neither change nor delete it', async () => {
      const path = `${dm.db}/${encodeURIComponent(`conversation:${dm.id}`)}`;
      const meta = (await asAdmin(path)).json;
      const changed = await request(dbUrl(path), { method: 'PUT', cookie: cookies[AN], body: { ...meta, members: [AN, TUAN, LAN] } });
      assert.equal(changed.status, 403);
      const del = await request(dbUrl(`${path}?rev=${meta._rev}`), { method: 'DELETE', cookie: cookies[AN] });
      assert.equal(del.status, 403);
      const forged = { ...meta, _id: `conversation:${dm.id}x`, _rev: undefined };
      assert.equal((await put(dm.db, forged, AN)).status, 403);
      assert.equal((await asAdmin(path)).json._rev, meta._rev);
    });
  });

  describe('replication', () => {
    it('members replicate both ways with PouchDB over HTTP; a non-member is refused', async () => {
      const anDevice = localDb();
      const tuanDevice = localDb();
      const remoteAn = remoteDb(`${s.url}/db/${group.db}`, cookies[AN]!);
      const remoteTuan = remoteDb(`${s.url}/db/${group.db}`, cookies[TUAN]!);
      const mine = message(AN, { text: 'Gửi cả tổ: tài liệu đã lên.', mentions: [TUAN, LINH] });
      await anDevice.put(mine);
      const pushed = await anDevice.replicate.to(remoteAn);
      assert.equal(pushed.docs_written, 1);
      assert.equal(pushed.doc_write_failures, 0);
      const pulled = await tuanDevice.replicate.from(remoteTuan);
      assert.equal(pulled.ok, true);
      assert.equal(((await tuanDevice.get(mine._id)) as unknown as { text: string }).text, mine.text);
      assert.equal(((await tuanDevice.get(`conversation:${group.id}`)) as unknown as { title: string }).title, group.title);
      // Tuan answers and marks read; An pulls both.
      const reply = message(TUAN, { replyTo: mine._id, text: 'Đã nhận.' });
      await tuanDevice.bulkDocs([reply, readMarker(TUAN, reply._id)]);
      const back = await tuanDevice.replicate.to(remoteTuan);
      assert.equal(back.doc_write_failures, 0);
      await anDevice.replicate.from(remoteAn);
      assert.equal(((await anDevice.get(reply._id)) as unknown as { replyTo: string }).replyTo, mine._id);
      assert.equal(((await anDevice.get(messageReadIdOf(TUAN))) as unknown as { upTo: string }).upTo, reply._id);
      // A forged message pushed by a member is denied, the rest goes through.
      const forged = message(LINH);
      const good = message(AN, { text: 'Thêm một tin.' });
      await anDevice.bulkDocs([forged, good]);
      const denied: { id?: string }[] = [];
      const result = await anDevice.replicate.to(remoteAn).on('denied', (err: unknown) => denied.push(err as { id?: string }));
      assert.equal(result.doc_write_failures, 1);
      assert.equal(denied[0]?.id, forged._id);
      // Non-members, among them a leader, cannot replicate it.
      for (const name of [LAN, HOA]) {
        const device = localDb();
        await assert.rejects(device.replicate.from(remoteDb(`${s.url}/db/${group.db}`, cookies[name]!)), (err: { status?: number }) =>
          [401, 403].includes(err.status ?? 0),
        );
        await device.destroy();
      }
      await Promise.all([anDevice.destroy(), tuanDevice.destroy()]);
    });
  });

  describe('message rules', () => {
    const accepted = async (doc: { _id: string }, as = AN, db = dm.db) => {
      const r = await put(db, doc, as);
      assert.equal(r.status, 201, r.text);
      return r.json.rev as string;
    };
    const refused = async (doc: { _id: string }, as = AN, db = dm.db, reason?: RegExp) => {
      const stored = async () => (await asAdmin(`${db}/${encodeURIComponent(doc._id)}`)).json?._rev as string | undefined;
      const before = await stored();
      const r = await put(db, doc, as);
      assert.equal(r.status, 403, `${r.status} ${r.text}`);
      if (reason) assert.match(r.json.reason, reason);
      assert.equal(await stored(), before, 'nothing stored');
    };

    it('bounds the text: 1–5000 characters after trimming', async () => {
      await accepted(message(AN, { text: 'x'.repeat(5000) }));
      await accepted(message(AN, { text: `  ${'x'.repeat(5000)}  ` }));
      await refused(message(AN, { text: 'x'.repeat(5001) }), AN, dm.db, /text/);
      await refused(message(AN, { text: '   ' }), AN, dm.db, /text/);
      await refused(message(AN, { text: undefined }), AN, dm.db, /text/);
      await refused(message(AN, { text: 12 }), AN, dm.db, /text/);
    });

    it('checks mentions, replyTo, authorName, the id, the author and attachments', async () => {
      await accepted(message(AN, { mentions: [TUAN] }));
      await accepted(message(AN, { mentions: Array.from({ length: 50 }, (_, i) => `nguoi${i}`) }));
      await refused(message(AN, { mentions: Array.from({ length: 51 }, (_, i) => `nguoi${i}`) }), AN, dm.db, /mentions/);
      await refused(message(AN, { mentions: ['Not A Name'] }), AN, dm.db, /mentions/);
      await refused(message(AN, { mentions: [TUAN, TUAN] }), AN, dm.db, /mentions/);
      await refused(message(AN, { mentions: undefined }), AN, dm.db, /mentions/);
      await refused(message(AN, { replyTo: 'task:01ABC' }), AN, dm.db, /replyTo/);
      await refused(message(AN, { authorName: '' }), AN, dm.db, /authorName/);
      await refused(message(AN, { _id: 'message:abc' }), AN, dm.db, /_id/);
      await refused(message(TUAN), AN, dm.db, /createdBy/);
      await refused(message(AN, { schema: 2 }), AN, dm.db, /schema/);
      await refused(
        message(AN, { _attachments: { 'a.png': { content_type: 'image/png', data: Buffer.from('x').toString('base64') } } }),
        AN,
        dm.db,
        /attachments/,
      );
    });

    it('keeps messages append-only: no change, no delete', async () => {
      const m = message(AN);
      const rev = await accepted(m);
      const changed = await request(dbUrl(`${dm.db}/${encodeURIComponent(m._id)}`), {
        method: 'PUT',
        cookie: cookies[AN],
        body: { ...m, _rev: rev, text: 'changed' },
      });
      assert.equal(changed.status, 403);
      const del = await request(dbUrl(`${dm.db}/${encodeURIComponent(m._id)}?rev=${rev}`), { method: 'DELETE', cookie: cookies[AN] });
      assert.equal(del.status, 403);
      const tomb = await request(dbUrl(`${dm.db}/_bulk_docs`), {
        method: 'POST',
        cookie: cookies[AN],
        body: { docs: [{ _id: m._id, _rev: rev, _deleted: true }] },
      });
      assert.equal((tomb.json as { error?: string }[])[0]?.error, 'forbidden');
      assert.equal((await asAdmin(`${dm.db}/${encodeURIComponent(m._id)}`)).json.text, m.text);
    });

    it('lets only the author edit or remove a message (the gateway checks the stored message)', async () => {
      const m = message(AN);
      await accepted(m);
      const edit = messageEvent(AN, m._id);
      const editRev = await accepted(edit);
      await accepted(messageEvent(AN, m._id, { kind: 'removed', text: undefined }));
      await refused(messageEvent(TUAN, m._id), TUAN, dm.db, /author/);
      await refused(messageEvent(TUAN, m._id, { kind: 'removed', text: undefined }), TUAN, dm.db, /author/);
      await refused(messageEvent(AN, newId('message')), AN, dm.db, /not in this space/);
      await refused(messageEvent(AN, m._id, { text: '' }), AN, dm.db, /text/);
      await refused(messageEvent(AN, m._id, { text: 'y'.repeat(5001) }), AN, dm.db, /text/);
      await refused(messageEvent(AN, m._id, { kind: 'removed', text: 'why' }), AN, dm.db, /removal/);
      await refused(messageEvent(AN, m._id, { kind: 'pinned' }), AN, dm.db, /kind/);
      // Events are append-only too.
      const change = await request(dbUrl(`${dm.db}/${encodeURIComponent(edit._id)}`), {
        method: 'PUT',
        cookie: cookies[AN],
        body: { ...edit, _rev: editRev, text: 'again' },
      });
      assert.equal(change.status, 403);
      const del = await request(dbUrl(`${dm.db}/${encodeURIComponent(edit._id)}?rev=${editRev}`), {
        method: 'DELETE',
        cookie: cookies[AN],
      });
      assert.equal(del.status, 403);
    });

    it('checks events in a batch against the messages of the same batch', async () => {
      const mine = message(TUAN);
      const theirs = message(AN);
      await accepted(theirs);
      const r = await request(dbUrl(`${dm.db}/_bulk_docs`), {
        method: 'POST',
        cookie: cookies[TUAN],
        body: { docs: [mine, messageEvent(TUAN, mine._id), messageEvent(TUAN, theirs._id)] },
      });
      assert.equal(r.status, 201);
      const results = r.json as { id: string; ok?: boolean; error?: string }[];
      const events = results.filter((x) => x.id.startsWith('messageEvent:'));
      assert.equal(results.find((x) => x.id === mine._id)?.ok, true);
      assert.deepEqual(events.map((x) => x.ok ?? x.error).sort(), [true, 'forbidden'].sort());
    });

    it('read markers: one per person, mutable by its owner only', async () => {
      const m = message(AN);
      await accepted(m);
      const marker = readMarker(AN, m._id);
      const rev = await accepted(marker);
      const later = message(TUAN);
      await accepted(later, TUAN);
      const moved = await request(dbUrl(`${dm.db}/${encodeURIComponent(messageReadIdOf(AN))}`), {
        method: 'PUT',
        cookie: cookies[AN],
        body: { ...marker, upTo: later._id, at: new Date().toISOString(), _rev: rev },
      });
      assert.equal(moved.status, 201, moved.text);
      await refused(readMarker(TUAN, m._id, { _id: messageReadIdOf(AN) }), TUAN, dm.db);
      await refused(readMarker(AN, m._id, { _id: messageReadIdOf(TUAN) }), AN, dm.db, /own/);
      await refused(readMarker(TUAN, 'task:01ABC'), TUAN, dm.db, /upTo/);
      await refused(readMarker(TUAN, m._id, { at: 'now' }), TUAN, dm.db, /at/);
      assert.equal((await asAdmin(`${dm.db}/${encodeURIComponent(messageReadIdOf(AN))}`)).json.upTo, later._id);
    });

    it('threads: a message with parentId is accepted in a unit space from a member, one without is refused there', async () => {
      const vp = 'docket-unit-vp';
      await accepted(message(AN, { parentId: 'task:01JABCDEFGHJKMNPQRSTVWXYZ0' }), AN, vp);
      await accepted(message(LAN, { parentId: 'officialDocument:01JABCDEFGHJKMNPQRSTVWXYZ0' }), LAN, vp);
      await accepted(message(AN, { parentId: 'calendarEvent:01JABCDEFGHJKMNPQRSTVWXYZ0' }), AN, 'docket-org');
      await refused(message(AN), AN, vp, /conversation/);
      await refused(message(AN), AN, 'docket-org', /conversation/);
      await refused(message(AN, { parentId: 'notice:01JABCDEFGHJKMNPQRSTVWXYZ0' }), AN, vp, /parentId/);
      await refused(message(MAI, { parentId: 'task:01JABCDEFGHJKMNPQRSTVWXYZ0' }), MAI, 'docket-registry', /Threads/);
      await refused(message(LINH, { parentId: 'task:01JABCDEFGHJKMNPQRSTVWXYZ0' }), LINH, vp);
      // In a conversation a thread message is fine too.
      await accepted(message(AN, { parentId: 'task:01JABCDEFGHJKMNPQRSTVWXYZ0' }));
    });
  });

  describe('files of messages (the conversation’s files database)', () => {
    const filesOf = (space: Space) => filesDbNameOf(space);
    const upload = async (db: string, f: ReturnType<typeof fileOf>, as: string) => uploadFile(s.url, cookies[as]!, db, f);
    let stored: ReturnType<typeof fileOf>;
    let owner: ReturnType<typeof message>;

    it('a member uploads a file owned by a message; the other member reads it; the message lists it, with or without text', async () => {
      owner = message(AN, { text: '' });
      stored = fileOf(AN, owner._id);
      await upload(filesOf(dm), stored, AN);
      const withFiles = { ...owner, files: [stored.meta] };
      const r = await put(dm.db, withFiles, AN);
      assert.equal(r.status, 201, r.text);
      const got = await request(dbUrl(`${filesOf(dm)}/${encodeURIComponent(stored.doc._id)}/data`), { cookie: cookies[TUAN] });
      assert.equal(got.status, 200);
      assert.equal(got.text, stored.bytes.toString());
      assert.match(got.headers.get('content-disposition') ?? '', /^attachment/);
      const doc = await request(dbUrl(`${filesOf(dm)}/${encodeURIComponent(stored.doc._id)}`), { cookie: cookies[TUAN] });
      assert.equal(doc.json.ownerId, owner._id);
      assert.deepEqual((await request(dbUrl(`${dm.db}/${encodeURIComponent(owner._id)}`), { cookie: cookies[TUAN] })).json.files, [
        stored.meta,
      ]);
      // Devices fetch files one by one; the feed and _bulk_get work for members too.
      for (const [path, body] of [
        [`${filesOf(dm)}/_all_docs`, undefined],
        [`${filesOf(dm)}/_changes?style=all_docs`, undefined],
        [`${filesOf(dm)}/_bulk_get?revs=true`, { docs: [{ id: stored.doc._id }] }],
      ] as const) {
        const reply = await request(dbUrl(path), { cookie: cookies[TUAN], ...(body ? { method: 'POST', body } : {}) });
        assert.equal(reply.status, 200, path);
      }
      // A thread message on a calendar event in the org space may carry files as well.
      const thread = message(AN, { parentId: 'calendarEvent:01JABCDEFGHJKMNPQRSTVWXYZ0', files: [fileOf(AN, 'message:x').meta] });
      assert.equal((await put('docket-org', thread, AN)).status, 201);
    });

    it('refuses bad file lists on messages with a 403 forbidden and a reason, and files of anything but messages', async () => {
      const bad: [string, Record<string, unknown>, RegExp][] = [
        ['a file without sha256', { files: [{ ...stored.meta, sha256: undefined }] }, /file:<id>, name, contentType, size and sha256/],
        ['a file that is not file:', { files: [{ ...stored.meta, fileId: 'notice:01J' }] }, /file:<id>/],
        ['an executable', { files: [{ ...stored.meta, contentType: 'application/x-msdownload' }] }, /PDF/],
        ['eleven files', { files: Array.from({ length: 11 }, () => fileOf(AN, 'message:x').meta) }, /at most 10 files/],
        ['a file twice', { files: [stored.meta, stored.meta] }, /listed twice/],
        ['no list', { files: stored.meta }, /files must be a list/],
        ['no text and no files', { text: '', files: [] }, /text must be 1–5000/],
      ];
      for (const [what, over, reason] of bad) {
        const doc = message(AN, over);
        const r = await put(dm.db, doc, AN);
        assert.equal(r.status, 403, `${what}: ${r.text}`);
        assert.equal(r.json.error, 'forbidden', what);
        assert.match(r.json.reason, reason, what);
        assert.equal((await asAdmin(`${dm.db}/${encodeURIComponent(doc._id)}`)).status, 404, `${what}: nothing stored`);
      }
      // An edit still needs text.
      const edit = messageEvent(AN, owner._id, { text: '' });
      assert.equal((await put(dm.db, edit, AN)).status, 403);
      // The conversation's files database holds files of messages only, never changed, never deleted.
      const task = fileOf(AN, 'task:01JABCDEFGHJKMNPQRSTVWXYZ0');
      const refused = await put(filesOf(dm), task.doc, AN);
      assert.equal(refused.status, 403);
      assert.match(refused.json.reason, /must be a message/);
      const current = (await asAdmin(`${filesOf(dm)}/${encodeURIComponent(stored.doc._id)}`)).json;
      const del = await request(dbUrl(`${filesOf(dm)}/${encodeURIComponent(stored.doc._id)}?rev=${current._rev as string}`), {
        method: 'DELETE',
        cookie: cookies[AN],
      });
      assert.equal(del.status, 403);
      assert.equal(del.json.reason, 'Files cannot be deleted.');
      const forgedAuthor = fileOf(TUAN, owner._id);
      assert.equal((await put(filesOf(dm), forgedAuthor.doc, AN)).status, 403, 'createdBy must be the uploader');
    });

    for (const [who, name] of [
      ['a leader', LAN],
      ['the unit head of both members', HOA],
      ['a clerk', MAI],
      ['the app administrator', TRI],
      ['a member of the group but not of the direct conversation', LINH],
      ['the anonymous', ''],
    ] as const) {
      it(`refuses ${who} on every route of the files database with ${name ? 403 : 401}`, async () => {
        const db = filesOf(dm);
        const id = encodeURIComponent(stored.doc._id);
        const theirs = fileOf(name || AN, message(name || AN)._id);
        const routes: { what: string; method?: string; path: string; body?: unknown; raw?: Buffer }[] = [
          { what: 'GET db info', path: db },
          { what: 'GET _all_docs', path: `${db}/_all_docs?include_docs=true` },
          { what: 'POST _all_docs', method: 'POST', path: `${db}/_all_docs?include_docs=true`, body: { keys: [stored.doc._id] } },
          { what: 'GET _changes', path: `${db}/_changes?include_docs=true&style=all_docs` },
          { what: 'GET _changes longpoll', path: `${db}/_changes?feed=longpoll&since=0&timeout=1000` },
          { what: 'POST _changes _doc_ids', method: 'POST', path: `${db}/_changes?filter=_doc_ids`, body: { doc_ids: [stored.doc._id] } },
          { what: 'POST _bulk_get', method: 'POST', path: `${db}/_bulk_get?revs=true`, body: { docs: [{ id: stored.doc._id }] } },
          { what: 'GET doc', path: `${db}/${id}` },
          { what: 'GET doc with attachments', path: `${db}/${id}?attachments=true` },
          { what: 'GET attachment', path: `${db}/${id}/data` },
          { what: 'HEAD attachment', method: 'HEAD', path: `${db}/${id}/data` },
          { what: 'POST _find', method: 'POST', path: `${db}/_find`, body: { selector: { type: 'file' } } },
          { what: 'GET _local', path: `${db}/_local/x` },
          { what: 'PUT _local', method: 'PUT', path: `${db}/_local/intruder`, body: { x: 1 } },
          { what: 'GET _security', path: `${db}/_security` },
          {
            what: 'PUT _security',
            method: 'PUT',
            path: `${db}/_security`,
            body: { admins: { names: [], roles: ['_admin'] }, members: { names: [AN, TUAN, 'intruder'], roles: [] } },
          },
          { what: 'GET _design/docket', path: `${db}/_design/docket` },
          { what: 'POST _revs_diff', method: 'POST', path: `${db}/_revs_diff`, body: { [stored.doc._id]: ['1-abc'] } },
          { what: 'POST _bulk_docs', method: 'POST', path: `${db}/_bulk_docs`, body: { docs: [theirs.doc] } },
          { what: 'PUT doc', method: 'PUT', path: `${db}/${encodeURIComponent(theirs.doc._id)}`, body: theirs.doc },
          { what: 'POST doc', method: 'POST', path: db, body: fileOf(name || AN, owner._id).doc },
          {
            what: 'PUT attachment',
            method: 'PUT',
            path: `${db}/${encodeURIComponent(theirs.doc._id)}/data`,
            raw: theirs.bytes,
          },
          { what: 'DELETE doc', method: 'DELETE', path: `${db}/${id}?rev=1-abc` },
          { what: 'POST _ensure_full_commit', method: 'POST', path: `${db}/_ensure_full_commit`, body: {} },
          { what: 'POST _compact', method: 'POST', path: `${db}/_compact`, body: {} },
          { what: 'PUT db', method: 'PUT', path: db },
          { what: 'DELETE db', method: 'DELETE', path: db },
        ];
        for (const r of routes) {
          const reply = await request(dbUrl(r.path), {
            method: r.method ?? 'GET',
            ...(name ? { cookie: cookies[name] } : {}),
            ...(r.body !== undefined ? { body: r.body } : {}),
            ...(r.raw !== undefined ? { raw: r.raw, contentType: 'application/pdf' } : {}),
          });
          assert.equal(reply.status, name ? 403 : 401, `${r.what}: ${reply.status} ${reply.text.slice(0, 200)}`);
          assert.doesNotMatch(reply.text, /Biên bản|%PDF/, `${r.what} leaks nothing`);
        }
        const all = await asAdmin(`${db}/_all_docs`);
        assert.ok(
          (all.json.rows as { id: string }[]).every((x) => x.id === stored.doc._id || x.id.startsWith('_design/')),
          'nothing written',
        );
        assert.deepEqual((await asAdmin(`${db}/_security`)).json.members.names, [AN, TUAN]);
        assert.equal((await asAdmin(`${db}/_local/intruder`)).status, 404);
        assert.equal((await asAdmin(db)).status, 200, 'still there');
      });
    }
  });

  describe('members', () => {
    it('adds active accounts to a group (not to a direct conversation), by members only', async () => {
      const r = await api(`/conversations/${group.id}/members`, AN, { add: [HOA] });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual((r.json as Space).members, [AN, HOA, LINH, TUAN]);
      assert.deepEqual((await asAdmin(`${group.db}/_security`)).json.members.names, [AN, HOA, LINH, TUAN]);
      assert.deepEqual((await asAdmin(`${group.db}/${encodeURIComponent(`conversation:${group.id}`)}`)).json.members, [
        AN,
        HOA,
        LINH,
        TUAN,
      ]);
      assert.equal((await request(dbUrl(`${group.db}/_all_docs`), { cookie: cookies[HOA] })).status, 200, 'the new member reads at once');
      // The files database follows: same members, and the new member reads its files at once.
      assert.deepEqual((await asAdmin(`${filesDbNameOf(group)}/_security`)).json.members.names, [AN, HOA, LINH, TUAN]);
      const f = fileOf(AN, newId('message'));
      assert.equal((await put(filesDbNameOf(group), f.doc, AN)).status, 201);
      assert.equal(
        (await request(dbUrl(`${filesDbNameOf(group)}/${encodeURIComponent(f.doc._id)}`), { cookie: cookies[HOA] })).status,
        200,
      );
      assert.ok((await me(HOA)).spaces.some((x) => x.id === group.id));
      const direct = await api(`/conversations/${dm.id}/members`, AN, { add: [LINH] });
      assert.equal(direct.status, 400);
      assert.equal((await api(`/conversations/${group.id}/members`, LAN, { add: [LAN] })).status, 403, 'a non-member adds nobody');
      assert.equal((await api(`/conversations/${group.id}/members`, AN, { add: ['khong.ton.tai'] })).status, 400);
      assert.equal((await api(`/conversations/${group.id}/members`, AN, {})).status, 400);
      assert.equal((await api(`/conversations/${group.id}/members`, AN, { add: [LAN], leave: true })).status, 400);
      assert.equal((await api(`/conversations/01jzzzzzzzzzzzzzzzzzzzzzzz/members`, AN, { leave: true })).status, 403);
    });

    it('a member who leaves loses access at once: requests refused, an open long-poll cut, gone from /api/me', async () => {
      const c = cookies[HOA]!;
      const since = (await request(dbUrl(`${group.db}`), { cookie: c })).json.update_seq as string;
      const started = Date.now();
      const files = filesDbNameOf(group);
      const filesSince = (await request(dbUrl(files), { cookie: c })).json.update_seq as string;
      const poll = (db: string, from: string) =>
        fetch(dbUrl(`${db}/_changes?feed=longpoll&since=${encodeURIComponent(from)}&timeout=20000`), {
          headers: { cookie: c },
        })
          .then((res) => res.text())
          .then(
            (text) => ({ ended: 'answered', text }),
            () => ({ ended: 'cut', text: '' }),
          );
      const longpoll = poll(group.db, since);
      const filesLongpoll = poll(files, filesSince);
      await new Promise((r) => setTimeout(r, 300));
      const r = await api(`/conversations/${group.id}/members`, HOA, { leave: true });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual((r.json as Space).members, [AN, LINH, TUAN]);
      const after = await longpoll;
      assert.equal(after.ended, 'cut', 'the open feed was cut');
      assert.equal((await filesLongpoll).ended, 'cut', 'the open feed of the files database was cut');
      assert.ok(Date.now() - started < 5000, 'at once');
      assert.doesNotMatch(after.text, /message:/);
      const fileIds = ((await asAdmin(`${files}/_all_docs`)).json.rows as { id: string }[])
        .map((x) => x.id)
        .filter((id) => id.startsWith('file:'));
      assert.ok(fileIds.length > 0);
      for (const path of [
        group.db,
        `${group.db}/_all_docs`,
        `${group.db}/_changes`,
        `${group.db}/_changes?feed=longpoll&timeout=1000`,
        files,
        `${files}/_all_docs`,
        `${files}/_changes`,
        `${files}/${encodeURIComponent(fileIds[0]!)}`,
        `${files}/${encodeURIComponent(fileIds[0]!)}/data`,
      ]) {
        assert.equal((await request(dbUrl(path), { cookie: c })).status, 403, path);
      }
      const bulkGet = await request(dbUrl(`${files}/_bulk_get`), { method: 'POST', cookie: c, body: { docs: [{ id: fileIds[0]! }] } });
      assert.equal(bulkGet.status, 403);
      assert.equal((await put(files, fileOf(HOA, newId('message')).doc, HOA)).status, 403, 'uploads nothing any more');
      assert.deepEqual((await asAdmin(`${files}/_security`)).json.members.names, [AN, LINH, TUAN]);
      assert.ok(!(await me(HOA)).spaces.some((x) => x.id === group.id));
      assert.deepEqual((await asAdmin(`${group.db}/_security`)).json.members.names, [AN, LINH, TUAN]);
      // A message after leaving is not for them; the others go on.
      assert.equal((await put(group.db, message(HOA), HOA)).status, 403);
      assert.equal((await put(group.db, message(AN), AN)).status, 201);
      assert.equal((await api(`/conversations/${group.id}/members`, HOA, { leave: true })).status, 403, 'not a member any more');
    });

    it('leaving a direct conversation; asking for it again brings both back', async () => {
      assert.equal((await api(`/conversations/${dm.id}/members`, TUAN, { leave: true })).status, 200);
      assert.equal((await request(dbUrl(`${dm.db}/_all_docs`), { cookie: cookies[TUAN] })).status, 403);
      assert.ok(!(await me(TUAN)).spaces.some((x) => x.id === dm.id));
      const an = (await me(AN)).spaces.find((x) => x.id === dm.id);
      assert.deepEqual(an?.members, [AN]);
      assert.ok(an?.title && an.title !== AN, 'still titled with the other person');
      const again = await api('/conversations', TUAN, { members: [AN] });
      assert.equal(again.status, 200);
      assert.deepEqual((again.json as Space).members, [AN, TUAN]);
      assert.equal((await request(dbUrl(`${dm.db}/_all_docs`), { cookie: cookies[TUAN] })).status, 200);
    });

    it('a disabled account keeps its membership but reads nothing; enabled again, it reads again', async () => {
      await disableUser(s.running.docket.store, LINH);
      try {
        assert.equal((await request(dbUrl(`${group.db}/_all_docs`), { cookie: cookies[LINH] })).status, 403);
        assert.equal((await request(dbUrl(`${group.db}/_changes`), { cookie: cookies[LINH] })).status, 403);
        assert.equal((await request(dbUrl(`${filesDbNameOf(group)}/_all_docs`), { cookie: cookies[LINH] })).status, 403);
        assert.equal((await api('/me', LINH)).status, 403);
        assert.equal((await api('/conversations', LINH, { members: [AN] })).status, 403);
        assert.equal((await api('/conversations', AN, { members: [LINH] })).status, 400, 'nobody starts one with a disabled account');
        assert.equal((await api(`/conversations/${group.id}/members`, AN, { add: [LINH] })).status, 400, 'nobody adds a disabled account');
        assert.ok((await asAdmin(`${group.db}/_security`)).json.members.names.includes(LINH), 'membership kept');
      } finally {
        await enableUser(s.running.docket.store, LINH);
      }
      const fresh = await login(s.url, LINH, s.demoPassword);
      assert.equal((await request(dbUrl(`${group.db}/_all_docs`), { cookie: fresh })).status, 200);
      assert.ok(((await request(`${s.url}/api/me`, { cookie: fresh })).json as MeResponse).spaces.some((x) => x.id === group.id));
    });

    it('backups hold the registry and every conversation space, each followed by its files database', async () => {
      const { databasesToBackup } = await import('../../server/backup/index.ts');
      const names = await databasesToBackup(s.running.docket.store);
      for (const space of [dm, group]) {
        assert.ok(names.includes(space.db), space.db);
        assert.equal(names[names.indexOf(space.db) + 1], filesDbNameOf(space), `${space.db} then its files`);
      }
      assert.ok(names.includes('docket-conversations'));
      assert.ok(names.includes('docket-files-org'));
    });

    it('setup on restart keeps every conversation space as the registry says', async () => {
      const { runSetup } = await import('../../server/setup/run.ts');
      // Break one space's _security as a crash between the registry write and the space's would leave it.
      await request(dbUrl(`${group.db}/_security`), {
        method: 'PUT',
        basic: s.admin,
        body: { admins: { names: [], roles: ['_admin'] }, members: { names: [AN], roles: [] } },
      });
      // And the files database's, as an older server (which made none) or a crash would leave it.
      await request(dbUrl(`${filesDbNameOf(group)}/_security`), {
        method: 'PUT',
        basic: s.admin,
        body: { admins: { names: [], roles: ['_admin'] }, members: { names: [AN, HOA], roles: [] } },
      });
      await runSetup(s.running.docket.store);
      assert.deepEqual((await asAdmin(`${group.db}/_security`)).json.members.names, [AN, LINH, TUAN]);
      assert.deepEqual((await asAdmin(`${filesDbNameOf(group)}/_security`)).json.members.names, [AN, LINH, TUAN]);
      assert.equal((await request(dbUrl(`${filesDbNameOf(group)}/_all_docs`), { cookie: cookies[HOA] })).status, 403);
      const again = await runSetup(s.running.docket.store);
      assert.equal(again.changed, 0, 'idempotent');
    });
  });
});
