import { createHash } from 'node:crypto';
import { openAdminOnlyDb } from '../store/admin-only-db.ts';
import type { Store } from '../store/types.ts';

/**
 * Sessions ended by signing out. A CouchDB session cookie (`AuthSession`) is valid on its own until it
 * expires (a week here, so that field officers stay signed in offline), and CouchDB's `DELETE /_session`
 * only asks the browser to forget it. So the gateway records every cookie a user signed out with and
 * refuses it from then on, also after a restart and on every app server of a cluster: the list lives in
 * the admin-only database `docket-revoked-sessions`, one document per cookie (named by its SHA-256,
 * the cookie itself is never stored), removed once the cookie would have expired anyway.
 *
 * Limit: CouchDB renews the cookie (a new value per renewal); a renewed browser forgets the older
 * values, and only the one presented at sign-out is revoked. Changing the password ends every session.
 */
export const REVOKED_SESSIONS_DB = 'docket-revoked-sessions';

interface RevokedDoc {
  _id: string;
  _rev?: string;
  name: string;
  revokedAt: string;
  /** When the cookie would have expired by itself (ISO-8601 UTC): the entry may go then. */
  expiresAt: string;
}

const idOf = (cookie: string): string => 'session:' + createHash('sha256').update(cookie).digest('base64url');

/** The issue time inside a CouchDB cookie (`base64url(name:hexSeconds:hmac)`), or null. */
export function cookieIssuedAt(cookie: string): Date | null {
  const parts = Buffer.from(cookie, 'base64url').toString('utf8').split(':');
  const seconds = parts.length >= 3 ? parseInt(parts[1]!, 16) : NaN;
  return Number.isFinite(seconds) ? new Date(seconds * 1000) : null;
}

export class RevokedSessions {
  private dbPromise: Promise<PouchDB.Database> | undefined;
  /** Revoked through this process: answered without asking the store. */
  private readonly known = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly sessionTimeoutS: number,
  ) {}

  /** Creates the database and its `_security` now (at start), not during the first request that needs it. */
  async ready(): Promise<void> {
    await this.db();
  }

  private db(): Promise<PouchDB.Database> {
    this.dbPromise ??= openAdminOnlyDb(this.store, REVOKED_SESSIONS_DB);
    this.dbPromise.catch(() => (this.dbPromise = undefined));
    return this.dbPromise;
  }

  /** Records that `cookie` (of `name`) was signed out; idempotent. */
  async revoke(cookie: string, name: string, now = new Date()): Promise<void> {
    const id = idOf(cookie);
    this.known.add(id);
    const issued = cookieIssuedAt(cookie) ?? now;
    const doc: RevokedDoc = {
      _id: id,
      name,
      revokedAt: now.toISOString(),
      expiresAt: new Date(issued.getTime() + this.sessionTimeoutS * 1000).toISOString(),
    };
    const db = await this.db();
    await db.put(doc).catch((err: unknown) => {
      if ((err as { status?: number }).status !== 409) throw err; // revoked already
    });
  }

  /** True when `cookie` was signed out (here or on another app server). */
  async isRevoked(cookie: string): Promise<boolean> {
    const id = idOf(cookie);
    if (this.known.has(id)) return true;
    try {
      await (await this.db()).get(id);
      this.known.add(id);
      return true;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return false;
      throw err;
    }
  }

  /** Removes entries whose cookies have expired by now; returns how many. */
  async prune(now = new Date()): Promise<number> {
    const db = await this.db();
    const res = await db.allDocs<RevokedDoc>({ include_docs: true, startkey: 'session:', endkey: 'session:\uffff' });
    const expired = res.rows.flatMap((r) => (r.doc && r.doc.expiresAt < now.toISOString() ? [{ ...r.doc, _deleted: true }] : []));
    if (expired.length) await db.bulkDocs(expired);
    for (const d of expired) this.known.delete(d._id);
    return expired.length;
  }
}
