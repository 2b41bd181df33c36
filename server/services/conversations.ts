import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { ulid } from 'ulid';
import { MESSAGE_LIMITS, MESSAGE_SCHEMA, type ConversationDoc, conversationDocIdOf } from '../../src/model/messages.ts';
import { type SpaceRef, directConversationKey, isConversationId } from '../../src/model/spaces.ts';
import { HttpError, badRequest, forbidden } from '../errors.ts';
import { ensureSpace } from '../setup/spaces.ts';
import { openAdminOnlyDb } from '../store/admin-only-db.ts';
import type { Store } from '../store/types.ts';
import { MemberDirectory } from './members.ts';
import { getOrNull } from './directory.ts';

/**
 * The conversation registry (issue 6, docs/decisions/0005): one document per conversation in the admin-only
 * `docket-conversations` database, with its members, and a view by member, so that `/api/me` lists a person's
 * conversations with one query and the gateway knows a conversation's members with one read (cached briefly).
 * The registry is the truth: each conversation space's `_security` (names only) and its meta document
 * (`conversation:<id>`) follow it, written right after it, and again by setup on every start.
 */
export const CONVERSATIONS_DB = 'docket-conversations';
const DESIGN_ID = '_design/conversations';
const DESIGN_VIEWS = {
  byMember: {
    map: "function (doc) { if (doc.type === 'conversationRecord' && doc.members) { for (var i = 0; i < doc.members.length; i++) emit(doc.members[i], null); } }",
  },
};

export interface ConversationRecord {
  /** `conversation:<id>`. */
  _id: string;
  _rev?: string;
  type: 'conversationRecord';
  id: string;
  kind: 'direct' | 'group';
  title?: string;
  members: string[];
  /** People who left (history; they read nothing any more). */
  formerMembers: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Process-wide: `changed` (id, members) when a conversation's members changed (the gateway ends open requests of
 * people who left); `created` (id) once a new conversation's space exists (the workers follow it at once).
 */
export const conversationEvents = new EventEmitter();
conversationEvents.setMaxListeners(0);
let generation = 0;
const changed = (record: ConversationRecord): void => {
  generation++;
  conversationEvents.emit('changed', record.id, record.members);
};

/** `dm-` and the first 24 hex characters of SHA-256 of the two names, sorted (= `directConversationId`). */
export function directIdOf(a: string, b: string): string {
  return `dm-${createHash('sha256').update(directConversationKey(a, b)).digest('hex').slice(0, 24)}`;
}

export const conversationSpace = (id: string): SpaceRef => ({ kind: 'conversation', id });

/** Ids of every registered conversation, without creating the registry when there is none yet (backups). */
export async function listConversationIds(store: Store): Promise<string[]> {
  if (!(await store.exists(CONVERSATIONS_DB))) return [];
  const res = await (await store.db(CONVERSATIONS_DB)).allDocs({ startkey: 'conversation:', endkey: 'conversation:\ufff0' });
  return res.rows.map((r) => r.id.slice('conversation:'.length)).filter(isConversationId);
}

const isConflict = (err: unknown): boolean => (err as { status?: number }).status === 409;
const sorted = (names: Iterable<string>): string[] => [...new Set(names)].sort();

export class ConversationService {
  private opened: Promise<PouchDB.Database> | undefined;
  private readonly cache = new Map<string, { at: number; generation: number; members: Promise<string[] | null> }>();

  constructor(
    private readonly store: Store,
    private readonly members: MemberDirectory = new MemberDirectory(store),
    /** How long a conversation's members are trusted without reading the registry again (other app servers). */
    private readonly ttlMs = 2_000,
  ) {}

  /** The registry database, created with its `_security` and view on first use. */
  db(): Promise<PouchDB.Database> {
    this.opened ??= (async () => {
      const db = await openAdminOnlyDb(this.store, CONVERSATIONS_DB);
      const design = await getOrNull<{ views?: unknown }>(db, DESIGN_ID);
      if (!design || JSON.stringify(design.views) !== JSON.stringify(DESIGN_VIEWS)) {
        await db.put({ _id: DESIGN_ID, ...(design ? { _rev: design._rev } : {}), views: DESIGN_VIEWS }).catch((err: unknown) => {
          if (!isConflict(err)) throw err;
        });
      }
      return db;
    })();
    this.opened.catch(() => (this.opened = undefined));
    return this.opened;
  }

