import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { numberingYear } from '../../src/model/documents/numbering.ts';
import { wardDay } from '../../src/model/time.ts';
import { NUMBERING_DB } from '../../server/services/numbering.ts';
import { type BareCouch, startBareCouch } from './helpers/bare-couch.ts';
import { type Doc, bulk, event, numberedIdOf, put, registration, waitFor } from './helpers/documents.ts';
import { login, request } from './helpers/http.ts';
import { personalDb, task, taskEvent, unitDb } from './helpers/tasks.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/**
 * Scale-out (issue 8): one external CouchDB-compatible store (a bare express-pouchdb, as in couchdb.test.ts) and TWO
 * app servers on it. Both servers' workers follow every feed, so every change is seen twice: what they write must
 * still exist once (deterministic ids, `_rev`-guarded claims), and arrival numbers must be unique and gap-free
 * even when one server dies half-way through allocating.
 */
const REGISTRY = 'docket-registry';
const LEASE_MS = 3000;

interface Row<T> {
  id: string;
  doc: T & { _id: string; _rev: string; _conflicts?: string[] };
}

describe('scale-out: two app servers on one external CouchDB', () => {
  let couch: BareCouch;
  let a: TestServer;
  let b: TestServer;
  let aStopped = false;
  /** Set to make server A fail right after it stored a number and before its claim records it (a crash there). */
  let crashA = false;
  let didCrash = false;
  let crashed: () => void = () => undefined;
  const crashedOnce = new Promise<void>((resolve) => (crashed = resolve));
  const registered: Doc[] = [];
  const couchAll = async <T>(db: string, range?: { startkey: string; endkey: string }): Promise<Row<T>[]> => {
    const q = range
      ? `&startkey=${encodeURIComponent(JSON.stringify(range.startkey))}&endkey=${encodeURIComponent(JSON.stringify(range.endkey))}`
      : '';
    const r = await request(`${couch.url}/${db}/_all_docs?include_docs=true&conflicts=true${q}`, { basic: couch.admin });
    assert.equal(r.status, 200, `${db}: ${r.text}`);
    return r.json.rows as Row<T>[];
  };
  const couchGet = async (db: string, id: string) => {
    const r = await request(`${couch.url}/${db}/${encodeURIComponent(id)}?conflicts=true`, { basic: couch.admin });
    return r.status === 200 ? (r.json as Doc & { _conflicts?: string[] }) : undefined;
  };
  const cookies = new Map<string, string>();
  const cookie = async (s: TestServer, name: string) => {
    const key = `${s.url} ${name}`;
    if (!cookies.has(key)) cookies.set(key, await login(s.url, name, s.demoPassword));
    return cookies.get(key)!;
  };
  async function write(s: TestServer, by: string, db: string, docs: Doc[]): Promise<void> {
    const r = await bulk(s.url, await cookie(s, by), db, docs);
    assert.equal(r.status, 201, JSON.stringify(r.results));
    for (const x of r.results as { ok?: boolean }[]) assert.ok(x.ok, JSON.stringify(r.results));
  }
  /** Registers incoming documents through a server as one of the two clerks, all at once. */
  async function registerMany(s: TestServer, clerk: string, n: number): Promise<void> {
    await Promise.all(
      Array.from({ length: n }, async () => {
        const { doc, event: registered_ } = registration(clerk);
        await write(s, clerk, REGISTRY, [doc, registered_]);
        registered.push(doc);
      }),
    );
  }
  /** Notifications in a personal space about one subject, by kind. */
  async function notificationsOf(name: string, subjectId: string, kind: string) {
    const rows = await couchAll<{ type?: string; kind?: string; subject?: { id: string } }>(personalDb(name), {
      startkey: 'notification:',
      endkey: 'notification:\ufff0',
    });
    return rows.map((r) => r.doc).filter((d) => d.type === 'notification' && d.kind === kind && d.subject?.id === subjectId);
  }

  before(async () => {
    couch = await startBareCouch();
    const env = { COUCHDB_URL: couch.url, ADMIN_USER: couch.admin.name, ADMIN_PASSWORD: couch.admin.password };
    // Setup and the demo seed run on both (the second finds them done); a short lease so B takes over A's claims quickly.
    a = await startTestServer({
      demo: true,
      env,
      workers: {
        numbering: {
          leaseMs: LEASE_MS,
          hooks: {
            afterAllocPut: () => {
              if (!crashA) return;
              didCrash = true;
              crashed();
              throw new Error('test: server A dies between storing a number and recording it');
            },
          },
        },
      },
    });
    b = await startTestServer({ demo: true, env, workers: { numbering: { leaseMs: LEASE_MS } } });
  });
  after(async () => {
    if (!aStopped) await a?.stop();
    await b?.stop();
    await couch?.stop();
  });

  it('both servers run the same setup against the one store and serve it', async () => {
    for (const s of [a, b]) {
      const r = await request(`${s.url}/api/health`);
      assert.deepEqual({ ok: r.json.ok, store: r.json.store }, { ok: true, store: 'couchdb' });
    }
    const security = await request(`${couch.url}/${REGISTRY}/_security`, { basic: couch.admin });
    assert.ok((security.json.members.roles as string[]).includes('clerk'));
  });

  it('clerks registering through both servers at once get unique, consecutive arrival numbers', async () => {
    const started = Date.now();
    await Promise.all([registerMany(a, 'mai.hoang', 10), registerMany(b, 'huong.bui', 10)]);
    const numbers = await Promise.all(
      registered.map((d) =>
        waitFor(
          `number of ${d._id}`,
          async () => {
            const e = await couchGet(REGISTRY, numberedIdOf(d._id));
            return e && { number: e.number as number, conflicts: e._conflicts };
          },
          45_000,
        ),
      ),
    );
    process.stdout.write(`# 20 registrations through two servers numbered in ${Date.now() - started} ms\n`);
    for (const n of numbers) assert.equal(n.conflicts, undefined);
    assert.deepEqual(
      numbers.map((n) => n.number).sort((x, y) => x - y),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it('a document directed through one server is copied once and each person concerned is told once', async () => {
    const doc = registered[0]!;
    const clerk = doc.createdBy as string;
    const leader = await cookie(b, 'lan.nguyen');
    const directed = event('lan.nguyen', doc._id, 'directed', {
      assignments: [
        { assignee: { kind: 'unit', unitId: 'kt' }, role: 'lead' },
        { assignee: { kind: 'person', name: 'yen.luong' }, role: 'forInformation' },
      ],
    });
    assert.equal(await put(b.url, { cookie: leader }, REGISTRY, directed), 201);
    const copies = [unitDb('kt'), personalDb('yen.luong')];
    for (const db of copies) await waitFor(`copy in ${db}`, async () => !!(await couchGet(db, directed._id)));
    await waitFor('son.phan told', async () => (await notificationsOf('son.phan', doc._id, 'directionGiven')).length > 0);
    await waitFor(`${clerk} told`, async () => (await notificationsOf(clerk, doc._id, 'directionGiven')).length > 0);
    await waitFor('both servers idle', async () => a.running.workers!.host.idle && b.running.workers!.host.idle);
    for (const db of copies) {
      const copy = await couchGet(db, doc._id);
      assert.ok(copy, `${db} holds the document`);
      assert.equal(copy._conflicts, undefined, `${db}: one copy, no conflicting second one`);
      const events = (await couchAll<{ documentId?: string }>(db)).filter((r) => r.doc.documentId === doc._id);
      assert.ok(events.some((r) => r.id === numberedIdOf(doc._id)) && events.some((r) => r.id === directed._id));
      for (const r of events) assert.equal(r.doc._conflicts, undefined, `${db}/${r.id}`);
    }
    for (const name of ['son.phan', clerk]) {
      const told = await notificationsOf(name, doc._id, 'directionGiven');
      assert.equal(told.length, 1, `${name}: one notification`);
      assert.equal(told[0]!._conflicts, undefined);
    }
    assert.equal((await notificationsOf('lan.nguyen', doc._id, 'directionGiven')).length, 0, 'never the actor');
  });

  it('a task assigned through one server and updated through the other is mirrored and told once', async () => {
    const t = task('hung.tran', { lead: 'an.nguyen', coordinators: ['linh.dinh'] });
    await write(a, 'hung.tran', unitDb('vp'), [t]);
    await waitFor('task mirrored to kt', async () => !!(await couchGet(unitDb('kt'), t._id)));
    // linh.dinh reports in her unit's copy through B; the leader adds a coordinator through B.
    const progress = taskEvent('linh.dinh', t._id, 'progress', { percent: 40, note: 'Phần địa chính' });
    await write(b, 'linh.dinh', unitDb('kt'), [progress]);
    const reassigned = taskEvent('hung.tran', t._id, 'reassigned', {
      lead: 'an.nguyen',
      coordinators: ['linh.dinh', 'dung.ngo'],
      followers: [],
    });
    await write(b, 'hung.tran', unitDb('vp'), [reassigned]);
    await waitFor('progress relayed home', async () => !!(await couchGet(unitDb('vp'), progress._id)));
    await waitFor('reassignment mirrored', async () => !!(await couchGet(unitDb('kt'), reassigned._id)));
    await waitFor('dung.ngo told', async () => (await notificationsOf('dung.ngo', t._id, 'assigned')).length > 0);
    await waitFor('both servers idle', async () => a.running.workers!.host.idle && b.running.workers!.host.idle);
    for (const name of ['an.nguyen', 'linh.dinh', 'dung.ngo']) {
      const told = await notificationsOf(name, t._id, 'assigned');
      assert.equal(told.length, 1, `${name}: assigned once`);
      assert.equal(told[0]!._conflicts, undefined);
    }
    for (const db of [unitDb('vp'), unitDb('kt')])
      for (const id of [t._id, progress._id, reassigned._id]) {
        const d = await couchGet(db, id);
        assert.ok(d, `${db}/${id}`);
        assert.equal(d._conflicts, undefined, `${db}/${id}`);
      }
  });

  it('when one server dies mid-stream the other finishes its work: no number lost, none twice', { timeout: 120_000 }, async () => {
    const before = registered.length;
    // Half a burst through each server; A dies at its first allocation of the burst, leaving a stored number
    // whose claim it never completed. Then the clerks go on through B alone. Both servers race for every
    // claim, and on a loaded machine B may win a whole burst: send bursts until A has taken one (bounded).
    crashA = true;
    for (let burst = 0; burst < 6 && !didCrash; burst++) {
      await Promise.all([registerMany(a, 'mai.hoang', 4), registerMany(b, 'huong.bui', 4)]);
      await Promise.race([crashedOnce, new Promise((r) => setTimeout(r, 5_000))]);
    }
    assert.ok(didCrash, 'server A took a number of a burst and died before recording it');
    const burstCount = registered.length - before;
    await a.stop();
    aStopped = true;
    await registerMany(b, 'huong.bui', 4);
    assert.equal((await request(`${b.url}/api/health`)).status, 200);
    const numbers = await Promise.all(
      registered.map((d) =>
        waitFor(
          `number of ${d._id}`,
          async () => {
            const e = await couchGet(REGISTRY, numberedIdOf(d._id));
            return e && (e.number as number);
          },
          30_000,
        ),
      ),
    );
    const total = registered.length;
    assert.equal(total, before + burstCount + 4);
    assert.deepEqual(
      [...numbers].sort((x, y) => x - y),
      Array.from({ length: total }, (_, i) => i + 1),
      'unique and gap-free',
    );

    // The registry book itself (docket-numbering): one number per document, consecutive, each claim agreeing.
    const year = numberingYear(wardDay());
    const prefix = `alloc:incoming:${year}:`;
    const allocs = await couchAll<{ number: number; documentId: string }>(NUMBERING_DB, { startkey: prefix, endkey: `${prefix}\ufff0` });
    assert.deepEqual(
      allocs.map((r) => r.doc.number),
      Array.from({ length: total }, (_, i) => i + 1),
    );
    assert.equal(new Set(allocs.map((r) => r.doc.documentId)).size, total, 'no document holds two numbers');
    const byDoc = new Map(allocs.map((r) => [r.doc.documentId, r.doc.number]));
    registered.forEach((d, i) => assert.equal(byDoc.get(d._id), numbers[i], d._id));
    for (const r of allocs) assert.equal(r.doc._conflicts, undefined);
    const claims = await couchAll<{ documentId: string; number?: number }>(NUMBERING_DB, {
      startkey: 'claim:incoming:',
      endkey: 'claim:incoming:\ufff0',
    });
    assert.equal(claims.length, total);
    for (const c of claims) assert.equal(c.doc.number, byDoc.get(c.doc.documentId), c.id);

    // What the administrators see, through the surviving server.
    const books = await request(`${b.url}/api/admin/registry-books?year=${year}`, { cookie: await cookie(b, 'tri.nguyen') }); // the ward's IT administrator
    assert.equal(books.status, 200, books.text);
    const incoming = (books.json as { book: string; allocated: number; nextNumber: number }[]).find((x) => x.book === 'incoming');
    assert.deepEqual({ allocated: incoming?.allocated, nextNumber: incoming?.nextNumber }, { allocated: total, nextNumber: total + 1 });
  });
});
