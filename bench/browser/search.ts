// Runs in headless Chromium for bench/search.bench.ts: the app's search (worker round trip, and its engine
// called directly) against a naive scan of normalised text, per keystroke, over the same items in the same page.
import { SearchClient } from '../../src/search/client.ts';
import { SearchEngine } from '../../src/search/engine.ts';
import { fold, words } from '../../src/search/normalize.ts';
import type { SearchItem } from '../../src/search/types.ts';

export interface KeystrokeTimes {
  worker: number[];
  /** The engine's own time inside the worker. */
  workerEngine: number[];
  direct: number[];
  naive: number[];
  /** Results of the full queries: [query, our top id, our total, naive total]. */
  finals: Array<[string, string, number, number]>;
}

export interface BuildTimes {
  /** From the first put to the answer of the first search, in the worker (clone and transfer included). */
  worker: number;
  /** Longest gap of a 10 ms timer on the page while the worker built (UI thread responsiveness). */
  workerLongestGapMs: number;
  direct: number;
  naive: number;
  /** A new worker opening the stored snapshot (as after a cold start): read, newest slice indexed, first answer. */
  snapshot: number;
  /** …and the whole snapshot indexed. */
  snapshotComplete: number;
  snapshotSave: number;
}

declare global {
  interface Window {
    searchBench: {
      load(url: string): Promise<number>;
      build(workerUrl: string): Promise<BuildTimes>;
      type(queries: string[], rounds: number): Promise<KeystrokeTimes>;
      close(): void;
    };
  }
}

let items: SearchItem[] = [];
let client: SearchClient | null = null;
let engine: SearchEngine | null = null;
let haystack: string[] = [];

/** The baseline: every word of the query a substring of the folded text, all matches, newest first. */
function naiveSearch(query: string): number {
  const ws = words(query);
  if (!ws.length) return 0;
  const hits: number[] = [];
  for (let i = 0; i < haystack.length; i++) {
    const h = haystack[i]!;
    let ok = true;
    for (const w of ws)
      if (!h.includes(w)) {
        ok = false;
        break;
      }
    if (ok) hits.push(i);
  }
  hits.sort((a, b) => (items[b]!.date < items[a]!.date ? -1 : 1));
  return hits.length;
}

window.searchBench = {
  async load(url) {
    items = (await (await fetch(url)).json()) as SearchItem[];
    return items.length;
  },

  async build(workerUrl) {
    // A module worker from the bundled script (a blob URL: the bench page is served by the browser context).
    const code = await (await fetch(workerUrl)).text();
    const blobUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    client?.terminate();
    const account = `bench-${Date.now()}`;
    client = new SearchClient(() => new Worker(blobUrl, { type: 'module' }));
    client.open(account);
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    const t0 = performance.now();
    client.put(items);
    await client.search('a');
    const worker = performance.now() - t0;
    clearInterval(timer);

    const ts = performance.now();
    await client.flush();
    const snapshotSave = performance.now() - ts;
    const restarted = new SearchClient(() => new Worker(blobUrl, { type: 'module' }));
    const tr = performance.now();
    const complete = new Promise<void>((resolve) => restarted.onReady(() => resolve()));
    restarted.open(account);
    await restarted.search('quyet dinh');
    const snapshot = performance.now() - tr;
    await complete;
    const snapshotComplete = performance.now() - tr;
    await restarted.erase(account);
    restarted.terminate();

    const t1 = performance.now();
    engine = new SearchEngine();
    engine.put(items);
    engine.search('a');
    const direct = performance.now() - t1;

    const t2 = performance.now();
    haystack = items.map((it) => fold(`${it.symbols.join(' ')} ${it.title} ${it.meta} ${it.body}`));
    const naive = performance.now() - t2;
    return { worker, workerLongestGapMs: longest, direct, naive, snapshot, snapshotComplete, snapshotSave };
  },

  async type(queries, rounds) {
    const out: KeystrokeTimes = { worker: [], workerEngine: [], direct: [], naive: [], finals: [] };
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        for (let i = 1; i <= q.length; i++) {
          const typed = q.slice(0, i);
          const t0 = performance.now();
          const answer = await client!.search(typed);
          out.worker.push(performance.now() - t0);
          out.workerEngine.push(answer!.ms);
          const t1 = performance.now();
          const direct = engine!.search(typed);
          out.direct.push(performance.now() - t1);
          const t2 = performance.now();
          const n = naiveSearch(typed);
          out.naive.push(performance.now() - t2);
          if (r === 0 && i === q.length)
            out.finals.push([q, direct.groups[0]?.hits[0]?.item.id ?? '', direct.groups.reduce((s, g) => s + g.total, 0), n]);
        }
      }
    }
    return out;
  },

  close() {
    client?.terminate();
  },
};
