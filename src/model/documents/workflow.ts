/**
 * The workflow of an official document as a state machine over its append-only events.
 *
 * - `deriveState(doc, events)` folds the events (ordered by `createdAt`, then `_id`) into the current state.
 *   An event that does not apply is kept in `ignored` with its reason; it is retried after every event that
 *   does apply, so a device with a slow clock cannot lose a step by sorting before the step it answers.
 * - `canApply(state, event, actor)` says who may do what when; the UI uses it to offer actions, workers use
 *   it before acting on an event, and the fold uses it on every stored event with the roles the author had
 *   when writing it (`actorRoles`, checked against the session by `validate_doc_update`).
 */
import { type UserCtx, hasRole, isActive } from '../roles.ts';
import { isValidDay } from './dates.ts';
import { bookFor } from './numbering.ts';
import {
  type ApprovalRecord,
  type Assignee,
  type DirectionAssignment,
  type DispatchMethod,
  type OfficialDocument,
  type OfficialDocumentEvent,
  type OfficialDocumentEventKind,
  type RegistryBook,
  type ReturnReason,
  SYSTEM_ACTOR,
  assigneeKey,
  isConfidential,
} from './types.ts';

export type AssignmentRole = DirectionAssignment['role'];

/** Who did something, and when (the event's `createdBy`, `actorName`, `createdAt`, `_id`). */
export interface Stamp {
  by: string;
  name: string;
  at: string;
  eventId: string;
}

export interface ExtensionState {
  requested: Stamp & { requestedDeadline: string; note?: string };
  /** Unset while the request waits for an answer. */
  answer?: Stamp & { accepted: boolean; deadline?: string; note?: string };
}

export interface ReadState {
  by: string;
  name: string;
  at: string;
  /** The assignment read on behalf of (`key`), when the reader is an assignee. */
  assignmentKey?: string;
}

export interface ProgressState extends Stamp {
  percent?: number;
  note?: string;
}

/**
 * One node of the direction tree. Top-level nodes come from the leader's `directed` events, their children
 * from the unit head's `forwarded` events (the three-level chain: leader → unit → person).
 */
export interface AssignmentState {
  /** `unit:vp`, `person:an.nguyen`; children: `<parent key>>person:an.nguyen`. */
  key: string;
  parentKey?: string;
  assignee: Assignee;
  role: AssignmentRole;
  assigned: Stamp;
  /** The direction (bút phê) that came with the assignment. */
  direction?: string;
  /** Deadline as first set (after a re-direction: as set by it). */
  originalDeadline?: string;
  /** Current deadline: `originalDeadline` moved by accepted extensions. */
  deadline?: string;
  extensions: ExtensionState[];
  state: 'open' | 'completed' | 'returned' | 'withdrawn';
  delivered?: Stamp;
  reads: ReadState[];
  progress: ProgressState[];
  completed?: Stamp & {
    note?: string;
    /** Set when closed because its lead child completed (`child`) or the document was completed (`document`). */
    closedWith?: 'child' | 'document';
  };
  returned?: Stamp & { reason?: ReturnReason; note?: string };
  withdrawn?: Stamp;
}

export interface NumberState extends Stamp {
  book: RegistryBook;
  year: number;
  number: number;
  numberSymbol?: string;
  issuedOn?: string;
  documentRev?: string;
}

interface StateBase {
  doc: OfficialDocument;
  registered?: Stamp;
  number?: NumberState;
  recalled?: Stamp & { note?: string };
  replaced?: Stamp & { replacementId?: string; note?: string };
  /** Every `read`, in order. */
  reads: ReadState[];
  /** Events applied, in the order they were applied. */
  applied: OfficialDocumentEvent[];
  /** Events that did not apply, with the reason (forged, out of turn, duplicate). */
  ignored: { event: OfficialDocumentEvent; reason: RefusalReason }[];
}

export type IncomingPhase = 'awaitingDirection' | 'inProgress' | 'completed' | 'recalled';

export interface IncomingState extends StateBase {
  direction: 'incoming';
  phase: IncomingPhase;
  directions: (Stamp & { note?: string })[];
  /** All nodes of the direction tree, parents before children, in assignment order. */
  assignments: AssignmentState[];
  completed?: Stamp & { note?: string };
}

export type OutgoingPhase =
  | 'draft'
  | 'submitted' // with the unit head
  | 'changesRequested'
  | 'withLeader'
  | 'approved'
  | 'numbered'
  | 'issued'
  | 'recalled'
  | 'replaced';

