import { randomBytes } from 'node:crypto';
import type { RegistryBook } from '../../src/model/documents/types.ts';
import type { Logger } from '../logger.ts';
import { openAdminOnlyDb } from '../store/admin-only-db.ts';
import type { Store } from '../store/types.ts';
import { type RegistryBookDoc, nextNumberOf, registryBookDocId } from '../../src/model/registry-books.ts';
import { ORG_DB, getOrNull } from './directory.ts';

/**
 * Server-allocated numbers (số đến, số/ký hiệu): unique and gapless per registry book and year, safe
 * with several app servers on one CouchDB (docs/decisions/0001).
 *
 * The admin-only database `docket-numbering` holds two kinds of documents:
 * - `claim:<book>:<documentId>`: created first with a plain PUT, so exactly one allocator at a time
 *   works for a document; it ends up holding the number. A second call for the same document
 *   returns that number (idempotent, also across servers and restarts).
 * - `alloc:<book>:<year>:<nnnnnn>`: one per number, created with a plain PUT; 409 means another
 *   allocator took `n`, so try `n + 1`. It names the document, so an allocator that crashed between
 *   this PUT and recording the number in the claim finds it again (no duplicate, no gap).
 * The next candidate is the last `alloc:` of the book/year (`_all_docs` descending, limit 1) + 1, and never
 * below the first number an administrator set for the book (`registryBook:` in the org space).
 */
export const NUMBERING_DB = 'docket-numbering';

export interface Allocation {
  book: RegistryBook;
  year: number;
  number: number;
  documentId: string;
  /** ISO time the number was taken: deterministic input for the `numbered` event. */
  allocatedAt: string;
}

interface AllocDoc extends Allocation {
  _id: string;
  _rev?: string;
  type: 'allocation';
  owner: string;
}

interface ClaimDoc {
  _id: string;
  _rev?: string;
  type: 'claim';
  book: RegistryBook;
  documentId: string;
  /** The year is fixed by the first claim, so a retry across New Year keeps the same series. */
  year: number;
  owner: string;
  claimedAt: string;
  /** Set once allocated. */
  number?: number;
  allocatedAt?: string;
}

export interface NumberingOptions {
  log?: Logger;
  /** A claim without a number older than this may be taken over (its owner is presumed dead). */
  leaseMs?: number;
  /** Give up (the caller retries later) after waiting this long for another allocator. */
  waitMs?: number;
  /** Test hooks: fault injection between the steps. */
  hooks?: {
    /** After `alloc:` is stored and before the claim records it. Throwing simulates a crash there. */
    afterAllocPut?(a: Allocation): void | Promise<void>;
  };
}

const PAD = 6;
export const allocId = (book: RegistryBook, year: number, n: number): string => `alloc:${book}:${year}:${String(n).padStart(PAD, '0')}`;
export const claimId = (book: RegistryBook, documentId: string): string => `claim:${book}:${documentId}`;

/**
 * Allocations of one book/year run one at a time per process and store: concurrent clerks then cost
 * one PUT each instead of a 409 storm; other processes on the same CouchDB still only meet 409s.
 */
const queues = new WeakMap<Store, Map<string, Promise<unknown>>>();
function serialised<T>(store: Store, key: string, task: () => Promise<T>): Promise<T> {
  let byKey = queues.get(store);
  if (!byKey) queues.set(store, (byKey = new Map()));
  const previous = byKey.get(key) ?? Promise.resolve();
  const next = previous.then(task, task);
  const tail = next.catch(() => undefined);
  byKey.set(key, tail);
  void tail.then(() => {
    if (byKey.get(key) === tail) byKey.delete(key);
  });
  return next;
}

