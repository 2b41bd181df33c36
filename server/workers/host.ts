import { REGISTRY_SPACE, type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import type { Logger } from '../logger.ts';
import { listUnits, listUserRecords } from '../services/directory.ts';
import { accountEvents } from '../services/events.ts';
import type { Store } from '../store/types.ts';

/** A stored document as a worker sees it (`_deleted` tombstones included). */
export type StoredDoc = Record<string, unknown> & { _id: string; _rev: string; _deleted?: boolean; type?: string };

export interface WorkerChange {
  space: SpaceRef;
  db: string;
  doc: StoredDoc;
  seq: number | string;
}

/**
 * A server worker: follows the `_changes` feed of every space it `follows`, as the server admin, and
 * handles each changed document. `handle` must be idempotent (deterministic ids for everything it
 * writes): after a crash or on a second server the same change is handled again. Throwing retries
 * the change with backoff; the feed of that space waits meanwhile (order is kept per space).
 */
export interface Worker {
  readonly name: string;
  follows(space: SpaceRef): boolean;
  /** The database of the space it follows; default the space's own (e.g. `filesDbNameOf` for files). */
  database?(space: SpaceRef): string;
  /**
   * What a change is about (e.g. its official document). When a later change about the same thing is already
   * queued, this one is skipped: `handle` reads the current state anyway, so only the last one matters (a
   * document with 10 steps arriving at once is handled once, not 10 times).
   */
  keyOf?(doc: StoredDoc): string | null;
  handle(change: WorkerChange): Promise<void>;
  /** Work of its own besides the feeds (e.g. a timer), begun once the feeds run and ended before they stop. */
  start?(): void;
  stop?(): Promise<void>;
}

export interface WorkerHostOptions {
  /** First retry delay after a failed change; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How often to look for spaces created by other servers (new units and accounts). */
  rescanMs?: number;
  /** Save a checkpoint at most this often while busy (always when idle or stopping). */
  checkpointMs?: number;
}

/** `_local/worker-<name>` in each space: how far that worker got in that space's `_changes`. */
export const checkpointId = (worker: string): string => `_local/worker-${worker}`;

interface CheckpointDoc {
  _id: string;
  _rev?: string;
  seq: number | string;
  at: string;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** One worker following one space. */
class SpaceFeed {
  private readonly abort = new AbortController();
  private feed: PouchDB.Core.Changes<object> | undefined;
  private queue: WorkerChange[] = [];
  /** Per `keyOf`, the sequence of the last queued change about it. */
  private latest = new Map<string, number | string>();
  private wake: (() => void) | undefined;
  private processed: number | string | undefined;
  private saved: number | string | undefined;
  private lastSave = 0;
  private done: Promise<void> | undefined;
  private failed: unknown;
  busy = false;

  constructor(
    private readonly worker: Worker,
    private readonly space: SpaceRef,
    private readonly store: Store,
    private readonly log: Logger,
    private readonly opts: Required<WorkerHostOptions>,
  ) {}

  get db(): string {
    return this.worker.database?.(this.space) ?? dbNameOf(this.space);
  }

  start(): void {
    this.done = this.run().catch((err: unknown) => this.log.error({ err, db: this.db }, 'worker feed stopped'));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.feed?.cancel();
    this.wake?.();
    await this.done;
  }

  /** True when nothing is queued or running. */
  get idle(): boolean {
    return !this.busy && this.queue.length === 0;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    const db = await this.store.db(this.db);
    const checkpoint = await db.get<CheckpointDoc>(checkpointId(this.worker.name)).catch(() => null);
    this.processed = this.saved = checkpoint?.seq ?? 0;
    let backoff = this.opts.backoffMs;
    this.follow(db, this.processed!);
    while (!signal.aborted) {
      if (this.failed) {
        // The feed broke (e.g. CouchDB restarting): follow again from what was handled.
        this.log.warn({ err: this.failed, db: this.db, retryInMs: backoff }, 'worker feed failed; will follow again');
        this.failed = undefined;
        this.feed?.cancel();
        this.queue = [];
        this.latest.clear();
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, this.opts.maxBackoffMs);
        if (!signal.aborted) this.follow(db, this.processed!);
        continue;
      }
      const change = this.queue[0];
      if (!change) {
        await this.saveCheckpoint(db, true).catch((err: unknown) => this.log.warn({ err, db: this.db }, 'worker checkpoint not saved'));
        // stop() or the feed may have woken us while we were saving: never wait after that.
        if (signal.aborted || this.queue.length > 0 || this.failed) continue;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      const key = this.worker.keyOf?.(change.doc) ?? null;
      if (key !== null && this.latest.has(key) && this.latest.get(key) !== change.seq) {
        // A later change about the same thing is queued: it will see this one's effect too.
        this.queue.shift();
        this.processed = change.seq;
        continue;
      }
      this.busy = true;
      try {
        const t0 = Date.now();
        await this.worker.handle(change);
        this.log.debug({ db: this.db, id: change.doc._id, ms: Date.now() - t0 }, 'handled');
        this.queue.shift();
        if (key !== null && this.latest.get(key) === change.seq) this.latest.delete(key);
        this.processed = change.seq;
        backoff = this.opts.backoffMs;
        await this.saveCheckpoint(db, false).catch((err: unknown) => this.log.warn({ err, db: this.db }, 'worker checkpoint not saved'));
      } catch (err) {
        // Retry the same change (order within a space is kept); the feed keeps queueing meanwhile.
        this.log.warn({ err, db: this.db, id: change.doc._id, retryInMs: backoff }, 'worker change failed; will retry');
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, this.opts.maxBackoffMs);
      } finally {
        this.busy = false;
      }
    }
    this.feed?.cancel();
    await this.saveCheckpoint(db, true).catch(() => undefined);
  }

  private follow(db: PouchDB.Database, since: number | string): void {
    this.feed?.cancel();
    const feed = db.changes({ live: true, since, include_docs: true, heartbeat: 10_000 } as PouchDB.Core.ChangesOptions);
    this.feed = feed;
    this.log.debug({ db: this.db, since }, 'following');
    feed.on('change', (c) => {
      if (this.feed !== feed || !c.doc || c.id.startsWith('_design/')) return;
      const doc = c.doc as unknown as StoredDoc;
      const key = this.worker.keyOf?.(doc) ?? null;
      if (key !== null) this.latest.set(key, c.seq);
      this.queue.push({ space: this.space, db: this.db, doc, seq: c.seq });
      this.wake?.();
    });
    feed.on('error', (err) => {
      if (this.feed !== feed || this.abort.signal.aborted) return;
      // The processing loop backs off and follows again from what it processed.
      this.failed = err;
      this.wake?.();
    });
  }

  private async saveCheckpoint(db: PouchDB.Database, force: boolean): Promise<void> {
    if (this.processed === undefined || this.processed === this.saved) return;
    if (!force && Date.now() - this.lastSave < this.opts.checkpointMs) return;
    const id = checkpointId(this.worker.name);
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await db.get<CheckpointDoc>(id).catch(() => null);
      try {
        await db.put<CheckpointDoc>({
          _id: id,
          ...(current ? { _rev: current._rev } : {}),
          seq: this.processed,
          at: new Date().toISOString(),
        });
        this.saved = this.processed;
        this.lastSave = Date.now();
        return;
      } catch (err) {
        // Another server saved its own checkpoint meanwhile: retry with the new revision.
        if ((err as { status?: number }).status !== 409) throw err;
      }
    }
  }
}

