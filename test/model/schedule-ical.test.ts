// Calendar interchange (issue 5): export to iCalendar, read back with ical.js; import of files as Google Calendar,
// Outlook and others write them; broken files give errors, never throws.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import {
  ICS_IMPORT_LIMITS,
  type ImportedEvent,
  eventsToIcs,
  importedToEventInput,
  parseIcs,
  uidOf,
  WARD_TZID,
} from '../../src/model/schedule/ical.ts';
import { deriveEventState } from '../../src/model/schedule/state.ts';
import type { CalendarEvent, CalendarEventState } from '../../src/model/schedule/types.ts';
import { calEvent, people, step, ward } from './schedule-fixtures.ts';

const NOW = new Date('2026-12-01T00:00:00.000Z');
const rooms = new Map([['phong-hop-tang-2', 'Phòng họp tầng 2']]);
const names = new Map([
  ['hung.tran', 'Trần Văn Hùng'],
  ['lan.nguyen', 'Nguyễn Thị Lan'],
]);

const exportOne = (s: CalendarEventState, now = NOW): string => eventsToIcs([s], { calName: 'Lịch công tác', rooms, names, now });
const calendarOf = (ics: string): ICAL.Component => new ICAL.Component(ICAL.parse(ics) as unknown[]);
const veventsOf = (ics: string): ICAL.Component[] => calendarOf(ics).getAllSubcomponents('vevent');
const onlyEvent = (ics: string): ICAL.Event => {
  const v = veventsOf(ics);
  assert.equal(v.length, 1);
  return new ICAL.Event(v[0]!);
};
const unix = (t: ICAL.Time): string => new Date(t.toUnixTime() * 1000).toISOString();
const lines = (...l: string[]): string => l.join('\r\n') + '\r\n';
const parse = (text: string) => parseIcs(text, { now: NOW });

