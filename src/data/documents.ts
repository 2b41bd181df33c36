/**
 * Official documents on this device (issue 3, docs/decisions/0001): one index over every space that holds
 * documents (registry, unit spaces, the personal space), kept up to date incrementally from each space's
 * change feed, with the state of each document derived from its events (`model/documents/workflow.ts`).
 *
 * A document and its events have the same `_id` in every space they were copied to, so the index merges
 * copies by `_id`. Steps are written into the one space where `validate_doc_update` accepts them and the
 * server relays them home (`spaceForStep`); the browser never writes into a space it cannot read.
 */
import type { MeResponse } from '../model/api.ts';
import type { FieldError } from '../model/doc.ts';
import type { FileMeta } from '../model/files.ts';
import { newId } from '../model/ids.ts';
import { type DocumentViewName, statusFor, viewsFor, viewsOfDocument } from '../model/documents/inbox.ts';
import { duplicateKey, formatArrivalNumber } from '../model/documents/numbering.ts';
import {
  type AssigneeStatus,
  type IncomingDocument,
  type OfficialDocument,
  type OfficialDocumentEvent,
  type OutgoingDocument,
  OFFICIAL_DOCUMENT_EVENT_SCHEMA,
  OFFICIAL_DOCUMENT_SCHEMA,
  type DocumentKind,
  type Urgency,
  type Confidentiality,
  type ReceivedVia,
  isConfidential,
  isUrgent,
} from '../model/documents/types.ts';
import {
  type DraftInput,
  type RegistrationInput,
  validateDraft,
  validateRegistration,
} from '../model/documents/validation.ts';
import { type DocumentState, type EventInput, type WorkflowContext, canApply, deriveState, findAssignment } from '../model/documents/workflow.ts';
import type { UserCtx } from '../model/roles.ts';
import { type Space, type SpaceRef } from '../model/spaces.ts';
import { wardDay } from '../model/time.ts';
import { isSpaceDbErased, localDbReady, spaceDb } from './db.ts';
import { downloadFile, forgetOnDevice, keepOnDevice, localFile, storeNewFiles } from './files.ts';
import { type FirstPage, loadFirstPage, saveFirstPage, storedRecords } from './documents-first-page.ts';
import { type Gathered, type IndexedKind, type ReadPosition, SpaceIndex, perUser, putRecords, subscribeIndexed, unconfirmedIds } from './space-index.ts';
import { pendingLocalIds } from './sync-meta.ts';
import { ValidationError } from './validation.ts';

export { ValidationError } from './validation.ts';

/** One document as the lists and the detail view see it. */
export interface DocumentRow {
  id: string;
  doc: OfficialDocument;
  events: OfficialDocumentEvent[];
  state: DocumentState;
  /** Spaces holding it on this device. */
  heldIn: Space[];
  views: Set<DocumentViewName>;
  /** Incoming: this person's part when they have one, else the document's overall status. */
  status?: AssigneeStatus;
  urgent: boolean;
  confidential: boolean;
  /** Arrival number (incoming, `05`) or number/symbol (outgoing, `05/QĐ-UBND`) once the server gave it. */
  numberText?: string;
  /** Saved, but the server has not numbered it yet (offline, or not yet synced). */
  awaitingNumber: boolean;
  /** Some of its records are on this device only (not yet confirmed by the server). */
  pending: boolean;
  /** The day lists sort and filter by: arrival day (incoming), issue or creation day (outgoing). */
  day: string;
}

const DOC_PREFIX = 'officialDocument:';

/** Spaces that can hold documents: registry, units, personal (not org). */
export const documentSpaces = (me: MeResponse): Space[] => me.spaces.filter((s) => s.kind !== 'org' && !isSpaceDbErased(me, s));

export const userCtxOf = (me: MeResponse): UserCtx => ({ name: me.name, roles: me.roles });

// ————————————————————————————————————————————— the index

const DOCUMENTS: IndexedKind<OfficialDocumentEvent> = {
  parentPrefix: DOC_PREFIX,
  eventPrefix: 'officialDocumentEvent:',
  parentOf: (e) => e.documentId,
  spaces: documentSpaces,
};

