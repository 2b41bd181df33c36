import type { DeviceHealth, DeviceReport } from '../../src/model/device-health.ts';
import { openAdminOnlyDb } from '../store/admin-only-db.ts';
import type { Store } from '../store/types.ts';

/**
 * When each account last signed in and last synced, for the administrator's account list. Kept in the
 * admin-only database `docket-activity`, one document per account; sync times are written at most
 * once a minute per account and process (replication sends hundreds of requests).
 */
export const ACTIVITY_DB = 'docket-activity';
const SYNC_WRITE_EVERY_MS = 60_000;

export interface AccountActivity {
  lastSignInAt?: string;
  lastSyncAt?: string;
}

interface ActivityDoc extends AccountActivity {
  _id: string;
  _rev?: string;
}

const idOf = (name: string): string => `user:${name}`;

export class ActivityLog {
  private dbPromise: Promise<PouchDB.Database> | undefined;
  private readonly lastSyncWrite = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: Store) {}

  /** Creates the database and its `_security` now (at start), not during the first request that needs it. */
  async ready(): Promise<void> {
    await this.db();
  }

  private db(): Promise<PouchDB.Database> {
    this.dbPromise ??= openAdminOnlyDb(this.store, ACTIVITY_DB);
    this.dbPromise.catch(() => (this.dbPromise = undefined));
    return this.dbPromise;
  }

  /** Read-modify-write, one at a time in this process; a conflict with another server is retried once. */
  private update(name: string, change: (doc: ActivityDoc) => void): Promise<void> {
    const run = async (): Promise<void> => {
      const db = await this.db();
      for (let attempt = 0; attempt < 2; attempt++) {
        const doc = await db.get<ActivityDoc>(idOf(name)).catch((): ActivityDoc => ({ _id: idOf(name) }));
        change(doc);
        try {
          await db.put(doc);
          return;
        } catch (err) {
          if ((err as { status?: number }).status !== 409) throw err;
        }
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  signedIn(name: string, at = new Date()): Promise<void> {
    return this.update(name, (d) => void (d.lastSignInAt = at.toISOString()));
  }

  /** A request of `name` to one of its spaces (throttled). */
  synced(name: string, at = new Date()): void {
    const last = this.lastSyncWrite.get(name) ?? 0;
    if (at.getTime() - last < SYNC_WRITE_EVERY_MS) return;
    this.lastSyncWrite.set(name, at.getTime());
    void this.update(name, (d) => void (d.lastSyncAt = at.toISOString())).catch(() => undefined);
  }

  /** The latest health report of one device of `name` (one document per account and device). */
  async deviceReported(name: string, report: DeviceReport, ip?: string, at = new Date()): Promise<void> {
    const db = await this.db();
    const _id = `device:${name}:${report.deviceId}`;
    const doc: DeviceHealth & { _id: string; _rev?: string } = {
      _id,
      name,
      ...report,
      reportedAt: at.toISOString(),
      ...(ip ? { ip } : {}),
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      const old = await db.get(_id).catch(() => null);
      try {
        await db.put({ ...doc, ...(old ? { _rev: old._rev } : {}) });
        return;
      } catch (err) {
        if ((err as { status?: number }).status !== 409) throw err;
      }
    }
  }

  /** Every device's latest report, most recent first. */
  async devices(): Promise<DeviceHealth[]> {
    const res = await (await this.db()).allDocs<DeviceHealth>({ include_docs: true, startkey: 'device:', endkey: 'device:\uffff' });
    return res.rows
      .flatMap((r) => (r.doc ? [r.doc] : []))
      .map(({ name, deviceId, label, spaces, reportedAt, ip }) => ({ name, deviceId, label, spaces, reportedAt, ...(ip ? { ip } : {}) }))
      .sort((a, b) => (a.reportedAt < b.reportedAt ? 1 : -1));
  }

  async all(): Promise<Map<string, AccountActivity>> {
    const res = await (await this.db()).allDocs<ActivityDoc>({ include_docs: true, startkey: 'user:', endkey: 'user:\uffff' });
    return new Map(
      res.rows.flatMap((r) =>
        r.doc ? [[r.id.slice(5), { lastSignInAt: r.doc.lastSignInAt, lastSyncAt: r.doc.lastSyncAt } as AccountActivity]] : [],
      ),
    );
  }
}