const isConflict = (err: unknown): boolean => (err as { status?: number }).status === 409;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class NumberingService {
  /** Identifies this allocator instance in claims (a restart is a new instance). */
  readonly owner = `${process.pid}-${randomBytes(6).toString('hex')}`;
  private readonly leaseMs: number;
  private readonly waitMs: number;
  private dbPromise: Promise<PouchDB.Database> | undefined;
  /** Calls in flight per claim: one process never races itself for a document. */
  private readonly inFlight = new Map<string, Promise<Allocation>>();

  constructor(
    private readonly store: Store,
    private readonly opts: NumberingOptions = {},
  ) {
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.waitMs = opts.waitMs ?? 60_000;
  }

  /** Creates the database with its admin-only `_security` (idempotent). */
  async ensureDb(): Promise<PouchDB.Database> {
    this.dbPromise ??= openAdminOnlyDb(this.store, NUMBERING_DB);
    this.dbPromise.catch(() => (this.dbPromise = undefined));
    return this.dbPromise;
  }

  /** The number of a document in a book, if it has one. */
  async find(book: RegistryBook, documentId: string): Promise<Allocation | null> {
    const claim = await getOrNull<ClaimDoc>(await this.ensureDb(), claimId(book, documentId));
    return claim && claim.number !== undefined ? claimToAllocation(claim) : null;
  }

  /** Every number of a book/year, in order. */
  async list(book: RegistryBook, year: number): Promise<Allocation[]> {
    const db = await this.ensureDb();
    const prefix = `alloc:${book}:${year}:`;
    const res = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
    return res.rows.map((r) => {
      const d = r.doc as unknown as AllocDoc;
      return { book: d.book, year: d.year, number: d.number, documentId: d.documentId, allocatedAt: d.allocatedAt };
    });
  }

  /**
   * The number of `documentId` in `book`: allocated now in `year`, or the one it already has
   * (then `year` is ignored). Throws when another allocator holds the document for longer than
   * `waitMs`; the caller retries later.
   */
  allocate(book: RegistryBook, year: number, documentId: string): Promise<Allocation> {
    const id = claimId(book, documentId);
    const running = this.inFlight.get(id);
    if (running) return running;
    const p = this.allocateOnce(book, year, documentId).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, p);
    return p;
  }

  private async allocateOnce(book: RegistryBook, year: number, documentId: string): Promise<Allocation> {
    const db = await this.ensureDb();
    const id = claimId(book, documentId);
    const deadline = Date.now() + this.waitMs;
    for (let wait = 20; ; wait = Math.min(wait * 2, 200)) {
      const claim = await getOrNull<ClaimDoc>(db, id);
      if (claim?.number !== undefined) return claimToAllocation(claim);
      let mine: ClaimDoc | null = null;
      let recovering = false;
      if (!claim) {
        const fresh: ClaimDoc = { _id: id, type: 'claim', book, documentId, year, owner: this.owner, claimedAt: new Date().toISOString() };
        mine = await putOrNull(db, fresh);
      } else if (claim.owner === this.owner || Date.now() - Date.parse(claim.claimedAt) > this.leaseMs) {
        // Our own earlier attempt failed half-way, or its owner is gone: take it over (compare-and-swap).
        recovering = true;
        mine = await putOrNull(db, { ...claim, owner: this.owner, claimedAt: new Date().toISOString() });
      }
      if (mine) return serialised(this.store, `${book}:${mine.year}`, () => this.allocateClaimed(db, mine, recovering));
      if (Date.now() > deadline) throw new Error(`numbering: ${documentId} is held by another allocator (${claim?.owner ?? '?'})`);
      await sleep(wait);
    }
  }

  private async allocateClaimed(db: PouchDB.Database, claim: ClaimDoc, recovering: boolean): Promise<Allocation> {
    const { book, year, documentId } = claim;
    // The claim may have waited in this process's queue: renew it (compare-and-swap on its _rev) before taking
    // a number, so another server cannot take it over as expired while we allocate (that would orphan a number).
    if (Date.now() - Date.parse(claim.claimedAt) > this.leaseMs / 3) {
      const renewed = await putOrNull(db, { ...claim, claimedAt: new Date().toISOString() });
      if (renewed) Object.assign(claim, renewed);
      else {
        const current = await getOrNull<ClaimDoc>(db, claim._id);
        if (current?.number !== undefined) return claimToAllocation(current);
        throw new Error(`numbering: lost the claim on ${documentId} while waiting`);
      }
    }
    // After a crash or a takeover the number may already be taken for this document: adopt it.
    let found: AllocDoc | null = recovering ? await this.findAllocFor(db, book, year, documentId) : null;
    if (!found) {
      const last = await this.lastNumber(db, book, year);
      let n = nextNumberOf(await this.firstNumber(book, year), last || null);
      for (;;) {
        const doc: AllocDoc = {
          _id: allocId(book, year, n),
          type: 'allocation',
          book,
          year,
          number: n,
          documentId,
          allocatedAt: new Date().toISOString(),
          owner: this.owner,
        };
        if (await putOrNull(db, doc)) {
          found = doc;
          break;
        }
        // Taken: jump past whatever was allocated meanwhile, and make sure we still hold the claim.
        n = Math.max(n + 1, (await this.lastNumber(db, book, year)) + 1);
        const current = await getOrNull<ClaimDoc>(db, claim._id);
        if (!current || current.owner !== this.owner) throw new Error(`numbering: lost the claim on ${documentId}`);
        if (current.number !== undefined) return claimToAllocation(current);
        claim._rev = current._rev;
      }
      await this.opts.hooks?.afterAllocPut?.({ book, year, number: found.number, documentId, allocatedAt: found.allocatedAt });
    }
    const done: ClaimDoc = { ...claim, year: found.year, number: found.number, allocatedAt: found.allocatedAt };
    if (!(await putOrNull(db, done))) {
      const current = await getOrNull<ClaimDoc>(db, claim._id);
      if (current?.number !== undefined) {
        if (current.number !== found.number)
          this.opts.log?.error({ book, year, documentId, kept: current.number, orphan: found.number }, 'numbering: orphaned number');
        return claimToAllocation(current);
      }
      throw new Error(`numbering: lost the claim on ${documentId}`);
    }
    return claimToAllocation(done);
  }

  /** How far the series of a book/year has got: numbers allocated and the highest one (null: none yet). */
  async progress(book: RegistryBook, year: number): Promise<{ allocated: number; lastNumber: number | null }> {
    const db = await this.ensureDb();
    const prefix = `alloc:${book}:${year}:`;
    const res = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0` });
    const last = res.rows.at(-1)?.id;
    return { allocated: res.rows.length, lastNumber: last ? Number(last.slice(prefix.length)) : null };
  }

  /** The first number of a book's series in a year, as an administrator set it (1 by default). */
  private async firstNumber(book: RegistryBook, year: number): Promise<number> {
    const doc = await getOrNull<RegistryBookDoc>(await this.store.db(ORG_DB), registryBookDocId(book, year));
    return doc?.firstNumber ?? 1;
  }

  private async lastNumber(db: PouchDB.Database, book: RegistryBook, year: number): Promise<number> {
    const prefix = `alloc:${book}:${year}:`;
    const res = await db.allDocs({ startkey: `${prefix}\ufff0`, endkey: prefix, descending: true, limit: 1 });
    const last = res.rows[0]?.id;
    return last ? Number(last.slice(prefix.length)) : 0;
  }

  /** Recovery only: the allocation of a document in its book/year, scanning the year's numbers. */
  private async findAllocFor(db: PouchDB.Database, book: RegistryBook, year: number, documentId: string): Promise<AllocDoc | null> {
    const prefix = `alloc:${book}:${year}:`;
    const res = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
    const row = res.rows.find((r) => (r.doc as unknown as AllocDoc).documentId === documentId);
    return row ? (row.doc as unknown as AllocDoc) : null;
  }
}

function claimToAllocation(c: ClaimDoc): Allocation {
  return { book: c.book, year: c.year, number: c.number!, documentId: c.documentId, allocatedAt: c.allocatedAt! };
}

/** PUT that answers null on 409 (and updates `_rev` on success). */
async function putOrNull<T extends { _id: string; _rev?: string }>(db: PouchDB.Database, doc: T): Promise<T | null> {
  try {
    const res = await db.put(doc as unknown as PouchDB.Core.PutDocument<object>);
    doc._rev = res.rev;
    return doc;
  } catch (err) {
    if (isConflict(err)) return null;
    throw err;
  }
}