export interface VersionState extends Stamp {
  version: number;
  note?: string;
  /** Attachment names of this version (on the event for versions ≥ 2, on the document for version 1). */
  files: string[];
}

export interface CommentState extends Stamp {
  kind: 'reviewComment' | 'changesRequested';
  version: number;
  note?: string;
}

export interface OutgoingState extends StateBase {
  direction: 'outgoing';
  phase: OutgoingPhase;
  /** Current version number (1 = the document's own attachments). */
  version: number;
  versions: VersionState[];
  comments: CommentState[];
  submitted?: Stamp;
  forwardedToLeader?: Stamp;
  approved?: Stamp & { version: number; approval?: ApprovalRecord; note?: string };
  issued?: Stamp;
  dispatches: (Stamp & { method?: DispatchMethod; recipients: string[]; on?: string; note?: string })[];
  /** Internal recipients the server delivered the issued document to, by `assigneeKey`. */
  deliveries: Record<string, Stamp>;
}

export type DocumentState = IncomingState | OutgoingState;

/** Why an event may not be applied. Message-catalog keys are `workflow.<reason>`. */
export type RefusalReason =
  | 'inactive' // disabled account
  | 'wrongDocument' // event of another document
  | 'wrongDirection' // incoming-only step on an outgoing document or vice versa
  | 'serverOnly' // numbered, delivered (and recall of internal copies): written by the server alone
  | 'peopleOnly' // the server does not read, direct, approve, …
  | 'notClerk'
  | 'notLeader'
  | 'notAuthor'
  | 'notSigner'
  | 'notRouteTo' // confidential document routed to another leader
  | 'notUnitHead'
  | 'notAssignee' // not the person, or not the head (member, for `read`) of the unit
  | 'notAssigner' // extension answered by someone who did not make the assignment
  | 'notMember' // forwarded to a person outside the unit
  | 'alreadyRegistered'
  | 'alreadyNumbered'
  | 'badNumber'
  | 'badAssignments'
  | 'noSuchAssignment'
  | 'assignmentClosed' // completed, returned or withdrawn
  | 'forInformationOnly' // a for-information recipient cannot progress, complete or ask for time
  | 'cannotForward' // only unit assignments are forwarded, once down the chain
  | 'noDeadline'
  | 'badDeadline'
  | 'deadlineAfterParent'
  | 'extensionPending'
  | 'noExtensionPending'
  | 'badExtension'
  | 'reasonRequired'
  | 'badPercent'
  | 'badVersion'
  | 'missingReplacement'
  | 'notRecipient'
  | 'alreadyDelivered'
  | 'completed' // the document is completed: only `read` (and server bookkeeping) remain
  | 'recalled' // recalled or replaced: it can only be seen
  | 'wrongPhase';

export type CheckResult = { ok: true } | { ok: false; reason: RefusalReason };

/** The parts of an event that `canApply` looks at; `createdBy`/`createdAt` come from the actor and the clock. */
export type EventInput = Pick<OfficialDocumentEvent, 'kind'> &
  Partial<Omit<OfficialDocumentEvent, 'kind' | 'type' | 'schema' | '_rev' | 'createdBy'>> & {
    /** Targets one node of the direction tree when the assignee alone is ambiguous. */
    assignmentKey?: string;
  };

/**
 * Optional knowledge of the ward's directory, for `canApply` on a new step. Without `membersOf`, forwarding
 * does not check that the person belongs to the unit (the UI only offers members). `deriveState` never uses
 * it: a person who later leaves the unit keeps their history.
 */
export interface WorkflowContext {
  membersOf?: (unitId: string) => readonly string[] | undefined;
}

const INCOMING_ONLY: readonly OfficialDocumentEventKind[] = [
  'registered',
  'directed',
  'forwarded',
  'progress',
  'returned',
  'extensionRequested',
  'extensionAnswered',
  'completed',
];
const OUTGOING_ONLY: readonly OfficialDocumentEventKind[] = [
  'submitted',
  'reviewComment',
  'forwardedToLeader',
  'changesRequested',
  'newVersion',
  'approved',
  'issued',
  'dispatched',
];
/** What server workers write: numbers, deliveries, and on incoming copies of issued documents their registration and recall. */
const SERVER_KINDS: Record<'incoming' | 'outgoing', readonly OfficialDocumentEventKind[]> = {
  incoming: ['registered', 'numbered', 'delivered', 'recalled', 'replaced'],
  outgoing: ['numbered', 'delivered'],
};
/** Server bookkeeping that is still recorded on a completed document. */
const AFTER_COMPLETION: readonly OfficialDocumentEventKind[] = ['read', 'numbered', 'delivered', 'recalled', 'replaced'];

