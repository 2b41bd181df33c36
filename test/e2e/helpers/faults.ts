// Shared by the browser fault tests (issue 7): a server on its own copy of the built app (so a test can deploy
// a "new version" under a running browser), an HTTP proxy on loopback that can cut off the data API while the
// app shell still loads, Chrome's storage quota override (DevTools Protocol), and reads of what a device holds.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { loadConfig } from '../../../server/config.ts';
import { DEFAULT_DIST } from '../../../server/app.ts';
import { startServer } from '../../../server/index.ts';
import { TEST_ADMIN, TEST_DEMO_PASSWORD, type TestServer } from '../../server/helpers/test-server.ts';

export interface FaultServer extends TestServer {
  /** This server's copy of the built app (`dist/`), which a test may change under a running browser. */
  distDir: string;
}

/**
 * The real server (demo ward, 127.0.0.1, port 0, temp DATA_DIR) serving a private copy of `dist/`: a build
 * running elsewhere cannot change the app under the test, and the test can deploy a new version itself.
 */
export async function startFaultServer(): Promise<FaultServer> {
  assert.ok(readFileSync(path.join(DEFAULT_DIST, 'sw.js'), 'utf8').length > 0, 'build the app first (npm run build)');
  const distDir = mkdtempSync(path.join(tmpdir(), 'docket-dist-'));
  cpSync(DEFAULT_DIST, distDir, { recursive: true, filter: (src) => !src.endsWith('.map') });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'docket-test-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO: '1',
    DEMO_PASSWORD: TEST_DEMO_PASSWORD,
    DEMO_DOCUMENTS: '0',
    LOG_LEVEL: 'silent',
    ADMIN_USER: TEST_ADMIN.name,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    LOGIN_RATE_LIMIT: '1000',
  });
  const running = await startServer(config, { distDir });
  return {
    url: running.url,
    dataDir,
    distDir,
    admin: { ...TEST_ADMIN },
    demoPassword: config.demoPassword,
    running,
    stop: async () => {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(distDir, { recursive: true, force: true });
    },
  };
}

/**
 * Deploys a "new version" of the app into `distDir`: index.html gets a build marker, and the service worker's
 * precache manifest a new revision for it, so sw.js changes byte for byte (what a real new build does).
 */
export function deployNewVersion(distDir: string, marker: string): void {
  const indexPath = path.join(distDir, 'index.html');
  const html = readFileSync(indexPath, 'utf8');
  writeFileSync(indexPath, html.replace('<head>', `<head>\n    <meta name="docket-build" content="${marker}" />`));
  const swPath = path.join(distDir, 'sw.js');
  const sw = readFileSync(swPath, 'utf8');
  const entry = /("revision":")([^"]+)(","url":"index\.html")/;
  assert.match(sw, entry, 'sw.js precaches index.html with a revision');
  writeFileSync(swPath, sw.replace(entry, `$1${marker}$3`));
}

/** The build marker of the page's current document (`null`: the first version). */
export const buildMarker = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.querySelector('meta[name="docket-build"]')?.getAttribute('content') ?? null);

export interface ApiGate {
  url: string;
  /** While true, `/db` and `/api` answer 503 (and open ones are cut): the app shell still loads. */
  setDataDown(down: boolean): void;
  /** Requests answered 503 so far. */
  refused: number;
  close(): Promise<void>;
}

/** An HTTP proxy on loopback in front of `target` that can take the data API down while the app shell is served. */
export async function startApiGate(target: string): Promise<ApiGate> {
  const to = new URL(target);
  let down = false;
  const open = new Set<Socket>();
  const gate = { refused: 0 } as ApiGate;
  const isData = (url = '') => url.startsWith('/db') || url.startsWith('/api');
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (down && isData(req.url)) {
      gate.refused++;
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"unavailable"}');
      return;
    }
    const up = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    if (isData(req.url)) {
      open.add(req.socket);
      res.on('close', () => open.delete(req.socket));
    }
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  gate.url = `http://127.0.0.1:${port}`;
  gate.setDataDown = (d) => {
    down = d;
    if (d) for (const s of open) s.destroy();
  };
  gate.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return gate;
}

// ————————————————————————————————————————————— storage quota (Chrome DevTools Protocol)

export interface Quota {
  /** Limits the origin's storage to `bytes` (Storage.overrideQuotaForOrigin). */
  set(bytes: number): Promise<void>;
  /** Removes the override: the browser's own quota again. */
  clear(): Promise<void>;
  /** The origin's usage as the browser reports it (navigator.storage.estimate). */
  usage(): Promise<number>;
}

export async function quotaControl(context: BrowserContext, page: Page): Promise<Quota> {
  const cdp: CDPSession = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  return {
    set: async (bytes) => {
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: bytes });
    },
    clear: async () => {
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    },
    usage: () => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0),
  };
}

// ————————————————————————————————————————————— what the device holds

/**
 * Every record of every PouchDB database on this device, read straight from IndexedDB (the `indexeddb`
 * adapter's `docs` store): `<database>\t<id>` → winning revision. Independent of the app's own code.
 */
export function deviceRecords(page: Page): Promise<Record<string, string>> {
  // A string: tsx would wrap named functions in a helper the page does not have.
  return page.evaluate(`(async () => {
    const out = {};
    for (const info of await indexedDB.databases()) {
      const name = info.name || '';
      const db = await new Promise((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      try {
        if (!db.objectStoreNames.contains('docs')) continue;
        const rows = await new Promise((resolve, reject) => {
          const req = db.transaction('docs', 'readonly').objectStore('docs').getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        for (const r of rows) out[name + '\\t' + r.id] = r.rev;
      } finally {
        db.close();
      }
    }
    return out;
  })()`);
}

/** Fails naming the records `before` had that `after` lacks (or holds at another revision). */
export function assertNothingLost(before: Record<string, string>, after: Record<string, string>, what: string): void {
  const lost = Object.keys(before).filter((k) => !(k in after));
  assert.deepEqual(lost.slice(0, 5), [], `${what}: ${lost.length} of ${Object.keys(before).length} stored records are gone`);
}

/** The app's sync snapshot: pending local changes over all spaces. */
export const pendingLocal = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      (
        document.querySelector('dk-app') as unknown as { _backend: { syncService: { snapshot(): { pendingLocal: number } } } }
      )._backend.syncService.snapshot().pendingLocal,
  );

/** Polls `pendingLocal` until it is `n` (30 s). */
export async function waitPending(page: Page, n: number, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = -1;
  while (Date.now() < deadline) {
    last = await pendingLocal(page).catch(() => -1);
    if (last === n) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`pending local changes stayed ${last}, expected ${n}`);
}

/** A file of `bytes` random (incompressible) bytes framed like a JPEG (the app checks the MIME type, it does not decode). */
export function bigJpeg(bytes: number): Buffer {
  const b = randomBytes(bytes);
  b[0] = 0xff;
  b[1] = 0xd8;
  b[2] = 0xff;
  b[bytes - 2] = 0xff;
  b[bytes - 1] = 0xd9;
  return b;
}

/** GET through the server as its admin (basic auth). */
export async function adminGet<T>(server: TestServer, p: string): Promise<T> {
  const auth = Buffer.from(`${server.admin.name}:${server.admin.password}`).toString('base64');
  const res = await fetch(`${server.url}${p}`, { headers: { Authorization: `Basic ${auth}` } });
  assert.equal(res.status, 200, `${p} → ${res.status}`);
  return (await res.json()) as T;
}
