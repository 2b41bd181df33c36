/**
 * Signing out ends the session on the server (issue 7, "logout invalidates the session"): a copied
 * session cookie is refused after its user signed out with it, by every /db and /api route, also
 * after a restart; the user's other devices stay signed in; nobody but the server reads the list.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { REVOKED_SESSIONS_DB, cookieIssuedAt } from '../../server/gateway/revoked-sessions.ts';
import { disableUser, resetPassword } from '../../server/services/accounts.ts';
import { login, request } from './helpers/http.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

const VP = 'docket-unit-vp';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sign-out revokes the session cookie', () => {
  let s: TestServer;
  let office: string; // tuan.vu on the office PC: signs out
  let phone: string; // tuan.vu on his phone: stays signed in
  const db = (path: string) => `${s.url}/db/${path}`;

  /** What a request with `cookie` may do now: its /api/me status and whether it reads its unit space. */
  const access = async (cookie: string) => ({
    me: (await request(`${s.url}/api/me`, { cookie })).status,
    session: ((await request(db('_session'), { cookie })).json as { userCtx?: { name: string | null } }).userCtx?.name ?? null,
    space: (await request(db(`${VP}/_all_docs?limit=1`), { cookie })).status,
    changes: (await request(db(`${VP}/_changes?limit=1`), { cookie })).status,
  });
  const signedIn = { me: 200, session: 'tuan.vu', space: 200, changes: 200 };
  const signedOut = { me: 401, session: null, space: 401, changes: 401 };

  before(async () => {
    s = await startTestServer({ demo: true, keepDataDir: true });
    office = await login(s.url, 'tuan.vu', s.demoPassword);
    await sleep(1100); // a cookie is name + issue second + HMAC: a second later, another cookie
    phone = await login(s.url, 'tuan.vu', s.demoPassword);
    assert.notEqual(office, phone);
  });
  after(() => s?.stop());

  it('refuses the cookie once its user signed out with it; the other device goes on', async () => {
    assert.deepEqual(await access(office), signedIn);
    const out = await request(db('_session'), { method: 'DELETE', cookie: office });
    assert.equal(out.status, 200);
    assert.match(out.headers.get('set-cookie') ?? '', /AuthSession=;/, 'the browser is told to forget it');
    // A copy of the cookie (another tab, someone who copied it) no longer works anywhere.
    assert.deepEqual(await access(office), signedOut);
    assert.equal((await request(db(`${VP}/_all_docs`), { cookie: office })).status, 401);
    assert.equal((await request(`${s.url}/api/changes`, { method: 'POST', cookie: office, body: { since: {} } })).status, 401);
    assert.deepEqual(await access(phone), signedIn);
  });

  it('signing out twice, or anonymously, is harmless', async () => {
    assert.equal((await request(db('_session'), { method: 'DELETE', cookie: office })).status, 200);
    assert.equal((await request(db('_session'), { method: 'DELETE' })).status, 200);
    assert.deepEqual(await access(phone), signedIn);
  });

  it('nobody but the server reads or writes the list of signed-out sessions', async () => {
    const staff = await login(s.url, 'an.nguyen', s.demoPassword);
    for (const cookie of [phone, staff]) {
      assert.equal((await request(db(`${REVOKED_SESSIONS_DB}/_all_docs`), { cookie })).status, 403);
      assert.equal((await request(db(`${REVOKED_SESSIONS_DB}/session:x`), { method: 'PUT', cookie, body: { name: 'x' } })).status, 403);
    }
    assert.equal((await request(db(`${REVOKED_SESSIONS_DB}/_all_docs`))).status, 401);
    // The cookie itself is not stored, only its hash.
    const list = await request(db(`${REVOKED_SESSIONS_DB}/_all_docs?include_docs=true`), { basic: s.admin });
    assert.equal(list.status, 200);
    assert.ok(list.text.includes('tuan.vu'));
    assert.ok(!list.text.includes(office.replace('AuthSession=', '')));
  });

  it('still refuses it after a restart; signing in again works', async () => {
    const dataDir = s.dataDir;
    await s.stop();
    s = await startTestServer({ demo: true, dataDir });
    assert.deepEqual(await access(office), signedOut);
    assert.deepEqual(await access(phone), signedIn);
    await sleep(1100);
    const again = await login(s.url, 'tuan.vu', s.demoPassword);
    assert.deepEqual(await access(again), signedIn);
  });

  it('a password reset ends every session of the account; disabling does too', async () => {
    await sleep(1100);
    const other = await login(s.url, 'an.nguyen', s.demoPassword);
    assert.deepEqual((await access(phone)).me, 200);
    await resetPassword(s.running.docket.store, 'tuan.vu', 'mat-khau-moi-2026');
    assert.deepEqual(await access(phone), signedOut);
    assert.equal((await request(`${s.url}/api/me`, { cookie: other })).status, 200, 'other accounts are not touched');
    await disableUser(s.running.docket.store, 'an.nguyen');
    assert.equal((await request(`${s.url}/api/me`, { cookie: other })).status, 403);
    assert.equal((await request(db('docket-org/_all_docs?limit=1'), { cookie: other })).status, 403);
  });

  it('reads the issue time out of a CouchDB cookie (for when an entry may be dropped)', () => {
    const value = decodeURIComponent(phone.replace('AuthSession=', ''));
    const issued = cookieIssuedAt(value);
    assert.ok(issued && Math.abs(issued.getTime() - Date.now()) < 120_000, `issued ${issued?.toISOString()}`);
    assert.equal(cookieIssuedAt('not a cookie'), null);
  });
});
