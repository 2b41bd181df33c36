import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BareCouch, startBareCouch } from './helpers/bare-couch.ts';
import { login, request } from './helpers/http.ts';
import {
  ACTORS,
  DESIGN_WRITE,
  type MatrixContext,
  READ,
  SECURITY_WRITE,
  SERVER_EXPECTED,
  SPACES,
  WRITE,
  matrixContext,
  runCell,
  runServerOp,
} from './helpers/matrix.ts';
import { replicationSuite } from './helpers/replication.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/**
 * COUCHDB_URL mode: a bare express-pouchdb (no gateway) plays the external CouchDB; our server
 * runs the same setup against it and proxies `/db` through the same gateway.
 */
async function startAgainstCouch(): Promise<{ couch: BareCouch; server: TestServer }> {
  const couch = await startBareCouch();
  const server = await startTestServer({
    demo: true,
    env: { COUCHDB_URL: couch.url, ADMIN_USER: couch.admin.name, ADMIN_PASSWORD: couch.admin.password },
  });
  return {
    couch,
    server: {
      ...server,
      stop: async () => {
        await server.stop();
        await couch.stop();
      },
    },
  };
}

describe('external CouchDB (COUCHDB_URL)', () => {
  let server: TestServer;
  let couch: BareCouch;
  let ctx: MatrixContext;
  before(async () => {
    ({ server, couch } = await startAgainstCouch());
    ctx = await matrixContext(server.url, server.admin, server.demoPassword);
  });
  after(() => server.stop());

  it('reports the couchdb store in /api/health', async () => {
    const r = await request(`${server.url}/api/health`);
    assert.deepEqual({ ok: r.json.ok, store: r.json.store }, { ok: true, store: 'couchdb' });
  });

  it('set up the spaces, their _security and design documents in the external CouchDB', async () => {
    const direct = (p: string) => request(`${couch.url}/${p}`, { basic: couch.admin });
    assert.deepEqual((await direct('docket-unit-kt/_security')).json.members.roles, ['unit:kt', 'leader', 'clerk']);
    assert.equal((await direct('docket-org/_design/docket')).status, 200);
    assert.equal((await direct('_users/org.couchdb.user:an.nguyen')).json.roles.join(','), 'staff,unit:vp');
  });

  it('serves /api/me from the external store', async () => {
    const cookie = await login(server.url, 'son.phan', server.demoPassword);
    const me = await request(`${server.url}/api/me`, { cookie });
    assert.equal(me.status, 200);
    assert.deepEqual(
      me.json.spaces.map((s: { db: string }) => s.db),
      ['docket-org', 'docket-unit-kt', 'docket-user-736f6e2e7068616e'],
    );
  });

  // A meaningful subset of the matrix: every operation for the actors whose rights differ most.
  const actors = ['anonymous', 'staffA', 'staffB', 'leader', 'serverAdmin'] as const;
  const ops = { read: READ, write: WRITE, design: DESIGN_WRITE, security: SECURITY_WRITE } as const;
  for (const [op, table] of Object.entries(ops)) {
    for (const actor of actors) {
      SPACES.forEach((col, i) => {
        const expected = table[actor][i]!;
        it(`${op}: ${actor} → ${col}: ${expected}`, async () => {
          const result = await runCell(ctx, actor, col, op as keyof typeof ops);
          assert.equal(result.status, expected);
          if (result.stored !== null) assert.equal(result.stored, expected < 300);
        });
      });
    }
  }
  for (const op of ['createDb', 'allDbs', 'usersWrite'] as const) {
    for (const actor of ACTORS.filter((a) => (actors as readonly string[]).includes(a))) {
      it(`${op} by ${actor}: ${SERVER_EXPECTED[op][actor]}`, async () => {
        const result = await runServerOp(ctx, actor, op);
        assert.equal(result.status, SERVER_EXPECTED[op][actor]);
        if (result.stored !== null) assert.equal(result.stored, SERVER_EXPECTED[op][actor] < 300);
      });
    }
  }

  it('signing out revokes the session there too, in an admin-only database of the external CouchDB', async () => {
    const cookie = await login(server.url, 'son.phan', server.demoPassword);
    assert.equal((await request(`${server.url}/db/docket-unit-kt/_all_docs?limit=1`, { cookie })).status, 200);
    assert.equal((await request(`${server.url}/db/_session`, { method: 'DELETE', cookie })).status, 200);
    assert.equal((await request(`${server.url}/db/docket-unit-kt/_all_docs?limit=1`, { cookie })).status, 401);
    assert.equal((await request(`${server.url}/db/_session`, { cookie })).json.userCtx.name, null);
    const security = await request(`${couch.url}/docket-revoked-sessions/_security`, { basic: couch.admin });
    assert.deepEqual(security.json.members.roles, ['_admin']);
  });

  it('refuses a crash-A request before it reaches the store', async () => {
    assert.equal((await request(`${server.url}/db/brandnew`, { method: 'PUT' })).status, 401);
    assert.equal((await request(`${couch.url}/brandnew`, { basic: couch.admin })).status, 404);
    assert.equal((await request(`${server.url}/api/health`)).status, 200);
  });
});

replicationSuite('replication through the gateway to an external CouchDB', async () => (await startAgainstCouch()).server);
