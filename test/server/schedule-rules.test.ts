import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/model/ids.ts';
import { DESIGN_VERSION } from '../../server/setup/design-doc.ts';
import { rmSync } from 'node:fs';
import { type Doc, bulk, fileOf, getAsAdmin, uploadFile } from './helpers/documents.ts';
import { login, request } from './helpers/http.ts';
import { localDb, remoteDb } from './helpers/pouch.ts';
import { TASK_PEOPLE, nextInstant, personalDb, unitDb } from './helpers/tasks.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/**
 * Issue 5 "Rules (enforced by the server)", docs/decisions/0004: only the office and leaders write the leadership
 * schedule and publish it; anyone books a room in the ward's schedule; unit schedules belong to the unit; personal
 * calendars to their owner; only organisers edit or cancel, only invitees answer; nothing is changed or deleted.
 * Every refusal is a 403 `forbidden` from the store, alone (PUT), in a batch or by replication.
 */

const ORG = 'docket-org';
const KT = unitDb('kt');
const ROOM = { roomId: 'phong-hop-tang-2' };
const ward = (day: string, time: string): string => new Date(Date.parse(`${day}T${time}:00.000Z`) - 7 * 3_600_000).toISOString();

function personOf(name: string): { roles: string[]; displayName: string } {
  const p = TASK_PEOPLE[name];
  if (!p) throw new Error(`unknown test account ${name}`);
  return p;
}

/** A calendar event as a device writes it; by default a leadership entry of the ward's schedule. */
function calEvent(by: string, over: Record<string, unknown> = {}): Doc {
  const p = personOf(by);
  const doc: Doc = {
    _id: newId('calendarEvent'),
    type: 'calendarEvent',
    schema: 1,
    createdAt: nextInstant(),
    createdBy: by,
    title: 'Giao ban UBND phường',
    when: { start: ward('2027-03-08', '08:00'), end: ward('2027-03-08', '09:30') },
    location: ROOM,
    chair: 'hung.tran',
    participants: ['lan.nguyen', 'son.phan'],
    participantUnits: [],
    preparingUnit: 'vp',
    links: [],
    visibility: 'org',
    leadership: true,
    priority: 'normal',
    actorName: p.displayName,
    actorRoles: p.roles,
    ...over,
  };
  for (const k of Object.keys(doc)) if (doc[k] === undefined) delete doc[k];
  return doc;
}
/** An ordinary entry (not leadership) without people, e.g. a room booking. */
const booking = (by: string, over: Record<string, unknown> = {}): Doc =>
  calEvent(by, { leadership: false, chair: undefined, participants: [], preparingUnit: undefined, title: 'Họp tổ công tác', ...over });

function evStep(by: string, eventId: string, kind: string, over: Record<string, unknown> = {}): Doc {
  const p = personOf(by);
  return {
    _id: newId('calendarEventEvent'),
    type: 'calendarEventEvent',
    schema: 1,
    createdAt: nextInstant(),
    createdBy: by,
    calendarEventId: eventId,
    kind,
    actorName: p.displayName,
    actorRoles: p.roles,
    ...over,
  };
}

function weekStep(by: string, week: string, kind: string, over: Record<string, unknown> = {}): Doc {
  const p = personOf(by);
  return {
    _id: newId('scheduleWeekEvent'),
    type: 'scheduleWeekEvent',
    schema: 1,
    createdAt: nextInstant(),
    createdBy: by,
    week,
    kind,
    actorName: p.displayName,
    actorRoles: p.roles,
    ...over,
  };
}

