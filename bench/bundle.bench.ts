// Benchmark 5: what the browser downloads. Builds the app (vite build, like `npm run build`, but into a temp
// folder with Vite's manifest, so it never disturbs dist/ while tests serve it; BENCH_BUNDLE_DIST=<folder>
// reuses a build made with `--manifest`), then reports gzip sizes (node's zlib, level 9):
// - initial JS and CSS: what index.html loads eagerly (the entry script, its modulepreload links, stylesheets),
//   checked against the static-import closure of the entry in the manifest;
// - the boot: + the data layer (src/app/backend.ts), which the shell imports dynamically as soon as it starts,
//   and what a signed-in first screen adds (notices page, reminders bell, documents count);
// - each lazy feature: what opening it adds to the boot JS (its dynamic entries and their static imports; chunks
//   shared by several features count in each);
// - all JS (every chunk, without the service worker) and the service worker.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Bench, BenchResult, BenchRow } from './types.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GOAL_INITIAL_JS_KB = 170;

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

export function gzipSize(bytes: Uint8Array | string): number {
  return gzipSync(bytes, { level: 9 }).length;
}

/** Static-import closure of manifest keys (chunk files). */
function closure(manifest: Manifest, keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const stack = [...keys];
  while (stack.length) {
    const key = stack.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) continue;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    stack.push(...(chunk.imports ?? []));
  }
  return files;
}

