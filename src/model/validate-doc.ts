import { ISO_DATE, ISO_TIME } from './doc.ts';
import { ATTACHMENT_LIMITS, DOCUMENT_LIMITS } from './documents/limits.ts';
import {
  CONFIDENTIALITIES,
  DISPATCH_METHODS,
  DOCUMENT_KINDS,
  RECEIVED_VIA,
  OFFICIAL_DOCUMENT_EVENT_KINDS,
  RETURN_REASONS,
  SYSTEM_ACTOR,
  URGENCIES,
  type OfficialDocumentEventKind,
} from './documents/types.ts';
import { NOTICE_LIMITS, canPostNotice } from './notice.ts';
import { NOTIFICATION_PREFS_ID, isNotificationKind, notificationReadIdOf } from './notifications.ts';
import { TASK_EVENT_KINDS, TASK_LIMITS, TASK_PRIORITIES } from './tasks/types.ts';
import { fileFieldsProblem } from './files.ts';
import { messageEventProblem, messageProblem, messageReadProblem } from './messages.ts';
import { calendarEventEventProblem, calendarEventProblem, scheduleWeekEventProblem } from './schedule/validation.ts';
import { type UserCtx, UNIT_ID_PATTERN, hasRole, isActive } from './roles.ts';
import type { SpaceRef } from './spaces.ts';

/**
 * The rules behind every space's `validate_doc_update` (CouchDB convention: throw
 * `{ forbidden: reason }` → 403). Setup bundles this file with esbuild, with the space baked in,
 * into the `_design/docket` document of each space, so it must stay self-contained: pure
 * functions, no I/O, nothing newer than ES2019 after bundling.
 */

/** Types users may write. Directory types (`unit`, `person`, `room`) are written by the server only. */
export const USER_WRITABLE_TYPES = [
  'notice',
  'noticeRead',
  'officialDocument',
  'officialDocumentEvent',
  'task',
  'taskEvent',
  'notificationRead',
  'notificationPrefs',
  'calendarEvent',
  'calendarEventEvent',
  'scheduleWeekEvent',
  'message',
  'messageEvent',
  'messageRead',
] as const;
/**
 * `notification`: written by the notification worker into personal spaces; a user could otherwise forge one.
 * `conversation`: a conversation space's meta document (members, title), written by `/api/conversations`.
 */
export const SERVER_ONLY_TYPES = [
  'unit',
  'person',
  'room',
  'body',
  'deviceKey',
  'registryBook',
  'documentType',
  'notification',
  'conversation',
] as const;

export interface Forbidden {
  forbidden: string;
}

type Doc = Record<string, unknown> & { _id?: string; _deleted?: boolean };