  async get(id: string): Promise<ConversationRecord | null> {
    if (!isConversationId(id)) return null;
    const rec = await getOrNull<ConversationRecord>(await this.db(), conversationDocIdOf(id));
    return rec && rec.type === 'conversationRecord' ? rec : null;
  }

  /** The members of a conversation (null: no such conversation), cached for `ttlMs` and dropped on changes here. */
  membersOf(id: string): Promise<string[] | null> {
    const now = Date.now();
    const c = this.cache.get(id);
    if (c && c.generation === generation && now - c.at < this.ttlMs) return c.members;
    const members = this.get(id).then((r) => (r ? r.members : null));
    this.cache.set(id, { at: now, generation, members });
    members.catch(() => this.cache.delete(id));
    if (this.cache.size > 10_000) this.cache.clear();
    return members;
  }

  /** The conversations the account is a member of. */
  async listFor(name: string): Promise<ConversationRecord[]> {
    const res = await (await this.db()).query('conversations/byMember', { key: name, include_docs: true });
    return res.rows.map((r) => r.doc as unknown as ConversationRecord).filter((r) => r && r.type === 'conversationRecord');
  }

  /** Every conversation (setup). */
  async all(): Promise<ConversationRecord[]> {
    const res = await (await this.db()).allDocs({ startkey: 'conversation:', endkey: 'conversation:\ufff0', include_docs: true });
    return res.rows.map((r) => r.doc as unknown as ConversationRecord).filter((r) => r && r.type === 'conversationRecord');
  }

  /**
   * `POST /api/conversations`: two people and no title make their direct conversation (the same id every time:
   * asking again returns it, with both as members again); anything else a group with a title.
   */
  async create(creator: string, input: unknown): Promise<{ record: ConversationRecord; created: boolean }> {
    const body = (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : null) as {
      members?: unknown;
      title?: unknown;
    } | null;
    if (!body) throw badRequest('Send {"members": ["<account>", …], "title"?: "…"}.');
    const given = body.members;
    if (!Array.isArray(given) || !given.every((m) => typeof m === 'string') || given.length > MESSAGE_LIMITS.membersMax)
      throw badRequest(`members must be a list of at most ${MESSAGE_LIMITS.membersMax} account names.`);
    const names = sorted([creator, ...(given as string[])]);
    if (body.title !== undefined && body.title !== null && typeof body.title !== 'string') throw badRequest('title must be text.');
    const title = typeof body.title === 'string' ? body.title.trim() : undefined;
    if (title !== undefined && (title.length < 1 || title.length > MESSAGE_LIMITS.titleMax))
      throw badRequest(`title must be 1–${MESSAGE_LIMITS.titleMax} characters.`);
    if (names.length < MESSAGE_LIMITS.membersMin) throw badRequest('A conversation needs at least one other member.');
    if (names.length > MESSAGE_LIMITS.membersMax) throw badRequest(`A conversation has at most ${MESSAGE_LIMITS.membersMax} members.`);
    await this.checkActive(names);
    const now = new Date().toISOString();
    const direct = names.length === 2 && title === undefined;
    if (!direct && title === undefined) throw badRequest('A group conversation needs a title.');
    const id = direct ? directIdOf(names[0]!, names[1]!) : ulid().toLowerCase();
    const db = await this.db();
    for (let attempt = 0; ; attempt++) {
      const existing = direct ? await this.get(id) : null;
      let record: ConversationRecord;
      if (existing) {
        if (sorted(existing.members).join('\n') === names.join('\n')) {
          await this.syncSpace(existing);
          return { record: existing, created: false };
        }
        record = { ...existing, members: names, formerMembers: existing.formerMembers.filter((n) => !names.includes(n)), updatedAt: now };
      } else {
        record = {
          _id: conversationDocIdOf(id),
          type: 'conversationRecord',
          id,
          kind: direct ? 'direct' : 'group',
          ...(direct ? {} : { title }),
          members: names,
          formerMembers: [],
          createdBy: creator,
          createdAt: now,
          updatedAt: now,
        };
      }
      try {
        record._rev = (await db.put(record)).rev;
      } catch (err) {
        if (isConflict(err) && attempt < 5) continue;
        throw err;
      }
      changed(record);
      await this.syncSpace(record);
      if (!existing) conversationEvents.emit('created', record.id);
      return { record, created: !existing };
    }
  }

