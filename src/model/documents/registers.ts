/**
 * Registers of incoming and outgoing documents (sổ đăng ký văn bản đến / đi) as the tables of Decree
 * 30/2020/NĐ-CP, Appendix IV, for a date range, and their CSV export. The register is a Vietnamese
 * administrative form, so its cells and headers are Vietnamese whatever the interface language. Pure.
 */
import { wardDayOfInstant } from './dates.ts';
import { formatArrivalNumber } from './numbering.ts';
import { type Confidentiality, type RegistryBook, type Urgency, DOCUMENT_KINDS } from './types.ts';
import { type DocumentState, type IncomingState, type OutgoingState, topAssignments } from './workflow.ts';

/** Names for people and units (from the directory); fall back to the id. */
export interface RegisterNames {
  person: (name: string) => string;
  unit: (unitId: string) => string;
}

export interface DayRange {
  /** Inclusive `YYYY-MM-DD`; unset: open. */
  from?: string;
  to?: string;
}

export type RegisterDirection = 'incoming' | 'outgoing';
export const directionOfBook = (book: RegistryBook): RegisterDirection => (book.startsWith('incoming') ? 'incoming' : 'outgoing');

/** One line of the incoming register (sổ đăng ký văn bản đến). */
export interface IncomingRegisterRow {
  documentId: string;
  year: number;
  number: number;
  /** Ngày đến. */
  arrivedOn: string;
  /** Số đến, as printed (`05`). */
  arrivalNumber: string;
  /** Tác giả: the issuing body. */
  issuingBody: string;
  /** Số, ký hiệu. */
  numberSymbol: string;
  /** Ngày tháng văn bản. */
  issuedOn: string;
  /** Tên loại và trích yếu nội dung. */
  kindAndSummary: string;
  /** Đơn vị hoặc người nhận: the lead unit(s) or person(s). */
  recipients: string;
  /** Ngày chuyển: the day it was handed to them (delivered, else directed). */
  handedOverOn?: string;
  /** Ghi chú. */
  notes: string;
}

/** One line of the outgoing register (sổ đăng ký văn bản đi). */
export interface OutgoingRegisterRow {
  documentId: string;
  year: number;
  number: number;
  /** Số, ký hiệu văn bản. */
  numberSymbol: string;
  /** Ngày tháng văn bản. */
  issuedOn: string;
  kindAndSummary: string;
  /** Người ký. */
  signer: string;
  /** Nơi nhận: internal units/persons, then external bodies. */
  recipients: string;
  /** Đơn vị, người nhận bản lưu: the drafting unit. */
  keptBy: string;
  /** Số lượng bản: the page count when recorded. */
  copies: string;
  notes: string;
}

/** Column headers as in the Decree's forms, in order (CSV and print). */
export const INCOMING_REGISTER_HEADERS = [
  'Ngày đến',
  'Số đến',
  'Tác giả',
  'Số, ký hiệu',
  'Ngày tháng văn bản',
  'Tên loại và trích yếu nội dung',
  'Đơn vị hoặc người nhận',
  'Ngày chuyển',
  'Ghi chú',
] as const;
export const OUTGOING_REGISTER_HEADERS = [
  'Số, ký hiệu văn bản',
  'Ngày tháng văn bản',
  'Tên loại và trích yếu nội dung',
  'Người ký',
  'Nơi nhận văn bản',
  'Đơn vị, người nhận bản lưu',
  'Số lượng bản',
  'Ghi chú',
] as const;

const URGENCY_VI: Record<Urgency, string> = { normal: '', urgent: 'Khẩn', veryUrgent: 'Thượng khẩn', immediate: 'Hỏa tốc' };
const CONFIDENTIALITY_VI: Record<Confidentiality, string> = { normal: '', confidential: 'Mật', secret: 'Tối mật', topSecret: 'Tuyệt mật' };