export const isServer = (actor: UserCtx): boolean => actor.roles.indexOf('_admin') !== -1;

// ————————————————————————————————————————————— initial state and derivation

/** The state of a document with no events yet. */
export function initialState(doc: OfficialDocument): DocumentState {
  const base = { doc, reads: [], applied: [], ignored: [] };
  if (doc.direction === 'incoming') return { ...base, direction: 'incoming', phase: 'awaitingDirection', directions: [], assignments: [] };
  const files = (doc.files ?? []).map((f) => f.name);
  const v1: VersionState = { by: doc.createdBy, name: doc.createdBy, at: doc.createdAt, eventId: doc._id, version: 1, files };
  return {
    ...base,
    direction: 'outgoing',
    phase: 'draft',
    version: 1,
    versions: [v1],
    comments: [],
    dispatches: [],
    deliveries: {},
  };
}

/** Event order: `createdAt`, then `_id` (ULIDs sort by time; server ids share the document's ULID). */
export function compareEvents(a: OfficialDocumentEvent, b: OfficialDocumentEvent): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

/**
 * The state of `doc` after `events` (any order; duplicates by `_id` count once). Every event is checked with
 * `canApply` as its author was when writing it: name `createdBy`, roles `actorRoles` (the server for
 * `createdBy: "system"`), so a person who later moves to another unit does not invalidate their history.
 */
export function deriveState(doc: OfficialDocument, events: readonly OfficialDocumentEvent[]): DocumentState {
  // No directory here: today's unit membership must not rewrite history (see `WorkflowContext`).
  const ctx: WorkflowContext = {};
  const state = initialState(doc);
  const seen = new Set<string>();
  const sorted = events.filter((e) => (seen.has(e._id) ? false : (seen.add(e._id), true))).sort(compareEvents);
  let pending: OfficialDocumentEvent[] = [];
  for (const event of sorted) {
    if (tryApply(state, event, ctx)) pending = retry(state, pending, ctx);
    else pending.push(event);
  }
  for (const event of pending) {
    const r = canApply(state, event, actorOf(event), ctx);
    state.ignored.push({ event, reason: r.ok ? 'wrongPhase' : r.reason });
  }
  return state;
}

function retry(state: DocumentState, pending: OfficialDocumentEvent[], ctx: WorkflowContext): OfficialDocumentEvent[] {
  let left = pending;
  let progressed = true;
  while (progressed && left.length > 0) {
    progressed = false;
    const next: OfficialDocumentEvent[] = [];
    for (const event of left) {
      if (tryApply(state, event, ctx)) progressed = true;
      else next.push(event);
    }
    left = next;
  }
  return left;
}

/** The author of a stored event as they were when writing it: the server for `system`. */
export const actorOf = (event: Pick<OfficialDocumentEvent, 'createdBy' | 'actorRoles'>): UserCtx =>
  event.createdBy === SYSTEM_ACTOR
    ? { name: SYSTEM_ACTOR, roles: ['_admin'] }
    : { name: event.createdBy, roles: Array.isArray(event.actorRoles) ? event.actorRoles : [] };

function tryApply(state: DocumentState, event: OfficialDocumentEvent, ctx: WorkflowContext): boolean {
  if (!canApply(state, event, actorOf(event), ctx).ok) return false;
  apply(state, event);
  state.applied.push(event);
  return true;
}

// ————————————————————————————————————————————— who may do what when

const OK: CheckResult = { ok: true };
const no = (reason: RefusalReason): CheckResult => ({ ok: false, reason });

/**
 * Whether `actor` may add `event` to a document in `state`. `{ ok: false, reason }` names the first rule
 * broken. The server worker acts with the `_admin` role.
 */
export function canApply(state: DocumentState, event: EventInput, actor: UserCtx, ctx: WorkflowContext = {}): CheckResult {
  const server = isServer(actor);
  if (!server && !isActive(actor)) return no('inactive');
  if (event.documentId !== undefined && event.documentId !== state.doc._id) return no('wrongDocument');
  const kind = event.kind;
  if (state.direction === 'outgoing' && INCOMING_ONLY.includes(kind)) return no('wrongDirection');
  if (state.direction === 'incoming' && OUTGOING_ONLY.includes(kind)) return no('wrongDirection');
  const role = (r: string): boolean => hasRole(actor, r);
  if (server && !SERVER_KINDS[state.direction].includes(kind)) return no('peopleOnly');
  if (kind === 'read') return checkRead(state, event, actor, role);
  if ((kind === 'numbered' || kind === 'delivered') && !server) return no('serverOnly');
  if (state.recalled || state.replaced) return no('recalled');
  return state.direction === 'incoming' ? checkIncoming(state, event, actor, ctx, role, server) : checkOutgoing(state, event, actor, role);
}

