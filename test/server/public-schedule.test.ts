// The public page of the leadership schedule (issue 5) on the real server: off by default, only the administrator
// turns it on (audited), and then it shows the published weeks' leadership entries with the directory's names and
// nothing else (no drafts, no unit / personal / room-booking entries, no notes, content, links or account names),
// escaped, cancelled entries struck, changed ones marked, under a strict CSP; the .ics carries the same.
// Schedule documents are written through the store as the server (their write rules are tested elsewhere).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { escapeHtml, NOT_PUBLISHED } from '../../server/api/public-schedule-html.ts';
import { PUBLIC_CSP, weekParam } from '../../server/api/public-schedule.ts';
import { SETTINGS_DB } from '../../server/api/public-schedule-settings.ts';
import { DEMO_WARD_NAME } from '../../server/demo/ward.ts';
import { addDays } from '../../src/model/documents/dates.ts';
import { newId } from '../../src/model/ids.ts';
import { uidOf } from '../../src/model/schedule/ical.ts';
import { daysOfIsoWeek, isoWeekOf, wardDayOf, wardInstant } from '../../src/model/schedule/interval.ts';
import { lockTimeOf } from '../../src/model/schedule/publication.ts';
import type { CalendarEvent, CalendarEventEvent, ScheduleWeekEvent } from '../../src/model/schedule/types.ts';
import { type Reply, login, request } from './helpers/http.ts';
import { personalDb, unitDb } from './helpers/tasks.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

const ORG = 'docket-org';
/** Weeks no demo seed publishes: week A is published here, week B (the next) only submitted. */
const WEEK_A = isoWeekOf(addDays(wardDayOf(Date.now()), 280));
const MON = daysOfIsoWeek(WEEK_A)[0]!;
const WEEK_B = isoWeekOf(addDays(MON, 7));
const at = (day: string, time: string): string => new Date(wardInstant(day, time)).toISOString();
const ago = (hours: number): string => new Date(Date.now() - hours * 3_600_000).toISOString();
const T0 = ago(3); // entries created
const T1 = ago(2); // week A published
const T2 = ago(1); // later edits and the cancellation

const ACTORS: Record<string, { roles: string[]; displayName: string }> = {
  'hung.tran': { roles: ['leader'], displayName: 'Trần Văn Hùng' },
  'mai.hoang': { roles: ['clerk', 'unit:vp'], displayName: 'Hoàng Thị Mai' },
  'son.phan': { roles: ['staff', 'unit:kt', 'head:kt'], displayName: 'Phan Văn Sơn' },
  'khoa.ly': { roles: ['staff', 'unit:kt'], displayName: 'Lý Đăng Khoa' },
};

function entry(by: string, over: Partial<CalendarEvent>): CalendarEvent {
  const a = ACTORS[by]!;
  return {
    _id: newId('calendarEvent'),
    type: 'calendarEvent',
    schema: 1,
    createdAt: T0,
    createdBy: by,
    title: 'Entry',
    when: { day: MON, slot: 'morning' },
    participants: [],
    participantUnits: [],
    links: [],
    visibility: 'org',
    leadership: true,
    priority: 'normal',
    actorName: a.displayName,
    actorRoles: a.roles,
    ...over,
  };
}

function step(
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
    createdAt: T2,
    createdBy: by,
    calendarEventId: event._id,
    kind,
    actorName: a.displayName,
    actorRoles: a.roles,
    ...over,
  };
}

function weekStep(by: string, week: string, kind: ScheduleWeekEvent['kind'], createdAt: string): ScheduleWeekEvent {
  const a = ACTORS[by]!;
  return {
    _id: newId('scheduleWeekEvent'),
    type: 'scheduleWeekEvent',
    schema: 1,
    createdAt,
    createdBy: by,
    week,
    kind,
    actorName: a.displayName,
    actorRoles: a.roles,
  };
}

const HOSTILE_TITLE = `<script>alert(1)</script> & "quoted" 'single' <img src=x onerror=alert(2)>`;

