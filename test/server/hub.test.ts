import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HubStatus } from '../../src/model/hub.ts';
import { createHub, revokeHub } from '../../server/hub/grant.ts';
import { disableUser } from '../../server/services/accounts.ts';
import { type Doc, bulk, numberedIdOf, registration, waitFor } from './helpers/documents.ts';
import { type BareCouch, startBareCouch } from './helpers/bare-couch.ts';
import { type FlakyProxy, startFlakyProxy } from './helpers/flaky-proxy.ts';
import { login, request } from './helpers/http.ts';
import { filesDb, personalDb, task, unitDb } from './helpers/tasks.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/**
 * Field hubs (issue 8, docs/decisions/0006): a demo ward upstream, a hub granted org, the registry and unit vp,
 * started empty with UPSTREAM_URL pointing at a loopback proxy that the tests cut to make an outage.
 */
const REGISTRY = 'docket-registry';
const VP_MEMBERS = ['hoa.do', 'tuan.vu', 'mai.hoang', 'huong.bui', 'an.nguyen', 'dung.ngo', 'quang.dang', 'tri.nguyen'];

/** The hub on the embedded store, and on an external CouchDB-compatible store (COUCHDB_URL): no embedded assumptions. */
for (const hubStore of ['embedded', 'couchdb'] as const) hubSuite(hubStore);

