/**
 * Session and sync service together, with `fetch` stubbed for `/db/_session` and `/api/me` (the
 * real server is exercised end to end) and local PouchDB databases standing in for the server's
 * spaces; one space is an HTTP database answering 403, as a space the user lost access to does.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { localDbName, remoteDb, scratchDb, spaceDb } from '../../src/data/db.ts';
import { getCachedMe, refreshMe, signIn, SignInError, signOut, subscribeMe } from '../../src/data/session.ts';
import type { MeResponse } from '../../src/model/api.ts';
import type { Space } from '../../src/model/spaces.ts';
import { syncService } from '../../src/sync/index.ts';
import { destroyMe, testMe } from './data-helpers.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('data/session + syncService', () => {
  const realFetch = window.fetch;
  let me: MeResponse;
  let meResponse: () => Response;
  let sessionResponse: () => Response | Promise<Response>;
  const calls: string[] = [];
  const remotes = new Map<string, PouchDB.Database>();
  const revoked = new Set<string>();

  beforeEach(() => {
    me = testMe(['staff'], ['kt']);
    calls.length = 0;
    meResponse = () => json(200, me);
    sessionResponse = () => json(200, { ok: true, name: me.name, roles: me.roles });
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      calls.push(`${init?.method ?? 'GET'} ${new URL(url, location.href).pathname}`);
      if (url.endsWith('/db/_session')) return sessionResponse();
      if (url.endsWith('/api/me')) return meResponse();
      return realFetch(input, init);
    };
    syncService.configure({
      timing: { baseMs: 20, maxMs: 200 },
      remote: (space: Space) => {
        if (revoked.has(space.db))
          return remoteDb(space, {
            origin: 'http://docket.invalid',
            fetch: async () => json(403, { error: 'forbidden', reason: 'not a member' }),
          });
        let r = remotes.get(space.db);
        if (!r) remotes.set(space.db, (r = scratchDb(`remote_${me.name}_${space.db}`)));
        return r;
      },
    });
  });

  afterEach(async () => {
    await syncService.stop();
    window.fetch = realFetch;
    localStorage.removeItem('docket.me');
    await destroyMe(me);
    for (const r of remotes.values()) await r.destroy();
    remotes.clear();
    revoked.clear();
  });

  it('maps sign-in failures to codes', async () => {
    const cases: Array<[() => Response | Promise<Response>, string]> = [
      [() => json(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' }), 'badCredentials'],
      [() => json(429, { error: 'too_many_requests' }), 'rateLimited'],
      [() => json(500, { error: 'internal' }), 'server'],
      [() => Promise.reject(new TypeError('Failed to fetch')), 'offline'],
    ];
    for (const [response, code] of cases) {
      sessionResponse = response;
      try {
        await signIn(me.name, 'wrong');
        expect.fail('should throw');
      } catch (err) {
        expect(err).to.be.instanceOf(SignInError);
        expect((err as SignInError).code).to.equal(code);
      }
    }
    expect(getCachedMe()).to.equal(null);
    expect(syncService.isRunning()).to.equal(false);
  });

  it('signs in, caches me for offline start, notifies subscribers and starts syncing every space', async () => {
    const seen: Array<string | null> = [];
    const stop = subscribeMe((m) => seen.push(m?.name ?? null));
    const result = await signIn(me.name, 'secret');
    stop();
    expect(result.name).to.equal(me.name);
    expect(calls.slice(0, 2)).to.deep.equal(['POST /db/_session', 'GET /api/me']);
    expect(JSON.parse(localStorage.getItem('docket.me')!).name).to.equal(me.name);
    expect(getCachedMe()!.spaces).to.have.length(3);
    expect(seen).to.deep.equal([me.name]);
    await waitUntil(() => syncService.snapshot().overall === 'upToDate', 'all spaces synced', { timeout: 8000 });
    const snap = syncService.snapshot();
    expect(snap.spaces.map((s) => s.space.kind)).to.deep.equal(['org', 'unit', 'personal']);
    expect(snap.lastSyncedAt).to.be.a('string');
  });

  it('reports pending local changes, offline at once on the window event, and sends them when online', async () => {
    await signIn(me.name, 'secret');
    await waitUntil(() => syncService.snapshot().overall === 'upToDate', 'synced', { timeout: 8000 });
    window.dispatchEvent(new Event('offline'));
    await waitUntil(() => syncService.snapshot().overall === 'offline', 'offline');
    await spaceDb(me, me.spaces[1]!).put({ _id: 'notice:OFFLINE', type: 'notice', title: 'Ngoại tuyến' });
    await waitUntil(() => syncService.snapshot().pendingLocal === 1, 'pending 1');
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => syncService.snapshot().overall === 'upToDate' && syncService.snapshot().pendingLocal === 0, 'sent', {
      timeout: 8000,
    });
    expect(await remotes.get(me.spaces[1]!.db)!.get('notice:OFFLINE')).to.have.property('_id', 'notice:OFFLINE');
  });

  it('refreshMe: an expired session keeps the account and local data', async () => {
    await signIn(me.name, 'secret');
    await spaceDb(me, me.spaces[0]!).put({ _id: 'notice:KEEP', type: 'notice' });
    meResponse = () => json(401, { error: 'unauthorized' });
    expect(await refreshMe()).to.equal('unauthorized');
    expect(getCachedMe()!.name).to.equal(me.name);
    expect(await spaceDb(me, me.spaces[0]!).get('notice:KEEP')).to.have.property('_id', 'notice:KEEP');
    window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await refreshMe()).to.equal('offline');
  });

  it('a space that answers 403 and is no longer in /api/me is removed from the device', async () => {
    const unit = me.spaces[1]!;
    await spaceDb(me, unit).put({ _id: 'notice:OLD', type: 'notice' });
    revoked.add(unit.db);
    const withAccess = me;
    meResponse = () => json(200, withAccess);
    await signIn(me.name, 'secret');
    // The user was moved to another unit meanwhile: /api/me stops listing the space.
    meResponse = () => json(200, { ...withAccess, spaces: withAccess.spaces.filter((s) => s.db !== unit.db) });
    await waitUntil(() => syncService.snapshot().spaces.length === 2, 'space removed', { timeout: 8000 });
    expect(getCachedMe()!.spaces.map((s) => s.db)).to.not.include(unit.db);
    const dbs = await indexedDB.databases();
    expect(dbs.map((d) => d.name)).to.not.include(localDbName(me, unit));
    me = { ...me }; // afterEach destroys what is left
  });

  it('signOut with erase destroys this user’s local databases; without erase keeps them', async () => {
    await signIn(me.name, 'secret');
    await spaceDb(me, me.spaces[0]!).put({ _id: 'notice:X', type: 'notice' });
    await signOut({ eraseLocalData: false });
    expect(getCachedMe()).to.equal(null);
    expect(syncService.isRunning()).to.equal(false);
    expect(calls).to.include('DELETE /db/_session');
    expect(await spaceDb(me, me.spaces[0]!).get('notice:X')).to.have.property('_id', 'notice:X');

    await signIn(me.name, 'secret');
    await signOut({ eraseLocalData: true });
    const names = (await indexedDB.databases()).map((d) => d.name);
    for (const space of me.spaces) expect(names).to.not.include(localDbName(me, space));
  });

  it('signOut works offline', async () => {
    await signIn(me.name, 'secret');
    window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    await signOut({ eraseLocalData: false });
    expect(getCachedMe()).to.equal(null);
  });
});