function checkRead(state: DocumentState, event: EventInput, actor: UserCtx, role: (r: string) => boolean): CheckResult {
  if (state.direction === 'outgoing' || (!event.assignee && !event.assignmentKey)) return OK;
  const a = findAssignment(state, event);
  if (!a) return no('noSuchAssignment');
  return actsFor(a, actor, role, true) ? OK : no('notAssignee');
}

function checkIncoming(
  state: IncomingState,
  event: EventInput,
  actor: UserCtx,
  ctx: WorkflowContext,
  role: (r: string) => boolean,
  server: boolean,
): CheckResult {
  const doc = state.doc as Extract<OfficialDocument, { direction: 'incoming' }>;
  if (state.completed && !AFTER_COMPLETION.includes(event.kind)) return no('completed');
  switch (event.kind) {
    case 'registered':
      if (state.registered) return no('alreadyRegistered');
      if (server) return doc.createdBy === SYSTEM_ACTOR ? OK : no('notAuthor'); // internal copies of issued documents
      if (!role('clerk')) return no('notClerk');
      return actor.name === doc.createdBy ? OK : no('notAuthor');
    case 'numbered': {
      if (state.number) return no('alreadyNumbered');
      return validNumber(event, bookFor('incoming', doc.confidentiality), false) ? OK : no('badNumber');
    }
    case 'directed': {
      if (!role('leader')) return no('notLeader');
      if (isConfidential(doc.confidentiality) && doc.routeTo && doc.routeTo !== actor.name) return no('notRouteTo');
      return checkAssignments(event.assignments, { personsOnly: isConfidential(doc.confidentiality) });
    }
    case 'delivered': {
      if (!event.assignee) return no('noSuchAssignment');
      const a = findAssignment(state, event);
      if (!a || a.state === 'withdrawn') return no('noSuchAssignment');
      return a.delivered ? no('alreadyDelivered') : OK;
    }
    case 'forwarded': {
      const parent = findAssignment(state, event);
      if (!parent) return no('noSuchAssignment');
      if (parent.assignee.kind !== 'unit' || parent.parentKey) return no('cannotForward');
      if (!role(`head:${parent.assignee.unitId}`)) return no('notUnitHead');
      if (parent.state !== 'open') return no('assignmentClosed');
      const r = checkAssignments(event.assignments, {
        personsOnly: true,
        forInformationOnly: parent.role === 'forInformation',
        requireLead: false,
      });
      if (!r.ok) return r;
      const members = ctx.membersOf?.(parent.assignee.unitId);
      for (const a of event.assignments!) {
        if (members && a.assignee.kind === 'person' && !members.includes(a.assignee.name)) return no('notMember');
        if (a.deadline && parent.deadline && a.deadline > parent.deadline) return no('deadlineAfterParent');
      }
      return OK;
    }
    case 'progress':
    case 'returned':
    case 'extensionRequested':
    case 'completed': {
      const a = findAssignment(state, event);
      if (!a) return no('noSuchAssignment');
      if (!actsFor(a, actor, role, false)) return no('notAssignee');
      if (a.state !== 'open') return no('assignmentClosed');
      if (event.kind === 'returned') return event.returnReason || event.note?.trim() ? OK : no('reasonRequired');
      if (a.role === 'forInformation') return no('forInformationOnly');
      if (event.kind === 'progress') {
        const p = event.percent;
        return p === undefined || (Number.isInteger(p) && p >= 0 && p <= 100) ? OK : no('badPercent');
      }
      if (event.kind === 'extensionRequested') {
        if (!a.deadline) return no('noDeadline');
        if (pendingExtension(a)) return no('extensionPending');
        return isValidDay(event.requestedDeadline) && event.requestedDeadline > a.deadline ? OK : no('badExtension');
      }
      return OK;
    }
    case 'extensionAnswered': {
      const a = findAssignment(state, event);
      if (!a) return no('noSuchAssignment');
      const parent = a.parentKey ? state.assignments.find((p) => p.key === a.parentKey) : undefined;
      if (parent) {
        if (parent.assignee.kind !== 'unit' || !role(`head:${parent.assignee.unitId}`)) return no('notAssigner');
      } else if (!role('leader')) return no('notAssigner');
      if (a.state !== 'open') return no('assignmentClosed');
      const pending = pendingExtension(a);
      if (!pending) return no('noExtensionPending');
      if (typeof event.accepted !== 'boolean') return no('badExtension');
      if (event.accepted && event.requestedDeadline !== undefined && !isValidDay(event.requestedDeadline)) return no('badExtension');
      return OK;
    }
    case 'recalled':
    case 'replaced':
      // An issued document recalled or replaced by its sender: the server records it on every internal copy.
      if (!server) return no('serverOnly');
      return event.kind === 'replaced' && !event.replacementId ? no('missingReplacement') : OK;
    default:
      return no('wrongDirection');
  }
}