function deny(reason: string): never {
  const err: Forbidden = { forbidden: reason };
  throw err;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

function isValidDay(v: unknown): v is string {
  if (!isString(v) || !ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function isValidInstant(v: unknown): boolean {
  return isString(v) && ISO_TIME.test(v) && !isNaN(new Date(v).getTime());
}

/**
 * Decoded size of an attachment: its `length` for stubs (CouchDB), else the size of its `data`: base64 text
 * (inline in JSON), or bytes (a Buffer on the embedded server for a raw attachment PUT, a Blob in a browser).
 */
export function attachmentSize(att: Record<string, unknown>): number {
  if (typeof att.length === 'number') return att.length;
  const bytes = att.data as { length?: unknown; byteLength?: unknown; size?: unknown } | null | undefined;
  if (bytes && typeof bytes === 'object') {
    if (typeof bytes.byteLength === 'number') return bytes.byteLength;
    if (typeof bytes.length === 'number') return bytes.length;
    if (typeof bytes.size === 'number') return bytes.size;
  }
  if (isString(att.data)) {
    const data = att.data.replace(/\s/g, '');
    const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
    return Math.floor((data.length * 3) / 4) - padding;
  }
  return 0;
}

function checkCommon(doc: Doc, userCtx: UserCtx, oldDoc: Doc | null): string {
  const type = doc.type;
  if (!isString(type)) deny('Document has no type.');
  if ((SERVER_ONLY_TYPES as readonly string[]).includes(type)) deny(`Only the server may write ${type} documents.`);
  if (!(USER_WRITABLE_TYPES as readonly string[]).includes(type)) deny(`Unknown document type: ${type}.`);
  const id = doc._id ?? '';
  if (id.indexOf(`${type}:`) !== 0 || id.length <= type.length + 1) deny(`_id must start with "${type}:".`);
  if (typeof doc.schema !== 'number' || !Number.isInteger(doc.schema) || doc.schema < 1) deny('schema must be a positive integer.');
  if (!isValidInstant(doc.createdAt)) deny('createdAt must be an ISO-8601 UTC time.');
  if (!isString(doc.createdBy)) deny('createdBy is required.');
  if (oldDoc && !oldDoc._deleted) {
    if (oldDoc.type !== doc.type) deny('type cannot change.');
    if (oldDoc.createdBy !== doc.createdBy) deny('createdBy cannot change.');
    if (oldDoc.createdAt !== doc.createdAt) deny('createdAt cannot change.');
  }
  if (doc.createdBy !== userCtx.name) deny('createdBy must be the signed-in user.');
  return type;
}

function checkNotice(doc: Doc, userCtx: UserCtx, space: SpaceRef): void {
  if (space.kind === 'personal') deny('Notices are posted to the ward or to a unit, not to a personal space.');
  if (!canPostNotice(userCtx, space)) {
    deny(
      space.kind === 'org'
        ? 'Only leaders, clerks, unit heads and the administrator may post ward-wide notices.'
        : 'Only members of this unit, leaders and clerks may post here.',
    );
  }
  const title = isString(doc.title) ? doc.title.trim() : '';
  if (!title || title.length > NOTICE_LIMITS.titleMax) deny(`title must be 1–${NOTICE_LIMITS.titleMax} characters.`);
  const body = isString(doc.body) ? doc.body.trim() : '';
  if (!body || body.length > NOTICE_LIMITS.bodyMax) deny(`body must be 1–${NOTICE_LIMITS.bodyMax} characters.`);
  if (typeof doc.pinned !== 'boolean') deny('pinned must be true or false.');
  if (doc.expiresOn !== undefined && !isValidDay(doc.expiresOn)) deny('expiresOn must be a date (YYYY-MM-DD).');
  if (!isString(doc.authorName) || doc.authorName.length > 200) deny('authorName is required.');
  if (doc._attachments !== undefined) {
    if (!isObject(doc._attachments)) deny('_attachments must be an object.');
    const names = Object.keys(doc._attachments);
    if (names.length > 1) deny('A notice has at most one attachment.');
    for (const name of names) {
      const att = doc._attachments[name];
      if (!isObject(att)) deny('Bad attachment.');
      if (!(NOTICE_LIMITS.attachmentTypes as readonly string[]).includes(String(att.content_type)))
        deny('Attachments must be PDF, JPEG, PNG or WebP.');
      if (attachmentSize(att) > NOTICE_LIMITS.attachmentMaxBytes) deny('Attachments must be at most 10 MB.');
    }
  }
}

function checkNoticeRead(doc: Doc, userCtx: UserCtx, space: SpaceRef): void {
  if (space.kind !== 'personal' || space.id !== userCtx.name) deny('Read markers belong in the reader’s own personal space.');
  if (!isString(doc.noticeId) || doc.noticeId.indexOf('notice:') !== 0) deny('noticeId must be a notice id.');
  if (!isValidInstant(doc.readAt)) deny('readAt must be an ISO-8601 UTC time.');
  if (doc._attachments !== undefined) deny('Read markers have no attachments.');
}

/** Notification read markers are append-only (issue 6): one per notification, in the reader's own space. */
function checkNotificationRead(doc: Doc, old: Doc | null, userCtx: UserCtx, space: SpaceRef): void {
  if (space.kind !== 'personal' || space.id !== userCtx.name) deny('Read markers belong in the reader’s own personal space.');
  if (old) deny('Read markers cannot be changed.');
  if (!isString(doc.notificationId) || doc.notificationId.indexOf('notification:') !== 0 || doc.notificationId.length > 500)
    deny('notificationId must be a notification id.');
  if (doc._id !== notificationReadIdOf(doc.notificationId)) deny('_id must be "notificationRead:" and the notification id’s suffix.');
  if (!isValidInstant(doc.readAt)) deny('readAt must be an ISO-8601 UTC time.');
  if (doc._attachments !== undefined) deny('Read markers have no attachments.');
}

/** Which notification kinds reach the user: one document, edited in place, in their own personal space. */
function checkNotificationPrefs(doc: Doc, userCtx: UserCtx, space: SpaceRef): void {
  if (space.kind !== 'personal' || space.id !== userCtx.name) deny('Notification settings belong in the user’s own personal space.');
  if (doc._id !== NOTIFICATION_PREFS_ID) deny(`_id must be "${NOTIFICATION_PREFS_ID}".`);
  if (!Array.isArray(doc.muted) || doc.muted.length > 50 || !doc.muted.every(isNotificationKind))
    deny('muted must be a list of notification kinds.');
  if (doc.push !== undefined && typeof doc.push !== 'boolean') deny('push must be true or false.');
  if (doc.updatedAt !== undefined && !isValidInstant(doc.updatedAt)) deny('updatedAt must be an ISO-8601 UTC time.');
  if (doc._attachments !== undefined) deny('Notification settings have no attachments.');
}

/**
 * The gateway's verdict on a document (docs/decisions/0003 "Who may do what"): a rule this function cannot
 * check (it sees one document) refused it, so the store answers its own per-document 403 with that reason.
 * Checked before anything else, for everyone: a client that sets it only refuses itself.
 */
export const REFUSAL_FIELD = 'docketRefused';

function checkRefusal(doc: Doc): void {
  const reason = doc[REFUSAL_FIELD];
  if (reason !== undefined) deny(isString(reason) && reason ? reason : 'Refused.');
}

/** Throws `{ forbidden }` unless `userCtx` may store `newDoc` (replacing `oldDoc`) in `space`. */
export function validateDocUpdate(newDoc: Doc, oldDoc: Doc | null | undefined, userCtx: UserCtx, _secObj: unknown, space: SpaceRef): void {
  checkRefusal(newDoc);
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  const id = isString(newDoc._id) ? newDoc._id : '';
  if (id.indexOf('_design/') === 0) deny('Only the server administrator may change design documents.');
  if (!userCtx.name || !isActive(userCtx)) deny('This account may not write.');
  const old = oldDoc && !oldDoc._deleted ? oldDoc : null;
  if (
    old &&
    (old.type === 'officialDocument' || old.type === 'officialDocumentEvent') &&
    (newDoc._deleted || old.type === 'officialDocumentEvent')
  )
    deny(
      old.type === 'officialDocument'
        ? 'Official documents are records: they cannot be deleted.'
        : 'Document events cannot be changed or deleted.',
    );
  if (old && (old.type === 'task' || old.type === 'taskEvent'))
    deny(old.type === 'task' ? 'Tasks cannot be changed or deleted: record a task event.' : 'Task events cannot be changed or deleted.');
  if (old && old.type === 'notificationRead') deny('Read markers cannot be changed or deleted.');
  if (old && (SERVER_ONLY_TYPES as readonly unknown[]).indexOf(old.type) !== -1)
    deny(`Only the server may change ${String(old.type)} documents.`);
  if (old && (old.type === 'message' || old.type === 'messageEvent'))
    deny(
      old.type === 'message'
        ? 'Messages cannot be changed or deleted: record an edit or a removal.'
        : 'Message edits and removals cannot be changed or deleted.',
    );
  if (old && (old.type === 'calendarEvent' || old.type === 'calendarEventEvent' || old.type === 'scheduleWeekEvent'))
    deny(
      old.type === 'calendarEvent'
        ? 'Calendar events cannot be changed or deleted: record an edit or a cancellation.'
        : 'Schedule steps cannot be changed or deleted.',
    );
  if (newDoc._deleted) {
    if (old && old.createdBy !== userCtx.name) deny('Only the author may delete this document.');
    return;
  }
  const type = checkCommon(newDoc, userCtx, old);
  switch (type) {
    case 'notice':
      checkNotice(newDoc, userCtx, space);
      return;
    case 'noticeRead':
      checkNoticeRead(newDoc, userCtx, space);
      return;
    case 'officialDocument':
      checkOfficialDocument(newDoc, old, userCtx, space);
      return;
    case 'officialDocumentEvent':
      checkDocumentEvent(newDoc, userCtx, space);
      return;
    case 'task':
      checkTask(newDoc, userCtx, space);
      return;
    case 'taskEvent':
      checkTaskEvent(newDoc, userCtx, space);
      return;
    case 'notificationRead':
      checkNotificationRead(newDoc, old, userCtx, space);
      return;
    case 'notificationPrefs':
      checkNotificationPrefs(newDoc, userCtx, space);
      return;
    case 'calendarEvent':
    case 'calendarEventEvent':
    case 'scheduleWeekEvent':
      checkSchedule(type, newDoc, userCtx, space);
      return;
    case 'message':
    case 'messageEvent':
    case 'messageRead':
      checkMessage(type, newDoc, userCtx, space);
      return;
  }
}

// ————————————————————————————————————————————— messages (issue 6, docs/decisions/0005)
//
// Checked here (`messages.ts`): schema, author, bounds, which spaces hold messages (without `parentId` only a
// conversation; a conversation's readers are its members by `_security`). Only the author edits or removes a
// message: the gateway checks it against the stored message (`server/gateway/message-rules.ts`).

function checkMessage(type: string, doc: Doc, userCtx: UserCtx, space: SpaceRef): void {
  if (userCtx.name === SYSTEM_ACTOR) deny(`The account name "${SYSTEM_ACTOR}" is reserved for the server.`);
  const problem =
    type === 'message'
      ? messageProblem(doc, space)
      : type === 'messageEvent'
        ? messageEventProblem(doc, space)
        : messageReadProblem(doc, userCtx.name, space);
  if (problem) deny(problem);
}

// ————————————————————————————————————————————— official documents (issue 3, docs/decisions/0001)
//
// Checked here: schema, author, role and space. Not checkable here (a validation function sees one document):
// that the document exists, its direction, confidentiality and state, who it is assigned to, whether it was
// numbered. Those rules live in `documents/workflow.ts` (`canApply`), which the UI uses to offer actions, the
// server workers apply before acting on an event, and `deriveState` applies to every stored event (an event
// that breaks them is ignored and listed).

const inList = (list: readonly string[], v: unknown): boolean => isString(v) && list.indexOf(v) !== -1;
const isConfidentialValue = (v: unknown): boolean => v !== 'normal';

function checkText(doc: Doc, field: string, max: number, required: boolean): void {
  const v = doc[field];
  if (v === undefined && !required) return;
  if (!isString(v) || (required && !v.trim()) || v.length > max) deny(`${field} must be ${required ? '1' : '0'}–${max} characters.`);
}

/** `files`: metadata of files kept in the files database (`./files.ts`); official records never carry `_attachments`. */
function checkFiles(doc: Doc, allowed: boolean): void {
  if (doc._attachments !== undefined) deny('Files of official documents go to the files database, not into _attachments.');
  const files = doc.files;
  if (files === undefined) return;
  if (!allowed) deny('This step has no files.');
  if (!Array.isArray(files)) deny('files must be a list.');
  if (files.length > ATTACHMENT_LIMITS.maxFiles) deny(`At most ${ATTACHMENT_LIMITS.maxFiles} files.`);
  const ids: string[] = [];
  for (const f of files) {
    if (!isObject(f) || !isString(f.fileId) || f.fileId.indexOf('file:') !== 0 || f.fileId.length <= 5)
      deny('Each file names its file:<id>.');
    if (ids.indexOf(f.fileId as string) !== -1) deny('A file is listed twice.');
    ids.push(f.fileId as string);
    checkFileFields(f);
  }
}

/** Name, type, size and hash of a file, on the metadata in a document and on the stored file alike (`./files.ts`). */
function checkFileFields(f: Record<string, unknown>): void {
  const problem = fileFieldsProblem(f);
  if (problem) deny(problem);
}

function isAssigneeValue(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (v.kind === 'unit') return isString(v.unitId) && UNIT_ID_PATTERN.test(v.unitId);
  if (v.kind === 'person') return isString(v.name) && v.name.length > 0 && v.name.length <= 40;
  return false;
}

const inOwnPersonalSpace = (space: SpaceRef, userCtx: UserCtx): boolean => space.kind === 'personal' && space.id === userCtx.name;

function checkOfficialDocument(doc: Doc, old: Doc | null, userCtx: UserCtx, space: SpaceRef): void {
  if (doc.direction !== 'incoming' && doc.direction !== 'outgoing') deny('direction must be incoming or outgoing.');
  if (old && old.direction !== doc.direction) deny('direction cannot change.');
  if (!isString(doc.kind) || !Object.prototype.hasOwnProperty.call(DOCUMENT_KINDS, doc.kind))
    deny('kind must be a document type of the Decree.');
  checkText(doc, 'summary', DOCUMENT_LIMITS.summaryMax, true);
  if (!inList(URGENCIES, doc.urgency)) deny('urgency is not valid.');
  if (!inList(CONFIDENTIALITIES, doc.confidentiality)) deny('confidentiality is not valid.');
  if (doc.pageCount !== undefined) {
    const n = doc.pageCount;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > DOCUMENT_LIMITS.pageCountMax)
      deny('pageCount must be a positive whole number.');
  }
  checkFiles(doc, true);
  const confidential = isConfidentialValue(doc.confidentiality);
  if (doc.direction === 'incoming') {
    if (!hasRole(userCtx, 'clerk')) deny('Only clerks register incoming documents.');
    if (confidential) {
      if (!inOwnPersonalSpace(space, userCtx)) deny('Confidential documents are registered in the clerk’s own personal space only.');
      if (!isString(doc.routeTo) || !doc.routeTo) deny('routeTo (the leader to route to) is required for confidential documents.');
    } else if (space.kind !== 'registry') deny('Incoming documents are registered in the registry.');
    checkText(doc, 'issuingBody', DOCUMENT_LIMITS.issuingBodyMax, true);
    checkText(doc, 'numberSymbol', DOCUMENT_LIMITS.numberSymbolMax, true);
    checkText(doc, 'signer', DOCUMENT_LIMITS.signerMax, false);
    if (!isValidDay(doc.issuedOn)) deny('issuedOn must be a date (YYYY-MM-DD).');
    if (!isValidDay(doc.arrivedOn)) deny('arrivedOn must be a date (YYYY-MM-DD).');
    if (String(doc.issuedOn) > String(doc.arrivedOn)) deny('issuedOn cannot be after arrivedOn.');
    if (!inList(RECEIVED_VIA, doc.receivedVia)) deny('receivedVia is not valid.');
    if (doc.deadline !== undefined && !isValidDay(doc.deadline)) deny('deadline must be a date (YYYY-MM-DD).');
    if (doc.routeTo !== undefined && !isString(doc.routeTo)) deny('routeTo must be an account name.');
    if (doc.sourceDocumentId !== undefined) deny('Only the server records internal copies (sourceDocumentId).');
    return;
  }
  if (!isString(doc.unitId) || !UNIT_ID_PATTERN.test(doc.unitId)) deny('unitId must be a unit id.');
  if (old && old.unitId !== doc.unitId) deny('unitId cannot change.');
  const unitId = doc.unitId as string;
  if (!hasRole(userCtx, 'leader') && !hasRole(userCtx, `unit:${unitId}`) && !hasRole(userCtx, `head:${unitId}`))
    deny('Only members of the drafting unit and leaders draft its documents.');
  if (confidential) {
    if (!inOwnPersonalSpace(space, userCtx)) deny('Confidential drafts stay in the author’s own personal space.');
  } else if (space.kind !== 'unit' || space.id !== unitId) deny('A draft lives in the space of its drafting unit.');
  if (!isString(doc.signer) || !doc.signer) deny('signer (the leader who signs) is required.');
  const internal = doc.internalRecipients;
  const external = doc.externalRecipients;
  if (!Array.isArray(internal) || !internal.every(isAssigneeValue)) deny('internalRecipients must be a list of units and persons.');
  if (confidential && !internal.every((r) => isObject(r) && r.kind === 'person')) deny('Confidential documents go to persons only.');
  if (!Array.isArray(external) || !external.every((r) => isString(r) && r.trim() && r.length <= DOCUMENT_LIMITS.externalRecipientMax))
    deny('externalRecipients must be a list of names.');
  if (internal.length + external.length > DOCUMENT_LIMITS.recipientsMax) deny('Too many recipients.');
  if (doc.repliesTo !== undefined && !(isString(doc.repliesTo) && doc.repliesTo.indexOf('officialDocument:') === 0))
    deny('repliesTo must be a document id.');
}

const EVENT_KINDS: readonly OfficialDocumentEventKind[] = OFFICIAL_DOCUMENT_EVENT_KINDS;
/** Steps that may carry files. */
const EVENT_KINDS_WITH_FILES: readonly string[] = [
  'progress',
  'returned',
  'extensionRequested',
  'completed',
  'reviewComment',
  'changesRequested',
  'newVersion',
  'dispatched',
];

function checkAssignmentList(v: unknown, personsOnly: boolean): void {
  if (!Array.isArray(v) || v.length === 0 || v.length > DOCUMENT_LIMITS.assignmentsMax)
    deny('assignments must list who gets the document.');
  for (const a of v) {
    if (!isObject(a) || !isAssigneeValue(a.assignee)) deny('Each assignment names a unit or a person.');
    if (personsOnly && (a.assignee as Record<string, unknown>).kind !== 'person') deny('A unit head forwards to persons of the unit.');
    if (!inList(['lead', 'coordinating', 'forInformation'], a.role)) deny('Assignment role must be lead, coordinating or forInformation.');
    if (a.deadline !== undefined && !isValidDay(a.deadline)) deny('Assignment deadlines are dates (YYYY-MM-DD).');
  }
}

/** Unit head of the unit whose space this is; in a personal space (confidential work) any unit head. */
function isHeadHere(userCtx: UserCtx, space: SpaceRef): boolean {
  if (space.kind === 'unit') return hasRole(userCtx, `head:${space.id}`);
  return space.kind === 'personal' && userCtx.roles.some((r) => r.indexOf('head:') === 0);
}

function checkDocumentEvent(doc: Doc, userCtx: UserCtx, space: SpaceRef): void {
  if (space.kind === 'org') deny('Document events live with their document, never in the org space.');
  if (userCtx.name === SYSTEM_ACTOR) deny(`The account name "${SYSTEM_ACTOR}" is reserved for the server.`);
  if (!isString(doc.documentId) || doc.documentId.indexOf('officialDocument:') !== 0 || doc.documentId.length <= 17)
    deny('documentId must be an official document id.');
  const kind = doc.kind;
  if (!inList(EVENT_KINDS, kind)) deny('kind is not a document step.');
  checkText(doc, 'actorName', DOCUMENT_LIMITS.actorNameMax, true);
  const roles = doc.actorRoles;
  if (!Array.isArray(roles) || !roles.every((r) => isString(r) && userCtx.roles.indexOf(r) !== -1))
    deny('actorRoles must list roles of the signed-in user.');
  checkText(doc, 'note', DOCUMENT_LIMITS.noteMax, false);
  checkFiles(doc, EVENT_KINDS_WITH_FILES.indexOf(String(kind)) !== -1);
  if (doc.assignee !== undefined && !isAssigneeValue(doc.assignee)) deny('assignee must be a unit or a person.');
  if (doc.assignmentKey !== undefined && !isString(doc.assignmentKey)) deny('assignmentKey must be text.');
  const assignee = doc.assignee as { kind: string; unitId?: string; name?: string } | undefined;
  const leader = hasRole(userCtx, 'leader');
  const clerk = hasRole(userCtx, 'clerk');
  switch (kind as OfficialDocumentEventKind) {
    case 'numbered':
    case 'delivered':
      deny('Only the server numbers and delivers documents.');
      break;
    case 'registered':
      if (!clerk) deny('Only clerks register documents.');
      if (space.kind !== 'registry' && !inOwnPersonalSpace(space, userCtx))
        deny('Documents are registered in the registry (confidential: own space).');
      break;
    case 'directed':
      if (!leader) deny('Only leaders direct documents.');
      if (space.kind !== 'registry' && !inOwnPersonalSpace(space, userCtx))
        deny('Directions are written in the registry (confidential: own space).');
      checkAssignmentList(doc.assignments, false);
      break;
    case 'forwarded':
      if (!assignee || assignee.kind !== 'unit') deny('assignee must be the unit passing the document on.');
      if (!hasRole(userCtx, `head:${assignee.unitId}`)) deny('Only the head of the unit passes its documents on.');
      if (space.kind !== 'unit' || space.id !== assignee.unitId) deny('Forwarding is written in the unit’s space.');
      checkAssignmentList(doc.assignments, true);
      break;
    case 'read':
      if (assignee) checkActsFor(assignee, userCtx, true);
      break;
    case 'progress':
    case 'returned':
    case 'extensionRequested':
    case 'completed':
      if (!assignee) deny('assignee is required.');
      checkActsFor(assignee, userCtx, false);
      if (kind === 'progress' && doc.percent !== undefined) {
        const p = doc.percent;
        if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 100) deny('percent must be a whole number 0–100.');
      }
      if (kind === 'returned') {
        if (doc.returnReason !== undefined && !inList(RETURN_REASONS, doc.returnReason)) deny('returnReason is not valid.');
        if (doc.returnReason === undefined && !(isString(doc.note) && doc.note.trim())) deny('A return needs a reason.');
      }
      if (kind === 'extensionRequested' && !isValidDay(doc.requestedDeadline)) deny('requestedDeadline must be a date (YYYY-MM-DD).');
      break;
    case 'extensionAnswered':
      if (!assignee) deny('assignee is required.');
      if (!leader && !(space.kind === 'unit' && hasRole(userCtx, `head:${space.id}`)))
        deny('Only the leader or unit head who assigned it answers.');
      if (typeof doc.accepted !== 'boolean') deny('accepted must be true or false.');
      if (doc.requestedDeadline !== undefined && !isValidDay(doc.requestedDeadline)) deny('requestedDeadline must be a date (YYYY-MM-DD).');
      break;
    case 'submitted':
      if (space.kind === 'registry') deny('Drafts are submitted in their unit’s space.');
      break;
    case 'newVersion':
      if (space.kind === 'registry') deny('Drafts are revised in their unit’s space.');
      if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 2)
        deny('version must be a whole number from 2.');
      if (!Array.isArray(doc.files) || doc.files.length === 0) deny('A new version carries its files.');
      break;
    case 'reviewComment':
    case 'changesRequested':
      if (!leader && !isHeadHere(userCtx, space)) deny('Only the unit head and leaders review drafts.');
      if (!(isString(doc.note) && doc.note.trim())) deny('note is required.');
      if (doc.version !== undefined && !(typeof doc.version === 'number' && Number.isInteger(doc.version) && doc.version >= 1))
        deny('version must be a whole number.');
      break;
    case 'forwardedToLeader':
      if (!isHeadHere(userCtx, space)) deny('Only the head of the drafting unit forwards drafts to a leader.');
      break;
    case 'approved':
      if (!leader) deny('Only leaders approve documents.');
      if (doc.approval !== undefined) {
        const a = doc.approval;
        if (!isObject(a) || !['algorithm', 'keyId', 'digest', 'signature'].every((k) => isString(a[k]) && (a[k] as string).length <= 2000))
          deny('approval must carry algorithm, keyId, digest and signature.');
      }
      break;
    case 'issued':
    case 'dispatched':
      if (!clerk) deny('Only clerks issue and dispatch documents.');
      if (kind === 'dispatched') {
        if (doc.dispatchMethod !== undefined && !inList(DISPATCH_METHODS, doc.dispatchMethod)) deny('dispatchMethod is not valid.');
        if (doc.recipients !== undefined && !(Array.isArray(doc.recipients) && doc.recipients.every(isString)))
          deny('recipients must be names.');
        if (doc.dispatchedOn !== undefined && !isValidDay(doc.dispatchedOn)) deny('dispatchedOn must be a date (YYYY-MM-DD).');
      }
      break;
    case 'recalled':
    case 'replaced':
      if (!leader && !clerk) deny('Only leaders and clerks recall or replace issued documents.');
      if (kind === 'replaced' && !(isString(doc.replacementId) && doc.replacementId.indexOf('officialDocument:') === 0))
        deny('replacementId must be the replacing document.');
      break;
  }
}

