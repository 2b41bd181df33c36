import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { OfficialDocument, OfficialDocumentEvent } from '../../src/model/documents/types.ts';
import { deriveState } from '../../src/model/documents/workflow.ts';
import { wardDay } from '../../src/model/time.ts';
import { createUnit, createUser } from '../../server/services/accounts.ts';
import { AUDIT_DB } from '../../server/services/audit.ts';
import { NUMBERING_DB } from '../../server/services/numbering.ts';
import { checkpointId } from '../../server/workers/index.ts';
import { type BareCouch, startBareCouch } from './helpers/bare-couch.ts';
import { login, request } from './helpers/http.ts';
import { allIds, bulk, draft, event, getAsAdmin, numberedIdOf, put, registration, waitFor } from './helpers/documents.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

const REGISTRY = 'docket-registry';
const YEAR = Number(wardDay().slice(0, 4));
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
const personal = (name: string) => `docket-user-${hex(name)}`;
const ulid = (docId: string) => docId.slice('officialDocument:'.length);
const deliveredId = (docId: string, key: string) => `officialDocumentEvent:${ulid(docId)}.delivered.${key}`;

describe('document workers (embedded store)', () => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  const cookie = async (name: string) => (cookies[name] ??= await login(s.url, name, s.demoPassword));
  const numbered = async (db: string, docId: string) => {
    const r = await getAsAdmin(s.url, s.admin, db, numberedIdOf(docId));
    return r.status === 200 ? (r.json as Record<string, unknown>) : undefined;
  };

  before(async () => {
    s = await startTestServer({ demo: true });
    const store = s.running.docket.store;
    for (const name of ['clerk.bon', 'clerk.nam']) {
      await createUser(store, { name, role: 'clerk', unitId: 'vp', displayName: name, password: s.demoPassword });
    }
  });
  after(() => s.stop());

  it('numbers 50 registrations from 5 clerk sessions at once: 1..40 in the incoming book, confidential 1..10 in their own', async () => {
    const clerks = ['mai.hoang', 'huong.bui', 'long.tong', 'clerk.bon', 'clerk.nam'];
    const regs = range(50).map((i) => {
      const clerk = clerks[i % 5]!;
      const confidential = i % 5 === 0; // 10 of them
      return {
        clerk,
        db: confidential ? personal(clerk) : REGISTRY,
        ...registration(clerk, confidential ? { confidentiality: 'confidential', routeTo: 'hung.tran' } : {}),
      };
    });
    await Promise.all(clerks.map(cookie));
    const started = Date.now();
    const writes = await Promise.all(regs.map(async (r) => bulk(s.url, await cookie(r.clerk), r.db, [r.doc, r.event])));
    for (const w of writes) {
      assert.equal(w.status, 201);
      assert.ok(
        (w.results as { ok?: boolean }[]).every((x) => x.ok),
        JSON.stringify(w.results),
      );
    }
    // 50 numberings through one serialized allocator: generous on a loaded 2-core machine (the figure is logged, not asserted).
    const events = await Promise.all(regs.map((r) => waitFor(`number of ${r.doc._id}`, () => numbered(r.db, r.doc._id), 90_000)));
    const ms = Date.now() - started;
    const byBook = (book: string) =>
      events
        .filter((e) => e.book === book)
        .map((e) => e.number as number)
        .sort((a, b) => a - b);
    assert.deepEqual(byBook('incoming'), range(40));
    assert.deepEqual(byBook('incomingConfidential'), range(10));
    for (const e of events) {
      assert.equal(e.year, YEAR);
      assert.equal(e.createdBy, 'system');
    }
    process.stdout.write(`# workers: 50 registrations from 5 sessions numbered in ${ms} ms (${Math.round((50 * 1000) / ms)}/s)\n`);
  });

  it('numbers 20 concurrent approvals by their 4 signing leaders (after review): 01/QĐ-UBND … 20, công văn as <nn>/UBND-VP, issue date today', async () => {
    const leaders = ['hung.tran', 'lan.nguyen', 'minh.le', 'thanh.pham'];
    const drafts = range(20).map((i) => {
      const [author, head, unit] = i % 2 ? ['an.nguyen', 'hoa.do', 'vp'] : ['linh.dinh', 'son.phan', 'kt'];
      const signer = leaders[i % 4]!;
      return {
        author: author!,
        head: head!,
        signer,
        db: `docket-unit-${unit}`,
        doc: draft(author!, unit!, { signer, ...(i === 3 ? { kind: 'congVan' } : {}) }),
      };
    });
    // Drafted, submitted by the author and forwarded by the unit head: not numbered before approval.
    for (const d of drafts) {
      assert.equal(await put(s.url, { cookie: await cookie(d.author) }, d.db, d.doc), 201);
      assert.equal(await put(s.url, { cookie: await cookie(d.author) }, d.db, event(d.author, d.doc._id, 'submitted')), 201);
      assert.equal(await put(s.url, { cookie: await cookie(d.head) }, d.db, event(d.head, d.doc._id, 'forwardedToLeader')), 201);
    }
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await numbered(drafts[0]!.db, drafts[0]!.doc._id), undefined);
    await Promise.all(leaders.map(cookie));
    const started = Date.now();
    const statuses = await Promise.all(
      drafts.map(async (d) => put(s.url, { cookie: await cookie(d.signer) }, d.db, event(d.signer, d.doc._id, 'approved'))),
    );
    assert.deepEqual(new Set(statuses), new Set([201]));
    const events = await Promise.all(drafts.map((d) => waitFor('number/symbol', () => numbered(d.db, d.doc._id))));
    const ms = Date.now() - started;
    assert.deepEqual(
      events.map((e) => e.number as number).sort((a, b) => a - b),
      range(20),
    );
    for (const [i, e] of events.entries()) {
      const nn = String(e.number).padStart(2, '0');
      assert.equal(e.book, 'outgoing');
      assert.equal(e.issuedOn, wardDay());
      assert.equal(e.numberSymbol, i === 2 ? `${nn}/UBND-VP` : `${nn}/QĐ-UBND`);
    }
    // Approved documents reach the registry for the clerk, with their number.
    await waitFor('registry copy', async () => (await numbered(REGISTRY, drafts[0]!.doc._id)) !== undefined);
    process.stdout.write(`# workers: 20 approvals numbered in ${ms} ms\n`);
  });

  it('refuses a staff member who registers, numbers, directs or approves, even with a modified client (403, nothing numbered)', async () => {
    const staff = await cookie('an.nguyen');
    const { doc, event: registered } = registration('an.nguyen');
    // Register: not in the registry (not a member), not as a confidential document in the own space.
    assert.equal((await bulk(s.url, staff, REGISTRY, [doc, registered])).status, 403);
    const own = personal('an.nguyen');
    const secret = registration('an.nguyen', { confidentiality: 'secret', routeTo: 'hung.tran' });
    assert.equal(await put(s.url, { cookie: staff }, own, secret.doc), 403);
    assert.equal(await put(s.url, { cookie: staff }, own, secret.event), 403);
    // A draft of the own unit is fine; approving it, numbering it or directing is not.
    const mine = draft('an.nguyen', 'vp');
    assert.equal(await put(s.url, { cookie: staff }, 'docket-unit-vp', mine), 201);
    assert.equal(await put(s.url, { cookie: staff }, 'docket-unit-vp', event('an.nguyen', mine._id, 'approved')), 403);
    const forgedNumber = {
      ...event('an.nguyen', mine._id, 'numbered', { book: 'outgoing', year: YEAR, number: 1 }),
      _id: numberedIdOf(mine._id),
    };
    assert.equal(await put(s.url, { cookie: staff }, 'docket-unit-vp', forgedNumber), 403);
    const forgedSystem = { ...forgedNumber, createdBy: 'system' };
    assert.equal(await put(s.url, { cookie: staff }, 'docket-unit-vp', forgedSystem), 403);
    const direction = event('an.nguyen', mine._id, 'directed', {
      assignments: [{ assignee: { kind: 'unit', unitId: 'kt' }, role: 'lead' }],
    });
    assert.equal(await put(s.url, { cookie: staff }, 'docket-unit-vp', direction), 403);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await numbered('docket-unit-vp', mine._id), undefined);
    assert.equal((await getAsAdmin(s.url, s.admin, 'docket-unit-kt', mine._id)).status, 404);
    const numbering = await request(`${s.url}/db/${NUMBERING_DB}/_all_docs`, { cookie: staff });
    assert.equal(numbering.status, 403);
  });

  it('delivers a directed document to the lead and coordinating units, then the head’s pick; the assignee’s steps reach the leader', async () => {
    const clerk = await cookie('mai.hoang');
    const { doc, event: registered } = registration('mai.hoang', { urgency: 'urgent' });
    await bulk(s.url, clerk, REGISTRY, [doc, registered]);
    await waitFor('numbered', () => numbered(REGISTRY, doc._id));
    const leader = await cookie('lan.nguyen');
    const directed = event('lan.nguyen', doc._id, 'directed', {
      note: 'Giao Phòng KT chủ trì, Phòng VHXH phối hợp.',
      assignments: [
        { assignee: { kind: 'unit', unitId: 'kt' }, role: 'lead', deadline: '2026-12-31' },
        { assignee: { kind: 'unit', unitId: 'vhxh' }, role: 'coordinating', deadline: '2026-12-31' },
      ],
    });
    const started = Date.now();
    assert.equal(await put(s.url, { cookie: leader }, REGISTRY, directed), 201);
    for (const unit of ['kt', 'vhxh']) {
      const db = `docket-unit-${unit}`;
      await waitFor(
        `copy in ${db}`,
        async () => (await getAsAdmin(s.url, s.admin, db, deliveredId(doc._id, `unit:${unit}`))).status === 200,
      );
      const ids = await allIds(s.url, s.admin, db);
      for (const id of [doc._id, registered._id, numberedIdOf(doc._id), directed._id]) assert.ok(ids.includes(id), `${id} in ${db}`);
    }
    const deliveryMs = Date.now() - started;
    assert.equal((await getAsAdmin(s.url, s.admin, REGISTRY, deliveredId(doc._id, 'unit:kt'))).json.createdBy, 'system');
    // The unit members see it through their own session.
    const staffKt = await cookie('linh.dinh');
    assert.equal((await request(`${s.url}/db/docket-unit-kt/${encodeURIComponent(doc._id)}`, { cookie: staffKt })).status, 200);

    // The head of KT passes it on to a person of the unit.
    const head = await cookie('son.phan');
    const forwarded = event('son.phan', doc._id, 'forwarded', {
      assignee: { kind: 'unit', unitId: 'kt' },
      assignments: [{ assignee: { kind: 'person', name: 'linh.dinh' }, role: 'lead', deadline: '2026-12-20' }],
    });
    assert.equal(await put(s.url, { cookie: head }, 'docket-unit-kt', forwarded), 201);
    const linh = personal('linh.dinh');
    await waitFor('copy in linh.dinh’s space', async () => (await getAsAdmin(s.url, s.admin, linh, doc._id)).status === 200);
    const personDelivery = await waitFor('delivery of the forwarded node', async () => {
      const r = await getAsAdmin(s.url, s.admin, REGISTRY, deliveredId(doc._id, 'unit:kt>person:linh.dinh'));
      return r.status === 200 && r.json;
    });
    assert.equal(personDelivery.assignmentKey, 'unit:kt>person:linh.dinh');
    await waitFor(
      'forwarding back in the registry',
      async () => (await getAsAdmin(s.url, s.admin, REGISTRY, forwarded._id)).status === 200,
    );

    // The person reads, reports progress and completes in their own space; the leader (registry) and the unit see it.
    const me = { kind: 'person', name: 'linh.dinh' };
    const steps = [
      event('linh.dinh', doc._id, 'read', { assignee: me }),
      event('linh.dinh', doc._id, 'progress', { assignee: me, percent: 50, note: 'Đã khảo sát hiện trạng' }),
      event('linh.dinh', doc._id, 'completed', { assignee: me, note: 'Đã báo cáo' }),
    ];
    const t2 = Date.now();
    for (const e of steps) assert.equal(await put(s.url, { cookie: staffKt }, linh, e), 201);
    for (const e of steps) {
      await waitFor(`${e.kind} in the registry`, async () => (await getAsAdmin(s.url, s.admin, REGISTRY, e._id)).status === 200);
      await waitFor(`${e.kind} in the lead unit`, async () => (await getAsAdmin(s.url, s.admin, 'docket-unit-kt', e._id)).status === 200);
    }
    const relayMs = Date.now() - t2;
    // The model accepts every step the server wrote or relayed: nothing ignored, every node delivered.
    const rows = (await request(`${s.url}/db/${REGISTRY}/_all_docs?include_docs=true`, { basic: s.admin })).json.rows as {
      doc: OfficialDocumentEvent & { type: string };
    }[];
    const history = rows.map((r) => r.doc).filter((d) => d.type === 'officialDocumentEvent' && d.documentId === doc._id);
    const state = deriveState(doc as unknown as OfficialDocument, history);
    assert.deepEqual(
      state.ignored.map((x) => [x.event.kind, x.reason]),
      [],
    );
    assert.ok(state.direction === 'incoming' && state.assignments.every((a) => a.delivered));
    assert.equal(state.direction === 'incoming' && state.assignments.find((a) => a.key === 'unit:kt>person:linh.dinh')?.state, 'completed');
    const seen = await request(`${s.url}/db/${REGISTRY}/${encodeURIComponent(steps[2]!._id)}`, { cookie: leader });
    assert.equal(seen.status, 200);
    assert.equal(seen.json.kind, 'completed');
    process.stdout.write(
      `# workers: direction → delivered to 2 units in ${deliveryMs} ms; 3 steps relayed home and mirrored in ${relayMs} ms\n`,
    );
  });

  it('picks up a unit created after start', async () => {
    const store = s.running.docket.store;
    await createUnit(store, { unitId: 'tp', name: 'Tổ tư pháp', shortName: 'TP' });
    const { doc, event: registered } = registration('mai.hoang');
    await bulk(s.url, await cookie('mai.hoang'), REGISTRY, [doc, registered]);
    const directed = event('hung.tran', doc._id, 'directed', { assignments: [{ assignee: { kind: 'unit', unitId: 'tp' }, role: 'lead' }] });
    assert.equal(await put(s.url, { cookie: await cookie('hung.tran') }, REGISTRY, directed), 201);
    await waitFor('copy in the new unit', async () => (await getAsAdmin(s.url, s.admin, 'docket-unit-tp', doc._id)).status === 200);
  });

  it('keeps confidential documents out of every unit space and the registry, delivering only to the persons named', async () => {
    const clerk = await cookie('huong.bui');
    const clerkSpace = personal('huong.bui');
    const { doc, event: registered } = registration('huong.bui', {
      confidentiality: 'topSecret',
      routeTo: 'hung.tran',
      summary: 'Tài liệu mật',
    });
    assert.equal((await bulk(s.url, clerk, clerkSpace, [doc, registered])).status, 201);
    const leaderSpace = personal('hung.tran');
    await waitFor('routed to the leader', async () => (await getAsAdmin(s.url, s.admin, leaderSpace, doc._id)).status === 200);
    const n = await waitFor('numbered', () => numbered(clerkSpace, doc._id));
    assert.equal(n.book, 'incomingConfidential');
    // A direction naming a unit (a modified client) is stored in the leader's space but counts for nothing.
    const leader = await cookie('hung.tran');
    const toUnit = event('hung.tran', doc._id, 'directed', {
      assignments: [
        { assignee: { kind: 'unit', unitId: 'kt' }, role: 'lead' },
        { assignee: { kind: 'person', name: 'yen.luong' }, role: 'coordinating' },
      ],
    });
    assert.equal(await put(s.url, { cookie: leader }, leaderSpace, toUnit), 201);
    await waitFor('relayed home', async () => (await getAsAdmin(s.url, s.admin, clerkSpace, toUnit._id)).status === 200);
    // The leader directs to persons only.
    const directed = event('hung.tran', doc._id, 'directed', {
      assignments: [{ assignee: { kind: 'person', name: 'son.phan' }, role: 'lead' }],
    });
    assert.equal(await put(s.url, { cookie: leader }, leaderSpace, directed), 201);
    const sonSpace = personal('son.phan');
    await waitFor('delivered to the person', async () => (await getAsAdmin(s.url, s.admin, sonSpace, directed._id)).status === 200);
    await new Promise((r) => setTimeout(r, 500));
    const dbs = (await request(`${s.url}/db/_all_dbs`, { basic: s.admin })).json as string[];
    const holders: string[] = [];
    // The server's own admin-only books name it too (its number, its audit entries): no account reads them.
    for (const db of dbs.filter((d) => d.startsWith('docket-') && d !== NUMBERING_DB && d !== AUDIT_DB)) {
      const ids = await allIds(s.url, s.admin, db);
      if (ids.some((id) => id === doc._id || id.includes(ulid(doc._id)))) holders.push(db);
    }
    assert.deepEqual(holders.sort(), [clerkSpace, leaderSpace, sonSpace].sort());
    // Its audit entries name it by number, not by its subject (administrators are not cleared for Mật documents).
    const about = await waitFor('its numbering audited', async () => {
      const rows = (await request(`${s.url}/db/${AUDIT_DB}/_all_docs?include_docs=true`, { basic: s.admin })).json.rows as {
        doc: { target?: string; summary?: string };
      }[];
      const found = rows.filter((r) => r.doc.target === doc._id);
      return found.length > 0 && found;
    });
    for (const r of about) assert.ok(!r.doc.summary!.includes(String(doc.summary)), r.doc.summary);
  });

  it('issues an approved document internally: each recipient gets its own incoming copy (led by the recipient, no arrival number: it is in the outgoing book); the sender sees receipt and the recipients’ steps; recall reaches every copy', async () => {
    const staff = await cookie('an.nguyen');
    const outgoing = draft('an.nguyen', 'vp', {
      kind: 'keHoach',
      internalRecipients: [
        { kind: 'unit', unitId: 'kt' },
        { kind: 'person', name: 'yen.luong' },
      ],
      externalRecipients: ['UBND Quận 1'],
    });
    assert.equal(await put(s.url, { cookie: staff }, 'docket-unit-vp', outgoing), 201);
    for (const [by, kind] of [
      ['an.nguyen', 'submitted'],
      ['hoa.do', 'forwardedToLeader'],
      ['hung.tran', 'approved'],
    ] as const) {
      assert.equal(await put(s.url, { cookie: await cookie(by) }, 'docket-unit-vp', event(by, outgoing._id, kind)), 201);
    }
    const num = await waitFor('numbered', () => numbered('docket-unit-vp', outgoing._id));
    await waitFor('in the registry', async () => (await getAsAdmin(s.url, s.admin, REGISTRY, outgoing._id)).status === 200);
    const issued = event('mai.hoang', outgoing._id, 'issued');
    const started = Date.now();
    assert.equal(await put(s.url, { cookie: await cookie('mai.hoang') }, REGISTRY, issued), 201);

    const copies = [
      { db: 'docket-unit-kt', id: `${outgoing._id}.to.unit:kt`, key: 'unit:kt' },
      { db: personal('yen.luong'), id: `${outgoing._id}.to.person:yen.luong`, key: 'person:yen.luong' },
    ];
    for (const c of copies) {
      const got = await waitFor(`copy in ${c.db}`, async () => {
        const r = await getAsAdmin(s.url, s.admin, c.db, c.id);
        return r.status === 200 && r.json;
      });
      assert.equal(got.direction, 'incoming');
      assert.equal(got.sourceDocumentId, outgoing._id);
      assert.equal(got.numberSymbol, num.numberSymbol);
      assert.equal(got.createdBy, 'system');
      assert.equal(got.signer, 'Trần Văn Hùng', 'the signer by name, as on paper');
      assert.equal(got.receivedVia, 'internal');
      await waitFor(
        `registration in ${c.db}`,
        async () => (await getAsAdmin(s.url, s.admin, c.db, `officialDocumentEvent:${ulid(c.id)}.registered`)).status === 200,
      );
      await waitFor(
        `receipt for ${c.key}`,
        async () => (await getAsAdmin(s.url, s.admin, 'docket-unit-vp', deliveredId(outgoing._id, c.key))).status === 200,
      );
    }
    const issueMs = Date.now() - started;
    // The recipient unit's head reads it; the sender's unit sees the recipient's copy with its steps (read-only).
    // (A copy has no direction tree yet, so the read names no assignee.)
    const read = event('son.phan', copies[0]!.id, 'read');
    assert.equal(await put(s.url, { cookie: await cookie('son.phan') }, 'docket-unit-kt', read), 201);
    const seen = await waitFor('the recipient’s read step in the sender’s space', async () => {
      const r = await request(`${s.url}/db/docket-unit-vp/${encodeURIComponent(read._id)}`, { cookie: staff });
      return r.status === 200 && r.json;
    });
    assert.deepEqual([seen.kind, seen.documentId, seen.createdBy], ['read', copies[0]!.id, 'son.phan']);
    const mirrored = await request(`${s.url}/db/docket-unit-vp/${encodeURIComponent(copies[0]!.id)}`, { cookie: staff });
    assert.equal(mirrored.status, 200);
    // A step written in the sender's mirror is not relayed to the recipient.
    const meddling = event('an.nguyen', copies[0]!.id, 'read');
    assert.equal(await put(s.url, { cookie: staff }, 'docket-unit-vp', meddling), 201);

    // Recall reaches every recipient's copy.
    const recalled = event('mai.hoang', outgoing._id, 'recalled', { note: 'Sai sót số liệu' });
    assert.equal(await put(s.url, { cookie: await cookie('mai.hoang') }, REGISTRY, recalled), 201);
    for (const c of copies) {
      const got = await waitFor(`recall in ${c.db}`, async () => {
        const r = await getAsAdmin(s.url, s.admin, c.db, `officialDocumentEvent:${ulid(c.id)}.recalled`);
        return r.status === 200 && r.json;
      });
      assert.deepEqual([got.kind, got.documentId, got.createdBy, got.note], ['recalled', c.id, 'system', 'Sai sót số liệu']);
    }
    assert.equal((await getAsAdmin(s.url, s.admin, 'docket-unit-kt', meddling._id)).status, 404);
    // The model accepts what the server wrote: receipts on the source, registration and recall on the copy.
    const stateIn = async (db: string, id: string) => {
      const rows = (await request(`${s.url}/db/${db}/_all_docs?include_docs=true`, { basic: s.admin })).json.rows as {
        doc: OfficialDocumentEvent & { type: string };
      }[];
      const d = rows.find((r) => r.doc._id === id)!.doc as unknown as OfficialDocument;
      return deriveState(
        d,
        rows.map((r) => r.doc).filter((e) => e.type === 'officialDocumentEvent' && e.documentId === id),
      );
    };
    const source = await stateIn('docket-unit-vp', outgoing._id);
    assert.deepEqual(source.ignored, []);
    assert.deepEqual(Object.keys(source.direction === 'outgoing' ? source.deliveries : {}).sort(), ['person:yen.luong', 'unit:kt']);
    const copy = await stateIn('docket-unit-kt', copies[0]!.id);
    assert.deepEqual(copy.ignored, []);
    assert.ok(copy.registered && copy.recalled);
    assert.equal(copy.number, undefined, 'no arrival number for a copy of the ward’s own document');
    assert.equal(await numbered(copies[0]!.db, copies[0]!.id), undefined);
    process.stdout.write(`# workers: issued to 2 internal recipients (copy + registration + receipt) in ${issueMs} ms\n`);
  });

  it('takes a confidential draft through review, approval, its own number series and issue in personal spaces only', async () => {
    const an = personal('an.nguyen');
    const d = draft('an.nguyen', 'vp', {
      kind: 'congVan',
      confidentiality: 'confidential',
      summary: 'V/v danh sách đối tượng cần theo dõi (Mật)',
      internalRecipients: [{ kind: 'person', name: 'yen.luong' }],
    });
    const staff = await cookie('an.nguyen');
    assert.equal(await put(s.url, { cookie: staff }, an, d), 201);
    assert.equal(await put(s.url, { cookie: staff }, an, event('an.nguyen', d._id, 'submitted')), 201);
    // The unit head gets it in her own space and passes it on to the signing leader from there.
    await waitFor('copy for the unit head', async () => (await getAsAdmin(s.url, s.admin, personal('hoa.do'), d._id)).status === 200);
    const fwd = event('hoa.do', d._id, 'forwardedToLeader');
    assert.equal(await put(s.url, { cookie: await cookie('hoa.do') }, personal('hoa.do'), fwd), 201);
    await waitFor('copy for the signer', async () => (await getAsAdmin(s.url, s.admin, personal('hung.tran'), d._id)).status === 200);
    const ok = event('hung.tran', d._id, 'approved');
    assert.equal(await put(s.url, { cookie: await cookie('hung.tran') }, personal('hung.tran'), ok), 201);
    const num = await waitFor('numbered at home', () => numbered(an, d._id));
    assert.equal(num.book, 'outgoingConfidential');
    // The clerk issues it from her own copy; the person named receives it.
    await waitFor(
      'copy for the clerk',
      async () => (await getAsAdmin(s.url, s.admin, personal('mai.hoang'), numberedIdOf(d._id))).status === 200,
    );
    const issued = event('mai.hoang', d._id, 'issued');
    assert.equal(await put(s.url, { cookie: await cookie('mai.hoang') }, personal('mai.hoang'), issued), 201);
    await waitFor(
      'incoming copy for yen.luong',
      async () => (await getAsAdmin(s.url, s.admin, personal('yen.luong'), `${d._id}.to.person:yen.luong`)).status === 200,
    );
    for (const db of [REGISTRY, 'docket-unit-vp', 'docket-unit-vhxh']) {
      const ids = await allIds(s.url, s.admin, db);
      assert.ok(!ids.some((id) => id.includes(ulid(d._id))), `nothing of the confidential draft in ${db}`);
    }
    assert.equal((await getAsAdmin(s.url, s.admin, personal('son.phan'), d._id)).status, 404, 'not the head of another unit');
  });

  it('stores a checkpoint per worker in each space it follows', async () => {
    await waitFor('checkpoints', async () => {
      const a = await getAsAdmin(s.url, s.admin, REGISTRY, checkpointId('numbering'));
      const b = await getAsAdmin(s.url, s.admin, REGISTRY, checkpointId('delivery'));
      return a.status === 200 && b.status === 200;
    });
  });
});

