import type { Assignee, OfficialDocument, OfficialDocumentEvent } from '../../src/model/documents/types.ts';
import { assigneeKey, isConfidential } from '../../src/model/documents/types.ts';
import { FILE_ATTACHMENT, filesDbNameOf } from '../../src/model/files.ts';
import { REGISTRY_SPACE, type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import type { Logger } from '../logger.ts';
import { getOrNull } from '../services/directory.ts';
import type { NumberingService } from '../services/numbering.ts';
import type { Store } from '../store/types.ts';

/**
 * What the document workers share: where a document lives, its events, copying between spaces,
 * and who holds which role. See docs/decisions/0001 and docs/architecture.md "Workers".
 *
 * Every document has one **home** space, where the server makes its decisions (numbering,
 * delivery): the registry for incoming documents, the drafting unit for outgoing ones, the
 * registering clerk's (or drafter's) personal space for confidential ones, and the recipient's
 * space for a document issued inside the ward. The other spaces holding a copy are **spokes**:
 * events written there are relayed home, and everything at home is mirrored to every spoke.
 */

export interface IssuerInfo {
  /** Abbreviation in number/symbols (`UBND` in `05/QĐ-UBND`). */
  code: string;
  /** Issuing body written on the copies internal recipients receive. */
  name: string;
}

export interface DocumentsContext {
  store: Store;
  log: Logger;
  numbering: NumberingService;
  issuer: IssuerInfo;
}

export const SYSTEM_ACTOR_NAME = 'Hệ thống';
const EVENTS_VIEW = 'docket/eventsByDocument';

/**
 * The spaces holding official documents: the registry, units, personal spaces (the org space holds none; a
 * conversation holds messages only). The document workers follow these, and only these.
 */
export const holdsDocuments = (space: SpaceRef): boolean => space.kind === 'registry' || space.kind === 'unit' || space.kind === 'personal';

export const isDocument = (doc: { type?: unknown }): boolean => doc.type === 'officialDocument';

/** The official document a change is about (the document itself or one of its steps), for `Worker.keyOf`. */
export const documentKeyOf = (doc: { _id: string; type?: unknown; documentId?: unknown }): string | null =>
  doc.type === 'officialDocument'
    ? doc._id
    : doc.type === 'officialDocumentEvent' && typeof doc.documentId === 'string'
      ? doc.documentId
      : null;
export const isEvent = (doc: { type?: unknown }): boolean => doc.type === 'officialDocumentEvent';

/** `officialDocument:<source ULID>.to.<unit:kt | person:an.nguyen>`: the copy an internal recipient receives. */
export const copyIdOf = (sourceId: string, recipient: Assignee): string => `${sourceId}.to.${assigneeKey(recipient)}`;

export function recipientOfCopy(docId: string): Assignee | null {
  const m = /\.to\.(unit|person):(.+)$/.exec(docId);
  if (!m) return null;
  return m[1] === 'unit' ? { kind: 'unit', unitId: m[2]! } : { kind: 'person', name: m[2]! };
}

/** The id after the type prefix (`officialDocumentEvent:01J…` → `01J…`). */
export const idSuffix = (id: string): string => id.slice(id.indexOf(':') + 1);

export const spaceOfAssignee = (a: Assignee): SpaceRef =>
  a.kind === 'unit' ? { kind: 'unit', id: a.unitId } : { kind: 'personal', id: a.name };

export function homeOf(doc: OfficialDocument): SpaceRef {
  const recipient = recipientOfCopy(doc._id);
  if (recipient && doc.direction === 'incoming' && doc.sourceDocumentId) return spaceOfAssignee(recipient);
  if (isConfidential(doc.confidentiality)) return { kind: 'personal', id: doc.createdBy };
  return doc.direction === 'incoming' ? REGISTRY_SPACE : { kind: 'unit', id: doc.unitId };
}

export const sameSpace = (a: SpaceRef, b: SpaceRef): boolean => a.kind === b.kind && a.id === b.id;

/** A confidential document (and its events) may only ever be stored in personal spaces. */
export const mayHold = (doc: OfficialDocument, space: SpaceRef): boolean =>
  !isConfidential(doc.confidentiality) || space.kind === 'personal';

export async function getDocument(store: Store, space: SpaceRef, id: string): Promise<OfficialDocument | null> {
  const doc = await getOrNull<OfficialDocument>(await store.db(dbNameOf(space)), id);
  return doc && !(doc as { _deleted?: boolean })._deleted && isDocument(doc) ? doc : null;
}

/** The events of a document in one space, oldest first. */
export async function eventsOf(store: Store, space: SpaceRef, documentId: string): Promise<OfficialDocumentEvent[]> {
  const db = await store.db(dbNameOf(space));
  const res = await db.query(EVENTS_VIEW, { key: documentId, include_docs: true });
  return res.rows
    .map((r) => r.doc as unknown as OfficialDocumentEvent)
    .filter((e) => e && e.documentId === documentId)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a._id < b._id ? -1 : 1));
}