/** The person named, or for a unit its head (any member may record a read). */
function checkActsFor(assignee: { kind: string; unitId?: string; name?: string }, userCtx: UserCtx, reading: boolean): void {
  if (assignee.kind === 'person') {
    if (assignee.name !== userCtx.name) deny('Only the assignee acts on their assignment.');
    return;
  }
  const unit = assignee.unitId;
  if (hasRole(userCtx, `head:${unit}`) || (reading && hasRole(userCtx, `unit:${unit}`))) return;
  deny(reading ? 'Only members of the unit record reading for it.' : 'Only the head of the unit acts for the unit.');
}

// ————————————————————————————————————————————— tasks (issue 4, docs/decisions/0003)
//
// Checked here: schema, author, space and the role-only rules (who may create what kind of task in which
// space). The relation rules (the assigner of *this* task, its lead, the parent's team, the unit of the people
// named) need the stored task and its events: the gateway checks them with `tasks/rules.ts` and marks a refused
// document with `docketRefused`, which `checkRefusal` turns into this store's own 403.

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const ACCOUNT_MAX = 40;

const isAccount = (v: unknown): boolean => isString(v) && v.length > 0 && v.length <= ACCOUNT_MAX;

function checkActorRoles(doc: Doc, userCtx: UserCtx): void {
  const roles = doc.actorRoles;
  if (!Array.isArray(roles) || !roles.every((r) => isString(r) && userCtx.roles.indexOf(r) !== -1))
    deny('actorRoles must list roles of the signed-in user.');
}