interface UserIndex {
  records: SpaceIndex<OfficialDocument, OfficialDocumentEvent>;
  rows: Map<string, DocumentRow>;
  day: string;
  /** The index has read every space once: `rows` is the whole list. */
  complete: boolean;
  /** The first page should be stored at the next catch-up (see `keepFirstPage`). */
  firstPageDue: boolean;
  firstPageTimer?: ReturnType<typeof setTimeout>;
  /**
   * Ward day and read positions of the stored first page. Rows change only when a space's records do (its sequence
   * moves; a task or a notice moves it too and makes the page stale) or with the day, so the page is stored again
   * only when these differ; a cold start that painted from it has nothing to write.
   */
  firstPageAt?: string;
  /** While a cold start paints from the stored first page: the whole read waits for that frame (see `firstDocuments`). */
  firstPaint?: Promise<void>;
}

const indexFor = perUser((): UserIndex => ({ records: new SpaceIndex(DOCUMENTS), rows: new Map(), day: wardDay(), complete: false, firstPageDue: false }));
/** The index `listDocuments` used last (a timer of a previous person's index must not bring it back). */
let latest: UserIndex | undefined;

const revGeneration = (rev: string | undefined): number => (rev ? parseInt(rev, 10) || 0 : 0);

function buildRow(found: Gathered<OfficialDocument, OfficialDocumentEvent> | null, id: string, user: UserCtx, today: string): DocumentRow | null {
  if (!found) return null;
  const { heldIn, pending } = found;
  // Documents are edited (a draft's new version), so the copies may differ until replication catches up.
  const doc = found.copies.reduce((a, b) => (revGeneration(b._rev) > revGeneration(a._rev) ? b : a));
  const state = deriveState(doc, found.events);
  const numberText = state.number
    ? (state.number.numberSymbol ?? formatArrivalNumber(state.number.number))
    : doc.direction === 'incoming' && doc.sourceDocumentId
      ? doc.numberSymbol
      : undefined;
  const day =
    doc.direction === 'incoming' ? doc.arrivedOn : (state.number?.issuedOn ?? doc.createdAt.slice(0, 10));
  const status = statusFor(state, user, today);
  // A copy of a document the ward issued itself is numbered in the outgoing book only (numbering worker).
  const awaitingNumber =
    !state.number && !state.recalled && (doc.direction === 'incoming' ? !doc.sourceDocumentId : state.phase === 'approved');
  return {
    id,
    doc,
    events: state.applied.concat(state.ignored.map((i) => i.event)),
    state,
    heldIn,
    views: viewsOfDocument(state, user, heldIn),
    ...(status ? { status } : {}),
    urgent: isUrgent(doc.urgency),
    confidential: isConfidential(doc.confidentiality),
    ...(numberText ? { numberText } : {}),
    awaitingNumber,
    pending,
    day,
  };
}

/**
 * Every document on this device, newest first (by `day`, then id). Incremental: only documents that changed
 * since the last call are derived again, so calling it on every change is cheap.
 */
export async function listDocuments(me: MeResponse): Promise<DocumentRow[]> {
  const idx = indexFor(me);
  latest = idx;
  if (!idx.complete && idx.firstPaint) await idx.firstPaint;
  await idx.records.catchUp(me, (dirty) => {
    const today = wardDay();
    if (today !== idx.day) {
      // Due soon / overdue move with the calendar.
      idx.day = today;
      for (const id of idx.rows.keys()) dirty.add(id);
    }
    const user = userCtxOf(me);
    for (const id of dirty) {
      const row = buildRow(idx.records.gather(id), id, user, today);
      if (row) idx.rows.set(id, row);
      else idx.rows.delete(id);
    }
    if (idx.firstPageDue) captureFirstPage(me, idx, user, today);
    else if (firstPageAt(idx.records.positions(), today) !== idx.firstPageAt) keepFirstPage(me, idx);
    idx.complete = true;
  });
  return [...idx.rows.values()].sort(compareRows);
}

// ————————————————————————————————————————————— the first page at a cold start (documents-first-page.ts)