function hubSuite(hubStore: 'embedded' | 'couchdb'): void {
  describe(
    `field hub (${hubStore} store at the hub): replicates exactly its grant, both ways, through outages`,
    { timeout: 240_000 },
    () => {
      let couch: BareCouch | undefined;
      let upstream: TestServer;
      let hub: TestServer;
      let proxy: FlakyProxy;
      let hubAccount: { name: string; password: string };
      const cookies = new Map<string, string>();
      const cookie = async (s: TestServer, name: string) => {
        const key = `${s.url} ${name}`;
        if (!cookies.has(key)) cookies.set(key, await login(s.url, name, s.demoPassword));
        return cookies.get(key)!;
      };
      const getDoc = async (s: TestServer, db: string, id: string) => {
        const r = await request(`${s.url}/db/${db}/${encodeURIComponent(id)}?conflicts=true`, { basic: s.admin });
        return r.status === 200 ? (r.json as Doc & { _conflicts?: string[] }) : undefined;
      };
      const status = async (name = 'an.nguyen'): Promise<HubStatus> => {
        const r = await request(`${hub.url}/api/hub/status`, { cookie: await cookie(hub, name) });
        assert.equal(r.status, 200, r.text);
        return r.json as HubStatus;
      };
      const write = async (s: TestServer, by: string, db: string, docs: Doc[]) => {
        const r = await bulk(s.url, await cookie(s, by), db, docs);
        assert.equal(r.status, 201, JSON.stringify(r.results));
        for (const x of r.results as { ok?: boolean }[]) assert.ok(x.ok, JSON.stringify(r.results));
      };

      before(async () => {
        // The default limit of failed sign-ins: a hub's dozens of open requests must not count against it.
        upstream = await startTestServer({ demo: true, env: { LOGIN_RATE_LIMIT: '10' } });
        const created = await createHub(upstream.running.docket.store, 'ward-field', ['org', 'registry', 'unit:vp'], 'test');
        hubAccount = { name: created.name, password: created.password };
        proxy = await startFlakyProxy({ target: { host: '127.0.0.1', port: Number(new URL(upstream.url).port) } });
        couch = hubStore === 'couchdb' ? await startBareCouch() : undefined;
        hub = await startTestServer({
          env: {
            UPSTREAM_URL: proxy.url,
            HUB_NAME: created.name,
            HUB_PASSWORD: created.password,
            HUB_REFRESH_S: '1',
            ...(couch ? { COUCHDB_URL: couch.url, ADMIN_USER: couch.admin.name, ADMIN_PASSWORD: couch.admin.password } : {}),
          },
        });
        // The hub signs its people in with the passwords of the upstream: wait for the accounts and the first sync.
        await waitFor(
          'first sync at the hub',
          async () => {
            const s = await request(`${hub.url}/db/_session`, {
              method: 'POST',
              body: { name: 'an.nguyen', password: upstream.demoPassword },
            });
            if (s.status !== 200) return false;
            const st = (await status()).dbs;
            return st.length > 0 && st.every((d) => d.state === 'upToDate');
          },
          60_000,
        );
      });
      after(async () => {
        await hub?.stop();
        await couch?.stop();
        await proxy?.close();
        await upstream?.stop();
      });

      it('holds its granted spaces and the granted unit’s personal spaces, nothing else', async () => {
        const expected = [
          'docket-org',
          REGISTRY,
          unitDb('vp'),
          ...VP_MEMBERS.map(personalDb),
          // and each one's files database
        ];
        const dbs = hub.running.docket.hubSync!.databases;
        for (const db of expected) {
          assert.ok(dbs.includes(db), `${db} replicated`);
          assert.ok(dbs.includes(filesDb(db)), `${filesDb(db)} replicated`);
        }
        assert.equal(dbs.length, expected.length * 2, `exactly the grant: ${dbs.join(', ')}`);
        // Data of ungranted spaces never reaches the hub: unit kt and a kt member's personal space are empty or absent here.
        for (const db of [unitDb('kt'), personalDb('linh.dinh'), personalDb('hung.tran')]) {
          const r = await request(`${hub.url}/db/${db}/_all_docs`, { basic: hub.admin });
          const rows = r.status === 200 ? (r.json.rows as { id: string }[]).filter((x) => !x.id.startsWith('_design/')) : [];
          assert.deepEqual(rows, [], `${db} holds nothing at the hub`);
        }
        // The demo ward's vp documents did come down.
        const vp = await request(`${hub.url}/db/${unitDb('vp')}/_all_docs`, { basic: hub.admin });
        const upVp = await request(`${upstream.url}/db/${unitDb('vp')}/_all_docs`, { basic: upstream.admin });
        assert.equal(vp.json.rows.length, upVp.json.rows.length, 'unit vp is complete at the hub');
      });

      it('the hub’s account reaches only its grant, and only through /hub', async () => {
        const basic = hubAccount;
        assert.equal((await request(`${upstream.url}/hub/db/${unitDb('kt')}/_changes`, { basic })).status, 403);
        assert.equal((await request(`${upstream.url}/hub/db/${personalDb('linh.dinh')}`, { basic })).status, 403);
        assert.equal((await request(`${upstream.url}/hub/db/${unitDb('vp')}/_security`, { basic })).status, 403);
        assert.equal((await request(`${upstream.url}/hub/db/_all_dbs`, { basic })).status, 403);
        assert.equal((await request(`${upstream.url}/hub/db/${unitDb('vp')}`, { basic })).status, 200);
        // As an account of the app it is nobody: /db refuses it everywhere.
        assert.equal((await request(`${upstream.url}/db/${unitDb('vp')}/_all_docs`, { basic })).status, 403);
        // The upstream is no hub: it has no hub status.
        const notHub = await request(`${upstream.url}/api/hub/status`, { cookie: await cookie(upstream, 'an.nguyen') });
        assert.equal(notHub.status, 404, notHub.text);
        // People cannot use /hub.
        const person = await request(`${upstream.url}/hub/api/grant`, { basic: { name: 'an.nguyen', password: upstream.demoPassword } });
        assert.equal(person.status, 403);
        assert.equal((await request(`${upstream.url}/hub/api/grant`, { basic: { ...basic, password: 'wrong-password' } })).status, 401);
        // Writes are checked as their authors: nobody may write in the name of someone outside the hub, or as the server.
        const forged = { ...task('linh.dinh', { unitId: 'vp' }), _rev: '1-0123456789abcdef0123456789abcdef' };
        const asSystem = { ...task('an.nguyen'), createdBy: 'system', _rev: '1-0123456789abcdef0123456789abcdee' };
        const r = await request(`${upstream.url}/hub/db/${unitDb('vp')}/_bulk_docs`, {
          method: 'POST',
          basic,
          body: { docs: [forged, asSystem], new_edits: false },
        });
        assert.equal(r.status, 201);
        assert.deepEqual(
          (r.json as { id: string; error: string }[]).map((e) => [e.id, e.error]),
          [
            [forged._id, 'forbidden'],
            [asSystem._id, 'forbidden'],
          ],
        );
        assert.equal(await getDoc(upstream, unitDb('vp'), forged._id), undefined);
      });

      it('people of the granted unit sign in at the hub with their usual password; others cannot', async () => {
        const session = await login(hub.url, 'dung.ngo', hub.demoPassword);
        assert.match(session, /^AuthSession=/);
        // The hub names the ward as the upstream does (registers, copies).
        const [atHub, atMain] = await Promise.all([
          request(`${hub.url}/api/me`, { cookie: session }),
          request(`${upstream.url}/api/me`, { cookie: await cookie(upstream, 'dung.ngo') }),
        ]);
        assert.deepEqual(atHub.json.settings.issuer, atMain.json.settings.issuer);
        assert.deepEqual(atHub.json.settings.hub, { name: hubAccount.name });
        await assert.rejects(login(hub.url, 'linh.dinh', hub.demoPassword), /HTTP 401/);
        await assert.rejects(login(hub.url, hubAccount.name, hubAccount.password), /HTTP 401/);
      });

      it('cut off from the upstream, the hub’s people keep working together; after the link returns everything converges', async () => {
        proxy.setRates({ down: true });
        try {
          await outage();
        } finally {
          proxy.setRates({ down: false });
        }
      });

      /** The part of the test above run while the link is down, then until it converges. */
      async function outage(): Promise<void> {
        await waitFor('hub sees the outage', async () => (await status()).dbs.some((d) => d.state === 'offline'), 30_000);
        // At the hub: the head of the office assigns a task to dung.ngo, who sees it at once.
        const atHub = task('hoa.do', { lead: 'dung.ngo', title: 'Kiểm tra hiện trường ngập úng tổ 5' });
        await write(hub, 'hoa.do', unitDb('vp'), [atHub]);
        const seen = await request(`${hub.url}/db/${unitDb('vp')}/${encodeURIComponent(atHub._id)}`, {
          cookie: await cookie(hub, 'dung.ngo'),
        });
        assert.equal(seen.status, 200);
        // Upstream meanwhile: tuan.vu writes a task of his own.
        const atMain = task('tuan.vu', { title: 'Tổng hợp báo cáo tuần' });
        await write(upstream, 'tuan.vu', unitDb('vp'), [atMain]);
        // A registration at the hub waits for its number.
        const reg = registration('mai.hoang');
        await write(hub, 'mai.hoang', REGISTRY, [reg.doc, reg.event]);
        const down = await status();
        const vp = down.dbs.find((d) => d.db === unitDb('vp'))!;
        assert.equal(down.connected, false);
        assert.ok(vp.pendingUp !== null && vp.pendingUp >= 1, `pending up while cut off: ${vp.pendingUp}`);
        assert.equal(vp.pendingDown, null, 'unknown while cut off');
        assert.equal(down.awaitingNumbers, 1);
        await new Promise((r) => setTimeout(r, 1500));
        assert.equal(await getDoc(hub, REGISTRY, numberedIdOf(reg.doc._id)), undefined, 'a hub never numbers');

        proxy.setRates({ down: false });
        await waitFor('task up', async () => !!(await getDoc(upstream, unitDb('vp'), atHub._id)), 60_000);
        await waitFor('task down', async () => !!(await getDoc(hub, unitDb('vp'), atMain._id)), 60_000);
        const numbered = await waitFor(
          'numbered upstream, then at the hub',
          async () => getDoc(hub, REGISTRY, numberedIdOf(reg.doc._id)),
          60_000,
        );
        assert.equal(numbered.createdBy, 'system');
        assert.equal(typeof numbered.number, 'number');
        const up = await getDoc(upstream, REGISTRY, numberedIdOf(reg.doc._id));
        assert.equal(up?._rev, numbered._rev, 'the same step on both sides');
        let last: HubStatus | undefined;
        await waitFor(
          'caught up',
          async () => {
            const s = (last = await status());
            return s.connected && s.awaitingNumbers === 0 && s.dbs.every((d) => d.state === 'upToDate' && d.pendingUp === 0) && s;
          },
          60_000,
        ).catch((err: unknown) => {
          const stuck = last?.dbs.filter((d) => d.state !== 'upToDate' || d.pendingUp !== 0);
          throw new Error(
            `${String(err)}; connected ${last?.connected}, awaiting ${last?.awaitingNumbers}, not caught up: ${JSON.stringify(stuck)}`,
          );
        });
      }

      it('a document the upstream refuses is shown on the hub’s status page, not dropped silently', async () => {
        // Written at the hub by its server admin (which the hub's own rules let through) in the name of someone the hub does not serve.
        const stray = task('linh.dinh', { unitId: 'vp' });
        const r = await request(`${hub.url}/db/${unitDb('vp')}/${encodeURIComponent(stray._id)}`, {
          method: 'PUT',
          basic: hub.admin,
          body: stray,
        });
        assert.equal(r.status, 201, r.text);
        const st = await waitFor(
          'refusal shown',
          async () => (await status()).dbs.find((d) => d.db === unitDb('vp') && d.rejected.some((x) => x.id === stray._id)),
          30_000,
        );
        assert.match(st.rejected.find((x) => x.id === stray._id)!.reason, /linh\.dinh/);
        assert.equal(await getDoc(upstream, unitDb('vp'), stray._id), undefined);
      });

      it('accounts and passwords are managed upstream: the hub refuses to change them', async () => {
        const admin = await cookie(hub, 'tri.nguyen');
        const create = await request(`${hub.url}/api/admin/users`, {
          method: 'POST',
          cookie: admin,
          body: { name: 'moi.nguoi', displayName: 'Người Mới', role: 'staff', unitId: 'vp' },
        });
        assert.equal(create.status, 409, create.text);
        assert.equal(create.json.error, 'managed_upstream');
        const own = await request(`${hub.url}/api/password`, {
          method: 'POST',
          cookie: await cookie(hub, 'an.nguyen'),
          body: { currentPassword: hub.demoPassword, newPassword: 'mot-mat-khau-moi-dai' },
        });
        assert.equal(own.status, 409, own.text);
        assert.equal((await request(`${hub.url}/api/admin/users`, { cookie: admin })).status, 200, 'reading stays possible');
      });

      it('an account disabled upstream cannot sign in at the hub after the next sync, and its session there ends', async () => {
        const session = await cookie(hub, 'quang.dang');
        assert.equal((await request(`${hub.url}/db/${personalDb('quang.dang')}`, { cookie: session })).status, 200);
        await disableUser(upstream.running.docket.store, 'quang.dang');
        await waitFor(
          'refused at the hub',
          async () => {
            const res = await request(`${hub.url}/db/_session`, {
              method: 'POST',
              body: { name: 'quang.dang', password: hub.demoPassword },
            });
            return (
              res.status === 401 ||
              (res.status === 200 && !(res.json.roles as string[]).some((x) => ['staff', 'clerk', 'leader', 'admin'].includes(x)))
            );
          },
          30_000,
        );
        assert.equal((await request(`${hub.url}/db/${unitDb('vp')}/_all_docs?limit=1`, { cookie: session })).status, 403);
        // And the person's own space leaves the hub.
        await waitFor(
          'personal space removed',
          async () => !hub.running.docket.hubSync!.databases.includes(personalDb('quang.dang')),
          30_000,
        );
      });

      it('a revoked hub is refused at once', async () => {
        await revokeHub(upstream.running.docket.store, hubAccount.name);
        assert.equal((await request(`${upstream.url}/hub/api/grant`, { basic: hubAccount })).status, 401);
        // Failed sign-ins at /hub are limited like people's (10 here, with the one of the test above).
        const codes: number[] = [];
        for (let i = 0; i < 10; i++)
          codes.push((await request(`${upstream.url}/hub/api/grant`, { basic: { ...hubAccount, password: 'guess' } })).status);
        assert.deepEqual(codes.slice(-2), [429, 429], codes.join(' '));
      });
    },
  );
}