function checkPeopleList(v: unknown, field: string): void {
  if (!Array.isArray(v) || v.length > TASK_LIMITS.peopleMax || !v.every(isAccount)) deny(`${field} must be a list of account names.`);
}

/** `deadline` (+ `deadlineTime`); on an event `''` may say "no deadline" (the rules read it so). */
function checkDeadlineFields(doc: Record<string, unknown>, emptyAllowed = false): void {
  if (emptyAllowed && doc.deadline === '' && (doc.deadlineTime === undefined || doc.deadlineTime === '')) return;
  if (doc.deadline !== undefined && !isValidDay(doc.deadline)) deny('deadline must be a date (YYYY-MM-DD).');
  if (doc.deadlineTime !== undefined) {
    if (!isString(doc.deadlineTime) || !TIME_OF_DAY.test(doc.deadlineTime)) deny('deadlineTime must be a time (HH:mm).');
    if (doc.deadline === undefined) deny('deadlineTime needs a deadline.');
  }
}

function checkChecklist(v: unknown): void {
  if (!Array.isArray(v) || v.length > TASK_LIMITS.checklistMax)
    deny(`checklist must be a list of at most ${TASK_LIMITS.checklistMax} items.`);
  const ids: string[] = [];
  for (const item of v) {
    if (!isObject(item) || !isString(item.id) || !item.id || item.id.length > 100 || ids.indexOf(item.id) !== -1)
      deny('Each checklist item has its own id.');
    ids.push(item.id as string);
    if (!isString(item.text) || !item.text.trim() || item.text.length > TASK_LIMITS.checklistTextMax)
      deny(`Checklist items are 1–${TASK_LIMITS.checklistTextMax} characters.`);
  }
}