function checkOutgoing(state: OutgoingState, event: EventInput, actor: UserCtx, role: (r: string) => boolean): CheckResult {
  const doc = state.doc as Extract<OfficialDocument, { direction: 'outgoing' }>;
  const phase = state.phase;
  const isAuthor = actor.name === doc.createdBy;
  const isHead = role(`head:${doc.unitId}`);
  const isLeader = role('leader');
  const beforeApproval = phase === 'draft' || phase === 'submitted' || phase === 'changesRequested' || phase === 'withLeader';
  switch (event.kind) {
    case 'submitted':
      if (!isAuthor) return no('notAuthor');
      return phase === 'draft' || phase === 'changesRequested' ? OK : no('wrongPhase');
    case 'newVersion':
      if (!isAuthor && !isHead) return no('notAuthor');
      if (phase !== 'draft' && phase !== 'changesRequested') return no('wrongPhase');
      return event.version === state.version + 1 ? OK : no('badVersion');
    case 'reviewComment':
      if (!isHead && !isLeader) return no('notUnitHead');
      if (!beforeApproval) return no('wrongPhase');
      return event.note?.trim() ? OK : no('reasonRequired');
    case 'forwardedToLeader':
      if (!isHead) return no('notUnitHead');
      if (phase === 'submitted') return OK;
      // A unit head's own draft goes straight to the leader.
      return isAuthor && (phase === 'draft' || phase === 'changesRequested') ? OK : no('wrongPhase');
    case 'changesRequested':
      if (phase === 'submitted') {
        if (!isHead && !isLeader) return no('notUnitHead');
      } else if (phase === 'withLeader') {
        if (!isLeader) return no('notLeader');
      } else return no('wrongPhase');
      return event.note?.trim() ? OK : no('reasonRequired');
    case 'approved':
      if (!isLeader) return no('notLeader');
      if (actor.name !== doc.signer) return no('notSigner');
      return phase === 'withLeader' ? OK : no('wrongPhase');
    case 'numbered':
      if (state.number) return no('alreadyNumbered');
      if (phase !== 'approved') return no('wrongPhase');
      return validNumber(event, bookFor('outgoing', doc.confidentiality), true) ? OK : no('badNumber');
    case 'issued':
      if (!role('clerk')) return no('notClerk');
      return phase === 'numbered' ? OK : no('wrongPhase');
    case 'dispatched':
      if (!role('clerk')) return no('notClerk');
      return phase === 'issued' ? OK : no('wrongPhase');
    case 'delivered': {
      if (phase !== 'issued') return no('wrongPhase');
      if (!event.assignee) return no('notRecipient');
      const key = assigneeKey(event.assignee);
      if (!doc.internalRecipients.some((r) => assigneeKey(r) === key)) return no('notRecipient');
      return state.deliveries[key] ? no('alreadyDelivered') : OK;
    }
    case 'recalled':
    case 'replaced':
      if (!isLeader && !role('clerk')) return no('notLeader');
      if (phase !== 'issued') return no('wrongPhase');
      return event.kind === 'replaced' && !event.replacementId ? no('missingReplacement') : OK;
    default:
      return no('wrongDirection');
  }
}

function validNumber(event: EventInput, book: RegistryBook, outgoing: boolean): boolean {
  const n = event.number;
  if (event.book !== book || typeof n !== 'number' || !Number.isInteger(n) || n < 1) return false;
  if (typeof event.year !== 'number' || !Number.isInteger(event.year) || event.year < 2000) return false;
  return !outgoing || (!!event.numberSymbol && isValidDay(event.issuedOn));
}

