import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BackupFileError, databasesToBackup, verifyBackupFile } from '../../server/backup/index.ts';
import { seedDemoDocuments } from '../../server/demo/documents.ts';
import { seedDemoTasks } from '../../server/demo/tasks.ts';
import { ConversationService } from '../../server/services/conversations.ts';
import { MIGRATIONS_DOC_ID } from '../../server/setup/run.ts';
import type { Store } from '../../server/store/types.ts';
import { FILE_ATTACHMENT, filesDbNameOf } from '../../src/model/files.ts';
import { type BareCouch, startBareCouch } from './helpers/bare-couch.ts';
import { admin } from './helpers/cli.ts';
import { login, request } from './helpers/http.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

const u8 = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.length);
/** The backup's lines, uncompressed. */
const linesOf = (file: string): string[] =>
  gunzipSync(u8(readFileSync(file)))
    .toString('utf8')
    .trimEnd()
    .split('\n');
const gz = (text: string): Uint8Array => u8(gzipSync(text));

type Row = { id: string; changes: { rev: string }[]; doc?: Record<string, unknown> };

/** Every database's leaves (sorted revs), winning document (attachment stubs with digests) and `_security`. */
async function snapshot(store: Store, names: string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const name of names) {
    const db = await store.db(name);
    const res = await db.changes({ style: 'all_docs', include_docs: true, conflicts: true } as PouchDB.Core.ChangesOptions);
    const docs = Object.fromEntries(
      (res.results as unknown as Row[])
        .map((r) => [r.id, { revs: r.changes.map((c) => c.rev).sort(), doc: r.doc }] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    out.set(name, { security: await store.getSecurity(name), docs });
  }
  return out;
}

async function waitIdle(s: TestServer): Promise<void> {
  const host = s.running.workers!.host;
  const started = Date.now();
  let idleSince = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    if (!host.idle) idleSince = 0;
    else if (!idleSince) idleSince = Date.now();
    else if (Date.now() - idleSince >= 1500) return;
    assert.ok(Date.now() - started < 120_000, 'workers did not settle');
  }
}

const COUNT = { incoming: 30, outgoing: 12 };
const SMALL_FILE = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');
const BIG_FILE = randomBytes(3 * 1024 * 1024).toString('base64');

