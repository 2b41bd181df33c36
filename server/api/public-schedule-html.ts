/**
 * The HTML of the public leadership schedule (`./public-schedule.ts`): server-rendered, Vietnamese, no script, one
 * stylesheet (`/public/schedule.css`, so the page works under a CSP without `'unsafe-inline'`), printable on A4
 * landscape. Pure: it gets a view that already holds only what may be shown, and escapes every text it writes.
 */
import type { Slot } from '../../src/model/schedule/types.ts';

/** Text → HTML text or attribute value (double- or single-quoted): `& < > " '` become entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One entry of the table: only the columns of the ward's paper schedule, as display text. */
export interface PublicRow {
  time: string;
  title: string;
  participants: string;
  location: string;
  chair: string;
  cancelled: boolean;
  changed: boolean;
}

export interface PublicDay {
  /** `YYYY-MM-DD`. */
  day: string;
  slots: { slot: Slot; rows: PublicRow[] }[];
}

export interface PublicWeekView {
  wardName: string;
  /** `YYYY-Www`. */
  week: string;
  /** Monday and Sunday, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Neighbouring weeks for the links (absent at the ends of the accepted range). */
  prev?: string;
  next?: string;
  /** Null: the week has not been published. */
  days: PublicDay[] | null;
  /** The latest publication, ISO UTC. */
  publishedAt?: string;
}

export const PAGE_PATH = '/public/schedule';
export const CSS_PATH = '/public/schedule.css';

const SLOT_LABEL: Record<Slot, string> = { morning: 'Sáng', afternoon: 'Chiều', allDay: 'Cả ngày' };
const WEEKDAY = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

export const NOT_PUBLISHED = 'Lịch tuần này chưa được công bố.';
export const CANCELLED_MARK = '(Hoãn/Hủy)';
export const CHANGED_MARK = '(Thay đổi)';

