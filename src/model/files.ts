/**
 * Files of official documents (issue 3 "Offline": metadata always syncs, bytes on demand), and likewise of tasks,
 * calendar events and messages.
 *
 * A document or a step carries `files: FileMeta[]` (name, type, size, SHA-256); the bytes live in a `file:<ULID>`
 * document with one attachment (`data`) in the space's **files database** (`docket-files-<space>`, same readers
 * as the space). Devices replicate the space database only, so 20,000 documents cost their metadata; a file is
 * downloaded when opened (with progress) or kept on the device when a person asks for it. Uploads go to the
 * files database of the space the document or step was written in, one file at a time (progress; an
 * interrupted upload starts that file again). The server copies file documents along with the documents
 * (docs/decisions/0001). See docs/decisions/0002-files-on-demand.md.
 */
import type { BaseDoc } from './doc.ts';
import { ATTACHMENT_LIMITS } from './documents/limits.ts';
import { DB_PREFIX, type SpaceRef, dbNameOf, spaceOfDbName } from './spaces.ts';

export interface FileMeta {
  /** `file:<ULID>`: the document holding the bytes. */
  fileId: string;
  /** Display name as chosen (`Quyết định 15.pdf`). */
  name: string;
  contentType: string;
  /** Bytes. */
  size: number;
  /** Base64 SHA-256 of the bytes: checked on download, and signed in approval records. */
  sha256: string;
}

/** The stored file: metadata, then (second write) its bytes as the attachment `data`. */
export interface StoredFile extends BaseDoc {
  type: 'file';
  /**
   * What the file belongs to: an official document or step, a task or task event, a calendar event or step, or a
   * message (`validateFileUpdate`).
   */
  ownerId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

export const FILE_ATTACHMENT = 'data';
export const FILE_SCHEMA = 1;

const FILES_PREFIX = `${DB_PREFIX}files-`;

/** `docket-unit-vp` → `docket-files-unit-vp` (a unit may be called `vp-files`, so the marker goes first). */
export function filesDbNameOf(space: SpaceRef): string {
  return FILES_PREFIX + dbNameOf(space).slice(DB_PREFIX.length);
}

/**
 * The space whose files a database holds, or null. Every space has one: the org space (`docket-files-org`: files of
 * ward-wide calendar events and of threads there) and each conversation (`docket-files-conv-<id>`: files of its
 * messages, read by its members only) too.
 */
export function spaceOfFilesDbName(db: string): SpaceRef | null {
  if (!db.startsWith(FILES_PREFIX)) return null;
  return spaceOfDbName(DB_PREFIX + db.slice(FILES_PREFIX.length));
}

export function isFileMeta(v: unknown): v is FileMeta {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    typeof f.fileId === 'string' &&
    f.fileId.indexOf('file:') === 0 &&
    f.fileId.length > 5 &&
    typeof f.name === 'string' &&
    f.name.length > 0 &&
    typeof f.contentType === 'string' &&
    typeof f.size === 'number' &&
    typeof f.sha256 === 'string'
  );
}

/**
 * Name, type, size and hash of a file, on the metadata in a document (`FileMeta`) and on the stored file alike:
 * the reason to refuse them, or null. Used by `validate-doc.ts` (and the message checks in `messages.ts`).
 */
export function fileFieldsProblem(f: Record<string, unknown>): string | null {
  if (typeof f.name !== 'string' || !f.name.trim() || f.name.length > ATTACHMENT_LIMITS.nameMax)
    return `File names must be 1–${ATTACHMENT_LIMITS.nameMax} characters.`;
  if (!ATTACHMENT_LIMITS.types[String(f.contentType)]) return 'Files must be PDF, images (JPEG, PNG, WebP, HEIC) or Office/ODF documents.';
  const size = f.size;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) return 'size must be a whole number of bytes.';
  if (size > ATTACHMENT_LIMITS.maxBytes) return `Files must be at most ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB.`;
  if (typeof f.sha256 !== 'string' || !/^[A-Za-z0-9+/]{43}=$/.test(f.sha256)) return 'sha256 must be the base64 SHA-256 of the file.';
  return null;
}