describe('eventsToIcs', () => {
  it('writes a VCALENDAR with PRODID, VERSION, the ward time zone and the calendar name', () => {
    const ics = exportOne(deriveEventState(calEvent(), []));
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'));
    assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
    const cal = calendarOf(ics);
    assert.match(String(cal.getFirstPropertyValue('prodid')), /Docket/);
    assert.equal(cal.getFirstPropertyValue('version'), '2.0');
    assert.equal(cal.getFirstPropertyValue('x-wr-calname'), 'Lịch công tác');
    assert.equal(cal.getFirstPropertyValue('x-wr-timezone'), WARD_TZID);
    const tz = cal.getFirstSubcomponent('vtimezone')!;
    assert.equal(tz.getFirstPropertyValue('tzid'), WARD_TZID);
    const std = tz.getFirstSubcomponent('standard')!;
    assert.equal(String(std.getFirstPropertyValue('tzoffsetto')), '+07:00');
    assert.equal(tz.getFirstSubcomponent('daylight'), null, 'no daylight saving');
  });

  it('writes times in ward time with TZID=Asia/Ho_Chi_Minh, the same instants', () => {
    const e = calEvent();
    const ics = exportOne(deriveEventState(e, []));
    assert.match(ics, /DTSTART;TZID=Asia\/Ho_Chi_Minh:20261207T080000\r\n/);
    assert.match(ics, /DTEND;TZID=Asia\/Ho_Chi_Minh:20261207T093000\r\n/);
    const ev = onlyEvent(ics);
    assert.equal(ev.startDate.zone.tzid, WARD_TZID);
    assert.equal(unix(ev.startDate), ward('2026-12-07', '08:00'));
    assert.equal(unix(ev.endDate), ward('2026-12-07', '09:30'));
  });

  it('uses the slot hours for morning and afternoon, and a whole DATE day for "cả ngày"', () => {
    const morning = onlyEvent(exportOne(deriveEventState(calEvent({ when: { day: '2026-12-08', slot: 'morning' } }), [])));
    assert.equal(unix(morning.startDate), ward('2026-12-08', '07:30'));
    assert.equal(unix(morning.endDate), ward('2026-12-08', '11:30'));
    const afternoon = onlyEvent(exportOne(deriveEventState(calEvent({ when: { day: '2026-12-08', slot: 'afternoon' } }), [])));
    assert.equal(unix(afternoon.startDate), ward('2026-12-08', '13:30'));
    assert.equal(unix(afternoon.endDate), ward('2026-12-08', '17:00'));
    const allDayIcs = exportOne(deriveEventState(calEvent({ when: { day: '2026-12-31', slot: 'allDay' } }), []));
    assert.match(allDayIcs, /DTSTART;VALUE=DATE:20261231\r\n/);
    assert.match(allDayIcs, /DTEND;VALUE=DATE:20270101\r\n/);
    const allDay = onlyEvent(allDayIcs);
    assert.equal(allDay.startDate.isDate, true);
  });

  it('keeps the UID stable across exports: the _id plus @docket', () => {
    const e = calEvent();
    const a = onlyEvent(exportOne(deriveEventState(e, []), new Date('2026-12-01T00:00:00Z')));
    const b = onlyEvent(exportOne(deriveEventState(e, [step(e, 'edited', people.clerkVp, 5, { changes: { title: 'Khác' } })]), new Date()));
    assert.equal(a.uid, `${e._id}@docket`);
    assert.equal(b.uid, a.uid);
    assert.equal(uidOf(e._id), a.uid);
  });

  it('increments SEQUENCE and LAST-MODIFIED with every edit', () => {
    const e = calEvent();
    const first = onlyEvent(exportOne(deriveEventState(e, [])));
    assert.equal(first.sequence, 0);
    const edit = step(e, 'edited', people.clerkVp, 30, {
      changes: { title: 'Giao ban (dời giờ)', when: { start: ward('2026-12-07', '09:00'), end: ward('2026-12-07', '10:00') } },
    });
    const second = onlyEvent(exportOne(deriveEventState(e, [edit])));
    assert.equal(second.sequence, 1);
    assert.equal(second.summary, 'Giao ban (dời giờ)');
    assert.equal(unix(second.startDate), ward('2026-12-07', '09:00'));
    assert.equal(unix(second.component.getFirstPropertyValue('last-modified') as ICAL.Time), edit.createdAt);
    const again = step(e, 'edited', people.chair, 40, { changes: { notes: 'Mang tài liệu' } });
    assert.equal(onlyEvent(exportOne(deriveEventState(e, [edit, again]))).sequence, 2);
    // An answer of an invitee is not an edit of the event.
    const answer = step(e, 'accepted', people.leader2, 50);
    assert.equal(onlyEvent(exportOne(deriveEventState(e, [edit, again, answer]))).sequence, 2);
  });

  it('keeps a cancelled event in the feed with STATUS:CANCELLED', () => {
    const e = calEvent();
    const before = onlyEvent(exportOne(deriveEventState(e, [])));
    assert.equal(before.component.getFirstPropertyValue('status'), 'CONFIRMED');
    const cancelled = onlyEvent(exportOne(deriveEventState(e, [step(e, 'cancelled', people.chair, 10, { note: 'Hoãn' })])));
    assert.equal(cancelled.component.getFirstPropertyValue('status'), 'CANCELLED');
    assert.equal(cancelled.sequence, 1);
    assert.equal(cancelled.uid, before.uid);
  });

  it('escapes commas, semicolons, backslashes and newlines, folds long lines, and keeps Vietnamese text intact', () => {
    const title = 'Họp bàn kế hoạch; chuẩn bị, phân công\\kiểm tra – Tết Nguyên đán Bính Ngọ 2026 ở phường Bến Nghé';
    const content = 'Dòng 1: nội dung, chi tiết; và\nDòng 2: “trích dẫn”\n\nDòng 4';
    const e = calEvent({
      title,
      content,
      notes: 'Ghi chú: mang laptop',
      location: { text: 'Nhà văn hoá khu phố 3, đường Lê Lợi; tầng 2' },
    });
    const ics = exportOne(deriveEventState(e, []));
    assert.match(ics, /SUMMARY:Họp bàn kế hoạch\\; chuẩn bị\\, phân công\\\\kiểm tra/);
    assert.match(ics, /DESCRIPTION:Dòng 1: nội dung\\, chi tiết\\; và\\nDòng 2/);
    for (const line of ics.split('\r\n')) assert.ok(new TextEncoder().encode(line).length <= 75, `folded: ${line}`);
    assert.ok(!/[^\r]\n/.test(ics), 'CRLF line ends only');
    const ev = onlyEvent(ics);
    assert.equal(ev.summary, title);
    assert.equal(ev.description, `${content}\n\nGhi chú: mang laptop`);
    assert.equal(ev.location, 'Nhà văn hoá khu phố 3, đường Lê Lợi; tầng 2');
  });

  it('names the room and the people', () => {
    const ev = onlyEvent(exportOne(deriveEventState(calEvent(), [step(calEvent(), 'accepted', people.leader2, 1)])));
    assert.equal(ev.location, 'Phòng họp tầng 2');
    const organizer = ev.component.getFirstProperty('organizer')!;
    assert.equal(organizer.getParameter('cn'), 'Trần Văn Hùng');
    const attendees = ev.attendees.map((a) => a.getParameter('cn'));
    assert.deepEqual(attendees.sort(), ['Nguyễn Thị Lan', 'khanh.le'].sort());
    const unknownRoom = onlyEvent(exportOne(deriveEventState(calEvent({ location: { roomId: 'hoi-truong' } }), [])));
    assert.equal(unknownRoom.location, 'hoi-truong');
  });

  it('marks invitees’ answers as PARTSTAT', () => {
    const e = calEvent();
    const ev = onlyEvent(exportOne(deriveEventState(e, [step(e, 'declined', people.leader2, 3, { note: 'Đi công tác' })])));
    const lan = ev.attendees.find((a) => a.getParameter('cn') === 'Nguyễn Thị Lan')!;
    assert.equal(lan.getParameter('partstat'), 'DECLINED');
  });

  it('writes an empty calendar for no events, and sorts events by start', () => {
    const empty = eventsToIcs([], { calName: 'Trống', now: NOW });
    assert.equal(veventsOf(empty).length, 0);
    const late = deriveEventState(calEvent({ title: 'B', when: { day: '2026-12-09', slot: 'morning' } }), []);
    const early = deriveEventState(calEvent({ title: 'A', when: { day: '2026-12-08', slot: 'morning' } }), []);
    const ics = eventsToIcs([late, early], { calName: 'x', now: NOW });
    assert.deepEqual(
      veventsOf(ics).map((v) => v.getFirstPropertyValue('summary')),
      ['A', 'B'],
    );
  });
});

