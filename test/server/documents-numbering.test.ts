import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NUMBERING_DB, NumberingService, allocId } from '../../server/services/numbering.ts';
import { createHttpStore } from '../../server/store/couchdb.ts';
import { createEmbeddedStore } from '../../server/store/embedded.ts';
import type { Store } from '../../server/store/types.ts';
import { type BareCouch, startBareCouch } from './helpers/bare-couch.ts';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
const docId = (i: number): string => `officialDocument:01TEST${String(i).padStart(20, '0')}`;

describe('numbering service (embedded store)', () => {
  let store: Store;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'docket-numbering-'));
    store = await createEmbeddedStore({ dataDir: dir, admin: { name: 'admin', password: 'admin-password' } });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('allocates 50 concurrent numbers from 5 allocators: unique, gapless 1..50, and a separate series per book and year', async () => {
    const services = range(5).map(() => new NumberingService(store));
    const started = Date.now();
    const results = await Promise.all(range(50).map((i) => services[i % 5]!.allocate('incoming', 2026, docId(i))));
    const ms = Date.now() - started;
    assert.deepEqual(
      results.map((r) => r.number).sort((a, b) => a - b),
      range(50),
    );
    assert.equal(new Set(results.map((r) => r.documentId)).size, 50);
    const listed = await services[0]!.list('incoming', 2026);
    assert.deepEqual(
      listed.map((a) => a.number),
      range(50),
    );
    // Other books and years start at 1.
    assert.equal((await services[1]!.allocate('incomingConfidential', 2026, docId(1))).number, 1);
    assert.equal((await services[2]!.allocate('incoming', 2027, docId(900))).number, 1);
    process.stdout.write(`# numbering: 50 concurrent allocations (embedded) in ${ms} ms\n`);
  });

  it('is idempotent per document: a second call, from any allocator, returns the same number', async () => {
    const a = new NumberingService(store);
    const b = new NumberingService(store);
    const first = await a.allocate('outgoing', 2026, docId(7));
    const again = await Promise.all([a.allocate('outgoing', 2026, docId(7)), b.allocate('outgoing', 2026, docId(7))]);
    assert.deepEqual(
      again.map((x) => x.number),
      [first.number, first.number],
    );
    // Even when asked with another year (a retry after New Year keeps the first series).
    assert.deepEqual(await b.allocate('outgoing', 2027, docId(7)), first);
    assert.equal((await a.list('outgoing', 2026)).length, 1);
  });

  it('recovers an allocation whose allocator crashed before recording it: no duplicate, no gap', async () => {
    const crashing = new NumberingService(store, {
      hooks: {
        afterAllocPut: (x) => {
          if (x.documentId === docId(102)) throw new Error('simulated crash');
        },
      },
    });
    assert.equal((await crashing.allocate('incoming', 2030, docId(101))).number, 1);
    await assert.rejects(crashing.allocate('incoming', 2030, docId(102)), /simulated crash/);
    const db = await store.db(NUMBERING_DB);
    assert.equal(((await db.get(allocId('incoming', 2030, 2))) as unknown as { documentId: string }).documentId, docId(102));
    // A restarted server (a new allocator) takes over the stale claim and adopts number 2.
    const restarted = new NumberingService(store, { leaseMs: 50 });
    const other = restarted.allocate('incoming', 2030, docId(103));
    const recovered = await restarted.allocate('incoming', 2030, docId(102));
    assert.equal(recovered.number, 2);
    assert.equal((await other).number, 3);
    assert.deepEqual(
      (await restarted.list('incoming', 2030)).map((a) => [a.number, a.documentId]),
      [
        [1, docId(101)],
        [2, docId(102)],
        [3, docId(103)],
      ],
    );
  });

  it('waits for a live allocator holding the document instead of taking a second number', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = new NumberingService(store, { hooks: { afterAllocPut: () => gate } });
    const fast = new NumberingService(store);
    const p1 = slow.allocate('outgoingConfidential', 2026, docId(200));
    await new Promise((r) => setTimeout(r, 100));
    const p2 = fast.allocate('outgoingConfidential', 2026, docId(200));
    await new Promise((r) => setTimeout(r, 100));
    release();
    const [a, b] = await Promise.all([p1, p2]);
    assert.equal(a.number, 1);
    assert.equal(b.number, 1);
    assert.equal((await fast.list('outgoingConfidential', 2026)).length, 1);
  });

  it('keeps the numbering database admin-only', async () => {
    await new NumberingService(store).ensureDb();
    const sec = (await store.getSecurity(NUMBERING_DB)) as { members: { roles: string[] } };
    assert.deepEqual(sec.members.roles, ['_admin']);
  });
});

describe('numbering service: two app servers on one CouchDB', () => {
  let couch: BareCouch;
  let stores: Store[];
  before(async () => {
    couch = await startBareCouch();
    stores = [createHttpStore({ url: couch.url, admin: couch.admin }), createHttpStore({ url: couch.url, admin: couch.admin })];
  });
  after(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await couch.stop();
  });

  it('allocates 60 numbers concurrently through two stores: unique and gapless, re-asks return the same numbers', async () => {
    const services = stores.flatMap((s) => [new NumberingService(s), new NumberingService(s), new NumberingService(s)]);
    const started = Date.now();
    const results = await Promise.all(range(60).map((i) => services[i % services.length]!.allocate('incoming', 2026, docId(i))));
    const ms = Date.now() - started;
    assert.deepEqual(
      results.map((r) => r.number).sort((a, b) => a - b),
      range(60),
    );
    // Both "servers" re-process every document (as two workers following the same feed would).
    const again = await Promise.all(range(60).flatMap((i) => [0, 3].map((s) => services[s]!.allocate('incoming', 2026, docId(i)))));
    for (const [k, r] of again.entries()) assert.equal(r.number, results[Math.floor(k / 2)]!.number);
    assert.deepEqual(
      (await services[0]!.list('incoming', 2026)).map((a) => a.number),
      range(60),
    );
    process.stdout.write(`# numbering: 60 concurrent allocations over HTTP from 2 stores in ${ms} ms\n`);
  });
});
