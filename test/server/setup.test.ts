import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/index.ts';
import { DESIGN_DOC_ID } from '../../server/setup/design-doc.ts';
import { MIGRATIONS_DOC_ID, runSetup } from '../../server/setup/run.ts';
import { secretsPath } from '../../server/store/secrets.ts';
import { filesDbNameOf } from '../../src/model/files.ts';
import { type SpaceRef, securityOf } from '../../src/model/spaces.ts';
import { login, request } from './helpers/http.ts';
import { startTestServer } from './helpers/test-server.ts';

describe('setup', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('is idempotent and repairs tampered _security and design documents', async (t) => {
    const s = await startTestServer({ demo: true, keepDataDir: true });
    dirs.push(s.dataDir);
    t.after(() => s.stop());
    const store = s.running.docket.store;
    const again = await runSetup(store);
    assert.equal(again.changed, 0);
    assert.equal(again.spaces, 1 + 1 + 5 + 30);
    assert.deepEqual(again.migrated, []);

    const vp = await store.db('docket-unit-vp');
    const ddoc = await vp.get(DESIGN_DOC_ID);
    await vp.put({ ...ddoc, validate_doc_update: 'function () {}' });
    await store.putSecurity('docket-unit-vp', { admins: { names: [], roles: [] }, members: { names: [], roles: [] } });
    const repaired = await runSetup(store);
    assert.equal(repaired.changed, 1);
    assert.match(((await vp.get(DESIGN_DOC_ID)) as unknown as { validate_doc_update: string }).validate_doc_update, /docketValidate/);
    assert.deepEqual(((await store.getSecurity('docket-unit-vp')) as { members: { roles: string[] } }).members.roles, [
      'unit:vp',
      'leader',
      'clerk',
    ]);

    const migrations = (await (await store.db('docket-org')).get(MIGRATIONS_DOC_ID)) as unknown as { applied: { id: string }[] };
    assert.deepEqual(
      migrations.applied.map((m) => m.id),
      ['0001-initial'],
    );
  });

  it('gives an existing ward the files databases of the org space and of each conversation at the next start', async (t) => {
    const first = await startTestServer({ demo: true, keepDataDir: true });
    dirs.push(first.dataDir);
    const org: SpaceRef = { kind: 'org', id: 'org' };
    let conv: SpaceRef;
    try {
      const store = first.running.docket.store;
      assert.deepEqual(await store.getSecurity(filesDbNameOf(org)), securityOf(org));
      const cookie = await login(first.url, 'an.nguyen', first.demoPassword);
      const made = await request(`${first.url}/api/conversations`, { method: 'POST', cookie, body: { members: ['tuan.vu'] } });
      assert.equal(made.status, 201, made.text);
      conv = { kind: 'conversation', id: made.json.id as string };
      assert.deepEqual(await store.getSecurity(filesDbNameOf(conv)), securityOf(conv, ['an.nguyen', 'tuan.vu']));
      // As a ward set up by an older server, which made neither.
      for (const db of [filesDbNameOf(org), filesDbNameOf(conv)]) {
        const r = await request(`${first.url}/db/${db}`, { method: 'DELETE', basic: first.admin });
        assert.equal(r.status, 200, r.text);
        assert.equal(await store.exists(db), false);
      }
    } finally {
      await first.stop();
    }
    const second = await startTestServer({ demo: true, dataDir: first.dataDir });
    t.after(() => second.stop());
    const store = second.running.docket.store;
    for (const [space, members] of [
      [org, undefined],
      [conv!, ['an.nguyen', 'tuan.vu']],
    ] as const) {
      const db = filesDbNameOf(space);
      assert.equal(await store.exists(db), true, db);
      assert.deepEqual(await store.getSecurity(db), securityOf(space, members), db);
      const ddoc = (await (await store.db(db)).get(DESIGN_DOC_ID)) as unknown as { validate_doc_update: string };
      assert.match(ddoc.validate_doc_update, /validateFileUpdate/, db);
    }
    assert.equal((await runSetup(store)).changed, 0, 'idempotent');
  });

  it('keeps data, sessions and the demo seed across a restart', async (t) => {
    const first = await startTestServer({ demo: true, keepDataDir: true });
    dirs.push(first.dataDir);
    let cookie: string;
    try {
      assert.equal(first.running.seeded, true);
      cookie = await login(first.url, 'an.nguyen', first.demoPassword);
    } finally {
      await first.stop();
    }
    const second = await startTestServer({ demo: true, dataDir: first.dataDir });
    t.after(() => second.stop());
    assert.equal(second.running.seeded, false, 'seeds only an empty store');
    const me = await request(`${second.url}/api/me`, { cookie });
    assert.equal(me.status, 200, 'the session cookie survives a restart');
    const people = await request(`${second.url}/db/docket-org/_all_docs?startkey="person:"&endkey="person:\ufff0"`, { cookie });
    assert.equal(people.json.rows.length, 30);
  });

  it('generates the server admin on a first run without ADMIN_USER and keeps it private', async (t) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'docket-admin-'));
    dirs.push(dataDir);
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'silent' });
    const a = await startServer(config);
    t.after(() => a.close());
    assert.equal(a.docket.admin.generated, true);
    assert.ok(a.docket.admin.password.length >= 20);
    assert.equal(statSync(secretsPath(dataDir)).mode & 0o777, 0o600);
    const asAdmin = await request(`${a.url}/db/_all_dbs`, { basic: a.docket.admin });
    assert.equal(asAdmin.status, 200);
    await a.close();
    const b = await startServer(config);
    t.after(() => b.close());
    assert.equal(b.docket.admin.generated, false);
    assert.equal(b.docket.admin.password, a.docket.admin.password);
  });
});
