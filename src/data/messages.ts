/**
 * Messages on this device (issue 6, docs/decisions/0005-conversations.md): direct and group conversations, each
 * its own space that only its members' devices hold, and discussion threads on documents, tasks and events (the
 * messages carry `parentId` and live next to their parent). Everything is append-only: a message is never
 * changed; an edit or a removal is a `messageEvent` by its author, and the earlier text stays readable. What a
 * person has read is one `messageRead` per person and space (read receipts).
 *
 * Written offline, a message shows "sending" until the server confirms it; replication carries messages in the
 * order of their ids (time-sortable), and the same `_id` on every side means a message is never duplicated.
 */
import type { MeResponse } from '../model/api.ts';
import { compareVi } from '../model/collate.ts';
import { newId } from '../model/ids.ts';
import {
  MESSAGE_LIMITS,
  MESSAGE_SCHEMA,
  type Message,
  type MessageEvent,
  type MessageRead,
  messageReadIdOf,
} from '../model/messages.ts';
import { validateAttachments } from '../model/documents/validation.ts';
import type { Space } from '../model/spaces.ts';
import { docsByPrefix, isSpaceDbErased, localDbReady, spaceDb, subscribeLocalChanges } from './db.ts';
import { storeNewFiles } from './files.ts';
import { putRecords } from './space-index.ts';
import { pendingLocalIds, readSyncMeta, subscribeSyncMeta } from './sync-meta.ts';
import { ValidationError } from './validation.ts';

export { ValidationError } from './validation.ts';

/** A message as the views show it: its current text, what it was, whether it is still on this device only. */
export interface MessageView {
  id: string;
  message: Message;
  /** The latest text (the original unless edited); empty when removed. */
  text: string;
  /** Earlier texts, oldest first, with when they were replaced. */
  history: { text: string; until: string }[];
  removed: boolean;
  removedAt?: string;
  /** Not confirmed by the server yet ("sending"). */
  pending: boolean;
  /** Refused by the server (shown, never silently dropped). */
  rejected: boolean;
}

export interface ConversationView {
  space: Space;
  /** Group title, or the other person's name. */
  title: string;
  kind: 'direct' | 'group';
  members: string[];
  /** Top-level messages (not thread messages on items), oldest first. */
  messages: MessageView[];
  /** Who read up to which message (account → message id), me included. */
  reads: Map<string, string>;
  /** Messages from others after what I read. */
  unread: number;
  last?: MessageView;
}

/** Conversations this device holds (the spaces `/api/me` lists for this person). */
export const conversationSpaces = (me: MeResponse): Space[] => me.spaces.filter((s) => s.kind === 'conversation' && !isSpaceDbErased(me, s));

// ————————————————————————————————————————————— reading

interface SpaceRead {
  seq: number | string;
  messages: Message[];
  events: MessageEvent[];
  reads: MessageRead[];
  pending: Set<string>;
  rejected: Set<string>;
}

/** Per database: what was read at which update sequence (a conversation that did not change is not read again). */
const cache = new Map<string, SpaceRead>();

async function readSpace(me: MeResponse, space: Space): Promise<SpaceRead> {
  const db = spaceDb(me, space);
  await localDbReady(db);
  const meta = await readSyncMeta(db);
  const seq = (await db.info()).update_seq;
  const key = `${me.name}|${space.db}`;
  const hit = cache.get(key);
  const pending = await pendingLocalIds(db, meta);
  const rejected = new Set(meta.rejected.map((r) => r.id));
  if (hit && hit.seq === seq) return { ...hit, pending, rejected };
  const [messages, events, reads] = await Promise.all([
    docsByPrefix<Message>(db, 'message:'),
    docsByPrefix<MessageEvent>(db, 'messageEvent:'),
    docsByPrefix<MessageRead>(db, 'messageRead:'),
  ]);
  const read: SpaceRead = { seq, messages, events, reads, pending, rejected };
  cache.set(key, read);
  return read;
}