function checkLinks(v: unknown): void {
  if (!Array.isArray(v) || v.length > TASK_LIMITS.linksMax) deny(`links must be a list of at most ${TASK_LIMITS.linksMax}.`);
  for (const l of v) {
    if (!isObject(l) || (l.kind !== 'document' && l.kind !== 'meeting')) deny('A link is to a document or a meeting.');
    if (l.id !== undefined && !(isString(l.id) && l.id.length <= 200)) deny('A link id is text.');
    if (!isString(l.label) || !l.label.trim() || l.label.length > TASK_LIMITS.linkLabelMax)
      deny(`Link labels are 1–${TASK_LIMITS.linkLabelMax} characters.`);
  }
}

function checkRecurrence(v: unknown): void {
  if (!isObject(v)) deny('recurrence must be an object.');
  if (!inList(['daily', 'weekly', 'monthly'], v.freq)) deny('recurrence.freq must be daily, weekly or monthly.');
  const n = v.interval;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 366) deny('recurrence.interval must be a whole number from 1.');
  const wd = v.weekday;
  if (wd !== undefined && !(typeof wd === 'number' && Number.isInteger(wd) && wd >= 1 && wd <= 7)) deny('recurrence.weekday must be 1–7.');
  const md = v.monthDay;
  if (md !== undefined && !(typeof md === 'number' && Number.isInteger(md) && md >= 1 && md <= 31))
    deny('recurrence.monthDay must be 1–31.');
  if (v.until !== undefined && !isValidDay(v.until)) deny('recurrence.until must be a date (YYYY-MM-DD).');
}

