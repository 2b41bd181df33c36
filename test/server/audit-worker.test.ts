/**
 * The audit worker (issue 9): numbering, approvals, issuance, recalls and deletions of official documents reach
 * the admin-only audit log once each — although the same event is copied into several spaces, the host may give
 * a change twice, and the server restarts or runs twice — with who, what, when and the approving device key.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AuditEntry, AuditPage } from '../../src/model/audit.ts';
import { REGISTRY_SPACE, type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { DEMO_WARD_NAME } from '../../server/demo/ward.ts';
import { createLogger } from '../../server/logger.ts';
import { listUnits, listUserRecords } from '../../server/services/directory.ts';
import { checkpointId, createWorkers } from '../../server/workers/index.ts';
import { bulk, draft, event, getAsAdmin, numberedIdOf, put, registration, waitFor } from './helpers/documents.ts';
import { login, request } from './helpers/http.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

const REGISTRY = 'docket-registry';
const VP = 'docket-unit-vp';
const APPROVAL = { algorithm: 'ECDSA-P256-SHA256', keyId: 'test-device-key-hung', digest: 'ZGlnZXN0', signature: 'c2ln' };

describe('audit worker: document actions in the audit log, once each', () => {
  let s: TestServer;
  let dataDir = '';
  const cookies: Record<string, string> = {};
  const cookie = async (name: string) => (cookies[name] ??= await login(s.url, name, s.demoPassword));
  const audit = async (query: string): Promise<AuditEntry[]> => {
    const r = await request(`${s.url}/api/admin/audit${query}&limit=1000`, { cookie: await cookie('tri.nguyen') });
    assert.equal(r.status, 200, r.text);
    return (r.json as AuditPage).entries;
  };
  /** Entries of one action about one document (`q` finds the id in the target, the filter keeps exact targets). */
  const entriesOf = async (action: string, target: string) =>
    (await audit(`?action=${action}&q=${encodeURIComponent(target)}`)).filter((e) => e.target === target);
  const one = (action: string, target: string) =>
    waitFor(`${action} of ${target}`, async () => {
      const got = await entriesOf(action, target);
      return got.length > 0 && got;
    });

  const incoming = registration('mai.hoang', { summary: 'V/v kiểm tra an toàn thực phẩm quý III' });
  const outgoing = draft('an.nguyen', 'vp', { kind: 'keHoach', internalRecipients: [{ kind: 'unit', unitId: 'kt' }] });
  const outOfTurn = draft('an.nguyen', 'vp', { summary: 'Dự thảo chưa trình' });
  const ids = { approved: '', issued: '', recalled: '' };

  before(async () => {
    s = await startTestServer({ demo: true, demoDocuments: true, keepDataDir: true });
    dataDir = s.dataDir;
    // The seeded year is the workers' backlog: let it settle first, so the steps below are not queued behind it.
    const started = Date.now();
    let idleSince = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 200));
      if (!s.running.workers!.host.idle) idleSince = 0;
      else if (!idleSince) idleSince = Date.now();
      else if (Date.now() - idleSince >= 2000) break;
    }
    process.stdout.write(`# audit: demo backlog settled in ${Date.now() - started} ms\n`);
  });
  after(async () => {
    await s?.stop();
    if (dataDir) (await import('node:fs')).rmSync(dataDir, { recursive: true, force: true });
  });

  it('records the arrival number of a registration, by system, with the number in the summary', async () => {
    assert.equal((await bulk(s.url, await cookie('mai.hoang'), REGISTRY, [incoming.doc, incoming.event])).status, 201);
    const [e] = await one('documentNumbered', incoming.doc._id);
    const num = (await getAsAdmin(s.url, s.admin, REGISTRY, numberedIdOf(incoming.doc._id))).json as { number: number; createdAt: string };
    assert.equal(e!.actor, 'system');
    assert.equal(e!.at, num.createdAt, 'when: the time of the numbered event');
    assert.match(e!.summary, new RegExp(`Arrival number ${String(num.number).padStart(2, '0')} `));
    assert.match(e!.summary, /an toàn thực phẩm/);
  });

  it('records approval (with the device key), number/symbol, issuance and recall of an outgoing document', async () => {
    assert.equal(await put(s.url, { cookie: await cookie('an.nguyen') }, VP, outgoing), 201);
    const steps = [
      ['an.nguyen', 'submitted', {}],
      ['hoa.do', 'forwardedToLeader', {}],
      ['hung.tran', 'approved', { approval: APPROVAL }],
    ] as const;
    for (const [by, kind, over] of steps) {
      const e = event(by, outgoing._id, kind, over);
      if (kind === 'approved') ids.approved = e._id;
      assert.equal(await put(s.url, { cookie: await cookie(by) }, VP, e), 201);
    }
    const num = await waitFor('number/symbol', async () => {
      const r = await getAsAdmin(s.url, s.admin, VP, numberedIdOf(outgoing._id));
      return r.status === 200 && (r.json as { numberSymbol: string });
    });
    await waitFor('registry copy', async () => (await getAsAdmin(s.url, s.admin, REGISTRY, numberedIdOf(outgoing._id))).status === 200);
    const issued = event('mai.hoang', outgoing._id, 'issued');
    ids.issued = issued._id;
    assert.equal(await put(s.url, { cookie: await cookie('mai.hoang') }, REGISTRY, issued), 201);
    const copyId = `${outgoing._id}.to.unit:kt`;
    await waitFor('the internal copy', async () => (await getAsAdmin(s.url, s.admin, 'docket-unit-kt', copyId)).status === 200);
    const recalled = event('mai.hoang', outgoing._id, 'recalled', { note: 'Sai sót số liệu' });
    ids.recalled = recalled._id;
    assert.equal(await put(s.url, { cookie: await cookie('mai.hoang') }, REGISTRY, recalled), 201);

    const [approved] = await one('documentApproved', outgoing._id);
    assert.equal(approved!.actor, 'hung.tran');
    assert.equal(approved!.device, APPROVAL.keyId);
    const [numbered] = await one('documentNumbered', outgoing._id);
    assert.equal(numbered!.actor, 'system');
    assert.ok(numbered!.summary.includes(num.numberSymbol), numbered!.summary);
    const [issue] = await one('documentIssued', outgoing._id);
    assert.equal(issue!.actor, 'mai.hoang');
    assert.ok(issue!.summary.includes(num.numberSymbol), issue!.summary);
    const [recall] = await one('documentRecalled', outgoing._id);
    assert.equal(recall!.actor, 'mai.hoang');
    assert.match(recall!.summary, /Sai sót số liệu/);
    // The server's recall of the recipient's copy is a consequence, not a second recall.
    await waitFor('recall on the copy', async () => (await getAsAdmin(s.url, s.admin, 'docket-unit-kt', copyId)).status === 200);
    assert.deepEqual(await entriesOf('documentRecalled', copyId), []);
  });

  it('does not record a step the workflow ignores (an approval before review)', async () => {
    assert.equal(await put(s.url, { cookie: await cookie('an.nguyen') }, VP, outOfTurn), 201);
    const early = event('hung.tran', outOfTurn._id, 'approved');
    assert.equal(await put(s.url, { cookie: await cookie('hung.tran') }, VP, early), 201, 'the store takes it; the model ignores it');
    await waitFor('workers idle', async () => s.running.workers!.host.idle);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await entriesOf('documentApproved', outOfTurn._id), []);
  });

  it('records a deletion (only the server admin can delete an official document), with its number', async () => {
    // Nobody else may: the validation refuses it for the clerk who registered it.
    const current = (await getAsAdmin(s.url, s.admin, REGISTRY, incoming.doc._id)).json as { _rev: string };
    const url = (id: string, rev: string) => `${s.url}/db/${REGISTRY}/${encodeURIComponent(id)}?rev=${rev}`;
    assert.equal((await request(url(incoming.doc._id, current._rev), { method: 'DELETE', cookie: await cookie('mai.hoang') })).status, 403);
    assert.equal((await request(url(incoming.doc._id, current._rev), { method: 'DELETE', basic: s.admin })).status, 200);
    const [e] = await one('documentDeleted', incoming.doc._id);
    assert.equal(e!.actor, '_admin');
    assert.match(e!.summary, /from docket-registry/);
    assert.match(e!.summary, /no\. \d+/);
    assert.match(e!.summary, /an toàn thực phẩm/);
  });

  it('records the demo ward’s seeded year too, at the time of each step (not when the worker read it)', async () => {
    const numbered = await audit('?action=documentNumbered');
    assert.ok(numbered.length > 100, `${numbered.length} numbered entries`);
    const weeksAgo = new Date(Date.now() - 14 * 86_400_000).toISOString();
    assert.ok(numbered.filter((e) => e.at < weeksAgo).length > numbered.length / 2, 'most are dated weeks back, as the seeded steps');
    const ats = numbered.map((e) => e.at);
    assert.deepEqual(ats, [...ats].sort().reverse(), 'newest first, as `audit:<ULID of the time>` sorts');
    assert.ok((await audit('?action=documentApproved')).length > 10);
  });

  it('after a restart and two hosts re-reading every space from the beginning: still one entry per step', async () => {
    const before = await audit('?action=documentNumbered');
    const watched = [
      ['documentNumbered', incoming.doc._id],
      ['documentDeleted', incoming.doc._id],
      ['documentNumbered', outgoing._id],
      ['documentApproved', outgoing._id],
      ['documentIssued', outgoing._id],
      ['documentRecalled', outgoing._id],
    ] as const;
    await s.stop();
    s = await startTestServer({ dataDir, workers: { enabled: false } });
    const store = s.running.docket.store;
    // Forget every audit checkpoint: the worker handles each space's whole history again.
    const spaces: SpaceRef[] = [
      REGISTRY_SPACE,
      ...(await listUnits(store)).map((u): SpaceRef => ({ kind: 'unit', id: u.unitId })),
      ...(await listUserRecords(store)).map((u): SpaceRef => ({ kind: 'personal', id: u.name })),
    ];
    let forgotten = 0;
    for (const space of spaces) {
      if (!(await store.exists(dbNameOf(space)))) continue;
      const db = await store.db(dbNameOf(space));
      const cp = await db.get(checkpointId('audit')).catch(() => null);
      if (cp) await db.remove(cp).then(() => forgotten++);
    }
    assert.ok(forgotten > 5, `${forgotten} checkpoints forgotten`);
    // Two app servers on the same data at once.
    const hosts = [1, 2].map(() => createWorkers(store, createLogger('silent'), { code: 'UBND', name: DEMO_WARD_NAME }));
    try {
      await Promise.all(hosts.map((h) => h.host.start()));
      let idleSince = 0;
      for (;;) {
        await new Promise((r) => setTimeout(r, 100));
        if (!hosts.every((h) => h.host.idle)) idleSince = 0;
        else if (!idleSince) idleSince = Date.now();
        else if (Date.now() - idleSince >= 1500) break;
      }
    } finally {
      await Promise.all(hosts.map((h) => h.stop()));
    }
    for (const [action, target] of watched) assert.equal((await entriesOf(action, target)).length, 1, `${action} ${target}`);
    const after = await audit('?action=documentNumbered');
    assert.deepEqual(
      after.map((e) => e._id),
      before.map((e) => e._id),
      'the same numbering entries, none added',
    );
    for (const action of ['documentApproved', 'documentIssued', 'documentRecalled', 'documentDeleted']) {
      const all = await audit(`?action=${action}`);
      const keys = all.map((e) => `${e.target} ${e.summary}`);
      assert.equal(new Set(keys).size, keys.length, `no duplicate ${action}`);
    }
  });
});
