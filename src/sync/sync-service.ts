/**
 * The app's sync: one `SyncManager` per space of the signed-in account, window connectivity
 * events, and one snapshot for the badge and panel.
 */
import { localDbReady, remoteDb, spaceDb } from '../data/db.ts';
import type { MeResponse } from '../model/api.ts';
import type { Space } from '../model/spaces.ts';
import { type ChangeNotifier, changeNotifier } from './change-notifier.ts';
import { type UploadSnapshot, fileUploads } from './file-uploads.ts';
import { overallState } from './overall.ts';
import { HealthReporter } from './health-report.ts';
import { SyncManager } from './sync-manager.ts';
import type { RejectedDoc, SpaceSyncStatus, SyncSnapshot, SyncTiming } from './types.ts';

export interface AccessCheck {
  result: 'ok' | 'unauthorized' | 'offline';
  me: MeResponse | null;
}

export interface SyncServiceConfig {
  local: (me: MeResponse, space: Space) => PouchDB.Database;
  remote: (space: Space) => PouchDB.Database;
  /** Awaited before a manager first uses its local database (default: its indexes, `localDbReady`). */
  ready: (db: PouchDB.Database) => Promise<void>;
  timing?: Partial<SyncTiming>;
  batchSize?: number;
  /** Send files waiting on this device (`file-uploads.ts`); default true, off in tests with fake remotes. */
  uploads?: boolean;
  /** One long poll for every space (`change-notifier.ts`); the app's default. Tests with other remotes go without. */
  notifier?: ChangeNotifier;
  /** Report this device's sync health to the server (`health-report.ts`); the app's default, off with other remotes. */
  healthReports?: boolean;
}

const ORDER: Record<Space['kind'], number> = { org: 0, registry: 1, unit: 2, personal: 3, conversation: 4 };

export class SyncService {
  private managers = new Map<string, SyncManager>();
  private me?: MeResponse;
  private online = typeof navigator === 'undefined' ? true : navigator.onLine;
  private listeners = new Set<(s: SyncSnapshot) => void>();
  private unsubscribers = new Map<string, () => void>();
  private checker?: () => Promise<AccessCheck>;
  private checking?: Promise<void>;
  private config: SyncServiceConfig = {
    local: (me, space) => spaceDb(me, space, { reopen: true }),
    remote: (space) => remoteDb(space),
    ready: localDbReady,
    notifier: changeNotifier,
    healthReports: true,
  };
  private readonly health = new HealthReporter(async (db) => {
    const m = this.managers.get(db);
    return m ? ((await m.local.info()).doc_count ?? 0) : 0;
  });
  private last: SyncSnapshot;
  private notifyQueued = false;

  private uploads?: UploadSnapshot;

  constructor() {
    this.last = this.compute();
    fileUploads.subscribe((u) => {
      this.uploads = u;
      this.notify();
    });
  }

  /** Tests: local/remote database factories and fast timing. */
  configure(config: Partial<SyncServiceConfig>): void {
    // Another remote than the app's server has no /api/changes: its pulls stay live.
    const notifier = config.notifier ?? (config.remote ? undefined : this.config.notifier);
    const healthReports = config.healthReports ?? (config.remote ? false : this.config.healthReports);
    this.config = { ...this.config, ...config, notifier, healthReports };
  }

  /** Called on 401/403 to confirm against `/api/me` (the session module installs it). */
  setAccessChecker(checker: () => Promise<AccessCheck>): void {
    this.checker = checker;
  }

  isRunning(): boolean {
    return !!this.me;
  }

  /**
   * Starts syncing every space of `me`; idempotent. Called again with a fresh `me` it adds new
   * spaces, drops spaces no longer listed, and resumes spaces that needed a new sign-in.
   */
  start(me: MeResponse): void {
    if (this.me && this.me.name !== me.name) {
      const old = [...this.managers.keys()];
      for (const db of old) void this.removeSpace(db);
    }
    if (!this.me) {
      window.addEventListener('online', this.onOnline);
      window.addEventListener('offline', this.onOffline);
      this.online = navigator.onLine;
    }
    this.me = me;
    const listed = new Set(me.spaces.map((s) => s.db));
    for (const db of [...this.managers.keys()]) if (!listed.has(db)) void this.removeSpace(db);
    for (const space of me.spaces) {
      let manager = this.managers.get(space.db);
      if (!manager) {
        const local = this.config.local(me, space);
        manager = new SyncManager({
          space,
          local,
          ready: () => this.config.ready(local),
          remote: this.config.remote(space),
          online: this.online,
          ...(this.config.timing ? { timing: this.config.timing } : {}),
          ...(this.config.batchSize ? { batchSize: this.config.batchSize } : {}),
          onAuthProblem: (status, m) => this.onAuthProblem(status, m),
          ...(this.config.notifier ? { notifier: this.config.notifier } : {}),
        });
        this.managers.set(space.db, manager);
        this.unsubscribers.set(
          space.db,
          manager.subscribe(() => this.notify()),
        );
      }
      manager.start();
    }
    if (this.config.uploads !== false) fileUploads.start(me);
    this.notify();
  }