/** Checks the assignments of a direction or a forwarding. */
function checkAssignments(
  list: DirectionAssignment[] | undefined,
  opts: { personsOnly?: boolean; forInformationOnly?: boolean; requireLead?: boolean },
): CheckResult {
  if (!Array.isArray(list) || list.length === 0) return no('badAssignments');
  const keys = new Set<string>();
  let leads = 0;
  let coordinating = 0;
  for (const a of list) {
    if (!isAssignee(a.assignee)) return no('badAssignments');
    if (opts.personsOnly && a.assignee.kind !== 'person') return no('badAssignments');
    const key = assigneeKey(a.assignee);
    if (keys.has(key)) return no('badAssignments');
    keys.add(key);
    if (a.role === 'lead') leads++;
    else if (a.role === 'coordinating') coordinating++;
    else if (a.role !== 'forInformation') return no('badAssignments');
    if (opts.forInformationOnly && a.role !== 'forInformation') return no('badAssignments');
    if (a.deadline !== undefined && (!isValidDay(a.deadline) || a.role === 'forInformation')) return no('badDeadline');
  }
  if (leads > 1) return no('badAssignments');
  if (coordinating > 0 && leads === 0 && opts.requireLead !== false) return no('badAssignments');
  return OK;
}

export function isAssignee(v: unknown): v is Assignee {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  if (a.kind === 'unit') return typeof a.unitId === 'string' && a.unitId.length > 0;
  if (a.kind === 'person') return typeof a.name === 'string' && a.name.length > 0;
  return false;
}

/**
 * Whether `actor` acts for assignment `a`: the person named, or for a unit its head (any member of the unit,
 * or its head, may record that they read it).
 */
function actsFor(a: AssignmentState, actor: UserCtx, role: (r: string) => boolean, reading: boolean): boolean {
  if (a.assignee.kind === 'person') return a.assignee.name === actor.name;
  const unit = a.assignee.unitId;
  return role(`head:${unit}`) || (reading && role(`unit:${unit}`));
}

/**
 * The node an event is about: by `assignmentKey`, else by `assignee` (an open node first, then the one
 * nearest the top of the tree).
 */
export function findAssignment(state: IncomingState, event: Pick<EventInput, 'assignee' | 'assignmentKey'>): AssignmentState | undefined {
  if (event.assignmentKey) {
    const node = state.assignments.find((a) => a.key === event.assignmentKey);
    // Both given: they must name the same node (validate_doc_update checked the actor against `assignee`).
    if (node && event.assignee && (!isAssignee(event.assignee) || assigneeKey(event.assignee) !== assigneeKey(node.assignee)))
      return undefined;
    return node;
  }
  if (!event.assignee || !isAssignee(event.assignee)) return undefined;
  const key = assigneeKey(event.assignee);
  const candidates = state.assignments.filter((a) => assigneeKey(a.assignee) === key && a.state !== 'withdrawn');
  const rank = (a: AssignmentState): number => (a.state === 'open' ? 0 : 2) + (a.parentKey ? 1 : 0);
  return candidates.sort((x, y) => rank(x) - rank(y))[0];
}

export function pendingExtension(a: AssignmentState): ExtensionState | undefined {
  const last = a.extensions[a.extensions.length - 1];
  return last && !last.answer ? last : undefined;
}

// ————————————————————————————————————————————— effects

const stampOf = (e: OfficialDocumentEvent): Stamp => ({ by: e.createdBy, name: e.actorName, at: e.createdAt, eventId: e._id });
const noteOf = (e: OfficialDocumentEvent): { note?: string } => (e.note ? { note: e.note } : {});

function apply(state: DocumentState, e: OfficialDocumentEvent): void {
  if (e.kind === 'read') {
    const read: ReadState = { by: e.createdBy, name: e.actorName, at: e.createdAt };
    if (state.direction === 'incoming' && (e.assignee || (e as EventInput).assignmentKey)) {
      const a = findAssignment(state, e)!;
      read.assignmentKey = a.key;
      a.reads.push(read);
    }
    state.reads.push(read);
    return;
  }
  if (e.kind === 'numbered') {
    state.number = {
      ...stampOf(e),
      book: e.book!,
      year: e.year!,
      number: e.number!,
      ...(e.numberSymbol ? { numberSymbol: e.numberSymbol } : {}),
      ...(e.issuedOn ? { issuedOn: e.issuedOn } : {}),
      ...(e.documentRev ? { documentRev: e.documentRev } : {}),
    };
    if (state.direction === 'outgoing') state.phase = 'numbered';
    return;
  }
  if (e.kind === 'recalled') {
    state.recalled = { ...stampOf(e), ...noteOf(e) };
    state.phase = 'recalled';
    return;
  }
  if (e.kind === 'replaced') {
    state.replaced = { ...stampOf(e), ...noteOf(e), ...(e.replacementId ? { replacementId: e.replacementId } : {}) };
    state.phase = state.direction === 'outgoing' ? 'replaced' : 'recalled';
    return;
  }
  if (state.direction === 'incoming') applyIncoming(state, e);
  else applyOutgoing(state, e);
}