/** Messages with their edits and removals applied (author's steps only; others are ignored as the server does). */
function viewsOf(read: SpaceRead, filter: (m: Message) => boolean): MessageView[] {
  const byMessage = new Map<string, MessageEvent[]>();
  for (const e of read.events) byMessage.set(e.messageId, [...(byMessage.get(e.messageId) ?? []), e]);
  return read.messages
    .filter(filter)
    .sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a._id < b._id ? -1 : 1))
    .map((m) => {
      const view: MessageView = {
        id: m._id,
        message: m,
        text: m.text,
        history: [],
        removed: false,
        pending: read.pending.has(m._id),
        rejected: read.rejected.has(m._id),
      };
      const steps = (byMessage.get(m._id) ?? [])
        .filter((e) => e.createdBy === m.createdBy)
        .sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a._id < b._id ? -1 : 1));
      for (const e of steps) {
        if (view.removed) break;
        if (read.pending.has(e._id)) view.pending = true;
        if (e.kind === 'edited' && e.text) {
          view.history.push({ text: view.text, until: e.createdAt });
          view.text = e.text;
        } else if (e.kind === 'removed') {
          view.history.push({ text: view.text, until: e.createdAt });
          view.removed = true;
          view.removedAt = e.createdAt;
          view.text = '';
        }
      }
      return view;
    });
}

function unreadOf(me: MeResponse, messages: MessageView[], upTo: string | undefined): number {
  return messages.filter((m) => m.message.createdBy !== me.name && !m.removed && (!upTo || m.id > upTo)).length;
}

function titleOf(me: MeResponse, space: Space, names: (n: string) => string): string {
  const c = space.conversation;
  if (c?.kind === 'group') return c.title ?? space.title;
  const other = (space.members ?? []).find((n) => n !== me.name);
  return other ? names(other) : space.title;
}

/**
 * One conversation with its messages. `names` turns account names into display names (the directory), for the
 * title of a direct conversation.
 */
export async function loadConversation(me: MeResponse, space: Space, names: (n: string) => string = (n) => n): Promise<ConversationView> {
  const read = await readSpace(me, space);
  const messages = viewsOf(read, (m) => !m.parentId);
  const reads = new Map(read.reads.map((r) => [r.createdBy, r.upTo]));
  return {
    space,
    title: titleOf(me, space, names),
    kind: space.conversation?.kind ?? 'group',
    members: space.members ?? [],
    messages,
    reads,
    unread: unreadOf(me, messages, reads.get(me.name)),
    ...(messages.length ? { last: messages[messages.length - 1]! } : {}),
  };
}

/** Every conversation on this device, the most recently active first. */
export async function listConversations(me: MeResponse, names: (n: string) => string = (n) => n): Promise<ConversationView[]> {
  const list = await Promise.all(conversationSpaces(me).map((s) => loadConversation(me, s, names)));
  const activity = (c: ConversationView): string => c.last?.message.createdAt ?? c.space.conversation?.createdAt ?? '';
  return list.sort((a, b) => (activity(a) !== activity(b) ? (activity(a) < activity(b) ? 1 : -1) : compareVi(a.title, b.title)));
}

/** Unread messages over every conversation (the navigation's badge). */
export async function unreadMessages(me: MeResponse): Promise<number> {
  return (await listConversations(me)).reduce((n, c) => n + c.unread, 0);
}

/** The discussion of an item (document, task, event) in one of the spaces holding it. */
export async function threadOf(me: MeResponse, space: Space, parentId: string): Promise<MessageView[]> {
  return viewsOf(await readSpace(me, space), (m) => m.parentId === parentId);
}

/** Calls `onChange` when messages change in any of `spaces` (local writes, replication, sync state). */
export function subscribeMessages(me: MeResponse, onChange: () => void, spaces: readonly Space[] = conversationSpaces(me)): () => void {
  const stops: Array<() => void> = [];
  for (const space of spaces) {
    const db = spaceDb(me, space);
    stops.push(
      subscribeLocalChanges(db, (change) => {
        if (change.id.startsWith('message')) onChange();
      }),
    );
    stops.push(subscribeSyncMeta(db, onChange));
  }
  return () => stops.forEach((stop) => stop());
}

// ————————————————————————————————————————————— writing

/** Account names mentioned as `@name` in the text, among `members` (the only people a mention can reach). */
export function mentionsIn(text: string, members: readonly string[]): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/@([a-z0-9][a-z0-9._-]*[a-z0-9])/gi)) {
    const name = m[1]!.toLowerCase();
    if (members.includes(name)) found.add(name);
  }
  return [...found].slice(0, MESSAGE_LIMITS.mentionsMax);
}

function checkText(text: string, withFiles = false): string {
  const v = text.trim();
  if (!v && !withFiles) throw new ValidationError([{ field: 'text', code: 'error.required' }]);
  if (v.length > MESSAGE_LIMITS.textMax) throw new ValidationError([{ field: 'text', code: 'error.tooLong', params: { max: MESSAGE_LIMITS.textMax } }]);
  return v;
}