describe('backup and restore (admin CLI)', () => {
  let source: TestServer;
  let names: string[];
  let before_: Map<string, unknown>;
  /** The files databases of the org space and of a conversation (files of events and of messages). */
  let newFilesDbs: string[];
  const dir = mkdtempSync(path.join(tmpdir(), 'docket-backup-'));
  const file = path.join(dir, 'ward.docket-backup.gz');
  after(() => rmSync(dir, { recursive: true, force: true }));

  before(async () => {
    source = await startTestServer({ demo: true });
    const store = source.running.docket.store;
    await seedDemoDocuments(store, { issuerCode: 'UBND', count: COUNT });
    await seedDemoTasks(store, { count: COUNT });
    // A conflict, a tombstone and a 3 MB file: what a replica must keep as it is.
    const kt = await store.db('docket-unit-kt');
    await kt.bulkDocs(
      [
        { _id: 'note:conflicted', _rev: '1-aaaa', text: 'bản A' },
        { _id: 'note:conflicted', _rev: '1-bbbb', text: 'bản B' },
      ] as unknown as PouchDB.Core.PutDocument<object>[],
      { new_edits: false },
    );
    const gone = await kt.put({ _id: 'note:deleted', text: 'xoá' });
    await kt.remove('note:deleted', gone.rev);
    await (
      await store.db(filesDbNameOf({ kind: 'unit', id: 'kt' }))
    ).put({ _id: 'file:big', _attachments: { [FILE_ATTACHMENT]: { content_type: 'application/octet-stream', data: BIG_FILE } } });
    // Files of a ward event and of a conversation's message, in the files databases every space now has.
    const { record } = await new ConversationService(store).create('an.nguyen', { members: ['tuan.vu'] });
    newFilesDbs = [filesDbNameOf({ kind: 'org', id: 'org' }), filesDbNameOf({ kind: 'conversation', id: record.id })];
    for (const [db, ownerId] of [
      [newFilesDbs[0]!, 'calendarEvent:01JBACKUPEVENT0000000000000'],
      [newFilesDbs[1]!, 'message:01JBACKUPMESSAGE00000000000'],
    ] as const) {
      await (
        await store.db(db)
      ).put({
        _id: `file:of-${ownerId.split(':')[0]}`,
        type: 'file',
        ownerId,
        _attachments: { [FILE_ATTACHMENT]: { content_type: 'application/pdf', data: SMALL_FILE } },
      });
    }
    await waitIdle(source);
    names = await databasesToBackup(store);
    before_ = await snapshot(store, names);
  });
  after(() => source?.stop());

  it('backs up a running server over HTTP, with progress on stderr', async () => {
    const env = { DATA_DIR: source.dataDir, ADMIN_USER: source.admin.name, ADMIN_PASSWORD: source.admin.password };
    const r = await admin(['backup', file], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Backup written to .*: \d+ databases, \d+ documents/);
    assert.match(r.stderr, /backup: \[1\/\d+\] _users: \d+ document/);
    process.stdout.write(`# ${r.stdout.split('\n')[0]}\n`);
    const lines = linesOf(file);
    const header = JSON.parse(lines[0]!);
    assert.equal(header.format, 'docket-backup');
    assert.equal(header.version, 1);
    assert.equal(header.store, 'embedded');
    const trailer = JSON.parse(lines.at(-1)!);
    assert.deepEqual(Object.keys(trailer.databases), names);
    assert.ok(names.includes('_users') && names.includes('docket-numbering') && names.includes('docket-files-unit-kt'));
    for (const db of newFilesDbs) assert.ok(names.includes(db), db);
    assert.equal(names[names.indexOf('docket-org') + 1], 'docket-files-org');
    // Every document line is a CouchDB document as `_bulk_docs` new_edits:false takes it; no local checkpoints.
    const docs = lines
      .slice(1, -1)
      .map((l) => JSON.parse(l))
      .filter((v) => '_id' in v);
    assert.ok(docs.every((d) => typeof d._rev === 'string' && d._revisions && !d._id.startsWith('_local/')));
    assert.ok(docs.some((d) => d._id.startsWith('org.couchdb.user:') && d.derived_key));
    assert.equal(docs.filter((d) => d._id === 'note:conflicted').length, 2);
    assert.ok(docs.some((d) => d._id === 'note:deleted' && d._deleted));
    assert.equal(docs.find((d) => d._id === 'file:big')._attachments[FILE_ATTACHMENT].data, BIG_FILE);
    assert.ok(docs.some((d) => d._id === 'file:of-message' && d._attachments[FILE_ATTACHMENT].data === SMALL_FILE));
  });

  const restored = path.join(dir, 'restored');
  const env = () => ({ DATA_DIR: restored, ADMIN_USER: source.admin.name, ADMIN_PASSWORD: source.admin.password });

  it('refuses a truncated, damaged or altered file with exit code 6 and writes nothing', async () => {
    const bytes = u8(readFileSync(file));
    const lines = linesOf(file);
    const cases: [string, Uint8Array, RegExp][] = [
      ['truncated', bytes.subarray(0, Math.floor(bytes.length / 2)), /damaged or truncated/],
      ['no trailer', gz(lines.slice(0, -1).join('\n') + '\n'), /trailer is missing/],
      ['cut mid-line', gz(lines.join('\n').slice(0, -10)), /truncated: line \d+ is incomplete/],
      ['altered', gz(lines.join('\n').replace('"bản A"', '"bản C"') + '\n'), /does not match its SHA-256/],
      ['not a backup', gz('{"hello":1}\n'), /not a Docket backup/],
      ['newer', gz(lines.join('\n').replace('"version":1', '"version":2') + '\n'), /newer Docket \(format version 2/],
    ];
    for (const [what, content, message] of cases) {
      const bad = path.join(dir, `${what}.gz`);
      writeFileSync(bad, content);
      await assert.rejects(verifyBackupFile(bad), (err: Error) => err instanceof BackupFileError && message.test(err.message), what);
    }
    const r = await admin(['restore', path.join(dir, 'truncated.gz')], env());
    assert.equal(r.code, 6, r.stderr);
    assert.match(r.stderr, /cannot restore this file: the file is damaged or truncated/);
    // Nothing was restored.
    const users = await admin(['list-users', '--json'], env());
    assert.equal(users.code, 0, users.stderr);
    assert.deepEqual(JSON.parse(users.stdout), []);
    rmSync(restored, { recursive: true, force: true });
  });

  it('restores into a fresh DATA_DIR; then refuses that store, now with data (exit 3), unless --force', async () => {
    const r = await admin(['restore', file], env());
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /restore: \[\d+\/\d+\] docket-unit-kt: \d+\/\d+ document/);
    process.stdout.write(`# ${r.stdout.split('\n')[0]}\n`);
    const again = await admin(['restore', file], env());
    assert.equal(again.code, 3, again.stderr);
    assert.match(again.stderr, /not empty/);
    const forced = await admin(['restore', file, '--force'], env());
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /design document\(s\) the target already had were kept/);
  });

  // The server runs in this process: after it stops, the CLI (another process) can no longer open that DATA_DIR.
  it('a server on the restored DATA_DIR has every database, revision, attachment, _security and account', async () => {
    const s = await startTestServer({ dataDir: restored });
    try {
      await waitIdle(s);
      const store = s.running.docket.store;
      assert.deepEqual(await databasesToBackup(store), names);
      const after_ = await snapshot(store, names);
      for (const name of names) assert.deepEqual(after_.get(name), before_.get(name), name);
      const org = await store.db('docket-org');
      assert.ok(await org.get(MIGRATIONS_DOC_ID));
      const cookie = await login(s.url, 'an.nguyen', source.demoPassword);
      const me = await request(`${s.url}/api/me`, { cookie });
      assert.equal(me.status, 200);
      assert.ok(me.json.spaces.some((sp: { db: string }) => sp.db === 'docket-unit-vp'));
      // Among them the org's and the conversation's files databases, with their `_security` (snapshot above).
      for (const db of newFilesDbs) assert.ok(names.includes(db), db);
      const big = await request(`${s.url}/db/docket-files-unit-kt/file:big`, { basic: s.admin });
      assert.equal(big.json._attachments[FILE_ATTACHMENT].length, 3 * 1024 * 1024);
      const r = await admin(['restore', file], env());
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /server is running/);
    } finally {
      await s.stop();
    }
  });

  describe('into an external CouchDB (COUCHDB_URL: a second express-pouchdb plays it)', () => {
    let couch: BareCouch;
    before(async () => {
      couch = await startBareCouch();
    });
    after(() => couch?.stop());

    it('restores, and a server on it has the same data and accounts', async () => {
      const couchEnv = { COUCHDB_URL: couch.url, ADMIN_USER: couch.admin.name, ADMIN_PASSWORD: couch.admin.password };
      const r = await admin(['restore', file], { DATA_DIR: path.join(dir, 'unused'), ...couchEnv });
      assert.equal(r.code, 0, r.stderr);
      process.stdout.write(`# into COUCHDB_URL: ${r.stdout.split('\n')[0]}\n`);
      // The workers' replay after a restore is checked on the embedded store above.
      const s = await startTestServer({ env: couchEnv, workers: { enabled: false } });
      try {
        const after_ = await snapshot(s.running.docket.store, names);
        for (const name of names) assert.deepEqual(after_.get(name), before_.get(name), name);
        await login(s.url, 'an.nguyen', source.demoPassword);
      } finally {
        await s.stop();
      }
    });
  });
});
