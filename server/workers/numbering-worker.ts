import { wardDayOfInstant } from '../../src/model/documents/dates.ts';
import { numberedEventId } from '../../src/model/documents/event-ids.ts';
import { bookFor, formatNumberSymbol, numberingYear } from '../../src/model/documents/numbering.ts';
import { type OfficialDocumentEvent, SYSTEM_ACTOR } from '../../src/model/documents/types.ts';
import { deriveState } from '../../src/model/documents/workflow.ts';
import { dbNameOf } from '../../src/model/spaces.ts';
import { listUnits } from '../services/directory.ts';
import type { Allocation } from '../services/numbering.ts';
import {
  type DocumentsContext,
  SYSTEM_ACTOR_NAME,
  eventsOf,
  getDocument,
  holdsDocuments,
  homeOf,
  isDocument,
  isEvent,
  putOnce,
  sameSpace,
} from './documents.ts';
import type { Worker, WorkerChange } from './host.ts';

export interface NumberingWorkerOptions {
  /** Test hook: runs after the number is allocated and before the `numbered` event is written. */
  beforeEvent?(a: Allocation): void | Promise<void>;
}

/**
 * Numbers documents at home (see `documents.ts`), deciding from the model's `deriveState` (so a
 * step that the workflow ignores — forged, out of turn — never earns a number):
 * - an incoming document once `registered` by its clerk gets its arrival number in `incoming` /
 *   `incomingConfidential`, year of the arrival date. A copy of a document the ward issued itself
 *   (`sourceDocumentId`) gets none: it is already in the outgoing book, and the Decree's incoming
 *   register lists what arrives from other bodies; the copy carries the source's number/symbol;
 * - an outgoing document once `approved` (by its signer, after review) gets its number/symbol and
 *   issue date in `outgoing` / `outgoingConfidential`, year of the ward day it is numbered.
 * It writes `officialDocumentEvent:<doc ULID>.numbered` (`createdBy: system`) at home; the delivery
 * worker mirrors it to every copy.
 */
export function numberingWorker(ctx: DocumentsContext, opts: NumberingWorkerOptions = {}): Worker {
  const { store, numbering } = ctx;

  async function handle({ space, doc }: WorkerChange): Promise<void> {
    if (doc._deleted) return;
    let documentId: string;
    if (isEvent(doc)) {
      const e = doc as unknown as OfficialDocumentEvent;
      if (e.kind !== 'registered' && e.kind !== 'approved') return;
      documentId = e.documentId;
    } else if (isDocument(doc)) documentId = doc._id;
    else return;
    const d = await getDocument(store, space, documentId);
    if (!d || !sameSpace(homeOf(d), space)) return;
    const eventId = numberedEventId(d._id);
    const db = await store.db(dbNameOf(space));
    if (await db.get(eventId).catch(() => null)) return;
    const state = deriveState(d, await eventsOf(store, space, d._id));
    if (state.number) return;

    let alloc: Allocation;
    let extra: Partial<OfficialDocumentEvent> = {};
    if (d.direction === 'incoming') {
      if (!state.registered || d.sourceDocumentId) return;
      alloc = await numbering.allocate(bookFor('incoming', d.confidentiality), numberingYear(d.arrivedOn), d._id);
    } else {
      if (state.direction !== 'outgoing' || state.phase !== 'approved') return;
      alloc = await numbering.allocate(bookFor('outgoing', d.confidentiality), numberingYear(new Date().toISOString()), d._id);
      const unit = (await listUnits(store)).find((u) => u.unitId === d.unitId);
      extra = {
        numberSymbol: formatNumberSymbol({
          number: alloc.number,
          kind: d.kind,
          issuer: ctx.issuer.code,
          unit: unit?.shortName ?? d.unitId.toUpperCase(),
        }),
        issuedOn: wardDayOfInstant(alloc.allocatedAt),
      };
    }
    await opts.beforeEvent?.(alloc);
    const event: OfficialDocumentEvent = {
      _id: eventId,
      type: 'officialDocumentEvent',
      schema: 1,
      createdAt: alloc.allocatedAt,
      createdBy: SYSTEM_ACTOR,
      actorName: SYSTEM_ACTOR_NAME,
      documentId: d._id,
      kind: 'numbered',
      book: alloc.book,
      year: alloc.year,
      number: alloc.number,
      documentRev: d._rev,
      ...extra,
    };
    if (await putOnce(store, space, event)) {
      ctx.log.info({ documentId: d._id, book: alloc.book, year: alloc.year, number: alloc.number }, 'numbered');
    }
  }

  return { name: 'numbering', follows: holdsDocuments, handle };
}
