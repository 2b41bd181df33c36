import { monotonicFactory } from 'ulid';
import type { AuditAction, AuditEntry, AuditPage, AuditQuery } from '../../src/model/audit.ts';
import { foldVietnamese } from '../../src/model/documents/numbering.ts';
import { openAdminOnlyDb } from '../store/admin-only-db.ts';
import type { Store } from '../store/types.ts';

/**
 * The audit log: who did what, when, from where, in the admin-only database `docket-audit`. Entries
 * are only ever added (`audit:<ULID>`, so `_all_docs` is time order); nothing in the app edits or
 * deletes them, and no account but the server admin can reach the database through `/db`.
 */
export const AUDIT_DB = 'docket-audit';

const ulid = monotonicFactory();
const MAX_LIMIT = 1000;
/** Entries read per page while filtering (most recent first). */
const SCAN_PAGE = 500;

export type AuditInput = Pick<AuditEntry, 'actor' | 'action' | 'summary'> & Partial<Pick<AuditEntry, 'target' | 'ip' | 'device'>>;

/** `YYYY-MM-DD` → the first instant of that ward day (UTC+7) as ISO; ISO times pass through. */
function instantOf(day: string, end: boolean): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const d = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}+07:00`);
  return Number.isNaN(d.getTime()) ? day : d.toISOString();
}

export class AuditLog {
  private dbPromise: Promise<PouchDB.Database> | undefined;

  constructor(private readonly store: Store) {}

  private db(): Promise<PouchDB.Database> {
    this.dbPromise ??= openAdminOnlyDb(this.store, AUDIT_DB);
    this.dbPromise.catch(() => (this.dbPromise = undefined));
    return this.dbPromise;
  }

  async record(input: AuditInput, at = new Date()): Promise<AuditEntry> {
    const entry: AuditEntry = {
      _id: `audit:${ulid(at.getTime())}`,
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
    await (await this.db()).put(entry);
    return entry;
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
