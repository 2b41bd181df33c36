/**
 * Notices (thông báo): stored in the org space (whole ward) or a unit's space; read markers in the
 * reader's personal space. Framework-free; views use `LiveQueryController` with `subscribeNotices`.
 */
import type { MeResponse } from '../model/api.ts';
import type { FieldError } from '../model/doc.ts';
import { newId } from '../model/ids.ts';
import {
  canPostNotice,
  compareNotices,
  isExpired,
  NOTICE_SCHEMA,
  noticeReadIdOf,
  validateNoticeInput,
  type Notice,
  type NoticeInput,
  type NoticeRead,
} from '../model/notice.ts';
import type { Space } from '../model/spaces.ts';
import { wardDay } from '../model/time.ts';
import { isSpaceDbErased, localDbReady, remoteDb, spaceDb, subscribeLocalChanges } from './db.ts';
import { guardQuota, statusOf } from './errors.ts';
import { pendingLocalIds, readSyncMeta, subscribeSyncMeta } from './sync-meta.ts';
import { ValidationError } from './validation.ts';

export { ValidationError } from './validation.ts';

export interface NoticeView extends Notice {
  space: Space;
  read: boolean;
  expired: boolean;
  attachment?: { name: string; type: string; size: number };
  /** Written locally, not yet confirmed by the server (or refused by it: see the sync panel). */
  pending: boolean;
}

/** How many notices a space's list reads at most (pouchdb-find returns 25 without a limit). */
const LIST_LIMIT = 2000;

/** A space's local database, once its indexes are ready (see `localDbReady`). */
async function openDb(me: MeResponse, space: Space): Promise<PouchDB.Database> {
  const db = spaceDb(me, space);
  await localDbReady(db);
  return db;
}

export const noticeSpaces = (me: MeResponse): Space[] => me.spaces.filter((s) => s.kind === 'org' || s.kind === 'unit');
const personalSpace = (me: MeResponse): Space | undefined => me.spaces.find((s) => s.kind === 'personal');
/** Spaces still on this device: a query that runs while a space is erased (sign-out, lost space) skips it. */
const onDevice = (me: MeResponse, spaces: Space[]): Space[] => spaces.filter((s) => !isSpaceDbErased(me, s));

async function readMarkers(me: MeResponse): Promise<Set<string>> {
  const personal = onDevice(me, [personalSpace(me)].filter((x): x is Space => !!x))[0];
  if (!personal) return new Set();
  const res = await (await openDb(me, personal)).allDocs({ startkey: 'noticeRead:', endkey: 'noticeRead:\ufff0' });
  return new Set(res.rows.map((r) => r.id));
}

async function unconfirmedIds(db: PouchDB.Database): Promise<Set<string>> {
  const meta = await readSyncMeta(db);
  const ids = await pendingLocalIds(db, meta);
  for (const r of meta.rejected) ids.add(r.id);
  return ids;
}

function toView(doc: Notice, space: Space, read: Set<string>, pending: Set<string>, me: MeResponse, today: string): NoticeView {
  const [name, stub] = Object.entries(doc._attachments ?? {})[0] ?? [];
  return {
    ...doc,
    space,
    read: doc.createdBy === me.name || read.has(noticeReadIdOf(doc._id)),
    expired: isExpired(doc, today),
    ...(name && stub ? { attachment: { name, type: stub.content_type, size: stub.length ?? 0 } } : {}),
    pending: pending.has(doc._id),
  };
}

/** Notices of the org and unit spaces, pinned first, newest first (`compareNotices`). */
export async function listNotices(me: MeResponse): Promise<NoticeView[]> {
  const today = wardDay();
  const [read, perSpace] = await Promise.all([
    readMarkers(me),
    Promise.all(
      onDevice(me, noticeSpaces(me)).map(async (space) => {
        const db = await openDb(me, space);
        const [res, pending] = await Promise.all([
          // newest first: with more than LIST_LIMIT notices the list keeps the latest, not the oldest
          db.find({
            selector: { type: 'notice', createdAt: { $gt: null } },
            sort: [{ type: 'desc' }, { createdAt: 'desc' }],
            limit: LIST_LIMIT,
          }),
          unconfirmedIds(db),
        ]);
        return { space, docs: res.docs as unknown as Notice[], pending };
      }),
    ),
  ]);
  const views = perSpace.flatMap(({ space, docs, pending }) => docs.map((d) => toView(d, space, read, pending, me, today)));
  return views.sort(compareNotices);
}