/** Feature of a dynamic entry: `src/features/<name>/…` → name; others by their source. */
function featureOf(key: string, chunk: ManifestChunk): string {
  const src = chunk.src ?? key;
  const m = /^src\/features\/([^/]+)\//.exec(src);
  if (m) return m[1]!;
  if (src === 'src/app/backend.ts') return 'backend (data + sync, loaded at start)';
  if (src.includes('workbox-window')) return 'pwa update (workbox-window)';
  return src.replace(/^src\//, '');
}

const bench: Bench = {
  name: 'bundle',
  async run(): Promise<BenchResult> {
    const reuse = process.env.BENCH_BUNDLE_DIST;
    const out = reuse ? path.resolve(reuse) : mkdtempSync(path.join(tmpdir(), 'docket-bundle-'));
    try {
      if (!reuse) {
        const t0 = performance.now();
        execFileSync('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir', '--manifest', 'manifest.json', '--logLevel', 'warn'], {
          cwd: root,
          stdio: ['ignore', 'ignore', 'inherit'],
          timeout: 600_000,
        });
        console.log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s into ${out}`);
      }
      const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
      const sizes = new Map<string, { raw: number; gz: number }>();
      const size = (file: string): { raw: number; gz: number } => {
        let s = sizes.get(file);
        if (!s) {
          const buf = new Uint8Array(readFileSync(path.join(out, file)));
          s = { raw: buf.length, gz: gzipSize(buf) };
          sizes.set(file, s);
        }
        return s;
      };
      const sum = (files: Iterable<string>, ext: '.js' | '.css'): { raw: number; gz: number; count: number } => {
        let raw = 0;
        let gz = 0;
        let count = 0;
        for (const f of files) {
          if (!f.endsWith(ext)) continue;
          const s = size(f);
          raw += s.raw;
          gz += s.gz;
          count++;
        }
        return { raw, gz, count };
      };

      // What index.html loads eagerly.
      const html = readFileSync(path.join(out, 'index.html'), 'utf8');
      const eager = new Set<string>();
      for (const m of html.matchAll(/<script\b[^>]*\bsrc="\/?([^"]+)"/g)) eager.add(m[1]!);
      for (const m of html.matchAll(/<link\b[^>]*\brel="(?:modulepreload|stylesheet)"[^>]*\bhref="\/?([^"]+)"/g)) eager.add(m[1]!);
      const entryKeys = Object.keys(manifest).filter((k) => manifest[k]!.isEntry);
      const initial = closure(manifest, entryKeys);
      const missingFromHtml = [...initial].filter((f) => !eager.has(f));
      const initialFiles = new Set([...initial, ...eager]);
      const initialJs = sum(initialFiles, '.js');
      const initialCss = sum(initialFiles, '.css');

      const keyOfSrc = (src: string): string | undefined => Object.keys(manifest).find((k) => (manifest[k]!.src ?? k) === src);
      const plus = (srcs: string[]): Set<string> => {
        const keys = srcs.map(keyOfSrc).filter((k): k is string => !!k);
        return new Set([...initialFiles, ...closure(manifest, keys)]);
      };
      const bootFiles = plus(['src/app/backend.ts']);
      const firstScreenFiles = plus([
        'src/app/backend.ts',
        'src/features/notices/dk-notices-page.ts',
        'src/features/tasks/dk-task-reminders.ts',
        'src/features/documents/nav-count.ts',
      ]);

      // Every JS file of the build (assets), and the service worker on its own.
      const assets = readdirSync(path.join(out, 'assets')).map((f) => `assets/${f}`);
      const allJs = sum(assets, '.js');
      const allCss = sum(assets, '.css');
      const sw = readdirSync(out).includes('sw.js') ? size('sw.js') : null;

      // Lazy features: what opening one adds to what is loaded anyway (initial + the data layer, imported at start).
      const byFeature = new Map<string, string[]>();
      for (const [key, chunk] of Object.entries(manifest)) {
        if (!chunk.isDynamicEntry) continue;
        const f = featureOf(key, chunk);
        byFeature.set(f, [...(byFeature.get(f) ?? []), key]);
      }
      const featureRows: BenchRow[] = [...byFeature.entries()]
        .map(([feature, keys]) => {
          const base = keys.some((k) => manifest[k]!.src === 'src/app/backend.ts') ? initialFiles : bootFiles;
          const files = [...closure(manifest, keys)].filter((f) => !base.has(f));
          const js = sum(files, '.js');
          const entries = keys.map((k) => path.basename(manifest[k]!.src ?? k)).join(', ');
          return {
            feature,
            js,
            entries,
            chunks: files.filter((f) => f.endsWith('.js')).length,
            beyond: base === bootFiles ? 'boot' : 'initial',
          };
        })
        .filter((f) => f.chunks > 0) // e.g. data/session.ts: already in the boot JS
        .sort((a, b) => b.js.gz - a.js.gz)
        .map(({ feature, js, entries, chunks, beyond }) => ({
          metric: `lazy: ${feature}`,
          value: kb(js.gz),
          unit: 'KB gzip',
          note: `${chunks} chunks beyond the ${beyond} JS (${kb(js.raw)} KB raw): ${entries}`,
        }));

      const rows: BenchRow[] = [
        {
          metric: 'initial JS (index.html: entry + modulepreload)',
          value: kb(initialJs.gz),
          unit: 'KB gzip',
          note: `${initialJs.count} files, ${kb(initialJs.raw)} KB raw; goal ≤ ${GOAL_INITIAL_JS_KB} KB gzip${
            missingFromHtml.length ? `; static imports not preloaded by index.html: ${missingFromHtml.join(', ')}` : ''
          }`,
        },
        {
          metric: 'initial CSS',
          value: kb(initialCss.gz),
          unit: 'KB gzip',
          note: `${initialCss.count} files, ${kb(initialCss.raw)} KB raw (components style themselves in JS)`,
        },
        {
          metric: 'boot JS (+ data layer, imported at start)',
          value: kb(sum(bootFiles, '.js').gz),
          unit: 'KB gzip',
          note: 'initial + src/app/backend.ts and its imports (PouchDB, sync)',
        },
        {
          metric: 'signed-in first screen JS',
          value: kb(sum(firstScreenFiles, '.js').gz),
          unit: 'KB gzip',
          note: 'boot + notices page, reminders bell, documents count',
        },
        {
          metric: 'all JS',
          value: kb(allJs.gz),
          unit: 'KB gzip',
          note: `${allJs.count} chunks, ${kb(allJs.raw)} KB raw (service worker not included)`,
        },
        { metric: 'all CSS', value: kb(allCss.gz), unit: 'KB gzip', note: `${allCss.count} files` },
        ...(sw ? [{ metric: 'service worker (sw.js)', value: kb(sw.gz), unit: 'KB gzip', note: `${kb(sw.raw)} KB raw` }] : []),
        ...featureRows,
        { metric: 'gzip', value: 9, unit: 'level', note: 'node:zlib gzipSync level 9, per file; KB = 1,024 bytes' },
      ];
      return {
        rows,
        ratios: [
          { name: 'initial JS / 170 KB gzip', value: initialJs.gz / 1024 / GOAL_INITIAL_JS_KB, goal: '≤ 1' },
          { name: 'initial JS / all JS (gzip)', value: initialJs.gz / allJs.gz },
        ],
      };
    } finally {
      if (!reuse) rmSync(out, { recursive: true, force: true });
    }
  },
};

export default bench;