/** PUT a document the server writes with a deterministic id; false when it already exists (409). */
export async function putOnce<T extends { _id: string }>(store: Store, space: SpaceRef, doc: T): Promise<boolean> {
  const db = await store.db(dbNameOf(space));
  try {
    await db.put(doc as PouchDB.Core.PutDocument<object>);
    return true;
  } catch (err) {
    if ((err as { status?: number }).status === 409) return false;
    throw err;
  }
}

/**
 * Copies documents (with attachments and revision history, like replication) from one space to
 * another, skipping what the target already has. Refuses to put a confidential document's data
 * anywhere but a personal space. Returns the number of documents written.
 */
export async function copyDocs(store: Store, from: SpaceRef, to: SpaceRef, doc: OfficialDocument, ids: string[]): Promise<number> {
  if (!mayHold(doc, to)) throw new Error(`refusing to copy confidential ${doc._id} into ${dbNameOf(to)}`);
  return copyBetween(store, dbNameOf(from), dbNameOf(to), ids);
}

/** The files (`file:` ids) of a document and its steps: they follow the document wherever it is copied. */
export const fileIdsOf = (doc: OfficialDocument, events: readonly OfficialDocumentEvent[]): string[] => [
  ...(doc.files ?? []).map((f) => f.fileId),
  ...events.flatMap((e) => (e.files ?? []).map((f) => f.fileId)),
];

/**
 * Copies file documents between the files databases of two spaces (`src/model/files.ts`), like `copyDocs`.
 * A file not uploaded yet (or without its bytes yet) is skipped: the files worker copies it when it arrives.
 */
export async function copyFiles(store: Store, from: SpaceRef, to: SpaceRef, doc: OfficialDocument, fileIds: string[]): Promise<number> {
  if (!mayHold(doc, to)) throw new Error(`refusing to copy files of confidential ${doc._id} into ${dbNameOf(to)}`);
  const [a, b] = [filesDbNameOf(from), filesDbNameOf(to)];
  if (fileIds.length === 0 || !(await store.exists(a)) || !(await store.exists(b))) return 0;
  return copyBetween(store, a, b, fileIds, (d) => !!(d as { _attachments?: Record<string, unknown> })._attachments?.[FILE_ATTACHMENT]);
}

/** Copies documents (with attachments and revision history) between two databases, skipping what the target has (revsDiff). */
export async function copyBetween(
  store: Store,
  fromDb: string,
  toDb: string,
  ids: string[],
  ready: (doc: object) => boolean = () => true,
): Promise<number> {
  if (ids.length === 0) return 0;
  const [source, target] = await Promise.all([store.db(fromDb), store.db(toDb)]);
  const current = await source.allDocs({ keys: ids });
  const revs: Record<string, string[]> = {};
  for (const row of current.rows) {
    if ('value' in row && row.value && !(row.value as { deleted?: boolean }).deleted) revs[row.id] = [row.value.rev];
  }
  if (Object.keys(revs).length === 0) return 0;
  const missing = await target.revsDiff(revs);
  const wanted = Object.entries(missing).flatMap(([id, m]) => (m.missing ?? []).map((rev) => ({ id, rev })));
  if (wanted.length === 0) return 0;
  const got = await source.bulkGet({ docs: wanted, revs: true, attachments: true } as PouchDB.Core.BulkGetOptions);
  const docs = got.results.flatMap((r) => r.docs.flatMap((d) => ('ok' in d ? [d.ok] : []))).filter(ready);
  if (docs.length === 0) return 0;
  await target.bulkDocs(docs as PouchDB.Core.PutDocument<object>[], { new_edits: false });
  return docs.length;
}

/** True when a space's database exists (workers never create spaces: setup does, with `_security`). */
export const spaceExists = (store: Store, space: SpaceRef): Promise<boolean> => store.exists(dbNameOf(space));
