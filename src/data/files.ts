/**
 * Files of official documents on this device (`model/files.ts`): a new file is stored in the local files
 * database of the space its document or step is written in and queued for upload (`sync/file-uploads.ts`); a
 * file from someone else is downloaded when opened, with progress, checked against its SHA-256, and kept on the
 * device only when asked (`keepOffline`), never for confidential documents unless the ward allows it.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import type { MeResponse } from '../model/api.ts';
import { type FileMeta, FILE_ATTACHMENT, FILE_SCHEMA, type StoredFile } from '../model/files.ts';
import { newId } from '../model/ids.ts';
import type { Space, SpaceRef } from '../model/spaces.ts';
import { attachmentContentType } from '../model/documents/validation.ts';
import { filesDb, remoteFilesDbUrl } from './db.ts';
import { guardQuota, statusOf } from './errors.ts';

const QUEUE_ID = '_local/docket-uploads';

interface UploadQueue {
  _id: string;
  _rev?: string;
  /** File ids waiting for upload, oldest first. */
  ids: string[];
}

/**
 * Base64 SHA-256 of the bytes: WebCrypto where the page is a secure context (HTTPS, localhost); on an office
 * LAN served over plain HTTP `crypto.subtle` does not exist, so @noble/hashes (audited, no dependencies) does it.
 */
export async function sha256Base64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const digest = globalThis.crypto?.subtle ? new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)) : nobleSha256(bytes);
  let bin = '';
  for (const b of new Uint8Array(digest)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Display names of new files: no leading `_`, never empty; two files with one name get `(2)`, `(3)`. */
export function uniqueNames(files: readonly Pick<File, 'name'>[]): string[] {
  const used = new Set<string>();
  return files.map((f) => {
    const base = f.name.replace(/^_+/, '').trim() || 'file';
    let name = base;
    for (let n = 2; used.has(name); n++) {
      const dot = base.lastIndexOf('.');
      name = dot > 0 ? `${base.slice(0, dot)} (${n})${base.slice(dot)}` : `${base} (${n})`;
    }
    used.add(name);
    return name;
  });
}

/**
 * Stores new files for `ownerId` (a document or step about to be written into `space`) on this device and
 * queues them for upload. Returns their metadata for the document or step. Works offline.
 */
export async function storeNewFiles(me: MeResponse, space: SpaceRef, ownerId: string, files: readonly File[]): Promise<FileMeta[]> {
  if (files.length === 0) return [];
  const db = filesDb(me, space);
  const names = uniqueNames(files);
  const metas: FileMeta[] = [];
  const docs: object[] = [];
  for (const [i, file] of files.entries()) {
    const meta: FileMeta = {
      fileId: newId('file'),
      name: names[i]!,
      contentType: attachmentContentType(file) ?? file.type,
      size: file.size,
      sha256: await sha256Base64(file),
    };
    metas.push(meta);
    const stored: StoredFile & { _attachments: object } = {
      _id: meta.fileId,
      type: 'file',
      schema: FILE_SCHEMA,
      createdAt: new Date().toISOString(),
      createdBy: me.name,
      ownerId,
      name: meta.name,
      contentType: meta.contentType,
      size: meta.size,
      sha256: meta.sha256,
      _attachments: { [FILE_ATTACHMENT]: { content_type: meta.contentType, data: file } },
    };
    docs.push(stored);
  }
  await guardQuota(() => db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]));
  await updateQueue(db, (ids) => [...ids, ...metas.map((m) => m.fileId)]);
  uploadsWaiting.dispatchEvent(new Event('queued'));
  return metas;
}

/** Fired when files are queued (the uploader listens). */
export const uploadsWaiting = new EventTarget();

async function updateQueue(db: PouchDB.Database, change: (ids: string[]) => string[]): Promise<string[]> {
  for (;;) {
    const current = await db.get<UploadQueue>(QUEUE_ID).catch(() => ({ _id: QUEUE_ID, ids: [] }) as UploadQueue);
    const ids = [...new Set(change(current.ids))];
    try {
      await db.put({ ...current, ids });
      return ids;
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
    }
  }
}

