import { createHash } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Store } from '../store/types.ts';
import { databasesToBackup } from './databases.ts';
import {
  type BackupHeader,
  type BackupTrailer,
  type DatabaseCount,
  type DocLine,
  FORMAT,
  FORMAT_VERSION,
  KEPT_LOCAL_DOCS,
  SERVER_VERSION,
  bytesOf,
  countDoc,
  emptyCount,
} from './format.ts';

/** `_changes` rows per page. */
const PAGE = 250;
/** Leaf revisions and (estimated) bytes per `_bulk_get`: bounds memory whatever the attachments weigh. */
const BATCH_LEAVES = 100;
const BATCH_BYTES = 8 * 1024 * 1024;

export interface BackupProgress {
  db: string;
  /** 1-based position of the database, and how many there are. */
  index: number;
  total: number;
  /** Document lines written so far in this database, and in all. */
  dbDocs: number;
  documents: number;
  /** True once the database is complete. */
  done: boolean;
}

export interface BackupOptions {
  onProgress?: (p: BackupProgress) => void;
  /** The databases to save (default: `databasesToBackup(store)`). */
  databases?: string[];
}

export interface BackupResult extends Omit<BackupTrailer, 'end'> {
  header: BackupHeader;
  /** Bytes written (compressed). */
  bytes: number;
  ms: number;
}

type ChangeRow = { id: string; changes: { rev: string }[]; doc?: DocLine };

/** Rough size of a row's leaves with their attachments inlined (base64), for batching. */
function estimate(row: ChangeRow): number {
  const doc = row.doc;
  let bytes = doc ? JSON.stringify(doc).length : 1024;
  for (const att of Object.values(doc?._attachments ?? {})) bytes += Math.ceil(((att.length ?? 0) * 4) / 3);
  return bytes * row.changes.length;
}

/**
 * Writes a backup of the store as gzip'd NDJSON to `out` (docs/backup-format.md), streaming: one `_changes`
 * page and one bounded `_bulk_get` batch at a time. Every leaf revision of every document (tombstones and
 * conflicts included) with its revision history and attachments inline, so that `_bulk_docs` with
 * new_edits:false recreates it with the same `_rev`. `out` is ended when done.
 */
export async function writeBackup(store: Store, out: Writable, opts: BackupOptions = {}): Promise<BackupResult> {
  const started = Date.now();
  const gzip = createGzip({ level: 6 });
  let bytes = 0;
  gzip.on('data', (chunk: Buffer) => (bytes += chunk.length));
  gzip.pipe(out);
  const hash = createHash('sha256');
  const write = async (value: unknown, hashed = true) => {
    const buf = Buffer.from(JSON.stringify(value) + '\n', 'utf8');
    if (hashed) hash.update(bytesOf(buf));
    if (!gzip.write(buf)) await once(gzip, 'drain');
  };

  const databases = opts.databases ?? (await databasesToBackup(store));
  const header: BackupHeader = {
    format: FORMAT,
    version: FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    server: { name: 'docket', version: SERVER_VERSION },
    store: store.kind,
  };
  await write(header);
  const counts: Record<string, DatabaseCount> = {};
  let documents = 0;

  for (const [i, name] of databases.entries()) {
    const db = await store.db(name);
    const count = (counts[name] = emptyCount());
    await write({ db: name, security: await store.getSecurity(name) });
    for (const id of KEPT_LOCAL_DOCS[name] ?? []) {
      const local = await db.get(id).catch((err: { status?: number }) => {
        if (err.status === 404) return null;
        throw err;
      });
      if (!local) continue;
      const { _rev: _ignored, ...body } = local as typeof local & { _rev?: string };
      await write({ db: name, local: body });
      count.local++;
    }
    const progress = (done: boolean) =>
      opts.onProgress?.({ db: name, index: i + 1, total: databases.length, dbDocs: count.docs, documents, done });

    const emit = async (doc: DocLine) => {
      await write(doc);
      countDoc(count, doc);
      documents++;
    };
    const fetchLeaves = async (rows: ChangeRow[]) => {
      const leaves = rows.flatMap((r) => r.changes.map((c) => ({ id: r.id, rev: c.rev })));
      const res = await db.bulkGet({ docs: leaves, revs: true, attachments: true } as PouchDB.Core.BulkGetOptions);
      for (const result of res.results) {
        for (const d of result.docs) {
          if ('ok' in d) await emit(d.ok as unknown as DocLine);
          else {
            // The document changed between the page and this read: take its leaves as they are now.
            const now = await db.get(result.id, { open_revs: 'all', revs: true, attachments: true } as PouchDB.Core.GetOpenRevisions);
            for (const r of now as unknown as ({ ok: DocLine } | { missing: string })[]) if ('ok' in r) await emit(r.ok);
          }
        }
      }
    };

    let since: string | number = 0;
    for (;;) {
      const page: PouchDB.Core.ChangesResponse<object> = await db.changes({
        since,
        limit: PAGE,
        style: 'all_docs',
        include_docs: true,
      } as PouchDB.Core.ChangesOptions);
      const rows = page.results as unknown as ChangeRow[];
      let batch: ChangeRow[] = [];
      let batchBytes = 0;
      let batchLeaves = 0;
      for (const row of rows) {
        const size = estimate(row);
        if (batch.length && (batchBytes + size > BATCH_BYTES || batchLeaves + row.changes.length > BATCH_LEAVES)) {
          await fetchLeaves(batch);
          batch = [];
          batchBytes = 0;
          batchLeaves = 0;
        }
        batch.push(row);
        batchBytes += size;
        batchLeaves += row.changes.length;
      }
      if (batch.length) await fetchLeaves(batch);
      progress(false);
      if (rows.length < PAGE) break;
      since = page.last_seq;
    }
    progress(true);
  }

  const totals = Object.values(counts).reduce(
    (a, c) => ({
      attachments: a.attachments + c.attachments,
      attachmentBytes: a.attachmentBytes + c.attachmentBytes,
    }),
    { attachments: 0, attachmentBytes: 0 },
  );
  const trailer: BackupTrailer = { end: FORMAT, databases: counts, documents, ...totals, sha256: hash.digest('hex') };
  await write(trailer, false);
  gzip.end();
  await finished(out);
  return { ...trailer, header, bytes, ms: Date.now() - started };
}

/**
 * Writes the backup to `file`, through `<file>.partial` renamed at the end: a backup that fails half-way
 * never leaves a file that looks complete (and a truncated one is refused at restore anyway).
 */
export async function writeBackupFile(store: Store, file: string, opts: BackupOptions = {}): Promise<BackupResult> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { mode: 0o600 });
  try {
    const result = await writeBackup(store, out, opts);
    renameSync(partial, file);
    return result;
  } catch (err) {
    out.destroy();
    rmSync(partial, { force: true });
    throw err;
  }
}
