// Serves a bench entry (bench/browser/*.ts, bundled with esbuild) on the test server's own origin, so
// that the page talks to the server with its session cookie exactly as the app does, without the app.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BrowserContext } from 'playwright-core';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `bench/browser/<entry>.ts` for the browser (ES2022, minified like a production build). */
export async function bundleEntry(entry: string): Promise<string> {
  const out = await build({
    entryPoints: [path.join(benchDir, 'browser', `${entry}.ts`)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis', __APP_VERSION__: '"bench"' },
    logLevel: 'error',
  });
  return out.outputFiles[0]!.text;
}

/**
 * Makes `<origin>/__bench/<entry>.html` a blank page that loads the bundle (answered by the browser context,
 * not the server); resolves with that URL.
 */
export async function serveEntry(context: BrowserContext, origin: string, entry: string, js: string): Promise<string> {
  const html = `<!doctype html><meta charset="utf-8"><title>bench ${entry}</title><script type="module" src="/__bench/${entry}.js"></script>`;
  await context.route(`${origin}/__bench/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith('.js')) return route.fulfill({ status: 200, contentType: 'text/javascript', body: js });
    return route.fulfill({ status: 200, contentType: 'text/html', body: html });
  });
  return `${origin}/__bench/${entry}.html`;
}