// Week A, published.
const meeting = entry('mai.hoang', {
  title: 'Giao ban lãnh đạo UBND tuần',
  when: { start: at(MON, '08:00'), end: at(MON, '09:30') },
  chair: 'hung.tran',
  participants: ['lan.nguyen', 'ghost.account'],
  participantUnits: ['kt'],
  location: { roomId: 'phong-hop-cong-khai' },
  content: 'SECRET-CONTENT agenda',
  notes: 'SECRET-NOTES',
  links: [{ kind: 'document', id: 'officialDocument:01SECRET', label: 'SECRET-LINK-LABEL' }],
  // Files of the event (bytes in docket-files-org, read by ward accounts only): never on the public page.
  files: [
    {
      fileId: 'file:01SECRETFILE00000000000000',
      name: 'SECRET-FILE Tờ trình.pdf',
      contentType: 'application/pdf',
      size: 1000,
      sha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
    },
  ],
  unitId: 'vp',
});
const hostile = entry('hung.tran', {
  title: HOSTILE_TITLE,
  when: { day: addDays(MON, 1), slot: 'afternoon' },
  location: { text: '<b>Nhà văn hoá khu phố 3</b>' },
});
const cancelled = entry('mai.hoang', { title: 'Kiểm tra công trình kè sông', when: { day: addDays(MON, 2), slot: 'morning' } });
const changed = entry('mai.hoang', { title: 'Tiếp công dân định kỳ', when: { day: addDays(MON, 3), slot: 'allDay' }, chair: 'hung.tran' });
const pending = entry('mai.hoang', {
  title: 'Mục chờ lãnh đạo duyệt',
  createdAt: new Date(Date.parse(lockTimeOf(WEEK_A)) + 60_000).toISOString(),
});
const booking = entry('khoa.ly', { title: 'Đặt phòng: tập huấn nội bộ', leadership: false, location: { roomId: 'phong-hop-cong-khai' } });
const unitEntry = entry('son.phan', { title: 'Họp phòng KT nội bộ', leadership: false, visibility: 'unit', unitId: 'kt' });
const personalEntry = entry('khoa.ly', { title: 'Khám sức khoẻ riêng', leadership: false, visibility: 'personal' });
// Week B, only submitted.
const draft = entry('mai.hoang', { title: 'Lịch nháp chưa công bố', when: { day: addDays(MON, 8), slot: 'morning' } });

const cancel = step('mai.hoang', cancelled, 'cancelled', { note: 'SECRET-REASON mưa lớn' });
const edit = step('mai.hoang', changed, 'edited', { changes: { title: 'Tiếp công dân định kỳ (chuyển sang cả ngày)' } });

