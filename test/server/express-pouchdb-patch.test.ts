import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { type BareCouch, startBareCouch } from './helpers/bare-couch.ts';
import { request } from './helpers/http.ts';

/**
 * The crash fixes in patches/express-pouchdb+4.2.0.patch, tested against bare express-pouchdb
 * (no gateway in front). An unpatched crash kills this test process, which fails the run.
 */
describe('express-pouchdb patch (crashes A, B, C)', () => {
  let couch: BareCouch;
  const u = (p: string) => `${couch.url}/${p}`;
  const admin = () => ({ basic: couch.admin });
  const alive = async () => assert.equal((await request(u(''))).status, 200, 'still answers');

  before(async () => {
    couch = await startBareCouch();
  });
  after(() => couch.stop());

  it('is applied to node_modules (npm install runs patch-package)', () => {
    const require = createRequire(import.meta.url);
    for (const file of [
      'express-pouchdb/lib/routes/db.js',
      'express-pouchdb/lib/create-or-delete-dbs.js',
      'express-pouchdb/lib/routes/changes.js',
    ]) {
      assert.match(readFileSync(require.resolve(file), 'utf8'), /Docket patch/, file);
    }
  });

  it('crash A: a non-admin PUT /<newdb> is answered, not fatal', async () => {
    const r = await request(u('newdb'), { method: 'PUT' });
    assert.equal(r.status, 401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await alive();
    assert.equal((await request(u('newdb'), admin())).status, 404);
  });

  it('crash B: after a refused DELETE, databases are still created and opened', async () => {
    assert.equal((await request(u('db1'), { ...admin(), method: 'PUT' })).status, 201);
    assert.equal((await request(u('db1'), { method: 'DELETE' })).status, 401);
    assert.equal((await request(u('db2'), { ...admin(), method: 'PUT' })).status, 201);
    assert.equal((await request(u('db2'), admin())).status, 200);
    assert.equal((await request(u('db1'), admin())).status, 200);
    await alive();
  });

  it('crash C: broken _changes filters answer an error, also in long-poll', async () => {
    await request(u('cdb'), { ...admin(), method: 'PUT' });
    await request(u('cdb/_design/foo'), { ...admin(), method: 'PUT', body: { filters: { even: 'function (doc) { return true; }' } } });
    await request(u('cdb/d1'), { ...admin(), method: 'PUT', body: {} });
    for (const q of [
      'feed=longpoll&filter=foo/odd',
      'feed=longpoll&filter=nope/x',
      'feed=longpoll&filter=_view&view=foo/v',
      'feed=longpoll&filter=_view',
      'filter=foo/odd',
    ]) {
      const r = await request(u(`cdb/_changes?${q}`), admin());
      assert.ok(r.status >= 400 && r.status < 500, `${q}: ${r.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    await alive();
  });
});

describe('express-pouchdb patch (change feeds of clients that went away)', () => {
  let couch: BareCouch;
  before(async () => {
    couch = await startBareCouch();
    await request(`${couch.url}/feeds`, { basic: couch.admin, method: 'PUT' });
  });
  after(() => couch.stop());

  const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const auth = () => 'Basic ' + Buffer.from(`${couch.admin.name}:${couch.admin.password}`).toString('base64');

  for (const feed of ['longpoll', 'continuous']) {
    it(`stops a ${feed} feed and its heartbeat when the client disconnects`, async () => {
      const before = timeouts();
      const controllers = [1, 2, 3].map(() => new AbortController());
      const pending = controllers.map((c) =>
        fetch(`${couch.url}/feeds/_changes?feed=${feed}&since=now&heartbeat=1000`, { headers: { authorization: auth() }, signal: c.signal })
          .then((r) => r.body?.getReader().read())
          .catch(() => undefined),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.ok(timeouts() > before, 'heartbeats run while clients listen');
      controllers.forEach((c) => c.abort());
      await Promise.all(pending);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(timeouts(), before, 'no heartbeat left behind');
    });
  }
});
