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
  text: string;
  /** Account names mentioned (`@name`). */
  mentions: string[];
  /** The message this one answers (`message:…`). */
  replyTo?: string;
  /** A thread on an item: `officialDocument:…`, `task:…` or `calendarEvent:…`. Without it, only in a conversation. */
  parentId?: string;
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

/** Text of a message or an edit: 1–5000 characters once trimmed. */
export function messageTextProblem(v: unknown): string | null {
  if (!isString(v)) return 'text is required.';
  const n = v.trim().length;
  return n < 1 || n > MESSAGE_LIMITS.textMax ? `text must be 1–${MESSAGE_LIMITS.textMax} characters.` : null;
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
  const text = messageTextProblem(doc.text);
  if (text) return text;
  if (!isString(doc.authorName) || !doc.authorName.trim() || doc.authorName.length > MESSAGE_LIMITS.authorNameMax)
    return `authorName must be 1–${MESSAGE_LIMITS.authorNameMax} characters.`;
  const m = doc.mentions;
  if (!Array.isArray(m) || m.length > MESSAGE_LIMITS.mentionsMax || !m.every((x) => isString(x) && USER_NAME_PATTERN.test(x)))
    return `mentions must be a list of at most ${MESSAGE_LIMITS.mentionsMax} account names.`;
  if (new Set(m).size !== m.length) return 'mentions names an account twice.';
  if (doc.replyTo !== undefined && !isMessageId(doc.replyTo)) return 'replyTo must be a message id.';
  if (doc._attachments !== undefined) return 'Messages have no attachments.';
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
