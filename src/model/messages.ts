/**
 * Messages (issue 6, docs/decisions/0005): direct and group conversations, each its own space
 * (`docket-conv-<id>`, readable by its members only), and discussion threads on an official document, a task or
 * a calendar event (`parentId`), which live in the item's unit, org or personal space.
 *
 * Everything here is pure: `validate-doc.ts` bundles the shape checks into every space's `validate_doc_update`.
 * Rules that need a stored document (only the author of *this* message edits or removes it) are checked by the
 * gateway (`server/gateway/message-rules.ts`).
 */
import type { BaseDoc } from './doc.ts';
import { type FileMeta, fileFieldsProblem, isFileMeta } from './files.ts';
import { USER_NAME_PATTERN } from './roles.ts';
import type { ConversationInfo, SpaceRef } from './spaces.ts';

export const MESSAGE_LIMITS = {
  /** Characters of a message (after trimming), also of an edit. */
  textMax: 5000,
  mentionsMax: 50,
  authorNameMax: 200,
  /** A group's title. */
  titleMax: 200,
  /** Members of a conversation, the creator included. */
  membersMin: 2,
  membersMax: 100,
  /** Files of one message (metadata here, bytes in the space's files database: `files.ts`). */
  filesMax: 10,
} as const;

export const MESSAGE_SCHEMA = 1;

/** What a thread message may be about. */
export const MESSAGE_PARENT_PREFIXES = ['officialDocument:', 'task:', 'calendarEvent:'] as const;

export const MESSAGE_EVENT_KINDS = ['edited', 'removed'] as const;
export type MessageEventKind = (typeof MESSAGE_EVENT_KINDS)[number];

/** A message: written once, never changed or deleted (edits and removals are `messageEvent`s). */
export interface Message extends BaseDoc {
  type: 'message';
  authorName: string;
  /** May be empty (`''`) when the message carries files. */
  text: string;
  /** Account names mentioned (`@name`). */
  mentions: string[];
  /** The message this one answers (`message:…`). */
  replyTo?: string;
  /** A thread on an item: `officialDocument:…`, `task:…` or `calendarEvent:…`. Without it, only in a conversation. */
  parentId?: string;
  /**
   * Files sent with the message (at most 10): their bytes are `file:<ULID>` documents owned by this message in the
   * files database of the space the message is written in (`docket-files-conv-<id>` for a conversation).
   */
  files?: FileMeta[];
}

/** An edit or a removal of a message, by its author only; append-only. */
export interface MessageEvent extends BaseDoc {
  type: 'messageEvent';
  messageId: string;
  kind: MessageEventKind;
  /** The new text (edits only). */
  text?: string;
}

/** How far a person has read a space: one per person per space (`messageRead:<account>`), edited in place. */
export interface MessageRead extends BaseDoc {
  type: 'messageRead';
  /** Every message up to this one (by id: ULIDs sort by time) is read. */
  upTo: string;
  /** ISO-8601 UTC. */
  at: string;
}

/**
 * The meta document of a conversation space (`conversation:<conversation id>`), written by the server only, kept in
 * step with the registry and `_security` whenever members change.
 */
export interface ConversationDoc extends Omit<BaseDoc, 'type'>, ConversationInfo {
  type: 'conversation';
  members: string[];
  updatedAt: string;
}

export const messageReadIdOf = (name: string): string => `messageRead:${name}`;
export const conversationDocIdOf = (conversationId: string): string => `conversation:${conversationId}`;

const MESSAGE_ID = /^message:[0-9A-HJKMNP-TV-Z]{26}$/;
const MESSAGE_EVENT_ID = /^messageEvent:[0-9A-HJKMNP-TV-Z]{26}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

type Doc = Record<string, unknown>;
const isString = (v: unknown): v is string => typeof v === 'string';
const isInstant = (v: unknown): boolean => isString(v) && ISO_TIME.test(v) && !isNaN(new Date(v).getTime());

export const isMessageId = (v: unknown): v is string => isString(v) && MESSAGE_ID.test(v);

/**
 * Text of a message or an edit: 1–5000 characters once trimmed; `mayBeEmpty` (a message carrying files): 0–5000.
 * Always a string.
 */
export function messageTextProblem(v: unknown, mayBeEmpty = false): string | null {
  if (!isString(v)) return 'text is required.';
  const n = v.trim().length;
  const min = mayBeEmpty ? 0 : 1;
  return n < min || n > MESSAGE_LIMITS.textMax ? `text must be ${min}–${MESSAGE_LIMITS.textMax} characters.` : null;
}

