import { readFileSync } from 'node:fs';
import type { SecurityObject, StoreKind } from '../store/types.ts';

/**
 * The Docket backup file (docs/backup-format.md): gzip'd NDJSON, one JSON value per line.
 *
 *   {"format":"docket-backup","version":1,"createdAt":…,"server":{"name":"docket","version":…},"store":…}
 *   {"db":"_users","security":{…}}                  a database starts, with its _security
 *   {"_id":…,"_rev":…,"_revisions":{…},…}           one leaf revision, as `_bulk_docs` new_edits:false takes it
 *   {"db":"docket-org","local":{"_id":"_local/…"}}  a kept local document (only those in KEPT_LOCAL_DOCS)
 *   …
 *   {"end":"docket-backup","databases":{…},"documents":…,"attachments":…,"attachmentBytes":…,"sha256":…}
 *
 * `sha256` is the hex SHA-256 of every byte of the uncompressed file before the trailer line (each line with its "\n").
 */
export const FORMAT = 'docket-backup';
export const FORMAT_VERSION = 1;

export const SERVER_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface BackupHeader {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  server: { name: 'docket'; version: string };
  store: StoreKind;
}

export interface DatabaseLine {
  db: string;
  security: SecurityObject | Record<string, never>;
}

export interface LocalLine {
  db: string;
  local: { _id: string } & Record<string, unknown>;
}

/** A leaf revision: a CouchDB document with `_revisions` and inline (base64) attachments. */
export interface DocLine {
  _id: string;
  _rev: string;
  _revisions?: { start: number; ids: string[] };
  _deleted?: boolean;
  _attachments?: Record<string, { content_type?: string; digest?: string; data?: string; length?: number; revpos?: number }>;
  [key: string]: unknown;
}

export interface DatabaseCount {
  /** Leaf revisions (document lines), tombstones and design documents included. */
  docs: number;
  /** Of which deleted leaves (tombstones). */
  deleted: number;
  attachments: number;
  attachmentBytes: number;
  local: number;
}

export interface BackupTrailer {
  end: typeof FORMAT;
  /** Per database, in file order. */
  databases: Record<string, DatabaseCount>;
  documents: number;
  attachments: number;
  attachmentBytes: number;
  sha256: string;
}

/**
 * Local documents are replication and worker checkpoints, and their sequence numbers mean nothing on another
 * store: they are left out (clients and workers start over from 0 and find everything already there). Kept:
 * the record of applied migrations, so a restored store does not run them again.
 */
export const KEPT_LOCAL_DOCS: Record<string, string[]> = { 'docket-org': ['_local/docket-migrations'] };

/** The file cannot be restored: wrong format, damaged, truncated, or its content does not match its trailer. */
export class BackupFileError extends Error {}

/** A view of a Buffer as a plain Uint8Array (for node:crypto and node:fs typings), without copying. */
export const bytesOf = (buf: Buffer): Uint8Array => new Uint8Array(buf.buffer, buf.byteOffset, buf.length);

export const emptyCount = (): DatabaseCount => ({ docs: 0, deleted: 0, attachments: 0, attachmentBytes: 0, local: 0 });

/** Bytes of a base64 string without decoding it. */
export function base64Length(data: string): number {
  const pad = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - pad;
}

export function countDoc(count: DatabaseCount, doc: DocLine): void {
  count.docs++;
  if (doc._deleted) count.deleted++;
  for (const att of Object.values(doc._attachments ?? {})) {
    count.attachments++;
    count.attachmentBytes += typeof att.data === 'string' ? base64Length(att.data) : (att.length ?? 0);
  }
}

export type Line =
  | { kind: 'header'; value: BackupHeader }
  | { kind: 'db'; value: DatabaseLine }
  | { kind: 'local'; value: LocalLine }
  | { kind: 'doc'; value: DocLine }
  | { kind: 'end'; value: BackupTrailer };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Classifies one parsed line; throws BackupFileError for anything that is none of the line kinds. */
export function classify(value: unknown, lineNo: number): Line {
  const bad = (why: string) => new BackupFileError(`line ${lineNo}: ${why}`);
  if (!isObject(value)) throw bad('not a JSON object');
  if (value.format !== undefined) {
    if (value.format !== FORMAT) throw bad(`not a Docket backup (format ${JSON.stringify(value.format)})`);
    if (typeof value.version !== 'number') throw bad('header without a version');
    return { kind: 'header', value: value as unknown as BackupHeader };
  }
  if (typeof value._id === 'string') {
    if (typeof value._rev !== 'string') throw bad(`document ${value._id} without _rev`);
    return { kind: 'doc', value: value as DocLine };
  }
  if (typeof value.db === 'string') {
    if (isObject(value.local) && typeof value.local._id === 'string') return { kind: 'local', value: value as unknown as LocalLine };
    if (isObject(value.security)) return { kind: 'db', value: value as unknown as DatabaseLine };
    throw bad(`database line for ${value.db} without security`);
  }
  if (value.end === FORMAT) {
    if (typeof value.sha256 !== 'string' || !isObject(value.databases)) throw bad('trailer without sha256 or databases');
    return { kind: 'end', value: value as unknown as BackupTrailer };
  }
  throw bad('unknown line');
}
