import { monotonicFactory, ulid as ulidAt } from 'ulid';
import type { AuditAction, AuditEntry, AuditPage, AuditQuery } from '../../src/model/audit.ts';
import { foldVietnamese } from '../../src/model/documents/numbering.ts';
import { openAdminOnlyDb } from '../store/admin-only-db.ts';
import type { Store } from '../store/types.ts';

/**
 * The audit log: who did what, when, from where, in the admin-only database `docket-audit`. Entries
 * are only ever added (`audit:<ULID>`, so `_all_docs` is time order); nothing in the app edits or
 * deletes them, and no account but the server admin can reach the database through `/db`. Entries the
 * workers record from documents (`recordOnce`) have a claim beside them, `auditKey:<key>`, so each is
 * written once however many servers, restarts or spaces see its event.
 */
export const AUDIT_DB = 'docket-audit';

const ulid = monotonicFactory();
const MAX_LIMIT = 1000;
/** Entries read per page while filtering (most recent first). */
const SCAN_PAGE = 500;

export type AuditInput = Pick<AuditEntry, 'actor' | 'action' | 'summary'> & Partial<Pick<AuditEntry, 'target' | 'ip' | 'device'>>;

/** An entry recorded at most once per `key` (e.g. `event:<event id>`), whichever server or retry sees it first. */
export interface AuditOnce {
  key: string;
  input: AuditInput;
  /** When it happened (e.g. the event's `createdAt`); a time later than the server's clock is not trusted. */
  at?: Date;
}

/**
 * `auditKey:<key>` claims a key for one entry and names it: the first server to see the key stores the entry
 * id it chose (`audit:<ULID of the time>`), later ones and retries find it and write that same entry (a 409
 * means it is there). The ids sort outside `audit:…`, so `query` never sees them.
 */
interface AuditClaim {
  _id: string;
  _rev?: string;
  type: 'auditClaim';
  entryId: string;
  at: string;
}
export const auditClaimId = (key: string): string => `auditKey:${key}`;
/** A client's clock may run ahead; beyond this the server's own time is used (kept by the claim). */
const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
const isConflict = (err: unknown): boolean => (err as { status?: number }).status === 409;