  /** `POST /api/conversations/:id/members`: a member adds people to a group, or leaves. */
  async changeMembers(id: string, actor: string, input: unknown): Promise<ConversationRecord> {
    const body = (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : null) as {
      add?: unknown;
      leave?: unknown;
    } | null;
    if (!body) throw badRequest('Send {"add": ["<account>", …]} or {"leave": true}.');
    const leave = body.leave === true;
    if (body.leave !== undefined && body.leave !== true) throw badRequest('leave must be true.');
    const add = body.add;
    if (add !== undefined && (!Array.isArray(add) || !add.every((m) => typeof m === 'string') || add.length > MESSAGE_LIMITS.membersMax))
      throw badRequest(`add must be a list of at most ${MESSAGE_LIMITS.membersMax} account names.`);
    if (leave === (add !== undefined)) throw badRequest('Send either add or leave.');
    if (add) await this.checkActive(sorted(add as string[]));
    const db = await this.db();
    for (let attempt = 0; ; attempt++) {
      const record = await this.get(id);
      if (!record || !record.members.includes(actor)) throw forbidden('You are not a member of this conversation.');
      let members: string[];
      if (leave) {
        members = record.members.filter((n) => n !== actor);
      } else {
        if (record.kind === 'direct') throw badRequest('Nobody can be added to a direct conversation: start a group.');
        members = sorted([...record.members, ...(add as string[])]);
        if (members.length > MESSAGE_LIMITS.membersMax)
          throw badRequest(`A conversation has at most ${MESSAGE_LIMITS.membersMax} members.`);
        if (members.length === record.members.length) return record;
      }
      const next: ConversationRecord = {
        ...record,
        members,
        formerMembers: sorted([...record.formerMembers, ...(leave ? [actor] : [])].filter((n) => !members.includes(n))),
        updatedAt: new Date().toISOString(),
      };
      try {
        next._rev = (await db.put(next)).rev;
      } catch (err) {
        if (isConflict(err) && attempt < 5) continue;
        throw err;
      }
      changed(next);
      await this.syncSpace(next);
      return next;
    }
  }

  /** The space's database, design document, `_security` (members by name) and meta document, as the record says. */
  async syncSpace(record: ConversationRecord): Promise<{ db: string; changed: boolean }> {
    const space = conversationSpace(record.id);
    const res = await ensureSpace(this.store, space, { members: record.members });
    const db = await this.store.db(res.db);
    const meta: ConversationDoc = {
      _id: conversationDocIdOf(record.id),
      type: 'conversation',
      schema: MESSAGE_SCHEMA,
      kind: record.kind,
      ...(record.title !== undefined ? { title: record.title } : {}),
      members: sorted(record.members),
      createdBy: record.createdBy,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
    for (let attempt = 0; ; attempt++) {
      const current = await getOrNull<ConversationDoc>(db, meta._id);
      const same =
        !!current &&
        Object.keys(current).length === Object.keys(meta).length + 1 &&
        (Object.keys(meta) as (keyof ConversationDoc)[]).every((k) => JSON.stringify(current[k]) === JSON.stringify(meta[k]));
      if (same) return res;
      // An older record arriving late (two servers) must not undo a newer one.
      if (current && current.updatedAt > meta.updatedAt) return res;
      try {
        await db.put(current ? { ...meta, _rev: current._rev } : meta);
        return { db: res.db, changed: true };
      } catch (err) {
        if (!isConflict(err) || attempt >= 5) throw err;
      }
    }
  }

  /** 400 naming the accounts that do not exist or are disabled. */
  private async checkActive(names: string[]): Promise<void> {
    const directory = await this.members.snapshot();
    const unknown = names.filter((n) => !directory.isActive(n));
    if (unknown.length) throw new HttpError(400, 'bad_request', `Unknown or disabled accounts: ${unknown.join(', ')}.`);
  }
}