  /** Stops every replication (sign-out). */
  async stop(): Promise<void> {
    if (this.me) {
      window.removeEventListener('online', this.onOnline);
      window.removeEventListener('offline', this.onOffline);
    }
    this.me = undefined;
    fileUploads.stop();
    const dbs = [...this.managers.keys()];
    await Promise.all(dbs.map((db) => this.removeSpace(db)));
    this.notify();
  }

  /** Stops and forgets one space (lost access); the caller erases its local database. */
  async removeSpace(db: string): Promise<void> {
    const manager = this.managers.get(db);
    if (!manager) return;
    this.managers.delete(db);
    this.unsubscribers.get(db)?.();
    this.unsubscribers.delete(db);
    await manager.stop();
    this.notify();
  }

  syncNow(): void {
    if (!this.online) this.online = true;
    fileUploads.kick();
    this.config.notifier?.restart();
    for (const m of this.managers.values()) m.syncNow();
  }

  async discardRejected(id: string, spaceDb: string): Promise<void> {
    await this.managers.get(spaceDb)?.discardRejected(id);
  }

  snapshot(): SyncSnapshot {
    return this.last;
  }

  subscribe(cb: (s: SyncSnapshot) => void): () => void {
    this.listeners.add(cb);
    cb(this.last);
    return () => this.listeners.delete(cb);
  }

  private readonly onOnline = (): void => {
    this.online = true;
    for (const m of this.managers.values()) m.setOnline(true);
    fileUploads.kick();
    this.config.notifier?.restart();
    this.notify();
  };

  private readonly onOffline = (): void => {
    this.online = false;
    for (const m of this.managers.values()) m.setOnline(false);
    this.notify();
  };

  private onAuthProblem(status: 401 | 403, manager: SyncManager): void {
    if (!this.checker || this.checking) return;
    this.checking = (async () => {
      try {
        const check = await this.checker!();
        if (check.result === 'unauthorized') {
          // Expired session: every space waits for a new sign-in (local work goes on).
          for (const m of this.managers.values()) m.markNeedsSignIn();
        } else if (check.result === 'ok' && this.managers.get(manager.space.db) === manager && status === 401) {
          // Still signed in and the space is still listed: not a session problem; retry with backoff.
          manager.retryLater();
        }
        // 403 with the space no longer listed: the checker (refreshMe) already removed it from the device.
      } finally {
        this.checking = undefined;
      }
    })();
  }

  private compute(): SyncSnapshot {
    const spaces: SpaceSyncStatus[] = [...this.managers.values()]
      .map((m) => m.status())
      .sort((a, b) => ORDER[a.space.kind] - ORDER[b.space.kind]);
    const rejected: RejectedDoc[] = [...this.managers.values()].flatMap((m) => m.rejected());
    const synced = spaces.map((s) => s.lastSyncedAt);
    const lastSyncedAt = synced.length && synced.every((s) => !!s) ? (synced as string[]).reduce((a, b) => (a < b ? a : b)) : undefined;
    return {
      online: this.online,
      overall: spaces.length
        ? overallState(
            this.online,
            spaces.map((s) => s.state),
          )
        : this.online
          ? 'connecting'
          : 'offline',
      pendingLocal: spaces.reduce((n, s) => n + s.pendingLocal, 0) + (this.uploads?.items.length ?? 0),
      ...(lastSyncedAt ? { lastSyncedAt } : {}),
      ...(this.uploads?.items.length ? { uploads: this.uploads } : {}),
      spaces,
      rejected,
    };
  }

  private notify(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      this.last = this.compute();
      for (const cb of this.listeners) cb(this.last);
      if (this.config.healthReports && this.me) this.health.onSnapshot(this.last);
    });
  }
}

export const syncService = new SyncService();
