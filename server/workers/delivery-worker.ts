import { wardDayOfInstant } from '../../src/model/documents/dates.ts';
import { deliveredEventId } from '../../src/model/documents/event-ids.ts';
import type {
  Assignee,
  IncomingDocument,
  OfficialDocument,
  OfficialDocumentEvent,
  OutgoingDocument,
} from '../../src/model/documents/types.ts';
import { SYSTEM_ACTOR, assigneeKey, isConfidential } from '../../src/model/documents/types.ts';
import { type DocumentState, type OutgoingState, deriveState } from '../../src/model/documents/workflow.ts';
import { filesDbNameOf } from '../../src/model/files.ts';
import { REGISTRY_SPACE, type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { getOrNull, getPerson, listPeople } from '../services/directory.ts';
import {
  type DocumentsContext,
  SYSTEM_ACTOR_NAME,
  copyDocs,
  copyFiles,
  copyIdOf,
  documentKeyOf,
  fileIdsOf,
  eventsOf,
  getDocument,
  holdsDocuments,
  homeOf,
  idSuffix,
  isDocument,
  isEvent,
  mayHold,
  putOnce,
  recipientOfCopy,
  sameSpace,
  spaceExists,
  spaceOfAssignee,
} from './documents.ts';
import type { Worker, WorkerChange } from './host.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/types.ts';

type Event = OfficialDocumentEvent;

/**
 * Steps people write in a copy (a spoke) that are relayed home. The model's `deriveState` decides
 * at home whether each one counts (an out-of-turn or forged step is listed as ignored).
 */
const RELAYED_KINDS = new Set<Event['kind']>([
  'read',
  'progress',
  'returned',
  'completed',
  'extensionRequested',
  'extensionAnswered',
  'forwarded',
  'directed',
  'issued',
  'dispatched',
  'recalled',
  'replaced',
  // review of confidential drafts, done in the reviewers' own copies
  'submitted',
  'reviewComment',
  'changesRequested',
  'forwardedToLeader',
  'newVersion',
  'approved',
]);

interface Spoke {
  space: SpaceRef;
  /** Steps written there are relayed home (false: a read-only mirror, e.g. the sender's view of a recipient's copy). */
  relay: boolean;
}

interface Plan {
  state: DocumentState;
  spokes: Map<string, Spoke>;
  /** Assignment nodes not yet delivered. */
  deliveries: { assignee: Assignee; assignmentKey: string; at: string }[];
}

/**
 * Moves official documents between spaces (the browser never writes into a space it cannot read).
 * Decisions are made at the document's home from the model's `deriveState`:
 * - every node of the direction tree (a leader's `directed`, a unit head's `forwarded`) gets the
 *   document, its attachments and all its events in its space (unit space or personal space; a
 *   confidential document only ever in personal spaces), and one `delivered` event; a confidential
 *   document also goes to the leader it is routed to (`routeTo`), who directs it from there;
 * - an approved (not confidential) outgoing document is copied to the registry for the clerk; a
 *   confidential draft goes, as its turn comes, to the personal spaces of the unit heads, the signer and
 *   the clerks (their review steps are relayed home like any other);
 * - steps written in a copy are relayed home, and everything at home is mirrored to every copy;
 * - an issued outgoing document → each internal recipient receives its own incoming document
 *   (`<source id>.to.<unit:x | person:y>`, `sourceDocumentId`), registered by `system` (the
 *   numbering worker gives it an arrival number); the sender's document gets a `delivered` event
 *   per recipient; each recipient's copy with its events is mirrored (read-only) into the sender's
 *   unit space, so the sender sees receipt, reading and processing; recall and replacement are
 *   recorded on every recipient's copy.
 * Every write has a deterministic id, so a change handled twice (restart, second server) is a no-op.
 */
export function deliveryWorkers(ctx: DocumentsContext): Worker[] {
  const { store, log } = ctx;

  async function handle({ space, doc }: WorkerChange): Promise<void> {
    if (doc._deleted) return;
    const documentId = isEvent(doc) ? (doc as unknown as Event).documentId : isDocument(doc) ? doc._id : null;
    if (!documentId) return;
    await handleDocument(space, documentId);
  }

  /** Something about `documentId` changed in `space` (a document, a step, or one of their files). */
  async function handleDocument(space: SpaceRef, documentId: string): Promise<void> {
    const d = await getDocument(store, space, documentId);
    if (!d) return;
    const home = homeOf(d);
    if (sameSpace(home, space)) await reconcile(home, d);
    else await relayHome(space, home, d);
  }

  async function relayHome(from: SpaceRef, home: SpaceRef, d: OfficialDocument): Promise<void> {
    if (!(await getDocument(store, home, d._id))) return;
    const plan = await planFor(store, log, home, d, await eventsOf(store, home, d._id));
    if (!plan.spokes.get(dbNameOf(from))?.relay) return;
    const relayed = (await eventsOf(store, from, d._id)).filter((e) => RELAYED_KINDS.has(e.kind) && e.createdBy !== SYSTEM_ACTOR);
    const ids = relayed.map((e) => e._id);
    // Files first: when the steps land at home, their files are there to be copied on to the other spokes.
    await copyFiles(store, from, home, d, fileIdsOf(d, relayed));
    const n = await copyDocs(store, from, home, d, ids);
    if (n) log.debug({ documentId: d._id, from: dbNameOf(from), n }, 'relayed home');
  }

  async function reconcile(home: SpaceRef, d: OfficialDocument): Promise<void> {
    let events = await eventsOf(store, home, d._id);
    const plan = await planFor(store, log, home, d, events);
    let wrote = false;
    for (const { assignee, assignmentKey, at } of plan.deliveries) {
      const space = spaceOfAssignee(assignee);
      if (!(await spaceExists(store, space))) {
        log.warn({ documentId: d._id, assignee: assignmentKey }, 'delivery: no such space');
        plan.spokes.delete(dbNameOf(space));
        continue;
      }
      if (await putOnce(store, home, deliveredEvent(d._id, assignee, at, assignmentKey))) wrote = true;
    }
    if (wrote) events = await eventsOf(store, home, d._id);
    const ids = [d._id, ...events.map((e) => e._id)];
    const fileIds = fileIdsOf(d, events);
    for (const { space } of plan.spokes.values()) {
      if (!(await spaceExists(store, space))) continue;
      await copyFiles(store, home, space, d, fileIds);
      const n = await copyDocs(store, home, space, d, ids);
      if (n) log.info({ documentId: d._id, to: dbNameOf(space), docs: n }, 'delivered');
    }
    if (d.direction === 'outgoing' && plan.state.direction === 'outgoing') await issueInternally(home, d, plan.state, events);
  }

  /** An issued outgoing document → an incoming copy per internal recipient; recall and replacement follow. */
  async function issueInternally(home: SpaceRef, d: OutgoingDocument, state: OutgoingState, events: Event[]): Promise<void> {
    const { issued, number } = state;
    if (!issued || !number) return;
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
      // The recipient receives the files of the version that was approved and issued.
      const issuedFiles =
        state.version > 1 ? (events.find((e) => e.kind === 'newVersion' && e.version === state.version)?.files ?? []) : (d.files ?? []);
      await copyFiles(
        store,
        home,
        space,
        d,
        issuedFiles.map((f) => f.fileId),
      );
      if (!(await getDocument(store, space, copyId))) {
        const copy: IncomingDocument = {
          _id: copyId,
          type: 'officialDocument',
          schema: 1,
          createdAt: issued.at,
          createdBy: SYSTEM_ACTOR,
          direction: 'incoming',
          kind: d.kind,
          summary: d.summary,
          urgency: d.urgency,
          confidentiality: d.confidentiality,
          ...(d.pageCount !== undefined ? { pageCount: d.pageCount } : {}),
          issuingBody: ctx.issuer.name,
          numberSymbol: number.numberSymbol ?? '',
          issuedOn: number.issuedOn ?? wardDayOfInstant(number.at),
          signer: (await getPerson(store, d.signer))?.displayName ?? d.signer,
          arrivedOn: wardDayOfInstant(issued.at),
          receivedVia: 'internal',
          sourceDocumentId: d._id,
          ...(issuedFiles.length ? { files: issuedFiles } : {}),
        };
        await putOnce(store, space, copy);
      }
      await putOnce(
        store,
        space,
        systemEvent(copyId, 'registered', issued.at, { _id: `officialDocumentEvent:${idSuffix(copyId)}.registered`, assignee: recipient }),
      );
      if (!state.deliveries[assigneeKey(recipient)]) await putOnce(store, home, deliveredEvent(d._id, recipient, issued.at));
      for (const [kind, step] of [
        ['recalled', state.recalled],
        ['replaced', state.replaced],
      ] as const) {
        if (!step) continue;
        await putOnce(
          store,
          space,
          systemEvent(copyId, kind, step.at, {
            _id: `officialDocumentEvent:${idSuffix(copyId)}.${kind}`,
            ...(step.note ? { note: step.note } : {}),
            ...('replacementId' in step && step.replacementId ? { replacementId: step.replacementId } : {}),
          }),
        );
      }
    }
  }

  /**
   * Files arrive on their own (uploaded after the document or step, maybe days later from a device that was
   * offline): when one lands in a space's files database, its document is handled again so the file is
   * copied home and on to every copy.
   */
  const files: Worker = {
    name: 'files',
    follows: holdsDocuments,
    database: filesDbNameOf,
    keyOf: (doc) => (typeof doc.ownerId === 'string' ? doc.ownerId : null),
    async handle({ space, doc }: WorkerChange): Promise<void> {
      if (doc._deleted || doc.type !== 'file' || typeof doc.ownerId !== 'string') return;
      const owner = doc.ownerId;
      let documentId: string | null = owner.startsWith('officialDocument:') ? owner : null;
      if (owner.startsWith('officialDocumentEvent:')) {
        const event = await getOrNull<Event>(await store.db(dbNameOf(space)), owner);
        documentId = event && !(event as { _deleted?: boolean })._deleted ? event.documentId : null; // not here yet: its step brings the file
      }
      if (documentId) await handleDocument(space, documentId);
    },
  };

  return [{ name: 'delivery', follows: holdsDocuments, keyOf: documentKeyOf, handle }, files];
}

