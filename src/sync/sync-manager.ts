/**
 * One live, retrying two-way replication for one space. It owns the retry loop (capped
 * exponential backoff with jitter) instead of PouchDB's `retry: true`, so that it can tell a lost
 * network from an expired session (401), a revoked space (403), a full disk, or a document the
 * server refused, and show each of those to the user.
 */
import { purgeRev, subscribeLocalChanges } from '../data/db.ts';
import { isQuotaError, statusOf } from '../data/errors.ts';
import {
  applyConfirmed,
  confirmOnServer,
  confirmPulled,
  notePulled,
  pendingLocalIds,
  seqAfter,
  readSyncMeta,
  settleSyncMeta,
  updateSyncMeta,
  type RejectedDoc,
  type SyncMeta,
} from '../data/sync-meta.ts';
import type { Space } from '../model/spaces.ts';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
import { fastPull, isHttpDb } from './first-sync.ts';
import type { SpaceSyncStatus, SyncState, SyncTiming } from './types.ts';

export const DEFAULT_TIMING: SyncTiming = {
  ...DEFAULT_BACKOFF,
  random: Math.random,
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: Date.now,
};

const CONFLICT_SCAN_MS = 10_000;

export interface SyncManagerOptions {
  space: Space;
  local: PouchDB.Database;
  remote: PouchDB.Database;
  timing?: Partial<SyncTiming>;
  /** Initial connectivity; defaults to `navigator.onLine`. */
  online?: boolean;
  /** Docs per replication batch (first sync speed; STACK-NOTES measured 500–1000 as good). */
  batchSize?: number;
  /** Use the fast first download for HTTP remotes (default true). */
  fastFirstSync?: boolean;
  /** The server answered 401 or 403: the owner may check `/api/me` and remove the space. */
  onAuthProblem?: (status: 401 | 403, manager: SyncManager) => void;
  /** Awaited before the first use of `local` (the app: its indexes, `localDbReady`). */
  ready?: () => Promise<void>;
  /**
   * Pull when told (one long poll for every space, `change-notifier.ts`) instead of a live pull holding a
   * connection per space (browsers have 6 per host). Without it, the pull is live (tests, local remotes).
   */
  notifier?: { watch(db: string, onChange: () => void): () => void };
}

type Replication = PouchDB.Replication.Replication<object>;
type ReplicationError = { id?: unknown; rev?: unknown; reason?: unknown; message?: unknown; name?: unknown; status?: unknown };

/** Push never sends design docs (local pouchdb-find indexes, the server's validation) nor refused revisions. */
function makePushFilter(excluded: Set<string>): (doc: PouchDB.Core.Document<object> & { _rev?: string }) => boolean {
  return (doc) => !doc._id.startsWith('_design/') && !excluded.has(`${doc._id}@${doc._rev ?? ''}`);
}

/**
 * The remote's info, failing with the HTTP status (the HTTP adapter's `info()` resolves with the
 * error body of a 401/403 instead of rejecting).
 */
async function remoteInfo(remote: PouchDB.Database): Promise<PouchDB.Core.DatabaseInfo & { doc_del_count?: number }> {
  const http = remote as unknown as { fetch?: (path: string, init?: RequestInit) => Promise<Response> };
  if (typeof http.fetch !== 'function') return remote.info();
  const res = await http.fetch('', { headers: new Headers({ Accept: 'application/json' }) });
  const body = (await res.json().catch(() => ({}))) as PouchDB.Core.DatabaseInfo & { error?: string; reason?: string };
  if (!res.ok)
    throw Object.assign(new Error(body.reason ?? body.error ?? res.statusText), { name: body.error ?? 'http_error', status: res.status });
  return body;
}

