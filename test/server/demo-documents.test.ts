import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_ACCOUNTS, DEMO_UNITS, DEMO_WARD_NAME } from '../../server/demo/ward.ts';
import { type DemoDocumentCount, type DemoDocumentsStats, generateDemoDocuments, seedDemoDocuments } from '../../server/demo/documents.ts';
import { createLogger } from '../../server/logger.ts';
import { listPeople } from '../../server/services/directory.ts';
import { NumberingService } from '../../server/services/numbering.ts';
import { homeOf } from '../../server/workers/documents.ts';
import { type ServerWorkers, createWorkers } from '../../server/workers/index.ts';
import type { ExternalBody } from '../../src/model/bodies.ts';
import { type FileMeta, filesDbNameOf } from '../../src/model/files.ts';
import type {
  IncomingDocument,
  OfficialDocument,
  OfficialDocumentEvent,
  OutgoingDocument,
  RegistryBook,
} from '../../src/model/documents/types.ts';
import { type DocumentState, deriveState } from '../../src/model/documents/workflow.ts';
import { REGISTRY_SPACE, type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { wardDay } from '../../src/model/time.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/**
 * The demo ward's year of documents, seeded as `npm start` does (seed first, then the workers start on the
 * backlog), with fewer documents than the demo's 400 + 100 so the test stays under a minute (the workers take
 * about 2–3 minutes for the full year today); the generator and the seed are the same code.
 * `DEMO_DOCUMENTS_FULL=1` runs the full year.
 */
const COUNT: Required<DemoDocumentCount> =
  process.env.DEMO_DOCUMENTS_FULL === '1' ? { incoming: 400, outgoing: 100 } : { incoming: 80, outgoing: 32 };

type Stored = Record<string, unknown> & { _id: string };

