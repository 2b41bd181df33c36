import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type DemoSchedulePlan,
  type DemoScheduleStats,
  type DemoScheduleWrite,
  generateDemoSchedule,
  seedDemoSchedule,
} from '../../server/demo/schedule.ts';
import { DEMO_ACCOUNTS } from '../../server/demo/ward.ts';
import { addDays } from '../../src/model/documents/dates.ts';
import { flagOfflineClashes } from '../../src/model/schedule/clash.ts';
import { intervalOf, isoWeekOf, wardInstant } from '../../src/model/schedule/interval.ts';
import { deriveWeekState, eventContextOf, weekOfEvent } from '../../src/model/schedule/publication.ts';
import { deriveEventState } from '../../src/model/schedule/state.ts';
import type {
  CalendarEvent,
  CalendarEventEvent,
  CalendarEventState,
  ScheduleWeekEvent,
  ScheduleWeekState,
} from '../../src/model/schedule/types.ts';
import { type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { wardDay } from '../../src/model/time.ts';
import { login, request } from './helpers/http.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/**
 * The demo ward's schedules (issue 5 "Demo data"): a year of weekly leadership schedules, unit and personal
 * calendars, room bookings and three offline clashes. The generator is checked purely for several `today`s (every
 * weekday: the drafting and publishing days move with it), then the plan of the real today is written into a real
 * server as its authors would (every document accepted), and seeded as `npm start` does.
 */

interface Derived {
  events: Map<string, { space: SpaceRef; event: CalendarEvent; steps: CalendarEventEvent[]; state: CalendarEventState }>;
  weeks: Map<string, ScheduleWeekState>;
}

function derive(plan: DemoSchedulePlan): Derived {
  const weekSteps = plan.writes.filter((w) => w.doc.type === 'scheduleWeekEvent').map((w) => w.doc as ScheduleWeekEvent);
  const weeks = new Map<string, ScheduleWeekState>();
  for (const w of plan.weeks) weeks.set(w.week, deriveWeekState(w.week, weekSteps));
  const steps = new Map<string, { space: SpaceRef; step: CalendarEventEvent }[]>();
  for (const w of plan.writes)
    if (w.doc.type === 'calendarEventEvent') {
      const list = steps.get(w.doc.calendarEventId) ?? [];
      list.push({ space: w.space, step: w.doc });
      steps.set(w.doc.calendarEventId, list);
    }
  const events: Derived['events'] = new Map();
  for (const w of plan.writes) {
    if (w.doc.type !== 'calendarEvent') continue;
    const event = w.doc;
    const mine = steps.get(event._id) ?? [];
    for (const s of mine) assert.deepEqual(s.space, w.space, `${s.step._id} next to its event`);
    const week = event.leadership ? weeks.get(weekOfEvent(event)) : undefined;
    if (event.leadership) assert.ok(week, `${event._id}: week ${weekOfEvent(event)} planned`);
    const list = mine.map((s) => s.step);
    events.set(event._id, { space: w.space, event, steps: list, state: deriveEventState(event, list, week ? eventContextOf(week) : {}) });
  }
  return { events, weeks };
}

const cutoffOf = (today: string): string => new Date(wardInstant(today, '00:00')).toISOString();

/** Every check on a plan that does not need a server. */
function checkPlan(today: string, plan: DemoSchedulePlan): Derived {
  const d = derive(plan);
  const cutoff = cutoffOf(today);
  const current = isoWeekOf(today);
  const next = isoWeekOf(addDays(today, 7));
  // Nothing happens on or after today; entries may be dated later.
  for (const w of plan.writes) assert.ok(w.doc.createdAt < cutoff, `${w.doc._id} written ${w.doc.createdAt}, today ${today}`);
  // Steps allowed by the rules.
  for (const [week, s] of d.weeks) assert.deepEqual(s.ignored, [], `week ${week}`);
  for (const e of d.events.values()) assert.deepEqual(e.state.ignored, [], `${e.event._id} ${e.event.title}`);
  // Homes.
  for (const e of d.events.values()) {
    const ev = e.event;
    const home =
      ev.leadership || ev.visibility === 'org' || (ev.location && 'roomId' in ev.location)
        ? 'org:org'
        : ev.visibility === 'unit'
          ? `unit:${ev.unitId}`
          : `personal:${ev.createdBy}`;
    assert.equal(`${e.space.kind}:${e.space.id}`, home, ev._id);
    if (ev.visibility === 'unit') {
      const author = DEMO_ACCOUNTS.find((a) => a.name === ev.createdBy);
      assert.equal(author?.unitId, ev.unitId, `${ev._id} created by a member of its unit`);
    }
    if (ev.leadership) assert.ok(ev.actorRoles.includes('unit:vp'), `${ev._id} drafted by the office`);
  }
  for (const w of plan.writes)
    if (w.doc.type === 'scheduleWeekEvent') assert.equal(dbNameOf(w.space), dbNameOf({ kind: 'org', id: 'org' }));
  // Weeks: a year of them, all but the next one published.
  const perWeek = new Map<string, number>();
  for (const e of d.events.values())
    if (e.event.leadership) perWeek.set(weekOfEvent(e.event), (perWeek.get(weekOfEvent(e.event)) ?? 0) + 1);
  assert.ok(perWeek.size >= 50, `weeks with leadership entries: ${perWeek.size}`);
  for (const [week, n] of perWeek) assert.ok(n >= 8 && n <= 15, `${week}: ${n} entries`);
  assert.ok(perWeek.has(current) && perWeek.has(next), 'current and next week');
  for (const [week, s] of d.weeks) {
    if (week === next) assert.equal(s.status, 'draft', week);
    else {
      assert.equal(s.status, 'published', week);
      assert.ok(s.publishedAt! < new Date(wardInstant(isoMonday(week), '00:00')).toISOString(), `${week} published before it starts`);
    }
  }
  assert.equal([...d.weeks.keys()].sort().at(-1), next);
  // Three offline clashes in the coming two weeks, nothing else booked twice.
  const org = [...d.events.values()].filter((e) => e.space.kind === 'org').map((e) => e.state);
  const clashes = flagOfflineClashes(org);
  assert.equal(clashes.length, 3, JSON.stringify(clashes));
  const from = wardInstant(today, '00:00');
  for (const c of clashes)
    for (const id of c.eventIds) {
      const e = d.events.get(id)!;
      const i = intervalOf(e.state.when);
      assert.ok(i.start >= from && i.start < from + 14 * 86_400_000, `${id} in the coming two weeks`);
      assert.ok(!e.event.leadership && !e.event.actorRoles.includes('leader'), `${id}: a staff booking`);
    }
  return d;
}

const isoMonday = (week: string): string => {
  // The Monday of an ISO week: 4 January is in week 1.
  const [y, w] = [Number(week.slice(0, 4)), Number(week.slice(6))];
  const jan4 = `${y}-01-04`;
  const wd = ((new Date(`${jan4}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return addDays(jan4, 1 - wd + (w - 1) * 7);
};

describe('demo schedule: generator', () => {
  it('is deterministic: the same today gives the same documents and ids', () => {
    const a = generateDemoSchedule({ today: '2026-03-04' });
    const b = generateDemoSchedule({ today: '2026-03-04' });
    assert.deepEqual(a, b);
    const c = generateDemoSchedule({ today: '2026-03-05' });
    assert.notDeepEqual(
      a.writes.map((w) => w.doc._id),
      c.writes.map((w) => w.doc._id),
    );
    assert.equal(new Set(a.writes.map((w) => w.doc._id)).size, a.writes.length, 'ids unique');
  });

  // Every weekday (the drafting and the publication move with today), a year end and the real today.
  const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-12-31', wardDay()];
  for (const today of days)
    it(`today ${today}: a year of published weeks, next week a draft, no ignored steps, three offline clashes`, () => {
      checkPlan(today, generateDemoSchedule({ today }));
    });

  it('shows the life of a schedule: returns, late entries approved or pending, republication, edits with change marks, cancellations, answers', () => {
    const today = '2026-03-04';
    const plan = generateDemoSchedule({ today });
    const d = checkPlan(today, plan);
    const all = [...d.events.values()];
    const leadership = all.filter((e) => e.event.leadership);
    const answers = (kind: string, unit = false) =>
      leadership.flatMap((e) => e.steps).filter((s) => s.kind === kind && !!s.forUnit === unit).length;
    const figures = {
      returnedWeeks: [...d.weeks.values()].filter((w) => w.events.some((e) => e.kind === 'returned')).length,
      republished: [...d.weeks.values()].filter((w) => w.publications > 1).length,
      approved: leadership.filter((e) => e.state.approval === 'approved').length,
      pending: leadership.filter((e) => e.state.approval === 'pending').length,
      marked: leadership.filter((e) => Object.keys(e.state.marks).length > 0).length,
      cancelled: leadership.filter((e) => e.state.cancelled && e.state.cancelReason).length,
      accepted: answers('accepted'),
      declined: answers('declined'),
      delegated: answers('delegated'),
      forUnit: answers('accepted', true) + answers('delegated', true),
      unitEvents: all.filter((e) => e.event.visibility === 'unit').length,
      personal: all.filter((e) => e.event.visibility === 'personal').length,
      bookings: all.filter((e) => !e.event.leadership && e.event.location && 'roomId' in e.event.location).length,
      timed: leadership.filter((e) => 'start' in e.event.when).length,
      slots: leadership.filter((e) => 'slot' in e.event.when).length,
      textPlaces: leadership.filter((e) => e.event.location && 'text' in e.event.location).length,
    };
    process.stdout.write(`# demo schedule figures: ${JSON.stringify({ ...figures, stats: plan.stats })}\n`);
    for (const [k, n] of Object.entries(figures)) assert.ok(n >= (k === 'pending' ? 1 : 2), `${k}: ${n}`);
    assert.ok(figures.marked >= 3 && figures.cancelled >= 3, 'a few edited and cancelled');
    assert.ok(figures.unitEvents >= 5 * 12 * 2, 'a few unit events per unit per month');
    for (const u of ['vp', 'kt', 'vhxh', 'ttpvhcc', 'vpdu']) assert.ok(all.filter((e) => e.event.unitId === u).length >= 24, u);
    // The current week's late entry waits for a leader's approval.
    const current = isoWeekOf(today);
    assert.ok(leadership.some((e) => weekOfEvent(e.event) === current && e.state.approval === 'pending'));
    // The draft of next week is the office's alone.
    const draft = leadership.filter((e) => weekOfEvent(e.event) === isoWeekOf(addDays(today, 7)));
    assert.ok(draft.every((e) => e.steps.length === 0));
  });
});

type Stored = Record<string, unknown> & { _id: string; type?: string };

describe('demo schedule: seeded into a real server', () => {
  let s: TestServer;
  let stats: DemoScheduleStats & { ms: number; rejected: number };
  const today = wardDay();
  const plan = generateDemoSchedule({ today });

  before(async () => {
    s = await startTestServer({ demo: true, workers: { enabled: false } });
  });
  after(async () => {
    await s?.stop();
  });

  it('every document is accepted from its author by the server (validate_doc_update and the gateway)', async () => {
    const cookies = new Map<string, string>();
    const cookieOf = async (name: string): Promise<string> => {
      if (!cookies.has(name)) cookies.set(name, await login(s.url, name, s.demoPassword));
      return cookies.get(name)!;
    };
    // Events first, then their steps, then the weeks' steps. The gateway checks a step against what is stored and
    // the earlier documents of its batch: the k-th steps of all events go together, in batches per space and author.
    const phases = ['calendarEvent', 'calendarEventEvent', 'scheduleWeekEvent'];
    const refused: string[] = [];
    let requests = 0;
    for (const type of phases) {
      const rank = new Map<string, number>();
      const layers: { db: string; doc: DemoScheduleWrite['doc'] }[][] = [];
      for (const w of plan.writes) {
        if (w.doc.type !== type) continue;
        const parent =
          w.doc.type === 'calendarEventEvent' ? w.doc.calendarEventId : w.doc.type === 'scheduleWeekEvent' ? w.doc.week : w.doc._id;
        const k = rank.get(parent) ?? 0;
        rank.set(parent, k + 1);
        (layers[k] ??= []).push({ db: dbNameOf(w.space), doc: w.doc });
      }
      for (const layer of layers) {
        const batches = new Map<string, { db: string; by: string; docs: object[] }>();
        for (const { db, doc } of layer) {
          const key = `${db} ${doc.createdBy}`;
          if (!batches.has(key)) batches.set(key, { db, by: doc.createdBy, docs: [] });
          batches.get(key)!.docs.push(doc);
        }
        for (const b of batches.values()) {
          requests += 1;
          const r = await request(`${s.url}/db/${b.db}/_bulk_docs`, {
            method: 'POST',
            cookie: await cookieOf(b.by),
            body: { docs: b.docs },
          });
          assert.equal(r.status, 201, `${b.by} → ${b.db}: ${r.text}`);
          for (const x of r.json as { id: string; error?: string; reason?: string }[])
            if (x.error) refused.push(`${x.id}: ${x.error} ${x.reason ?? ''}`);
        }
      }
    }
    process.stdout.write(`# demo schedule written by its authors: ${plan.writes.length} documents in ${requests} requests\n`);
    assert.deepEqual(refused.slice(0, 20), []);
  });

  it('seeds every document at its home, fast, and seeding again adds nothing', async () => {
    const store = s.running.docket.store;
    stats = await seedDemoSchedule(store, { today });
    process.stdout.write(`# demo schedule seeded: ${JSON.stringify(stats)}\n`);
    assert.equal(stats.rejected, 0);
    // About 1.5 s on an idle machine (the org space's ~1,400 documents dominate); the bound leaves room for a busy one.
    assert.ok(stats.ms < 10_000, `seed took ${stats.ms} ms`);
    const bySpace = new Map<string, Set<string>>();
    for (const w of plan.writes) {
      const db = dbNameOf(w.space);
      if (!bySpace.has(db)) bySpace.set(db, new Set());
      bySpace.get(db)!.add(w.doc._id);
    }
    for (const [db, ids] of bySpace) {
      const rows = (await (await store.db(db)).allDocs({ include_docs: true })).rows.map((r) => r.doc as unknown as Stored);
      const stored = new Set(
        rows.filter((d) => ['calendarEvent', 'calendarEventEvent', 'scheduleWeekEvent'].includes(d.type ?? '')).map((d) => d._id),
      );
      assert.deepEqual([...stored].sort(), [...ids].sort(), db);
    }
    const org = await store.db(dbNameOf({ kind: 'org', id: 'org' }));
    const rooms = (await org.allDocs({ startkey: 'room:', endkey: 'room:\uffff' })).rows.map((r) => r.id);
    const booked = new Set(
      plan.writes.flatMap((w) =>
        w.doc.type === 'calendarEvent' && w.doc.location && 'roomId' in w.doc.location ? [`room:${w.doc.location.roomId}`] : [],
      ),
    );
    for (const id of booked) assert.ok(rooms.includes(id), `${id} in the directory`);
    const seq = (await org.info()).update_seq;
    const again = await seedDemoSchedule(store, { today });
    assert.equal(again.rejected, 0);
    assert.equal((await org.info()).update_seq, seq);
  });
});
