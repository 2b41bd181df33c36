/**
 * Backups from the admin page (issue 9): only administrators start, list, download and check them; one
 * runs at a time in the background with progress; the file lands in DATA_DIR/backups, verifies, and is
 * audited; names outside that folder's pattern are refused; the web never restores.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyBackupFile } from '../../server/backup/index.ts';
import type { AuditPage } from '../../src/model/audit.ts';
import { type BackupsResponse, type RestoreCheckResponse, isBackupName } from '../../src/model/backups.ts';
import { type Reply, login, request } from './helpers/http.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

describe('backups API', () => {
  let s: TestServer;
  let admin: string; // tri.nguyen, role admin
  let leader: string;
  let staff: string;
  let made = ''; // the backup the admin made
  const api = (p = '') => `${s.url}/api/admin/backups${p}`;
  const list = async (): Promise<BackupsResponse> => (await request(api(), { cookie: admin })).json as BackupsResponse;

  before(async () => {
    s = await startTestServer({ demo: true });
    admin = await login(s.url, 'tri.nguyen', s.demoPassword);
    leader = await login(s.url, 'hung.tran', s.demoPassword);
    staff = await login(s.url, 'an.nguyen', s.demoPassword);
  });
  after(() => s?.stop());

  it('lists nothing before the first backup', async () => {
    const body = await list();
    assert.deepEqual(body, { files: [], running: null, last: null });
  });

  for (const [method, p] of [
    ['GET', ''],
    ['POST', ''],
    ['GET', '/docket-2026-01-01-000000.docket-backup.gz'],
    ['POST', '/docket-2026-01-01-000000.docket-backup.gz/restore-check'],
  ] as const) {
    it(`${method} ${p || '/'}: 401 anonymous, 403 staff and leader, and none of them starts a backup`, async () => {
      assert.equal((await request(api(p), { method })).status, 401);
      for (const cookie of [staff, leader]) assert.equal((await request(api(p), { method, cookie })).status, 403);
      assert.equal((await request(api(p), { method, basic: s.admin })).status, 403, 'the server admin has no app account here');
      assert.equal((await list()).running, null);
    });
  }

  it('backs up now in the background, refuses a second one while it runs, and lists the file when done', async () => {
    const started = await request(api(), { method: 'POST', cookie: admin });
    assert.equal(started.status, 202, started.text);
    made = (started.json as { name: string }).name;
    assert.ok(isBackupName(made), made);

    const second = await request(api(), { method: 'POST', cookie: admin });
    assert.equal(second.status, 409, second.text);

    let body = await list();
    assert.equal(body.running?.name, made);
    assert.equal(body.running?.actor, 'tri.nguyen');
    const seenProgress = new Set<string>();
    const deadline = Date.now() + 60_000;
    while (body.running) {
      seenProgress.add(`${body.running.phase} ${body.running.databasesDone}/${body.running.databasesTotal}`);
      assert.ok(Date.now() < deadline, 'the backup did not finish in 60 s');
      await new Promise((r) => setTimeout(r, 100));
      body = await list();
    }
    assert.ok(seenProgress.size >= 1);
    assert.equal(body.last?.ok, true, JSON.stringify(body.last));
    const file = body.files.find((f) => f.name === made);
    assert.ok(file, JSON.stringify(body.files));
    assert.ok(file.size > 1000);
    assert.equal(file.verification, 'ok', 'made backups are read back and verified');
    assert.ok(file.documents! > 100);
    assert.ok(Math.abs(Date.parse(file.createdAt) - Date.now()) < 120_000);
    assert.equal(body.last.ok && body.last.size, file.size);
    // In DATA_DIR/backups, readable by the server's user only (it holds every password hash).
    const onDisk = path.join(s.dataDir, 'backups', made);
    assert.equal(readFileSync(onDisk).length, file.size);
  });

  it('downloads the file byte for byte, and it verifies', async () => {
    const res = await fetch(api(`/${made}`), { headers: { cookie: admin } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/gzip');
    assert.equal(res.headers.get('content-encoding'), null);
    assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`attachment; filename="${made.replace(/\./g, '\\.')}"`));
    const bytes = Buffer.from(await res.arrayBuffer());
    const onDisk = readFileSync(path.join(s.dataDir, 'backups', made));
    assert.ok(bytes.equals(onDisk));
    const copy = path.join(s.dataDir, 'downloaded.docket-backup.gz');
    writeFileSync(copy, new Uint8Array(bytes));
    const verified = await verifyBackupFile(copy);
    assert.ok(verified.databases.includes('_users'));
  });

  it('refuses names outside the backups folder pattern (no path traversal)', async () => {
    writeFileSync(path.join(s.dataDir, 'backups', 'notes.txt'), 'not a backup');
    const bad = [
      '/..%2Fsecrets.json',
      '/..%2F..%2Fetc%2Fpasswd',
      '/%2E%2E',
      '/notes.txt',
      `/${made}.partial`,
      `/..%2Fbackups%2F${made}`,
      '/docket-2026-01-01-000000.docket-backup.gz', // the right shape, but no such file
    ];
    for (const p of bad) {
      const got = await request(api(p), { cookie: admin });
      assert.ok(got.status === 404 || got.status === 400, `${p}: ${got.status}`);
      assert.doesNotMatch(got.text, /adminPassword|cookieSecret/);
      const check = await request(api(`${p}/restore-check`), { method: 'POST', cookie: admin });
      assert.ok(check.status === 404 || check.status === 400, `${p}/restore-check: ${check.status}`);
    }
    assert.deepEqual(
      (await list()).files.map((f) => f.name),
      [made],
      'only backup files are listed',
    );
  });

  it('restore check: verifies the file and says what it holds, without touching the live store', async () => {
    const res = await request(api(`/${made}/restore-check`), { method: 'POST', cookie: admin });
    assert.equal(res.status, 200, res.text);
    const answer = res.json as RestoreCheckResponse;
    assert.ok(answer.ok);
    const verified = await verifyBackupFile(path.join(s.dataDir, 'backups', made));
    assert.equal(answer.documents, verified.trailer.documents);
    assert.equal(answer.databases.length, verified.databases.length);
    assert.deepEqual(
      answer.databases.map((d) => d.name),
      verified.databases,
    );
    assert.equal(answer.databases.find((d) => d.name === '_users')!.docs, verified.trailer.databases._users!.docs);
    assert.equal(answer.sha256, verified.trailer.sha256);
    assert.equal(answer.store, 'embedded');
    // The web has no restore at all.
    assert.equal((await request(api(`/${made}/restore`), { method: 'POST', cookie: admin })).status, 404);
  });

  it('restore check of a damaged file answers why it cannot be restored, and the list shows it', async () => {
    const name = 'docket-2000-01-01-000000.docket-backup.gz';
    const good = readFileSync(path.join(s.dataDir, 'backups', made));
    writeFileSync(path.join(s.dataDir, 'backups', name), new Uint8Array(good.subarray(0, Math.floor(good.length / 2))));
    const res: Reply = await request(api(`/${name}/restore-check`), { method: 'POST', cookie: admin });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.ok, false);
    assert.match(res.json.reason as string, /truncated|damaged/);
    const files = (await list()).files;
    assert.deepEqual(
      files.map((f) => [f.name, f.verification]),
      [
        [made, 'ok'],
        [name, 'damaged'],
      ],
    );
  });

  it('records backupMade in the audit log, by the admin, with the document count and size', async () => {
    const page = (await request(`${s.url}/api/admin/audit?action=backupMade`, { cookie: admin })).json as AuditPage;
    assert.equal(page.entries.length, 1);
    const entry = page.entries[0]!;
    assert.equal(entry.actor, 'tri.nguyen');
    assert.equal(entry.target, made);
    const file = (await list()).files.find((f) => f.name === made)!;
    assert.match(entry.summary, new RegExp(`${file.documents} documents`));
    assert.match(entry.summary, /\d+\.\d MB/);
  });
});