/** `YYYY-MM-DD` → the first instant of that ward day (UTC+7) as ISO; ISO times pass through. */
function instantOf(day: string, end: boolean): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const d = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}+07:00`);
  return Number.isNaN(d.getTime()) ? day : d.toISOString();
}

function entryOf(id: string, input: AuditInput, at: Date): AuditEntry {
  return {
    _id: id,
    type: 'auditEntry',
    schema: 1,
    at: at.toISOString(),
    // Names from refused sign-ins are whatever was typed: kept short.
    actor: input.actor.slice(0, 100),
    action: input.action,
    target: (input.target ?? '').slice(0, 200),
    summary: input.summary.slice(0, 1000),
    ...(input.ip ? { ip: input.ip } : {}),
    ...(input.device ? { device: input.device } : {}),
  };
}

export class AuditLog {
  private dbPromise: Promise<PouchDB.Database> | undefined;

  constructor(private readonly store: Store) {}

  /** Creates the database and its `_security` now (at start), not during the first request that needs it. */
  async ready(): Promise<void> {
    await this.db();
  }

  private db(): Promise<PouchDB.Database> {
    this.dbPromise ??= openAdminOnlyDb(this.store, AUDIT_DB);
    this.dbPromise.catch(() => (this.dbPromise = undefined));
    return this.dbPromise;
  }

  async record(input: AuditInput, at = new Date()): Promise<AuditEntry> {
    const entry = entryOf(`audit:${ulid(at.getTime())}`, input, at);
    await (await this.db()).put(entry);
    return entry;
  }

  /**
   * Records each entry unless its key was recorded before (by this or another server, before a restart, or
   * from another space holding the same event); returns how many were new. Safe to repeat after a crash:
   * a claimed key whose entry is missing gets it now, under the id and time the claim chose.
   */
  async recordOnce(items: readonly AuditOnce[]): Promise<number> {
    if (items.length === 0) return 0;
    const db = await this.db();
    const now = Date.now();
    const claims = await db.allDocs<AuditClaim>({ keys: items.map((i) => auditClaimId(i.key)), include_docs: true });
    const wanted: { claim: AuditClaim; input: AuditInput }[] = [];
    for (const [i, item] of items.entries()) {
      const row = claims.rows[i];
      let claim: AuditClaim | null = row && 'doc' in row && row.doc ? row.doc : null;
      if (!claim) {
        // Not the monotonic factory: it would move a past time (an event from an offline week) up to the latest one.
        const t = item.at && item.at.getTime() <= now + MAX_CLOCK_AHEAD_MS && item.at.getTime() >= 0 ? item.at.getTime() : now;
        const fresh: AuditClaim = {
          _id: auditClaimId(item.key),
          type: 'auditClaim',
          entryId: `audit:${ulidAt(t)}`,
          at: new Date(t).toISOString(),
        };
        try {
          await db.put(fresh);
          claim = fresh;
        } catch (err) {
          if (!isConflict(err)) throw err;
          claim = await db.get<AuditClaim>(fresh._id); // another server claimed it first: its id wins
        }
      }
      wanted.push({ claim, input: item.input });
    }
    const present = await db.allDocs({ keys: wanted.map((w) => w.claim.entryId) });
    let added = 0;
    for (const [i, w] of wanted.entries()) {
      const row = present.rows[i];
      if (row && 'value' in row && row.value && !row.value.deleted) continue;
      try {
        await db.put(entryOf(w.claim.entryId, w.input, new Date(w.claim.at)));
        added++;
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
    }
    return added;
  }

  /** Newest first, filtered; `more` tells that the limit cut the list. */
  query(q: AuditQuery = {}): Promise<AuditPage> {
    return this.scan(q, Math.min(Math.max(1, q.limit ?? 200), MAX_LIMIT));
  }

  /** Every entry matching, oldest first (for CSV export). */
  async all(q: AuditQuery = {}): Promise<AuditEntry[]> {
    return (await this.scan(q, Infinity)).entries.reverse();
  }

  private async scan(q: AuditQuery, limit: number): Promise<AuditPage> {
    const words = foldVietnamese(q.q ?? '')
      .split(/\s+/)
      .filter(Boolean);
    const from = q.from ? instantOf(q.from, false) : '';
    const to = q.to ? instantOf(q.to, true) : '';
    const matches = (e: AuditEntry): boolean => {
      if (q.action && e.action !== q.action) return false;
      if (q.actor && e.actor !== q.actor) return false;
      if (from && e.at < from) return false;
      if (to && e.at > to) return false;
      if (!words.length) return true;
      const text = foldVietnamese(`${e.actor} ${e.target} ${e.summary} ${e.action} ${e.ip ?? ''} ${e.device ?? ''}`);
      return words.every((w) => text.includes(w));
    };
    const db = await this.db();
    const entries: AuditEntry[] = [];
    let startkey = 'audit:\uffff';
    let skip = 0;
    for (;;) {
      const res = await db.allDocs<AuditEntry>({
        include_docs: true,
        descending: true,
        startkey,
        endkey: 'audit:',
        limit: SCAN_PAGE,
        skip,
      });
      for (const row of res.rows) {
        const e = row.doc;
        if (!e) continue;
        if (to && e.at > to) continue;
        if (from && e.at < from) return { entries, more: false }; // older than the range: done
        if (matches(e)) {
          if (entries.length === limit) return { entries, more: true };
          entries.push(e);
        }
      }
      if (res.rows.length < SCAN_PAGE) return { entries, more: false };
      startkey = res.rows[res.rows.length - 1]!.id;
      skip = 1;
    }
  }
}

/** An action recorded from an account's own request: the caller's address and device come along. */
export interface AuditContext {
  actor: string;
  ip?: string;
  device?: string;
}

export const auditFrom = (ctx: AuditContext, action: AuditAction, target: string, summary: string): AuditInput => ({
  actor: ctx.actor,
  action,
  target,
  summary,
  ...(ctx.ip ? { ip: ctx.ip } : {}),
  ...(ctx.device ? { device: ctx.device } : {}),
});
