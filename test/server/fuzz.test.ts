/**
 * Issue 7, security: a seeded fuzzer sends thousands of malformed requests to every route of the server (the
 * `/db` gateway and what it lets through to the store, `/api`, the static client, and routes it must refuse),
 * anonymously, with garbage credentials and as a staff member, for a bounded time. Afterwards: the server never
 * crashed (health answers, no uncaught exception or unhandled rejection in its log), no 5xx except those listed
 * in JUSTIFIED_5XX, RSS stayed bounded, every document written by others before the run is byte-identical,
 * every `_security` object unchanged, and authorization still holds.
 *
 * Reproduce: `FUZZ_SEED=<seed> node --import tsx --test test/server/fuzz.test.ts`; one request alone:
 * `FUZZ_SEED=<seed> FUZZ_ONLY=<i>[,<j>…]`. `FUZZ_MS` (default 25000) and `FUZZ_COUNT` (default 20000) bound
 * the run; `FUZZ_VERBOSE=1` prints every 5xx and hang.
 */
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/model/ids.ts';
import { type FuzzReply, type FuzzServer, sendRaw, startFuzzServer } from './helpers/fuzz-client.ts';
import type { FuzzRequest, FuzzWorld } from './helpers/fuzz-gen.ts';
import { buildRequest } from './helpers/fuzz-routes.ts';
import { login, request } from './helpers/http.ts';
import { filesDb, personalDb, task, taskFile, uploadFile } from './helpers/tasks.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const BUDGET_MS = Number(process.env.FUZZ_MS ?? 25_000);
const MAX_COUNT = Number(process.env.FUZZ_COUNT ?? 20_000);
const ONLY = process.env.FUZZ_ONLY ? process.env.FUZZ_ONLY.split(',').map(Number) : null;
const VERBOSE = process.env.FUZZ_VERBOSE === '1';
/** A file to append one line per request to (index, category, status, time, server RSS). */
const TRACE = process.env.FUZZ_TRACE;
const CONCURRENCY = 8;
/** A request the server should answer at once gets this long (a loaded 2-core machine, 17 MB bodies). */
const ANSWER_TIMEOUT_MS = 20_000;
/** Long polls and bodies the server legitimately waits for are cut off after this. */
const HANG_TIMEOUT_MS = 3_000;

/**
 * 5xx answers that are justified, by category and status, with the reason. Anything else fails the test.
 * (Empty: every malformed request must get a 4xx.)
 */
const JUSTIFIED_5XX: { category: RegExp; status: number; reason: string }[] = [];

const STAFF = 'an.nguyen';
const VP = 'docket-unit-vp';
const ORG = 'docket-org';

interface Finding {
  i: number;
  category: string;
  identity: string;
  method: string;
  target: string;
  status: number | null;
  outcome: string;
  ms: number;
  head: string;
  body?: string;
}