const GOOGLE = lines(
  'BEGIN:VCALENDAR',
  'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
  'VERSION:2.0',
  'CALSCALE:GREGORIAN',
  'METHOD:PUBLISH',
  'X-WR-CALNAME:Cá nhân',
  'X-WR-TIMEZONE:Asia/Ho_Chi_Minh',
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Ho_Chi_Minh',
  'X-LIC-LOCATION:Asia/Ho_Chi_Minh',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'TZNAME:ICT',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'DTSTART;TZID=Asia/Ho_Chi_Minh:20261210T140000',
  'DTEND;TZID=Asia/Ho_Chi_Minh:20261210T153000',
  'DTSTAMP:20261130T101010Z',
  'UID:5k3v1q9c0g@google.com',
  'CREATED:20261120T080000Z',
  'DESCRIPTION:Chuẩn bị báo cáo\\, số liệu\\; tổng hợp\\nhai dòng',
  'LOCATION:Hội trường UBND phường\\, 45 Lê Lợi',
  'SEQUENCE:0',
  'STATUS:CONFIRMED',
  'SUMMARY:Họp tổ dân phố',
  'TRANSP:OPAQUE',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART:20261212T020000Z',
  'DTEND:20261212T030000Z',
  'UID:utc-1@google.com',
  'SUMMARY:Gọi điện (UTC)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20261215',
  'DTEND;VALUE=DATE:20261216',
  'UID:allday-1@google.com',
  'SUMMARY:Nghỉ phép',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20261221',
  'DTEND;VALUE=DATE:20261224',
  'UID:allday-3@google.com',
  'SUMMARY:Tập huấn 3 ngày',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;TZID=Asia/Ho_Chi_Minh:20261207T073000',
  'DTEND;TZID=Asia/Ho_Chi_Minh:20261207T083000',
  'RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=MO',
  'EXDATE;TZID=Asia/Ho_Chi_Minh:20261214T073000',
  'UID:weekly@google.com',
  'SUMMARY:Chào cờ',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;TZID=Asia/Ho_Chi_Minh:20261221T090000',
  'DTEND;TZID=Asia/Ho_Chi_Minh:20261221T100000',
  'RECURRENCE-ID;TZID=Asia/Ho_Chi_Minh:20261221T073000',
  'UID:weekly@google.com',
  'SUMMARY:Chào cờ (dời giờ)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;TZID=Asia/Ho_Chi_Minh:20261211T090000',
  'DTEND;TZID=Asia/Ho_Chi_Minh:20261211T100000',
  'UID:cancelled@google.com',
  'STATUS:CANCELLED',
  'SUMMARY:Buổi đã huỷ',
  'END:VEVENT',
  'END:VCALENDAR',
);