/** Spaces that hold tasks: unit spaces (and copies in them) and personal spaces. */
function checkTaskSpace(space: SpaceRef): void {
  if (space.kind !== 'unit' && space.kind !== 'personal') deny('Tasks live in unit spaces and personal spaces.');
}

function checkTask(doc: Doc, userCtx: UserCtx, space: SpaceRef): void {
  checkTaskSpace(space);
  if (userCtx.name === SYSTEM_ACTOR) deny(`The account name "${SYSTEM_ACTOR}" is reserved for the server.`);
  checkText(doc, 'title', TASK_LIMITS.titleMax, true);
  checkText(doc, 'description', TASK_LIMITS.descriptionMax, false);
  if (doc.assigner !== userCtx.name) deny('The assigner must be the signed-in user.');
  checkText(doc, 'assignerName', 200, true);
  checkActorRoles(doc, userCtx);
  if (!isAccount(doc.lead)) deny('lead (one account) is required.');
  checkPeopleList(doc.coordinators, 'coordinators');
  checkPeopleList(doc.followers, 'followers');
  if (!inList(TASK_PRIORITIES, doc.priority)) deny('priority is not valid.');
  if (doc.startOn !== undefined && !isValidDay(doc.startOn)) deny('startOn must be a date (YYYY-MM-DD).');
  checkDeadlineFields(doc);
  checkChecklist(doc.checklist);
  checkLinks(doc.links);
  checkFiles(doc, true);
  if (doc.parentId !== undefined && !(isString(doc.parentId) && doc.parentId.indexOf('task:') === 0 && doc.parentId.length > 5))
    deny('parentId must be a task id.');
  if (doc.seriesId !== undefined) deny('Only the server creates the occurrences of a series.');
  if (doc.recurrence !== undefined) {
    checkRecurrence(doc.recurrence);
    if (doc.deadline === undefined) deny('A repeating task needs its first deadline.');
  }
  const coordinators = doc.coordinators as string[];
  const followers = doc.followers as string[];
  if (doc.unitId === undefined) {
    if (!inOwnPersonalSpace(space, userCtx)) deny('A personal task lives in its creator’s own personal space.');
    if (doc.lead !== userCtx.name || coordinators.length > 0 || followers.length > 0)
      deny('A personal task has its creator as lead and no one else on it.');
    return;
  }
  if (!isString(doc.unitId) || !UNIT_ID_PATTERN.test(doc.unitId)) deny('unitId must be a unit id.');
  const unitId = doc.unitId as string;
  if (space.kind !== 'unit' || space.id !== unitId) deny('A unit task is created in the space of its unit.');
  if (hasRole(userCtx, 'leader') || hasRole(userCtx, `head:${unitId}`)) return;
  if (!hasRole(userCtx, `unit:${unitId}`)) deny('Only leaders, unit heads and members of the unit may create tasks in this unit.');
  // A member splitting a task they lead may name the parent's coordinators (the gateway checks the parent).
  if (doc.parentId === undefined && (doc.lead !== userCtx.name || coordinators.length > 0))
    deny('Staff create tasks only for themselves, without coordinators.');
}