describe('demo documents: a year of traffic for the demo ward', () => {
  let s: TestServer;
  let workers: ServerWorkers;
  let stats: DemoDocumentsStats & { ms: number };
  let convergedMs = 0;
  /** Every document of every space (and files database), by database name. */
  const dbs = new Map<string, Stored[]>();
  const spaces: SpaceRef[] = [];
  const docsIn = (space: SpaceRef): Stored[] => dbs.get(dbNameOf(space)) ?? [];
  const filesIn = (space: SpaceRef): Stored[] => dbs.get(filesDbNameOf(space)) ?? [];
  /** Documents at their home, with their events there. */
  const homes = new Map<string, { space: SpaceRef; doc: OfficialDocument; events: OfficialDocumentEvent[]; state: DocumentState }>();

  before(async () => {
    s = await startTestServer({ demo: true, workers: { enabled: false } });
    const store = s.running.docket.store;
    stats = await seedDemoDocuments(store, { issuerCode: 'UBND', count: COUNT });
    const started = Date.now();
    workers = createWorkers(store, createLogger('silent'), { code: 'UBND', name: DEMO_WARD_NAME });
    await workers.host.start();
    let idleSince = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      if (!workers.host.idle) idleSince = 0;
      else if (!idleSince) idleSince = Date.now();
      else if (Date.now() - idleSince >= 2000) break;
      assert.ok(Date.now() - started < 600_000, 'workers did not settle in 10 minutes');
    }
    convergedMs = idleSince - started;
    process.stdout.write(
      `# demo documents: seeded ${stats.incoming} incoming, ${stats.outgoing} outgoing, ${stats.events} steps, ${stats.files} files in ${stats.ms} ms; workers settled in ${convergedMs} ms\n`,
    );
    spaces.push(REGISTRY_SPACE, ...DEMO_UNITS.map((u): SpaceRef => ({ kind: 'unit', id: u.unitId })));
    spaces.push(...DEMO_ACCOUNTS.map((a): SpaceRef => ({ kind: 'personal', id: a.name })));
    for (const space of spaces) {
      for (const name of [dbNameOf(space), filesDbNameOf(space)]) {
        const res = await (await store.db(name)).allDocs({ include_docs: true });
        dbs.set(
          name,
          res.rows.map((r) => r.doc as unknown as Stored).filter((d) => !d._id.startsWith('_design/')),
        );
      }
    }
    for (const space of spaces) {
      const here = docsIn(space);
      for (const d of here) {
        if (d.type !== 'officialDocument') continue;
        const doc = d as unknown as OfficialDocument;
        if (dbNameOf(homeOf(doc)) !== dbNameOf(space)) continue;
        const events = here.filter(
          (e) => e.type === 'officialDocumentEvent' && e.documentId === doc._id,
        ) as unknown as OfficialDocumentEvent[];
        homes.set(doc._id, { space, doc, events, state: deriveState(doc, events) });
      }
    }
  });
  after(async () => {
    await workers?.stop();
    await s?.stop();
  });

  const all = () => [...homes.values()];
  const isCopy = (doc: OfficialDocument) => doc.direction === 'incoming' && !!doc.sourceDocumentId;

  it('is deterministic: the same day gives the same documents, ids and numbers to take', () => {
    const a = generateDemoDocuments({ today: '2026-03-02', count: { incoming: 40, outgoing: 20 } });
    const b = generateDemoDocuments({ today: '2026-03-02', count: { incoming: 40, outgoing: 20 } });
    assert.deepEqual(a, b);
    assert.ok(
      a.writes.every((w) => w.doc.createdAt < '2026-03-01T17:00:00.000Z'),
      'nothing on or after that day',
    );
  });

  it('seeds the documents asked for, nothing dated today or later, and the directory of external bodies', async () => {
    const incoming = all().filter((h) => h.doc.direction === 'incoming' && !isCopy(h.doc));
    const outgoing = all().filter((h) => h.doc.direction === 'outgoing');
    assert.equal(incoming.length, stats.incoming);
    assert.equal(outgoing.length, stats.outgoing);
    assert.ok(incoming.length >= COUNT.incoming * 0.95, `incoming: ${incoming.length}`);
    assert.ok(outgoing.length >= COUNT.outgoing * 0.8, `outgoing: ${outgoing.length}`);
    assert.ok(incoming.some((h) => h.doc.confidentiality !== 'normal'));
    const cutoff = Date.parse(`${wardDay()}T00:00:00+07:00`);
    for (const h of all()) {
      if (h.doc.createdBy !== 'system') assert.ok(Date.parse(h.doc.createdAt) < cutoff, h.doc._id);
      for (const e of h.events) if (e.createdBy !== 'system') assert.ok(Date.parse(e.createdAt) < cutoff, e._id);
    }
    const org = await (
      await s.running.docket.store.db('docket-org')
    ).allDocs({ startkey: 'body:', endkey: 'body:\ufff0', include_docs: true });
    const names = new Set(org.rows.map((r) => (r.doc as unknown as ExternalBody).name));
    assert.ok(names.size >= 20);
    for (const h of incoming) {
      const doc = h.doc as IncomingDocument;
      assert.ok(names.has(doc.issuingBody), doc.issuingBody);
      assert.ok(doc.issuedOn <= doc.arrivedOn);
    }
  });

  it('takes numbers without gaps or duplicates per book and year, arrival numbers in arrival order', async () => {
    const numbered = new Map<string, OfficialDocumentEvent>();
    for (const space of spaces)
      for (const d of docsIn(space))
        if (d.type === 'officialDocumentEvent' && d.kind === 'numbered') numbered.set(d._id, d as unknown as OfficialDocumentEvent);
    const docs = new Map<string, OfficialDocument>();
    for (const space of spaces)
      for (const d of docsIn(space)) if (d.type === 'officialDocument') docs.set(d._id, d as unknown as OfficialDocument);
    const series = new Map<string, { n: number; doc: OfficialDocument }[]>();
    for (const e of numbered.values()) {
      const key = `${e.book}:${e.year}`;
      if (!series.has(key)) series.set(key, []);
      series.get(key)!.push({ n: e.number!, doc: docs.get(e.documentId)! });
    }
    const numbering = new NumberingService(s.running.docket.store);
    for (const [key, list] of series) {
      list.sort((a, b) => a.n - b.n);
      assert.deepEqual(
        list.map((x) => x.n),
        list.map((_, i) => i + 1),
        `${key}: 1..${list.length}`,
      );
      const [book, year] = key.split(':') as [RegistryBook, string];
      assert.equal((await numbering.list(book, Number(year))).length, list.length, `${key}: allocations`);
      if (book === 'incoming' || book === 'incomingConfidential') {
        const days = list.map((x) => (x.doc as IncomingDocument).arrivedOn);
        assert.deepEqual(days, [...days].sort(), `${key}: arrival order`);
        for (const d of days) assert.equal(Number(d.slice(0, 4)), Number(year));
      }
    }
    assert.ok([...series.keys()].some((k) => k.startsWith('outgoing:')));
    for (const h of all()) {
      if (h.doc.direction === 'outgoing' && h.state.number) {
        assert.match(h.state.number.numberSymbol!, /^\d{2,}\/(\p{L}+-UBND|UBND-\p{Lu}+)$/u);
        assert.equal(h.state.number.issuedOn, wardDay(new Date(h.state.number.at)));
      }
    }
  });

  it('has every phase, and every step of every copy counts (deriveState ignores nothing)', () => {
    const phases = new Set(all().map((h) => `${h.doc.direction}:${h.state.phase}`));
    for (const p of ['awaitingDirection', 'inProgress', 'completed'])
      assert.ok(phases.has(`incoming:${p}`), `incoming ${p}: ${[...phases]}`);
    for (const p of ['draft', 'submitted', 'withLeader', 'changesRequested', 'numbered', 'issued', 'recalled'])
      assert.ok(phases.has(`outgoing:${p}`), `outgoing ${p}: ${[...phases]}`);
    const steps = new Set(all().flatMap((h) => h.events.map((e) => e.kind)));
    for (const k of [
      'forwarded',
      'progress',
      'returned',
      'extensionRequested',
      'extensionAnswered',
      'completed',
      'changesRequested',
      'newVersion',
      'dispatched',
    ])
      assert.ok(steps.has(k as OfficialDocumentEvent['kind']), `a ${k} step`);
    for (const space of spaces) {
      const here = docsIn(space);
      for (const d of here) {
        if (d.type !== 'officialDocument') continue;
        const events = here.filter(
          (e) => e.type === 'officialDocumentEvent' && e.documentId === d._id,
        ) as unknown as OfficialDocumentEvent[];
        const state = deriveState(d as unknown as OfficialDocument, events);
        assert.deepEqual(
          state.ignored.map((i) => `${i.event.kind}: ${i.reason}`),
          [],
          `${d._id} in ${dbNameOf(space)}`,
        );
      }
    }
  });

  it('keeps confidential documents, their steps and files out of the registry and unit spaces', () => {
    const secret = new Set(
      all()
        .filter((h) => h.doc.confidentiality !== 'normal')
        .map((h) => h.doc._id),
    );
    assert.ok(secret.size > 0);
    for (const space of spaces.filter((x) => x.kind !== 'personal')) {
      for (const d of docsIn(space)) {
        assert.ok(!(d.type === 'officialDocument' && d.confidentiality !== 'normal'), `${d._id} in ${dbNameOf(space)}`);
        assert.ok(!(d.type === 'officialDocumentEvent' && secret.has(d.documentId as string)), `${d._id} in ${dbNameOf(space)}`);
      }
      for (const f of filesIn(space)) {
        const owner = String(f.ownerId);
        const ownerDoc = owner.startsWith('officialDocument:') ? owner : undefined;
        assert.ok(!ownerDoc || !secret.has(ownerDoc), `${f._id} in ${filesDbNameOf(space)}`);
      }
    }
    for (const h of all().filter((x) => secret.has(x.doc._id))) {
      assert.equal(h.space.kind, 'personal');
      const routeTo = (h.doc as IncomingDocument).routeTo!;
      assert.ok(
        docsIn({ kind: 'personal', id: routeTo }).some((d) => d._id === h.doc._id),
        `routed to ${routeTo}`,
      );
    }
  });

  it('delivers: units get what was directed to them, persons what was forwarded to them, recipients their copies, with files', () => {
    let unitDeliveries = 0;
    for (const h of all()) {
      if (h.state.direction !== 'incoming') continue;
      for (const node of h.state.assignments) {
        if (node.state === 'withdrawn') continue;
        const space: SpaceRef =
          node.assignee.kind === 'unit' ? { kind: 'unit', id: node.assignee.unitId } : { kind: 'personal', id: node.assignee.name };
        assert.ok(node.delivered, `${h.doc._id} ${node.key} delivered`);
        const copy = docsIn(space).find((d) => d._id === h.doc._id);
        assert.ok(copy, `${h.doc._id} in ${dbNameOf(space)}`);
        const there = docsIn(space).filter((e) => e.type === 'officialDocumentEvent' && e.documentId === h.doc._id).length;
        assert.ok(there >= h.events.length, `${h.doc._id}: every step mirrored to ${dbNameOf(space)}`);
        if (node.assignee.kind === 'unit') unitDeliveries++;
      }
    }
    assert.ok(unitDeliveries > COUNT.incoming / 2);
    const an: SpaceRef = { kind: 'personal', id: 'an.nguyen' };
    const forwardedToAn = all().filter(
      (h) => h.state.direction === 'incoming' && h.state.assignments.some((a) => a.key === 'unit:vp>person:an.nguyen'),
    );
    assert.ok(forwardedToAn.length > 0, 'an.nguyen was given documents');
    for (const h of forwardedToAn)
      assert.ok(
        docsIn(an).some((d) => d._id === h.doc._id),
        `${h.doc._id} in an.nguyen's space`,
      );
    // Issued to the ward's units: each recipient has its incoming copy, registered by the server.
    let copies = 0;
    for (const h of all()) {
      if (h.state.direction !== 'outgoing' || !h.state.issued) continue;
      for (const r of (h.doc as OutgoingDocument).internalRecipients) {
        if (r.kind !== 'unit') continue;
        const copyId = `${h.doc._id}.to.unit:${r.unitId}`;
        const copy = homes.get(copyId);
        assert.ok(copy, `${copyId} in docket-unit-${r.unitId}`);
        assert.ok(copy.state.registered, `${copyId} registered`);
        assert.equal(copy.state.number, undefined, `${copyId}: no arrival number (it is in the outgoing book)`);
        if (h.state.recalled) assert.equal(copy.state.phase, 'recalled');
        copies++;
      }
    }
    assert.equal(copies, stats.internalCopies);
    // Files travel with their documents: every file named in a space is in that space's files database.
    let files = 0;
    for (const space of spaces) {
      const stored = new Map(filesIn(space).map((f) => [f._id, f]));
      for (const d of docsIn(space)) {
        for (const f of (d.files as FileMeta[] | undefined) ?? []) {
          const file = stored.get(f.fileId);
          assert.ok(file, `${f.fileId} of ${d._id} in ${filesDbNameOf(space)}`);
          assert.equal(file.size, f.size);
          files++;
        }
      }
    }
    assert.ok(files >= stats.files);
  });

  it('writes small valid PDFs', async () => {
    const space = all().find((h) => h.doc.files?.length)!.space;
    const fileId = all().find((h) => h.doc.files?.length)!.doc.files![0]!.fileId;
    const db = await s.running.docket.store.db(filesDbNameOf(space));
    const blob = (await db.getAttachment(fileId, 'data')) as Buffer;
    const text = blob.toString('latin1');
    assert.ok(blob.length < 3000, `${blob.length} bytes`);
    assert.ok(text.startsWith('%PDF-1.4\n') && text.endsWith('%%EOF\n'));
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)![1]);
    assert.equal(text.slice(startxref, startxref + 4), 'xref');
    for (const m of text.matchAll(/(\d{10}) 00000 n /g)) assert.match(text.slice(Number(m[1])), /^\d+ 0 obj/);
  });

  it('gives the demo accounts the roles their steps claim', async () => {
    const people = new Map((await listPeople(s.running.docket.store)).map((p) => [p.name, p]));
    for (const h of all()) for (const e of h.events) if (e.createdBy !== 'system') assert.ok(people.has(e.createdBy), e.createdBy);
  });
});
