import { ISO_DATE, ISO_TIME } from './doc.ts';
import { NOTICE_LIMITS, canPostNotice } from './notice.ts';
import { type UserCtx, isActive } from './roles.ts';
import type { SpaceRef } from './spaces.ts';

/**
 * The rules behind every space's `validate_doc_update` (CouchDB convention: throw
 * `{ forbidden: reason }` → 403). Setup bundles this file with esbuild, with the space baked in,
 * into the `_design/docket` document of each space, so it must stay self-contained: pure
 * functions, no I/O, nothing newer than ES2019 after bundling.
 */

/** Types users may write. Directory types (`unit`, `person`, `room`) are written by the server only. */
export const USER_WRITABLE_TYPES = ['notice', 'noticeRead'] as const;
export const SERVER_ONLY_TYPES = ['unit', 'person', 'room'] as const;

export interface Forbidden {
  forbidden: string;
}

type Doc = Record<string, unknown> & { _id?: string; _deleted?: boolean };

function deny(reason: string): never {
  const err: Forbidden = { forbidden: reason };
  throw err;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

function isValidDay(v: unknown): boolean {
  if (!isString(v) || !ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function isValidInstant(v: unknown): boolean {
  return isString(v) && ISO_TIME.test(v) && !isNaN(new Date(v).getTime());
}

/** Decoded size of an attachment: its `length` for stubs, else the size of its base64 `data`. */
export function attachmentSize(att: Record<string, unknown>): number {
  if (typeof att.length === 'number') return att.length;
  if (isString(att.data)) {
    const data = att.data.replace(/\s/g, '');
    const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
    return Math.floor((data.length * 3) / 4) - padding;
  }
  return 0;
}

function checkCommon(doc: Doc, userCtx: UserCtx, oldDoc: Doc | null): string {
  const type = doc.type;
  if (!isString(type)) deny('Document has no type.');
  if ((SERVER_ONLY_TYPES as readonly string[]).includes(type)) deny(`Only the server may write ${type} documents.`);
  if (!(USER_WRITABLE_TYPES as readonly string[]).includes(type)) deny(`Unknown document type: ${type}.`);
  const id = doc._id ?? '';
  if (id.indexOf(`${type}:`) !== 0 || id.length <= type.length + 1) deny(`_id must start with "${type}:".`);
  if (typeof doc.schema !== 'number' || !Number.isInteger(doc.schema) || doc.schema < 1) deny('schema must be a positive integer.');
  if (!isValidInstant(doc.createdAt)) deny('createdAt must be an ISO-8601 UTC time.');
  if (!isString(doc.createdBy)) deny('createdBy is required.');
  if (oldDoc && !oldDoc._deleted) {
    if (oldDoc.type !== doc.type) deny('type cannot change.');
    if (oldDoc.createdBy !== doc.createdBy) deny('createdBy cannot change.');
    if (oldDoc.createdAt !== doc.createdAt) deny('createdAt cannot change.');
  }
  if (doc.createdBy !== userCtx.name) deny('createdBy must be the signed-in user.');
  return type;
}

function checkNotice(doc: Doc, userCtx: UserCtx, space: SpaceRef): void {
  if (space.kind === 'personal') deny('Notices are posted to the ward or to a unit, not to a personal space.');
  if (!canPostNotice(userCtx, space)) {
    deny(
      space.kind === 'org'
        ? 'Only leaders, clerks, unit heads and the administrator may post ward-wide notices.'
        : 'Only members of this unit, leaders and clerks may post here.',
    );
  }
  const title = isString(doc.title) ? doc.title.trim() : '';
  if (!title || title.length > NOTICE_LIMITS.titleMax) deny(`title must be 1–${NOTICE_LIMITS.titleMax} characters.`);
  const body = isString(doc.body) ? doc.body.trim() : '';
  if (!body || body.length > NOTICE_LIMITS.bodyMax) deny(`body must be 1–${NOTICE_LIMITS.bodyMax} characters.`);
  if (typeof doc.pinned !== 'boolean') deny('pinned must be true or false.');
  if (doc.expiresOn !== undefined && !isValidDay(doc.expiresOn)) deny('expiresOn must be a date (YYYY-MM-DD).');
  if (!isString(doc.authorName) || doc.authorName.length > 200) deny('authorName is required.');
  if (doc._attachments !== undefined) {
    if (!isObject(doc._attachments)) deny('_attachments must be an object.');
    const names = Object.keys(doc._attachments);
    if (names.length > 1) deny('A notice has at most one attachment.');
    for (const name of names) {
      const att = doc._attachments[name];
      if (!isObject(att)) deny('Bad attachment.');
      if (!(NOTICE_LIMITS.attachmentTypes as readonly string[]).includes(String(att.content_type)))
        deny('Attachments must be PDF, JPEG, PNG or WebP.');
      if (attachmentSize(att) > NOTICE_LIMITS.attachmentMaxBytes) deny('Attachments must be at most 10 MB.');
    }
  }
}

function checkNoticeRead(doc: Doc, userCtx: UserCtx, space: SpaceRef): void {
  if (space.kind !== 'personal' || space.id !== userCtx.name) deny('Read markers belong in the reader’s own personal space.');
  if (!isString(doc.noticeId) || doc.noticeId.indexOf('notice:') !== 0) deny('noticeId must be a notice id.');
  if (!isValidInstant(doc.readAt)) deny('readAt must be an ISO-8601 UTC time.');
  if (doc._attachments !== undefined) deny('Read markers have no attachments.');
}

/** Throws `{ forbidden }` unless `userCtx` may store `newDoc` (replacing `oldDoc`) in `space`. */
export function validateDocUpdate(newDoc: Doc, oldDoc: Doc | null | undefined, userCtx: UserCtx, _secObj: unknown, space: SpaceRef): void {
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  const id = isString(newDoc._id) ? newDoc._id : '';
  if (id.indexOf('_design/') === 0) deny('Only the server administrator may change design documents.');
  if (!userCtx.name || !isActive(userCtx)) deny('This account may not write.');
  const old = oldDoc && !oldDoc._deleted ? oldDoc : null;
  if (newDoc._deleted) {
    if (old && old.createdBy !== userCtx.name) deny('Only the author may delete this document.');
    return;
  }
  const type = checkCommon(newDoc, userCtx, old);
  switch (type) {
    case 'notice':
      checkNotice(newDoc, userCtx, space);
      return;
    case 'noticeRead':
      checkNoticeRead(newDoc, userCtx, space);
      return;
  }
}
