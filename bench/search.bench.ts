// Benchmark 3 (issue 7): search per keystroke over 20,000 and 50,000 items in headless Chromium. Each query of a
// realistic list is typed one character at a time; every prefix is searched (a) through the app's search worker
// (round trip from the UI thread: what a person waits for), (b) with the same engine called directly, and (c) by
// a naive scan (every word a substring of the item's folded text, all matches sorted newest first), the baseline,
// in the same page. Also the index build time: the worker's (items cloned in slices, indexed, first answer), the
// engine's alone, and the naive scan's (folding every item once); and a cold start's first answer from the stored
// snapshot (a new worker reads it from IndexedDB and indexes it). Goal: p95 of (a) under 16 ms at 50,000 items.
// Items: incoming documents of the demo ward's templates (bench/helpers/data.ts) as the app makes them
// (src/search/items.ts). BENCH_SEARCH_SIZES (default "20000,50000"), BENCH_ROUNDS (measured rounds, default 2).
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/helpers/browser.ts';
import { documentItem } from '../src/search/items.ts';
import { bundleEntry } from './helpers/bundle.ts';
import { incomingDocuments } from './helpers/data.ts';
import { median } from './helpers/stats.ts';
import type { BuildTimes, KeystrokeTimes } from './browser/search.ts';
import type { Bench, BenchRatio, BenchResult, BenchRow } from './types.ts';

const SIZES = (process.env.BENCH_SEARCH_SIZES ?? '20000,50000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ORIGIN = 'http://search.bench.local';

/** What people type: numbers/symbols, summary words without diacritics, names, a typo. */
export const QUERIES = [
  'quyet dinh 15',
  '15/qd-ubnd',
  'ke hoach cai cach hanh chinh',
  'cong van so xay dung',
  'phòng cháy chữa cháy',
  'thong bao ket luan',
  'de an 06',
  'du lieu dan cu',
  'chuyen doi so',
  'ubnd thanh pho ha noi',
  'quyet dihn giao du toan',
  'bao cao tinh hinh thuc hien',
];

function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))]!;
}

const bench: Bench = {
  name: 'search',
  async run(): Promise<BenchResult> {
    const [page, worker] = await Promise.all([bundleEntry('search'), bundleEntry('search-worker')]);
    const browser = await launchBrowser();
    const rows: BenchRow[] = [];
    const ratios: BenchRatio[] = [];
    try {
      for (const size of SIZES) {
        const t0 = performance.now();
        const items = incomingDocuments(size).map((doc) => documentItem({ id: doc._id, doc, day: doc.arrivedOn }));
        const json = JSON.stringify(items);
        console.log(`  ${size} items generated in ${Math.round(performance.now() - t0)} ms (${Math.round(json.length / 1024)} KB JSON)`);
        const context = await browser.newContext();
        try {
          await context.route(`${ORIGIN}/**`, (route) => {
            const url = new URL(route.request().url());
            if (url.pathname === '/items.json') return route.fulfill({ status: 200, contentType: 'application/json', body: json });
            if (url.pathname === '/page.js') return route.fulfill({ status: 200, contentType: 'text/javascript', body: page });
            if (url.pathname === '/worker.js') return route.fulfill({ status: 200, contentType: 'text/javascript', body: worker });
            return route.fulfill({
              status: 200,
              contentType: 'text/html',
              body: '<!doctype html><meta charset="utf-8"><title>search bench</title><script type="module" src="/page.js"></script>',
            });
          });
          const p: Page = await context.newPage();
          p.on('pageerror', (err) => console.error('  page error:', err.message));
          await p.goto(`${ORIGIN}/`);
          await p.waitForFunction(() => !!window.searchBench);
          const loaded = await p.evaluate(() => window.searchBench.load('/items.json'));
          if (loaded !== size) throw new Error(`loaded ${loaded} of ${size} items`);
          const build = await p.evaluate(() => window.searchBench.build('/worker.js'));
          // One warm-up round (JIT, caches), then the measured rounds.
          await p.evaluate((q) => window.searchBench.type(q, 1), QUERIES);
          const times = await p.evaluate(([q, r]) => window.searchBench.type(q, r), [QUERIES, ROUNDS] as const);
          await p.evaluate(() => window.searchBench.close());
          report(size, build, times, rows, ratios);
        } finally {
          await context.close();
        }
      }
    } finally {
      await browser.close();
    }
    return { rows, ratios };
  },
};

function report(size: number, build: BuildTimes, t: KeystrokeTimes, rows: BenchRow[], ratios: BenchRatio[]): void {
  const n = t.worker.length;
  const k = `${size / 1000}k`;
  const stat = (metric: string, values: number[], note: string): void => {
    rows.push({ metric: `${k} ${metric} p50`, value: median(values), unit: 'ms', note });
    rows.push({
      metric: `${k} ${metric} p95`,
      value: percentile(values, 0.95),
      unit: 'ms',
      note: `max ${percentile(values, 1).toFixed(1)} ms`,
    });
  };
  rows.push({
    metric: `${k} index build, worker`,
    value: build.worker,
    unit: 'ms',
    note: `clone in slices + index + first answer; UI timer's longest gap ${Math.round(build.workerLongestGapMs)} ms`,
  });
  rows.push({ metric: `${k} index build, engine alone`, value: build.direct, unit: 'ms', note: 'on the page thread' });
  rows.push({
    metric: `${k} cold start: first answer from the snapshot`,
    value: build.snapshot,
    unit: 'ms',
    note: `new worker: IndexedDB read + newest 2,000 indexed + answer; all indexed at ${Math.round(build.snapshotComplete)} ms; writing it took ${Math.round(build.snapshotSave)} ms`,
  });
  rows.push({ metric: `${k} naive: fold every item`, value: build.naive, unit: 'ms', note: 'the baseline’s build' });
  stat('keystroke, worker round trip', t.worker, `${n} keystrokes of ${QUERIES.length} queries`);
  stat('keystroke, engine in worker', t.workerEngine, 'time inside the worker');
  stat('keystroke, engine direct', t.direct, 'same engine on the page thread');
  stat('keystroke, naive scan', t.naive, 'AND of folded substrings, all matches, newest first');
  ratios.push({ name: `${k}: p95 worker round trip (ms)`, value: percentile(t.worker, 0.95), goal: size >= 50_000 ? '< 16' : undefined });
  ratios.push({ name: `${k}: p95 engine / p95 naive scan`, value: percentile(t.direct, 0.95) / percentile(t.naive, 0.95) });
  ratios.push({ name: `${k}: p50 engine / p50 naive scan`, value: median(t.direct) / median(t.naive) });
  for (const [q, top, ours, naive] of t.finals) console.log(`  ${k} "${q}": ${ours} matches (naive ${naive}), first ${top}`);
}

export default bench;
