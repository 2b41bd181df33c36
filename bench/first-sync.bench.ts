// Benchmark 1 (issue 7): first sync of a unit space with 10,000 documents (~1.4 KB of Vietnamese metadata
// each) from the server to an empty browser, in headless Chromium, compared in the same run with
// (a) writing the same documents into raw IndexedDB in one transaction (the lower bound) and
// (b) PouchDB's replication with default options (`indexeddb` adapter). Goals: (c)/(a) ≤ 3, (c)/(b) < 1.
// Each way runs in a fresh browser profile; rounds interleave the ways (BENCH_ROUNDS, default 3) and
// the medians are compared. The floors explain (c): (d) the server's (fetching and parsing every page, storing
// nothing), (e) PouchDB's write alone (the pages already in memory), (f) the bare pipeline of (c) without its
// bookkeeping. BENCH_DOCS changes the document count (default 10,000); BENCH_WAYS=raw,app runs only those ways.
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/helpers/browser.ts';
import { BENCH_DB, BENCH_UNIT, BENCH_USER } from './helpers/data.ts';
import { bundleEntry, serveEntry } from './helpers/bundle.ts';
import { startBenchServer } from './helpers/server.ts';
import { median, spread } from './helpers/stats.ts';
import type { Measured } from './browser/first-sync.ts';
import type { Bench, BenchResult, BenchRow } from './types.ts';

const COUNT = Number(process.env.BENCH_DOCS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ALL_WAYS = ['raw', 'fetch', 'write', 'pipe', 'default', 'app'] as const;
type Way = (typeof ALL_WAYS)[number];
/** BENCH_WAYS=raw,app runs only those (quick experiments; the ratios of the others are then NaN). */
const WAYS: readonly Way[] = process.env.BENCH_WAYS ? ALL_WAYS.filter((w) => process.env.BENCH_WAYS!.split(',').includes(w)) : ALL_WAYS;

const bench: Bench = {
  name: 'first-sync',
  async run(): Promise<BenchResult> {
    const server = await startBenchServer(COUNT);
    console.log(`  seeded ${COUNT} documents (avg ${Math.round(server.avgDocBytes)} B JSON) in ${Math.round(server.seedMs)} ms`);
    const browser = await launchBrowser();
    try {
      const js = await bundleEntry('first-sync');
      const space = { ...BENCH_UNIT, title: 'Văn phòng', db: BENCH_DB };
      const results: Record<Way, Measured[]> = { raw: [], fetch: [], write: [], pipe: [], default: [], app: [] };
      for (let round = 1; round <= ROUNDS; round++) {
        for (const way of WAYS) {
          const context = await browser.newContext();
          try {
            const page = await context.newPage();
            page.on('pageerror', (err) => console.error(`  [${way}] page error:`, err.message));
            await page.goto(await serveEntry(context, server.url, 'first-sync', js));
            await page.waitForFunction(() => !!window.bench);
            await page.evaluate(([n, p]) => window.bench.signIn(n, p), [BENCH_USER.name, server.demoPassword] as const);
            const m = await measure(page, way, space);
            // `>=`: the unit space also holds the demo notices of its unit.
            if (m.docs < COUNT) throw new Error(`${way}: only ${m.docs} of ${COUNT} documents on the device`);
            results[way].push(m);
            const extra = m.marks
              ? ' ' +
                Object.entries(m.marks)
                  .map(([k, v]) => `${k}@${Math.round(v)}`)
                  .join(' ')
              : '';
            console.log(
              `  round ${round} ${way.padEnd(7)} ${Math.round(m.ms)} ms, ${m.docs} docs${m.requests ? `, ${m.requests} requests` : ''}${extra}`,
            );
          } finally {
            await context.close();
          }
        }
      }
      const med = (way: Way) => median(results[way].map((m) => m.ms));
      const row = (way: Way, metric: string, note: string): BenchRow[] => {
        const times = results[way].map((m) => m.ms);
        return [
          { metric, value: med(way), unit: 'ms', note: `${note}; ${spread(times)}` },
          { metric: `${metric}, docs/s`, value: (COUNT / med(way)) * 1000, unit: 'docs/s' },
        ];
      };
      const app = results.app;
      const markMedian = (name: string) => median(app.map((m) => m.marks?.[name] ?? NaN).filter((v) => !Number.isNaN(v)));
      const rows: BenchRow[] = [
        { metric: 'documents', value: COUNT, unit: 'docs', note: `avg ${Math.round(server.avgDocBytes)} B JSON, unit space ${BENCH_DB}` },
        ...row('raw', '(a) raw IndexedDB, 1 transaction', 'lower bound, write only'),
        ...row(
          'default',
          '(b) PouchDB.replicate, default options',
          `indexeddb adapter, ${median(results.default.map((m) => m.requests ?? 0))} requests`,
        ),
        ...row('app', '(c) app first sync (SyncManager)', `start → up to date, ${median(app.map((m) => m.requests ?? 0))} requests`),
        { metric: '(c) indexes ready', value: markMedian('indexesReady'), unit: 'ms', note: 'localDbReady, from start' },
        { metric: '(c) all documents downloaded', value: markMedian('downloaded'), unit: 'ms', note: 'fast pull done, from start' },
        ...row('fetch', '(d) server floor: fetch + parse every _changes page', 'nothing stored, 2,000 per page'),
        ...row('write', '(e) PouchDB floor: bulkDocs(new_edits:false) alone', 'pages of 2,000 already in memory, indexeddb adapter'),
        ...row(
          'pipe',
          '(f) bare pipeline: fetch page N+1 while writing page N',
          `no bookkeeping; waiting for pages ${Math.round(median(results.pipe.map((m) => m.marks?.waitingForPages ?? NaN)))} ms`,
        ),
      ];
      return {
        rows,
        ratios: [
          { name: '(c) app / (a) raw IndexedDB', value: med('app') / med('raw'), goal: '≤ 3' },
          { name: '(c) app / (b) default replication', value: med('app') / med('default'), goal: '< 1' },
          { name: '(b) default / (a) raw IndexedDB', value: med('default') / med('raw') },
          { name: '(d) server floor / (a) raw IndexedDB', value: med('fetch') / med('raw') },
          { name: '(c) app / (d) server floor', value: med('app') / med('fetch') },
          { name: '(e) PouchDB write alone / (a) raw IndexedDB', value: med('write') / med('raw') },
          { name: '(f) bare pipeline / (a) raw IndexedDB', value: med('pipe') / med('raw') },
          { name: '(c) app / (f) bare pipeline', value: med('app') / med('pipe') },
        ],
      };
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};

function measure(
  page: Page,
  way: Way,
  space: { kind: 'unit' | 'org' | 'registry' | 'personal' | 'conversation'; id: string; title: string; db: string },
): Promise<Measured> {
  switch (way) {
    case 'raw':
      return page.evaluate((db) => window.bench.rawIndexedDb(db), space.db);
    case 'fetch':
      return page.evaluate((db) => window.bench.fetchOnly(db), space.db);
    case 'default':
      return page.evaluate((s) => window.bench.pouchDefault(s), space);
    case 'write':
      return page.evaluate((db) => window.bench.pouchWrite(db), space.db);
    case 'pipe':
      return page.evaluate((db) => window.bench.pouchPipeline(db), space.db);
    case 'app':
      return page.evaluate(([s, name]) => window.bench.appFirstSync(s, { name }), [space, BENCH_USER.name] as const);
  }
}

export default bench;