/** `2026-03-05` → `05/03/2026`, as dates are written on Vietnamese forms. */
export function viDate(day: string | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

const inRange = (day: string, r: DayRange): boolean => (!r.from || day >= r.from) && (!r.to || day <= r.to);
const byNumber = (a: { year: number; number: number }, b: { year: number; number: number }): number =>
  a.year - b.year || a.number - b.number;

function notesOf(state: DocumentState): string {
  const doc = state.doc;
  const notes = [URGENCY_VI[doc.urgency], CONFIDENTIALITY_VI[doc.confidentiality]];
  if (state.replaced) notes.push('Đã được thay thế');
  else if (state.recalled) notes.push('Đã thu hồi');
  return notes.filter(Boolean).join('; ');
}

const kindAndSummary = (state: DocumentState): string => `${DOCUMENT_KINDS[state.doc.kind].vi}: ${state.doc.summary}`;

function handedOverOn(state: IncomingState): string | undefined {
  const leads = topAssignments(state).filter((a) => a.role === 'lead');
  const stamps = leads.map((a) => a.delivered?.at ?? a.assigned.at);
  const first = stamps.sort()[0] ?? state.directions[0]?.at;
  return first ? wardDayOfInstant(first) : undefined;
}

/** The incoming register of `book` for documents arrived in `range`, by arrival number. Unnumbered documents are left out. */
export function incomingRegister(
  states: readonly DocumentState[],
  book: Extract<RegistryBook, 'incoming' | 'incomingConfidential'>,
  range: DayRange,
  names: RegisterNames,
): IncomingRegisterRow[] {
  const rows: IncomingRegisterRow[] = [];
  for (const state of states) {
    const doc = state.doc;
    if (state.direction !== 'incoming' || doc.direction !== 'incoming' || !state.number || state.number.book !== book) continue;
    if (!inRange(doc.arrivedOn, range)) continue;
    const leads = topAssignments(state).filter((a) => a.role === 'lead' && a.state !== 'returned');
    const handed = handedOverOn(state);
    rows.push({
      documentId: doc._id,
      year: state.number.year,
      number: state.number.number,
      arrivedOn: doc.arrivedOn,
      arrivalNumber: formatArrivalNumber(state.number.number),
      issuingBody: doc.issuingBody,
      numberSymbol: doc.numberSymbol,
      issuedOn: doc.issuedOn,
      kindAndSummary: kindAndSummary(state),
      recipients: leads.map((a) => (a.assignee.kind === 'unit' ? names.unit(a.assignee.unitId) : names.person(a.assignee.name))).join('; '),
      ...(handed ? { handedOverOn: handed } : {}),
      notes: notesOf(state),
    });
  }
  return rows.sort(byNumber);
}

/** The outgoing register of `book` for documents issued (numbered) in `range`, by number. */
export function outgoingRegister(
  states: readonly DocumentState[],
  book: Extract<RegistryBook, 'outgoing' | 'outgoingConfidential'>,
  range: DayRange,
  names: RegisterNames,
): OutgoingRegisterRow[] {
  const rows: OutgoingRegisterRow[] = [];
  for (const state of states) {
    const doc = state.doc;
    if (state.direction !== 'outgoing' || doc.direction !== 'outgoing' || !state.number || state.number.book !== book) continue;
    const issuedOn = state.number.issuedOn ?? wardDayOfInstant(state.number.at);
    if (!inRange(issuedOn, range)) continue;
    const out = state as OutgoingState;
    const internal = doc.internalRecipients.map((a) => (a.kind === 'unit' ? names.unit(a.unitId) : names.person(a.name)));
    rows.push({
      documentId: doc._id,
      year: state.number.year,
      number: state.number.number,
      numberSymbol: state.number.numberSymbol ?? formatArrivalNumber(state.number.number),
      issuedOn,
      kindAndSummary: kindAndSummary(state),
      signer: names.person(out.approved?.by ?? doc.signer),
      recipients: [...new Set([...internal, ...doc.externalRecipients])].join('; '),
      keptBy: names.unit(doc.unitId),
      copies: doc.pageCount ? String(doc.pageCount) : '',
      notes: notesOf(state),
    });
  }
  return rows.sort(byNumber);
}

/** The cells of a line as printed and exported, in header order. */
export function incomingCells(r: IncomingRegisterRow): string[] {
  return [
    viDate(r.arrivedOn),
    r.arrivalNumber,
    r.issuingBody,
    r.numberSymbol,
    viDate(r.issuedOn),
    r.kindAndSummary,
    r.recipients,
    viDate(r.handedOverOn),
    r.notes,
  ];
}

export function outgoingCells(r: OutgoingRegisterRow): string[] {
  return [r.numberSymbol, viDate(r.issuedOn), r.kindAndSummary, r.signer, r.recipients, r.keptBy, r.copies, r.notes];
}

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, a comma, a semicolon or a line break, quotes doubled.
 * A field starting with `=`, `+`, `@` or a tab is prefixed with `'` so a spreadsheet does not run it as a formula.
 */
export function csvField(value: string): string {
  const v = /^[=+@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A CSV file: UTF-8 byte order mark (so Excel reads Vietnamese), CRLF line ends, header line first. */
export function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [headers, ...rows].map((cells) => cells.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The register of a book as CSV. */
export function registerCsv(book: RegistryBook, rows: readonly (IncomingRegisterRow | OutgoingRegisterRow)[]): string {
  return directionOfBook(book) === 'incoming'
    ? toCsv(INCOMING_REGISTER_HEADERS, (rows as IncomingRegisterRow[]).map(incomingCells))
    : toCsv(OUTGOING_REGISTER_HEADERS, (rows as OutgoingRegisterRow[]).map(outgoingCells));
}

const BOOK_SLUG: Record<RegistryBook, string> = {
  incoming: 'so-van-ban-den',
  incomingConfidential: 'so-van-ban-den-mat',
  outgoing: 'so-van-ban-di',
  outgoingConfidential: 'so-van-ban-di-mat',
};

/** `so-van-ban-den-2026-01-01_2026-11-25.csv`. */
export const registerFileName = (book: RegistryBook, range: DayRange): string =>
  `${BOOK_SLUG[book]}-${range.from ?? 'dau'}_${range.to ?? 'nay'}.csv`;

/** Title of the printed register. */
export const registerTitle = (book: RegistryBook): string =>
  `SỔ ĐĂNG KÝ VĂN BẢN ${directionOfBook(book) === 'incoming' ? 'ĐẾN' : 'ĐI'}${book.endsWith('Confidential') ? ' MẬT' : ''}`;