/** `2026-12-07` → `07/12/2026`. */
export const viDate = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const weekdayOf = (day: string): string => WEEKDAY[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
const weekHref = (week: string): string => `${PAGE_PATH}?week=${encodeURIComponent(week)}`;
/** An ISO instant in ward time (UTC+7): `16:05 ngày 04/12/2026`. */
function wardStamp(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${d.slice(11, 16)} ngày ${viDate(d.slice(0, 10))}`;
}

function shell(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${CSS_PATH}">
</head>
<body>
${body}
</body>
</html>
`;
}

/** A short page for the answers that are not a schedule (404 when the ward does not publish it, 400 for a bad week). */
export function renderMessagePage(wardName: string, heading: string, message: string): string {
  return shell(
    `${heading} – ${wardName}`,
    `<main class="message">
<p class="org">${escapeHtml(wardName)}</p>
<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(message)}</p>
</main>`,
  );
}

/** `<del>` around struck text (a cancelled entry), the text alone otherwise. */
const struck = (text: string, cancelled: boolean): string => (cancelled && text ? `<del>${escapeHtml(text)}</del>` : escapeHtml(text));

function rowCells(r: PublicRow): string {
  const mark = r.cancelled
    ? ` <strong class="mark cancelled">${CANCELLED_MARK}</strong>`
    : r.changed
      ? ` <strong class="mark changed">${CHANGED_MARK}</strong>`
      : '';
  return `<td class="time">${struck(r.time, r.cancelled)}</td>
<td class="title">${struck(r.title, r.cancelled)}${mark}</td>
<td>${struck(r.participants, r.cancelled)}</td>
<td>${struck(r.location, r.cancelled)}</td>
<td>${struck(r.chair, r.cancelled)}</td>`;
}

function dayRows(d: PublicDay): string {
  const n = d.slots.reduce((sum, s) => sum + s.rows.length, 0);
  const head = `<th class="day" scope="rowgroup" rowspan="${Math.max(n, 1)}">${weekdayOf(d.day)}<br>${viDate(d.day)}</th>`;
  if (n === 0) return `<tbody>\n<tr>${head}<td colspan="6" class="empty">Không có lịch.</td></tr>\n</tbody>`;
  const out: string[] = [];
  let first = true;
  for (const s of d.slots)
    s.rows.forEach((r, i) => {
      const cls = r.cancelled ? ' class="cancelled"' : r.changed ? ' class="changed"' : '';
      const slot = i === 0 ? `<td class="slot" rowspan="${s.rows.length}">${SLOT_LABEL[s.slot]}</td>` : '';
      out.push(`<tr${cls}>${first ? head : ''}${slot}\n${rowCells(r)}</tr>`);
      first = false;
    });
  return `<tbody>\n${out.join('\n')}\n</tbody>`;
}

function table(days: PublicDay[]): string {
  return `<div class="scroll">
<table>
<thead>
<tr><th scope="col">Thứ, ngày</th><th scope="col">Buổi</th><th scope="col">Giờ</th><th scope="col">Nội dung</th><th scope="col">Thành phần</th><th scope="col">Địa điểm</th><th scope="col">Chủ trì</th></tr>
</thead>
${days.map(dayRows).join('\n')}
</table>
</div>`;
}

/** The week's page: heading, week links, the table (or "not published"). */
export function renderSchedulePage(v: PublicWeekView): string {
  const n = Number(v.week.slice(6));
  const year = v.week.slice(0, 4);
  const links = [
    v.prev ? `<a rel="prev" href="${escapeHtml(weekHref(v.prev))}">← Tuần trước</a>` : '',
    `<a href="${PAGE_PATH}">Tuần hiện tại</a>`,
    v.next ? `<a rel="next" href="${escapeHtml(weekHref(v.next))}">Tuần sau →</a>` : '',
    v.days ? `<a href="${escapeHtml(`${PAGE_PATH}.ics?week=${encodeURIComponent(v.week)}`)}">Tải lịch (.ics)</a>` : '',
  ].filter(Boolean);
  const main = v.days ? table(v.days) : `<p class="notice" role="status">${NOT_PUBLISHED}</p>`;
  const footer = v.days && v.publishedAt ? `<footer><p>Lịch công bố lúc ${wardStamp(v.publishedAt)}.</p></footer>` : '';
  return shell(
    `Lịch công tác tuần ${n}/${year} – ${v.wardName}`,
    `<header>
<p class="org">${escapeHtml(v.wardName)}</p>
<h1>LỊCH CÔNG TÁC TUẦN CỦA LÃNH ĐẠO</h1>
<p class="week">Tuần ${n} năm ${year} (từ ngày ${viDate(v.from)} đến ngày ${viDate(v.to)})</p>
</header>
<nav aria-label="Chọn tuần">${links.join('\n')}</nav>
<main>
${main}
</main>
${footer}`,
  );
}

/** `/public/schedule.css`: screen, phone (the table scrolls sideways) and print on A4 landscape. */
export const PUBLIC_SCHEDULE_CSS = `:root { color-scheme: light; }
body { margin: 1.5rem; color: #111; background: #fff; font: 15px/1.4 "Times New Roman", Times, serif; }
header { text-align: center; }
.org { margin: 0; font-weight: bold; text-transform: uppercase; }
h1 { margin: 0.25rem 0; font-size: 1.4rem; }
.week { margin: 0; font-style: italic; }
nav { display: flex; flex-wrap: wrap; justify-content: center; gap: 0.5rem 1.25rem; margin: 1rem 0; }
a { color: #0645ad; }
a:focus-visible { outline: 2px solid #0645ad; outline-offset: 2px; }
.scroll { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #444; padding: 0.35rem 0.5rem; vertical-align: top; text-align: left; }
thead th { background: #eee; text-align: center; }
th.day, td.slot, td.time { white-space: nowrap; text-align: center; }
td.title { min-width: 14rem; }
td.empty { color: #555; font-style: italic; }
tr.cancelled td { color: #555; }
.mark { white-space: nowrap; }
.mark.cancelled { color: #a00000; }
.mark.changed { color: #8a4b00; }
.notice { margin: 2rem 0; text-align: center; font-size: 1.1rem; }
.message { max-width: 40rem; margin: 3rem auto; text-align: center; }
footer { margin-top: 1rem; font-size: 0.9rem; color: #333; }
@media (max-width: 640px) { body { margin: 0.5rem; font-size: 14px; } }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { margin: 0; font-size: 11pt; }
  nav { display: none; }
  .scroll { overflow: visible; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  thead th { background: none; }
}
`;
