import type {
  Assignee,
  IncomingDocument,
  OfficialDocument,
  OfficialDocumentEvent,
  OutgoingDocument,
} from '../../src/model/documents/types.ts';
import { assigneeKey, isConfidential } from '../../src/model/documents/types.ts';
import { REGISTRY_SPACE, type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import {
  type DocumentsContext,
  SYSTEM_ACTOR_NAME,
  copyDocs,
  copyIdOf,
  eventsOf,
  getDocument,
  homeOf,
  idSuffix,
  isClerk,
  isDocument,
  isEvent,
  isLeader,
  mayHold,
  putOnce,
  recipientOfCopy,
  sameSpace,
  spaceExists,
  spaceOfAssignee,
} from './documents.ts';
import type { Worker, WorkerChange } from './host.ts';
import { SYSTEM_ACTOR, deliveredEventId, wardDayOfInstant } from './model-shim.ts';

type Event = OfficialDocumentEvent;

/** Steps assignees take in their copy; relayed home, and to the sender of an internally issued document. */
const ASSIGNEE_KINDS = new Set<Event['kind']>(['read', 'progress', 'returned', 'completed', 'extensionRequested']);
/** Steps that may be written in a spoke and are relayed home when their author holds the role. */
const RELAYED_KINDS = new Set<Event['kind']>([
  ...ASSIGNEE_KINDS,
  'directed',
  'forwarded',
  'extensionAnswered',
  'issued',
  'dispatched',
  'recalled',
  'replaced',
]);

/**
 * Moves official documents between spaces (the browser never writes into a space it cannot read):
 * - at home, a leader's `directed` or a unit head's `forwarded` event → the document, its
 *   attachments and all its events are copied into each assignee's space (unit space or personal
 *   space; confidential documents only ever to personal spaces), with a `delivered` event per
 *   assignee; a confidential document also goes to the leader it is routed to (`routeTo`);
 * - an approved (not confidential) outgoing document is copied to the registry for the clerk;
 * - events written in a copy (read, progress, returned, completed, extension requests, forwarding,
 *   issuance…) are relayed home, and everything at home is mirrored to every copy;
 * - an `issued` outgoing document → each internal recipient receives its own incoming document
 *   (`sourceDocumentId`), registered by `system` (the numbering worker gives it an arrival number);
 *   the sender gets a `delivered` event per recipient, and the recipients' steps come back to the
 *   sender as events on the outgoing document (`assignee` = who did it); recall and replacement
 *   reach every recipient's copy.
 * Every write has a deterministic id, so a change handled twice (restart, second server) is a no-op.
 */
export function deliveryWorker(ctx: DocumentsContext): Worker {
  const { store, roles, log } = ctx;

  async function handle({ space, doc }: WorkerChange): Promise<void> {
    if (doc._deleted) return;
    const documentId = isEvent(doc) ? (doc as unknown as Event).documentId : isDocument(doc) ? doc._id : null;
    if (!documentId) return;
    const d = await getDocument(store, space, documentId);
    if (!d) return;
    const home = homeOf(d);
    if (sameSpace(home, space)) await reconcile(home, d);
    else await relayHome(space, home, d);
  }

  async function mayRelay(e: Event, from: SpaceRef): Promise<boolean> {
    if (!RELAYED_KINDS.has(e.kind) || e.createdBy === SYSTEM_ACTOR) return false;
    const r = await roles.rolesOf(e.createdBy);
    switch (e.kind) {
      case 'directed':
        return isLeader(r);
      case 'extensionAnswered':
        return isLeader(r) || (from.kind === 'unit' && r.includes(`head:${from.id}`));
      case 'forwarded':
        return e.assignee?.kind === 'unit' && r.includes(`head:${e.assignee.unitId}`);
      case 'issued':
      case 'dispatched':
        return isClerk(r);
      case 'recalled':
      case 'replaced':
        return isClerk(r) || isLeader(r);
      default:
        return r.length > 0;
    }
  }

  async function relayHome(from: SpaceRef, home: SpaceRef, d: OfficialDocument): Promise<void> {
    if (!(await getDocument(store, home, d._id))) return;
    const events = await eventsOf(store, from, d._id);
    const ids: string[] = [];
    for (const e of events) if (await mayRelay(e, from)) ids.push(e._id);
    const n = await copyDocs(store, from, home, d, ids);
    if (n) log.debug({ documentId: d._id, from: dbNameOf(from), n }, 'relayed home');
  }

  /** Assignees named by authorised direction/forwarding steps, with the step that named them. */
  async function assigneesOf(
    d: OfficialDocument,
    events: Event[],
  ): Promise<Map<string, { assignee: Assignee; cause: { createdAt: string } }>> {
    const out = new Map<string, { assignee: Assignee; cause: { createdAt: string } }>();
    const add = (assignee: Assignee, cause: { createdAt: string }) => {
      if (isConfidential(d.confidentiality) && assignee.kind === 'unit') {
        log.warn({ documentId: d._id, unit: assignee.unitId }, 'confidential document: not delivered to a unit');
        return;
      }
      if (!out.has(assigneeKey(assignee))) out.set(assigneeKey(assignee), { assignee, cause });
    };
    if (d.direction !== 'incoming') return out;
    if (isConfidential(d.confidentiality) && d.routeTo && !recipientOfCopy(d._id)) add({ kind: 'person', name: d.routeTo }, d);
    for (const e of events) {
      if (e.kind !== 'directed' && e.kind !== 'forwarded') continue;
      const r = await roles.rolesOf(e.createdBy);
      const allowed = e.kind === 'directed' ? isLeader(r) : e.assignee?.kind === 'unit' && r.includes(`head:${e.assignee.unitId}`);
      if (!allowed) continue;
      for (const a of e.assignments ?? []) add(a.assignee, e);
    }
    return out;
  }

  async function reconcile(home: SpaceRef, d: OfficialDocument): Promise<void> {
    let events = await eventsOf(store, home, d._id);
    const spokes = new Map<string, SpaceRef>();
    let wrote = false;
    // Deliveries to assignees, each recorded once at home.
    for (const [key, { assignee, cause }] of await assigneesOf(d, events)) {
      const space = spaceOfAssignee(assignee);
      if (sameSpace(space, home) || !mayHold(d, space)) continue;
      if (events.some((e) => e._id === deliveredEventId(d._id, assignee))) {
        spokes.set(dbNameOf(space), space);
        continue;
      }
      if (!(await spaceExists(store, space))) {
        log.warn({ documentId: d._id, assignee: key }, 'delivery: no such space');
        continue;
      }
      spokes.set(dbNameOf(space), space);
      if (await putOnce(store, home, deliveredEvent(d._id, assignee, cause.createdAt))) wrote = true;
    }
    if (d.direction === 'outgoing' && !isConfidential(d.confidentiality)) {
      const approved = await firstAuthorised(events, 'approved', isLeader);
      if (approved) spokes.set(dbNameOf(REGISTRY_SPACE), REGISTRY_SPACE);
    }
    // Anything already delivered earlier (e.g. by a later-withdrawn step) keeps being mirrored.
    for (const e of events) {
      if (e.kind === 'delivered' && e.createdBy === SYSTEM_ACTOR && e.assignee) {
        const space = spaceOfAssignee(e.assignee);
        if (!sameSpace(space, home) && mayHold(d, space)) spokes.set(dbNameOf(space), space);
      }
    }
    if (wrote) events = await eventsOf(store, home, d._id);
    const ids = [d._id, ...events.map((e) => e._id)];
    for (const spoke of spokes.values()) {
      const n = await copyDocs(store, home, spoke, d, ids);
      if (n) log.info({ documentId: d._id, to: dbNameOf(spoke), docs: n }, 'delivered');
    }
    if (d.direction === 'outgoing') await issueInternally(home, d, events);
    if (d.direction === 'incoming' && d.sourceDocumentId && recipientOfCopy(d._id)) await reportToSender(d, events);
  }

  async function firstAuthorised(events: Event[], kind: Event['kind'], test: (r: string[]) => boolean): Promise<Event | null> {
    for (const e of events) if (e.kind === kind && test(await roles.rolesOf(e.createdBy))) return e;
    return null;
  }

  /** Issued outgoing document → an incoming copy per internal recipient; recall/replacement follow. */
  async function issueInternally(home: SpaceRef, d: OutgoingDocument, events: Event[]): Promise<void> {
    const issued = await firstAuthorised(events, 'issued', isClerk);
    const numbered = events.find((e) => e.kind === 'numbered' && e.createdBy === SYSTEM_ACTOR);
    if (!issued || !numbered) return;
    const later: Event[] = [];
    for (const e of events) {
      if (e.kind !== 'recalled' && e.kind !== 'replaced') continue;
      const r = await roles.rolesOf(e.createdBy);
      if (isClerk(r) || isLeader(r)) later.push(e);
    }
    let withData: OfficialDocument | null = null;
    for (const recipient of d.internalRecipients ?? []) {
      const space = spaceOfAssignee(recipient);
      if (!mayHold(d, space)) {
        log.warn({ documentId: d._id, recipient: assigneeKey(recipient) }, 'confidential document: not issued to a unit');
        continue;
      }
      if (!(await spaceExists(store, space))) {
        log.warn({ documentId: d._id, recipient: assigneeKey(recipient) }, 'issue: no such space');
        continue;
      }
      const copyId = copyIdOf(d._id, recipient);
      if (!(await getDocument(store, space, copyId))) {
        withData ??= (await (await store.db(dbNameOf(home))).get(d._id, { attachments: true })) as unknown as OfficialDocument;
        const copy: IncomingDocument = {
          _id: copyId,
          type: 'officialDocument',
          schema: 1,
          createdAt: issued.createdAt,
          createdBy: SYSTEM_ACTOR,
          direction: 'incoming',
          kind: d.kind,
          summary: d.summary,
          urgency: d.urgency,
          confidentiality: d.confidentiality,
          ...(d.pageCount !== undefined ? { pageCount: d.pageCount } : {}),
          issuingBody: ctx.issuer.name,
          numberSymbol: numbered.numberSymbol ?? '',
          issuedOn: numbered.issuedOn ?? wardDayOfInstant(numbered.createdAt),
          signer: d.signer,
          arrivedOn: wardDayOfInstant(issued.createdAt),
          receivedVia: 'nationalExchange',
          sourceDocumentId: d._id,
          ...(withData._attachments ? { _attachments: stripStubs(withData._attachments) } : {}),
        };
        await putOnce(store, space, copy);
      }
      await putOnce(store, space, {
        _id: `officialDocumentEvent:${idSuffix(copyId)}.registered`,
        type: 'officialDocumentEvent',
        schema: 1,
        createdAt: issued.createdAt,
        createdBy: SYSTEM_ACTOR,
        actorName: SYSTEM_ACTOR_NAME,
        documentId: copyId,
        kind: 'registered',
        assignee: recipient,
      } satisfies Event);
      await putOnce(store, home, deliveredEvent(d._id, recipient, issued.createdAt));
      for (const e of later) {
        await putOnce(store, space, {
          ...eventBody(e),
          _id: `officialDocumentEvent:${idSuffix(copyId)}.src.${idSuffix(e._id)}`,
          documentId: copyId,
        });
      }
    }
  }

  /** Steps of an internal recipient, reported on the sender's outgoing document. */
  async function reportToSender(copy: IncomingDocument, events: Event[]): Promise<void> {
    const recipient = recipientOfCopy(copy._id)!;
    const source = (await getDocument(store, REGISTRY_SPACE, copy.sourceDocumentId!)) ?? null;
    if (!source) return; // confidential outgoing documents have no registry copy: not reported yet
    const home = homeOf(source);
    if (!(await getDocument(store, home, source._id))) return;
    for (const e of events) {
      if (!ASSIGNEE_KINDS.has(e.kind)) continue;
      await putOnce(store, home, {
        ...eventBody(e),
        _id: `officialDocumentEvent:${idSuffix(source._id)}.recv.${idSuffix(e._id)}`,
        documentId: source._id,
        assignee: e.assignee ?? recipient,
      });
    }
  }

  return { name: 'delivery', follows: (space) => space.kind !== 'org', handle };
}

function deliveredEvent(documentId: string, assignee: Assignee, createdAt: string): Event {
  return {
    _id: deliveredEventId(documentId, assignee),
    type: 'officialDocumentEvent',
    schema: 1,
    createdAt,
    createdBy: SYSTEM_ACTOR,
    actorName: SYSTEM_ACTOR_NAME,
    documentId,
    kind: 'delivered',
    assignee,
  };
}

/** An event's content without revision or attachments, to be written under another id. */
function eventBody(e: Event): Event {
  const { _rev: _r, _attachments: _a, ...rest } = e;
  void _r;
  void _a;
  return rest as Event;
}

function stripStubs(atts: NonNullable<OfficialDocument['_attachments']>): NonNullable<OfficialDocument['_attachments']> {
  return Object.fromEntries(Object.entries(atts).map(([name, a]) => [name, { content_type: a.content_type, data: a.data! }]));
}
