// Calendar subscription (issue 5) on the real server: the private link of an account, the feed behind it (only what
// its owner may read, leadership weeks only once published), revocation, and import → export through the feed.
// Documents are written through the store as the server (the schedule's write rules are tested elsewhere); they are
// valid calendarEvent / calendarEventEvent / scheduleWeekEvent documents.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { CALENDAR_TOKENS_DB, hashToken } from '../../server/api/calendar.ts';
import { disableUser, enableUser, moveUser } from '../../server/services/accounts.ts';
import { addDays } from '../../src/model/documents/dates.ts';
import { newId } from '../../src/model/ids.ts';
import { importedToEventInput, parseIcs, uidOf } from '../../src/model/schedule/ical.ts';
import { wardDayOf, wardInstant } from '../../src/model/schedule/interval.ts';
import { weekOfEvent } from '../../src/model/schedule/publication.ts';
import type { CalendarEvent, CalendarEventEvent, ScheduleWeekEvent } from '../../src/model/schedule/types.ts';
import { login, request } from './helpers/http.ts';
import { personalDb, unitDb } from './helpers/tasks.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

const ORG = 'docket-org';
const TODAY = wardDayOf(Date.now());
/** Far enough ahead that no seeded week is published, inside the feed's 400 days. */
const DAY = addDays(TODAY, 300);
const at = (day: string, time: string): string => new Date(wardInstant(day, time)).toISOString();

const ACTORS: Record<string, { roles: string[]; displayName: string }> = {
  'hung.tran': { roles: ['leader'], displayName: 'Trần Văn Hùng' },
  'mai.hoang': { roles: ['clerk', 'unit:vp'], displayName: 'Hoàng Thị Mai' },
  'son.phan': { roles: ['staff', 'unit:kt', 'head:kt'], displayName: 'Phan Văn Sơn' },
  'khoa.ly': { roles: ['staff', 'unit:kt'], displayName: 'Lý Đăng Khoa' },
  'linh.dinh': { roles: ['staff', 'unit:kt'], displayName: 'Đinh Thùy Linh' },
  'yen.luong': { roles: ['staff', 'unit:vhxh', 'head:vhxh'], displayName: 'Lương Hải Yến' },
};

function calendarEvent(by: string, over: Partial<CalendarEvent>): CalendarEvent {
  const a = ACTORS[by]!;
  return {
    _id: newId('calendarEvent'),
    type: 'calendarEvent',
    schema: 1,
    createdAt: new Date().toISOString(),
    createdBy: by,
    title: 'Entry',
    when: { day: DAY, slot: 'morning' },
    participants: [],
    participantUnits: [],
    links: [],
    visibility: 'org',
    leadership: false,
    priority: 'normal',
    actorName: a.displayName,
    actorRoles: a.roles,
    ...over,
  };
}

function eventStep(
  by: string,
  event: CalendarEvent,
  kind: CalendarEventEvent['kind'],
  over: Partial<CalendarEventEvent> = {},
): CalendarEventEvent {
  const a = ACTORS[by]!;
  return {
    _id: newId('calendarEventEvent'),
    type: 'calendarEventEvent',
    schema: 1,
    createdAt: new Date().toISOString(),
    createdBy: by,
    calendarEventId: event._id,
    kind,
    actorName: a.displayName,
    actorRoles: a.roles,
    ...over,
  };
}