async function findNotice(me: MeResponse, id: string): Promise<{ doc: Notice; space: Space; db: PouchDB.Database } | null> {
  if (!id.startsWith('notice:')) return null;
  for (const space of onDevice(me, noticeSpaces(me))) {
    const db = await openDb(me, space);
    try {
      const doc = (await db.get(id)) as unknown as Notice;
      if (doc.type === 'notice') return { doc, space, db };
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }
  return null;
}

export async function getNotice(me: MeResponse, id: string): Promise<NoticeView | null> {
  const found = await findNotice(me, id);
  if (!found) return null;
  const [read, pending] = await Promise.all([readMarkers(me), unconfirmedIds(found.db)]);
  return toView(found.doc, found.space, read, pending, me, wardDay());
}

/** CouchDB attachment names may not start with `_`; keep the rest of the file name as typed. */
const attachmentName = (name: string): string => name.replace(/^_+/, '').trim() || 'attachment';

/**
 * Posts a notice (works offline; sync sends it later). Throws `ValidationError` for bad input or
 * when the account may not post into `space`, `StorageFullError` when the device is full.
 */
export async function postNotice(me: MeResponse, space: Space, input: NoticeInput, file?: File): Promise<Notice> {
  const withFile: NoticeInput = file ? { ...input, attachment: { name: file.name, type: file.type, size: file.size } } : input;
  const errors: FieldError[] = validateNoticeInput(withFile, wardDay());
  if (!me.spaces.some((s) => s.db === space.db) || !canPostNotice(me, space)) errors.push({ field: 'space', code: 'error.notAllowed' });
  if (errors.length) throw new ValidationError(errors);
  const doc: Notice = {
    _id: newId('notice'),
    type: 'notice',
    schema: NOTICE_SCHEMA,
    createdAt: new Date().toISOString(),
    createdBy: me.name,
    title: input.title.trim(),
    body: input.body.trim(),
    pinned: input.pinned,
    ...(input.expiresOn ? { expiresOn: input.expiresOn } : {}),
    authorName: me.displayName,
    ...(file ? { _attachments: { [attachmentName(file.name)]: { content_type: file.type, data: file } } } : {}),
  };
  const db = await openDb(me, space);
  const res = await guardQuota(() => db.put(doc as unknown as PouchDB.Core.PutDocument<object>));
  const { _attachments, ...rest } = doc;
  return { ...rest, _rev: res.rev, ...(file ? { _attachments: { [attachmentName(file.name)]: { content_type: file.type, length: file.size, stub: true } } } : {}) };
}

/** Records that `me` read the notice (idempotent; one marker per notice in the personal space). */
export async function markNoticeRead(me: MeResponse, noticeId: string): Promise<void> {
  const personal = onDevice(me, [personalSpace(me)].filter((x): x is Space => !!x))[0];
  if (!personal) return;
  const db = await openDb(me, personal);
  const id = noticeReadIdOf(noticeId);
  try {
    await db.get(id);
    return;
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
  const now = new Date().toISOString();
  const marker: NoticeRead = { _id: id, type: 'noticeRead', schema: 1, createdAt: now, createdBy: me.name, noticeId, readAt: now };
  try {
    await guardQuota(() => db.put(marker));
  } catch (err) {
    if (statusOf(err) !== 409) throw err; // another tab marked it first
  }
}

/** The notice's file: from the device when stored, else from the server; null offline when not local. */
export async function getNoticeAttachment(me: MeResponse, noticeId: string): Promise<Blob | null> {
  const found = await findNotice(me, noticeId);
  const name = found && Object.keys(found.doc._attachments ?? {})[0];
  if (!found || !name) return null;
  try {
    return (await found.db.getAttachment(noticeId, name)) as Blob;
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return null;
  try {
    return (await remoteDb(found.space).getAttachment(noticeId, name)) as Blob;
  } catch {
    return null;
  }
}

/** Calls `onChange` when notices or read markers change locally or arrive by replication. */
export function subscribeNotices(me: MeResponse, onChange: () => void): () => void {
  const stops: Array<() => void> = [];
  const spaces = onDevice(me, [...noticeSpaces(me), ...(personalSpace(me) ? [personalSpace(me)!] : [])]);
  for (const space of spaces) {
    const db = spaceDb(me, space);
    void localDbReady(db).catch(() => undefined); // before the feed's first read
    stops.push(
      subscribeLocalChanges(db, (change) => {
        if (change.id.startsWith('notice')) onChange();
      }),
    );
    if (space.kind !== 'personal') stops.push(subscribeSyncMeta(db, onChange));
  }
  return () => {
    for (const stop of stops) stop();
  };
}