describe('schedule rules at the server (demo ward, embedded store)', () => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  const cookie = async (name: string) => (cookies[name] ??= await login(s.url, name, s.demoPassword));

  async function putDoc(by: string, db: string, doc: Doc): Promise<{ status: number; error?: string; reason?: string }> {
    const r = await request(`${s.url}/db/${db}/${encodeURIComponent(doc._id)}`, { method: 'PUT', cookie: await cookie(by), body: doc });
    return { status: r.status, error: r.json?.error, reason: r.json?.reason };
  }
  async function bulkOne(by: string, db: string, doc: Doc): Promise<{ ok?: boolean; error?: string; reason?: string }> {
    const r = await bulk(s.url, await cookie(by), db, [doc]);
    assert.equal(r.status, 201);
    return (r.results as { ok?: boolean; error?: string; reason?: string }[])[0]!;
  }
  const outcomes = (docs: Doc[], results: unknown) => {
    const byId = new Map((results as { id: string; ok?: boolean; error?: string }[]).map((x) => [x.id, x.ok ?? x.error]));
    return docs.map((d) => byId.get(d._id));
  };
  const stored = async (db: string, id: string) => (await getAsAdmin(s.url, s.admin, db, id)).status === 200;
  const what = (doc: Doc) => String(doc.kind ?? doc.type);

  async function allowed(by: string, db: string, doc: Doc): Promise<void> {
    const r = await putDoc(by, db, doc);
    assert.equal(r.status, 201, `${by} ${what(doc)}: ${r.reason}`);
  }
  /** Refused as a PUT and as a one-document batch (fresh copies), 403 forbidden, nothing stored. */
  async function refused(by: string, db: string, make: () => Doc, reason?: RegExp): Promise<void> {
    const one = make();
    const r = await putDoc(by, db, one);
    assert.equal(r.status, 403, `${by} ${what(one)} (PUT) should be refused`);
    assert.equal(r.error, 'forbidden');
    if (reason) assert.match(r.reason ?? '', reason);
    assert.equal(await stored(db, one._id), false);
    const two = make();
    const b = await bulkOne(by, db, two);
    assert.equal(b.error, 'forbidden', `${by} ${what(two)} (_bulk_docs) should be refused: ${JSON.stringify(b)}`);
    if (reason) assert.match(b.reason ?? '', reason);
    assert.equal(await stored(db, two._id), false);
  }

  before(async () => {
    s = await startTestServer({ demo: true });
  });
  after(() => s.stop());

  it('leadership entries: the office and leaders write them; staff of another unit get 403', async () => {
    await allowed('mai.hoang', ORG, calEvent('mai.hoang'));
    await allowed('an.nguyen', ORG, calEvent('an.nguyen'));
    await allowed('hung.tran', ORG, calEvent('hung.tran'));
    await refused('linh.dinh', ORG, () => calEvent('linh.dinh'), /office and leaders/);
    await refused('son.phan', ORG, () => calEvent('son.phan'), /office and leaders/);
    // Forged roles: claiming the office or a leader.
    await refused('linh.dinh', ORG, () => calEvent('linh.dinh', { actorRoles: ['staff', 'unit:vp'] }), /actorRoles/);
    await refused('linh.dinh', ORG, () => calEvent('linh.dinh', { actorRoles: ['leader'] }), /actorRoles/);
    // Not in a unit space, even by a leader.
    await refused('hung.tran', KT, () => calEvent('hung.tran', { visibility: 'unit', unitId: 'kt', location: undefined }), /org space/);
    // POST /db/<space> is checked the same way.
    const p = await request(`${s.url}/db/${ORG}`, { method: 'POST', cookie: await cookie('linh.dinh'), body: calEvent('linh.dinh') });
    assert.equal(p.status, 403);
  });

  it('leadership entries: the office and leaders edit them, invitees answer, bystanders do neither', async () => {
    const e = calEvent('mai.hoang');
    await allowed('mai.hoang', ORG, e);
    const edit = (by: string) => () => evStep(by, e._id, 'edited', { changes: { title: 'Giao ban UBND phường (đổi giờ)' } });
    await allowed('an.nguyen', ORG, edit('an.nguyen')()); // the office
    await allowed('lan.nguyen', ORG, edit('lan.nguyen')()); // a leader
    await refused('linh.dinh', ORG, edit('linh.dinh'), /organiser/);
    await refused('son.phan', ORG, edit('son.phan'), /organiser/); // invited, not organiser
    await refused('son.phan', ORG, () => evStep('son.phan', e._id, 'cancelled', { note: 'x' }), /organiser/);
    // The invited unit head declines with a reason; not without; a bystander cannot answer.
    await refused('son.phan', ORG, () => evStep('son.phan', e._id, 'declined'), /reason/i);
    await allowed('son.phan', ORG, evStep('son.phan', e._id, 'declined', { note: 'Trùng lịch tiếp dân' }));
    await refused('linh.dinh', ORG, () => evStep('linh.dinh', e._id, 'accepted'), /invited/);
    await refused('linh.dinh', ORG, () => evStep('linh.dinh', e._id, 'declined', { note: 'Bận' }), /invited/);
    // A delegate sent by an invitee answers too.
    await allowed('lan.nguyen', ORG, evStep('lan.nguyen', e._id, 'delegated', { delegate: 'hoa.do' }));
    await allowed('hoa.do', ORG, evStep('hoa.do', e._id, 'accepted'));
    // Approval: only for pending entries (this one was created before its week's lock), only by leaders.
    await refused('hung.tran', ORG, () => evStep('hung.tran', e._id, 'approved'), /not waiting for approval/);
    await refused('mai.hoang', ORG, () => evStep('mai.hoang', e._id, 'approved'), /Only leaders/);
    // Cancelled: the reason stays, nothing applies after it.
    await allowed('hung.tran', ORG, evStep('hung.tran', e._id, 'cancelled', { note: 'Lãnh đạo họp Quận' }));
    await refused('an.nguyen', ORG, edit('an.nguyen'), /cancelled/);
  });

  it('an entry created after its week’s lock by the office waits for a leader’s approval', async () => {
    // A week whose lock time (Friday 16:00 of the week before) is already past: this week.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const e = calEvent('an.nguyen', { when: { day: today, slot: 'afternoon' }, location: { text: 'Hội trường' } });
    await allowed('an.nguyen', ORG, e);
    await refused('mai.hoang', ORG, () => evStep('mai.hoang', e._id, 'approved'), /Only leaders/);
    await allowed('minh.le', ORG, evStep('minh.le', e._id, 'approved'));
    await refused('hung.tran', ORG, () => evStep('hung.tran', e._id, 'approved'), /not waiting/);
  });

  it('publication: the office submits, leaders return with a reason and publish; others get 403', async () => {
    const W = '2027-W10';
    await refused('linh.dinh', ORG, () => weekStep('linh.dinh', W, 'submitted'), /Only the office/);
    await refused('hung.tran', ORG, () => weekStep('hung.tran', W, 'submitted'), /Only the office/);
    await refused('an.nguyen', ORG, () => weekStep('an.nguyen', W, 'published'), /Only leaders/);
    await refused('hung.tran', ORG, () => weekStep('hung.tran', W, 'returned', { note: 'Bổ sung' }), /not in a state/); // a draft
    await allowed('an.nguyen', ORG, weekStep('an.nguyen', W, 'submitted'));
    await refused('mai.hoang', ORG, () => weekStep('mai.hoang', W, 'submitted'), /not in a state/); // already submitted
    await refused('hung.tran', ORG, () => weekStep('hung.tran', W, 'returned'), /reason/);
    await allowed('hung.tran', ORG, weekStep('hung.tran', W, 'returned', { note: 'Bổ sung lịch tiếp công dân' }));
    await allowed('mai.hoang', ORG, weekStep('mai.hoang', W, 'submitted'));
    await refused('son.phan', ORG, () => weekStep('son.phan', W, 'published'), /Only leaders/);
    await allowed('lan.nguyen', ORG, weekStep('lan.nguyen', W, 'published'));
    // Republication.
    await allowed('hung.tran', ORG, weekStep('hung.tran', W, 'published', { note: 'Đổi giờ giao ban' }));
    // Only in the org space.
    await refused('hung.tran', KT, () => weekStep('hung.tran', W, 'published'), /org space/);
  });

  it('a staff member books a room in the ward’s schedule; a room booking lives nowhere else', async () => {
    const b = booking('linh.dinh');
    await allowed('linh.dinh', ORG, b);
    await refused('linh.dinh', KT, () => booking('linh.dinh', { visibility: 'unit', unitId: 'kt' }), /room booking/);
    await refused('linh.dinh', personalDb('linh.dinh'), () => booking('linh.dinh', { visibility: 'personal' }), /room booking/);
    // Everything in the org space is ward-wide.
    await refused('linh.dinh', ORG, () => booking('linh.dinh', { visibility: 'unit', unitId: 'kt' }), /visibility must be org/);
    // A bystander cannot cancel or move it; its creator can.
    await refused('yen.luong', ORG, () => evStep('yen.luong', b._id, 'cancelled', { note: 'Cần phòng' }), /organiser/);
    await refused(
      'an.nguyen',
      ORG,
      () => evStep('an.nguyen', b._id, 'edited', { changes: { location: { roomId: 'phong-khac' } } }),
      /organiser/,
    );
    await allowed('linh.dinh', ORG, evStep('linh.dinh', b._id, 'cancelled', { note: 'Đổi sang tuần sau' }));
  });

  it('files of ward events: any ward account uploads them to docket-files-org, every ward account reads them', async () => {
    const FILES = 'docket-files-org';
    // A room booking by a KT staff member, with the agenda as a file (uploaded first, as an offline device may).
    const agenda = fileOf('linh.dinh', '', 'Chương trình họp.pdf');
    const b = booking('linh.dinh', { files: [agenda.meta] });
    agenda.doc.ownerId = b._id;
    await uploadFile(s.url, await cookie('linh.dinh'), FILES, agenda);
    await allowed('linh.dinh', ORG, b);
    // Staff of another unit, a leader and a clerk read it (the org space's readers); the anonymous do not.
    for (const name of ['an.nguyen', 'yen.luong', 'lan.nguyen', 'mai.hoang']) {
      const got = await request(`${s.url}/db/${FILES}/${encodeURIComponent(agenda.doc._id)}/data`, { cookie: await cookie(name) });
      assert.equal(got.status, 200, name);
      assert.equal(got.text, agenda.bytes.toString(), name);
      assert.equal((await request(`${s.url}/db/${FILES}/_changes?style=all_docs`, { cookie: await cookie(name) })).status, 200, name);
    }
    assert.equal((await request(`${s.url}/db/${FILES}/${encodeURIComponent(agenda.doc._id)}`)).status, 401);
    // A file added by an edit belongs to the step; the organiser writes both.
    const minutes = fileOf('linh.dinh', '', 'Biên bản.pdf');
    const step = evStep('linh.dinh', b._id, 'edited', { changes: { files: [agenda.meta, minutes.meta] } });
    minutes.doc.ownerId = step._id;
    await uploadFile(s.url, await cookie('linh.dinh'), FILES, minutes);
    await allowed('linh.dinh', ORG, step);
    // Someone else may upload a file for an event too (the files database does not know the organiser); the event's
    // own rules decide whether it is listed.
    await uploadFile(s.url, await cookie('an.nguyen'), FILES, fileOf('an.nguyen', b._id));
    // Not files of documents or tasks (they never live in the org space), never changed, never deleted.
    for (const owner of [newId('task'), newId('officialDocument')]) {
      const f = fileOf('an.nguyen', owner);
      const r = await request(`${s.url}/db/${FILES}/${encodeURIComponent(f.doc._id)}`, {
        method: 'PUT',
        cookie: await cookie('an.nguyen'),
        body: f.doc,
      });
      assert.equal(r.status, 403, owner);
      assert.equal(r.json.error, 'forbidden');
      assert.match(r.json.reason, /calendar event/);
    }
    const stored_ = (await getAsAdmin(s.url, s.admin, FILES, agenda.doc._id)).json;
    const del = await request(`${s.url}/db/${FILES}/${encodeURIComponent(agenda.doc._id)}?rev=${stored_._rev as string}`, {
      method: 'DELETE',
      cookie: await cookie('linh.dinh'),
    });
    assert.equal(del.status, 403);
    assert.equal(del.json.reason, 'Files cannot be deleted.');
    // Bad file metadata on the event is a 403 with its reason.
    await refused('linh.dinh', ORG, () => booking('linh.dinh', { files: [{ ...agenda.meta, sha256: 'x' }] }), /sha256/);
  });

  it('unit events: members, leaders and clerks write them; a non-member neither reads nor writes the unit space', async () => {
    const unit = (by: string, over: Record<string, unknown> = {}) =>
      booking(by, { visibility: 'unit', unitId: 'kt', location: { text: 'Phòng làm việc Phòng KT' }, ...over });
    const e = unit('linh.dinh', { participants: ['son.phan'] });
    await allowed('linh.dinh', KT, e);
    await allowed('son.phan', KT, unit('son.phan'));
    await allowed('lan.nguyen', KT, unit('lan.nguyen'));
    await allowed('mai.hoang', KT, unit('mai.hoang'));
    const r = await putDoc('an.nguyen', KT, unit('an.nguyen'));
    assert.equal(r.status, 403);
    const read = await request(`${s.url}/db/${KT}/${encodeURIComponent(e._id)}`, { cookie: await cookie('an.nguyen') });
    assert.equal(read.status, 403);
    const all = await request(`${s.url}/db/${KT}/_all_docs`, { cookie: await cookie('an.nguyen') });
    assert.equal(all.status, 403);
    // Of another unit, in this one.
    await refused('linh.dinh', KT, () => unit('linh.dinh', { unitId: 'vhxh' }), /space of its unit/);
    // Invitee answers in the event's space; a step whose event is in another space is refused.
    await allowed('son.phan', KT, evStep('son.phan', e._id, 'accepted'));
    await refused('son.phan', ORG, () => evStep('son.phan', e._id, 'accepted'), /not in this space/);
    await refused('nam.truong', KT, () => evStep('nam.truong', e._id, 'accepted'), /invited/);
    // An edit cannot add a room outside the ward's schedule.
    await refused('linh.dinh', KT, () => evStep('linh.dinh', e._id, 'edited', { changes: { location: ROOM } }), /room booking/);
  });

  it('personal events live only in their owner’s own space', async () => {
    const mine = (by: string) => booking(by, { visibility: 'personal', location: undefined, title: 'Khám sức khỏe định kỳ' });
    await allowed('linh.dinh', personalDb('linh.dinh'), mine('linh.dinh'));
    const other = await putDoc('linh.dinh', personalDb('an.nguyen'), mine('linh.dinh'));
    assert.equal(other.status, 403);
    await refused('linh.dinh', ORG, () => mine('linh.dinh'), /visibility must be org/);
    await refused('linh.dinh', KT, () => mine('linh.dinh'), /visibility must be unit/);
  });

  it('events and steps are never changed or deleted', async () => {
    const e = booking('linh.dinh');
    await allowed('linh.dinh', ORG, e);
    const rev = (await getAsAdmin(s.url, s.admin, ORG, e._id)).json._rev as string;
    const changed = await putDoc('linh.dinh', ORG, { ...e, _rev: rev, title: 'Đổi tên' });
    assert.equal(changed.status, 403);
    assert.match(changed.reason ?? '', /cannot be changed or deleted/);
    const del = await request(`${s.url}/db/${ORG}/${encodeURIComponent(e._id)}?rev=${rev}`, {
      method: 'DELETE',
      cookie: await cookie('linh.dinh'),
    });
    assert.equal(del.status, 403);
    const st = evStep('linh.dinh', e._id, 'edited', { changes: { notes: 'Mang máy chiếu' } });
    await allowed('linh.dinh', ORG, st);
    const srev = (await getAsAdmin(s.url, s.admin, ORG, st._id)).json._rev as string;
    assert.equal((await putDoc('linh.dinh', ORG, { ...st, _rev: srev, changes: { notes: 'Khác' } })).status, 403);
    const w = weekStep('an.nguyen', '2027-W11', 'submitted');
    await allowed('an.nguyen', ORG, w);
    const wrev = (await getAsAdmin(s.url, s.admin, ORG, w._id)).json._rev as string;
    const wdel = await request(`${s.url}/db/${ORG}/${encodeURIComponent(w._id)}?rev=${wrev}`, {
      method: 'DELETE',
      cookie: await cookie('an.nguyen'),
    });
    assert.equal(wdel.status, 403);
    assert.equal(await stored(ORG, w._id), true);
  });

  it('a batch sees its earlier documents: an event and its steps together, the refused ones answered 403', async () => {
    const e = booking('linh.dinh', { participants: ['son.phan'] });
    const docs = [
      evStep('son.phan', e._id, 'accepted'), // before its event: refused
      e,
      evStep('linh.dinh', e._id, 'edited', { changes: { participants: ['son.phan', 'nam.truong'] } }),
      evStep('son.phan', e._id, 'accepted'),
      evStep('yen.luong', e._id, 'cancelled', { note: 'x' }), // bystander (and not the signed-in user)
      evStep('linh.dinh', e._id, 'cancelled', { note: 'Hoãn' }),
      evStep('linh.dinh', e._id, 'edited', { changes: { title: 'Sau khi hủy' } }), // after the cancellation
    ];
    const r = await bulk(s.url, await cookie('linh.dinh'), ORG, docs);
    assert.equal(r.status, 201);
    // son.phan's own answers are refused for linh.dinh's session (createdBy), whatever the rules say.
    assert.deepEqual(outcomes(docs, r.results), ['forbidden', true, true, 'forbidden', 'forbidden', true, 'forbidden']);
    const byId = new Map((r.results as { id: string; reason?: string }[]).map((x) => [x.id, x.reason]));
    assert.match(byId.get(docs[0]!._id)!, /not in this space/);
    assert.match(byId.get(docs[6]!._id)!, /cancelled/);

    const w = '2027-W12';
    const week = [weekStep('an.nguyen', w, 'submitted'), weekStep('an.nguyen', w, 'submitted')];
    const wr = await bulk(s.url, await cookie('an.nguyen'), ORG, week);
    assert.deepEqual(outcomes(week, wr.results), [true, 'forbidden']);
  });

  it('by replication, a refused leadership entry is denied and the allowed documents are written', async () => {
    const device = localDb('linh');
    const remote = remoteDb(`${s.url}/db/${ORG}`, await cookie('linh.dinh'));
    const good = booking('linh.dinh');
    const bad = calEvent('linh.dinh'); // a modified client writing the leadership schedule
    const bad2 = weekStep('linh.dinh', '2027-W13', 'published', { actorRoles: ['staff', 'unit:kt'] });
    const goodStep = evStep('linh.dinh', good._id, 'edited', { changes: { notes: 'Chuẩn bị máy chiếu' } });
    await device.bulkDocs([good, bad, bad2, goodStep] as PouchDB.Core.PutDocument<object>[]);
    const denied: string[] = [];
    const result = await device.replicate.to(remote).on('denied', (err) => denied.push(String((err as { id?: string }).id)));
    assert.equal(result.ok, true);
    assert.equal(result.status, 'complete');
    assert.equal(result.docs_written, 2);
    assert.equal(result.doc_write_failures, 2);
    assert.deepEqual(denied.sort(), [bad._id, bad2._id].sort());
    assert.equal(await stored(ORG, good._id), true);
    assert.equal(await stored(ORG, goodStep._id), true);
    assert.equal(await stored(ORG, bad._id), false);
    await device.destroy();
  });
});

