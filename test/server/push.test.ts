// Web Push (issue 6) against the real server and its workers, with a fake push service on loopback (a real
// one — FCM, Mozilla's, Apple's — cannot be reached here; PUSH_ALLOW_LOOPBACK lets the server send to it).
// The fake service receives exactly what a real one would: the VAPID-signed, aes128gcm-encrypted request,
// which the test decrypts with the subscription's private key as a browser would.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import ece from 'http_ece';
import { NOTIFICATION_PREFS_ID } from '../../src/model/notifications.ts';
import { endpointProblem } from '../../server/services/push.ts';
import { secretsPath } from '../../server/store/secrets.ts';
import { login, request } from './helpers/http.ts';
import { personalDb, task } from './helpers/tasks.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A browser's push subscription: its P-256 key pair and auth secret, at an endpoint of the fake service. */
function browserSubscription(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    json: { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } },
  };
}

const waitFor = async (what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('Web Push', () => {
  let s: TestServer;
  let pushService: Server;
  let pushBase = '';
  const received: Received[] = [];
  let head = '';
  let an = '';
  let dung = '';

  before(async () => {
    pushService = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks as unknown as Uint8Array[]) });
        res.statusCode = req.url?.startsWith('/gone/') ? 410 : 201;
        res.end();
      });
    });
    await new Promise<void>((r) => pushService.listen(0, '127.0.0.1', () => r()));
    pushBase = `http://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
    s = await startTestServer({ demo: true, env: { PUSH_ALLOW_LOOPBACK: '1' } });
    head = await login(s.url, 'hoa.do', s.demoPassword);
    an = await login(s.url, 'an.nguyen', s.demoPassword);
    dung = await login(s.url, 'dung.ngo', s.demoPassword);
  });
  after(async () => {
    await s?.stop();
    await new Promise<void>((r) => pushService.close(() => r()));
  });

  const api = (p: string) => `${s.url}/api${p}`;
  const assign = async (lead: string, title: string): Promise<string> => {
    const t = task('hoa.do', { lead, title });
    const r = await request(`${s.url}/db/docket-unit-vp/${encodeURIComponent(String(t._id))}`, { method: 'PUT', cookie: head, body: t });
    assert.equal(r.status, 201, r.text);
    return String(t._id);
  };
  const notificationsOf = async (name: string, cookie: string, kind: string, subjectId: string) => {
    const r = await request(
      `${s.url}/db/${personalDb(name)}/_all_docs?include_docs=true&startkey="notification:"&endkey="notification:\uffff"`,
      {
        cookie,
      },
    );
    return (r.json.rows as { doc: { kind: string; subject: { id: string } } }[]).filter(
      (x) => x.doc.kind === kind && x.doc.subject.id === subjectId,
    );
  };
  const setPrefs = async (cookie: string, name: string, prefs: { push: boolean; muted: string[] }) => {
    const url = `${s.url}/db/${personalDb(name)}/${NOTIFICATION_PREFS_ID}`;
    const current = await request(url, { cookie });
    const now = new Date().toISOString();
    const doc = {
      _id: NOTIFICATION_PREFS_ID,
      ...(current.status === 200 ? { _rev: current.json._rev } : {}),
      type: 'notificationPrefs',
      schema: 1,
      createdAt: current.status === 200 ? current.json.createdAt : now,
      createdBy: name,
      updatedAt: now,
      ...prefs,
    };
    const r = await request(url, { method: 'PUT', cookie, body: doc });
    assert.equal(r.status, 201, r.text);
  };

  it('keeps its VAPID key pair in DATA_DIR and gives signed-in accounts the public key', async () => {
    const secrets = JSON.parse(readFileSync(secretsPath(s.dataDir), 'utf8')) as { vapidPublicKey: string; vapidPrivateKey: string };
    assert.match(secrets.vapidPublicKey, /^[A-Za-z0-9_-]{87}$/);
    assert.equal((await request(api('/push/key'))).status, 401);
    const r = await request(api('/push/key'), { cookie: an });
    assert.equal(r.status, 200);
    assert.equal(r.json.publicKey, secrets.vapidPublicKey);
  });

  it('refuses subscriptions that are not a push service’s, and anonymous ones', async () => {
    const good = browserSubscription(`${pushBase}/an/1`).json;
    assert.equal((await request(api('/push/subscriptions'), { method: 'POST', body: good })).status, 401);
    for (const endpoint of [
      'http://example.com/push',
      'https://10.0.0.5/push',
      'https://localhost/x',
      'ftp://push.example.com/',
      'not a url',
      42,
    ])
      assert.equal(
        (await request(api('/push/subscriptions'), { method: 'POST', cookie: an, body: { ...good, endpoint } })).status,
        400,
        String(endpoint),
      );
    assert.equal(
      (await request(api('/push/subscriptions'), { method: 'POST', cookie: an, body: { endpoint: good.endpoint } })).status,
      400,
    );
    const bad = { ...good, keys: { p256dh: 'not base64!', auth: good.keys.auth } };
    assert.equal((await request(api('/push/subscriptions'), { method: 'POST', cookie: an, body: bad })).status, 400);
    // Without the test switch only public HTTPS host names pass.
    assert.equal(endpointProblem(`${pushBase}/x`), 'endpoint must be an https: URL of a push service.');
    assert.equal(endpointProblem('https://fcm.googleapis.com/fcm/send/abc'), null);
  });

  it('pushes a new notification, encrypted for the device, only once push is on, and never a muted kind', async () => {
    const device = browserSubscription(`${pushBase}/an/phone`);
    assert.equal((await request(api('/push/subscriptions'), { method: 'POST', cookie: an, body: device.json })).status, 201);
    assert.equal((await request(api('/push/subscriptions'), { method: 'POST', cookie: an, body: device.json })).status, 200, 'known');

    // Push not turned on yet: the notification is written, nothing is sent.
    const first = await assign('an.nguyen', 'Rà soát hồ sơ một cửa tháng 11');
    await waitFor('the assigned notification', async () => (await notificationsOf('an.nguyen', an, 'assigned', first)).length === 1);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(received.filter((x) => x.path === '/an/phone').length, 0);

    await setPrefs(an, 'an.nguyen', { push: true, muted: [] });
    const second = await assign('an.nguyen', 'Tổng hợp ý kiến cử tri phường');
    await waitFor('a push', () => received.some((x) => x.path === '/an/phone'));
    const req = received.find((x) => x.path === '/an/phone')!;
    assert.equal(req.headers['content-encoding'], 'aes128gcm');
    const publicKey = (await request(api('/push/key'), { cookie: an })).json.publicKey as string;
    assert.match(String(req.headers.authorization), new RegExp(`^vapid t=[^,]+, k=${publicKey}$`));
    assert.ok(Number(req.headers.ttl) > 0);
    const payload = JSON.parse(
      ece
        .decrypt(req.body, { version: 'aes128gcm', privateKey: device.ecdh, authSecret: device.auth.toString('base64url') })
        .toString('utf8'),
    );
    assert.equal(payload.title, 'Đỗ Thị Hòa giao cho bạn');
    assert.equal(payload.body, 'Tổng hợp ý kiến cử tri phường');
    assert.equal(payload.url, `/tasks/${encodeURIComponent(second)}`);

    // Muted: no push (and no notification at all).
    await setPrefs(an, 'an.nguyen', { push: true, muted: ['assigned'] });
    const before = received.length;
    await assign('an.nguyen', 'Kiểm tra trật tự đô thị tổ dân phố số 3');
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal(received.length, before);
  });

  it('each device is told in the language it subscribed in; an unknown language is refused', async () => {
    const tablet = browserSubscription(`${pushBase}/an/tablet`);
    const bad = await request(api('/push/subscriptions'), { method: 'POST', cookie: an, body: { ...tablet.json, locale: 'fr' } });
    assert.equal(bad.status, 400, bad.text);
    assert.match(bad.text, /locale must be one of vi, en, ar/);
    assert.equal(
      (await request(api('/push/subscriptions'), { method: 'POST', cookie: an, body: { ...tablet.json, locale: 'ar' } })).status,
      201,
    );
    await setPrefs(an, 'an.nguyen', { push: true, muted: [] });
    const id = await assign('an.nguyen', 'Báo cáo công tác dân vận');
    await waitFor('a push to the tablet', () => received.some((x) => x.path === '/an/tablet'));
    const req = received.find((x) => x.path === '/an/tablet')!;
    const payload = JSON.parse(
      ece
        .decrypt(req.body, { version: 'aes128gcm', privateKey: tablet.ecdh, authSecret: tablet.auth.toString('base64url') })
        .toString('utf8'),
    );
    assert.equal(payload.title, 'Đỗ Thị Hòa أسند إليك');
    assert.equal(payload.url, `/tasks/${encodeURIComponent(id)}`);
  });

  it('sends each notification once, even when handled again, and forgets a device its push service says is gone', async () => {
    const push = s.running.docket.push!;
    const device = browserSubscription(`${pushBase}/gone/dung`);
    assert.equal((await request(api('/push/subscriptions'), { method: 'POST', cookie: dung, body: device.json })).status, 201);
    await setPrefs(dung, 'dung.ngo', { push: true, muted: [] });
    const id = await assign('dung.ngo', 'Soạn thảo quy chế làm việc');
    await waitFor('a push to the gone device', () => received.some((x) => x.path === '/gone/dung'));
    await waitFor('the subscription forgotten', async () => (await push.subscriptionsOf('dung.ngo')).length === 0);
    const [n] = await notificationsOf('dung.ngo', dung, 'assigned', id);
    const count = received.length;
    assert.equal(await push.deliver(n!.doc as never, () => ({ title: 'x', body: 'y', url: '/' })), 0, 'already sent');
    assert.equal(received.length, count);
  });

  it('a device is unsubscribed by its own account only', async () => {
    const device = browserSubscription(`${pushBase}/an/desk`);
    assert.equal((await request(api('/push/subscriptions'), { method: 'POST', cookie: an, body: device.json })).status, 201);
    const del = (cookie: string) =>
      request(api('/push/subscriptions'), { method: 'DELETE', cookie, body: { endpoint: device.json.endpoint } });
    assert.equal((await del(dung)).status, 404);
    assert.equal((await del(an)).status, 200);
    assert.equal((await del(an)).status, 404);
    // Nobody reaches the subscriptions through /db.
    assert.equal((await request(`${s.url}/db/docket-push/_all_docs`, { cookie: an })).status, 403);
  });
});