describe('calendar subscription', () => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  const put = async (db: string, doc: { _id: string }): Promise<void> => {
    await (await s.running.docket.store.db(db)).put(doc);
  };
  const api = (p: string): string => `${s.url}/api${p}`;
  const newLink = async (name: string): Promise<string> => {
    const r = await request(api('/calendar/token'), { method: 'POST', cookie: cookies[name] });
    assert.equal(r.status, 201, r.text);
    return r.json.url as string;
  };
  const feed = async (url: string) => {
    const r = await request(url, { headers: { accept: 'text/calendar' } });
    return r;
  };
  /** Summaries of the feed's events by UID, with status and sequence. */
  const eventsOf = (ics: string): Map<string, { summary: string; status: string; sequence: number; event: ICAL.Event }> => {
    const cal = new ICAL.Component(ICAL.parse(ics) as unknown[]);
    return new Map(
      cal.getAllSubcomponents('vevent').map((v) => {
        const e = new ICAL.Event(v);
        return [e.uid, { summary: e.summary, status: String(v.getFirstPropertyValue('status')), sequence: e.sequence, event: e }];
      }),
    );
  };

  // The ward's entries, in their spaces.
  const leadership = calendarEvent('mai.hoang', {
    title: 'Giao ban lãnh đạo UBND',
    leadership: true,
    unitId: 'vp',
    chair: 'hung.tran',
    location: { roomId: 'phong-hop-ical-test' },
    when: { start: at(DAY, '08:00'), end: at(DAY, '09:30') },
  });
  const booking = calendarEvent('linh.dinh', { title: 'Đặt phòng: tập huấn', location: { roomId: 'phong-hop-ical-test' } });
  const orgUnitKt = calendarEvent('son.phan', { title: 'Phòng KT làm việc với đoàn', visibility: 'unit', unitId: 'kt' });
  const orgUnitVhxh = calendarEvent('yen.luong', { title: 'Phòng VHXH – lịch riêng', visibility: 'unit', unitId: 'vhxh' });
  const unitKt = calendarEvent('son.phan', {
    title: 'Họp phòng KT',
    visibility: 'unit',
    unitId: 'kt',
    when: { day: DAY, slot: 'afternoon' },
  });
  const unitKtCancelled = calendarEvent('son.phan', { title: 'Kiểm tra công trình', visibility: 'unit', unitId: 'kt' });
  const unitVhxh = calendarEvent('yen.luong', {
    title: 'Họp phòng VHXH',
    visibility: 'unit',
    unitId: 'vhxh',
    participants: ['hung.tran'],
  });
  const mine = calendarEvent('khoa.ly', { title: 'Khám sức khoẻ', visibility: 'personal', when: { day: DAY, slot: 'allDay' } });
  const others = calendarEvent('linh.dinh', { title: 'Việc riêng của Linh', visibility: 'personal' });
  const old = calendarEvent('son.phan', {
    title: 'Họp cũ',
    visibility: 'unit',
    unitId: 'kt',
    when: { day: addDays(TODAY, -100), slot: 'morning' },
  });
  const cancel = eventStep('son.phan', unitKtCancelled, 'cancelled', { note: 'Hoãn vì mưa' });

  before(async () => {
    s = await startTestServer({ demo: true });
    for (const name of Object.keys(ACTORS)) cookies[name] = await login(s.url, name, s.demoPassword);
    await put(ORG, {
      _id: 'room:phong-hop-ical-test',
      type: 'room',
      schema: 1,
      createdAt: new Date().toISOString(),
      createdBy: 'system',
      roomId: 'phong-hop-ical-test',
      name: 'Phòng họp số 1',
      capacity: 20,
      equipment: [],
      location: 'Tầng 2',
    } as { _id: string });
    for (const e of [leadership, booking, orgUnitKt, orgUnitVhxh]) await put(ORG, e);
    for (const e of [unitKt, unitKtCancelled, old, cancel]) await put(unitDb('kt'), e);
    await put(unitDb('vhxh'), unitVhxh);
    await put(personalDb('khoa.ly'), mine);
    await put(personalDb('linh.dinh'), others);
  });
  after(async () => {
    await s?.stop();
  });

  it('gives signed-in accounts a private link, shown once: the server keeps only its hash', async () => {
    assert.equal((await request(api('/calendar/token'), { method: 'POST' })).status, 401);
    assert.equal((await request(api('/calendar/token'))).status, 401);
    assert.equal((await request(api('/calendar/token'), { method: 'POST', basic: s.admin })).status, 403);
    assert.equal((await request(api('/calendar/token'), { cookie: cookies['khoa.ly'] })).status, 404);
    const r = await request(api('/calendar/token'), { method: 'POST', cookie: cookies['khoa.ly'] });
    assert.equal(r.status, 201);
    const m = /^http:\/\/127\.0\.0\.1:\d+\/api\/calendar\/feed\/([A-Za-z0-9_-]{43})\.ics$/.exec(r.json.url);
    assert.ok(m, r.json.url);
    assert.equal(r.json.webcal, r.json.url.replace(/^http:/, 'webcal:'));
    const token = m[1]!;
    const current = await request(api('/calendar/token'), { cookie: cookies['khoa.ly'] });
    assert.equal(current.status, 200);
    assert.equal(current.json.createdAt, r.json.createdAt);
    assert.equal(current.json.url, undefined);
    const stored = await (await s.running.docket.store.db(CALENDAR_TOKENS_DB)).allDocs({ include_docs: true });
    const dump = JSON.stringify(stored.rows);
    assert.ok(!dump.includes(token), 'the token itself is not stored');
    assert.ok(dump.includes(hashToken(token)));
    // Only the server reads that database.
    assert.equal((await request(`${s.url}/db/${CALENDAR_TOKENS_DB}/_all_docs`, { cookie: cookies['khoa.ly'] })).status, 403);
    assert.equal((await request(`${s.url}/db/${CALENDAR_TOKENS_DB}/_all_docs`)).status, 401);
  });

  it('serves the feed only to its token: no token, a wrong or malformed one is 404 in CouchDB style', async () => {
    const url = await newLink('khoa.ly');
    const ok = await feed(url);
    assert.equal(ok.status, 200);
    const wrong = `${s.url}/api/calendar/feed/${'A'.repeat(43)}.ics`;
    for (const u of [
      wrong,
      `${s.url}/api/calendar/feed/`,
      `${s.url}/api/calendar/feed/.ics`,
      `${s.url}/api/calendar/feed/short.ics`,
      url.replace(/\.ics$/, ''),
      url.replace(/\.ics$/, '.json'),
      url.replace(/([A-Za-z0-9_-])\.ics$/, (_m, c: string) => `${c === 'A' ? 'B' : 'A'}.ics`),
    ]) {
      const r = await feed(u);
      assert.equal(r.status, 404, u);
      assert.equal(r.json?.error, 'not_found', u);
      assert.equal(typeof r.json?.reason, 'string');
    }
    // A session is not a substitute for the token.
    assert.equal((await request(wrong, { cookie: cookies['khoa.ly'] })).status, 404);
  });

  it('answers text/calendar, not cached, that ical.js reads', async () => {
    const r = await feed(await newLink('khoa.ly'));
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/calendar; charset=utf-8');
    assert.equal(r.headers.get('cache-control'), 'private, no-store');
    const cal = new ICAL.Component(ICAL.parse(r.text) as unknown[]);
    assert.equal(cal.getFirstPropertyValue('version'), '2.0');
    assert.equal(cal.getFirstPropertyValue('x-wr-calname'), 'Lịch công tác – Lý Đăng Khoa');
    assert.equal(cal.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid'), 'Asia/Ho_Chi_Minh');
  });

  it('holds exactly what its owner may read, cancelled entries marked', async () => {
    const events = eventsOf((await feed(await newLink('khoa.ly'))).text);
    for (const e of [booking, orgUnitKt, unitKt, unitKtCancelled, mine]) assert.ok(events.has(uidOf(e._id)), `has ${e.title}`);
    for (const e of [orgUnitVhxh, unitVhxh, others, old, leadership]) assert.ok(!events.has(uidOf(e._id)), `lacks ${e.title}`);
    const cancelled = events.get(uidOf(unitKtCancelled._id))!;
    assert.equal(cancelled.status, 'CANCELLED');
    assert.equal(cancelled.sequence, 1);
    assert.equal(events.get(uidOf(unitKt._id))!.status, 'CONFIRMED');
    assert.equal(events.get(uidOf(booking._id))!.event.location, 'Phòng họp số 1');
    assert.equal(events.get(uidOf(mine._id))!.event.startDate.isDate, true);
    // Another account's feed: her own personal entry, not his.
    const linh = eventsOf((await feed(await newLink('linh.dinh'))).text);
    assert.ok(linh.has(uidOf(others._id)));
    assert.ok(!linh.has(uidOf(mine._id)));
    // A leader reads every unit space but gets only the unit entries he is on.
    const leader = eventsOf((await feed(await newLink('hung.tran'))).text);
    assert.ok(leader.has(uidOf(unitVhxh._id)));
    assert.ok(!leader.has(uidOf(unitKt._id)));
  });

  it('shows an unpublished leadership week to leaders and the office only, to everyone once published', async () => {
    const staffUrl = await newLink('khoa.ly');
    const uid = uidOf(leadership._id);
    assert.ok(!eventsOf((await feed(staffUrl)).text).has(uid));
    assert.ok(eventsOf((await feed(await newLink('hung.tran'))).text).has(uid), 'a leader sees the draft');
    assert.ok(eventsOf((await feed(await newLink('mai.hoang'))).text).has(uid), 'the office sees the draft');
    const published: ScheduleWeekEvent = {
      _id: newId('scheduleWeekEvent'),
      type: 'scheduleWeekEvent',
      schema: 1,
      createdAt: new Date().toISOString(),
      createdBy: 'hung.tran',
      week: weekOfEvent(leadership),
      kind: 'published',
      actorName: 'Trần Văn Hùng',
      actorRoles: ['leader'],
    };
    await put(ORG, published);
    const after = eventsOf((await feed(staffUrl)).text).get(uid);
    assert.ok(after, 'published: in the staff feed');
    assert.equal(after.summary, 'Giao ban lãnh đạo UBND');
    assert.equal(after.event.component.getFirstProperty('organizer')?.getParameter('cn'), 'Trần Văn Hùng');
    assert.equal(new Date(after.event.startDate.toUnixTime() * 1000).toISOString(), at(DAY, '08:00'));
  });

  it('follows the account: a moved account’s feed changes at once, a disabled account’s feed is 404', async () => {
    const url = await newLink('khoa.ly');
    await moveUser(s.running.docket.store, 'khoa.ly', 'vhxh');
    try {
      const moved = eventsOf((await feed(url)).text);
      assert.ok(moved.has(uidOf(unitVhxh._id)));
      assert.ok(moved.has(uidOf(orgUnitVhxh._id)));
      assert.ok(!moved.has(uidOf(unitKt._id)));
      assert.ok(!moved.has(uidOf(orgUnitKt._id)));
      assert.ok(moved.has(uidOf(mine._id)));
    } finally {
      await moveUser(s.running.docket.store, 'khoa.ly', 'kt');
    }
    assert.ok(eventsOf((await feed(url)).text).has(uidOf(unitKt._id)));
    await disableUser(s.running.docket.store, 'khoa.ly');
    try {
      const r = await feed(url);
      assert.equal(r.status, 404);
      assert.equal(r.json.error, 'not_found');
    } finally {
      await enableUser(s.running.docket.store, 'khoa.ly');
    }
    assert.equal((await feed(url)).status, 200);
  });

  it('stops an old link when a new one is made, and every link when revoked', async () => {
    const first = await newLink('linh.dinh');
    const second = await newLink('linh.dinh');
    assert.notEqual(first, second);
    assert.equal((await feed(first)).status, 404);
    assert.equal((await feed(second)).status, 200);
    const del = await request(api('/calendar/token'), { method: 'DELETE', cookie: cookies['linh.dinh'] });
    assert.equal(del.status, 200);
    assert.deepEqual(del.json, { ok: true });
    const gone = await feed(second);
    assert.equal(gone.status, 404);
    assert.equal(gone.json.error, 'not_found');
    assert.equal((await request(api('/calendar/token'), { cookie: cookies['linh.dinh'] })).status, 404);
    assert.equal((await request(api('/calendar/token'), { method: 'DELETE', cookie: cookies['linh.dinh'] })).status, 404);
    assert.equal((await request(api('/calendar/token'), { method: 'DELETE' })).status, 401);
  });

  it('round-trips an imported file: import → entries in the personal space → feed keeps title, time and place', async () => {
    const d1 = addDays(TODAY, 20);
    const d2 = addDays(TODAY, 21);
    const compact = (day: string) => day.replace(/-/g, '');
    const file = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
      'BEGIN:VEVENT',
      'UID:import-1@google.com',
      `DTSTART:${compact(d1)}T020000Z`,
      `DTEND:${compact(d1)}T033000Z`,
      'SUMMARY:Gặp đối tác\\, bàn hợp đồng',
      'LOCATION:Quán cà phê 12\\; Lê Lợi',
      'DESCRIPTION:Mang hồ sơ\\nvà con dấu',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:import-2@google.com',
      `DTSTART;VALUE=DATE:${compact(d2)}`,
      'SUMMARY:Nghỉ phép',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const imported = parseIcs(file);
    assert.deepEqual(imported.errors, []);
    const docs = imported.events.map((ev) => calendarEvent('khoa.ly', importedToEventInput(ev, { visibility: 'personal' })));
    for (const d of docs) await put(personalDb('khoa.ly'), d);
    const text = (await feed(await newLink('khoa.ly'))).text;
    const again = parseIcs(text).events;
    for (const [i, d] of docs.entries()) {
      const back = again.find((e) => e.uid === uidOf(d._id));
      assert.ok(back, d.title);
      assert.equal(back.title, imported.events[i]!.title);
      assert.deepEqual(back.when, imported.events[i]!.when);
      assert.equal(back.locationText, imported.events[i]!.locationText);
      assert.equal(back.content, imported.events[i]!.content);
    }
    assert.deepEqual(again.find((e) => e.uid === uidOf(docs[1]!._id))!.when, { day: d2, slot: 'allDay' });
  });
});