/** `files` of a message: absent, or a list of at most 10 `FileMeta` (each file once, of an accepted type and size). */
export function messageFilesProblem(v: unknown): string | null {
  if (v === undefined) return null;
  if (!Array.isArray(v)) return 'files must be a list.';
  if (v.length > MESSAGE_LIMITS.filesMax) return `A message has at most ${MESSAGE_LIMITS.filesMax} files.`;
  const ids: string[] = [];
  for (const f of v) {
    if (!isFileMeta(f)) return 'Each file of a message names its file:<id>, name, contentType, size and sha256.';
    if (ids.indexOf(f.fileId) !== -1) return 'A file is listed twice.';
    ids.push(f.fileId);
    const problem = fileFieldsProblem(f as unknown as Doc);
    if (problem) return problem;
  }
  return null;
}

/** Whether a message (with or without `parentId`) may be written in this kind of space. */
export function messageSpaceProblem(space: SpaceRef, parentId: unknown): string | null {
  if (space.kind === 'conversation') return null;
  if (parentId === undefined) return 'A message without parentId belongs in a conversation.';
  if (space.kind === 'unit' || space.kind === 'org' || space.kind === 'personal') return null;
  return 'Threads live in unit, ward and personal spaces.';
}

const MESSAGE_SPACES = ['conversation', 'unit', 'org', 'personal'];

export function messageProblem(doc: Doc, space: SpaceRef): string | null {
  if (!isString(doc._id) || !MESSAGE_ID.test(doc._id)) return '_id must be "message:" and a ULID.';
  if (doc.schema !== MESSAGE_SCHEMA) return `schema must be ${MESSAGE_SCHEMA}.`;
  if (doc.parentId !== undefined) {
    const p = doc.parentId;
    if (!isString(p) || p.length > 300 || !MESSAGE_PARENT_PREFIXES.some((x) => p.indexOf(x) === 0 && p.length > x.length))
      return 'parentId must be an official document, a task or a calendar event.';
  }
  const where = messageSpaceProblem(space, doc.parentId);
  if (where) return where;
  const files = messageFilesProblem(doc.files);
  if (files) return files;
  // Without files a message needs text; with files the text may be empty.
  const text = messageTextProblem(doc.text, Array.isArray(doc.files) && doc.files.length > 0);
  if (text) return text;
  if (!isString(doc.authorName) || !doc.authorName.trim() || doc.authorName.length > MESSAGE_LIMITS.authorNameMax)
    return `authorName must be 1–${MESSAGE_LIMITS.authorNameMax} characters.`;
  const m = doc.mentions;
  if (!Array.isArray(m) || m.length > MESSAGE_LIMITS.mentionsMax || !m.every((x) => isString(x) && USER_NAME_PATTERN.test(x)))
    return `mentions must be a list of at most ${MESSAGE_LIMITS.mentionsMax} account names.`;
  if (new Set(m).size !== m.length) return 'mentions names an account twice.';
  if (doc.replyTo !== undefined && !isMessageId(doc.replyTo)) return 'replyTo must be a message id.';
  if (doc._attachments !== undefined) return 'Files of messages go to the files database (files), not into _attachments.';
  return null;
}

export function messageEventProblem(doc: Doc, space: SpaceRef): string | null {
  if (!isString(doc._id) || !MESSAGE_EVENT_ID.test(doc._id)) return '_id must be "messageEvent:" and a ULID.';
  if (doc.schema !== MESSAGE_SCHEMA) return `schema must be ${MESSAGE_SCHEMA}.`;
  if (MESSAGE_SPACES.indexOf(space.kind) === -1) return 'Messages live in conversations, unit, ward and personal spaces.';
  if (!isMessageId(doc.messageId)) return 'messageId must be a message id.';
  if (doc.kind === 'edited') {
    const text = messageTextProblem(doc.text);
    if (text) return text;
  } else if (doc.kind === 'removed') {
    if (doc.text !== undefined) return 'A removal has no text.';
  } else return 'kind must be edited or removed.';
  if (doc._attachments !== undefined) return 'Message events have no attachments.';
  return null;
}

export function messageReadProblem(doc: Doc, userName: string, space: SpaceRef): string | null {
  if (doc._id !== messageReadIdOf(userName)) return '_id must be "messageRead:" and the reader’s own account name.';
  if (doc.schema !== MESSAGE_SCHEMA) return `schema must be ${MESSAGE_SCHEMA}.`;
  if (MESSAGE_SPACES.indexOf(space.kind) === -1) return 'Messages live in conversations, unit, ward and personal spaces.';
  if (!isMessageId(doc.upTo)) return 'upTo must be a message id.';
  if (!isInstant(doc.at)) return 'at must be an ISO-8601 UTC time.';
  if (doc._attachments !== undefined) return 'Read markers have no attachments.';
  return null;
}
