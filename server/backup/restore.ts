import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { SecurityObject, Store } from '../store/types.ts';
import {
  type BackupHeader,
  BackupFileError,
  type BackupTrailer,
  type DatabaseCount,
  type DocLine,
  FORMAT_VERSION,
  type Line,
  bytesOf,
  classify,
  countDoc,
  emptyCount,
} from './format.ts';

/** Documents and bytes per `_bulk_docs` while restoring. */
const BATCH_DOCS = 500;
const BATCH_BYTES = 8 * 1024 * 1024;

/** The target already holds data (restore refuses it unless forced). */
export class TargetNotEmptyError extends Error {
  constructor(readonly databases: string[]) {
    super(
      `The target is not empty: ${databases.length} database(s) hold documents (${databases.slice(0, 5).join(', ')}${databases.length > 5 ? ', …' : ''}). ` +
        'Restore into an empty data directory (or an empty CouchDB), or pass --force to merge into it.',
    );
  }
}

/** The store refused some documents while restoring. */
export class RestoreError extends Error {}

interface RawLine {
  no: number;
  /** The line's bytes, with its "\n". */
  bytes: Buffer;
}

function isGzip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const magic = new Uint8Array(2);
    return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** The file's lines as bytes (gzip'd or plain NDJSON); a damaged gzip stream or an unterminated last line throws BackupFileError. */
async function* rawLines(file: string): AsyncGenerator<RawLine> {
  const source = createReadStream(file);
  const input = isGzip(file) ? source.pipe(createGunzip()) : source;
  source.on('error', (err) => input.destroy(err));
  let parts: Buffer[] = [];
  let no = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(0x0a, start); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
        parts.push(chunk.subarray(start, nl + 1));
        yield { no: ++no, bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts.map(bytesOf)) };
        parts = [];
        start = nl + 1;
      }
      if (start < chunk.length) parts.push(chunk.subarray(start));
    }
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new BackupFileError(`the file is damaged or truncated after line ${no} (${msg})`);
  } finally {
    source.destroy();
  }
  if (parts.some((p) => p.length)) throw new BackupFileError(`the file is truncated: line ${no + 1} is incomplete`);
}

function parse(raw: RawLine): Line {
  let value: unknown;
  try {
    value = JSON.parse(raw.bytes.toString('utf8'));
  } catch {
    throw new BackupFileError(`line ${raw.no}: not valid JSON`);
  }
  return classify(value, raw.no);
}

/** The header, or a BackupFileError saying this is no Docket backup. */
function firstLine(raw: RawLine): Line & { kind: 'header' } {
  let line: Line | undefined;
  try {
    line = parse(raw);
  } catch {
    // Reported below.
  }
  if (line?.kind !== 'header') throw new BackupFileError('not a Docket backup: the first line is not its header');
  return line;
}

export interface VerifyResult {
  header: BackupHeader;
  trailer: BackupTrailer;
  /** Databases in file order. */
  databases: string[];
}

/**
 * Reads the whole file and checks it without touching any store: a header this version understands, lines of
 * known kinds in order, a trailer whose counts and SHA-256 match the content, nothing after it.
 * Throws BackupFileError with a readable reason.
 */
export async function verifyBackupFile(file: string): Promise<VerifyResult> {
  const hash = createHash('sha256');
  let header: BackupHeader | undefined;
  let trailer: BackupTrailer | undefined;
  const counts: Record<string, DatabaseCount> = {};
  let current: string | undefined;
  for await (const raw of rawLines(file)) {
    if (trailer) throw new BackupFileError(`line ${raw.no}: content after the trailer`);
    if (!header) {
      header = firstLine(raw).value;
      if (header.version > FORMAT_VERSION)
        throw new BackupFileError(`made by a newer Docket (format version ${header.version}; this one reads up to ${FORMAT_VERSION})`);
      hash.update(bytesOf(raw.bytes));
      continue;
    }
    const line = parse(raw);
    switch (line.kind) {
      case 'header':
        throw new BackupFileError(`line ${raw.no}: a second header`);
      case 'db':
        if (counts[line.value.db]) throw new BackupFileError(`line ${raw.no}: database ${line.value.db} appears twice`);
        current = line.value.db;
        counts[current] = emptyCount();
        break;
      case 'local':
        if (line.value.db !== current) throw new BackupFileError(`line ${raw.no}: local document outside its database`);
        counts[current]!.local++;
        break;
      case 'doc':
        if (!current) throw new BackupFileError(`line ${raw.no}: document before any database`);
        countDoc(counts[current]!, line.value);
        break;
      case 'end':
        trailer = line.value;
        continue;
    }
    hash.update(bytesOf(raw.bytes));
  }
  if (!header) throw new BackupFileError('the file is empty');
  if (!trailer) throw new BackupFileError('the file is truncated: its trailer is missing');
  const sha256 = hash.digest('hex');
  if (sha256 !== trailer.sha256) throw new BackupFileError('the content does not match its SHA-256 (the file was altered or damaged)');
  const names = Object.keys(counts);
  const listed = Object.keys(trailer.databases);
  if (names.join('\n') !== listed.join('\n')) throw new BackupFileError('the databases in the file differ from those its trailer lists');
  for (const name of names) {
    const a = counts[name]!;
    const b = trailer.databases[name]!;
    if (a.docs !== b.docs || a.attachments !== b.attachments || a.attachmentBytes !== b.attachmentBytes || a.local !== b.local)
      throw new BackupFileError(`database ${name}: the content differs from the trailer's counts`);
  }
  return { header, trailer, databases: names };
}

