import type { OfficialDocument } from '../../src/model/documents/types.ts';
import { FILE_ATTACHMENT, filesDbNameOf } from '../../src/model/files.ts';
import type { Message, MessageEvent } from '../../src/model/messages.ts';
import { type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import type { Logger } from '../logger.ts';
import { getOrNull } from '../services/directory.ts';
import type { Store } from '../store/types.ts';
import { documentSpaces } from './delivery-worker.ts';
import { copyFiles, getDocument, mayHold, spaceExists } from './documents.ts';
import type { StoredDoc, Worker, WorkerChange } from './host.ts';

export interface ThreadMirrorContext {
  store: Store;
  log: Logger;
}

const THREAD_VIEW = 'docket/threadByParent';
const DOCUMENT_PREFIX = 'officialDocument:';

/**
 * Where a thread on an official document may live: unit and personal spaces (`messageSpaceProblem`). The registry
 * holds documents but no threads: its readers (clerks, leaders) read every unit space, where the discussion is.
 */
export const holdsThreads = (space: SpaceRef): boolean => space.kind === 'unit' || space.kind === 'personal';

const isDocumentThread = (parentId: unknown): parentId is string =>
  typeof parentId === 'string' && parentId.startsWith(DOCUMENT_PREFIX) && parentId.length > DOCUMENT_PREFIX.length;

/** What a change is about, for `Worker.keyOf`: the document (itself, or a message on it), or a message (its edit). */
export function threadKeyOf(doc: StoredDoc): string | null {
  if (doc.type === 'officialDocument') return doc._id;
  if (doc.type === 'message') return isDocumentThread(doc.parentId) ? doc.parentId : null;
  if (doc.type === 'messageEvent') return typeof doc.messageId === 'string' ? doc.messageId : null;
  return null;
}

interface Thread {
  /** The messages on the document, then their edits and removals. */
  ids: string[];
  /** The files of those messages (`file:` ids in the space's files database). */
  fileIds: string[];
}

/** The discussion of a document as one space holds it. */
export async function threadOf(store: Store, space: SpaceRef, documentId: string): Promise<Thread> {
  const db = await store.db(dbNameOf(space));
  const res = await db.query(THREAD_VIEW, { key: documentId, include_docs: true });
  const messages = res.rows
    .map((r) => r.doc as unknown as Message | undefined)
    .filter((m): m is Message => !!m && m.type === 'message' && m.parentId === documentId);
  if (messages.length === 0) return { ids: [], fileIds: [] };
  const messageIds = new Set(messages.map((m) => m._id));
  const events = await db.query(THREAD_VIEW, { keys: [...messageIds], include_docs: true });
  const eventIds = events.rows
    .map((r) => r.doc as unknown as MessageEvent | undefined)
    .filter((e): e is MessageEvent => !!e && e.type === 'messageEvent' && messageIds.has(e.messageId))
    .map((e) => e._id);
  return {
    ids: [...messageIds, ...new Set(eventIds)],
    fileIds: messages.flatMap((m) => (Array.isArray(m.files) ? m.files.map((f) => f.fileId) : [])),
  };
}

/**
 * Copies documents that are written once (messages, their events) from one database to another, each with its
 * revision history, but only those the target has no document of that id at all: "conflict = already there". A
 * message is immutable, so a document of the same id there is the same message (or a tombstone the operator made,
 * which is not brought back); a second revision is never grafted on. Returns the number of documents written.
 */
export async function copyMissing(store: Store, fromDb: string, toDb: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const [source, target] = await Promise.all([store.db(fromDb), store.db(toDb)]);
  const there = await target.allDocs({ keys: [...ids] });
  const missing = there.rows.filter((r) => 'error' in r && r.error === 'not_found').map((r) => r.key);
  if (missing.length === 0) return 0;
  const got = await source.bulkGet({ docs: missing.map((id) => ({ id })), revs: true });
  const docs = got.results.flatMap((r) => r.docs.flatMap((d) => ('ok' in d && !(d.ok as { _deleted?: boolean })._deleted ? [d.ok] : [])));
  if (docs.length === 0) return 0;
  const res = await target.bulkDocs(docs as PouchDB.Core.PutDocument<object>[], { new_edits: false });
  const failed = res.filter((r) => 'error' in r && r.error);
  if (failed.length) throw new Error(`thread copy into ${toDb} failed for ${failed.map((r) => r.id).join(', ')}`);
  return docs.length;
}

/**
 * The thread mirror (docs/decisions/0005 "Threads"): a discussion on an official document is one thread, whichever
 * copy of the document it was written in. An official document lives as copies in several spaces (the delivery
 * worker's home and spokes, `./delivery-worker.ts`); its messages (`parentId: officialDocument:…`), their edits and
 * removals (`messageEvent`) and the messages' files are copied, with the same ids, to every other unit or personal
 * space that holds the same document, and only to those: a space that does not hold the document (a unit space, for
 * a confidential document delivered to persons) never receives its discussion.
 *
 * On every change (a message, an edit, a document arriving in a space, a message's file arriving), the space it
 * happened in and every other space holding the document exchange what the other lacks: that space sends its thread
 * to each of them and takes theirs. So a message written anywhere reaches every copy in one step, and a copy made
 * later (a new direction, a document issued to a unit) receives the whole discussion when it arrives. Messages and
 * events are immutable and keep their ids: a document already there is skipped ("conflict = already there"), so a
 * restart, a change handled twice or two servers side by side write nothing twice. Copies are never removed.
 *
 * Mentions are told once: the notification worker sees each copy arrive, but a notification's id comes from the
 * message and the recipient (`notificationId`), so the copies find it already written.
 */
export function threadMirrorWorkers(ctx: ThreadMirrorContext): Worker[] {
  const { store, log } = ctx;

  /** The other spaces holding the document now, where its discussion may go. */
  async function holdersOf(space: SpaceRef, d: OfficialDocument): Promise<SpaceRef[]> {
    const seen = new Set<string>([dbNameOf(space)]);
    const out: SpaceRef[] = [];
    for (const other of await documentSpaces(store, d)) {
      const db = dbNameOf(other);
      if (seen.has(db)) continue;
      seen.add(db);
      if (!holdsThreads(other) || !mayHold(d, other) || !(await spaceExists(store, other))) continue;
      if (await getDocument(store, other, d._id)) out.push(other);
    }
    return out;
  }

  /** Copies one space's thread on `d` (files first, then messages and events) into another space holding `d`. */
  async function copyThread(from: SpaceRef, to: SpaceRef, d: OfficialDocument, thread: Thread): Promise<number> {
    if (thread.ids.length === 0) return 0;
    if (!mayHold(d, to)) throw new Error(`refusing to copy the thread of confidential ${d._id} into ${dbNameOf(to)}`);
    // Files first: when the messages land, their files are there (or follow when their bytes are uploaded).
    await copyFiles(store, from, to, d, thread.fileIds);
    return copyMissing(store, dbNameOf(from), dbNameOf(to), thread.ids);
  }

  /** `space` and every other space holding the document exchange their threads on it. */
  async function exchange(space: SpaceRef, documentId: string): Promise<void> {
    if (!holdsThreads(space)) return;
    const d = await getDocument(store, space, documentId);
    // The thread lives with its document: a message about a document this space does not hold goes nowhere.
    if (!d || !mayHold(d, space)) return;
    const holders = await holdersOf(space, d);
    if (holders.length === 0) return;
    const mine = await threadOf(store, space, documentId);
    for (const other of holders) {
      const sent = await copyThread(space, other, d, mine);
      const taken = await copyThread(other, space, d, await threadOf(store, other, documentId));
      if (sent || taken) log.debug({ documentId, space: dbNameOf(space), other: dbNameOf(other), sent, taken }, 'thread mirrored');
    }
  }

  /** The document a message (or the message an edit is about) is on, when it is an official document held here. */
  async function documentOfMessage(space: SpaceRef, messageId: string): Promise<string | null> {
    const m = await getOrNull<Message & { _deleted?: boolean }>(await store.db(dbNameOf(space)), messageId);
    return m && !m._deleted && m.type === 'message' && isDocumentThread(m.parentId) ? m.parentId : null;
  }

  const mirror: Worker = {
    name: 'thread-mirror',
    follows: holdsThreads,
    keyOf: threadKeyOf,
    async handle({ space, doc }: WorkerChange): Promise<void> {
      if (doc._deleted) return;
      if (doc.type === 'officialDocument') return exchange(space, doc._id);
      if (doc.type === 'message' && isDocumentThread(doc.parentId)) return exchange(space, doc.parentId);
      if (doc.type === 'messageEvent' && typeof doc.messageId === 'string') {
        const documentId = await documentOfMessage(space, doc.messageId);
        if (documentId) await exchange(space, documentId);
      }
    },
  };

  /** A message's file uploaded after the message (its bytes come later, maybe days later from an offline device). */
  const files: Worker = {
    name: 'thread-files',
    follows: holdsThreads,
    database: filesDbNameOf,
    keyOf: (doc) => (typeof doc.ownerId === 'string' && doc.ownerId.startsWith('message:') ? doc.ownerId : null),
    async handle({ space, doc }: WorkerChange): Promise<void> {
      if (doc._deleted || doc.type !== 'file' || typeof doc.ownerId !== 'string' || !doc.ownerId.startsWith('message:')) return;
      // The metadata arrives first, without bytes: nothing to copy until the bytes come.
      if (!(doc._attachments as Record<string, unknown> | undefined)?.[FILE_ATTACHMENT]) return;
      const documentId = await documentOfMessage(space, doc.ownerId);
      if (documentId) await exchange(space, documentId);
    },
  };

  return [mirror, files];
}
