import type { AuditAction } from '../../src/model/audit.ts';
import { formatArrivalNumber } from '../../src/model/documents/numbering.ts';
import { type OfficialDocument, type OfficialDocumentEvent, SYSTEM_ACTOR, isConfidential } from '../../src/model/documents/types.ts';
import { deriveState } from '../../src/model/documents/workflow.ts';
import { type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import type { AuditLog, AuditOnce } from '../services/audit.ts';
import type { Store } from '../store/types.ts';
import { documentKeyOf, holdsDocuments, eventsOf, getDocument, homeOf, sameSpace } from './documents.ts';
import type { StoredDoc, Worker, WorkerChange } from './host.ts';

export interface AuditWorkerContext {
  store: Store;
  audit: AuditLog;
}

/** The steps of a document that the audit log keeps (issue 9), by event kind. */
const AUDITED: Partial<Record<OfficialDocumentEvent['kind'], AuditAction>> = {
  numbered: 'documentNumbered',
  approved: 'documentApproved',
  issued: 'documentIssued',
  recalled: 'documentRecalled',
};

/**
 * The audit log of official documents: numbering, approvals, issuance, recalls (one entry per step, actor
 * its `createdBy`) and deletions (one per tombstone per space).
 *
 * Steps are read at the document's home (`documents.ts`), where every step arrives (written there or
 * relayed) and the server decides: only what the model's `deriveState` applied is recorded, so a forged or
 * out-of-turn step never appears, and the copies the delivery worker makes elsewhere are not looked at.
 * The worker reads the whole state on every change about a document (`keyOf` coalesces changes, so the
 * change itself may not be the step): `AuditLog.recordOnce` keys each entry by the event id, which makes the
 * repeats, restarts and a second server harmless. The server's own recalls of internal copies (`system`) are
 * consequences of the sender's recall, already recorded: only the server's numbering is kept from `system`.
 */
export function auditWorker(ctx: AuditWorkerContext): Worker {
  const { store, audit } = ctx;

  async function recordSteps(space: SpaceRef, documentId: string): Promise<void> {
    const d = await getDocument(store, space, documentId);
    if (!d || !sameSpace(homeOf(d), space)) return;
    const state = deriveState(d, await eventsOf(store, space, d._id));
    const items: AuditOnce[] = [];
    for (const e of state.applied) {
      const action = AUDITED[e.kind];
      if (!action || (e.createdBy === SYSTEM_ACTOR && e.kind !== 'numbered')) continue;
      items.push({
        key: `event:${e._id}`,
        at: new Date(e.createdAt),
        input: {
          actor: e.createdBy,
          action,
          target: d._id,
          summary: stepSummary(d, e, state.number?.numberSymbol),
          ...(e.approval?.keyId ? { device: e.approval.keyId } : {}),
        },
      });
    }
    await audit.recordOnce(items);
  }

  /**
   * A tombstone of an official document. Only the server admin can write one (`validate_doc_update` refuses
   * everyone else), so the actor is `_admin`; the tombstone has no time, so the claim keeps the server's.
   */
  async function recordDeletion(space: SpaceRef, tomb: StoredDoc): Promise<void> {
    const db = await store.db(dbNameOf(space));
    const before = await previousRevision(db, tomb);
    if (before ? before.type !== 'officialDocument' : !tomb._id.startsWith('officialDocument:')) return;
    const numbered = (await eventsOf(store, space, tomb._id)).find((e) => e.kind === 'numbered' && e.createdBy === SYSTEM_ACTOR);
    const what = before ? label(before, numbered?.numberSymbol ?? numberOf(numbered)) : tomb._id;
    await audit.recordOnce([
      {
        key: `deleted:${dbNameOf(space)}:${tomb._id}:${tomb._rev}`,
        input: { actor: '_admin', action: 'documentDeleted', target: tomb._id, summary: `Deleted ${what} from ${dbNameOf(space)}.` },
      },
    ]);
  }

  async function handle({ space, doc }: WorkerChange): Promise<void> {
    if (doc._deleted) return recordDeletion(space, doc);
    const documentId = documentKeyOf(doc);
    if (documentId) await recordSteps(space, documentId);
  }

  return { name: 'audit', follows: holdsDocuments, keyOf: documentKeyOf, handle };
}

/** The revision before a tombstone (what was deleted), or null when it is gone (compacted) or there was none. */
async function previousRevision(db: PouchDB.Database, tomb: StoredDoc): Promise<OfficialDocument | null> {
  try {
    const t = await db.get(tomb._id, { rev: tomb._rev, revs: true });
    const revs = (t as { _revisions?: { start: number; ids: string[] } })._revisions;
    if (!revs || revs.ids.length < 2) return null;
    return await db.get<OfficialDocument>(tomb._id, { rev: `${revs.start - 1}-${revs.ids[1]}` });
  } catch {
    return null;
  }
}

/** `formatArrivalNumber` throws below 1: a summary must never fail over a malformed step. */
const arrival = (n: number | undefined): string => (n !== undefined && Number.isInteger(n) && n >= 1 ? formatArrivalNumber(n) : '?');
const numberOf = (e: OfficialDocumentEvent | undefined): string | undefined =>
  e?.number !== undefined ? `no. ${arrival(e.number)}/${e.year ?? ''}` : undefined;

/**
 * How a summary names a document: its number when known, and its subject (trích yếu) unless confidential
 * (administrators read the audit log without being cleared for Mật documents).
 */
function label(d: OfficialDocument, number: string | undefined): string {
  const printed = d.direction === 'incoming' ? `${d.numberSymbol} from ${d.issuingBody}` : '';
  const subject = isConfidential(d.confidentiality)
    ? `a ${d.confidentiality} document`
    : `“${d.summary.length > 120 ? `${d.summary.slice(0, 119)}…` : d.summary}”`;
  return [
    d.direction === 'incoming' ? 'incoming' : 'outgoing',
    number,
    printed && !isConfidential(d.confidentiality) ? printed : '',
    subject,
  ]
    .filter(Boolean)
    .join(' ');
}

function stepSummary(d: OfficialDocument, e: OfficialDocumentEvent, numberSymbol: string | undefined): string {
  switch (e.kind) {
    case 'numbered':
      return e.numberSymbol
        ? `Number/symbol ${e.numberSymbol} (${e.book} book, ${e.year}) given to ${label(d, undefined)}.`
        : `Arrival number ${arrival(e.number)} (${e.book} book, ${e.year}) given to ${label(d, undefined)}.`;
    case 'approved':
      return `Approved ${label(d, undefined)}${e.version ? ` (version ${e.version})` : ''}${e.approval ? ', with a signed approval record' : ''}.`;
    case 'issued':
      return `Issued ${label(d, numberSymbol)}.`;
    default:
      return `Recalled ${label(d, numberSymbol)}${e.note ? `: ${e.note}` : ''}.`;
  }
}