const labelOf = (doc: Record<string, unknown> | undefined, id: string): string => {
  for (const key of ['title', 'summary', 'name', 'displayName']) {
    const v = doc?.[key];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return id;
};

/** Rows of an `allDocs({ include_docs: true, conflicts: true })` whose document has conflicting revisions. */
const conflictedIn = (rows: ReadonlyArray<object>): number =>
  rows.filter((r) => (r as { doc?: { _conflicts?: string[] } }).doc?._conflicts?.length).length;

export class SyncManager {
  readonly space: Space;
  readonly local: PouchDB.Database;
  readonly remote: PouchDB.Database;
  private readonly timing: SyncTiming;
  private readonly batchSize: number;
  private readonly onAuthProblem?: SyncManagerOptions['onAuthProblem'];
  private readonly ready?: SyncManagerOptions['ready'];
  private readonly notifier?: SyncManagerOptions['notifier'];
  private unwatch?: () => void;

  private fastFirstSync: boolean;
  private state: SyncState = 'connecting';
  private online: boolean;
  private running = false;
  private attempt = 0;
  private retryTimer: unknown;
  private runId = 0;
  private pull?: Replication;
  private push?: Replication;
  private pullPaused = false;
  private pushPaused = false;
  private meta: SyncMeta = { _id: '_local/docket-sync', rejected: [] };
  private pending = 0;
  private conflicts = 0;
  private conflictsStale = true;
  private error?: string;
  private firstSync?: { received: number; total: number };
  private firstSyncBase = 0;
  private stopLocalFeed?: () => void;
  private pendingTimer?: ReturnType<typeof setTimeout>;
  private readonly excluded = new Set<string>();
  private readonly pushFilter: ReturnType<typeof makePushFilter>;
  private readonly listeners = new Set<() => void>();
  /** Resolves when a replication has completed, errored or been cancelled. */
  private readonly ended = new WeakMap<Replication, Promise<void>>();

  constructor(options: SyncManagerOptions) {
    this.space = options.space;
    this.local = options.local;
    this.remote = options.remote;
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.batchSize = options.batchSize ?? 500;
    this.onAuthProblem = options.onAuthProblem;
    this.ready = options.ready;
    this.notifier = options.notifier;
    this.fastFirstSync = options.fastFirstSync ?? true;
    this.online = options.online ?? (typeof navigator === 'undefined' ? true : navigator.onLine);
    this.pushFilter = makePushFilter(this.excluded);
  }

  status(): SpaceSyncStatus {
    return {
      space: this.space,
      state: this.state,
      pendingLocal: this.pending,
      ...(this.meta.lastSyncedAt ? { lastSyncedAt: this.meta.lastSyncedAt } : {}),
      ...(this.firstSync ? { firstSync: { ...this.firstSync } } : {}),
      conflicts: this.conflicts,
      ...(this.error ? { error: this.error } : {}),
    };
  }

  rejected(): RejectedDoc[] {
    return this.meta.rejected.map((r) => ({ ...r }));
  }

  subscribe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts the live replication (or waits for the network). Resumes after `needsSignIn`. */
  start(): void {
    if (this.running && this.state !== 'needsSignIn') return;
    const first = !this.running;
    this.running = true;
    this.attempt = 0;
    const ready = first && this.ready ? this.ready().catch(() => undefined) : Promise.resolve();
    const run = this.runId;
    void ready.then(async () => {
      if (!this.running || run !== this.runId) return;
      this.watchLocalChanges();
      await this.load();
      await this.connect();
    });
  }

  /** Local writes (this device's edits, pulled documents) make the pending count stale. */
  private watchLocalChanges(): void {
    this.stopLocalFeed ??= subscribeLocalChanges(this.local, () => this.schedulePending());
  }

  private unwatchLocalChanges(): void {
    this.stopLocalFeed?.();
    this.stopLocalFeed = undefined;
  }

  /** Stops replication and retries; resolves once both replications have ended. */
  async stop(): Promise<void> {
    this.running = false;
    this.runId++;
    this.clearRetry();
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = undefined;
    if (this.conflictTimer) clearTimeout(this.conflictTimer);
    this.conflictTimer = undefined;
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    this.recheckTimer = undefined;
    this.unwatchLocalChanges();
    await this.cancelReplications();
    await settleSyncMeta(this.local);
  }

  /** Connectivity changed (window `online`/`offline`). Offline at once; reconnect at once. */
  setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    if (!this.running) return;
    if (!online) {
      this.runId++;
      this.clearRetry();
      void this.cancelReplications();
      this.setState('offline');
    } else if (this.state !== 'needsSignIn') {
      this.attempt = 0;
      void this.connect();
    }
  }

  /** The user asked to sync now: skip the backoff wait. No-op while live and healthy. */
  syncNow(): void {
    if (!this.running || this.state === 'needsSignIn') return;
    if (this.state === 'syncing' || this.state === 'upToDate' || this.state === 'connecting') return;
    this.online = true;
    this.attempt = 0;
    void this.connect();
  }

  /** The session expired: stop until a new sign-in calls `start()` again. */
  markNeedsSignIn(): void {
    if (!this.running) return;
    this.runId++;
    this.clearRetry();
    void this.cancelReplications();
    this.setState('needsSignIn');
  }

  /** A refusal that turned out not to be about the session: retry with backoff. */
  retryLater(): void {
    if (!this.running) return;
    this.error = 'server';
    this.setState('error');
    this.scheduleRetry();
  }

  /** Removes a refused document from this device (purges the refused revision) and from the list. */
  async discardRejected(id: string): Promise<void> {
    const item = this.meta.rejected.find((r) => r.id === id);
    if (!item) return;
    if (item.rev) {
      try {
        await purgeRev(this.local, id, item.rev);
      } catch (err) {
        // The revision is no longer a leaf (edited since): nothing to purge, the newer edit stays.
        if (statusOf(err) === undefined) throw err;
      }
      this.excluded.delete(`${id}@${item.rev}`);
    }
    this.meta = await updateSyncMeta(this.local, (m) => {
      m.rejected = m.rejected.filter((r) => r.id !== id);
    });
    this.emit();
    this.schedulePending();
  }

  private async load(): Promise<void> {
    try {
      this.meta = await readSyncMeta(this.local);
      for (const r of this.meta.rejected) if (r.rev) this.excluded.add(`${r.id}@${r.rev}`);
      await this.computePending();
    } catch {
      /* an unreadable meta doc only loses the counters; replication still runs */
    }
    this.emit();
  }

  private async connect(): Promise<void> {
    const run = ++this.runId;
    this.clearRetry();
    await this.cancelReplications();
    if (!this.running || run !== this.runId) return;
    if (!this.online) {
      this.setState('offline');
      return;
    }
    this.setState('connecting');
    let info: PouchDB.Core.DatabaseInfo & { doc_del_count?: number };
    try {
      info = await remoteInfo(this.remote);
      if (run !== this.runId) return;
    } catch (err) {
      if (run === this.runId) void this.fail(err);
      return;
    }
    if (!this.meta.firstSyncDone) {
      this.firstSyncBase = this.meta.firstSyncReceived ?? 0;
      const total = info.doc_count + (info.doc_del_count ?? 0);
      this.firstSync = { received: Math.min(this.firstSyncBase, total), total };
    }
    if (!this.meta.firstSyncDone && !this.meta.fastPullDone && this.fastFirstSync && isHttpDb(this.remote)) {
      const go = await this.runFastPull(run);
      if (!go || run !== this.runId) return;
    }
    this.pullPaused = false;
    this.pushPaused = false;
    const opts = { live: true, retry: false, batch_size: this.batchSize };
    const push = this.local.replicate.to(this.remote, { ...opts, filter: this.pushFilter });
    this.push = push;
    this.track(push);
    const on = (rep: Replication, event: string, fn: (arg: never) => void): void => this.listen(rep, run, event, fn);
    // 'checkpoint' is also emitted for progress (`{pending_batch}`, `{revs_diff}`, …); only
    // `{checkpoint: seq}` means the push has written its checkpoint up to `seq`. Recorded whichever
    // run it belongs to: a push cancelled (network lost, the pull failed) while it wrote its checkpoint
    // still reports it, and the next push, finding nothing to send, writes its own without a report.
    (push as unknown as { on(e: string, f: (a: { checkpoint?: number | string }) => void): void }).on('checkpoint', (e) => {
      const seq = e?.checkpoint;
      if (seq === undefined || !this.running) return;
      // Never backwards: `pushedSeq` may already be past docs the pull wrote (`advanceConfirmed`).
      void this.saveMeta((m) => {
        if (seqAfter(seq, m.pushedSeq)) m.pushedSeq = seq;
      }).then(() => {
        if (this.meta.pulledAfter) this.advanceConfirmed(); // drop what the push has now passed
        this.schedulePending();
      });
    });
    on(push, 'denied', (err: ReplicationError) => void this.recordRejected(err));
    on(push, 'active', () => {
      this.pushPaused = false;
      this.setState('syncing');
    });
    on(push, 'paused', (err: unknown) => {
      if (err) return; // with retry:false an 'error' event follows
      this.pushPaused = true;
      void this.checkCaughtUp(run);
    });
    on(push, 'error', (err: unknown) => void this.fail(err));
    if (this.notifier) {
      // One long poll for every space (change-notifier.ts): pull once now, and again whenever this space changes.
      this.startPull(run);
      this.unwatch = this.notifier.watch(this.space.db, () => {
        if (this.running && run === this.runId) this.startPull(run);
      });
    } else {
      const pull = this.local.replicate.from(this.remote, opts);
      this.pull = pull;
      this.track(pull);
      this.wirePull(pull, run);
      on(pull, 'paused', (err: unknown) => {
        if (err) return;
        this.pullPaused = true;
        void this.checkCaughtUp(run);
      });
    }
  }

  /** Resolves `ended` when a replication completes, errors or is cancelled. */
  private track(rep: Replication): void {
    this.ended.set(
      rep,
      new Promise<void>((resolve) => {
        rep.on('complete', () => resolve());
        rep.on('error', () => resolve());
      }),
    );
  }

  private listen(rep: Replication, run: number, event: string, fn: (arg: never) => void): void {
    (rep as unknown as { on(e: string, f: (a: unknown) => void): void }).on(event, (arg) => {
      if (run === this.runId) fn(arg as never);
    });
  }

  /** What every pull does with what it brings: confirmations, conflicts, first-sync progress, errors. */
  private wirePull(pull: Replication, run: number): void {
    const on = (event: string, fn: (arg: never) => void): void => this.listen(pull, run, event, fn);
    on('change', (change: { docs?: Array<{ _id: string; _rev?: string }>; docs_read?: number }) => {
      notePulled(this.local, change.docs ?? []);
      this.advanceConfirmed();
      this.conflictsStale = true;
      if (this.firstSync) {
        const received = this.firstSyncBase + (change.docs_read ?? 0);
        this.firstSync = { received, total: Math.max(this.firstSync.total, received) };
      }
      this.setState('syncing');
    });
    on('checkpoint', (e: { checkpoint?: unknown }) => {
      if (e?.checkpoint !== undefined && this.firstSync) void this.saveMeta((m) => void (m.firstSyncReceived = this.firstSync?.received));
    });
    on('active', () => {
      this.pullPaused = false;
      this.setState('syncing');
    });
    on('error', (err: unknown) => void this.fail(err));
  }

  private pullAgain = false;

  /** Notifier mode: a one-shot pull; asked again while one runs, it runs once more after it. */
  private startPull(run: number): void {
    if (this.pull) {
      this.pullAgain = true;
      return;
    }
    this.pullAgain = false;
    this.pullPaused = false;
    const pull = this.local.replicate.from(this.remote, { retry: false, batch_size: this.batchSize });
    this.pull = pull;
    this.track(pull);
    this.wirePull(pull, run);
    this.listen(pull, run, 'complete', () => {
      if (this.pull === pull) this.pull = undefined;
      if (this.pullAgain) {
        this.startPull(run);
        return;
      }
      this.pullPaused = true;
      void this.checkCaughtUp(run);
    });
  }

  /**
   * The fast first download (first-sync.ts), then one-shot replications that write PouchDB's
   * checkpoints so the live sync continues from there. Returns false when the caller must stop
   * (cancelled, or failed in a way `fail` handles); other failures fall back to plain replication.
   */
  private async runFastPull(run: number): Promise<boolean> {
    const remote = this.remote as Parameters<typeof fastPull>[1];
    this.setState('syncing');
    // This manager's local change feed reads every document written, and each read holds up the next page's
    // write (a readonly transaction on the same store): it waits until the download is stored. Local edits
    // meanwhile are counted once it resumes.
    this.unwatchLocalChanges();
    try {
      // Confirm what is on the device already (the local indexes, or pages stored before a reload), so that
      // each page written below can move `pushedSeq` by its own size without scanning it again.
      const start = await confirmPulled(this.local, this.meta);
      await this.saveMeta((m) => applyConfirmed(m, start));
      // What `pushedSeq` is once the page writes queued so far are stored (they are not awaited: the next page
      // is written meanwhile, and `updateSyncMeta` keeps them in order).
      let confirmedSeq = this.meta.pulledAfter ? undefined : this.meta.pushedSeq;
      let saving: Promise<void> = Promise.resolve();
      const result = await fastPull(this.local, remote, {
        since: this.meta.firstSyncSince ?? 0,
        cancelled: () => run !== this.runId || !this.running,
        onPage: async ({ rowsRead, lastSeq: seq, docs, localSeqs }) => {
          notePulled(this.local, docs);
          // Persist, with the resume point, that these docs are no local changes (survives a reload). When this
          // page's write alone moved the local sequence on from what was confirmed, it is confirmed without a scan.
          const exact = !!localSeqs && confirmedSeq !== undefined && Number(confirmedSeq) === localSeqs.before;
          if (!exact) await saving;
          const confirmed = exact ? null : await confirmPulled(this.local, this.meta).catch(() => null);
          confirmedSeq = exact
            ? localSeqs.after
            : confirmed && !confirmed.pulledAfter && confirmed.clean
              ? (confirmed.through ?? undefined)
              : undefined;
          const received = (this.firstSync?.received ?? 0) + rowsRead;
          this.firstSync = { received, total: Math.max(this.firstSync?.total ?? 0, received) };
          saving = this.saveMeta((m) => {
            m.firstSyncSince = seq;
            m.firstSyncReceived = received;
            if (exact && localSeqs && seqAfter(localSeqs.after, m.pushedSeq)) m.pushedSeq = localSeqs.after;
            if (confirmed) applyConfirmed(m, confirmed);
          });
          this.emit();
        },
      });
      if (result === null || run !== this.runId) {
        await saving;
        return false;
      }
      const lastSeq = result.lastSeq;
      const suspects = new Set(result.suspects);
      // The catch-up starts while the last page's bookkeeping is written (its docs come after that page's in the
      // local sequence, so the `pushedSeq` saved there stays right); the confirmation below waits for both.
      const catchUp = this.local.replicate.from(this.remote, { since: lastSeq, batch_size: this.batchSize });
      catchUp.on('change', (change: { docs?: Array<{ _id: string; _rev?: string }> }) => {
        notePulled(this.local, change.docs ?? []);
        for (const d of change.docs ?? []) suspects.add(d._id);
      });
      await Promise.all([catchUp, saving]);
      const confirmed = await confirmPulled(this.local, this.meta);
      if (confirmed.clean) {
        // Nothing was written on this device meanwhile: the push may start from here. (From the
        // scan itself: a local write after it has a later sequence and is pushed.)
        const seq = confirmed.lastSeq;
        await this.local.replicate.to(this.remote, { since: seq, batch_size: this.batchSize, filter: this.pushFilter });
        await this.saveMeta((m) => {
          if (seqAfter(seq, m.pushedSeq)) m.pushedSeq = seq;
        });
      }
      await this.saveMeta((m) => void (m.fastPullDone = true));
      this.firstSyncBase = this.firstSync?.received ?? 0;
      // Into an empty database only what had several leaves (or came twice) can be in conflict: count those
      // instead of reading every document.
      if (result.fresh) await this.countConflictsOf(suspects);
      return true;
    } catch (err) {
      if (run !== this.runId) return false;
      const status = statusOf(err);
      if (status === 401 || status === 403 || isQuotaError(err) || err instanceof TypeError) {
        void this.fail(err);
        return false;
      }
      // Anything else (an endpoint the server lacks, …): PouchDB's replication is always correct.
      this.fastFirstSync = false;
      return true;
    } finally {
      if (this.running) {
        this.watchLocalChanges();
        this.schedulePending();
      }
    }
  }

  /**
   * Sets the conflict count from the given ids alone (every other document is known to have none), and the
   * documents changed on this device since the download began (a local edit may conflict with a pulled one).
   */
  private async countConflictsOf(ids: Set<string>): Promise<void> {
    try {
      for (const id of await pendingLocalIds(this.local, this.meta)) ids.add(id);
      const res = ids.size ? await this.local.allDocs({ keys: [...ids], include_docs: true, conflicts: true }) : { rows: [] };
      this.conflicts = conflictedIn(res.rows);
      this.conflictsStale = false;
      this.conflictsAt = this.timing.now();
    } catch {
      /* the full count runs later */
    }
  }

  private async checkCaughtUp(run: number): Promise<void> {
    if (!this.pullPaused || !this.pushPaused) return;
    this.attempt = 0;
    this.error = undefined;
    const now = new Date(this.timing.now()).toISOString();
    const wasFirst = !!this.firstSync;
    this.firstSync = undefined;
    await this.saveMeta((m) => {
      m.lastSyncedAt = now;
      if (wasFirst) {
        m.firstSyncDone = true;
        delete m.firstSyncReceived;
      }
    });
    if (run !== this.runId) return;
    await settleSyncMeta(this.local); // checkpoints reported just before the pause are in `meta`
    await this.computePending();
    if (this.pending > 0 && run === this.runId) await this.confirmWithServer();
    if (this.conflictsStale) await this.computeConflicts();
    if (run !== this.runId || !this.pullPaused || !this.pushPaused) return;
    this.setState('upToDate');
    if (this.pending > 0) this.scheduleRecheck(run);
  }

  private async fail(err: unknown): Promise<void> {
    this.runId++;
    const run = this.runId;
    await this.cancelReplications();
    if (!this.running || run !== this.runId) return;
    const e = (err ?? {}) as ReplicationError;
    const status = statusOf(err);
    if (status === 401 || status === 403) {
      this.error = undefined;
      this.setState(status === 401 ? 'needsSignIn' : 'accessDenied');
      this.onAuthProblem?.(status, this);
      if (status === 403 && this.running) this.scheduleRetry();
      return;
    }
    if (typeof e.id === 'string' && !isQuotaError(err)) {
      // A per-document error from `_bulk_docs` other than forbidden: list it, skip it, go on
      // (soon, unless this very document failed before, then with the usual backoff).
      const seenBefore = this.meta.rejected.some((r) => r.id === e.id);
      await this.recordRejected(e);
      if (!seenBefore) this.attempt = 0;
      if (run === this.runId) this.scheduleRetry();
      return;
    }
    if (isQuotaError(err)) this.error = 'storageFull';
    else if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      this.online = false;
      this.setState('offline');
      return;
    } else this.error = status && status >= 400 ? 'server' : 'network';
    this.setState('error');
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.clearRetry();
    const delay = backoffDelay(this.attempt++, this.timing, this.timing.random);
    this.retryTimer = this.timing.setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) this.timing.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private async cancelReplications(): Promise<void> {
    this.unwatch?.();
    this.unwatch = undefined;
    this.pullAgain = false;
    const reps = [this.pull, this.push].filter((r): r is Replication => !!r);
    this.pull = undefined;
    this.push = undefined;
    await Promise.all(
      reps.map((rep) => {
        rep.cancel();
        return this.ended.get(rep);
      }),
    );
  }

  private async recordRejected(err: ReplicationError): Promise<void> {
    const id = typeof err.id === 'string' ? err.id : '';
    if (!id) return;
    let rev = typeof err.rev === 'string' ? err.rev : undefined;
    let doc: Record<string, unknown> | undefined;
    try {
      doc = (await this.local.get(id)) as unknown as Record<string, unknown>;
      rev ??= doc._rev as string;
    } catch {
      /* deleted locally meanwhile */
    }
    const reason = [err.reason, err.message, err.name].find((v): v is string => typeof v === 'string' && v !== '') ?? 'forbidden';
    const item: RejectedDoc = {
      spaceDb: this.space.db,
      id,
      ...(rev ? { rev } : {}),
      label: labelOf(doc, id),
      reason,
      at: new Date(this.timing.now()).toISOString(),
    };
    if (rev) this.excluded.add(`${id}@${rev}`);
    await this.saveMeta((m) => {
      m.rejected = [...m.rejected.filter((r) => r.id !== id), item];
    });
    this.emit();
  }

  private async saveMeta(change: (m: SyncMeta) => void): Promise<void> {
    try {
      this.meta = await updateSyncMeta(this.local, change);
    } catch (err) {
      if (isQuotaError(err) || (err as { name?: string }).name === 'StorageFullError') {
        this.error = 'storageFull';
        this.emit();
      }
    }
  }

  /**
   * Recounts pending local changes soon. The count reads the changes since the push checkpoint,
   * which during a first download is everything, so the delay grows with the cost of the last count.
   */
  private schedulePending(): void {
    if (this.pendingTimer) return;
    const delay = Math.max(100, this.pendingCostMs * 5, this.firstSync ? 1000 : 0);
    this.pendingTimer = setTimeout(() => {
      this.pendingTimer = undefined;
      void this.computePending().then(() => this.emit());
    }, delay);
  }

  private pendingCostMs = 0;
  private advancing = false;
  private advanceAgain = false;

  /**
   * After a pull batch: moves `pushedSeq` past the docs the pull wrote when no local change comes
   * before them, so that they never count as pending, not even after a reload.
   */
  private advanceConfirmed(): void {
    if (this.advancing) {
      this.advanceAgain = true;
      return;
    }
    this.advancing = true;
    void (async () => {
      try {
        do {
          this.advanceAgain = false;
          const confirmed = await confirmPulled(this.local, this.meta).catch(() => null);
          const moves =
            !!confirmed &&
            (!!confirmed.pulledAfter ||
              !!this.meta.pulledAfter ||
              (confirmed.through !== null && seqAfter(confirmed.through, this.meta.pushedSeq)));
          if (confirmed && moves && this.running) await this.saveMeta((m) => applyConfirmed(m, confirmed));
        } while (this.advanceAgain && this.running);
      } finally {
        this.advancing = false;
      }
    })();
  }

  /**
   * Both directions are caught up yet changes still count as pending: the server is asked which of
   * them it lacks (one `_revs_diff`). When it has them all, `pushedSeq` moves past them. This
   * mends any checkpoint report the sync missed (replications ended mid-checkpoint, a pull whose
   * batch was written after its run ended), which would otherwise show "pending" until the next write.
   */
  private async confirmWithServer(): Promise<void> {
    try {
      const rejected = new Set(this.meta.rejected.map((r) => r.id));
      const confirmed = await confirmOnServer(this.local, this.meta, this.remote, (id) => rejected.has(id));
      if (!confirmed) return;
      await this.saveMeta((m) => applyConfirmed(m, confirmed));
      await this.computePending();
    } catch {
      /* offline again, or the database closed: the count stays as it was */
    }
  }

  private recheckTimer?: ReturnType<typeof setTimeout>;

  /**
   * Up to date with changes still counted as pending after asking the server: look again a little
   * later (a few times, further apart each time), while nothing else happens. A change the device
   * really could not send keeps showing as pending; a count left over from a race heals itself.
   */
  private scheduleRecheck(run: number, attempt = 0): void {
    if (this.recheckTimer || attempt >= 5) return;
    this.recheckTimer = setTimeout(
      () => {
        this.recheckTimer = undefined;
        if (!this.running || run !== this.runId || this.state !== 'upToDate') return;
        void (async () => {
          await this.computePending();
          if (this.pending > 0) await this.confirmWithServer();
          this.emit();
          if (this.pending > 0) this.scheduleRecheck(run, attempt + 1);
        })();
      },
      1000 * 2 ** attempt,
    );
  }

  private async computePending(): Promise<void> {
    const t0 = Date.now();
    try {
      const ids = await pendingLocalIds(this.local, this.meta);
      for (const r of this.meta.rejected) ids.delete(r.id);
      this.pending = ids.size;
    } catch {
      /* database closed */
    }
    this.pendingCostMs = Date.now() - t0;
  }

  private conflictsAt = 0;
  private conflictTimer?: ReturnType<typeof setTimeout>;

  /**
   * Counts documents with `_conflicts`. This reads every document, so it runs at most every
   * `CONFLICT_SCAN_MS` (the first catch-up and later pulls mark the count stale).
   */
  private async computeConflicts(): Promise<void> {
    const now = this.timing.now();
    if (this.conflictsAt && now - this.conflictsAt < CONFLICT_SCAN_MS) {
      this.conflictTimer ??= setTimeout(
        () => {
          this.conflictTimer = undefined;
          if (this.running && this.conflictsStale) void this.computeConflicts().then(() => this.emit());
        },
        CONFLICT_SCAN_MS - (now - this.conflictsAt),
      );
      return;
    }
    this.conflictsAt = now;
    try {
      const res = await this.local.allDocs({ include_docs: true, conflicts: true });
      this.conflicts = conflictedIn(res.rows);
      this.conflictsStale = false;
    } catch {
      /* keep the last count */
    }
  }

  private setState(state: SyncState): void {
    this.state = state;
    this.emit();
  }

  private emit(): void {
    for (const cb of this.listeners) cb();
  }
}
