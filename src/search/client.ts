/**
 * The UI thread's handle on the search worker: sends item changes and queries, and resolves each query with
 * its answer, or with null when a newer query superseded it before the worker got to it.
 */
import type { FromWorker, SearchAnswer, SearchItem, SearchKind, SearchOptions, ToWorker } from './types.ts';

export type WorkerFactory = () => Worker;

/** Items per message. */
const SLICE = 1000;

const defaultWorker: WorkerFactory = () =>
  new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'docket-search' });

export interface ReadyInfo {
  size: number;
  fromSnapshot: boolean;
  ms: number;
}

export class SearchClient {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly waiting = new Map<number, (a: SearchAnswer | null) => void>();
  private flushes: Array<() => void> = [];
  private readonly readyListeners = new Set<(r: ReadyInfo) => void>();
  private readonly indexedListeners = new Set<(size: number) => void>();
  /** Set once the worker opened the account (with or without a snapshot). */
  ready?: ReadyInfo;
  size = 0;

  constructor(makeWorker: WorkerFactory = defaultWorker) {
    this.worker = makeWorker();
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
  }

  open(account: string): void {
    this.send({ type: 'open', account });
  }

  put(items: SearchItem[]): void {
    // postMessage clones on this thread: in slices, so 20,000 items never hold a frame for long.
    for (let i = 0; i < items.length; i += SLICE) this.send({ type: 'put', items: items.slice(i, i + SLICE) });
  }

  remove(ids: string[]): void {
    if (ids.length) this.send({ type: 'remove', ids });
  }

  /** The complete set of `kind` (sent as a put in slices, then the replace naming the ids that stay). */
  replaceKind(kind: SearchKind, items: SearchItem[]): void {
    this.put(items);
    this.send({ type: 'keepKind', kind, ids: items.map((i) => i.id) });
  }

  /** The answer to `query`, or null when a later `search` call superseded it. */
  search(query: string, options?: SearchOptions): Promise<SearchAnswer | null> {
    const id = ++this.nextId;
    for (const [old, resolve] of this.waiting) {
      this.waiting.delete(old);
      resolve(null);
    }
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.send({ type: 'search', id, query, ...(options ? { options } : {}) });
    });
  }

  /** Writes the snapshot now (tests, before a reload). */
  flush(): Promise<void> {
    return new Promise((resolve) => {
      this.flushes.push(resolve);
      this.send({ type: 'flush' });
    });
  }

  /** Deletes this account's stored snapshot (sign-out erasing the device's data). */
  erase(account: string): Promise<void> {
    return new Promise((resolve) => {
      this.flushes.push(resolve);
      this.send({ type: 'erase', account });
    });
  }

  onReady(cb: (r: ReadyInfo) => void): () => void {
    if (this.ready) cb(this.ready);
    this.readyListeners.add(cb);
    return () => this.readyListeners.delete(cb);
  }

  onIndexed(cb: (size: number) => void): () => void {
    this.indexedListeners.add(cb);
    return () => this.indexedListeners.delete(cb);
  }

  terminate(): void {
    this.worker.terminate();
    for (const resolve of this.waiting.values()) resolve(null);
    this.waiting.clear();
    for (const f of this.flushes.splice(0)) f();
  }

  private send(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }

  private receive(msg: FromWorker): void {
    switch (msg.type) {
      case 'answer': {
        const resolve = this.waiting.get(msg.id);
        this.waiting.delete(msg.id);
        this.size = msg.answer.size;
        resolve?.(msg.answer);
        return;
      }
      case 'ready':
        this.ready = { size: msg.size, fromSnapshot: msg.fromSnapshot, ms: msg.ms };
        this.size = msg.size;
        for (const cb of this.readyListeners) cb(this.ready);
        return;
      case 'indexed':
        this.size = msg.size;
        for (const cb of this.indexedListeners) cb(msg.size);
        return;
      case 'flushed':
        this.flushes.shift()?.();
        return;
      case 'error':
        console.warn('search worker:', msg.message);
        return;
    }
  }
}