/** Of these databases, those that exist and hold any document besides design documents. */
export async function nonEmptyDatabases(store: Store, names: string[]): Promise<string[]> {
  const busy: string[] = [];
  for (const name of names) {
    if (!(await store.exists(name))) continue;
    const db = await store.db(name);
    const info = await db.info();
    if (info.doc_count === 0) continue;
    const designs = await db.allDocs({ startkey: '_design/', endkey: '_design0' });
    if (info.doc_count > designs.rows.length) busy.push(name);
  }
  return busy;
}

export interface RestoreProgress {
  db: string;
  index: number;
  total: number;
  /** Document lines restored so far, and how many the file holds. */
  documents: number;
  totalDocuments: number;
  /** True once the database is complete. */
  done: boolean;
}

export interface RestoreOptions {
  /** Restore into a store that already holds data: revisions merge as with replication (nothing is removed). */
  force?: boolean;
  onProgress?: (p: RestoreProgress) => void;
}

export interface RestoreResult {
  header: BackupHeader;
  databases: number;
  documents: number;
  attachments: number;
  attachmentBytes: number;
  /** Design documents left as the target had them (it already had one with that id). */
  keptDesignDocs: number;
  ms: number;
}

/**
 * Restores a backup file into the store: verifies the whole file first (nothing is written from a damaged
 * or truncated file), refuses a target with data unless `force`, then per database sets `_security`, writes
 * every leaf revision with `_bulk_docs` new_edits:false (same `_id`, `_rev`, history, attachments), and
 * last its design documents (so validation does not run on the restored data), unless the target has them.
 */
export async function restoreBackupFile(store: Store, file: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const started = Date.now();
  const verified = await verifyBackupFile(file);
  if (!opts.force) {
    const busy = await nonEmptyDatabases(store, verified.databases);
    if (busy.length) throw new TargetNotEmptyError(busy);
  }
  const total = verified.databases.length;
  const totalDocuments = verified.trailer.documents;
  const hash = createHash('sha256');
  let documents = 0;
  let keptDesignDocs = 0;
  let index = 0;
  let current: { name: string; db: PouchDB.Database; pending: DocLine[]; pendingBytes: number; designs: DocLine[] } | undefined;

  const write = async (db: PouchDB.Database, docs: DocLine[]) => {
    const res = (await db.bulkDocs(docs as unknown as PouchDB.Core.PutDocument<object>[], { new_edits: false })) as unknown as {
      id?: string;
      error?: unknown;
      reason?: string;
    }[];
    const failed = res.filter((r) => r.error);
    if (failed.length)
      throw new RestoreError(
        `${current?.name}: the store refused ${failed.length} document(s), e.g. ${failed[0]!.id}: ${String(failed[0]!.reason ?? failed[0]!.error)}`,
      );
  };
  const flush = async () => {
    if (!current?.pending.length) return;
    await write(current.db, current.pending);
    documents += current.pending.length;
    current.pending = [];
    current.pendingBytes = 0;
    opts.onProgress?.({ db: current.name, index, total, documents, totalDocuments, done: false });
  };
  const finishDb = async () => {
    if (!current) return;
    await flush();
    for (const design of current.designs) {
      const has = await current.db.get(design._id).then(
        () => true,
        (err: { status?: number }) => {
          if (err.status === 404) return false;
          throw err;
        },
      );
      if (has) keptDesignDocs++;
      else await write(current.db, [design]);
      documents++;
    }
    opts.onProgress?.({ db: current.name, index, total, documents, totalDocuments, done: true });
    current = undefined;
  };

  for await (const raw of rawLines(file)) {
    const line = parse(raw);
    if (line.kind !== 'end') hash.update(bytesOf(raw.bytes));
    switch (line.kind) {
      case 'db': {
        await finishDb();
        index++;
        const name = line.value.db;
        const db = await store.db(name);
        await store.putSecurity(name, line.value.security as SecurityObject);
        current = { name, db, pending: [], pendingBytes: 0, designs: [] };
        break;
      }
      case 'local': {
        const db = current!.db;
        const existing = await db.get(line.value.local._id).catch(() => null);
        await db.put({ ...line.value.local, ...(existing ? { _rev: existing._rev } : {}) });
        break;
      }
      case 'doc': {
        const doc = line.value;
        if (doc._id.startsWith('_design/')) current!.designs.push(doc);
        else {
          current!.pending.push(doc);
          current!.pendingBytes += raw.bytes.length;
          if (current!.pending.length >= BATCH_DOCS || current!.pendingBytes >= BATCH_BYTES) await flush();
        }
        break;
      }
      default:
        break;
    }
  }
  await finishDb();
  if (hash.digest('hex') !== verified.trailer.sha256)
    throw new BackupFileError('the file changed while it was being restored: its content no longer matches its SHA-256');
  return {
    header: verified.header,
    databases: total,
    documents,
    attachments: verified.trailer.attachments,
    attachmentBytes: verified.trailer.attachmentBytes,
    keptDesignDocs,
    ms: Date.now() - started,
  };
}