/** Rows of each view kept for the next cold start: the bench and a tall desktop window show 50. */
export const FIRST_PAGE_ROWS = 60;
/** Quiet time before the first page is stored: replication writes in bursts, and a cold start paints first. */
const FIRST_PAGE_DELAY_MS = 1_000;

const firstPageAt = (positions: ReadPosition[], day: string): string => JSON.stringify([day, positions]);

const firstPageKey = (me: MeResponse): string => JSON.stringify([me.name, me.roles.join(',')]);
const homeOf = (me: MeResponse): Space | undefined => documentSpaces(me).find((s) => s.kind === 'personal');

/** Stores the first page once the index has been quiet for a while, from inside a catch-up (rows and records agree). */
function keepFirstPage(me: MeResponse, idx: UserIndex): void {
  if (idx.firstPageTimer) clearTimeout(idx.firstPageTimer);
  idx.firstPageTimer = setTimeout(() => {
    idx.firstPageTimer = undefined;
    if (latest !== idx) return;
    idx.firstPageDue = true;
    void listDocuments(me).catch(() => undefined);
  }, FIRST_PAGE_DELAY_MS);
}

function captureFirstPage(me: MeResponse, idx: UserIndex, user: UserCtx, today: string): void {
  idx.firstPageDue = false;
  const home = homeOf(me);
  if (!home) return;
  const sorted = [...idx.rows.values()].sort(compareRows);
  const ids = new Set<string>();
  for (const view of viewsFor(user)) {
    let n = 0;
    for (const row of sorted) {
      if (n >= FIRST_PAGE_ROWS) break;
      if (!row.views.has(view)) continue;
      ids.add(row.id);
      n++;
    }
  }
  const rows = [...ids].flatMap((id) => {
    const found = idx.records.gather(id);
    return found ? [storedRecords(id, found)] : [];
  });
  const positions = idx.records.positions();
  idx.firstPageAt = firstPageAt(positions, today);
  const page: FirstPage = { key: firstPageKey(me), day: today, positions, rows };
  void saveFirstPage(spaceDb(me, home), page);
}

/** Whether `listDocuments` now answers from a complete index (no need for `firstDocuments`). */
export const documentsComplete = (me: MeResponse): boolean => indexFor(me).complete;

/**
 * While the index is still being built at a cold start: the first rows of every view, newest first, from the
 * stored first page if it still matches the device exactly, else null. For a view sorted newest with no filter, the
 * first `FIRST_PAGE_ROWS` rows of the view among them are exactly what the complete list will start with; nothing
 * else (counts, other sorts, filters, search) may be taken from them.
 */
export async function firstDocuments(me: MeResponse): Promise<DocumentRow[] | null> {
  const idx = indexFor(me);
  const home = homeOf(me);
  if (idx.complete || !home || idx.firstPaint) return null;
  let painted!: () => void;
  idx.firstPaint = new Promise<void>((resolve) => (painted = resolve));
  try {
    const rows = await firstRows(me, idx, home);
    // Reading 10,000 documents keeps IndexedDB and the main thread busy: it starts once these rows are on screen.
    if (rows) void afterNextPaint().then(painted);
    else painted();
    return rows;
  } catch (err) {
    painted();
    throw err;
  }
}

/** After the frame that follows (a message posted from a frame callback), or 250 ms in a hidden tab (no frames). */
const afterNextPaint = (): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, 250);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });

async function firstRows(me: MeResponse, idx: UserIndex, home: Space): Promise<DocumentRow[] | null> {
  const spaces = documentSpaces(me);
  const today = wardDay();
  // Confirmation is asked as the index does (sync bookkeeping moves without the databases changing); at the same
  // time as the check, since the index's own catch-up shares these reads (`pendingLocalIds`).
  const pendingOf = Promise.all(
    spaces.map(async (s) => {
      const db = spaceDb(me, s);
      await localDbReady(db);
      return [s.db, await unconfirmedIds(db, DOCUMENTS)] as const;
    }),
  );
  pendingOf.catch(() => undefined);
  const page = await loadFirstPage(spaceDb(me, home), (s) => spaceDb(me, s), spaces, firstPageKey(me), today);
  if (!page || idx.complete) return null;
  idx.firstPageAt = firstPageAt(page.positions, page.day);
  const unconfirmed = new Map(await pendingOf);
  const byDb = new Map(spaces.map((s) => [s.db, s]));
  const user = userCtxOf(me);
  return page.rows
    .flatMap((r) => {
      const heldIn = r.heldIn.map((db) => byDb.get(db)).filter((s): s is Space => !!s);
      const pending =
        r.heldIn.some((db) => unconfirmed.get(db)?.has(r.id)) || r.events.some((e) => [...unconfirmed.values()].some((ids) => ids.has(e._id)));
      const row = buildRow({ copies: r.copies, heldIn, events: r.events, pending }, r.id, user, today);
      return row ? [row] : [];
    })
    .sort(compareRows);
}

