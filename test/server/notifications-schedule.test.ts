import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/model/ids.ts';
import type { NotificationDoc } from '../../src/model/notifications.ts';
import { NOTIFICATION_PREFS_ID, notificationId } from '../../src/model/notifications.ts';
import { isoWeekOf } from '../../src/model/schedule/interval.ts';
import { wardDay } from '../../src/model/time.ts';
import { createUser } from '../../server/services/accounts.ts';
import { bumpSourceId, clashSourceId } from '../../server/workers/notification-schedule-rules.ts';
import { type Doc, bulk, getAsAdmin, put, waitFor } from './helpers/documents.ts';
import { login, request } from './helpers/http.ts';
import { TASK_PEOPLE, addDays, nextInstant, personalDb, unitDb } from './helpers/tasks.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/**
 * Schedule notifications (issue 5 "everyone affected is notified", "the bumped booking's owner is notified"; issue 6
 * kinds `invitation` and `scheduleChanged`) on the real server: people write entries and steps through the gateway
 * as their devices do; the notification worker writes into the recipients' personal spaces.
 */

const ORG = 'docket-org';
const KT = unitDb('kt');

function personOf(name: string): { roles: string[]; displayName: string } {
  const p = TASK_PEOPLE[name];
  if (!p) throw new Error(`unknown test account ${name}`);
  return p;
}

/** A ward-wide entry (org space) by `by`, three weeks ahead, no room; leadership and rooms in `over`. */
function calEvent(by: string, over: Record<string, unknown> = {}): Doc {
  const p = personOf(by);
  const doc: Doc = {
    _id: newId('calendarEvent'),
    type: 'calendarEvent',
    schema: 1,
    createdAt: nextInstant(),
    createdBy: by,
    title: 'Họp triển khai chuyển đổi số',
    when: { day: addDays(wardDay(), 21), slot: 'morning' },
    location: { text: 'Hội trường UBND phường' },
    participants: [],
    participantUnits: [],
    links: [],
    visibility: 'org',
    leadership: false,
    priority: 'normal',
    actorName: p.displayName,
    actorRoles: p.roles,
    ...over,
  };
  for (const k of Object.keys(doc)) if (doc[k] === undefined) delete doc[k];
  return doc;
}

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

function weekStep(by: string, week: string, kind: string): Doc {
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
  };
}

const room = (roomId: string, name: string): Doc => ({
  _id: `room:${roomId}`,
  type: 'room',
  schema: 1,
  createdAt: new Date().toISOString(),
  createdBy: 'system',
  roomId,
  name,
  capacity: 20,
  equipment: [],
  location: 'Tầng 2',
});

/** What the tests share: a server, sessions, reading notifications. */
function harness(get: () => TestServer) {
  const cookies: Record<string, string> = {};
  const cookie = async (name: string) => (cookies[name] ??= await login(get().url, name, get().demoPassword));
  /** The notifications of `name` about `subjectId`, as the admin sees their personal space. */
  async function notes(name: string, subjectId: string, kind?: string): Promise<NotificationDoc[]> {
    const s = get();
    const r = await request(
      `${s.url}/db/${personalDb(name)}/_all_docs?include_docs=true&startkey=${encodeURIComponent('"notification:"')}&endkey=${encodeURIComponent('"notification:\ufff0"')}`,
      { basic: s.admin },
    );
    assert.equal(r.status, 200, r.text);
    return (r.json.rows as { doc: NotificationDoc }[])
      .map((x) => x.doc)
      .filter((d) => d.subject.id === subjectId && (!kind || d.kind === kind));
  }
  const idle = () => waitFor('workers idle', async () => get().running.workers!.host.idle && get().running.workers!.notifications.orgIdle);
  /** Waits until everyone in `yes` has a notification of `kind` about the subject, then checks no one in `no` has. */
  async function expectTold(kind: string, subjectId: string, yes: string[], no: string[]): Promise<NotificationDoc[]> {
    const got: NotificationDoc[] = [];
    for (const name of yes) {
      const list = await waitFor(`${kind} for ${name}`, async () => {
        const l = await notes(name, subjectId, kind);
        return l.length > 0 && l;
      });
      got.push(...list);
    }
    await idle();
    // Let a feed that is a step behind catch up, then look again.
    await new Promise((r) => setTimeout(r, 150));
    await idle();
    for (const name of no) assert.deepEqual(await notes(name, subjectId, kind), [], `${name} gets no ${kind}`);
    return got;
  }
  async function write(by: string, db: string, docs: Doc[]): Promise<void> {
    const r = await bulk(get().url, await cookie(by), db, docs);
    assert.equal(r.status, 201);
    for (const x of r.results as { ok?: boolean; reason?: string }[]) assert.ok(x.ok, JSON.stringify(x));
  }
  return { cookie, notes, idle, expectTold, write };
}