describe('document workers: crash between allocation and event', () => {
  it('finds the allocation again after a restart on the same data: no duplicate, no gap', async () => {
    let failing = true;
    const first = await startTestServer({
      demo: true,
      keepDataDir: true,
      workers: {
        backoffMs: 50,
        maxBackoffMs: 100,
        numberingWorker: {
          beforeEvent: () => {
            if (failing) throw new Error('simulated crash before the numbered event');
          },
        },
      },
    });
    const dataDir = first.dataDir;
    const clerk = await login(first.url, 'mai.hoang', first.demoPassword);
    const a = registration('mai.hoang');
    await bulk(first.url, clerk, REGISTRY, [a.doc, a.event]);
    const numbering = first.running.workers!.numbering;
    const alloc = await waitFor('allocation', () => numbering.find('incoming', a.doc._id).then((x) => x ?? undefined));
    assert.equal(alloc.number, 1);
    await new Promise((r) => setTimeout(r, 200)); // a few failed retries
    assert.equal((await getAsAdmin(first.url, first.admin, REGISTRY, numberedIdOf(a.doc._id))).status, 404);
    await first.stop();
    failing = false;

    const second = await startTestServer({ demo: true, dataDir });
    try {
      const ev = await waitFor('numbered after restart', async () => {
        const r = await getAsAdmin(second.url, second.admin, REGISTRY, numberedIdOf(a.doc._id));
        return r.status === 200 && r.json;
      });
      assert.equal(ev.number, 1);
      const b = registration('mai.hoang');
      await bulk(second.url, await login(second.url, 'mai.hoang', second.demoPassword), REGISTRY, [b.doc, b.event]);
      const evB = await waitFor('next number', async () => {
        const r = await getAsAdmin(second.url, second.admin, REGISTRY, numberedIdOf(b.doc._id));
        return r.status === 200 && r.json;
      });
      assert.equal(evB.number, 2);
      const allocs = await second.running.workers!.numbering.list('incoming', YEAR);
      assert.deepEqual(
        allocs.map((x) => [x.number, x.documentId]),
        [
          [1, a.doc._id],
          [2, b.doc._id],
        ],
      );
    } finally {
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('document workers: two app servers on one CouchDB', () => {
  let couch: BareCouch;
  let a: TestServer;
  let b: TestServer;
  before(async () => {
    couch = await startBareCouch();
    const env = { COUCHDB_URL: couch.url, ADMIN_USER: couch.admin.name, ADMIN_PASSWORD: couch.admin.password };
    a = await startTestServer({ demo: true, env });
    b = await startTestServer({ demo: true, env });
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await couch?.stop();
  });

  it('numbers and delivers once: 20 registrations through both servers are 1..20, copies and events have no conflicts', async () => {
    const clerks = [await login(a.url, 'mai.hoang', a.demoPassword), await login(b.url, 'huong.bui', b.demoPassword)];
    // Even registrations go through server A as mai.hoang, odd ones through server B as huong.bui.
    const regs = range(20).map((i) => ({
      server: i % 2 ? b : a,
      cookie: clerks[i % 2]!,
      ...registration(i % 2 ? 'huong.bui' : 'mai.hoang'),
    }));
    const started = Date.now();
    const writes = await Promise.all(regs.map((r) => bulk(r.server.url, r.cookie, REGISTRY, [r.doc, r.event])));
    for (const w of writes)
      assert.ok(
        (w.results as { ok?: boolean }[]).every((x) => x.ok),
        JSON.stringify(w.results),
      );
    const events = await Promise.all(
      regs.map((r) =>
        waitFor(
          'numbered',
          async () => {
            const got = await getAsAdmin(a.url, a.admin, REGISTRY, numberedIdOf(r.doc._id));
            return got.status === 200 && got.json;
            // A loaded 2-core machine numbers 20 registrations through two servers and an external store in well over 20 s.
          },
          90_000,
        ),
      ),
    );
    const ms = Date.now() - started;
    assert.deepEqual(
      events.map((e) => e.number as number).sort((x, y) => x - y),
      range(20),
    );
    for (const e of events) assert.equal(e._conflicts, undefined, `conflict on ${e._id}`);

    const doc = regs[0]!.doc;
    const leader = await login(b.url, 'lan.nguyen', b.demoPassword);
    const directed = event('lan.nguyen', doc._id, 'directed', {
      assignments: [
        { assignee: { kind: 'unit', unitId: 'kt' }, role: 'lead' },
        { assignee: { kind: 'person', name: 'yen.luong' }, role: 'forInformation' },
      ],
    });
    assert.equal(await put(b.url, { cookie: leader }, REGISTRY, directed), 201);
    const targets = ['docket-unit-kt', personal('yen.luong')];
    for (const db of targets)
      await waitFor(`copy in ${db}`, async () => (await getAsAdmin(a.url, a.admin, db, directed._id)).status === 200);
    await new Promise((r) => setTimeout(r, 1000)); // both servers have seen everything
    for (const db of [REGISTRY, ...targets]) {
      const r = await request(`${couch.url}/${db}/_all_docs?include_docs=true&conflicts=true`, { basic: couch.admin });
      const mine = (r.json.rows as { id: string; doc: { _conflicts?: string[] } }[]).filter((row) => row.id.includes(ulid(doc._id)));
      assert.ok(mine.length >= 4, `${db} holds the document and its events`);
      for (const row of mine) assert.equal(row.doc._conflicts, undefined, `conflict on ${row.id} in ${db}`);
      // Exactly one delivery record per assignee, however many servers handled the direction.
      assert.equal(mine.filter((row) => row.id.includes('.delivered.')).length, 2);
    }
    const allocs = await a.running.workers!.numbering.list('incoming', YEAR);
    assert.deepEqual(
      allocs.map((x) => x.number),
      range(20),
    );
    process.stdout.write(`# workers: 20 registrations through 2 servers on one CouchDB numbered in ${ms} ms\n`);
  });
});