function checkTaskEvent(doc: Doc, userCtx: UserCtx, space: SpaceRef): void {
  checkTaskSpace(space);
  if (userCtx.name === SYSTEM_ACTOR) deny(`The account name "${SYSTEM_ACTOR}" is reserved for the server.`);
  if (!isString(doc.taskId) || doc.taskId.indexOf('task:') !== 0 || doc.taskId.length <= 5) deny('taskId must be a task id.');
  const kind = doc.kind;
  if (!inList(TASK_EVENT_KINDS, kind)) deny('kind is not a task event.');
  checkText(doc, 'actorName', 200, true);
  checkActorRoles(doc, userCtx);
  checkText(doc, 'note', TASK_LIMITS.noteMax, false);
  checkFiles(doc, true);
  if (doc.percent !== undefined) {
    const p = doc.percent;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 100) deny('percent must be a whole number 0–100.');
  }
  checkDeadlineFields(doc, true);
  if (doc.itemId !== undefined && !isString(doc.itemId)) deny('itemId must be text.');
  if (doc.done !== undefined && typeof doc.done !== 'boolean') deny('done must be true or false.');
  if (doc.accepted !== undefined && typeof doc.accepted !== 'boolean') deny('accepted must be true or false.');
  if (doc.lead !== undefined && !isAccount(doc.lead)) deny('lead must be an account name.');
  if (doc.coordinators !== undefined) checkPeopleList(doc.coordinators, 'coordinators');
  if (doc.followers !== undefined) checkPeopleList(doc.followers, 'followers');
  if (doc.changes !== undefined) {
    const c = doc.changes;
    if (!isObject(c)) deny('changes must be an object.');
    checkText(c, 'title', TASK_LIMITS.titleMax, false);
    if (isString(c.title) && !c.title.trim()) deny('title cannot be empty.');
    checkText(c, 'description', TASK_LIMITS.descriptionMax, false);
    if (c.priority !== undefined && !inList(TASK_PRIORITIES, c.priority)) deny('priority is not valid.');
    if (c.startOn !== undefined && c.startOn !== '' && !isValidDay(c.startOn)) deny('startOn must be a date (YYYY-MM-DD).');
    if (c.checklist !== undefined) checkChecklist(c.checklist);
    if (c.links !== undefined) checkLinks(c.links);
  }
  switch (kind) {
    case 'checklistToggled':
      if (!isString(doc.itemId) || typeof doc.done !== 'boolean') deny('A checklist tick names its item and whether it is done.');
      break;
    case 'edited':
      if (doc.changes === undefined) deny('changes are required.');
      break;
    case 'extensionRequested':
      if (doc.deadline === undefined) deny('An extension request names the new deadline.');
      break;
    case 'extensionAnswered':
      if (typeof doc.accepted !== 'boolean') deny('accepted must be true or false.');
      break;
    case 'comment':
      if (!(isString(doc.note) && doc.note.trim())) deny('note is required.');
      break;
  }
}