describe('schedule notifications (demo ward, embedded store)', () => {
  let s: TestServer;
  const { cookie, notes, idle, expectTold, write } = harness(() => s);

  before(async () => {
    s = await startTestServer({ demo: true });
    // Staff of a unit that is on nothing here.
    await createUser(s.running.docket.store, {
      name: 'khanh.ly',
      role: 'staff',
      unitId: 'ttpvhcc',
      displayName: 'Lý Khánh',
      password: s.demoPassword,
    });
    TASK_PEOPLE['khanh.ly'] = { roles: ['staff', 'unit:ttpvhcc'], displayName: 'Lý Khánh' };
    for (const r of [room('phong-thu-a', 'Phòng họp thử A'), room('phong-thu-b', 'Phòng họp thử B')])
      assert.equal(await put(s.url, { basic: s.admin }, ORG, r), 201);
  });
  after(() => s.stop());

  it('a ward-wide entry invites its chair, participants and the heads of invited units, not its creator; edits and cancellation tell everyone on it', async () => {
    const e = calEvent('linh.dinh', { chair: 'hoa.do', participants: ['son.phan', 'an.nguyen', 'linh.dinh'], participantUnits: ['vhxh'] });
    await write('linh.dinh', ORG, [e]);
    const told = await expectTold(
      'invitation',
      e._id,
      ['hoa.do', 'son.phan', 'an.nguyen', 'yen.luong'],
      ['linh.dinh', 'nam.truong', 'khanh.ly', 'hung.tran'],
    );
    const an = told.find((n) => n.to === 'an.nguyen')!;
    assert.equal(an._id, notificationId('invitation', e._id, 'an.nguyen'));
    assert.deepEqual(
      { kind: an.kind, actor: an.actor, actorName: an.actorName, subject: an.subject, groupKey: an.groupKey, at: an.at, by: an.createdBy },
      {
        kind: 'invitation',
        actor: 'linh.dinh',
        actorName: 'Đinh Thùy Linh',
        subject: { type: 'calendarEvent', id: e._id, title: e.title },
        groupKey: `invitation:${e._id}`,
        at: e.createdAt,
        by: 'system',
      },
    );
    assert.match(an.detail!, /^Sáng Thứ .* · Hội trường UBND phường$/);
    assert.match(told.find((n) => n.to === 'yen.luong')!.detail!, /^Mời .* cử người tham dự · Sáng/);

    // The organiser moves it and adds someone: the newcomer is invited, everyone else told what changed.
    const moved = evStep('linh.dinh', e._id, 'edited', {
      changes: {
        when: { day: addDays(wardDay(), 22), slot: 'afternoon' },
        participants: ['son.phan', 'an.nguyen', 'linh.dinh', 'nam.truong'],
      },
      note: 'Trùng lịch tiếp dân',
    });
    await write('linh.dinh', ORG, [moved]);
    const changed = await expectTold(
      'scheduleChanged',
      e._id,
      ['hoa.do', 'son.phan', 'an.nguyen', 'yen.luong'],
      ['linh.dinh', 'nam.truong'],
    );
    assert.ok(changed.every((n) => n._id === notificationId('scheduleChanged', moved._id, n.to) && n.actor === 'linh.dinh'));
    assert.match(
      changed[0]!.detail!,
      /^Đã thay đổi thời gian, thành phần\. Lịch mới: Chiều Thứ .* · Hội trường UBND phường\. Trùng lịch tiếp dân$/,
    );
    await expectTold('invitation', e._id, ['nam.truong'], []);
    assert.equal((await notes('son.phan', e._id, 'invitation')).length, 1, 'invited once');

    // A chair cancels: everyone but the chair is told, with the reason; the creator too.
    const cancelled = evStep('hoa.do', e._id, 'cancelled', { note: 'Lãnh đạo đi họp Quận' });
    await write('hoa.do', ORG, [cancelled]);
    const gone = await expectTold('scheduleChanged', e._id, ['linh.dinh', 'nam.truong', 'son.phan'], []);
    const last = gone.filter((n) => n._id === notificationId('scheduleChanged', cancelled._id, n.to));
    assert.equal(last.length, 3);
    assert.ok(last.every((n) => n.detail === 'Đã hủy: Lãnh đạo đi họp Quận' && n.actor === 'hoa.do'));
    const mine = await notes('hoa.do', e._id, 'scheduleChanged');
    assert.deepEqual(
      mine.map((n) => n._id),
      [notificationId('scheduleChanged', moved._id, 'hoa.do')],
      'the chair is told of the edit, not of her own cancellation',
    );
  });

  it('a unit entry: only people who read the unit space are invited (not another unit’s staff or head)', async () => {
    const e = calEvent('linh.dinh', {
      visibility: 'unit',
      unitId: 'kt',
      title: 'Họp phòng Kinh tế',
      chair: 'son.phan',
      participants: ['nam.truong', 'an.nguyen', 'lan.nguyen', 'khanh.ly'],
      participantUnits: ['vhxh'],
      location: { text: 'Phòng làm việc Phòng KT' },
    });
    await write('linh.dinh', KT, [e]);
    await expectTold('invitation', e._id, ['son.phan', 'nam.truong', 'lan.nguyen'], ['an.nguyen', 'khanh.ly', 'yen.luong', 'linh.dinh']);
    const edit = evStep('son.phan', e._id, 'edited', { changes: { title: 'Họp phòng Kinh tế (mở rộng)' } });
    await write('son.phan', KT, [edit]);
    const changed = await expectTold(
      'scheduleChanged',
      e._id,
      ['linh.dinh', 'nam.truong', 'lan.nguyen'],
      ['son.phan', 'an.nguyen', 'khanh.ly'],
    );
    assert.ok(changed.every((n) => n.subject.title === 'Họp phòng Kinh tế (mở rộng)' && n.detail === 'Đã thay đổi nội dung'));
  });

  it('a delegate sent by an invitee is invited', async () => {
    const e = calEvent('hoa.do', { participants: ['son.phan'] });
    await write('hoa.do', ORG, [e]);
    await expectTold('invitation', e._id, ['son.phan'], ['hoa.do']);
    await write('son.phan', ORG, [evStep('son.phan', e._id, 'delegated', { delegate: 'nam.truong', note: 'Đ/c Nam đi thay' })]);
    const [n] = await expectTold('invitation', e._id, ['nam.truong'], ['hoa.do']);
    assert.equal(n!.actor, 'son.phan');
    assert.match(n!.detail!, /^Được cử đi thay · /);
  });

  it('a leadership entry: nothing before its week is published; invitations at the first publication (delegates too); no repeat at republication; edits after it tell everyone but the actor', async () => {
    const day = addDays(wardDay(), 28);
    const week = isoWeekOf(day);
    const e = calEvent('mai.hoang', {
      title: 'Giao ban UBND phường',
      when: { day, slot: 'morning' },
      leadership: true,
      chair: 'hung.tran',
      participants: ['lan.nguyen', 'son.phan'],
      participantUnits: ['vhxh'],
      preparingUnit: 'vp',
    });
    await write('mai.hoang', ORG, [e]);
    await write('an.nguyen', ORG, [evStep('an.nguyen', e._id, 'edited', { changes: { notes: 'Chuẩn bị báo cáo tuần' } })]);
    await write('lan.nguyen', ORG, [evStep('lan.nguyen', e._id, 'delegated', { delegate: 'hoa.do' })]);
    await idle();
    await new Promise((r) => setTimeout(r, 300));
    await idle();
    for (const name of ['hung.tran', 'lan.nguyen', 'son.phan', 'hoa.do', 'yen.luong', 'mai.hoang', 'an.nguyen'])
      assert.deepEqual(await notes(name, e._id), [], `${name}: nothing before publication`);

    await write('an.nguyen', ORG, [weekStep('an.nguyen', week, 'submitted')]);
    const published = weekStep('minh.le', week, 'published');
    await write('minh.le', ORG, [published]);
    const invited = await expectTold(
      'invitation',
      e._id,
      ['hung.tran', 'lan.nguyen', 'son.phan', 'hoa.do', 'yen.luong'],
      ['mai.hoang', 'minh.le', 'an.nguyen', 'linh.dinh'],
    );
    assert.ok(invited.every((n) => n.actor === 'minh.le' && n.at === published.createdAt));
    assert.deepEqual(await notes('lan.nguyen', e._id, 'scheduleChanged'), [], 'edits before publication are not news');

    await write('hung.tran', ORG, [weekStep('hung.tran', week, 'published')]);
    await idle();
    await new Promise((r) => setTimeout(r, 300));
    await idle();
    for (const name of ['hung.tran', 'lan.nguyen', 'son.phan', 'hoa.do', 'yen.luong'])
      assert.equal((await notes(name, e._id)).length, 1, `${name}: told once`);

    const edit = evStep('an.nguyen', e._id, 'edited', { changes: { location: { text: 'Hội trường tầng 1' } } });
    await write('an.nguyen', ORG, [edit]);
    const changed = await expectTold(
      'scheduleChanged',
      e._id,
      ['hung.tran', 'lan.nguyen', 'son.phan', 'hoa.do', 'yen.luong', 'mai.hoang'],
      ['an.nguyen', 'minh.le', 'linh.dinh'],
    );
    assert.ok(changed.every((n) => /^Đã thay đổi địa điểm\. Lịch mới: Sáng .* · Hội trường tầng 1$/.test(n.detail!)));
  });

  it('a high-priority leadership meeting bumps an ordinary booking: its owner is told (created over it, or moved onto it)', async () => {
    const day = addDays(wardDay(), 35);
    const R = { roomId: 'phong-thu-a' };
    const booking = calEvent('linh.dinh', { title: 'Họp tổ công tác đất đai', when: { day, slot: 'morning' }, location: R });
    const other = calEvent('nam.truong', { title: 'Tập huấn phần mềm', when: { day: addDays(day, 1), slot: 'afternoon' }, location: R });
    await write('linh.dinh', ORG, [booking]);
    await write('nam.truong', ORG, [other]);
    const l = calEvent('mai.hoang', {
      title: 'Hội nghị Ban Thường vụ',
      when: { day, slot: 'allDay' },
      location: R,
      leadership: true,
      priority: 'high',
      chair: 'hung.tran',
    });
    await write('mai.hoang', ORG, [l]);
    const [bumped] = await expectTold('scheduleChanged', booking._id, ['linh.dinh'], ['mai.hoang', 'hoa.do', 'nam.truong']);
    assert.equal(bumped!._id, notificationId('scheduleChanged', bumpSourceId(booking._id, l._id), 'linh.dinh'));
    assert.equal(bumped!.actor, 'mai.hoang');
    assert.match(bumped!.detail!, /^Lịch đặt Phòng họp thử A Sáng Thứ .* của đồng chí nhường cho “Hội nghị Ban Thường vụ” \(Cả ngày Thứ /);
    assert.deepEqual(await notes('nam.truong', other._id), []);

    // Moved onto the other booking: its owner is told; the first one is not told again.
    await write('an.nguyen', ORG, [evStep('an.nguyen', l._id, 'edited', { changes: { when: { day: addDays(day, 1), slot: 'allDay' } } })]);
    await expectTold('scheduleChanged', other._id, ['nam.truong'], ['an.nguyen', 'hoa.do']);
    assert.equal((await notes('linh.dinh', booking._id, 'scheduleChanged')).length, 1);
  });

  it('two ordinary bookings of one room at once (made offline): both owners and the office head are told, once', async () => {
    const day = addDays(wardDay(), 36);
    const R = { roomId: 'phong-thu-b' };
    const a = calEvent('linh.dinh', { title: 'Họp tổ đất đai', when: { day, slot: 'morning' }, location: R });
    const b = calEvent('an.nguyen', { title: 'Họp chuẩn bị Đại hội', when: { day, slot: 'allDay' }, location: R });
    await write('linh.dinh', ORG, [a]);
    await write('an.nguyen', ORG, [b]);
    const id = clashSourceId(a._id, b._id);
    const [la] = await expectTold('scheduleChanged', a._id, ['linh.dinh'], ['an.nguyen', 'son.phan']);
    const [lb] = await expectTold('scheduleChanged', b._id, ['an.nguyen', 'hoa.do'], ['linh.dinh']);
    assert.equal(la!._id, notificationId('scheduleChanged', id, 'linh.dinh'));
    assert.equal(lb!._id, notificationId('scheduleChanged', id, 'an.nguyen'));
    assert.equal(la!.actor, undefined, 'found by the server: no actor');
    assert.match(la!.detail!, /^Phòng họp thử B bị đặt trùng: “Họp tổ đất đai” .* và “Họp chuẩn bị Đại hội” .*Văn phòng sẽ sắp xếp lại\.$/);

    // The pair is told once: an edit of either, or the documents handled again, writes nothing new.
    await write('linh.dinh', ORG, [evStep('linh.dinh', a._id, 'edited', { changes: { when: { day, slot: 'allDay' } } })]);
    await idle();
    const worker = s.running.workers!.notifications;
    for (const doc of [a, b]) {
      const stored = (await getAsAdmin(s.url, s.admin, ORG, doc._id)).json;
      await worker.handle({ space: { kind: 'org', id: 'org' }, db: ORG, doc: stored, seq: 0 });
    }
    for (const [name, subject] of [
      ['linh.dinh', a._id],
      ['an.nguyen', b._id],
      ['hoa.do', b._id],
    ] as const) {
      const list = await notes(name, subject, 'scheduleChanged');
      assert.equal(list.length, 1, name);
      assert.match(list[0]!._rev!, /^1-/);
    }
  });

  it('muted kinds are not written', async () => {
    const prefs = {
      _id: NOTIFICATION_PREFS_ID,
      type: 'notificationPrefs',
      schema: 1,
      createdAt: new Date().toISOString(),
      createdBy: 'tuan.vu',
      muted: ['invitation'],
    };
    assert.equal(await put(s.url, { cookie: await cookie('tuan.vu') }, personalDb('tuan.vu'), prefs), 201);
    const e = calEvent('hoa.do', { participants: ['tuan.vu', 'dung.ngo'] });
    await write('hoa.do', ORG, [e]);
    await expectTold('invitation', e._id, ['dung.ngo'], ['tuan.vu']);
    // Not muted: changes still reach them.
    await write('hoa.do', ORG, [evStep('hoa.do', e._id, 'cancelled', { note: 'Hoãn' })]);
    await expectTold('scheduleChanged', e._id, ['tuan.vu', 'dung.ngo'], ['hoa.do']);
  });
});

describe('schedule notifications after a restart', () => {
  it('the org feed read again from the beginning writes nothing twice', async () => {
    let s = await startTestServer({ demo: true, keepDataDir: true });
    const h = harness(() => s);
    try {
      const e = calEvent('linh.dinh', { participants: ['son.phan', 'an.nguyen'] });
      await h.write('linh.dinh', ORG, [e]);
      await h.write('linh.dinh', ORG, [evStep('linh.dinh', e._id, 'edited', { changes: { title: 'Họp triển khai (đổi tên)' } })]);
      await h.expectTold('invitation', e._id, ['son.phan', 'an.nguyen'], ['linh.dinh']);
      await h.expectTold('scheduleChanged', e._id, ['son.phan', 'an.nguyen'], ['linh.dinh']);
      const revs = async () => (await h.notes('son.phan', e._id)).map((n) => `${n._id} ${n._rev}`).sort();
      const before = await revs();
      assert.equal(before.length, 2);
      // Forget how far the org feed got: the next start handles every change of the space again.
      const cp = await getAsAdmin(s.url, s.admin, ORG, '_local/worker-notifications');
      assert.equal(cp.status, 200, 'the org feed keeps a checkpoint');
      const del = await request(`${s.url}/db/${ORG}/_local/worker-notifications?rev=${cp.json._rev as string}`, {
        method: 'DELETE',
        basic: s.admin,
      });
      assert.equal(del.status, 200, del.text);
      await s.running.close();
      s = await startTestServer({ demo: true, dataDir: s.dataDir });
      await waitFor(
        'the org feed read again',
        async () => (await getAsAdmin(s.url, s.admin, ORG, '_local/worker-notifications')).status === 200,
      );
      await h.idle();
      assert.deepEqual(await revs(), before);
    } finally {
      await s.stop();
      rmSync(s.dataDir, { recursive: true, force: true });
    }
  });
});
