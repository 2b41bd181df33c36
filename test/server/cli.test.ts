import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { admin } from './helpers/cli.ts';
import { login, request } from './helpers/http.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

describe('admin CLI with no server running (opens the store directly)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'docket-cli-'));
  const env = { DATA_DIR: dataDir };
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints help and exits 0; usage errors exit 1', async () => {
    const help = await admin(['--help'], env);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /create-user <name>/);
    assert.match(help.stdout, /one process/);
    const none = await admin([], env);
    assert.equal(none.code, 1);
    const unknown = await admin(['frobnicate'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Unknown command "frobnicate"/);
    const badFlag = await admin(['list-users', '--bogus'], env);
    assert.equal(badFlag.code, 1);
  });

  let password = '';
  it('creates a unit and a user, printing a generated password once', async () => {
    const unit = await admin(['create-unit', 'tc', '--name', 'Phòng Tài chính – Kế hoạch', '--short', 'TCKH'], env);
    assert.equal(unit.code, 0, unit.stderr);
    const user = await admin(
      [
        'create-user',
        'thu.nguyen',
        '--unit',
        'tc',
        '--role',
        'staff',
        '--head',
        '--display-name',
        'Nguyễn Thị Thu',
        '--title',
        'Trưởng phòng',
      ],
      env,
    );
    assert.equal(user.code, 0, user.stderr);
    const m = /Password: (\S+)/.exec(user.stdout);
    assert.ok(m, user.stdout);
    password = m![1]!;
    const list = await admin(['list-users', '--json'], env);
    assert.equal(list.code, 0);
    const users = JSON.parse(list.stdout) as { name: string; roles: string[]; displayName: string }[];
    assert.deepEqual(
      users.map((u) => [u.name, u.roles, u.displayName]),
      // A generated password is one-time: its owner must choose a new one at the first sign-in.
      [['thu.nguyen', ['staff', 'unit:tc', 'head:tc', 'docket:must-change-password'], 'Nguyễn Thị Thu']],
    );
  });

  it('exits 1 on invalid input, 2 when not found, 3 when it already exists', async () => {
    assert.equal((await admin(['create-user', 'Bad Name', '--unit', 'tc', '--role', 'staff', '--display-name', 'X'], env)).code, 1);
    assert.equal((await admin(['create-user', 'x.y', '--unit', 'tc', '--role', 'boss', '--display-name', 'X'], env)).code, 1);
    assert.equal((await admin(['create-user', 'x.y', '--role', 'staff', '--display-name', 'X'], env)).code, 1);
    const missingUnit = await admin(['create-user', 'x.y', '--unit', 'nope', '--role', 'staff', '--display-name', 'X'], env);
    assert.equal(missingUnit.code, 2);
    assert.match(missingUnit.stderr, /Unit "nope" does not exist/);
    assert.equal((await admin(['disable-user', 'nobody'], env)).code, 2);
    assert.equal((await admin(['create-unit', 'tc', '--name', 'Again'], env)).code, 3);
  });

  it('left a store the server starts on, with the account usable', async () => {
    const s = await startTestServer({ dataDir });
    try {
      const cookie = await login(s.url, 'thu.nguyen', password);
      const me = await request(`${s.url}/api/me`, { cookie });
      assert.equal(me.status, 200);
      assert.deepEqual(me.json.units, ['tc']);
      assert.equal(me.json.spaces[1].title, 'Phòng Tài chính – Kế hoạch');
      assert.equal(me.json.mustChangePassword, true);
      assert.equal((await request(`${s.url}/db/docket-unit-tc/_all_docs`, { cookie })).status, 403, 'nothing but a new password first');
    } finally {
      await s.stop();
    }
  });
});

describe('admin CLI next to a running server (over HTTP)', () => {
  let s: TestServer;
  let env: Record<string, string>;
  before(async () => {
    s = await startTestServer({ demo: true });
    env = { DATA_DIR: s.dataDir, ADMIN_USER: s.admin.name, ADMIN_PASSWORD: s.admin.password };
  });
  after(() => s.stop());

  it('lists the demo accounts', async () => {
    const r = await admin(['list-users'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^an\.nguyen\s+staff\s+vp\s+Nguyễn Văn An/m);
    assert.match(r.stdout, /30 account\(s\)\./);
  });

  it('refuses wrong admin credentials with exit code 4', async () => {
    const r = await admin(['list-users'], { ...env, ADMIN_PASSWORD: 'wrong-password' });
    assert.equal(r.code, 4);
    assert.match(r.stderr, /refused the admin credentials/);
  });

  it('disable-user: the account’s next request to any space is refused', async () => {
    const cookie = await login(s.url, 'dung.ngo', s.demoPassword);
    const personal = 'docket-user-64756e672e6e676f';
    for (const db of ['docket-org', 'docket-unit-vp', personal]) assert.equal((await request(`${s.url}/db/${db}`, { cookie })).status, 200);
    const r = await admin(['disable-user', 'dung.ngo'], env);
    assert.equal(r.code, 0, r.stderr);
    for (const db of ['docket-org', 'docket-unit-vp', personal])
      assert.equal((await request(`${s.url}/db/${db}`, { cookie })).status, 403, db);
    assert.equal((await request(`${s.url}/api/me`, { cookie })).status, 403);
    const basic = await request(`${s.url}/db/${personal}`, { basic: { name: 'dung.ngo', password: s.demoPassword } });
    assert.equal(basic.status, 403);
    const sec = await request(`${s.url}/db/${personal}/_security`, { basic: s.admin });
    assert.deepEqual(sec.json.members, { names: [], roles: [] });
    const person = await request(`${s.url}/db/docket-org/person:dung.ngo`, { basic: s.admin });
    assert.equal(person.json.disabled, true);
  });

  it('move-user: /api/me drops the old unit and its space is refused', async () => {
    const cookie = await login(s.url, 'linh.dinh', s.demoPassword);
    const before = await request(`${s.url}/api/me`, { cookie });
    assert.ok(before.json.spaces.some((sp: { db: string }) => sp.db === 'docket-unit-kt'));
    const r = await admin(['move-user', 'linh.dinh', '--unit', 'vhxh'], env);
    assert.equal(r.code, 0, r.stderr);
    const me = await request(`${s.url}/api/me`, { cookie });
    assert.deepEqual(me.json.units, ['vhxh']);
    assert.deepEqual(
      me.json.spaces.map((sp: { db: string }) => sp.db),
      ['docket-org', 'docket-unit-vhxh', 'docket-user-6c696e682e64696e68'],
    );
    assert.equal((await request(`${s.url}/db/docket-unit-kt`, { cookie })).status, 403);
    assert.equal((await request(`${s.url}/db/docket-unit-vhxh`, { cookie })).status, 200);
  });

  it('reset-password: the old password stops working', async () => {
    const r = await admin(['reset-password', 'thao.ha', '--password', 'new-secret-1'], env);
    assert.equal(r.code, 0, r.stderr);
    await assert.rejects(login(s.url, 'thao.ha', s.demoPassword));
    await login(s.url, 'thao.ha', 'new-secret-1');
  });
});
