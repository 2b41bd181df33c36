import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/model/ids.ts';
import { type Reply, login, request } from './helpers/http.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

const VP = 'docket-unit-vp';
const ORG = 'docket-org';

describe('gateway: refusals, limits and hardening', () => {
  let s: TestServer;
  let staff: string; // an.nguyen, staff of vp
  let clerk: string; // mai.hoang
  const db = (path: string) => `${s.url}/db/${path}`;
  const asAdmin = (path: string): Promise<Reply> => request(db(path), { basic: s.admin });
  const alive = async () => assert.equal((await request(`${s.url}/api/health`)).status, 200, 'server still answers');

  const notice = (by: string, over: Record<string, unknown> = {}) => ({
    _id: newId('notice'),
    type: 'notice',
    schema: 1,
    createdAt: new Date().toISOString(),
    createdBy: by,
    title: 'Họp giao ban',
    body: 'Sáng thứ Hai',
    pinned: false,
    authorName: by,
    ...over,
  });
  const put = (path: string, body: unknown, cookie = staff) => request(db(path), { method: 'PUT', cookie, body });

  before(async () => {
    s = await startTestServer({ demo: true, env: { TRUST_PROXY: 'loopback', LOGIN_RATE_LIMIT: '5' } });
    staff = await login(s.url, 'an.nguyen', s.demoPassword);
    clerk = await login(s.url, 'mai.hoang', s.demoPassword);
  });
  after(() => s.stop());

  describe('local documents', () => {
    it('members keep their replication checkpoints, but never touch the server’s own local documents', async () => {
      assert.equal((await put(`${VP}/_local/${encodeURIComponent('.0sTUwwSUI04iiocfO0JTw==')}`, { last_seq: 3 })).status, 201);
      for (const path of [`${VP}/_local/worker-numbering`, `${ORG}/_local/docket-migrations`, `${VP}/_local%2Fworker-delivery`]) {
        const w = await put(path, { seq: 999999 });
        assert.equal(w.status, 403, `PUT ${path}: ${w.text}`);
        assert.equal(w.json.error, 'forbidden');
        assert.equal((await request(db(path), { cookie: staff })).status, 403, `GET ${path}`);
        assert.equal((await request(db(path), { method: 'DELETE', cookie: staff })).status, 403, `DELETE ${path}`);
      }
      assert.equal((await asAdmin(`${ORG}/_local/docket-migrations`)).status, 200, 'the server’s record is intact');
    });
  });

  describe('validation through the server', () => {
    it('refuses a forged createdBy with 403 and stores nothing', async () => {
      const doc = notice('hoa.do');
      const r = await put(`${VP}/${doc._id}`, doc);
      assert.equal(r.status, 403);
      assert.equal(r.json.error, 'forbidden');
      assert.equal((await asAdmin(`${VP}/${doc._id}`)).status, 404);
    });

    it('refuses an org-wide notice from staff, accepts it from a clerk', async () => {
      const byStaff = notice('an.nguyen');
      assert.equal((await put(`${ORG}/${byStaff._id}`, byStaff)).status, 403);
      assert.equal((await asAdmin(`${ORG}/${byStaff._id}`)).status, 404);
      const byClerk = notice('mai.hoang');
      assert.equal((await put(`${ORG}/${byClerk._id}`, byClerk, clerk)).status, 201);
      assert.equal((await asAdmin(`${ORG}/${byClerk._id}`)).json.title, 'Họp giao ban');
    });

    const malformed: [string, Record<string, unknown>][] = [
      ['missing title', { title: undefined }],
      ['missing type', { type: undefined }],
      ['unknown type', { type: 'memo' }],
      ['title of the wrong type', { title: 42 }],
      ['pinned as a string', { pinned: 'true' }],
      ['schema missing', { schema: undefined }],
      ['createdAt not ISO', { createdAt: 'yesterday' }],
      ['bad expiry date', { expiresOn: '2026-13-01' }],
      ['body too long', { body: 'x'.repeat(20_001) }],
      ['directory type', { type: 'person' }],
    ];
    for (const [what, over] of malformed) {
      it(`refuses a malformed notice (${what}) with 4xx`, async () => {
        const doc = notice('an.nguyen', over);
        const r = await put(`${VP}/${doc._id}`, doc);
        assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
        assert.equal((await asAdmin(`${VP}/${doc._id}`)).status, 404);
      });
    }

    it('refuses a bad id', async () => {
      const doc = notice('an.nguyen');
      const r = await put(`${VP}/task:01ABC`, { ...doc, _id: 'task:01ABC' });
      assert.equal(r.status, 403);
      const mismatch = await put(`${VP}/notice:01ABC`, { ...doc, _id: 'notice:01XYZ' });
      assert.equal(mismatch.status, 400);
    });

    it('refuses invalid JSON with 400', async () => {
      const r = await request(db(`${VP}/notice:01ABC`), {
        method: 'PUT',
        cookie: staff,
        raw: '{"type": ',
        contentType: 'application/json',
      });
      assert.equal(r.status, 400);
      assert.equal(r.json.error, 'bad_request');
    });

    it('reports per-document refusals in _bulk_docs and stores only the valid ones', async () => {
      const good = notice('an.nguyen');
      const forged = notice('hoa.do');
      const r = await request(db(`${VP}/_bulk_docs`), { method: 'POST', cookie: staff, body: { docs: [good, forged] } });
      assert.equal(r.status, 201);
      // express-pouchdb may reorder the results (CouchDB keeps input order): match by id.
      const byId = new Map((r.json as { id: string }[]).map((x) => [x.id, x]));
      assert.ok((byId.get(good._id) as { ok?: boolean }).ok);
      assert.equal((byId.get(forged._id) as { error?: string }).error, 'forbidden');
      assert.equal((await asAdmin(`${VP}/${good._id}`)).status, 200);
      assert.equal((await asAdmin(`${VP}/${forged._id}`)).status, 404);
    });

    it('refuses design documents inside _bulk_docs and in POST /db/<db>', async () => {
      const good = notice('an.nguyen');
      const r = await request(db(`${VP}/_bulk_docs`), {
        method: 'POST',
        cookie: staff,
        body: { docs: [good, { _id: '_design/evil', views: {} }] },
      });
      assert.equal(r.status, 403);
      assert.equal((await asAdmin(`${VP}/${good._id}`)).status, 404, 'nothing of the batch is stored');
      const p = await request(db(VP), { method: 'POST', cookie: staff, body: { _id: '_design/evil2' } });
      assert.equal(p.status, 403);
      const enc = await request(db(`${VP}/_design%2Fevil3`), { method: 'PUT', cookie: staff, body: {} });
      assert.equal(enc.status, 403);
      assert.equal((await asAdmin(`${VP}/_design/evil3`)).status, 404);
    });

    it('lets members read the design document but not its functions', async () => {
      assert.equal((await request(db(`${VP}/_design/docket`), { cookie: staff })).status, 200);
      assert.equal((await request(db(`${VP}/_design/docket/_view/x`), { cookie: staff })).status, 403);
    });
  });

  describe('body limits', () => {
    it('answers 413 to an oversized document', async () => {
      const doc = notice('an.nguyen', { body: 'x'.repeat(17 * 1024 * 1024) });
      const r = await put(`${VP}/${doc._id}`, doc);
      assert.equal(r.status, 413);
      await alive();
    });

    it('answers 413 to an oversized sign-in and to an oversized _revs_diff', async () => {
      const r = await request(db('_session'), { method: 'POST', body: { name: 'x', password: 'y'.repeat(20_000) } });
      assert.equal(r.status, 413);
      const big = Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`notice:${i}`, ['1-abcdefabcdefabcdefabcdefabcdef']]));
      const d = await request(db(`${VP}/_revs_diff`), { method: 'POST', cookie: staff, body: big });
      assert.equal(d.status, 413);
    });

    it('accepts notice attachments up to 10 MB of allowed types and refuses larger ones', async () => {
      const doc = notice('an.nguyen');
      const created = await put(`${VP}/${doc._id}`, doc);
      assert.equal(created.status, 201);
      const png = Buffer.alloc(2048, 1);
      const ok = await request(db(`${VP}/${doc._id}/scan.png?rev=${created.json.rev}`), {
        method: 'PUT',
        cookie: staff,
        raw: png,
        contentType: 'image/png',
      });
      assert.equal(ok.status, 201);
      const html = await request(db(`${VP}/${doc._id}/page.html?rev=${ok.json.rev}`), {
        method: 'PUT',
        cookie: staff,
        raw: '<script>1</script>',
        contentType: 'text/html',
      });
      assert.equal(html.status, 403);
      // Over the notices' 10 MB: refused by validation; over the 25 MB of any file: refused before reading it.
      const big = await request(db(`${VP}/${doc._id}/big.pdf?rev=${ok.json.rev}`), {
        method: 'PUT',
        cookie: staff,
        raw: Buffer.alloc(11 * 1024 * 1024),
        contentType: 'application/pdf',
      });
      assert.equal(big.status, 403);
      const huge = await request(db(`${VP}/${doc._id}/huge.pdf?rev=${ok.json.rev}`), {
        method: 'PUT',
        cookie: staff,
        raw: Buffer.alloc(26 * 1024 * 1024),
        contentType: 'application/pdf',
      });
      assert.equal(huge.status, 413);
      const stored = await asAdmin(`${VP}/${doc._id}`);
      assert.deepEqual(Object.keys(stored.json._attachments), ['scan.png']);
    });
  });

  describe('attachment downloads', () => {
    it('are served as downloads with nosniff', async () => {
      const doc = notice('an.nguyen', {
        _attachments: { 'Quyết định.pdf': { content_type: 'application/pdf', data: Buffer.from('%PDF-1.4 test').toString('base64') } },
      });
      assert.equal((await put(`${VP}/${doc._id}`, doc)).status, 201);
      const r = await request(db(`${VP}/${doc._id}/${encodeURIComponent('Quyết định.pdf')}`), { cookie: staff });
      assert.equal(r.status, 200);
      assert.equal(r.text, '%PDF-1.4 test');
      assert.match(r.headers.get('content-disposition') ?? '', /^attachment; filename\*=UTF-8''Quy%E1%BA%BFt/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    });
  });

  describe('crashes and dangerous endpoints', () => {
    it('refuses anonymous PUT /db/<newdb> (crash A) and keeps serving', async () => {
      const r = await request(db('brandnew'), { method: 'PUT' });
      assert.equal(r.status, 401);
      const signedIn = await request(db('docket-unit-brandnew'), { method: 'PUT', cookie: staff });
      assert.equal(signedIn.status, 403);
      await alive();
      assert.equal((await asAdmin('brandnew')).status, 404);
    });

    it('refuses non-admin DELETE of a database (crash B) and still opens uncached databases', async () => {
      assert.equal((await request(db(VP), { method: 'DELETE' })).status, 401);
      assert.equal((await request(db(VP), { method: 'DELETE', cookie: staff })).status, 403);
      assert.equal((await request(db('docket-unit-kt'), { method: 'DELETE', cookie: clerk })).status, 403);
      assert.equal((await asAdmin(VP)).status, 200);
      const fresh = await request(db('docket-unit-fresh'), { method: 'PUT', basic: s.admin });
      assert.equal(fresh.status, 201);
      assert.equal((await asAdmin('docket-unit-fresh')).status, 200);
      await alive();
    });

    it('refuses custom _changes filters (crash C) and allows _doc_ids', async () => {
      for (const q of [
        'filter=docket/odd',
        'feed=longpoll&filter=foo/odd',
        'feed=longpoll&filter=_view&view=foo/bar',
        'filter=_view',
        'filter=_design',
        'filter=_selector',
        'filter=%22_doc_ids%22',
        'filter=_doc_ids&filter=foo/odd',
      ]) {
        const r = await request(db(`${VP}/_changes?${q}`), { cookie: staff });
        assert.equal(r.status, 400, q);
      }
      assert.equal((await request(db(`${VP}/_changes?feed=longpoll&heartbeat=1`), { cookie: staff })).status, 400);
      assert.equal((await request(db(`${VP}/_changes?heartbeat=10000`), { cookie: staff })).status, 200);
      const ids = await request(db(`${VP}/_changes?filter=_doc_ids`), { method: 'POST', cookie: staff, body: { doc_ids: ['nope'] } });
      assert.equal(ids.status, 200);
      await alive();
    });

    it('refuses the _node/_config privilege escalation and never creates the admin', async () => {
      const r = await request(db('_node/node1@127.0.0.1/_config/admins/evil'), { method: 'PUT', body: 'evilpassword' });
      assert.equal(r.status, 401);
      const s2 = await request(db('_node/node1@127.0.0.1/_config/admins/evil'), { method: 'PUT', body: 'evilpassword', cookie: staff });
      assert.equal(s2.status, 403);
      const evil = await request(db('_all_dbs'), { basic: { name: 'evil', password: 'evilpassword' } });
      assert.equal(evil.status, 401);
    });

    const refused = [
      '_config',
      '_node/_local/_config',
      '_replicate',
      '_utils',
      '_utils/index.html',
      '_active_tasks',
      '_all_dbs',
      '_users/_all_docs',
    ];
    for (const path of refused) {
      it(`refuses /db/${path}`, async () => {
        assert.equal((await request(db(path))).status, 401);
        assert.equal((await request(db(path), { cookie: staff })).status, 403);
      });
    }

    it('answers 404 to unknown endpoints and 405 to unknown methods', async () => {
      assert.equal((await request(db('_whatever'), { cookie: staff })).status, 404);
      assert.equal((await request(db(`${VP}/_whatever`), { cookie: staff })).status, 404);
      assert.equal((await request(db(`${VP}/_security`), { cookie: staff })).status, 403);
      assert.equal((await request(db(`${VP}/_purge`), { method: 'POST', cookie: staff, body: {} })).status, 403);
      assert.equal((await request(db(`${VP}/_compact`), { method: 'POST', cookie: staff, body: {} })).status, 403);
      assert.equal((await request(db(`${VP}/notice:x`), { method: 'COPY', cookie: staff })).status, 405);
      assert.equal((await request(db(`${VP}/_bulk_docs`), { cookie: staff })).status, 405);
      const unknownApi = await request(`${s.url}/api/nope`);
      assert.equal(unknownApi.status, 404);
      assert.equal(unknownApi.json.error, 'not_found');
    });
  });

  describe('sessions', () => {
    it('sets the session cookie HttpOnly and SameSite=Lax, Secure behind TLS', async () => {
      const r = await request(db('_session'), { method: 'POST', body: { name: 'tuan.vu', password: s.demoPassword } });
      const cookie = r.headers.get('set-cookie') ?? '';
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.doesNotMatch(cookie, /Secure/);
      const tls = await request(db('_session'), {
        method: 'POST',
        body: { name: 'tuan.vu', password: s.demoPassword },
        headers: { 'x-forwarded-proto': 'https' },
      });
      assert.match(tls.headers.get('set-cookie') ?? '', /; Secure/);
    });

    it('rate-limits failed sign-ins per account', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await request(db('_session'), { method: 'POST', body: { name: 'duc.vo', password: 'wrong' } })).status);
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
      const blocked = await request(db('_session'), { method: 'POST', body: { name: 'duc.vo', password: s.demoPassword } });
      assert.equal(blocked.status, 429);
      assert.equal((await request(db('_session'), { method: 'POST', body: { name: 'khoa.ly', password: s.demoPassword } })).status, 200);
    });

    it('rate-limits failed Basic auth like failed sign-ins', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await request(db(`${VP}/_all_docs?limit=1`), { basic: { name: 'quang.dang', password: `guess-${i}` } })).status);
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
      const other = await request(db(`${VP}/_all_docs?limit=1`), { basic: { name: 'tuan.vu', password: s.demoPassword } });
      assert.equal(other.status, 200);
      for (let i = 0; i < 6; i++)
        assert.equal((await request(db('docket-unit-kt'), { basic: { name: 'tuan.vu', password: s.demoPassword } })).status, 403);
    });

    it('accepts Basic auth for members', async () => {
      const r = await request(db(`${VP}/_all_docs?limit=1`), { basic: { name: 'an.nguyen', password: s.demoPassword } });
      assert.equal(r.status, 200);
      const wrong = await request(db(`${VP}/_all_docs?limit=1`), { basic: { name: 'an.nguyen', password: 'nope' } });
      assert.equal(wrong.status, 401);
    });
  });
});