const OUTLOOK = lines(
  'BEGIN:VCALENDAR',
  'METHOD:PUBLISH',
  'PRODID:Microsoft Exchange Server 2010',
  'VERSION:2.0',
  'X-WR-CALNAME:Calendar',
  'BEGIN:VTIMEZONE',
  'TZID:SE Asia Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T000000',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T000000',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
  'BEGIN:VTIMEZONE',
  'TZID:Eastern Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16011104T020000',
  'RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010311T020000',
  'RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'DESCRIPTION:Xem xét hồ sơ\\n',
  'UID:040000008200E00074C5B7101A82E00800000000A0B0C0D0E0F0@outlook',
  'SUMMARY:Tiếp dân định kỳ',
  'DTSTART;TZID=SE Asia Standard Time:20261216T080000',
  'DTEND;TZID=SE Asia Standard Time:20261216T110000',
  'CLASS:PUBLIC',
  'PRIORITY:5',
  'DTSTAMP:20261130T020000Z',
  'TRANSP:OPAQUE',
  'STATUS:CONFIRMED',
  'SEQUENCE:0',
  'LOCATION:Phòng tiếp dân',
  'X-MICROSOFT-CDO-BUSYSTATUS:BUSY',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:ny@outlook',
  'SUMMARY:Video call with New York',
  'DTSTART;TZID=Eastern Standard Time:20270705T200000',
  'DURATION:PT45M',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:ny-winter@outlook',
  'SUMMARY:Winter call',
  'DTSTART;TZID=Eastern Standard Time:20270105T200000',
  'DTEND;TZID=Eastern Standard Time:20270105T210000',
  'END:VEVENT',
  'END:VCALENDAR',
);

const byUid = (events: ImportedEvent[], uid: string): ImportedEvent => {
  const e = events.find((x) => x.uid === uid);
  assert.ok(e, `event ${uid} imported`);
  return e;
};