const short = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n)}…(${s.length})` : s);

function finding(req: FuzzRequest, reply: FuzzReply): Finding {
  return {
    i: req.i,
    category: req.category,
    identity: req.identity,
    method: req.method,
    target: short(req.target),
    status: reply.status,
    outcome: reply.outcome,
    ms: reply.ms,
    // Status line and the start of the body (the headers are the same for every answer).
    head: short(`${reply.head.split('\r\n')[0]} … ${reply.head.split('\r\n\r\n').slice(1).join(' ')}`, 400),
    body: req.body ? short(req.body.toString('utf8'), 300) : undefined,
  };
}

/** Everything the server admin sees: each database's `_security` and each document (with conflicts and attachments). */
async function snapshot(
  url: string,
  admin: { name: string; password: string },
): Promise<{ security: Map<string, string>; docs: Map<string, string> }> {
  const dbs = (await request(`${url}/db/_all_dbs`, { basic: admin })).json as string[];
  const security = new Map<string, string>();
  const docs = new Map<string, string>();
  for (const db of dbs) {
    const sec = await request(`${url}/db/${db}/_security`, { basic: admin });
    security.set(db, `${sec.status} ${sec.text}`);
    const all = await request(`${url}/db/${db}/_all_docs?include_docs=true&conflicts=true&attachments=true`, { basic: admin });
    assert.equal(all.status, 200, `snapshot of ${db}`);
    for (const row of all.json.rows as { id: string; doc?: { createdBy?: unknown } }[]) {
      // The fuzzing account may legitimately change its own documents; everything else must stay as it was.
      if (row.doc?.createdBy === STAFF) continue;
      docs.set(`${db}/${row.id}`, JSON.stringify(row));
    }
  }
  return { security, docs };
}

describe('fuzzer: malformed requests to every route', { timeout: BUDGET_MS + 180_000 }, () => {
  let server: FuzzServer;
  let world: FuzzWorld;
  let pre: Awaited<ReturnType<typeof snapshot>>;

  before(async () => {
    server = await startFuzzServer();
    const password = server.demoPassword;
    const [staffCookie, head, clerk] = await Promise.all([
      login(server.url, STAFF, password),
      login(server.url, 'hoa.do', password),
      login(server.url, 'mai.hoang', password),
    ]);
    const targets: FuzzWorld['targets'] = [];
    const notice = (by: string, title: string, withFile: boolean) => ({
      _id: newId('notice'),
      type: 'notice',
      schema: 1,
      createdAt: new Date().toISOString(),
      createdBy: by,
      authorName: by,
      title,
      body: 'Đề nghị các đồng chí thực hiện theo phân công.',
      pinned: false,
      ...(withFile ? { _attachments: { 'scan.png': { content_type: 'image/png', data: Buffer.alloc(512, 7).toString('base64') } } } : {}),
    });
    const write = async (db: string, cookie: string, doc: Record<string, unknown> & { _id: string }) => {
      const r = await request(`${server.url}/db/${db}/${encodeURIComponent(doc._id)}`, { method: 'PUT', cookie, body: doc });
      assert.equal(r.status, 201, `seed ${db}/${doc._id}: ${r.text}`);
      const { _attachments, ...plain } = doc;
      targets.push({ db, id: doc._id, rev: r.json.rev as string, doc: plain, attachment: _attachments ? 'scan.png' : undefined });
    };
    await write(VP, head, notice('hoa.do', 'Họp giao ban tuần', true));
    await write(VP, head, notice('hoa.do', 'Lịch trực cơ quan', false));
    await write(ORG, clerk, notice('mai.hoang', 'Thông báo nghỉ lễ', true));
    await write(ORG, clerk, notice('mai.hoang', 'Kế hoạch cải cách hành chính', false));
    await write(VP, head, task('hoa.do', { lead: 'hoa.do' }));
    const file = taskFile('hoa.do', targets[targets.length - 1]!.id, 'bien-ban.jpg', Buffer.alloc(1024, 3));
    assert.deepEqual(await uploadFile(server.url, head, filesDb(VP), file), [201, 201]);
    targets.push({ db: filesDb(VP), id: file.doc._id, rev: '1-x', doc: file.doc, attachment: 'data' });
    // One of the fuzzing account's own (it may change it legitimately; not in the snapshot).
    await write(VP, staffCookie, notice(STAFF, 'Thông báo của tôi', false));

    world = {
      staffCookie,
      staffName: STAFF,
      staffPassword: password,
      dbs: [
        VP,
        VP,
        ORG,
        ORG,
        personalDb(STAFF),
        filesDb(VP),
        filesDb(personalDb(STAFF)),
        'docket-unit-kt',
        'docket-registry',
        personalDb('hoa.do'),
        filesDb('docket-unit-kt'),
        'docket-unit-nope',
        '_users',
        '_replicator',
        'docket-files-org',
        'unrelated',
      ],
      targets,
    };
    pre = await snapshot(server.url, server.admin);
    assert.ok(pre.docs.size > 20, `snapshot holds ${pre.docs.size} documents`);
  });

  after(async () => {
    await server?.stop();
  });

  it('answers the requests that once crashed, hung or answered 500 (fixed cases)', async () => {
    const notice = world.targets.find((t) => t.db === VP && t.attachment === 'scan.png')!;
    const own = world.targets[world.targets.length - 1]!;
    const id = encodeURIComponent(notice.id);
    const json = (method: string, target: string, body: unknown, cookie = world.staffCookie): FuzzRequest => ({
      i: -1,
      category: 'fixed',
      identity: 'staff',
      method,
      target,
      headers: [
        ['Cookie', cookie],
        ['Content-Type', 'application/json'],
      ],
      body: body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    });
    const cases: [string, FuzzRequest, number][] = [
      ['undecodable session cookie', json('GET', `/db/${VP}`, undefined, 'AuthSession=%ff%fe'), 401],
      ['non-string sign-in name', json('POST', '/db/_session', '{"name":{"toString":1},"password":"x"}'), 400],
      ['_bulk_get with a non-object entry (rejection loop)', json('POST', `/db/${VP}/_bulk_get`, { docs: [-1.5] }), 400],
      ['_bulk_get with no documents (never answered)', json('POST', `/db/${VP}/_bulk_get`, { docs: [] }), 400],
      [
        'latest of an unknown revision (uncaught, database hung)',
        json('GET', `/db/${VP}/${id}?rev=5-deadbeef&latest=true`, undefined),
        404,
      ],
      [
        '_bulk_get?latest of an unknown revision',
        json('POST', `/db/${VP}/_bulk_get?latest=true&revs=true`, { docs: [{ id: notice.id, rev: '5-deadbeef' }] }),
        200,
      ],
      ['the space still answers after those', json('GET', `/db/${VP}/${id}`, undefined), 200],
      ['_bulk_docs with docs not a list', json('POST', `/db/${VP}/_bulk_docs`, { docs: 'x' }), 400],
      ['_bulk_docs with a non-object document', json('POST', `/db/${VP}/_bulk_docs`, { docs: ['null'] }), 400],
      ['DELETE without a revision', json('DELETE', `/db/${VP}/${encodeURIComponent(own.id)}`, undefined), 409],
      ['_revs_diff with a non-list (uncaught)', json('POST', `/db/${VP}/_revs_diff`, { 'notice:x': '_admin' }), 400],
      ['open_revs not a list', json('GET', `/db/${VP}/${id}?open_revs=x`, undefined), 400],
      ['doc_ids not a list', json('GET', `/db/${VP}/_changes?doc_ids=1e309`, undefined), 400],
      ['DELETE of a missing attachment', json('DELETE', `/db/${VP}/${encodeURIComponent(own.id)}/nope.png?rev=${own.rev}`, undefined), 404],
      ['a document path with a trailing slash', json('DELETE', `/db/${VP}/${encodeURIComponent(own.id)}/?rev=${own.rev}`, undefined), 404],
      ['the space still answers at the end', json('GET', `/db/${VP}/_all_docs?limit=1`, undefined), 200],
    ];
    const got = [];
    for (const [what, req, want] of cases) {
      const reply = await sendRaw(server.port, req, 5_000);
      got.push([what, reply.status ?? reply.outcome, want]);
    }
    assert.deepEqual(
      got.filter(([, status, want]) => status !== want),
      [],
      'every fixed case answers as expected',
    );
    assert.deepEqual(
      server.problems.filter((p) => p.level >= 50),
      [],
      'nothing logged as an error',
    );
  });

  it('survives, answers 4xx, keeps memory bounded and changes no valid data', async () => {
    const statuses = new Map<string, number>();
    const categories = new Map<string, number>();
    const fiveXX: Finding[] = [];
    const hangs: Finding[] = [];
    const resets: Finding[] = [];
    const healthFailures: string[] = [];
    let sent = 0;
    let timeoutsExpected = 0;
    let resetsOversized = 0;

    const rssBefore = server.rssMb();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      if (!server.exited()) rssPeak = Math.max(rssPeak, server.rssMb());
    }, 250);

    const t0 = Date.now();
    const indexes = ONLY ?? null;
    let nextIndex = 0;
    const take = (): number | null => {
      if (indexes) return nextIndex < indexes.length ? indexes[nextIndex++]! : null;
      if (nextIndex >= MAX_COUNT || Date.now() - t0 > BUDGET_MS || server.exited()) return null;
      return nextIndex++;
    };
    const health = async (when: string) => {
      try {
        const r = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(10_000) });
        await r.arrayBuffer();
        if (r.status !== 200) healthFailures.push(`${when}: ${r.status}`);
      } catch (err) {
        healthFailures.push(`${when}: ${(err as Error).message}`);
      }
    };

    const worker = async () => {
      for (let i = take(); i !== null; i = take()) {
        const req = buildRequest(SEED, i, world);
        const reply = await sendRaw(server.port, req, req.mayHang ? HANG_TIMEOUT_MS : ANSWER_TIMEOUT_MS);
        sent++;
        if (TRACE)
          appendFileSync(
            TRACE,
            `${i}\t${req.category}\t${req.identity}\t${req.method}\t${reply.status ?? reply.outcome}\t${reply.ms}\t${server.exited() ? '-' : server.rssMb()}\t${short(req.target, 200)}\n`,
          );
        categories.set(req.category, (categories.get(req.category) ?? 0) + 1);
        const key = reply.status !== null ? String(reply.status) : reply.outcome;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (reply.status !== null && reply.status >= 500) {
          const ok = JUSTIFIED_5XX.some((j) => j.status === reply.status && j.category.test(req.category));
          if (!ok) fiveXX.push(finding(req, reply));
        } else if (reply.outcome === 'timeout') {
          if (req.mayHang) timeoutsExpected++;
          else hangs.push(finding(req, reply));
        } else if (reply.outcome === 'reset') {
          // Over a body limit the server answers 413 and closes while the client still writes: the kernel may drop
          // the answer with the reset. CONNECT is never routed: Node closes it when nobody listens for 'connect'.
          // The same when the server refuses before reading a large body (401/403/400 on the headers alone).
          if (req.oversized || req.method === 'CONNECT' || (req.body?.length ?? 0) >= 64 * 1024) resetsOversized++;
          else resets.push(finding(req, reply));
        }
        if (sent % 250 === 0) await health(`after ${sent} requests`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const fuzzMs = Date.now() - t0;
    await health('at the end');
    // Let the server finish what the cut-off requests started, then measure again.
    await new Promise((r) => setTimeout(r, 2_000));
    clearInterval(sampler);
    const rssAfter = server.exited() ? NaN : server.rssMb();

    const crashes = server.problems.filter((p) => /uncaught|unhandled rejection/i.test(p.msg));
    const errors500 = server.problems.filter((p) => p.level >= 50 && !/uncaught|unhandled rejection/i.test(p.msg));
    const summary = {
      seed: SEED,
      requests: sent,
      ms: fuzzMs,
      perSecond: Math.round((sent * 1000) / fuzzMs),
      statuses: Object.fromEntries([...statuses].sort()),
      categories: Object.fromEntries([...categories].sort()),
      timeoutsExpected,
      resetsExpected: resetsOversized,
      rssMb: { before: rssBefore, peak: rssPeak, after: rssAfter },
      fiveXX: fiveXX.length,
      hangs: hangs.length,
      resets: resets.length,
      logWarnings: server.problems.filter((p) => p.level === 40).length,
      logErrors: errors500.length,
      crashes: crashes.length,
    };
    console.log(`fuzz summary: ${JSON.stringify(summary)}`);
    if (VERBOSE || fiveXX.length || hangs.length || resets.length || crashes.length) {
      for (const f of [...fiveXX, ...hangs, ...resets].slice(0, 40)) console.log(`  ${JSON.stringify(f)}`);
      for (const p of [...crashes, ...errors500].slice(0, 20))
        console.log(
          `  log: ${p.msg} ${p.url ?? ''} ${p.err?.type ?? ''} ${short(p.err?.message ?? '', 300)}\n    ${short(p.err?.stack ?? '', 800)}`,
        );
    }

    assert.ok(!server.exited(), `the server exited: ${server.exitInfo()}\n${server.rawLines.slice(-20).join('\n')}`);
    assert.deepEqual(healthFailures, [], 'health answered 200 throughout');
    assert.deepEqual(
      crashes.map((c) => `${c.msg}: ${c.err?.message}`),
      [],
      'no uncaught exception or unhandled rejection',
    );
    assert.deepEqual(fiveXX, [], 'no unjustified 5xx (FUZZ_ONLY=<i> replays one)');
    assert.deepEqual(
      errors500.map((e) => `${e.msg} ${e.url ?? ''}: ${e.err?.message ?? ''}`),
      [],
      'nothing logged as an error by the server',
    );
    assert.deepEqual(hangs, [], 'every request that should be answered at once was answered');
    assert.deepEqual(resets, [], 'no connection cut without an answer (except oversized bodies)');
    if (!ONLY) assert.ok(sent >= 1000, `at least 1000 requests in the budget (${sent})`);
    // Bounded: what stays after the run is not the size of what was sent (hundreds of MB of bodies).
    assert.ok(rssAfter < rssBefore + 300, `RSS after ${rssAfter} MB vs before ${rssBefore} MB`);
    assert.ok(rssPeak < 2048, `RSS peak ${rssPeak} MB`);
  });

  it('keeps every document of others byte-identical and every _security object unchanged', async () => {
    const post = await snapshot(server.url, server.admin);
    assert.deepEqual([...post.security].sort(), [...pre.security].sort(), '_security objects (and the set of databases)');
    const changed: string[] = [];
    for (const [key, before] of pre.docs) {
      const now = post.docs.get(key);
      if (now !== before) changed.push(`${key}: ${short(before, 200)} → ${short(now ?? 'missing', 200)}`);
    }
    console.log(`fuzz data check: ${pre.docs.size} documents of others and ${pre.security.size} _security objects compared`);
    assert.deepEqual(changed, [], `documents changed by the fuzz (of ${pre.docs.size})`);
  });

  it('still enforces authorization and sessions afterwards', async () => {
    const url = server.url;
    assert.equal((await request(`${url}/db/${VP}/_all_docs?limit=1`)).status, 401, 'anonymous read');
    assert.equal((await request(`${url}/db/${VP}/_all_docs?limit=1`, { cookie: world.staffCookie })).status, 200, 'member read');
    assert.equal(
      (await request(`${url}/db/docket-unit-kt/_all_docs?limit=1`, { cookie: world.staffCookie })).status,
      403,
      'non-member read',
    );
    assert.equal((await request(`${url}/db/_all_dbs`, { cookie: world.staffCookie })).status, 403);
    assert.equal((await request(`${url}/db/${VP}/_security`, { cookie: world.staffCookie })).status, 403);
    const me = await request(`${url}/api/me`, { cookie: world.staffCookie });
    assert.equal(me.status, 200);
    assert.equal(me.json.name, STAFF);
    assert.deepEqual(me.json.roles, ['staff', 'unit:vp']);
    assert.equal((await request(`${url}/api/me`)).status, 401);
    // No server admin was created through _config or _node (the admin names it may have tried).
    for (const name of ['evil', 'an.nguyen', 'x'])
      assert.equal((await request(`${url}/db/_all_dbs`, { basic: { name, password: 'evil' } })).status, 401, `admin ${name}`);
    assert.ok(await login(url, 'linh.dinh', server.demoPassword), 'a fresh sign-in works');
  });
});
