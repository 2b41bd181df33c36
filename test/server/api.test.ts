import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { VERSION } from '../../server/api/index.ts';
import { login, request } from './helpers/http.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

describe('/api', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ demo: true });
  });
  after(() => s.stop());

  it('GET /api/health', async () => {
    const r = await request(`${s.url}/api/health`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { ok: true, store: 'embedded', version: VERSION });
  });

  it('GET /api/me answers 401 in CouchDB style when signed out', async () => {
    const r = await request(`${s.url}/api/me`);
    assert.equal(r.status, 401);
    assert.equal(r.json.error, 'unauthorized');
    assert.equal(typeof r.json.reason, 'string');
    const bad = await request(`${s.url}/api/me`, { cookie: 'AuthSession=garbage' });
    assert.equal(bad.status, 401);
  });

  it('GET /api/me lists a staff member’s spaces with titles and database names', async () => {
    const cookie = await login(s.url, 'an.nguyen', s.demoPassword);
    const r = await request(`${s.url}/api/me`, { cookie });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {
      name: 'an.nguyen',
      displayName: 'Nguyễn Văn An',
      roles: ['staff', 'unit:vp'],
      units: ['vp'],
      spaces: [
        { kind: 'org', id: 'org', title: 'Toàn phường', db: 'docket-org' },
        { kind: 'unit', id: 'vp', title: 'Văn phòng HĐND – UBND', db: 'docket-unit-vp' },
        { kind: 'personal', id: 'an.nguyen', title: 'Cá nhân', db: 'docket-user-616e2e6e677579656e' },
      ],
      settings: { confidentialFilesOffline: false, issuer: { code: 'UBND', name: 'UBND phường Hòa Bình' } },
    });
    assert.equal(r.headers.get('cache-control'), 'no-store');
  });

  it('GET /api/me gives leaders and clerks every unit space', async () => {
    for (const name of ['hung.tran', 'long.tong']) {
      const cookie = await login(s.url, name, s.demoPassword);
      const r = await request(`${s.url}/api/me`, { cookie });
      assert.deepEqual(
        r.json.spaces.filter((x: { kind: string }) => x.kind === 'unit').map((x: { id: string }) => x.id),
        ['vp', 'kt', 'vhxh', 'ttpvhcc', 'vpdu'],
      );
    }
  });

  it('every space listed by /api/me is readable by that user', async () => {
    const cookie = await login(s.url, 'binh.ta', s.demoPassword);
    const me = await request(`${s.url}/api/me`, { cookie });
    for (const space of me.json.spaces as { db: string }[])
      assert.equal((await request(`${s.url}/db/${space.db}`, { cookie })).status, 200);
  });

  it('sends security headers with a CSP the app can live with', async () => {
    const r = await request(`${s.url}/api/health`);
    const csp = r.headers.get('content-security-policy') ?? '';
    for (const d of ["default-src 'self'", "img-src 'self' data: blob:", "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'"])
      assert.ok(csp.includes(d), d);
    assert.ok(!csp.includes('upgrade-insecure-requests'));
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('x-powered-by'), null);
  });
});

describe('static client', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'docket-dist-'));
  const dist = path.join(dir, 'dist');
  let url = '';
  let close: () => Promise<void> = async () => undefined;
  before(async () => {
    mkdirSync(path.join(dist, 'assets'), { recursive: true });
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Docket</title>');
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(path.join(dist, 'sw.js'), 'self.x=1');
    writeFileSync(path.join(dist, 'manifest.webmanifest'), '{}');
    const config = loadConfig({
      DATA_DIR: path.join(dir, 'data'),
      DEMO: '0',
      LOG_LEVEL: 'silent',
      ADMIN_USER: 'admin',
      ADMIN_PASSWORD: 'static-test-pw',
    });
    const docket = await createApp(config, { distDir: dist });
    const server = docket.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    close = async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await docket.close();
      rmSync(dir, { recursive: true, force: true });
    };
  });
  after(() => close());

  it('caches hashed assets for a year, immutable', async () => {
    const r = await request(`${url}/assets/index-abc123.js`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  });

  it('never caches index.html, sw.js and the manifest', async () => {
    for (const p of ['/sw.js', '/manifest.webmanifest']) assert.equal((await request(url + p)).headers.get('cache-control'), 'no-cache', p);
    const index = await request(`${url}/notices/123`);
    assert.equal(index.status, 200);
    assert.match(index.text, /<title>Docket/);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
  });

  it('falls back to index.html only for app routes', async () => {
    assert.equal((await request(`${url}/`)).status, 200);
    assert.equal((await request(`${url}/settings`)).status, 200);
    assert.equal((await request(`${url}/missing.js`)).status, 404);
    assert.equal((await request(`${url}/assets/nope-123.css`)).status, 404);
    const api = await request(`${url}/api/whatever`);
    assert.equal(api.status, 404);
    assert.equal(api.json.error, 'not_found');
    assert.equal((await request(`${url}/db/docket-org`)).status, 401);
  });
});
