import { REGISTRY_SPACE, type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import type { Logger } from '../logger.ts';
import { listUnits, listUserRecords } from '../services/directory.ts';
import { conversationEvents, listConversationIds } from '../services/conversations.ts';
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
 * the change with backoff; this worker's queue for that database waits meanwhile (its order is kept),
 * the other workers of the database go on. The feed is shared: `handle` must not modify `change.doc`.
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

/**
 * The number a sequence starts with: leveldb sequences are numbers; CouchDB's are opaque strings
 * (`"12-g1AAAA…"`) whose leading number grows along one database's feed. Null when there is none.
 */
function seqNumber(seq: number | string): number | null {
  if (typeof seq === 'number') return seq;
  const m = /^\d+/.exec(seq);
  return m ? Number(m[0]) : null;
}

/**
 * True when `seq` comes after `mark` in a database's feed. When the order is unknown (an opaque sequence
 * without a leading number, or the same number written differently) it says yes: handling a change twice is
 * harmless (every worker is idempotent), skipping one is not.
 */
export function seqAfter(seq: number | string, mark: number | string): boolean {
  if (seq === mark) return false;
  const [a, b] = [seqNumber(seq), seqNumber(mark)];
  return a === null || b === null || a >= b;
}

/** The earliest of some sequences (0, the beginning, when one cannot be ordered). */
export function lowestSeq(seqs: readonly (number | string)[]): number | string {
  let low: number | string | undefined;
  for (const seq of seqs) {
    if (seqNumber(seq) === null) return 0;
    if (low === undefined || seqNumber(seq)! < seqNumber(low)!) low = seq;
  }
  return low ?? 0;
}

/**
 * One worker in one database: its own queue, fed by the database's shared feed, its own checkpoint, retries
 * and backoff. A worker that fails waits here without holding up the other workers of the database.
 */
class WorkerQueue {
  private readonly abort = new AbortController();
  private queue: WorkerChange[] = [];
  /** Per `keyOf`, the sequence of the last queued change about it. */
  private latest = new Map<string, number | string>();
  private wake: (() => void) | undefined;
  /** The last change the feed gave this worker (its checkpoint until the feed gives more). */
  given: number | string = 0;
  /**
   * True once this worker takes the feed's changes as they come: it started where the feed did, or accepted one.
   * A feed's own rows are in order, but CouchDB cluster sequences (`"<sum>-<opaque>"`) are not comparable across
   * feeds: after a node fails, the shard copies that replace its own count differently, and a new change may carry
   * a smaller leading number than the last one seen. Comparing then would skip it; so only a worker whose
   * checkpoint is ahead of the feed's start compares, until it catches up.
   */
  inSync = false;
  private processed: number | string = 0;
  private saved: number | string = 0;
  private lastSave = 0;
  private done: Promise<void> | undefined;
  private busy = false;

  constructor(
    readonly worker: Worker,
    private readonly dbName: string,
    private readonly log: Logger,
    private readonly opts: Required<WorkerHostOptions>,
  ) {}

  /** Reads the worker's checkpoint in this database. */
  async load(db: PouchDB.Database): Promise<void> {
    const checkpoint = await db.get<CheckpointDoc>(checkpointId(this.worker.name)).catch(() => null);
    this.given = this.processed = this.saved = checkpoint?.seq ?? 0;
  }

  start(db: PouchDB.Database): void {
    this.done = this.run(db).catch((err: unknown) => this.log.error({ err, db: this.dbName }, 'worker queue stopped'));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.wake?.();
    await this.done;
  }

  /** A change from the shared feed: queued unless this worker already had it (its checkpoint is past it). */
  offer(change: WorkerChange): void {
    if (this.abort.signal.aborted || (!this.inSync && !seqAfter(change.seq, this.given))) return;
    this.inSync = true;
    this.given = change.seq;
    const key = this.worker.keyOf?.(change.doc) ?? null;
    if (key !== null) this.latest.set(key, change.seq);
    this.queue.push(change);
    this.wake?.();
  }

  /** True when nothing is queued or running. */
  get idle(): boolean {
    return !this.busy && this.queue.length === 0;
  }

  private async run(db: PouchDB.Database): Promise<void> {
    const signal = this.abort.signal;
    let backoff = this.opts.backoffMs;
    while (!signal.aborted) {
      const change = this.queue[0];
      if (!change) {
        await this.saveCheckpoint(db, true).catch((err: unknown) => this.log.warn({ err, db: this.dbName }, 'worker checkpoint not saved'));
        // stop() or the feed may have woken us while we were saving: never wait after that.
        if (signal.aborted || this.queue.length > 0) continue;
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
        this.log.debug({ db: this.dbName, id: change.doc._id, ms: Date.now() - t0 }, 'handled');
        this.queue.shift();
        if (key !== null && this.latest.get(key) === change.seq) this.latest.delete(key);
        this.processed = change.seq;
        backoff = this.opts.backoffMs;
        await this.saveCheckpoint(db, false).catch((err: unknown) =>
          this.log.warn({ err, db: this.dbName }, 'worker checkpoint not saved'),
        );
      } catch (err) {
        // Retry the same change (order is kept for this worker); the feed keeps queueing meanwhile.
        this.log.warn({ err, db: this.dbName, id: change.doc._id, retryInMs: backoff }, 'worker change failed; will retry');
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, this.opts.maxBackoffMs);
      } finally {
        this.busy = false;
      }
    }
    await this.saveCheckpoint(db, true).catch(() => undefined);
  }

  private async saveCheckpoint(db: PouchDB.Database, force: boolean): Promise<void> {
    if (this.processed === this.saved) return;
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
 * One live `_changes` feed of one database, shared by every worker that follows it. It starts from the lowest
 * checkpoint of its workers and gives each change to each worker whose checkpoint is behind it.
 */
class DbFeed {
  private readonly abort = new AbortController();
  private feed: PouchDB.Core.Changes<object> | undefined;
  private readonly queues: WorkerQueue[];
  private db: PouchDB.Database | undefined;
  private done: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private backoff: number;
  /** The database could not be opened: a later scan tries again. */
  failed = false;

  constructor(
    readonly name: string,
    private readonly space: SpaceRef,
    workers: readonly Worker[],
    private readonly store: Store,
    private readonly log: Logger,
    private readonly opts: Required<WorkerHostOptions>,
  ) {
    this.queues = workers.map((w) => new WorkerQueue(w, name, log.child({ worker: w.name }), opts));
    this.backoff = opts.backoffMs;
  }

  get workers(): string[] {
    return this.queues.map((q) => q.worker.name);
  }

  start(): void {
    this.done = this.open().catch((err: unknown) => {
      this.failed = true;
      this.log.error({ err, db: this.name }, 'worker feed not started');
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    clearTimeout(this.retry);
    this.feed?.cancel();
    this.feed = undefined;
    await this.done;
    await Promise.all(this.queues.map((q) => q.stop()));
  }

  /** True when every worker has handled everything it was given. */
  get idle(): boolean {
    return this.queues.every((q) => q.idle);
  }

  private async open(): Promise<void> {
    const db = await this.store.db(this.name);
    await Promise.all(this.queues.map((q) => q.load(db)));
    if (this.abort.signal.aborted) return;
    this.db = db;
    for (const q of this.queues) q.start(db);
    this.follow();
  }

  /** Follows from the lowest position of the workers; what one of them already had is not given to it again. */
  private follow(): void {
    const db = this.db;
    if (!db || this.abort.signal.aborted) return;
    this.feed?.cancel();
    const since = lowestSeq(this.queues.map((q) => q.given));
    for (const q of this.queues) q.inSync = q.given === since;
    const feed = db.changes({ live: true, since, include_docs: true, heartbeat: 10_000 } as PouchDB.Core.ChangesOptions);
    this.feed = feed;
    this.log.debug({ db: this.name, since, workers: this.workers }, 'following');
    feed.on('change', (c) => {
      if (this.feed !== feed) return;
      this.backoff = this.opts.backoffMs;
      if (!c.doc || c.id.startsWith('_design/')) return;
      const change: WorkerChange = { space: this.space, db: this.name, doc: c.doc as unknown as StoredDoc, seq: c.seq };
      for (const q of this.queues) q.offer(change);
    });
    feed.on('error', (err) => {
      if (this.feed !== feed || this.abort.signal.aborted) return;
      // The feed broke (e.g. CouchDB restarting): follow again later; what the workers queued stays queued.
      this.feed = undefined;
      this.log.warn({ err, db: this.name, retryInMs: this.backoff }, 'worker feed failed; will follow again');
      this.retry = setTimeout(() => {
        this.retry = undefined;
        this.follow();
      }, this.backoff);
      this.backoff = Math.min(this.backoff * 2, this.opts.maxBackoffMs);
    });
  }
}

/**
 * Runs the workers on one live `_changes` feed per database (the registry, every unit, every account's
 * personal space, every conversation, and their files databases), shared by all the workers that follow it; each
 * worker keeps its own queue, checkpoint and retries. New spaces (units and accounts created later, here or by
 * another server) are picked up on account changes and every `rescanMs`; a conversation created here at once.
 */
export class WorkerHost {
  /** By database name. */
  private readonly feeds = new Map<string, DbFeed>();
  private readonly opts: Required<WorkerHostOptions>;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private scanning: Promise<void> | undefined;
  private readonly onAccounts = () => void this.rescan();
  private readonly onConversation = (id: string) =>
    void this.add({ kind: 'conversation', id }).catch((err: unknown) =>
      this.log.warn({ err, id }, 'workers: could not follow a conversation'),
    );

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
    // A new conversation gets its feed at once, not at the next periodic rescan.
    conversationEvents.on('created', this.onConversation);
    this.timer = setInterval(this.onAccounts, this.opts.rescanMs);
    this.timer.unref();
    for (const w of this.workers) w.start?.();
    this.log.info({ workers: this.workers.map((w) => w.name), feeds: this.feeds.size }, 'workers started');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    accountEvents.off('changed', this.onAccounts);
    conversationEvents.off('created', this.onConversation);
    clearInterval(this.timer);
    await Promise.all(
      this.workers.map((w) => w.stop?.().catch((err: unknown) => this.log.warn({ err, worker: w.name }, 'worker stop failed'))),
    );
    await this.scanning?.catch(() => undefined);
    await Promise.all([...this.feeds.values()].map((f) => f.stop()));
    this.feeds.clear();
  }

  /**
   * The spaces workers may follow: registry, units, personal spaces and conversations (each worker's `follows`
   * picks; only the notification worker wants conversations). Only spaces whose database exists get a feed.
   */
  async spaces(): Promise<SpaceRef[]> {
    const [units, users, conversations] = await Promise.all([
      listUnits(this.store),
      listUserRecords(this.store),
      listConversationIds(this.store).catch(() => [] as string[]),
    ]);
    return [
      REGISTRY_SPACE,
      ...units.map((u): SpaceRef => ({ kind: 'unit', id: u.unitId })),
      ...users.map((u): SpaceRef => ({ kind: 'personal', id: u.name })),
      ...conversations.map((id): SpaceRef => ({ kind: 'conversation', id })),
    ];
  }

  rescan(): Promise<void> {
    this.scanning ??= this.scan()
      .catch((err: unknown) => this.log.warn({ err }, 'workers: could not list spaces'))
      .finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  private async scan(): Promise<void> {
    for (const space of await this.spaces()) {
      if (this.stopped) return;
      await this.add(space);
    }
  }

  /** Feeds for one space: one per database its workers follow (the space's own, its files database…), once each. */
  private async add(space: SpaceRef): Promise<void> {
    const byDb = new Map<string, Worker[]>();
    for (const worker of this.workers) {
      if (!worker.follows(space)) continue;
      const db = worker.database?.(space) ?? dbNameOf(space);
      byDb.set(db, [...(byDb.get(db) ?? []), worker]);
    }
    for (const [db, workers] of byDb) {
      const running = (): boolean => {
        const known = this.feeds.get(db);
        return !!known && !known.failed;
      };
      if (this.stopped || running() || !(await this.store.exists(db))) continue;
      // A scan and a new conversation may both get here for one database: the first one follows it.
      if (this.stopped || running()) continue;
      const feed = new DbFeed(db, space, workers, this.store, this.log, this.opts);
      this.feeds.set(db, feed);
      feed.start();
    }
  }

  /** Live `_changes` feeds (one per database followed). */
  get feedCount(): number {
    return this.feeds.size;
  }

  /** True when every worker has handled everything its feeds gave it (tests poll this). */
  get idle(): boolean {
    return [...this.feeds.values()].every((f) => f.idle);
  }
}
