import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import type { HubGrant, HubStatus } from '../../src/model/hub.ts';
import { waitFor } from './helpers/documents.ts';
import { request } from './helpers/http.ts';
import { personalDb } from './helpers/tasks.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/**
 * When a grant shrinks (docs/decisions/0006), a hub removes its copy, unless that copy holds changes the upstream
 * never got: those cannot be sent any more, so the copy stays, admin-only, and the status page lists it. The upstream
 * here is a stand-in that serves grants the test chooses and refuses every replication request (503), so that
 * changes made at the hub stay unsent for certain.
 */
const TUAN = personalDb('tuan.vu');
const AN = personalDb('an.nguyen');

const grantOf = (names: string[]): HubGrant => ({
  hub: 'hub-test',
  spaces: names.map((id) => ({ kind: 'personal', id })),
  dbs: names.map(personalDb),
  accounts: names.map((name) => ({ _id: `org.couchdb.user:${name}`, name, type: 'user', roles: ['staff', 'unit:vp'] })),
});

describe('field hub: an ungranted copy with unsent changes is kept, admin-only', { timeout: 60_000 }, () => {
  let upstream: Server;
  let hub: TestServer;
  let grant = grantOf(['tuan.vu', 'an.nguyen']);

  before(async () => {
    const app = express();
    app.get('/hub/api/grant', (_req, res) => void res.json(grant));
    app.use(
      '/hub/db',
      (_req, res) => void res.status(503).json({ error: 'unavailable', reason: 'test: the upstream takes no replication' }),
    );
    upstream = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    hub = await startTestServer({
      env: { UPSTREAM_URL: url, HUB_NAME: 'hub-test', HUB_PASSWORD: 'test-hub-password', HUB_REFRESH_S: '1' },
    });
  });
  after(async () => {
    await hub?.stop();
    upstream?.closeAllConnections();
    await new Promise((r) => upstream?.close(r));
  });

  it('removes the copy that has nothing unsent and keeps the one that has', async () => {
    const sync = hub.running.docket.hubSync!;
    await waitFor('both spaces replicating', async () => sync.databases.includes(TUAN) && sync.databases.includes(AN));
    // A change at the hub in tuan.vu's space that cannot reach the upstream.
    const doc = {
      _id: 'notificationPrefs:me',
      type: 'notificationPrefs',
      schema: 1,
      createdBy: 'tuan.vu',
      createdAt: new Date().toISOString(),
    };
    const put = await request(`${hub.url}/db/${TUAN}/${encodeURIComponent(doc._id)}`, { method: 'PUT', basic: hub.admin, body: doc });
    assert.equal(put.status, 201, put.text);

    grant = grantOf([]);
    await waitFor('grant applied', async () => !sync.databases.includes(TUAN) && !sync.databases.includes(AN), 20_000);
    const status = (await sync.status()) as HubStatus;
    assert.deepEqual(status.retained, [{ db: TUAN, unsent: 1 }]);
    // The kept copy: still there, for the server admin only.
    assert.equal((await request(`${hub.url}/db/${TUAN}/${encodeURIComponent(doc._id)}`, { basic: hub.admin })).status, 200);
    const security = await request(`${hub.url}/db/${TUAN}/_security`, { basic: hub.admin });
    assert.deepEqual(security.json.members, { names: [], roles: ['_admin'] });
    // The copy with nothing unsent is gone.
    assert.equal((await request(`${hub.url}/db/${AN}`, { basic: hub.admin })).status, 404);
  });
});