describe('parseIcs', () => {
  it('reads a Google Calendar export: TZID, UTC, whole days, recurrence with EXDATE and a moved occurrence, cancelled', () => {
    const { events, errors } = parse(GOOGLE);
    assert.deepEqual(errors, []);
    const meeting = byUid(events, '5k3v1q9c0g@google.com');
    assert.equal(meeting.title, 'Họp tổ dân phố');
    assert.deepEqual(meeting.when, { start: ward('2026-12-10', '14:00'), end: ward('2026-12-10', '15:30') });
    assert.equal(meeting.content, 'Chuẩn bị báo cáo, số liệu; tổng hợp\nhai dòng');
    assert.equal(meeting.locationText, 'Hội trường UBND phường, 45 Lê Lợi');
    assert.equal(meeting.cancelled, false);
    assert.deepEqual(byUid(events, 'utc-1@google.com').when, { start: '2026-12-12T02:00:00.000Z', end: '2026-12-12T03:00:00.000Z' });
    assert.deepEqual(byUid(events, 'allday-1@google.com').when, { day: '2026-12-15', slot: 'allDay' });
    assert.deepEqual(byUid(events, 'allday-3@google.com').when, { start: ward('2026-12-21', '07:30'), end: ward('2026-12-23', '17:00') });
    const weekly = events.filter((e) => e.uid.startsWith('weekly@google.com#'));
    assert.deepEqual(
      weekly.map((e) => [e.uid, e.title, e.when]),
      [
        ['weekly@google.com#20261207T003000Z', 'Chào cờ', { start: ward('2026-12-07', '07:30'), end: ward('2026-12-07', '08:30') }],
        [
          'weekly@google.com#20261221T003000Z',
          'Chào cờ (dời giờ)',
          { start: ward('2026-12-21', '09:00'), end: ward('2026-12-21', '10:00') },
        ],
        ['weekly@google.com#20261228T003000Z', 'Chào cờ', { start: ward('2026-12-28', '07:30'), end: ward('2026-12-28', '08:30') }],
      ],
    );
    assert.equal(byUid(events, 'cancelled@google.com').cancelled, true);
    assert.equal(events.length, 8);
  });

  it('reads an Outlook export: Windows zone names through their VTIMEZONE, daylight saving elsewhere, DURATION', () => {
    const { events, errors } = parse(OUTLOOK);
    assert.deepEqual(errors, []);
    const reception = byUid(events, '040000008200E00074C5B7101A82E00800000000A0B0C0D0E0F0@outlook');
    // 08:00–11:00 ward time is not a slot (morning is 07:30–11:30): an exact interval.
    assert.deepEqual(reception.when, { start: ward('2026-12-16', '08:00'), end: ward('2026-12-16', '11:00') });
    assert.equal(reception.content, 'Xem xét hồ sơ');
    assert.equal(reception.locationText, 'Phòng tiếp dân');
    // 20:00 EDT (UTC−4) in July, 20:00 EST (UTC−5) in January.
    assert.deepEqual(byUid(events, 'ny@outlook').when, { start: '2027-07-06T00:00:00.000Z', end: '2027-07-06T00:45:00.000Z' });
    assert.deepEqual(byUid(events, 'ny-winter@outlook').when, { start: '2027-01-06T01:00:00.000Z', end: '2027-01-06T02:00:00.000Z' });
  });

  it('reads floating times and known zone names without VTIMEZONE as ward time or UTC; other zones are an error per event', () => {
    const { events, errors } = parse(
      lines(
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'BEGIN:VEVENT',
        'UID:floating',
        'SUMMARY:Floating',
        'DTSTART:20261210T090000',
        'DTEND:20261210T100000',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:hcm',
        'SUMMARY:No VTIMEZONE',
        'DTSTART;TZID=Asia/Ho_Chi_Minh:20261210T090000',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:utc',
        'SUMMARY:UTC by name',
        'DTSTART;TZID=UTC:20261210T090000',
        'DTEND;TZID=UTC:20261210T093000',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:paris',
        'SUMMARY:Paris',
        'DTSTART;TZID=Europe/Paris:20261210T090000',
        'END:VEVENT',
        'END:VCALENDAR',
      ),
    );
    assert.deepEqual(byUid(events, 'floating').when, { start: ward('2026-12-10', '09:00'), end: ward('2026-12-10', '10:00') });
    // No DTEND, no DURATION: one hour.
    assert.deepEqual(byUid(events, 'hcm').when, { start: ward('2026-12-10', '09:00'), end: ward('2026-12-10', '10:00') });
    assert.deepEqual(byUid(events, 'utc').when, { start: '2026-12-10T09:00:00.000Z', end: '2026-12-10T09:30:00.000Z' });
    assert.equal(events.length, 3);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.code, 'unknownTimezone');
    assert.equal(errors[0]!.uid, 'paris');
    assert.equal(errors[0]!.line, 20);
  });

  it('maps a whole day without DTEND to one day and a slot’s exact hours to the slot', () => {
    const { events } = parse(
      lines(
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'UID:d',
        'SUMMARY:Day',
        'DTSTART;VALUE=DATE:20261210',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:m',
        'SUMMARY:Morning',
        'DTSTART:20261210T003000Z',
        'DTEND:20261210T043000Z',
        'END:VEVENT',
        'END:VCALENDAR',
      ),
    );
    assert.deepEqual(byUid(events, 'd').when, { day: '2026-12-10', slot: 'allDay' });
    assert.deepEqual(byUid(events, 'm').when, { day: '2026-12-10', slot: 'morning' });
  });

  it('expands an endless rule only within the window, and refuses to go past the limit', () => {
    const daily = parse(
      lines(
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'UID:daily',
        'SUMMARY:Daily',
        'DTSTART:20200101T010000Z',
        'DURATION:PT30M',
        'RRULE:FREQ=DAILY',
        'END:VEVENT',
        'END:VCALENDAR',
      ),
    );
    assert.deepEqual(daily.errors, []);
    const starts = daily.events.map((e) => Date.parse((e.when as { start: string }).start));
    assert.equal(daily.events.length, ICS_IMPORT_LIMITS.pastDays + ICS_IMPORT_LIMITS.futureDays);
    assert.ok(Math.min(...starts) >= NOW.getTime() - ICS_IMPORT_LIMITS.pastDays * 86_400_000);
    assert.ok(Math.max(...starts) < NOW.getTime() + ICS_IMPORT_LIMITS.futureDays * 86_400_000);
    const hourly = parse(
      lines(
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'UID:hourly',
        'SUMMARY:Hourly',
        'DTSTART:20261201T010000Z',
        'RRULE:FREQ=HOURLY',
        'END:VEVENT',
        'END:VCALENDAR',
      ),
    );
    assert.equal(hourly.events.length, ICS_IMPORT_LIMITS.maxOccurrences);
    assert.deepEqual(
      hourly.errors.map((e) => [e.code, e.uid, e.line]),
      [['recurrenceLimit', 'hourly', 2]],
    );
  });

  it('marks every event of a METHOD:CANCEL file cancelled', () => {
    const { events } = parse(
      lines(
        'BEGIN:VCALENDAR',
        'METHOD:CANCEL',
        'BEGIN:VEVENT',
        'UID:c',
        'SUMMARY:x',
        'DTSTART:20261210T010000Z',
        'END:VEVENT',
        'END:VCALENDAR',
      ),
    );
    assert.equal(events[0]!.cancelled, true);
  });

  const INVALID: [string, string, string][] = [
    ['an empty file', '', 'empty'],
    ['blanks', '  \r\n\n ', 'empty'],
    ['plain text', 'Xin chào, đây không phải lịch', 'notICalendar'],
    ['binary garbage', '\u0000\u0001\u00ff PK\u0003\u0004 garbage', 'notICalendar'],
    ['JSON', '{"events":[]}', 'notICalendar'],
    ['a vCard', lines('BEGIN:VCARD', 'VERSION:4.0', 'FN:An', 'END:VCARD'), 'notICalendar'],
    ['a truncated file', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n', 'unreadable'],
    // ical.js is lenient with END lines; what it reads has no start.
    ['an unbalanced file', lines('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VTODO', 'END:VCALENDAR'), 'missingStart'],
    [
      'a calendar without events',
      lines('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VTODO', 'SUMMARY:todo', 'END:VTODO', 'END:VCALENDAR'),
      'noEvents',
    ],
    [
      'an event without start',
      lines('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:x', 'SUMMARY:x', 'END:VEVENT', 'END:VCALENDAR'),
      'missingStart',
    ],
    [
      'a broken date',
      lines('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:x', 'DTSTART:tomorrow-ish', 'END:VEVENT', 'END:VCALENDAR'),
      'invalidEvent',
    ],
    [
      'an end before the start',
      lines(
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'UID:x',
        'DTSTART:20261210T010000Z',
        'DTEND:20261209T010000Z',
        'END:VEVENT',
        'END:VCALENDAR',
      ),
      'endBeforeStart',
    ],
    [
      'an event of two months',
      lines(
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'UID:x',
        'DTSTART;VALUE=DATE:20261201',
        'DTEND;VALUE=DATE:20270201',
        'END:VEVENT',
        'END:VCALENDAR',
      ),
      'tooLong',
    ],
    [
      'a broken rule',
      lines('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:x', 'DTSTART:20261210T010000Z', 'RRULE:FREQ=SOMETIMES', 'END:VEVENT', 'END:VCALENDAR'),
      'unreadable',
    ],
  ];
  for (const [what, text, code] of INVALID) {
    it(`gives ${code} for ${what}, without throwing`, () => {
      const r = parseIcs(text, { now: NOW });
      assert.equal(r.events.length, 0, JSON.stringify(r.events));
      assert.ok(r.errors.length >= 1);
      assert.equal(r.errors[0]!.code, code, JSON.stringify(r.errors));
      assert.ok(r.errors[0]!.message.length > 0);
    });
  }

  it('keeps the good events of a file with a bad one, and says on which line the bad one begins', () => {
    const r = parse(
      lines(
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'UID:ok',
        'SUMMARY:ok',
        'DTSTART:20261210T010000Z',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:bad',
        'DTSTART:20261210T010000Z',
        'DTEND:20261201T010000Z',
        'END:VEVENT',
        'END:VCALENDAR',
      ),
    );
    assert.deepEqual(
      r.events.map((e) => e.uid),
      ['ok'],
    );
    assert.deepEqual(
      r.errors.map((e) => [e.code, e.line, e.uid]),
      [['endBeforeStart', 7, 'bad']],
    );
  });

  it('refuses files over the size limit and with too many events', () => {
    assert.equal(parse('BEGIN:VCALENDAR\r\n' + 'X'.repeat(ICS_IMPORT_LIMITS.maxBytes)).errors[0]!.code, 'tooLarge');
    const many = Array.from({ length: ICS_IMPORT_LIMITS.maxEvents + 1 }, (_, i) =>
      lines('BEGIN:VEVENT', `UID:${i}`, 'DTSTART:20261210T010000Z', 'END:VEVENT'),
    ).join('');
    assert.equal(parse(`BEGIN:VCALENDAR\r\n${many}END:VCALENDAR\r\n`).errors[0]!.code, 'tooManyEvents');
  });

  it('reads LF-only files with a byte order mark', () => {
    const r = parse('\uFEFFBEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:lf\nSUMMARY:LF\nDTSTART:20261210T010000Z\nEND:VEVENT\nEND:VCALENDAR\n');
    assert.deepEqual(r.errors, []);
    assert.equal(r.events[0]!.title, 'LF');
  });
});