/**
 * Runs the workers: one feed per worker and space, for the registry, every unit and every
 * account's personal space. New spaces (units and accounts created later, here or by another
 * server) are picked up on account changes and every `rescanMs`.
 */
export class WorkerHost {
  private readonly feeds = new Map<string, SpaceFeed>();
  private readonly opts: Required<WorkerHostOptions>;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private scanning: Promise<void> | undefined;
  private readonly onAccounts = () => void this.rescan();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    readonly workers: readonly Worker[],
    opts: WorkerHostOptions = {},
  ) {
    this.opts = { backoffMs: 500, maxBackoffMs: 30_000, rescanMs: 30_000, checkpointMs: 1_000, ...opts };
  }

  async start(): Promise<void> {
    await this.rescan();
    accountEvents.on('changed', this.onAccounts);
    this.timer = setInterval(this.onAccounts, this.opts.rescanMs);
    this.timer.unref();
    for (const w of this.workers) w.start?.();
    this.log.info({ workers: this.workers.map((w) => w.name), feeds: this.feeds.size }, 'workers started');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    accountEvents.off('changed', this.onAccounts);
    clearInterval(this.timer);
    await Promise.all(
      this.workers.map((w) => w.stop?.().catch((err: unknown) => this.log.warn({ err, worker: w.name }, 'worker stop failed'))),
    );
    await this.scanning?.catch(() => undefined);
    await Promise.all([...this.feeds.values()].map((f) => f.stop()));
    this.feeds.clear();
  }

  /** The spaces workers follow: registry, units, personal spaces. */
  async spaces(): Promise<SpaceRef[]> {
    const [units, users] = await Promise.all([listUnits(this.store), listUserRecords(this.store)]);
    return [
      REGISTRY_SPACE,
      ...units.map((u): SpaceRef => ({ kind: 'unit', id: u.unitId })),
      ...users.map((u): SpaceRef => ({ kind: 'personal', id: u.name })),
    ];
  }

  rescan(): Promise<void> {
    this.scanning ??= this.scan()
      .catch((err: unknown) => this.log.warn({ err }, 'workers: could not list spaces'))
      .finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  private async scan(): Promise<void> {
    const spaces = await this.spaces();
    for (const space of spaces) {
      for (const worker of this.workers) {
        if (this.stopped || !worker.follows(space)) continue;
        const db = worker.database?.(space) ?? dbNameOf(space);
        const key = `${worker.name} ${db}`;
        if (this.feeds.has(key) || !(await this.store.exists(db))) continue;
        const feed = new SpaceFeed(worker, space, this.store, this.log.child({ worker: worker.name }), this.opts);
        this.feeds.set(key, feed);
        feed.start();
      }
    }
  }

  /** True when every feed has handled everything it was sent (tests poll this). */
  get idle(): boolean {
    return [...this.feeds.values()].every((f) => f.idle);
  }
}