/**
 * Writes a message into `space` (a conversation, or with `parentId` the space of the item discussed). Works
 * offline; files (optional; then the text may be empty) are uploaded when online. Throws `ValidationError`
 * (`text`, `files.<i>`) or `StorageFullError`.
 */
export async function sendMessage(
  me: MeResponse,
  space: Space,
  input: { text: string; replyTo?: string; parentId?: string; members?: readonly string[]; files?: readonly File[] },
): Promise<string> {
  const files = input.files ?? [];
  const text = checkText(input.text, files.length > 0);
  const fileErrors = validateAttachments(
    files.map((f) => ({ name: f.name, type: f.type, size: f.size })),
    'files',
  );
  if (fileErrors.length) throw new ValidationError(fileErrors);
  const now = Date.now();
  const doc: Message = {
    _id: newId('message', now),
    type: 'message',
    schema: MESSAGE_SCHEMA,
    createdAt: new Date(now).toISOString(),
    createdBy: me.name,
    authorName: me.displayName,
    text,
    mentions: mentionsIn(text, input.members ?? space.members ?? []).filter((n) => n !== me.name),
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    ...(input.parentId ? { parentId: input.parentId } : {}),
  };
  // The bytes wait in the space's files database until they are uploaded; the message carries their metadata.
  const metas = await storeNewFiles(me, space, doc._id, files);
  if (metas.length) doc.files = metas;
  await putRecords(me, space, [doc]);
  return doc._id;
}

async function step(me: MeResponse, space: Space, messageId: string, kind: 'edited' | 'removed', text?: string): Promise<string> {
  const now = Date.now();
  const doc: MessageEvent = {
    _id: newId('messageEvent', now),
    type: 'messageEvent',
    schema: MESSAGE_SCHEMA,
    createdAt: new Date(now).toISOString(),
    createdBy: me.name,
    messageId,
    kind,
    ...(text !== undefined ? { text } : {}),
  };
  await putRecords(me, space, [doc]);
  return doc._id;
}

/** Replaces the text of one's own message (the earlier text stays visible as history). */
export const editMessage = (me: MeResponse, space: Space, messageId: string, text: string): Promise<string> =>
  step(me, space, messageId, 'edited', checkText(text));

/** Removes one's own message: it shows as "removed" for everyone. */
export const removeMessage = (me: MeResponse, space: Space, messageId: string): Promise<string> => step(me, space, messageId, 'removed');

/** Marks everything up to `upTo` read (never moves back). */
export async function markRead(me: MeResponse, space: Space, upTo: string): Promise<void> {
  const db = spaceDb(me, space);
  await localDbReady(db);
  const id = messageReadIdOf(me.name);
  let existing: MessageRead | null = null;
  try {
    existing = (await db.get(id)) as unknown as MessageRead;
  } catch {
    existing = null;
  }
  if (existing && existing.upTo >= upTo) return;
  const now = new Date().toISOString();
  const doc: MessageRead = {
    _id: id,
    ...(existing?._rev ? { _rev: existing._rev } : {}),
    type: 'messageRead',
    schema: MESSAGE_SCHEMA,
    createdAt: existing?.createdAt ?? now,
    createdBy: me.name,
    upTo,
    at: now,
  };
  await putRecords(me, space, [doc]);
}

export class ConversationError extends Error {
  constructor(
    readonly reason: 'offline' | 'badRequest' | 'server',
    message: string,
  ) {
    super(message);
    this.name = 'ConversationError';
  }
}

/** Starts a conversation (needs the network: the server makes its space). Returns the new space's database name. */
export async function createConversation(members: readonly string[], title?: string): Promise<{ db: string; id: string }> {
  let res: Response;
  try {
    res = await fetch('/api/conversations', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ members, ...(title?.trim() ? { title: title.trim() } : {}) }),
    });
  } catch (err) {
    throw new ConversationError('offline', err instanceof Error ? err.message : String(err));
  }
  // The answer is the conversation's space, as `/api/me` will list it (201 made, 200 the direct one already there).
  const body = (await res.json().catch(() => ({}))) as Partial<Space> & { reason?: string };
  if (res.status === 400) throw new ConversationError('badRequest', body.reason ?? 'bad request');
  if (!res.ok || !body.db || !body.id) throw new ConversationError('server', `POST /api/conversations → ${res.status}`);
  return { db: body.db, id: body.id };
}

/** Leaves a group conversation (its space leaves this device at the next sync). */
export async function leaveConversation(id: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/api/conversations/${encodeURIComponent(id)}/members`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ leave: true }),
    });
  } catch (err) {
    throw new ConversationError('offline', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) throw new ConversationError('server', `leave → ${res.status}`);
}