function applyIncoming(state: IncomingState, e: OfficialDocumentEvent): void {
  switch (e.kind) {
    case 'registered':
      state.registered = stampOf(e);
      // A document issued inside the ward arrives registered by the server for its recipient, who leads it
      // (the recipient's head passes it on to a person, like a leader's direction to the unit).
      if (e.createdBy === SYSTEM_ACTOR && e.assignee && isAssignee(e.assignee)) {
        assign(state, { ...e, assignments: [{ assignee: e.assignee, role: 'lead' }] }, undefined);
        const node = state.assignments[state.assignments.length - 1]!;
        node.delivered = stampOf(e);
        break;
      }
      return;
    case 'directed':
      state.directions.push({ ...stampOf(e), ...noteOf(e) });
      assign(state, e, undefined);
      break;
    case 'forwarded':
      assign(state, e, findAssignment(state, e)!);
      break;
    case 'delivered':
      findAssignment(state, e)!.delivered = stampOf(e);
      return;
    case 'progress': {
      const p: ProgressState = { ...stampOf(e), ...noteOf(e) };
      if (e.percent !== undefined) p.percent = e.percent;
      findAssignment(state, e)!.progress.push(p);
      return;
    }
    case 'returned': {
      const a = findAssignment(state, e)!;
      a.state = 'returned';
      a.returned = { ...stampOf(e), ...noteOf(e), ...(e.returnReason ? { reason: e.returnReason } : {}) };
      withdrawChildren(state, a, e);
      break;
    }
    case 'extensionRequested':
      findAssignment(state, e)!.extensions.push({ requested: { ...stampOf(e), ...noteOf(e), requestedDeadline: e.requestedDeadline! } });
      return;
    case 'extensionAnswered': {
      const a = findAssignment(state, e)!;
      const ext = pendingExtension(a)!;
      const answer: NonNullable<ExtensionState['answer']> = { ...stampOf(e), ...noteOf(e), accepted: e.accepted! };
      if (e.accepted) {
        answer.deadline = e.requestedDeadline ?? ext.requested.requestedDeadline;
        a.deadline = answer.deadline;
      }
      ext.answer = answer;
      return;
    }
    case 'completed':
      complete(state, findAssignment(state, e)!, e, undefined);
      break;
    default:
      return;
  }
  state.phase = incomingPhase(state);
}

/** Top-level assignments of the current direction (withdrawn ones left out). */
export const topAssignments = (state: IncomingState): AssignmentState[] =>
  state.assignments.filter((a) => !a.parentKey && a.state !== 'withdrawn');

/**
 * The lead (chủ trì) of the document: the top-level lead that has not handed it back, else the one that did
 * (a lead that returned it stays listed as returned when the leader names a new lead).
 */
export function currentLead(state: IncomingState): AssignmentState | undefined {
  const leads = topAssignments(state).filter((a) => a.role === 'lead');
  return leads.find((a) => a.state !== 'returned') ?? leads[0];
}

function incomingPhase(state: IncomingState): IncomingPhase {
  if (state.recalled || state.replaced) return 'recalled';
  if (state.completed) return 'completed';
  const top = topAssignments(state);
  const lead = currentLead(state);
  if (top.length === 0 || (lead && lead.state === 'returned')) return 'awaitingDirection';
  if (!lead && top.every((a) => a.state === 'returned')) return 'awaitingDirection';
  return 'inProgress';
}

