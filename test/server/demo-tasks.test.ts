import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type DemoDocumentCount, generateDemoDocuments, seedDemoDocuments } from '../../server/demo/documents.ts';
import { type DemoTasksStats, generateDemoTasks, linkableDocuments, seedDemoTasks } from '../../server/demo/tasks.ts';
import { DEMO_ACCOUNTS, DEMO_UNITS } from '../../server/demo/ward.ts';
import type { OfficialDocument } from '../../src/model/documents/types.ts';
import { REGISTRY_SPACE, type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { taskFlags } from '../../src/model/tasks/due.ts';
import { occurrenceId } from '../../src/model/tasks/recurrence.ts';
import { canCreateTask } from '../../src/model/tasks/rules.ts';
import { deriveTaskState } from '../../src/model/tasks/state.ts';
import type { Task, TaskEvent, TaskState } from '../../src/model/tasks/types.ts';
import { wardDay } from '../../src/model/time.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/**
 * The demo ward's tasks, seeded as `npm start` does (after the documents they link to), without the workers:
 * every task and its events at its home. Fewer documents than the demo's 400 + 100 keep the test fast; the
 * tasks' generator is the same (it makes tasks from as many of those documents as it can).
 */
const COUNT: Required<DemoDocumentCount> = { incoming: 120, outgoing: 20 };

type Stored = Record<string, unknown> & { _id: string; type?: string };

describe('demo tasks: a year of work for the demo ward', () => {
  let s: TestServer;
  let stats: DemoTasksStats & { ms: number };
  const today = wardDay();
  const now = new Date();
  const tasks = new Map<string, { space: SpaceRef; task: Task; events: TaskEvent[]; state: TaskState }>();
  const registry = new Map<string, OfficialDocument>();
  const unitsOf = (name: string): string[] => {
    const a = DEMO_ACCOUNTS.find((x) => x.name === name);
    return a?.unitId ? [a.unitId] : [];
  };

  before(async () => {
    s = await startTestServer({ demo: true, workers: { enabled: false } });
    const store = s.running.docket.store;
    await seedDemoDocuments(store, { issuerCode: 'UBND', count: COUNT, today });
    stats = await seedDemoTasks(store, { count: COUNT, today });
    process.stdout.write(`# demo tasks: ${JSON.stringify(stats)}\n`);
    const spaces: SpaceRef[] = [
      ...DEMO_UNITS.map((u): SpaceRef => ({ kind: 'unit', id: u.unitId })),
      ...DEMO_ACCOUNTS.map((a): SpaceRef => ({ kind: 'personal', id: a.name })),
    ];
    for (const space of spaces) {
      const docs = (await (await store.db(dbNameOf(space))).allDocs({ include_docs: true })).rows.map((r) => r.doc as unknown as Stored);
      const events = docs.filter((d) => d.type === 'taskEvent') as unknown as TaskEvent[];
      for (const d of docs) {
        if (d.type !== 'task') continue;
        const task = d as unknown as Task;
        const mine = events.filter((e) => e.taskId === task._id);
        assert.ok(!tasks.has(task._id), `${task._id} held in one space only before the mirror runs`);
        tasks.set(task._id, { space, task, events: mine, state: deriveTaskState(task, mine) });
      }
    }
    const reg = await (await store.db(dbNameOf(REGISTRY_SPACE))).allDocs({ include_docs: true });
    for (const r of reg.rows)
      if ((r.doc as unknown as Stored).type === 'officialDocument') registry.set(r.id, r.doc as unknown as OfficialDocument);
  });
  after(async () => {
    await s?.stop();
  });

  const all = () => [...tasks.values()];

  it('is deterministic and nothing happens today or later', () => {
    const documents = linkableDocuments(generateDemoDocuments({ today: '2026-03-04', count: COUNT }));
    const a = generateDemoTasks({ today: '2026-03-04', documents });
    const b = generateDemoTasks({ today: '2026-03-04', documents });
    assert.deepEqual(a, b);
    const cutoff = '2026-03-03T17:00:00.000Z';
    assert.ok(a.writes.every((w) => w.doc.createdAt < cutoff));
  });

  it('seeds every task and event it planned, each at its home, and seeding again adds nothing', async () => {
    assert.equal(tasks.size, stats.tasks);
    assert.equal(
      all().reduce((n, t) => n + t.events.length, 0),
      stats.events,
    );
    assert.ok(stats.tasks >= 350, `tasks: ${stats.tasks}`);
    for (const t of all()) {
      const home = t.task.unitId ? `unit:${t.task.unitId}` : `personal:${t.task.assigner}`;
      assert.equal(`${t.space.kind}:${t.space.id}`, home, t.task._id);
    }
    const store = s.running.docket.store;
    const before = (await (await store.db('docket-unit-vp')).info()).update_seq;
    await seedDemoTasks(store, { count: COUNT, today });
    assert.equal((await (await store.db('docket-unit-vp')).info()).update_seq, before);
  });

  it('every task could be created by its author when it was, and every event applies at its place (nothing ignored)', () => {
    for (const t of all()) {
      assert.deepEqual(t.state.ignored, [], `${t.task._id} ${t.task.title}`);
      const parent = t.task.parentId ? tasks.get(t.task.parentId) : undefined;
      const parentThen = parent
        ? deriveTaskState(
            parent.task,
            parent.events.filter((e) => e.createdAt < t.task.createdAt),
          )
        : null;
      const actor = t.task.seriesId ? { name: 'system', roles: ['_admin'] } : { name: t.task.createdBy, roles: t.task.actorRoles };
      assert.deepEqual(canCreateTask(t.task, actor, { unitsOf, parent: parentThen }), { ok: true }, `${t.task._id} ${t.task.title}`);
    }
  });

  it('has tasks in every state, over the past year and the coming months', () => {
    const count = (pred: (st: TaskState) => boolean) => all().filter((t) => pred(t.state)).length;
    const flags = (st: TaskState) => taskFlags(st, now, 2);
    const figures = {
      notStarted: count((st) => st.status === 'notStarted'),
      inProgress: count((st) => st.status === 'inProgress'),
      awaitingReview: count((st) => st.status === 'awaitingReview'),
      returned: count((st) => st.status === 'returned'),
      cancelled: count((st) => st.status === 'cancelled'),
      doneOnTime: count((st) => flags(st).timeliness === 'onTime'),
      doneLate: count((st) => flags(st).timeliness === 'late'),
      overdue: count((st) => flags(st).overdue),
      pendingExtension: count((st) => !!st.pendingExtension),
      extended: count((st) => st.deadlines.some((d) => d.cause === 'extension')),
      refused: count((st) => st.events.some((e) => e.kind === 'extensionAnswered' && e.accepted === false)),
      reassigned: count((st) => st.events.some((e) => e.kind === 'reassigned')),
      deadlineChanged: count((st) => st.deadlines.some((d) => d.cause === 'changed')),
      checklists: count((st) => st.checklist.length > 0),
      comments: count((st) => st.events.some((e) => e.kind === 'comment')),
    };
    process.stdout.write(`# demo task figures: ${JSON.stringify(figures)}\n`);
    for (const [k, n] of Object.entries(figures)) assert.ok(n >= 2, `${k}: ${n}`);
    assert.ok(figures.doneOnTime > figures.doneLate, 'more on time than late');
    assert.ok(figures.notStarted + figures.inProgress + figures.awaitingReview + figures.returned >= 60, 'open work on the boards');
    const deadlines = all()
      .map((t) => t.state.deadline)
      .filter((d): d is string => !!d)
      .sort();
    assert.ok(deadlines[0]! < wardDay(new Date(now.getTime() - 300 * 86400_000)), `earliest ${deadlines[0]}`);
    assert.ok(deadlines.at(-1)! > wardDay(new Date(now.getTime() + 60 * 86400_000)), `latest ${deadlines.at(-1)}`);
    for (const u of DEMO_UNITS) assert.ok(all().filter((t) => t.task.unitId === u.unitId).length >= 10, u.unitId);
  });

  it('links point to existing incoming documents, labelled "<kind> số <number/symbol> – <summary>"', () => {
    const linked = all().filter((t) => t.task.links.some((l) => l.kind === 'document'));
    assert.ok(linked.length >= 60, `linked: ${linked.length}`);
    for (const t of linked)
      for (const l of t.task.links.filter((x) => x.kind === 'document')) {
        const doc = registry.get(l.id!);
        assert.ok(doc, `${t.task._id} → ${l.id}`);
        assert.ok(doc.direction === 'incoming' && l.label.includes(` số ${doc.numberSymbol} – ${doc.summary}`), l.label);
      }
  });

  it('has subtasks, personal tasks, staff tasks for themselves, people from other units, and two weekly series', () => {
    const subtasks = all().filter((t) => t.task.parentId);
    assert.ok(subtasks.length >= 10, `subtasks: ${subtasks.length}`);
    for (const t of subtasks) assert.equal(tasks.get(t.task.parentId!)?.task.unitId, t.task.unitId);
    assert.ok(all().filter((t) => !t.task.unitId).length >= 10, 'personal tasks');
    assert.ok(
      all().some((t) => t.task.unitId && t.task.assigner === t.task.lead && !t.task.parentId),
      'own unit tasks',
    );
    assert.ok(
      all().some((t) => t.task.unitId && t.task.coordinators.some((c) => !unitsOf(c).includes(t.task.unitId!))),
      'a coordinator from another unit',
    );
    const series = all().filter((t) => t.task.recurrence);
    assert.equal(series.length, 2);
    for (const sr of series) {
      assert.deepEqual(sr.task.recurrence, { freq: 'weekly', interval: 1, weekday: 5 });
      const occurrences = all().filter((t) => t.task.seriesId === sr.task._id);
      assert.ok(occurrences.length >= 10, `occurrences: ${occurrences.length}`);
      for (const o of occurrences) {
        assert.equal(o.task._id, occurrenceId(sr.task._id, o.task.deadline!));
        assert.equal(new Date(`${o.task.deadline}T00:00:00Z`).getUTCDay(), 5);
        assert.equal(o.task.createdBy, 'system');
      }
      assert.ok(occurrences.some((o) => o.state.status === 'done') && occurrences.some((o) => o.task.deadline! >= today));
    }
  });
});