/** File ids of a space still waiting for upload on this device. */
export async function queuedUploads(me: MeResponse, space: SpaceRef): Promise<string[]> {
  const q = await filesDb(me, space)
    .get<UploadQueue>(QUEUE_ID)
    .catch(() => null);
  return q?.ids ?? [];
}

export const dequeueUpload = (me: MeResponse, space: SpaceRef, fileId: string): Promise<string[]> =>
  updateQueue(filesDb(me, space), (ids) => ids.filter((id) => id !== fileId));

/** The stored file with its bytes, when on this device. */
export async function localFile(me: MeResponse, space: SpaceRef, fileId: string): Promise<{ doc: StoredFile; blob: Blob } | null> {
  const db = filesDb(me, space);
  try {
    const doc = await db.get<StoredFile>(fileId);
    const blob = (await db.getAttachment(fileId, FILE_ATTACHMENT)) as Blob;
    return { doc, blob };
  } catch (err) {
    if (statusOf(err) === 404) return null;
    throw err;
  }
}

export class FileIntegrityError extends Error {
  constructor(readonly fileName: string) {
    super(`The file ${fileName} does not match its SHA-256: it was changed or damaged on the way.`);
    this.name = 'FileIntegrityError';
  }
}

/**
 * Downloads a file from one of `spaces` (any that holds it), reporting `onProgress(received, total)`, and checks
 * its SHA-256. Null when no space has it (yet: an upload may still be on its way). Throws `FileIntegrityError`.
 */
export async function downloadFile(
  spaces: readonly Pick<Space, 'kind' | 'id'>[],
  meta: FileMeta,
  onProgress?: (received: number, total: number) => void,
): Promise<Blob | null> {
  for (const space of spaces) {
    const url = `${remoteFilesDbUrl(space)}/${encodeURIComponent(meta.fileId)}/${FILE_ATTACHMENT}`;
    let res: Response;
    try {
      res = await fetch(url, { credentials: 'include' });
    } catch {
      return null; // offline
    }
    if (!res.ok || !res.body) continue;
    const total = Number(res.headers.get('content-length')) || meta.size;
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let received = 0;
    onProgress?.(0, total);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress?.(received, total);
    }
    const blob = new Blob(chunks as BlobPart[], { type: meta.contentType });
    if ((await sha256Base64(blob)) !== meta.sha256) throw new FileIntegrityError(meta.name);
    return blob;
  }
  return null;
}

/**
 * A file's bytes: from this device when there (written here, or kept) in any of \`spaces\`, else downloaded with
 * progress and checked (\`downloadFile\`). Null when offline and not on the device, or not uploaded yet by its author.
 */
export async function fileFromSpaces(
  me: MeResponse,
  spaces: readonly Space[],
  file: FileMeta,
  onProgress?: (received: number, total: number) => void,
): Promise<Blob | null> {
  for (const space of spaces) {
    const local = await localFile(me, space, file.fileId).catch(() => null);
    if (local) return local.blob;
  }
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return null;
  return downloadFile(spaces, file, onProgress);
}

/** Keeps a downloaded file on this device (in the files database of `space`). */
export async function keepOnDevice(me: MeResponse, space: SpaceRef, meta: FileMeta, ownerId: string, createdBy: string, blob: Blob): Promise<void> {
  const db = filesDb(me, space);
  const doc = {
    _id: meta.fileId,
    type: 'file',
    schema: FILE_SCHEMA,
    createdAt: new Date().toISOString(),
    createdBy,
    ownerId,
    name: meta.name,
    contentType: meta.contentType,
    size: meta.size,
    sha256: meta.sha256,
    _attachments: { [FILE_ATTACHMENT]: { content_type: meta.contentType, data: blob } },
  };
  try {
    await guardQuota(() => db.put(doc as unknown as PouchDB.Core.PutDocument<object>));
  } catch (err) {
    if (statusOf(err) !== 409) throw err; // already kept
  }
}

/** Removes a kept file from this device (not one still waiting for upload). */
export async function forgetOnDevice(me: MeResponse, space: SpaceRef, fileId: string): Promise<void> {
  if ((await queuedUploads(me, space)).includes(fileId)) return;
  const db = filesDb(me, space);
  try {
    const doc = await db.get(fileId);
    await db.remove(doc);
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
}