// ————————————————————————————————————————————— schedules (issue 5, docs/decisions/0004)
//
// Checked here (`schedule/validation.ts`): schema, author, bounds, the space each kind of entry lives in and the
// role-only rules (who writes the leadership schedule and its publication steps, who writes a unit's schedule).
// The relation rules (the organiser of *this* event, its invitees, the week's state) need the stored event or the
// week's steps: the gateway checks them (`server/gateway/schedule-rules.ts`) and marks refusals with `docketRefused`.

function checkSchedule(type: string, doc: Doc, userCtx: UserCtx, space: SpaceRef): void {
  if (userCtx.name === SYSTEM_ACTOR) deny(`The account name "${SYSTEM_ACTOR}" is reserved for the server.`);
  const problem =
    type === 'calendarEvent'
      ? calendarEventProblem(doc, userCtx, space)
      : type === 'calendarEventEvent'
        ? calendarEventEventProblem(doc, userCtx, space)
        : scheduleWeekEventProblem(doc, userCtx, space);
  if (problem) deny(problem);
  if (type === 'calendarEvent') checkFiles(doc, true);
  if (type === 'calendarEventEvent' && isObject(doc.changes) && doc.changes.files !== undefined && doc.changes.files !== null)
    checkFiles(doc.changes, true);
}

// ————————————————————————————————————————————— files databases (`./files.ts`)

/**
 * What a file may belong to: an official document or step (issue 3), a task or task event (issue 4), a calendar event
 * or schedule step (issue 5), a message (issue 6). A conversation's files belong to its messages only; the org space
 * holds no official documents or tasks.
 */
const FILE_OWNER_PREFIXES = [
  'officialDocument:',
  'officialDocumentEvent:',
  'task:',
  'taskEvent:',
  'calendarEvent:',
  'calendarEventEvent:',
  'message:',
];
const ORG_FILE_OWNER_PREFIXES = ['calendarEvent:', 'calendarEventEvent:', 'message:'];
const CONVERSATION_FILE_OWNER_PREFIXES = ['message:'];

/**
 * `validate_doc_update` of a space's files database. A file is written by a reader of the space (in the org space:
 * any active account of the ward), first its metadata, then once its bytes (the attachment `data`, of the declared
 * type and size); after that it never changes and is never deleted (only the server, e.g. a retention job, could).
 */
export function validateFileUpdate(newDoc: Doc, oldDoc: Doc | null | undefined, userCtx: UserCtx, _secObj: unknown, space: SpaceRef): void {
  checkRefusal(newDoc);
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  const id = isString(newDoc._id) ? newDoc._id : '';
  if (id.indexOf('_design/') === 0) deny('Only the server administrator may change design documents.');
  if (!userCtx.name || !isActive(userCtx)) deny('This account may not write.');
  const old = oldDoc && !oldDoc._deleted ? oldDoc : null;
  if (newDoc._deleted) deny('Files cannot be deleted.');
  if (newDoc.type !== 'file') deny('A files database holds files only.');
  if (id.indexOf('file:') !== 0 || id.length <= 5) deny('_id must start with "file:".');
  if (newDoc.schema !== 1) deny('schema must be 1.');
  if (!isValidInstant(newDoc.createdAt)) deny('createdAt must be an ISO-8601 UTC time.');
  if (newDoc.createdBy !== userCtx.name) deny('createdBy must be the signed-in user.');
  const owner = newDoc.ownerId;
  const owners =
    space.kind === 'conversation' ? CONVERSATION_FILE_OWNER_PREFIXES : space.kind === 'org' ? ORG_FILE_OWNER_PREFIXES : FILE_OWNER_PREFIXES;
  if (!isString(owner) || !owners.some((p) => owner.indexOf(p) === 0 && owner.length > p.length))
    deny(
      space.kind === 'conversation'
        ? 'ownerId must be a message: a conversation’s files belong to its messages.'
        : space.kind === 'org'
          ? 'ownerId must be a calendar event or schedule step, or a message.'
          : 'ownerId must be an official document or step, a task or task event, a calendar event or schedule step, or a message.',
    );
  checkFileFields(newDoc);
  const atts = newDoc._attachments;
  if (atts !== undefined) {
    if (!isObject(atts)) deny('_attachments must be an object.');
    const names = Object.keys(atts);
    if (names.length !== 1 || names[0] !== 'data') deny('A file has one attachment, named data.');
    const data = atts.data;
    if (!isObject(data)) deny('Bad attachment.');
    if (data.content_type !== newDoc.contentType) deny('The bytes must have the declared content type.');
    if (attachmentSize(data) !== newDoc.size) deny('The bytes must have the declared size.');
  }
  if (old) {
    for (const k of ['type', 'ownerId', 'name', 'contentType', 'size', 'sha256', 'createdAt', 'createdBy', 'schema']) {
      if (old[k] !== newDoc[k]) deny('A file never changes: upload a new one.');
    }
    if (isObject(old._attachments) && old._attachments.data) deny('A file never changes: upload a new one.');
    if (atts === undefined) deny('A file is written twice only to add its bytes.');
  }
}