/** Applies a direction (parent undefined) or a forwarding: named nodes (re)open, unnamed open ones withdraw. */
function assign(state: IncomingState, e: OfficialDocumentEvent, parent: AssignmentState | undefined): void {
  const siblings = state.assignments.filter((a) => a.parentKey === parent?.key);
  const named = new Set<string>();
  for (const given of e.assignments!) {
    const key = parent ? `${parent.key}>${assigneeKey(given.assignee)}` : assigneeKey(given.assignee);
    named.add(key);
    // Without a deadline of its own, an assignment inherits its parent's, or the document's own deadline.
    const inherited = parent ? parent.deadline : (state.doc as { deadline?: string }).deadline;
    const deadline = given.role === 'forInformation' ? undefined : (given.deadline ?? inherited);
    const existing = state.assignments.find((a) => a.key === key);
    if (existing && existing.state === 'completed' && existing.role === given.role) continue; // their part is done
    if (existing && existing.state === 'open') {
      existing.role = given.role;
      existing.assigned = stampOf(e);
      if (e.note) existing.direction = e.note;
      if (deadline !== existing.deadline) {
        existing.originalDeadline = deadline;
        existing.deadline = deadline;
        existing.extensions = [];
      }
      continue;
    }
    const node: AssignmentState = {
      key,
      assignee: given.assignee,
      role: given.role,
      assigned: stampOf(e),
      extensions: [],
      state: 'open',
      reads: existing ? existing.reads : [],
      progress: [],
    };
    if (parent) node.parentKey = parent.key;
    if (e.note) node.direction = e.note;
    if (deadline) {
      node.originalDeadline = deadline;
      node.deadline = deadline;
    }
    if (existing) {
      // Named again after it was returned, withdrawn or completed in another role: it reopens in place (the
      // earlier steps stay in the timeline); reads and delivery carry over.
      if (existing.delivered) node.delivered = existing.delivered;
      state.assignments[state.assignments.indexOf(existing)] = node;
    } else insertAfterFamily(state, node, parent);
  }
  for (const a of siblings) {
    if (!named.has(a.key) && a.state === 'open') {
      a.state = 'withdrawn';
      a.withdrawn = stampOf(e);
      withdrawChildren(state, a, e);
    }
  }
}

function insertAfterFamily(state: IncomingState, node: AssignmentState, parent: AssignmentState | undefined): void {
  if (!parent) {
    state.assignments.push(node);
    return;
  }
  let at = state.assignments.indexOf(parent) + 1;
  while (at < state.assignments.length && state.assignments[at]!.key.startsWith(`${parent.key}>`)) at++;
  state.assignments.splice(at, 0, node);
}

function withdrawChildren(state: IncomingState, parent: AssignmentState, e: OfficialDocumentEvent): void {
  for (const a of state.assignments) {
    if (a.parentKey === parent.key && a.state === 'open') {
      a.state = 'withdrawn';
      a.withdrawn = stampOf(e);
    }
  }
}

/** Completes `a`; a lead's completion completes its parent, and the top-level lead completes the document. */
function complete(state: IncomingState, a: AssignmentState, e: OfficialDocumentEvent, closedWith: 'child' | 'document' | undefined): void {
  a.state = 'completed';
  a.completed = { ...stampOf(e), ...(closedWith ? { closedWith } : noteOf(e)) };
  if (a.role !== 'lead') return;
  if (a.parentKey) {
    const parent = state.assignments.find((p) => p.key === a.parentKey);
    if (parent && parent.state === 'open') complete(state, parent, e, 'child');
    return;
  }
  state.completed = { ...stampOf(e), ...noteOf(e) };
  for (const other of state.assignments) {
    if (other.state === 'open') {
      other.state = 'completed';
      other.completed = { ...stampOf(e), closedWith: 'document' };
    }
  }
}

function applyOutgoing(state: OutgoingState, e: OfficialDocumentEvent): void {
  switch (e.kind) {
    case 'submitted':
      state.submitted = stampOf(e);
      state.phase = 'submitted';
      return;
    case 'newVersion':
      state.version = e.version!;
      state.versions.push({ ...stampOf(e), ...noteOf(e), version: e.version!, files: (e.files ?? []).map((f) => f.name) });
      return;
    case 'reviewComment':
    case 'changesRequested':
      state.comments.push({ ...stampOf(e), ...noteOf(e), kind: e.kind, version: e.version ?? state.version });
      if (e.kind === 'changesRequested') state.phase = 'changesRequested';
      return;
    case 'forwardedToLeader':
      state.forwardedToLeader = stampOf(e);
      state.phase = 'withLeader';
      return;
    case 'approved':
      state.approved = { ...stampOf(e), ...noteOf(e), version: state.version, ...(e.approval ? { approval: e.approval } : {}) };
      state.phase = 'approved';
      return;
    case 'issued':
      state.issued = stampOf(e);
      state.phase = 'issued';
      return;
    case 'dispatched':
      state.dispatches.push({
        ...stampOf(e),
        ...noteOf(e),
        recipients: e.recipients ?? [],
        ...(e.dispatchMethod ? { method: e.dispatchMethod } : {}),
        ...(e.dispatchedOn ? { on: e.dispatchedOn } : {}),
      });
      return;
    case 'delivered':
      state.deliveries[assigneeKey(e.assignee!)] = stampOf(e);
      return;
    default:
      return;
  }
}