describe('public schedule page', () => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  const put = async (db: string, doc: { _id: string }): Promise<void> => {
    await (await s.running.docket.store.db(db)).put(doc);
  };
  const page = (q = ''): Promise<Reply> => request(`${s.url}/public/schedule${q}`, { headers: { accept: 'text/html' } });
  const setting = (who: string | null, body: unknown) =>
    request(`${s.url}/api/admin/settings`, { method: 'PUT', body, ...(who ? { cookie: cookies[who] } : {}) });

  before(async () => {
    s = await startTestServer({ demo: true });
    for (const name of ['tri.nguyen', 'hung.tran', 'khoa.ly', 'mai.hoang']) cookies[name] = await login(s.url, name, s.demoPassword);
    await put(ORG, {
      _id: 'room:phong-hop-cong-khai',
      type: 'room',
      schema: 1,
      createdAt: T0,
      createdBy: 'system',
      roomId: 'phong-hop-cong-khai',
      name: 'Phòng họp tầng 3',
      capacity: 30,
      equipment: [],
      location: 'Tầng 3',
    } as { _id: string });
    for (const e of [meeting, hostile, cancelled, changed, pending, booking, draft]) await put(ORG, e);
    await put(unitDb('kt'), unitEntry);
    await put(personalDb('khoa.ly'), personalEntry);
    await put(ORG, weekStep('mai.hoang', WEEK_A, 'submitted', ago(2.5)));
    await put(ORG, weekStep('hung.tran', WEEK_A, 'published', T1));
    await put(ORG, weekStep('mai.hoang', WEEK_B, 'submitted', T1));
    await put(ORG, cancel);
    await put(ORG, edit);
  });
  after(async () => {
    await s?.stop();
  });

  it('escapes hostile text for HTML text and attributes', () => {
    assert.equal(escapeHtml('<script>alert("x")</script>'), '&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    assert.equal(escapeHtml(`" onmouseover='a()' x="`), '&#34; onmouseover=&#39;a()&#39; x=&#34;');
    assert.equal(escapeHtml('a & b &amp; c'), 'a &#38; b &#38;amp; c');
    assert.equal(escapeHtml('Nguyễn Thị Lan — ổn'), 'Nguyễn Thị Lan — ổn');
    for (const hostileText of [HOSTILE_TITLE, '</td></tr></table><iframe src=//evil>', '<!--', ']]><svg/onload=alert(1)>'])
      assert.doesNotMatch(escapeHtml(hostileText), /[<>"']/);
  });

  it('accepts only ISO weeks of four-digit years in range', () => {
    assert.equal(weekParam(undefined), undefined);
    assert.equal(weekParam('2026-W50'), '2026-W50');
    assert.equal(weekParam('2026-W53'), '2026-W53');
    for (const bad of ['2025-W53', '2026-W00', '2026-W5', '2026W50', 'abc', '', '1999-W10', '3000-W01', ['2026-W50'], { a: 1 }])
      assert.equal(weekParam(bad), null, JSON.stringify(bad));
  });

  it('is off by default: 404 with a short Vietnamese page, the .ics too', async () => {
    const r = await page();
    assert.equal(r.status, 404);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    assert.match(r.text, /<html lang="vi">/);
    assert.match(r.text, /chưa công bố lịch công tác/);
    assert.equal((await page(`?week=${WEEK_A}`)).status, 404);
    assert.equal((await request(`${s.url}/public/schedule.ics`)).status, 404);
    const got = await request(`${s.url}/api/admin/settings`, { cookie: cookies['tri.nguyen'] });
    assert.equal(got.status, 200);
    assert.deepEqual(got.json, { publicSchedule: false });
  });

  it('is turned on and off by the administrator only, with clear errors and an audit entry', async () => {
    assert.equal((await setting(null, { publicSchedule: true })).status, 401);
    assert.equal((await setting('hung.tran', { publicSchedule: true })).status, 403, 'a leader');
    assert.equal((await setting('mai.hoang', { publicSchedule: true })).status, 403, 'a clerk');
    assert.equal((await setting('khoa.ly', { publicSchedule: true })).status, 403, 'staff');
    assert.equal((await request(`${s.url}/api/admin/settings`, { cookie: cookies['hung.tran'] })).status, 403);
    for (const bad of [{ publicSchedule: 'yes' }, { publicSchedule: 1 }, { other: true }, [true], 'true']) {
      const r = await setting('tri.nguyen', bad);
      assert.equal(r.status, 400, JSON.stringify(bad));
      assert.equal(r.json.error, 'bad_request');
    }
    assert.equal((await page()).status, 404, 'still off');
    // Nobody reaches the settings through /db.
    assert.equal((await request(`${s.url}/db/${SETTINGS_DB}/ward`, { cookie: cookies['tri.nguyen'] })).status, 403);
    const on = await setting('tri.nguyen', { publicSchedule: true });
    assert.equal(on.status, 200, on.text);
    assert.deepEqual(on.json, { publicSchedule: true });
    assert.deepEqual((await request(`${s.url}/api/admin/settings`, { cookie: cookies['tri.nguyen'] })).json, { publicSchedule: true });
    const audit = await request(`${s.url}/api/admin/audit?action=settingsChanged`, { cookie: cookies['tri.nguyen'] });
    assert.equal(audit.status, 200);
    const entries = audit.json.entries as { actor: string; summary: string }[];
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.actor, 'tri.nguyen');
    assert.match(entries[0]!.summary, /public schedule page .* turned on/);
  });

  it('shows a published week: the ward table of leadership entries with directory names, nothing else', async () => {
    const r = await page(`?week=${WEEK_A}`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    assert.equal(r.headers.get('cache-control'), 'public, max-age=60');
    assert.match(r.text, /^<!doctype html>\n<html lang="vi">/);
    assert.ok(r.text.includes(DEMO_WARD_NAME));
    assert.ok(r.text.includes('LỊCH CÔNG TÁC TUẦN CỦA LÃNH ĐẠO'));
    for (const col of ['Thứ, ngày', 'Buổi', 'Giờ', 'Nội dung', 'Thành phần', 'Địa điểm', 'Chủ trì'])
      assert.ok(r.text.includes(`>${col}</th>`), col);
    for (const cell of ['Sáng', 'Chiều', 'Cả ngày', 'Thứ Hai', '08:00–09:30']) assert.ok(r.text.includes(cell), cell);
    assert.ok(r.text.includes(`${MON.slice(8, 10)}/${MON.slice(5, 7)}/${MON.slice(0, 4)}`), 'the Monday as dd/mm/yyyy');
    assert.ok(r.text.includes('Giao ban lãnh đạo UBND tuần'));
    assert.ok(r.text.includes('Phòng Kinh tế – Hạ tầng – Đô thị, Nguyễn Thị Lan'), 'units, then people, by name');
    assert.ok(r.text.includes('Trần Văn Hùng'), 'the chair by name');
    assert.ok(r.text.includes('Phòng họp tầng 3'), 'the room by name');
    for (const absent of [
      'Lịch nháp chưa công bố',
      'Đặt phòng: tập huấn nội bộ',
      'Họp phòng KT nội bộ',
      'Khám sức khoẻ riêng',
      'Mục chờ lãnh đạo duyệt',
      'SECRET',
      'hung.tran',
      'lan.nguyen',
      'ghost.account',
      'mai.hoang',
      'Hoàng Thị Mai',
      'phong-hop-cong-khai',
      'calendarEvent:',
      'file:',
      'docket-files',
      'n4bQgYhMfWWaL',
    ])
      assert.ok(!r.text.includes(absent), `must not show ${absent}`);
    // The files themselves stay behind the gateway: the anonymous reads nothing of the org files database.
    assert.equal((await request(`${s.url}/db/docket-files-org/_all_docs`)).status, 401);
    assert.ok(r.text.includes(`href="/public/schedule?week=${WEEK_B}"`), 'links to the next week');
    assert.ok(r.text.includes(`href="/public/schedule?week=${isoWeekOf(addDays(MON, -7))}"`), 'links to the previous week');
    assert.match(r.text, /Lịch công bố lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}\./);
  });

  it('renders hostile text escaped', async () => {
    const r = await page(`?week=${WEEK_A}`);
    assert.ok(!r.text.includes('<script'), 'no script element');
    assert.ok(!r.text.includes('<img'), 'no injected element');
    assert.ok(!r.text.includes('<b>'), 'no injected markup in the place');
    assert.ok(
      r.text.includes(
        '&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;quoted&#34; &#39;single&#39; &#60;img src=x onerror=alert(2)&#62;',
      ),
    );
    assert.ok(r.text.includes('&#60;b&#62;Nhà văn hoá khu phố 3&#60;/b&#62;'));
  });

  it('strikes cancelled entries through with (Hoãn/Hủy) and marks changed ones (Thay đổi)', async () => {
    const r = await page(`?week=${WEEK_A}`);
    assert.ok(r.text.includes('<del>Kiểm tra công trình kè sông</del> <strong class="mark cancelled">(Hoãn/Hủy)</strong>'), r.text);
    assert.ok(r.text.includes('Tiếp công dân định kỳ (chuyển sang cả ngày) <strong class="mark changed">(Thay đổi)</strong>'));
    assert.ok(!r.text.includes('>Tiếp công dân định kỳ<'), 'the current title, not the published one');
    assert.equal(r.text.match(/\(Thay đổi\)/g)?.length, 1, 'only the changed entry');
  });

  it('says an unpublished week is not published (200), and refuses a malformed week (400)', async () => {
    const r = await page(`?week=${WEEK_B}`);
    assert.equal(r.status, 200);
    assert.ok(r.text.includes(NOT_PUBLISHED));
    assert.ok(r.text.includes('Lịch tuần này chưa được công bố.'));
    assert.ok(!r.text.includes('Lịch nháp chưa công bố'));
    assert.ok(!r.text.includes('<table'));
    for (const q of ['?week=2026-W60', '?week=abc', '?week=2026-W5', `?week=${WEEK_A}&week=${WEEK_B}`, '?week=%3Cscript%3E']) {
      const bad = await page(q);
      assert.equal(bad.status, 400, q);
      assert.match(bad.headers.get('content-type') ?? '', /^text\/html/);
      assert.ok(!bad.text.includes('<script'), q);
    }
    const current = await page();
    assert.equal(current.status, 200, 'the current ward week by default');
    assert.ok(current.text.includes(`Tuần ${Number(isoWeekOf(wardDayOf(Date.now())).slice(6))} năm`));
  });

  it('runs under a strict CSP: no script, no inline style, its stylesheet from /public (A4 landscape print)', async () => {
    const r = await page(`?week=${WEEK_A}`);
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.equal(csp, PUBLIC_CSP);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.ok(!csp.includes('unsafe-inline'));
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(!/<style|\sstyle=|<script/i.test(r.text));
    assert.ok(r.text.includes('<link rel="stylesheet" href="/public/schedule.css">'));
    const css = await request(`${s.url}/public/schedule.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    assert.match(css.text, /@page \{ size: A4 landscape;/);
    assert.match(css.text, /@media print/);
    // Its other answers are under the same policy.
    assert.equal((await request(`${s.url}/public/schedule.ics?week=nope`)).headers.get('content-security-policy'), PUBLIC_CSP);
  });

  it('serves the same entries as iCalendar that ical.js reads, without account names, notes or content', async () => {
    const r = await request(`${s.url}/public/schedule.ics?week=${WEEK_A}`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/calendar; charset=utf-8');
    assert.equal(r.headers.get('cache-control'), 'public, max-age=60');
    const cal = new ICAL.Component(ICAL.parse(r.text) as unknown[]);
    assert.equal(cal.getFirstPropertyValue('x-wr-calname'), `Lịch công tác – ${DEMO_WARD_NAME}`);
    const events = new Map(cal.getAllSubcomponents('vevent').map((v) => [String(v.getFirstPropertyValue('uid')), v] as const));
    assert.deepEqual([...events.keys()].sort(), [meeting, hostile, cancelled, changed].map((e) => uidOf(e._id)).sort());
    const m = new ICAL.Event(events.get(uidOf(meeting._id))!);
    assert.equal(m.summary, 'Giao ban lãnh đạo UBND tuần');
    assert.equal(m.location, 'Phòng họp tầng 3');
    assert.equal(m.description, 'Thành phần: Phòng Kinh tế – Hạ tầng – Đô thị, Nguyễn Thị Lan\nChủ trì: Trần Văn Hùng');
    assert.equal(new ICAL.Event(events.get(uidOf(hostile._id))!).summary, HOSTILE_TITLE);
    assert.equal(events.get(uidOf(cancelled._id))!.getFirstPropertyValue('status'), 'CANCELLED');
    assert.equal(new ICAL.Event(events.get(uidOf(changed._id))!).summary, 'Tiếp công dân định kỳ (chuyển sang cả ngày)');
    for (const v of events.values()) {
      assert.equal(v.getAllProperties('attendee').length, 0);
      assert.equal(v.getAllProperties('organizer').length, 0);
    }
    for (const absent of [
      'SECRET',
      'hung.tran',
      'lan.nguyen',
      'ghost.account',
      'urn:docket:account',
      'Lịch nháp',
      'file:',
      'n4bQgYhMfWWaL',
    ])
      assert.ok(!r.text.includes(absent), absent);
    for (const v of events.values()) assert.equal(v.getAllProperties('attach').length, 0, 'no ATTACH');
    // A week not published: an empty calendar; the default (this week and the next) parses.
    const b = await request(`${s.url}/public/schedule.ics?week=${WEEK_B}`);
    assert.equal(b.status, 200);
    assert.equal(new ICAL.Component(ICAL.parse(b.text) as unknown[]).getAllSubcomponents('vevent').length, 0);
    const d = await request(`${s.url}/public/schedule.ics`);
    assert.equal(d.status, 200);
    assert.ok(new ICAL.Component(ICAL.parse(d.text) as unknown[]).getFirstPropertyValue('version'));
    assert.equal((await request(`${s.url}/public/schedule.ics?week=2026-W99`)).status, 400);
  });

  it('answers 404 again as soon as the administrator turns it off', async () => {
    const offNow = await setting('tri.nguyen', { publicSchedule: false });
    assert.equal(offNow.status, 200);
    assert.deepEqual(offNow.json, { publicSchedule: false });
    assert.equal((await page(`?week=${WEEK_A}`)).status, 404);
    assert.equal((await request(`${s.url}/public/schedule.ics?week=${WEEK_A}`)).status, 404);
    const audit = await request(`${s.url}/api/admin/audit?action=settingsChanged`, { cookie: cookies['tri.nguyen'] });
    assert.equal(audit.json.entries.length, 2);
  });
});
