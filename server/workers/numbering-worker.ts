import type { OfficialDocumentEvent } from '../../src/model/documents/types.ts';
import { dbNameOf } from '../../src/model/spaces.ts';
import type { Allocation } from '../services/numbering.ts';
import { listUnits } from '../services/directory.ts';
import {
  type DocumentsContext,
  SYSTEM_ACTOR_NAME,
  eventsOf,
  getDocument,
  homeOf,
  isClerk,
  isDocument,
  isEvent,
  isLeader,
  recipientOfCopy,
  sameSpace,
  putOnce,
} from './documents.ts';
import type { Worker, WorkerChange } from './host.ts';
import { SYSTEM_ACTOR, bookFor, formatNumberSymbol, numberedEventId, numberingYear, wardDayOfInstant } from './model-shim.ts';

export interface NumberingWorkerOptions {
  /** Test hook: runs after the number is allocated and before the `numbered` event is written. */
  beforeEvent?(a: Allocation): void | Promise<void>;
}

/**
 * Numbers documents at home (see `documents.ts`):
 * - an incoming document with a `registered` event (by a clerk, or by the server for an internal
 *   copy) gets its arrival number in `incoming` / `incomingConfidential`, year of the arrival date;
 * - an outgoing document with an `approved` event (by a leader) gets its number/symbol and issue
 *   date in `outgoing` / `outgoingConfidential`, year of the ward day it is numbered.
 * It writes `officialDocumentEvent:<doc ULID>.numbered` (`createdBy: system`) at home; the delivery
 * worker mirrors it to every copy.
 */
export function numberingWorker(ctx: DocumentsContext, opts: NumberingWorkerOptions = {}): Worker {
  const { store, numbering, roles } = ctx;

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
    // The triggering step itself when that is what changed; else look for it (the document may arrive after its event).
    const events = isEvent(doc) ? [doc as unknown as OfficialDocumentEvent] : await eventsOf(store, space, d._id);

    let alloc: Allocation;
    let extra: Partial<OfficialDocumentEvent> = {};
    if (d.direction === 'incoming') {
      const copy = recipientOfCopy(d._id) !== null && d.sourceDocumentId !== undefined;
      const registered = await firstBy(events, 'registered', async (by) => (by === SYSTEM_ACTOR ? copy : roles.has(by, isClerk)));
      if (!registered) return;
      if (!copy && !(await roles.has(d.createdBy, isClerk))) return;
      alloc = await numbering.allocate(bookFor('incoming', d.confidentiality), numberingYear(d.arrivedOn), d._id);
    } else {
      const approved = await firstBy(events, 'approved', (by) => roles.has(by, isLeader));
      if (!approved) return;
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
      ...extra,
      ...({ documentRev: d._rev } as object),
    };
    if (await putOnce(store, space, event))
      ctx.log.info({ documentId: d._id, book: alloc.book, year: alloc.year, number: alloc.number }, 'numbered');
  }

  return { name: 'numbering', follows: (space) => space.kind !== 'org', handle };
}

/** The first event of a kind whose author passes `authorised` (forged steps by others are ignored). */
async function firstBy(
  events: OfficialDocumentEvent[],
  kind: OfficialDocumentEvent['kind'],
  authorised: (by: string) => Promise<boolean> | boolean,
): Promise<OfficialDocumentEvent | null> {
  for (const e of events) if (e.kind === kind && (await authorised(e.createdBy))) return e;
  return null;
}