describe('importedToEventInput', () => {
  const imported: ImportedEvent = {
    uid: 'x@google.com',
    title: 'Họp tổ',
    content: 'Nội dung',
    when: { day: '2026-12-10', slot: 'afternoon' },
    locationText: 'Nhà văn hoá',
    cancelled: false,
  };

  it('gives the fields of a new personal or unit entry', () => {
    assert.deepEqual(importedToEventInput(imported, { visibility: 'personal' }), {
      title: 'Họp tổ',
      content: 'Nội dung',
      when: { day: '2026-12-10', slot: 'afternoon' },
      location: { text: 'Nhà văn hoá' },
      participants: [],
      participantUnits: [],
      links: [],
      visibility: 'personal',
      leadership: false,
      priority: 'normal',
    });
    const unit = importedToEventInput(imported, { visibility: 'unit', unitId: 'kt' });
    assert.equal(unit.visibility, 'unit');
    assert.equal(unit.unitId, 'kt');
  });

  it('clamps long text to the schedule limits and titles an untitled event', () => {
    const long = importedToEventInput(
      { ...imported, title: 'T'.repeat(600), content: 'C'.repeat(20_000), locationText: 'L'.repeat(400) },
      { visibility: 'personal' },
    );
    assert.equal(long.title.length, 500);
    assert.equal(long.content!.length, 10_000);
    assert.equal((long.location as { text: string }).text.length, 300);
    assert.equal(
      importedToEventInput({ ...imported, title: '  ' }, { visibility: 'personal', untitled: '(Không tiêu đề)' }).title,
      '(Không tiêu đề)',
    );
  });
});

