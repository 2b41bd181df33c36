/**
 * Keeps the worker's index in step with the data layer: loads each source once, then again (debounced) when
 * its feed says something changed, and sends the worker only the items that differ from what it sent before.
 * The first complete set of a kind replaces whatever the stored snapshot had of it (deleted or lost items go).
 */
import type { MeResponse } from '../model/api.ts';
import type { SearchClient } from './client.ts';
import type { SearchSource } from './sources.ts';
import type { SearchItem } from './types.ts';

/** Replication writes in bursts: one reload per burst. */
const DEBOUNCE_MS = 250;

interface Tracked {
  source: SearchSource;
  sent: Map<string, SearchItem> | null;
  running: boolean;
  again: boolean;
  timer?: ReturnType<typeof setTimeout>;
  stop?: () => void;
}

export class SearchIndexer {
  private readonly tracked: Tracked[];
  private stopped = false;
  private readonly loadedListeners = new Set<() => void>();

  constructor(
    private readonly client: SearchClient,
    private readonly me: MeResponse,
    sources: SearchSource[],
  ) {
    this.tracked = sources.map((source) => ({ source, sent: null, running: false, again: false }));
  }

  start(): void {
    for (const t of this.tracked) {
      t.stop = t.source.subscribe(this.me, () => this.schedule(t));
      void this.reload(t);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.tracked) {
      t.stop?.();
      if (t.timer) clearTimeout(t.timer);
    }
  }

  /** Whether every source has been read once (the index holds everything on the device). */
  get complete(): boolean {
    return this.tracked.every((t) => t.sent !== null);
  }

  onComplete(cb: () => void): () => void {
    this.loadedListeners.add(cb);
    if (this.complete) cb();
    return () => this.loadedListeners.delete(cb);
  }

  private schedule(t: Tracked): void {
    if (this.stopped) return;
    if (t.timer) clearTimeout(t.timer);
    t.timer = setTimeout(() => {
      t.timer = undefined;
      void this.reload(t);
    }, DEBOUNCE_MS);
  }

  private async reload(t: Tracked): Promise<void> {
    if (t.running) {
      t.again = true;
      return;
    }
    t.running = true;
    t.again = false;
    try {
      const items = await t.source.load(this.me);
      if (this.stopped) return;
      this.apply(t, items);
    } catch (err) {
      // An erased space (sign-out) or a quota error: keep what the index has; the next change tries again.
      console.warn(`search: could not read ${t.source.kind}`, err);
    } finally {
      t.running = false;
    }
    if (t.again && !this.stopped) void this.reload(t);
  }

  private apply(t: Tracked, items: SearchItem[]): void {
    const next = new Map<string, SearchItem>();
    for (const item of items) next.set(item.id, item);
    const wasComplete = this.complete;
    if (t.sent === null) {
      this.client.replaceKind(t.source.kind, items);
    } else {
      const changed: SearchItem[] = [];
      for (const [id, item] of next) if (t.sent.get(id) !== item) changed.push(item);
      const gone: string[] = [];
      for (const id of t.sent.keys()) if (!next.has(id)) gone.push(id);
      this.client.put(changed);
      this.client.remove(gone);
    }
    t.sent = next;
    if (!wasComplete && this.complete) for (const cb of this.loadedListeners) cb();
  }
}
