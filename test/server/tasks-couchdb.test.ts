import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BareCouch, startBareCouch } from './helpers/bare-couch.ts';
import { bulk } from './helpers/documents.ts';
import { login, request } from './helpers/http.ts';
import { task, taskEvent, unitDb } from './helpers/tasks.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/**
 * COUCHDB_URL mode (a bare express-pouchdb plays the external CouchDB): the gateway's refusal marks travel
 * through the proxy (its re-serialised body) and the external store's validate_doc_update answers the 403.
 * Its own file: an embedded store and a bare one in the same process interfere (express-pouchdb globals).
 */
describe('task rules through the proxy to an external CouchDB (COUCHDB_URL)', () => {
  let couch: BareCouch;
  let s: TestServer;
  before(async () => {
    couch = await startBareCouch();
    s = await startTestServer({
      demo: true,
      workers: { enabled: false },
      env: { COUCHDB_URL: couch.url, ADMIN_USER: couch.admin.name, ADMIN_PASSWORD: couch.admin.password },
    });
  });
  after(async () => {
    await s.stop();
    await couch.stop();
  });

  it('the marks the gateway sets reach the store: refused alone and in a batch, the rest stored', async () => {
    const VP = unitDb('vp');
    const [leader, lead] = [await login(s.url, 'hung.tran', s.demoPassword), await login(s.url, 'an.nguyen', s.demoPassword)];
    const t = task('hung.tran', { lead: 'an.nguyen' });
    assert.equal((await bulk(s.url, leader, VP, [t])).status, 201);
    const moved = taskEvent('an.nguyen', t._id, 'deadlineChanged', { deadline: String(t.deadline) });
    const put = await request(`${s.url}/db/${VP}/${encodeURIComponent(moved._id)}`, { method: 'PUT', cookie: lead, body: moved });
    assert.equal(put.status, 403);
    assert.equal(put.json.error, 'forbidden');
    const report = taskEvent('an.nguyen', t._id, 'progress', { percent: 10 });
    const accept = taskEvent('an.nguyen', t._id, 'accepted');
    const r = await bulk(s.url, lead, VP, [report, accept]);
    const byId = new Map((r.results as { id: string; ok?: boolean; error?: string }[]).map((x) => [x.id, x.ok ?? x.error]));
    assert.deepEqual([byId.get(report._id), byId.get(accept._id)], [true, 'forbidden']);
    const direct = (id: string) => request(`${couch.url}/${VP}/${encodeURIComponent(id)}`, { basic: couch.admin });
    assert.equal((await direct(report._id)).status, 200);
    assert.equal((await direct(accept._id)).status, 404);
  });
});