describe('round trip', () => {
  it('import → new entries → export → import keeps titles, times and places', () => {
    const first = parse(GOOGLE).events.filter((e) => !e.cancelled);
    const docs: CalendarEvent[] = first.map((ev, i) => ({
      _id: `calendarEvent:01JROUNDTRIP${String(i).padStart(14, '0')}`,
      type: 'calendarEvent',
      schema: 1,
      createdAt: '2026-12-01T00:00:00.000Z',
      createdBy: people.staffKt.name,
      actorName: 'Phạm Tuấn',
      actorRoles: people.staffKt.roles,
      ...importedToEventInput(ev, { visibility: 'personal' }),
    }));
    const ics = eventsToIcs(
      docs.map((d) => deriveEventState(d, [])),
      { calName: 'Cá nhân', now: NOW },
    );
    const again = parse(ics);
    assert.deepEqual(again.errors, []);
    const strip = (e: ImportedEvent) => ({ title: e.title, when: e.when, place: e.locationText, content: e.content });
    const key = (e: { when: ImportedEvent['when'] }) => JSON.stringify(e.when);
    assert.deepEqual(
      again.events.map(strip).sort((a, b) => key(a).localeCompare(key(b))),
      first.map(strip).sort((a, b) => key(a).localeCompare(key(b))),
    );
    assert.deepEqual(again.events.map((e) => e.uid).sort(), docs.map((d) => uidOf(d._id)).sort());
  });
});