/** Where the sender of an internally issued document sees its recipients' copies. */
async function senderSpaceOf(store: Store, copy: IncomingDocument): Promise<SpaceRef | null> {
  if (!copy.sourceDocumentId || !recipientOfCopy(copy._id)) return null;
  const source = await getDocument(store, REGISTRY_SPACE, copy.sourceDocumentId);
  return source && source.direction === 'outgoing' && !isConfidential(source.confidentiality) ? homeOf(source) : null;
}

/** Where a document must be copied, and what is still to deliver (`log`: warns of a confidential document kept out of a space). */
async function planFor(store: Store, log: Logger | null, home: SpaceRef, d: OfficialDocument, events: Event[]): Promise<Plan> {
  const state = deriveState(d, events);
  const spokes = new Map<string, Spoke>();
  const deliveries: Plan['deliveries'] = [];
  const add = (space: SpaceRef, relay: boolean) => {
    if (sameSpace(space, home)) return false;
    if (!mayHold(d, space)) {
      log?.warn({ documentId: d._id, space: dbNameOf(space) }, 'confidential document: never copied outside personal spaces');
      return false;
    }
    spokes.set(dbNameOf(space), { space, relay });
    return true;
  };
  if (state.direction === 'incoming' && d.direction === 'incoming') {
    if (isConfidential(d.confidentiality) && d.routeTo && !recipientOfCopy(d._id)) add({ kind: 'personal', id: d.routeTo }, true);
    for (const node of state.assignments) {
      if (!add(spaceOfAssignee(node.assignee), true)) continue;
      if (!node.delivered && node.state !== 'withdrawn')
        deliveries.push({ assignee: node.assignee, assignmentKey: node.key, at: node.assigned.at });
    }
    const sender = await senderSpaceOf(store, d);
    if (sender) add(sender, false);
  } else if (state.direction === 'outgoing' && d.direction === 'outgoing') {
    if (!isConfidential(d.confidentiality)) {
      if (state.approved) add(REGISTRY_SPACE, true);
    } else {
      // A confidential draft stays in its author's personal space; the people who review, sign and issue it
      // each get a copy in their own personal space as their turn comes (never a unit space or the registry).
      for (const name of await confidentialHandlers(store, d, state)) add({ kind: 'personal', id: name }, true);
    }
  }
  return { state, spokes, deliveries };
}