describe('schedule views reach existing data folders', () => {
  it('a space whose design document predates the schedule gets the new one at the next start', async () => {
    const first = await startTestServer({ keepDataDir: true });
    const admin = { basic: first.admin };
    const dd = (await request(`${first.url}/db/${ORG}/_design%2Fdocket`, admin)).json as Record<string, unknown> & {
      views: Record<string, unknown>;
    };
    assert.ok(dd.views.eventsByCalendarEvent && dd.views.scheduleWeekSteps);
    // Roll it back to version 2, without the schedule views.
    const { eventsByCalendarEvent: _a, scheduleWeekSteps: _b, ...older } = dd.views;
    const put = await request(`${first.url}/db/${ORG}/_design%2Fdocket`, {
      ...admin,
      method: 'PUT',
      body: { ...dd, version: 2, views: older },
    });
    assert.equal(put.status, 201);
    await first.running.close();
    const again = await startTestServer({ dataDir: first.dataDir });
    try {
      const now = (await request(`${again.url}/db/${ORG}/_design%2Fdocket`, { basic: again.admin })).json as {
        version: number;
        views: Record<string, unknown>;
      };
      assert.equal(now.version, DESIGN_VERSION);
      assert.ok(now.views.eventsByCalendarEvent && now.views.scheduleWeekSteps);
    } finally {
      await again.stop();
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});