export function compareRows(a: DocumentRow, b: DocumentRow): number {
  if (a.day !== b.day) return a.day < b.day ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export async function getDocument(me: MeResponse, id: string): Promise<DocumentRow | null> {
  await listDocuments(me);
  return indexFor(me).rows.get(id) ?? null;
}

/** Calls `onChange` when documents or their events change on this device (local writes or replication). */
export const subscribeDocuments = (me: MeResponse, onChange: () => void): (() => void) => subscribeIndexed(me, DOCUMENTS, onChange);

// ————————————————————————————————————————————— writing

const fileInputs = (files: readonly File[]) => files.map((f) => ({ name: f.name, type: f.type, size: f.size }));

const spaceOf = (me: MeResponse, ref: SpaceRef): Space | undefined =>
  documentSpaces(me).find((s) => s.kind === ref.kind && s.id === ref.id);

/** Documents already on the device with the same issuing body, number/symbol and issue date. */
export async function findLikelyDuplicates(
  me: MeResponse,
  input: Pick<RegistrationInput, 'issuingBody' | 'numberSymbol' | 'issuedOn'>,
): Promise<DocumentRow[]> {
  if (!input.issuingBody.trim() || !input.numberSymbol.trim() || !input.issuedOn) return [];
  const key = duplicateKey(input.issuingBody, input.numberSymbol, input.issuedOn);
  const rows = await listDocuments(me);
  return rows.filter(
    (r) => r.doc.direction === 'incoming' && !r.doc.sourceDocumentId && duplicateKey(r.doc.issuingBody, r.doc.numberSymbol, r.doc.issuedOn) === key,
  );
}

/**
 * Registers an incoming document (clerk): the document and its `registered` step, in the registry, or for a
 * confidential document in the clerk's own personal space. The server gives the arrival number. Works
 * offline. Throws `ValidationError` (field errors) or `StorageFullError`.
 */
export async function registerIncoming(me: MeResponse, input: RegistrationInput, files: readonly File[]): Promise<string> {
  const errors: FieldError[] = validateRegistration({ ...input, attachments: fileInputs(files) }, wardDay());
  const confidential = input.confidentiality !== 'normal';
  const space = spaceOf(me, confidential ? { kind: 'personal', id: me.name } : { kind: 'registry', id: 'registry' });
  if (!me.roles.includes('clerk') || !space) errors.push({ field: 'form', code: 'error.notAllowed' });
  if (errors.length) throw new ValidationError(errors);
  const now = Date.now();
  const createdAt = new Date(now).toISOString();
  const pages = input.pageCount === undefined || input.pageCount === '' ? undefined : Number(input.pageCount);
  const id = newId('officialDocument', now);
  const metas = await storeNewFiles(me, space!, id, files);
  const doc: IncomingDocument = {
    _id: id,
    type: 'officialDocument',
    schema: OFFICIAL_DOCUMENT_SCHEMA,
    createdAt,
    createdBy: me.name,
    direction: 'incoming',
    kind: input.kind as DocumentKind,
    summary: input.summary.trim(),
    urgency: input.urgency as Urgency,
    confidentiality: input.confidentiality as Confidentiality,
    ...(pages ? { pageCount: pages } : {}),
    issuingBody: input.issuingBody.trim(),
    numberSymbol: input.numberSymbol.trim(),
    issuedOn: input.issuedOn,
    ...(input.signer?.trim() ? { signer: input.signer.trim() } : {}),
    arrivedOn: input.arrivedOn,
    receivedVia: input.receivedVia as ReceivedVia,
    ...(input.deadline ? { deadline: input.deadline } : {}),
    ...(confidential && input.routeTo ? { routeTo: input.routeTo } : {}),
    ...(metas.length ? { files: metas } : {}),
  };
  const event = stepDoc(me, doc._id, { kind: 'registered' }, now);
  await putRecords(me, space!, [doc, event]);
  return doc._id;
}

/** Creates an outgoing draft in the drafting unit's space (confidential: the author's personal space). */
export async function createDraft(me: MeResponse, input: DraftInput, files: readonly File[]): Promise<string> {
  const errors: FieldError[] = validateDraft({ ...input, attachments: fileInputs(files) });
  const confidential = input.confidentiality !== 'normal';
  const space = spaceOf(me, confidential ? { kind: 'personal', id: me.name } : { kind: 'unit', id: input.unitId });
  const member = me.roles.includes('leader') || me.roles.includes(`unit:${input.unitId}`) || me.roles.includes(`head:${input.unitId}`);
  if (!space || !member) errors.push({ field: 'unitId', code: 'error.notAllowed' });
  if (errors.length) throw new ValidationError(errors);
  const now = Date.now();
  const pages = input.pageCount === undefined || input.pageCount === '' ? undefined : Number(input.pageCount);
  const id = newId('officialDocument', now);
  const metas = await storeNewFiles(me, space!, id, files);
  const doc: OutgoingDocument = {
    _id: id,
    type: 'officialDocument',
    schema: OFFICIAL_DOCUMENT_SCHEMA,
    createdAt: new Date(now).toISOString(),
    createdBy: me.name,
    direction: 'outgoing',
    kind: input.kind as DocumentKind,
    summary: input.summary.trim(),
    urgency: input.urgency as Urgency,
    confidentiality: input.confidentiality as Confidentiality,
    ...(pages ? { pageCount: pages } : {}),
    unitId: input.unitId,
    signer: input.signer,
    internalRecipients: input.internalRecipients,
    externalRecipients: input.externalRecipients.map((r) => r.trim()).filter(Boolean),
    ...(input.repliesTo ? { repliesTo: input.repliesTo } : {}),
    ...(metas.length ? { files: metas } : {}),
  };
  await putRecords(me, space!, [doc]);
  return doc._id;
}

function stepDoc(me: MeResponse, documentId: string, input: EventInput, now = Date.now()): OfficialDocumentEvent {
  const { kind, ...rest } = input;
  return {
    ...(rest as Partial<OfficialDocumentEvent>),
    _id: newId('officialDocumentEvent', now),
    type: 'officialDocumentEvent',
    schema: OFFICIAL_DOCUMENT_EVENT_SCHEMA,
    createdAt: new Date(now).toISOString(),
    createdBy: me.name,
    documentId,
    kind,
    actorName: me.displayName,
    actorRoles: [...me.roles],
  };
}

/**
 * The space a step is written in: where `validate_doc_update` accepts it and the server relays it home
 * (docs/decisions/0001). Null when this device holds no such space.
 */
export function spaceForStep(me: MeResponse, row: Pick<DocumentRow, 'doc' | 'heldIn' | 'state'>, input: EventInput): Space | null {
  const held = (ref: SpaceRef): Space | null => row.heldIn.find((s) => s.kind === ref.kind && s.id === ref.id) ?? null;
  const own = held({ kind: 'personal', id: me.name });
  const registry = held({ kind: 'registry', id: 'registry' });
  const doc = row.doc;
  switch (input.kind) {
    case 'registered':
    case 'directed':
      return registry ?? own;
    case 'forwarded':
      return input.assignee?.kind === 'unit' ? held({ kind: 'unit', id: input.assignee.unitId }) : null;
    case 'progress':
    case 'returned':
    case 'extensionRequested':
    case 'completed':
    case 'read': {
      const a = input.assignee;
      if (a?.kind === 'unit') return held({ kind: 'unit', id: a.unitId });
      if (a?.kind === 'person') return own ?? unitAbove(row, input) ?? null;
      return registry ?? own ?? row.heldIn[0] ?? null;
    }
    case 'extensionAnswered': {
      if (row.state.direction !== 'incoming') return null;
      const node = findAssignment(row.state, input);
      const parent = node?.parentKey ? row.state.assignments.find((p) => p.key === node.parentKey) : undefined;
      if (parent?.assignee.kind === 'unit') return held({ kind: 'unit', id: parent.assignee.unitId });
      return registry ?? own;
    }
    case 'issued':
    case 'dispatched':
    case 'recalled':
    case 'replaced':
      return registry ?? own;
    default:
      // Outgoing review steps: in the drafting unit's space (confidential drafts: the personal space).
      if (doc.direction === 'outgoing') return held({ kind: 'unit', id: doc.unitId }) ?? own;
      return null;
  }
}

/**
 * A person's step before the server has copied the document into their own space (they see it through their
 * unit's copy): the space of the unit that passed it on to them, which the server relays home like their own.
 */
function unitAbove(row: Pick<DocumentRow, 'heldIn' | 'state'>, input: EventInput): Space | undefined {
  if (row.state.direction !== 'incoming') return undefined;
  const node = findAssignment(row.state, input);
  const parent = node?.parentKey ? row.state.assignments.find((p) => p.key === node.parentKey) : undefined;
  if (parent?.assignee.kind !== 'unit') return undefined;
  const unitId = parent.assignee.unitId;
  return row.heldIn.find((s) => s.kind === 'unit' && s.id === unitId);
}

/**
 * Records a step on a document (read, direction, progress, approval, …) after checking it with the workflow
 * (`canApply`), so a refused step never leaves the device. Throws `ValidationError` with
 * `{ field: 'form', code: 'workflow.<reason>' }` when the step is not allowed now.
 */
export async function recordStep(
  me: MeResponse,
  documentId: string,
  input: EventInput,
  files: readonly File[] = [],
  ctx: WorkflowContext = {},
): Promise<OfficialDocumentEvent> {
  const row = await getDocument(me, documentId);
  if (!row) throw new ValidationError([{ field: 'form', code: 'error.notFound' }]);
  const check = canApply(row.state, input, userCtxOf(me), ctx);
  if (!check.ok) throw new ValidationError([{ field: 'form', code: `workflow.${check.reason}` }]);
  const space = spaceForStep(me, row, input);
  if (!space) throw new ValidationError([{ field: 'form', code: 'error.notAllowed' }]);
  const event = stepDoc(me, documentId, input);
  const metas = await storeNewFiles(me, space, event._id, files);
  if (metas.length) event.files = metas;
  await putRecords(me, space, [event]);
  return event;
}

/** Records that `me` read the document (once per assignment they act for, or once overall). */
export async function markDocumentRead(me: MeResponse, row: DocumentRow, input: Pick<EventInput, 'assignee' | 'assignmentKey'> = {}): Promise<void> {
  const already = row.state.reads.some(
    (r) => r.by === me.name && (input.assignmentKey ? r.assignmentKey === input.assignmentKey : !r.assignmentKey || !input.assignee),
  );
  if (already) return;
  await recordStep(me, row.id, { kind: 'read', ...input });
}

// ————————————————————————————————————————————— files

export interface FileRef extends FileMeta {
  /** The document or step that carries the file. */
  ownerId: string;
  /** Who added it. */
  addedBy: string;
}

/** Files of a document: its own (version 1 of a draft) and those of its steps (later versions, progress, …). */
export function filesOf(row: DocumentRow): FileRef[] {
  const out: FileRef[] = [];
  for (const f of row.doc.files ?? []) out.push({ ...f, ownerId: row.doc._id, addedBy: row.doc.createdBy });
  for (const e of row.events) for (const f of e.files ?? []) out.push({ ...f, ownerId: e._id, addedBy: e.createdBy });
  return out;
}

/** Confidential files stay on a device only when the ward allows it (`/api/me` settings). */
export const mayKeepOffline = (me: MeResponse, row: Pick<DocumentRow, 'confidential'>): boolean =>
  !row.confidential || me.settings?.confidentialFilesOffline === true;

/**
 * The bytes of a file: from this device when there (written here, or kept), else downloaded from the server
 * with progress (`onProgress(received, total)`) and checked against its SHA-256; kept on the device when the
 * document is kept offline. Null when offline and not on the device, or not uploaded yet by its author.
 */
export async function getDocumentFile(
  me: MeResponse,
  row: DocumentRow,
  file: FileRef,
  onProgress?: (received: number, total: number) => void,
): Promise<Blob | null> {
  const spaces = row.heldIn;
  for (const space of spaces) {
    const local = await localFile(me, space, file.fileId).catch(() => null);
    if (local) return local.blob;
  }
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return null;
  const blob = await downloadFile(spaces, file, onProgress);
  if (blob && spaces[0] && (await isKeptOffline(me, row.id)) && mayKeepOffline(me, row))
    await keepOnDevice(me, spaces[0], file, file.ownerId, file.addedBy, blob).catch(() => undefined);
  return blob;
}

const KEEP_ID = '_local/docket-keep-offline';

async function keepList(me: MeResponse): Promise<{ db: PouchDB.Database; doc: { _id: string; _rev?: string; ids: string[] } } | null> {
  const personal = documentSpaces(me).find((s) => s.kind === 'personal');
  if (!personal) return null;
  const db = spaceDb(me, personal);
  const doc = await db.get<{ ids: string[] }>(KEEP_ID).catch(() => ({ _id: KEEP_ID, ids: [] as string[] }));
  return { db, doc };
}

/** Whether the person asked to keep this document's files on the device. */
export async function isKeptOffline(me: MeResponse, documentId: string): Promise<boolean> {
  return (await keepList(me))?.doc.ids.includes(documentId) ?? false;
}

/**
 * Keeps (or stops keeping) a document's files on this device for offline use, downloading what is missing with
 * progress (`onProgress(done bytes, total bytes)`). Refused for confidential documents unless the ward allows.
 */
export async function setKeptOffline(
  me: MeResponse,
  row: DocumentRow,
  keep: boolean,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  if (keep && !mayKeepOffline(me, row)) throw new ValidationError([{ field: 'form', code: 'error.confidentialOffline' }]);
  const list = await keepList(me);
  if (!list) return;
  const ids = new Set(list.doc.ids);
  if (keep) ids.add(row.id);
  else ids.delete(row.id);
  await list.db.put({ ...list.doc, ids: [...ids] });
  const files = filesOf(row);
  if (!keep) {
    for (const f of files) for (const space of row.heldIn) await forgetOnDevice(me, space, f.fileId).catch(() => undefined);
    return;
  }
  const total = files.reduce((n, f) => n + f.size, 0);
  let done = 0;
  for (const f of files) {
    await getDocumentFile(me, row, f, (received) => onProgress?.(done + received, total));
    done += f.size;
    onProgress?.(done, total);
  }
}

// ————————————————————————————————————————————— confidential copies

/**
 * Whether this device holds confidential documents in the account's personal space (the only space they are
 * ever stored in). Sign-out erases that space then (issue 3: "the local copy is erased when that person signs
 * out"); it comes back from the server at the next sign-in.
 */
export async function personalSpaceHoldsConfidential(me: MeResponse): Promise<boolean> {
  const personal = documentSpaces(me).find((s) => s.kind === 'personal');
  if (!personal) return false;
  const db = spaceDb(me, personal);
  const res = await db.allDocs({ startkey: DOC_PREFIX, endkey: `${DOC_PREFIX}\ufff0`, include_docs: true });
  return res.rows.some((r) => r.doc && isConfidential((r.doc as unknown as OfficialDocument).confidentiality));
}

/** Local changes of the personal space the server has not confirmed (they would be lost by erasing it). */
export async function personalSpacePending(me: MeResponse): Promise<number> {
  const personal = documentSpaces(me).find((s) => s.kind === 'personal');
  if (!personal) return 0;
  return (await pendingLocalIds(spaceDb(me, personal))).size;
}