/** Unit heads once submitted, the signer once with the leader, the clerks once approved. */
async function confidentialHandlers(store: Store, d: OutgoingDocument, state: OutgoingState): Promise<string[]> {
  const names = new Set<string>();
  if (state.forwardedToLeader) names.add(d.signer);
  if (state.submitted || state.approved) {
    for (const p of await listPeople(store)) {
      if (p.disabled) continue;
      if (state.submitted && p.unitId === d.unitId && p.isHead) names.add(p.name);
      if (state.approved && p.role === 'clerk') names.add(p.name);
    }
  }
  names.delete(d.createdBy);
  return [...names];
}

/**
 * The spaces where a document is meant to be: its home and every copy the delivery worker makes (or made) of it, as
 * decided from the events at home. Some may not hold it yet (a delivery under way, a space not made yet): callers
 * that write next to the document check that it is there (the thread mirror, `./thread-mirror-worker.ts`).
 */
export async function documentSpaces(store: Store, d: OfficialDocument): Promise<SpaceRef[]> {
  const home = homeOf(d);
  const plan = await planFor(store, null, home, d, await eventsOf(store, home, d._id));
  return [home, ...[...plan.spokes.values()].map((s) => s.space)];
}

function systemEvent(documentId: string, kind: Event['kind'], createdAt: string, extra: Partial<Event> & { _id: string }): Event {
  return {
    type: 'officialDocumentEvent',
    schema: 1,
    createdAt,
    createdBy: SYSTEM_ACTOR,
    actorName: SYSTEM_ACTOR_NAME,
    documentId,
    kind,
    ...extra,
  };
}

/** One per node of the direction tree (`assignmentKey`), or per internal recipient of an issued document. */
function deliveredEvent(documentId: string, assignee: Assignee, createdAt: string, assignmentKey?: string): Event {
  return systemEvent(documentId, 'delivered', createdAt, {
    _id: deliveredEventId(documentId, assignee, assignmentKey),
    assignee,
    ...(assignmentKey ? { assignmentKey } : {}),
  });
}
