import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import PouchDB from 'pouchdb';
import { createLogger } from '../../server/logger.ts';
import type { Store } from '../../server/store/types.ts';
import { type Worker, type WorkerChange, WorkerHost, checkpointId } from '../../server/workers/index.ts';
import { lowestSeq, seqAfter } from '../../server/workers/host.ts';
import type { SpaceRef } from '../../src/model/spaces.ts';
import { waitFor } from './helpers/documents.ts';

/**
 * The worker host (docs/architecture.md "Workers"): one live `_changes` feed per database, shared by every
 * worker that follows it; each worker keeps its own queue, order, retries and `_local/worker-<name>` checkpoint.
 */
describe('worker host: one shared feed per database', () => {
  let dir: string;
  const dbs = new Map<string, PouchDB.Database>();
  let liveFeeds = 0;
  const UNIT: SpaceRef = { kind: 'unit', id: 'kt' };
  const SPACE_DB = 'docket-unit-kt';
  const FILES_DB = 'docket-files-unit-kt';
  const store = {
    kind: 'embedded',
    adminName: 'admin',
    async db(name: string) {
      let db = dbs.get(name);
      if (!db) {
        db = new PouchDB(path.join(dir, name));
        const changes = db.changes.bind(db);
        db.changes = ((opts?: PouchDB.Core.ChangesOptions) => {
          if (opts?.live) liveFeeds++;
          return changes(opts);
        }) as typeof db.changes;
        dbs.set(name, db);
      }
      return db;
    },
    exists: async () => true,
  } as unknown as Store;

  class TestHost extends WorkerHost {
    override spaces = async (): Promise<SpaceRef[]> => [UNIT];
  }
  const opts = { backoffMs: 20, maxBackoffMs: 40, checkpointMs: 0, rescanMs: 60_000 };

  /** A worker recording what it handled (`seen`), optionally failing `failures` times on one document. */
  function recorder(name: string, over: Partial<Worker> & { failOn?: string; failures?: number } = {}) {
    const seen: string[] = [];
    let failures = over.failures ?? 0;
    const worker: Worker = {
      name,
      follows: (space) => space.kind === 'unit',
      async handle({ doc }: WorkerChange) {
        if (doc._id === over.failOn && failures-- > 0) throw new Error('simulated failure');
        seen.push(doc._id);
      },
      ...over,
    };
    return { worker, seen };
  }
  const put = async (db: string, ids: string[]) => {
    await (await store.db(db)).bulkDocs(ids.map((_id) => ({ _id, type: 'x' })));
  };

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'docket-host-'));
  });
  after(async () => {
    for (const db of dbs.values()) await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('orders sequences of leveldb and CouchDB, erring towards handling twice', () => {
    assert.equal(seqAfter(5, 4), true);
    assert.equal(seqAfter(4, 4), false);
    assert.equal(seqAfter(3, 4), false);
    assert.equal(seqAfter('12-g1AAAA', '11-g1BBBB'), true);
    assert.equal(seqAfter('11-g1AAAA', '12-g1BBBB'), false);
    assert.equal(seqAfter('12-g1AAAA', '12-g1AAAA'), false);
    assert.equal(seqAfter('12-g1AAAA', '12-g1CCCC'), true, 'same point written differently: handled again');
    assert.equal(seqAfter('opaque', 3), true);
    assert.equal(lowestSeq([7, 3, 9]), 3);
    assert.equal(lowestSeq(['12-a', '4-b']), '4-b');
    assert.equal(lowestSeq([]), 0);
    assert.equal(lowestSeq(['x', 5]), 0);
  });

  it('follows each database once for all its workers; a failing worker retries alone, the others go on, in order', async () => {
    const a = recorder('a');
    const b = recorder('b', { failOn: 'doc:2', failures: 3 });
    const keyed = recorder('keyed', { keyOf: (doc) => (doc._id.startsWith('doc:') ? 'all' : null) });
    const files = recorder('files', { database: () => FILES_DB });
    await put(SPACE_DB, ['doc:1', 'doc:2', 'doc:3']);
    await put(FILES_DB, ['file:1']);
    const host = new TestHost(store, createLogger('silent'), [a.worker, b.worker, keyed.worker, files.worker], opts);
    await host.start();
    assert.equal(host.feedCount, 2, 'one feed for the space, one for its files database');
    await waitFor('a done', async () => a.seen.length === 3);
    await put(SPACE_DB, ['doc:4']);
    await waitFor('all done', async () => host.idle && b.seen.length === 4 && a.seen.length === 4);
    assert.equal(liveFeeds, 2);
    assert.deepEqual(a.seen, ['doc:1', 'doc:2', 'doc:3', 'doc:4'], 'each change once, not re-run by b’s retries');
    assert.deepEqual(b.seen, ['doc:1', 'doc:2', 'doc:3', 'doc:4'], 'b retried doc:2 and kept its order');
    assert.ok(keyed.seen.length < 4 && keyed.seen.at(-1) === 'doc:4', `keyOf coalesces: ${keyed.seen.join(' ')}`);
    assert.deepEqual(files.seen, ['file:1']);
    await host.stop();
    const space = await store.db(SPACE_DB);
    const seqOf = async (name: string) => (await space.get<{ seq: number }>(checkpointId(name))).seq;
    const last = (await space.info()).update_seq as number;
    for (const name of ['a', 'b', 'keyed']) assert.equal(await seqOf(name), last, `checkpoint of ${name}`);
    assert.equal((await (await store.db(FILES_DB)).get<{ seq: number }>(checkpointId('files'))).seq, 1);
  });

  it('after a restart the shared feed starts at the lowest checkpoint: a worker behind catches up, the others see only what is new', async () => {
    const space = await store.db(SPACE_DB);
    // `late` is a worker added by an upgrade (no checkpoint yet); `b` was stopped halfway.
    const cp = await space.get<{ _id: string; _rev: string; seq: number }>(checkpointId('b'));
    const changes = await space.changes({ since: 0 });
    const halfway = changes.results.find((r) => r.id === 'doc:2')!.seq;
    await space.put({ ...cp, seq: halfway });
    await put(SPACE_DB, ['doc:5']);
    const a = recorder('a');
    const b = recorder('b');
    const late = recorder('late');
    liveFeeds = 0;
    const host = new TestHost(store, createLogger('silent'), [a.worker, b.worker, late.worker], opts);
    await host.start();
    await waitFor('caught up', async () => host.idle && late.seen.length === 5 && a.seen.length === 1 && b.seen.length === 3);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(liveFeeds, 1);
    assert.deepEqual(a.seen, ['doc:5']);
    assert.deepEqual(b.seen, ['doc:3', 'doc:4', 'doc:5']);
    assert.deepEqual(late.seen, ['doc:1', 'doc:2', 'doc:3', 'doc:4', 'doc:5']);
    await host.stop();
  });
});
