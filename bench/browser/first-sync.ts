// Runs in headless Chromium (bundled by bench/helpers/bundle.ts, served on the test server's origin):
// the ways to get a unit space onto an empty device that bench/first-sync.bench.ts compares, and the floors.
import PouchDB from 'pouchdb-core';
import { localDbReady, remoteDb, spaceDb } from '../../src/data/db.ts';
import type { Space } from '../../src/model/spaces.ts';
import { ChangeNotifier } from '../../src/sync/change-notifier.ts';
import { SyncManager } from '../../src/sync/sync-manager.ts';

export interface Measured {
  ms: number;
  /** Documents in the local database afterwards (design documents and `_local` excluded). */
  docs: number;
  /** HTTP requests made (resource timing entries), when it matters. */
  requests?: number;
  /** Named points in time (ms from the start), for the breakdown. */
  marks?: Record<string, number>;
}

performance.setResourceTimingBufferSize(100_000);

async function signIn(name: string, password: string): Promise<void> {
  const res = await fetch('/db/_session', {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (!res.ok) throw new Error(`sign-in ${name}: HTTP ${res.status}`);
}

const requestCount = (): number => performance.getEntriesByType('resource').length;

async function countDocs(db: PouchDB.Database): Promise<number> {
  const res = await db.allDocs(); // `_local` docs are never listed
  return res.rows.filter((r) => !r.id.startsWith('_design/')).length;
}

/** (a) The lower bound: the documents (fetched first, not timed) put in one transaction into a fresh IndexedDB store. */
async function rawIndexedDb(dbName: string): Promise<Measured> {
  const res = await fetch(`/db/${encodeURIComponent(dbName)}/_all_docs?include_docs=true`, { credentials: 'include' });
  const body = (await res.json()) as { rows: Array<{ id: string; doc: { _id: string; type?: string } }> };
  const docs = body.rows.map((r) => r.doc).filter((d) => d.type === 'officialDocument');
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(`bench-raw-${Date.now()}`, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('docs', { keyPath: '_id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tx = idb.transaction('docs', 'readwrite');
    const store = tx.objectStore('docs');
    for (const d of docs) store.put(d);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  const ms = performance.now() - t0;
  const n = await new Promise<number>((resolve) => {
    const req = idb.transaction('docs').objectStore('docs').count();
    req.onsuccess = () => resolve(req.result);
  });
  idb.close();
  return { ms, docs: n };
}

/**
 * (d) The server's floor: every page of `_changes?include_docs=true` (the app's page size, 2,000) fetched and
 * parsed one after the other, nothing stored.
 */
async function fetchOnly(dbName: string): Promise<Measured> {
  const t0 = performance.now();
  let since: string | number = 0;
  let docs = 0;
  let requests = 0;
  for (;;) {
    const res = await fetch(
      `/db/${encodeURIComponent(dbName)}/_changes?style=all_docs&include_docs=true&limit=2000&since=${encodeURIComponent(String(since))}`,
      {
        credentials: 'include',
      },
    );
    const body = (await res.json()) as { results: Array<{ doc?: { type?: string } }>; last_seq: string | number };
    requests++;
    docs += body.results.filter((r) => r.doc?.type === 'officialDocument').length;
    since = body.last_seq;
    if (body.results.length < 2000) break;
  }
  return { ms: performance.now() - t0, docs, requests };
}

/** (b) PouchDB's replication with its default options into an empty `indexeddb` database. */
async function pouchDefault(space: Space): Promise<Measured> {
  const local = new PouchDB(`bench-default-${Date.now()}`, { adapter: 'indexeddb' });
  const remote = remoteDb(space);
  const r0 = requestCount();
  const t0 = performance.now();
  await PouchDB.replicate(remote, local);
  const ms = performance.now() - t0;
  return { ms, docs: await countDocs(local), requests: requestCount() - r0 };
}

/**
 * (c) The app's own first sync: a `SyncManager` as the app's `SyncService` makes it (the app's local database
 * and indexes, the change notifier), from `start()` until it says "up to date".
 */
async function appFirstSync(space: Space, me: { name: string }): Promise<Measured> {
  const local = spaceDb(me, space, { reopen: true });
  const remote = remoteDb(space);
  const marks: Record<string, number> = {};
  const r0 = requestCount();
  const t0 = performance.now();
  const mark = (name: string) => (marks[name] ??= performance.now() - t0);
  const manager = new SyncManager({
    space,
    local,
    remote,
    online: true,
    ready: () =>
      localDbReady(local).then(() => {
        mark('indexesReady');
      }),
    notifier: new ChangeNotifier(),
  });
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      const s = manager.status();
      if (s.firstSync && s.firstSync.total > 0 && s.firstSync.received >= s.firstSync.total) mark('downloaded');
      if (s.state === 'upToDate') resolve();
      else if (s.state === 'error' || s.state === 'accessDenied' || s.state === 'needsSignIn')
        reject(new Error(`sync: ${s.state} ${s.error ?? ''}`));
    };
    manager.subscribe(check);
    manager.start();
  });
  const ms = performance.now() - t0;
  const requests = requestCount() - r0;
  await manager.stop();
  return { ms, docs: await countDocs(local), requests, marks };
}

type ChangesPage = { results: Array<{ doc: { _id: string; _rev: string } }>; last_seq: string | number };

const changesPage = (dbName: string, since: string | number): Promise<ChangesPage> =>
  fetch(
    `/db/${encodeURIComponent(dbName)}/_changes?style=all_docs&include_docs=true&limit=2000&since=${encodeURIComponent(String(since))}`,
    {
      credentials: 'include',
    },
  ).then((r) => r.json() as Promise<ChangesPage>);

/**
 * (e) PouchDB's own write: the pages of `_changes` (fetched first, not timed) written with
 * `bulkDocs(new_edits: false)`, 2,000 at a time, into an empty `indexeddb` database. The local floor of any
 * sync that goes through PouchDB.
 */
async function pouchWrite(dbName: string): Promise<Measured> {
  const pages: ChangesPage[] = [];
  for (let since: string | number = 0; ;) {
    const pg = await changesPage(dbName, since);
    pages.push(pg);
    since = pg.last_seq;
    if (pg.results.length < 2000) break;
  }
  const local = new PouchDB(`bench-write-${Date.now()}`, { adapter: 'indexeddb' });
  const t0 = performance.now();
  for (const pg of pages) await local.bulkDocs(pg.results.map((r) => r.doc) as PouchDB.Core.PutDocument<object>[], { new_edits: false });
  return { ms: performance.now() - t0, docs: await countDocs(local) };
}

/**
 * (f) The bare pipeline of the app's download: fetch page N+1 while page N is written with
 * `bulkDocs(new_edits: false)`; no bookkeeping, no indexes, no catch-up. The floor of this design.
 */
async function pouchPipeline(dbName: string): Promise<Measured> {
  const local = new PouchDB(`bench-pipe-${Date.now()}`, { adapter: 'indexeddb' });
  const t0 = performance.now();
  let waited = 0;
  let next = changesPage(dbName, 0);
  for (;;) {
    const w = performance.now();
    const pg = await next;
    waited += performance.now() - w;
    const full = pg.results.length >= 2000;
    if (full) next = changesPage(dbName, pg.last_seq);
    await local.bulkDocs(pg.results.map((r) => r.doc) as PouchDB.Core.PutDocument<object>[], { new_edits: false });
    if (!full) break;
  }
  return { ms: performance.now() - t0, docs: await countDocs(local), marks: { waitingForPages: waited } };
}

declare global {
  interface Window {
    bench: typeof api;
  }
}
const api = { signIn, rawIndexedDb, fetchOnly, pouchDefault, appFirstSync, pouchWrite, pouchPipeline };
window.bench = api;
