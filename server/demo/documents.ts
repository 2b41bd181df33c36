/**
 * A year of official-document traffic for the demo ward (issue 3 "Demo data"): incoming documents from the city,
 * its departments and other bodies, outgoing documents drafted by the ward's units, in every state, with
 * directions, forwarding, progress notes, returns, extensions, approvals, issuance, dispatch and a few recalls,
 * and small generated PDFs.
 *
 * `generateDemoDocuments` is pure and deterministic (a seeded PRNG, ids included): the same `today` gives the same
 * documents. `seedDemoDocuments` writes them the way devices would (docs/decisions/0001): each document and the
 * steps people took on it at its **home** (registry, drafting unit, clerk's personal space for confidential
 * ones), in time order; the server workers then deliver them (unit and personal spaces, the registry copy of
 * approved drafts, internal copies of issued documents) exactly as in production. Numbers are taken from the
 * numbering service by the seed, in the order the documents arrived or were approved, before the `numbered`
 * steps are written with the ids the workers use, so arrival numbers follow arrival order (1 January restarts)
 * and outgoing numbers carry the date they were issued, not the day the demo was seeded.
 *
 * PDFs (a valid one-page PDF 1.4 of about 1 KB) are `file:` documents in the files database of the home space,
 * named in the document's or step's `files` (docs/decisions/0002). Shortcut: every step is written at home, also
 * the few a device would write in a copy and the workers would relay home (a unit head's forwarding and answer to
 * an extension request in the unit space, a leader's direction of a confidential document in his own space); the
 * resulting state is the same.
 */
import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';
import { type ExternalBody, bodyDocId } from '../../src/model/bodies.ts';
import { addDays, daysBetween } from '../../src/model/documents/dates.ts';
import { numberedEventId } from '../../src/model/documents/event-ids.ts';
import { bookFor, formatNumberSymbol, numberingYear } from '../../src/model/documents/numbering.ts';
import {
  type Confidentiality,
  DOCUMENT_KINDS,
  type DirectionAssignment,
  type DispatchMethod,
  type DocumentKind,
  type IncomingDocument,
  type OfficialDocument,
  type OfficialDocumentEvent,
  type OutgoingDocument,
  type ReceivedVia,
  type RegistryBook,
  SYSTEM_ACTOR,
  type Urgency,
} from '../../src/model/documents/types.ts';
import { FILE_ATTACHMENT, FILE_SCHEMA, type FileMeta, type StoredFile, filesDbNameOf } from '../../src/model/files.ts';
import { headRole, unitRole } from '../../src/model/roles.ts';
import { REGISTRY_SPACE, type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { wardDay } from '../../src/model/time.ts';
import type { Logger } from '../logger.ts';
import { ORG_DB } from '../services/directory.ts';
import { NumberingService } from '../services/numbering.ts';
import type { Store } from '../store/types.ts';
import { SYSTEM_ACTOR_NAME, copyIdOf } from '../workers/documents.ts';
import {
  BODIES,
  type BodyDef,
  COMPLETION_NOTES,
  CONFIDENTIAL_TEMPLATES,
  COORDINATION_NOTES,
  type ConfidentialTemplate,
  type DemoUnitId,
  EXTENSION_REASONS,
  INCOMING_TEMPLATES,
  type IncomingTemplate,
  LEADER_OF_UNIT,
  OUTGOING_TEMPLATES,
  type OutgoingTemplate,
  PROGRESS_NOTES,
  RECALL_NOTES,
  REVIEW_NOTES,
  STAFF_BY_TOPIC,
  type Topic,
  UNIT_STAFF,
} from './documents-data.ts';
import { DEMO_ACCOUNTS, DEMO_UNITS, DEMO_WARD_NAME } from './ward.ts';
import { Rng } from './rng.ts';

// ————————————————————————————————————————————— options and result

export interface DemoDocumentCount {
  /** Incoming documents (confidential ones included). Default 400. */
  incoming?: number;
  /** Outgoing documents, replies included. Default 100. */
  outgoing?: number;
}

export interface GenerateOptions {
  /** The ward day the traffic runs up to (exclusive): nothing happens on or after it. */
  today: string;
  count?: DemoDocumentCount;
  /** PRNG seed (default: a constant, so the demo is the same every time). */
  seed?: number;
}

/** A document or step to write at its space, or (`files`) a file in the files database of that space. */
export type PlannedWrite =
  { space: SpaceRef; files?: false; doc: OfficialDocument | OfficialDocumentEvent } | { space: SpaceRef; files: true; doc: StoredFile };

/** A number to take from the numbering service, in this order; the seed fills it into `event`. */
export interface NumberRequest {
  book: RegistryBook;
  year: number;
  documentId: string;
  /** When the number was taken (the time of `event`). */
  at: string;
  event: OfficialDocumentEvent;
  /** Outgoing documents: what their number/symbol is made of. */
  outgoing?: { kind: DocumentKind; unitId: string };
}

export interface DemoDocumentsStats {
  incoming: number;
  confidential: number;
  outgoing: number;
  /** Incoming copies the workers will make of documents issued to the ward's units. */
  internalCopies: number;
  events: number;
  /** Generated PDFs (files database documents). */
  files: number;
}

export interface DemoDocumentsPlan {
  /** In time order: a document before its steps; files right after their document or step. */
  writes: PlannedWrite[];
  /** In time order. */
  numbers: NumberRequest[];
  bodies: ExternalBody[];
  stats: DemoDocumentsStats;
}

// ————————————————————————————————————————————— time, randomness, people

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WARD_OFFSET = 7 * HOUR;
const DEFAULT_SEED = 0x0d0c4e73;

const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`) - WARD_OFFSET;
const dayOf = (ms: number): string => new Date(ms + WARD_OFFSET).toISOString().slice(0, 10);
const minuteOf = (ms: number): number => Math.floor(((((ms + WARD_OFFSET) % DAY) + DAY) % DAY) / MIN);
const iso = (ms: number): string => new Date(ms).toISOString();
const dmy = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const maxDay = (a: string, b: string): string => (a > b ? a : b);

/** Public holidays (fixed ones, and Tết as the government set it) on which nothing arrives. */
const TET: Record<number, [string, string]> = {
  2025: ['2025-01-25', '2025-02-02'],
  2026: ['2026-02-14', '2026-02-22'],
  2027: ['2027-02-05', '2027-02-13'],
  2028: ['2028-01-24', '2028-02-01'],
};

function isHoliday(day: string): boolean {
  const md = day.slice(5);
  if (md === '01-01' || md === '04-30' || md === '05-01' || md === '09-01' || md === '09-02') return true;
  const tet = TET[Number(day.slice(0, 4))];
  return !!tet && day >= tet[0] && day <= tet[1];
}

function isWorkingDay(day: string): boolean {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6 && !isHoliday(day);
}

function workingOnOrAfter(day: string): string {
  let d = day;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

function workingOnOrBefore(day: string): string {
  let d = day;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/** `n` working days after (negative: before) `day`. */
function addWorkingDays(day: string, n: number): string {
  let d = day;
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0;) {
    d = addDays(d, step);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

interface Person {
  name: string;
  displayName: string;
  /** The account's roles, as `server/services/accounts.ts` gives them. */
  roles: string[];
  /** Given name, as colleagues write it: "đ/c An". */
  given: string;
}

const PEOPLE = new Map<string, Person>(
  DEMO_ACCOUNTS.map((a) => {
    const roles: string[] = [a.role];
    if (a.unitId) roles.push(unitRole(a.unitId));
    if (a.unitId && a.head) roles.push(headRole(a.unitId));
    return [a.name, { name: a.name, displayName: a.displayName, roles, given: a.displayName.split(' ').pop()! }];
  }),
);
const person = (name: string): Person => {
  const p = PEOPLE.get(name);
  if (!p) throw new Error(`demo documents: no demo account ${name}`);
  return p;
};
const HEAD_OF = Object.fromEntries(DEMO_ACCOUNTS.filter((a) => a.head && a.unitId).map((a) => [a.unitId!, a.name])) as Record<
  DemoUnitId,
  string
>;
const UNIT_NAME = Object.fromEntries(DEMO_UNITS.map((u) => [u.unitId, u.name])) as Record<DemoUnitId, string>;
const UNIT_SHORT = new Map(DEMO_UNITS.map((u) => [u.unitId, u.shortName]));
const BODY = new Map(BODIES.map((b) => [b.slug, b]));
const body = (slug: string): BodyDef => {
  const b = BODY.get(slug);
  if (!b) throw new Error(`demo documents: no body ${slug}`);
  return b;
};
const shortBodyName = (b: BodyDef): string => b.name.replace(/ thành phố Hà Nội$/, '');
const CLERKS = ['mai.hoang', 'huong.bui'];
const PARTY_CLERK = 'long.tong';
const WARD_UNITS: DemoUnitId[] = ['vp', 'kt', 'vhxh', 'ttpvhcc'];
const unitSpace = (unitId: string): SpaceRef => ({ kind: 'unit', id: unitId });

/** Share of a body's numbers that go to each kind (how large `123/QĐ-UBND` is by the time of year). */
const KIND_SHARE: Partial<Record<DocumentKind, number>> = {
  congVan: 0.62,
  quyetDinh: 0.2,
  keHoach: 0.05,
  thongBao: 0.04,
  giayMoi: 0.03,
  baoCao: 0.03,
  huongDan: 0.01,
  nghiQuyet: 0.01,
  chiThi: 0.003,
  congDien: 0.004,
};
/** Party documents write their kind as `125-KH/TU`, công văn as `CV`. */
const PARTY_ABBR: Partial<Record<DocumentKind, string>> = { congVan: 'CV', keHoach: 'KH', chiThi: 'CT', thongBao: 'TB', giayMoi: 'GM' };

// ————————————————————————————————————————————— PDFs

/** Vietnamese to ASCII for the PDF's standard fonts: "Quyết định" → "Quyet dinh". */
export function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[–—]/g, '-')
    .replace(/[“”]/g, '"')
    .replace(/[^\x20-\x7e]/g, '?');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A valid one-page PDF 1.4 (standard Helvetica fonts, no compression): a bold title, then text lines, folded to
 * ASCII. About 1 KB for a document's header and summary.
 */
export function minimalPdf(title: string, lines: string[]): Buffer {
  const esc = (s: string) => asciiFold(s).replace(/[\\()]/g, (c) => `\\${c}`);
  const body = lines.flatMap((l) => (l ? wrap(l, 86) : [''])).slice(0, 40);
  const content = [
    'BT',
    '56 780 Td',
    '16 TL',
    '/F2 13 Tf',
    `(${esc(title)}) Tj T* T*`,
    '/F1 11 Tf',
    ...body.map((l) => `(${esc(l)}) Tj T*`),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A file name from a number/symbol: `789/SXD-QLN` → `789-SXD-QLN.pdf`. */
const fileName = (numberSymbol: string): string => `${numberSymbol.replace(/[/\\:*?"<>|\s]+/g, '-')}.pdf`;

// ————————————————————————————————————————————— the generator

/** One document and the steps taken on it, at its home. Steps are dropped at the cut-off (today). */
class Track {
  readonly events: { ms: number; event: OfficialDocumentEvent; number?: Omit<NumberRequest, 'event' | 'at'> }[] = [];
  /** Files of the document and its steps, by owner id (written only when their owner is). */
  readonly files = new Map<string, StoredFile[]>();
  constructor(
    readonly space: SpaceRef,
    readonly doc: OfficialDocument,
    readonly createdMs: number,
  ) {}
}

interface IncomingFlags {
  /** Not directed yet. */
  awaiting?: boolean;
  /** Given to someone who never finished it (overdue once its deadline passed). */
  stalled?: boolean;
  /** First sent to the wrong unit, which hands it back (`open`: and it waits for a new direction). */
  returned?: 'redirect' | 'open';
  /** The assignee asks for more time. */
  extension?: boolean;
}

type OutgoingStop = 'draft' | 'submitted' | 'changesRequested' | 'withLeader' | 'numbered';

interface OutgoingPlan {
  unit: DemoUnitId;
  kind: DocumentKind;
  summary: string;
  topic: Topic;
  author: string;
  to: string[];
  internal: DemoUnitId[];
  start: number;
  repliesTo?: string;
  stopAt?: OutgoingStop;
  changes?: 'head' | 'leader';
  recall?: boolean;
  urgency?: Urgency;
}

interface AssignmentNode {
  assignee: { kind: 'unit'; unitId: string } | { kind: 'person'; name: string };
  key: string;
}

class Generator {
  private readonly rng: Rng;
  private readonly idRng: Rng;
  private readonly cutoff: number;
  private readonly from: string;
  readonly tracks: Track[] = [];
  private readonly usedSymbols = new Set<string>();
  private readonly usedIds = new Set<string>();
  private readonly signers = new Map<string, string[]>();

  constructor(
    private readonly today: string,
    seed: number,
  ) {
    this.rng = new Rng(seed);
    this.idRng = new Rng(seed ^ 0x9e3779b9);
    this.cutoff = dayStart(today);
    this.from = addDays(today, -365);
  }

  // ——— time

  /** The first office time at or after `ms` (7:30–11:30, 13:30–17:00 on working days), with a little jitter when moved. */
  private office(at: number): number {
    const ms = Math.floor(at);
    const day = dayOf(ms);
    const m = minuteOf(ms);
    if (isWorkingDay(day)) {
      if ((m >= 450 && m < 690) || (m >= 810 && m < 1020)) return ms;
      if (m < 450) return dayStart(day) + (455 + this.rng.int(0, 45)) * MIN;
      if (m < 810) return dayStart(day) + (815 + this.rng.int(0, 30)) * MIN;
    }
    return dayStart(workingOnOrAfter(addDays(day, 1))) + (455 + this.rng.int(0, 60)) * MIN;
  }

  /** Between `min` and `max` minutes after `ms`, in office hours. */
  private later(ms: number, min: number, max: number): number {
    return this.office(ms + this.rng.int(min, max) * MIN);
  }

  /** A time in office hours on `day` (or the next working day), between the given minutes of the day. */
  private onDay(day: string, from = 470, to = 1000): number {
    const d = workingOnOrAfter(day);
    let m = this.rng.int(from, to);
    if (m >= 690 && m < 810) m += 130;
    return this.office(dayStart(d) + m * MIN);
  }

  /** A working day strictly between `after` and `until` (inclusive of `until`), or `until`. */
  private dayBetween(after: string, until: string): string {
    const span = daysBetween(after, until);
    if (span <= 1) return until < after ? after : until;
    return workingOnOrBefore(addDays(after, this.rng.int(1, span)));
  }

  // ——— ids and events

  private idAt(type: 'officialDocument' | 'officialDocumentEvent' | 'file', ms: number): string {
    for (;;) {
      let r = '';
      for (let i = 0; i < 16; i++) r += CROCKFORD[this.idRng.int(0, 31)];
      const id = `${type}:${encodeTime(ms, 10)}${r}`;
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  private add(
    track: Track,
    ms: number,
    by: string,
    kind: OfficialDocumentEvent['kind'],
    more: Partial<OfficialDocumentEvent> | ((id: string) => Partial<OfficialDocumentEvent>) = {},
  ): number {
    const p = person(by);
    const id = this.idAt('officialDocumentEvent', ms);
    const extra = typeof more === 'function' ? more(id) : more;
    track.events.push({
      ms,
      event: {
        _id: id,
        type: 'officialDocumentEvent',
        schema: 1,
        createdAt: iso(ms),
        createdBy: by,
        actorName: p.displayName,
        actorRoles: p.roles,
        documentId: track.doc._id,
        kind,
        ...extra,
      },
    });
    return ms;
  }

  /** The `numbered` step the numbering worker would write, numbered by the seed. */
  private numbered(track: Track, ms: number, book: RegistryBook, year: number, outgoing?: NumberRequest['outgoing']): number {
    track.events.push({
      ms,
      event: {
        _id: numberedEventId(track.doc._id),
        type: 'officialDocumentEvent',
        schema: 1,
        createdAt: iso(ms),
        createdBy: SYSTEM_ACTOR,
        actorName: SYSTEM_ACTOR_NAME,
        documentId: track.doc._id,
        kind: 'numbered',
        book,
        year,
        number: 0,
      },
      number: { book, year, documentId: track.doc._id, ...(outgoing ? { outgoing } : {}) },
    });
    return ms;
  }

  /** A generated PDF for a document or step: its metadata for `files`, the stored file kept on the track. */
  private pdf(track: Track, ownerId: string, by: string, ms: number, name: string, title: string, lines: string[]): FileMeta {
    const bytes = minimalPdf(title, lines);
    const meta: FileMeta = {
      fileId: this.idAt('file', ms),
      name,
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(new Uint8Array(bytes)).digest('base64'),
    };
    const stored = {
      _id: meta.fileId,
      type: 'file',
      schema: FILE_SCHEMA,
      createdAt: iso(ms),
      createdBy: by,
      ownerId,
      name: meta.name,
      contentType: meta.contentType,
      size: meta.size,
      sha256: meta.sha256,
      _attachments: { [FILE_ATTACHMENT]: { content_type: meta.contentType, data: bytes.toString('base64') } },
    } as StoredFile;
    track.files.set(ownerId, [...(track.files.get(ownerId) ?? []), stored]);
    return meta;
  }

  // ——— text

  private fill(text: string, day: string): string {
    const y = Number(day.slice(0, 4));
    const m = Number(day.slice(5, 7));
    const d = Number(day.slice(8, 10));
    const month = (mm: number, yy: number) =>
      mm < 1 ? `tháng ${mm + 12}/${yy - 1}` : mm > 12 ? `tháng ${mm - 12}/${yy + 1}` : `tháng ${mm}/${yy}`;
    const ROMAN = ['I', 'II', 'III', 'IV'];
    const q = Math.floor((m - 1) / 3);
    const quarter = (qq: number, yy: number) => (qq < 0 ? `quý IV năm ${yy - 1}` : `quý ${ROMAN[qq]} năm ${yy}`);
    const reportMonth = d <= 10 ? m - 1 : m;
    const values: Record<string, string | number> = {
      nam: y,
      namSau: y + 1,
      namTruoc: y - 1,
      namNganSach: m >= 7 ? y + 1 : y,
      namKeHoach: m >= 11 ? y + 1 : y,
      namTet: m >= 10 ? y + 1 : y,
      namHoc: m >= 3 ? `${y}–${y + 1}` : `${y - 1}–${y}`,
      thang: month(m, y),
      thangSau: month(m + 1, y),
      thangBaoCao: month(reportMonth, y),
      thangKeHoach: month(reportMonth + 1, y),
      quy: quarter(q, y),
      quyBaoCao: m % 3 === 0 ? quarter(q, y) : quarter(q - 1, y),
      tdp: `tổ dân phố số ${this.rng.int(1, 18)}`,
    };
    return text.replace(/\{(\w+)\}/g, (all, key: string) => String(values[key] ?? all));
  }

  private signerOf(b: BodyDef): string {
    let list = this.signers.get(b.slug);
    if (!list) {
      const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý', 'Phan', 'Trịnh'];
      const middle = ['Văn', 'Minh', 'Quốc', 'Đức', 'Thanh', 'Hải', 'Mạnh', 'Thị', 'Thu', 'Hồng', 'Anh'];
      const given = ['Hùng', 'Dũng', 'Hà', 'Tuấn', 'Hương', 'Sơn', 'Thắng', 'Lan', 'Quang', 'Phong', 'Hiền', 'Trung', 'Vinh', 'Hạnh'];
      list = [0, 1].map(() => `${this.rng.pick(family)} ${this.rng.pick(middle)} ${this.rng.pick(given)}`);
      this.signers.set(b.slug, list);
    }
    return this.rng.pick(list);
  }

  private symbolOf(b: BodyDef, kind: DocumentKind, issuedOn: string): string {
    const share = KIND_SHARE[kind] ?? 0.01;
    const elapsed = Math.max(1, Math.round(((daysBetween(`${issuedOn.slice(0, 4)}-01-01`, issuedOn) + 1) * 5) / 7));
    const rate = b.perDay * share;
    let n = Math.max(1, Math.floor(rate * elapsed) + this.rng.int(0, Math.max(1, Math.ceil(rate))));
    for (;;) {
      let symbol: string;
      if (b.party) symbol = `${n}-${PARTY_ABBR[kind] ?? DOCUMENT_KINDS[kind].abbr}/${b.abbreviation}`;
      else if (kind === 'congVan') symbol = `${n}/${b.abbreviation}-${this.rng.pick(b.divisions)}`;
      else symbol = `${n}/${DOCUMENT_KINDS[kind].abbr}-${b.abbreviation}`;
      const key = `${b.slug}|${symbol}|${issuedOn.slice(0, 4)}`;
      if (!this.usedSymbols.has(key)) {
        this.usedSymbols.add(key);
        return symbol;
      }
      n++;
    }
  }

  private urgency(urgent: boolean): Urgency {
    const r = this.rng.float();
    if (urgent) return r < 0.4 ? 'normal' : r < 0.75 ? 'urgent' : r < 0.9 ? 'veryUrgent' : 'immediate';
    return r < 0.88 ? 'normal' : r < 0.96 ? 'urgent' : r < 0.99 ? 'veryUrgent' : 'immediate';
  }

  private receivedVia(party: boolean): ReceivedVia {
    const r = this.rng.float();
    if (party) return r < 0.7 ? 'paper' : 'hand';
    return r < 0.58 ? 'nationalExchange' : r < 0.68 ? 'email' : r < 0.95 ? 'paper' : 'hand';
  }

  private staffFor(topic: Topic, unit: DemoUnitId): string {
    const t = STAFF_BY_TOPIC[topic];
    return this.rng.pick(t.unit === unit ? t.staff : UNIT_STAFF[unit]);
  }

  // ——— incoming

  private newIncoming(
    arrivalMs: number,
    b: BodyDef,
    kind: DocumentKind,
    summary: string,
    clerk: string,
    extra: Partial<IncomingDocument> & { confidentiality?: Confidentiality },
  ): Track {
    const arrivedOn = dayOf(arrivalMs);
    let issuedOn = arrivedOn;
    for (let k = this.rng.weighted([0, 1, 1, 2, 2, 3, 4], () => 1); k > 0; k--) issuedOn = workingOnOrBefore(addDays(issuedOn, -1));
    if (issuedOn < this.from) issuedOn = arrivedOn;
    const numberSymbol = this.symbolOf(b, kind, issuedOn);
    const confidentiality = extra.confidentiality ?? 'normal';
    const doc: IncomingDocument = {
      _id: this.idAt('officialDocument', arrivalMs),
      type: 'officialDocument',
      schema: 1,
      createdAt: iso(arrivalMs),
      createdBy: clerk,
      direction: 'incoming',
      kind,
      summary: this.fill(summary, issuedOn),
      urgency: 'normal',
      confidentiality,
      pageCount: this.rng.int(1, kind === 'keHoach' || kind === 'huongDan' ? 14 : 4),
      issuingBody: b.name,
      numberSymbol,
      issuedOn,
      signer: this.signerOf(b),
      arrivedOn,
      receivedVia: this.receivedVia(!!b.party),
      ...extra,
    };
    const space: SpaceRef = confidentiality !== 'normal' ? { kind: 'personal', id: clerk } : REGISTRY_SPACE;
    const track = new Track(space, doc, arrivalMs);
    this.tracks.push(track);
    if (this.rng.chance(0.34)) {
      doc.files = [
        this.pdf(track, doc._id, clerk, arrivalMs, fileName(numberSymbol), b.name.toUpperCase(), [
          `So: ${numberSymbol}          Ha Noi, ngay ${dmy(issuedOn)}`,
          '',
          `${DOCUMENT_KINDS[kind].vi.toUpperCase()}`,
          doc.summary,
          '',
          `Noi nhan: ${DEMO_WARD_NAME}`,
          confidentiality !== 'normal' ? 'MAT' : '',
          '(Ban dien tu - du lieu mau cua Docket)',
        ]),
      ];
    }
    return track;
  }

  /** Registration and arrival number; returns the time of the number. */
  private register(track: Track, clerk: string): number {
    const doc = track.doc as IncomingDocument;
    const t = this.add(track, track.createdMs + this.rng.int(20, 150) * 1000, clerk, 'registered');
    return this.numbered(track, t + this.rng.int(15, 90) * 1000, bookFor('incoming', doc.confidentiality), numberingYear(doc.arrivedOn));
  }

  incoming(arrivalMs: number, tpl: IncomingTemplate, flags: IncomingFlags): void {
    const b = body(this.rng.pick(tpl.from));
    const party = !!b.party;
    const clerk = party ? PARTY_CLERK : this.rng.chance(0.6) ? CLERKS[0]! : CLERKS[1]!;
    const lead: DemoUnitId = STAFF_BY_TOPIC[tpl.topic].unit;
    const arrivedOn = dayOf(arrivalMs);
    // A meeting is a few working days after the invitation arrives; its day and hour are in the summary.
    const meetingDay = tpl.mode === 'meeting' ? addWorkingDays(arrivedOn, this.rng.int(3, 7)) : undefined;
    let summary = tpl.summary;
    if (meetingDay)
      summary += ` (${this.rng.pick(['8 giờ 00', '8 giờ 30', '9 giờ 00', '14 giờ 00', '14 giờ 30'])}, ngày ${dmy(meetingDay)})`;
    const urgency = this.urgency(!!tpl.urgent);
    const track = this.newIncoming(arrivalMs, b, tpl.kind, summary, clerk, { urgency });
    const doc = track.doc as IncomingDocument;
    if (tpl.mode === 'report') {
      const due = workingOnOrAfter(addDays(doc.issuedOn, this.rng.int(7, 15)));
      doc.deadline = maxDay(due, workingOnOrAfter(addDays(arrivedOn, 3)));
    }
    let t = this.register(track, clerk);
    if (flags.awaiting) return;

    const director = party ? 'thanh.pham' : b.slug === 'ubnd-tp-ha-noi' && this.rng.chance(0.35) ? 'hung.tran' : LEADER_OF_UNIT[lead];
    const urgent = urgency !== 'normal';
    t = urgent
      ? this.later(t, 15, 120)
      : this.rng.chance(0.45)
        ? this.later(t, 60, 300)
        : this.onDay(addWorkingDays(arrivedOn, this.rng.int(1, 2)));
    if (this.rng.chance(0.5)) this.add(track, t - this.rng.int(2, 20) * MIN, director, 'read');

    if (tpl.mode === 'meeting') return this.meeting(track, tpl, t, director, lead, meetingDay!);
    if (tpl.mode === 'info') return this.info(track, t, director, lead, party);

    // task / report: a lead unit with a deadline, coordinating units, sometimes the office for information.
    const coord = (tpl.coord ?? []).filter((c) => c !== lead && this.rng.chance(0.8));
    const forInfo: DemoUnitId[] = !party && lead !== 'vp' && !coord.includes('vp') && this.rng.chance(0.15) ? ['vp'] : [];
    let deadline: string | undefined;
    if (tpl.mode === 'task') deadline = workingOnOrAfter(addDays(arrivedOn, urgent ? this.rng.int(2, 4) : this.rng.int(7, 20)));
    else if (doc.deadline && this.rng.chance(0.5)) {
      const earlier = workingOnOrBefore(addDays(doc.deadline, -this.rng.int(1, 3)));
      if (earlier > dayOf(t)) deadline = earlier;
    }
    const assignments = (unit: DemoUnitId): DirectionAssignment[] => [
      { assignee: { kind: 'unit', unitId: unit }, role: 'lead', ...(deadline ? { deadline } : {}) },
      ...coord
        .filter((c) => c !== unit)
        .map((c): DirectionAssignment => ({
          assignee: { kind: 'unit', unitId: c },
          role: 'coordinating',
          ...(deadline ? { deadline } : {}),
        })),
      ...forInfo
        .filter((c) => c !== unit)
        .map((c): DirectionAssignment => ({ assignee: { kind: 'unit', unitId: c }, role: 'forInformation' })),
    ];
    const effective = deadline ?? doc.deadline;
    const note = (unit: DemoUnitId) => this.directionNote(unit, coord, forInfo, effective, tpl.mode === 'report');

    if (flags.returned) {
      // Sent first to the wrong unit, whose head hands it back; the leader then directs it again.
      const wrong = this.rng.pick(WARD_UNITS.filter((u) => u !== lead && !coord.includes(u)));
      this.add(track, t, director, 'directed', { assignments: assignments(wrong), note: note(wrong) });
      const on = { assignee: { kind: 'unit' as const, unitId: wrong }, assignmentKey: `unit:${wrong}` };
      t = this.add(track, this.later(t, 10, 90), HEAD_OF[wrong], 'read', on);
      t = this.add(track, this.later(t, 20, 240), HEAD_OF[wrong], 'returned', {
        ...on,
        returnReason: 'wrongRecipient',
        note: `Nội dung văn bản thuộc lĩnh vực của ${UNIT_NAME[lead]}; đề nghị lãnh đạo xem xét, giao lại.`,
      });
      if (flags.returned === 'open') return;
      t = this.later(t, 60, 1200);
    }
    this.add(track, t, director, 'directed', { assignments: assignments(lead), note: note(lead) });
    this.processLead(track, tpl, {
      lead,
      coord,
      forInfo,
      director,
      t,
      deadline: effective,
      stalled: !!flags.stalled,
      extension: !!flags.extension,
      b,
    });
  }

  private directionNote(
    lead: DemoUnitId,
    coord: DemoUnitId[],
    forInfo: DemoUnitId[],
    deadline: string | undefined,
    report: boolean,
  ): string {
    const names = (list: DemoUnitId[]) => list.map((u) => UNIT_NAME[u]).join(', ');
    const parts = [
      report
        ? `Giao ${UNIT_NAME[lead]} chủ trì${coord.length ? `, phối hợp ${names(coord)}` : ''} tham mưu UBND phường báo cáo theo yêu cầu`
        : `Giao ${UNIT_NAME[lead]} chủ trì${coord.length ? `, phối hợp ${names(coord)}` : ''} nghiên cứu, tham mưu triển khai thực hiện`,
    ];
    if (deadline) parts.push(`hoàn thành trước ngày ${dmy(deadline)}`);
    if (forInfo.length) parts.push(`${names(forInfo)} theo dõi, tổng hợp`);
    return `${parts.join('; ')}.`;
  }

  private processLead(
    track: Track,
    tpl: IncomingTemplate,
    o: {
      lead: DemoUnitId;
      coord: DemoUnitId[];
      forInfo: DemoUnitId[];
      director: string;
      t: number;
      deadline?: string;
      stalled: boolean;
      extension: boolean;
      b: BodyDef;
    },
  ): void {
    const doc = track.doc as IncomingDocument;
    const head = HEAD_OF[o.lead];
    const unitNode: AssignmentNode = { assignee: { kind: 'unit', unitId: o.lead }, key: `unit:${o.lead}` };
    let t = this.add(track, this.later(o.t, 10, 150), head, 'read', { assignee: unitNode.assignee, assignmentKey: unitNode.key });
    for (const c of [...o.coord, ...o.forInfo]) {
      if (this.rng.chance(0.6))
        this.add(track, this.later(o.t, 15, 600), HEAD_OF[c], 'read', {
          assignee: { kind: 'unit', unitId: c },
          assignmentKey: `unit:${c}`,
        });
    }
    let node = unitNode;
    let actor = head;
    let assigner = o.director;
    let deadline = o.deadline;
    if (this.rng.chance(o.lead === 'vpdu' ? 0.7 : 0.75)) {
      // The unit head passes it on to a person of the unit (and sometimes a colleague to help).
      const p = this.staffFor(tpl.topic, o.lead);
      const others = UNIT_STAFF[o.lead].filter((s) => s !== p);
      const q = others.length && this.rng.chance(0.2) ? this.rng.pick(others) : undefined;
      t = this.later(t, 15, 900);
      let own = deadline;
      if (deadline) {
        const earlier = addWorkingDays(deadline, -this.rng.int(0, 2));
        own = earlier > addDays(dayOf(t), 1) ? earlier : deadline;
      }
      const dl = own ? { deadline: own } : {};
      this.add(track, t, head, 'forwarded', {
        assignee: unitNode.assignee,
        assignmentKey: unitNode.key,
        assignments: [
          { assignee: { kind: 'person', name: p }, role: 'lead', ...dl },
          ...(q ? [{ assignee: { kind: 'person' as const, name: q }, role: 'coordinating' as const, ...dl }] : []),
        ],
        note: `Giao đ/c ${person(p).given} chủ trì tham mưu${q ? `, đ/c ${person(q).given} phối hợp` : ''}${own ? `; hoàn thành trước ngày ${dmy(own)}` : ''}.`,
      });
      node = { assignee: { kind: 'person', name: p }, key: `${unitNode.key}>person:${p}` };
      actor = p;
      assigner = head;
      deadline = own;
      t = this.add(track, this.later(t, 5, 180), p, 'read', { assignee: node.assignee, assignmentKey: node.key });
    }
    const on = { assignee: node.assignee, assignmentKey: node.key };
    const start = t;

    // When it is done: mostly on time, sometimes late; sometimes after asking for more time.
    let finishDay: string;
    const late = (d: string) => addWorkingDays(d, this.rng.int(1, 8));
    if (!deadline) finishDay = addWorkingDays(dayOf(start), this.rng.int(1, 8));
    else finishDay = this.rng.chance(0.82) ? this.dayBetween(dayOf(start), deadline) : late(deadline);
    if (deadline && !o.stalled && daysBetween(dayOf(start), deadline) >= 3 && (o.extension || this.rng.chance(0.1))) {
      const askDay = maxDay(addWorkingDays(dayOf(start), 1), workingOnOrBefore(addDays(deadline, -1)));
      const requested = addWorkingDays(deadline, this.rng.int(3, 8));
      t = this.add(track, this.onDay(askDay), actor, 'extensionRequested', {
        ...on,
        requestedDeadline: requested,
        note: this.rng.pick(EXTENSION_REASONS),
      });
      const accepted = this.rng.chance(0.8);
      t = this.add(track, this.later(t, 60, 1200), assigner, 'extensionAnswered', {
        ...on,
        accepted,
        ...(accepted ? { requestedDeadline: requested } : {}),
        note: accepted ? `Đồng ý gia hạn đến ngày ${dmy(requested)}.` : 'Không đồng ý gia hạn; đề nghị khẩn trương hoàn thành.',
      });
      const newDeadline = accepted ? requested : deadline;
      finishDay = this.rng.chance(accepted ? 0.85 : 0.4) ? this.dayBetween(dayOf(t), newDeadline) : late(newDeadline);
      if (finishDay <= dayOf(t)) finishDay = addWorkingDays(dayOf(t), 1);
    }
    let finish = Math.max(this.onDay(finishDay, 480, 1010), this.later(t, 30, 240));

    // The answer, when the document asks for one: an outgoing document replying to it, issued before it is closed.
    if (tpl.reply && !o.stalled && this.rng.chance(0.55)) {
      const draftStart = this.later(start, 90, 1440);
      const reply = this.outgoing({
        unit: o.lead as Exclude<DemoUnitId, 'vpdu'>,
        kind: tpl.reply.kind,
        summary: `${this.fill(tpl.reply.summary, dayOf(draftStart))} (theo văn bản số ${doc.numberSymbol} của ${shortBodyName(o.b)})`,
        topic: tpl.topic,
        author: actor,
        to: [o.b.slug],
        internal: [],
        start: draftStart,
        repliesTo: doc._id,
        urgency: doc.urgency === 'normal' ? 'normal' : 'urgent',
      });
      if (reply.issuedAt) finish = Math.max(finish, this.later(reply.issuedAt, 20, 180));
    }

    const progress = this.rng.chance(0.75) ? this.rng.int(1, 2) : o.stalled ? 1 : 0;
    const span = Math.max(finish - t, HOUR);
    let percent = 0;
    const notes = this.rng.sample(PROGRESS_NOTES, progress);
    for (let i = 1; i <= progress; i++) {
      percent = Math.min(90, percent + this.rng.int(25, 50));
      const at = this.office(t + (span * i) / (progress + 1));
      if (at < finish - MIN) this.add(track, at, actor, 'progress', { ...on, percent, note: notes[i - 1]! });
    }
    for (const c of o.coord) {
      if (this.rng.chance(0.55)) {
        const at = this.office(o.t + (finish - o.t) * (0.4 + 0.4 * this.rng.float()));
        if (at < finish)
          this.add(track, at, HEAD_OF[c], 'completed', {
            assignee: { kind: 'unit', unitId: c },
            assignmentKey: `unit:${c}`,
            note: this.rng.pick(COORDINATION_NOTES),
          });
      }
    }
    if (o.stalled) return;
    this.add(track, finish, actor, 'completed', {
      ...on,
      note: this.rng.pick(COMPLETION_NOTES[tpl.mode === 'report' ? 'report' : 'task']),
    });
  }

  private meeting(track: Track, tpl: IncomingTemplate, t: number, director: string, unit: DemoUnitId, day: string): void {
    const attendee = tpl.attend === 'chair' ? 'hung.tran' : tpl.attend === 'head' ? HEAD_OF[unit] : LEADER_OF_UNIT[unit];
    const who = attendee === director ? 'Tôi' : `Đ/c ${person(attendee).given}`;
    const prepareBy = addWorkingDays(day, -1) > dayOf(t) ? addWorkingDays(day, -1) : day;
    this.add(track, t, director, 'directed', {
      assignments: [
        { assignee: { kind: 'person', name: attendee }, role: 'lead', deadline: day },
        { assignee: { kind: 'unit', unitId: unit }, role: 'coordinating', deadline: prepareBy },
      ],
      note: `${who} dự; giao ${UNIT_NAME[unit]} chuẩn bị nội dung, tài liệu phục vụ.`,
    });
    const personNode = { assignee: { kind: 'person' as const, name: attendee }, assignmentKey: `person:${attendee}` };
    const unitNode = { assignee: { kind: 'unit' as const, unitId: unit }, assignmentKey: `unit:${unit}` };
    if (attendee !== director) this.add(track, this.later(t, 10, 240), attendee, 'read', personNode);
    const read = this.add(track, this.later(t, 10, 240), HEAD_OF[unit], 'read', unitNode);
    const attended = this.onDay(day, 900, 1010);
    const prepared = Math.max(this.onDay(prepareBy, 800, 1000), this.later(read, 30, 120));
    if (prepared < attended - MIN && this.rng.chance(0.6))
      this.add(track, prepared, HEAD_OF[unit], 'completed', { ...unitNode, note: 'Đã chuẩn bị tài liệu, báo cáo phục vụ hội nghị.' });
    this.add(track, attended, attendee, 'completed', {
      ...personNode,
      note: 'Đã dự hội nghị; đề nghị các đơn vị triển khai nội dung theo kết luận.',
    });
  }

  private info(track: Track, t: number, director: string, lead: DemoUnitId, party: boolean): void {
    const others = party
      ? []
      : this.rng.sample(
          WARD_UNITS.filter((u) => u !== lead),
          this.rng.int(0, 2),
        );
    const names = (list: DemoUnitId[]) => list.map((u) => UNIT_NAME[u]).join(', ');
    if (this.rng.chance(0.5)) {
      const units = [lead, ...others];
      this.add(track, t, director, 'directed', {
        assignments: units.map((u) => ({ assignee: { kind: 'unit', unitId: u }, role: 'forInformation' })),
        note: `Chuyển ${names(units)} để biết, thực hiện.`,
      });
      for (const u of units)
        if (this.rng.chance(0.8))
          this.add(track, this.later(t, 10, 900), HEAD_OF[u], 'read', {
            assignee: { kind: 'unit', unitId: u },
            assignmentKey: `unit:${u}`,
          });
      return;
    }
    this.add(track, t, director, 'directed', {
      assignments: [
        { assignee: { kind: 'unit', unitId: lead }, role: 'lead' },
        ...others.map((u): DirectionAssignment => ({ assignee: { kind: 'unit', unitId: u }, role: 'forInformation' })),
      ],
      note: `Giao ${UNIT_NAME[lead]} nghiên cứu, tổ chức thực hiện${others.length ? `; ${names(others)} để biết` : ''}.`,
    });
    const on = { assignee: { kind: 'unit' as const, unitId: lead }, assignmentKey: `unit:${lead}` };
    const read = this.add(track, this.later(t, 10, 300), HEAD_OF[lead], 'read', on);
    this.add(track, this.later(read, 60, 2400), HEAD_OF[lead], 'completed', { ...on, note: this.rng.pick(COMPLETION_NOTES.info) });
  }

  confidential(arrivalMs: number, tpl: ConfidentialTemplate): void {
    const b = body(tpl.from);
    const track = this.newIncoming(arrivalMs, b, tpl.kind, tpl.summary, tpl.clerk, {
      confidentiality: tpl.confidentiality,
      routeTo: tpl.routeTo,
      urgency: this.rng.chance(0.5) ? 'urgent' : 'normal',
      receivedVia: 'hand',
    });
    let t = this.register(track, tpl.clerk);
    const leader = tpl.routeTo;
    t = this.add(track, this.later(t, 30, 300), leader, 'read');
    const deadline = workingOnOrAfter(addDays(dayOf(t), this.rng.int(5, 15)));
    t = this.add(track, this.later(t, 5, 60), leader, 'directed', {
      assignments: [
        { assignee: { kind: 'person', name: tpl.lead }, role: 'lead', deadline },
        ...(tpl.coord ?? []).map((name): DirectionAssignment => ({ assignee: { kind: 'person', name }, role: 'coordinating', deadline })),
      ],
      note: `Giao đ/c ${person(tpl.lead).given} chủ trì${tpl.coord?.length ? `, phối hợp với đ/c ${tpl.coord.map((c) => person(c).given).join(', ')}` : ''} thực hiện; bảo đảm bí mật nhà nước theo quy định; báo cáo trước ngày ${dmy(deadline)}.`,
    });
    const on = { assignee: { kind: 'person' as const, name: tpl.lead }, assignmentKey: `person:${tpl.lead}` };
    t = this.add(track, this.later(t, 10, 240), tpl.lead, 'read', on);
    t = this.add(track, this.later(t, 600, 3000), tpl.lead, 'progress', {
      ...on,
      percent: 50,
      note: 'Đã triển khai; đang tổng hợp kết quả.',
    });
    const finish = this.onDay(this.dayBetween(dayOf(t), deadline));
    this.add(track, Math.max(finish, this.later(t, 60, 600)), tpl.lead, 'completed', {
      ...on,
      note: 'Đã hoàn thành; báo cáo trực tiếp lãnh đạo theo quy định về bảo vệ bí mật nhà nước.',
    });
  }

  // ——— outgoing

  /** Drafting, review, approval, number, issuance, dispatch (and recall) of an outgoing document. */
  outgoing(o: OutgoingPlan): { track: Track; issuedAt?: number } {
    const head = HEAD_OF[o.unit];
    const signer = LEADER_OF_UNIT[o.unit];
    const clerk = this.rng.pick(CLERKS);
    const internal = o.internal.filter((u) => u !== o.unit);
    const doc: OutgoingDocument = {
      _id: this.idAt('officialDocument', o.start),
      type: 'officialDocument',
      schema: 1,
      createdAt: iso(o.start),
      createdBy: o.author,
      direction: 'outgoing',
      kind: o.kind,
      summary: o.summary,
      urgency: o.urgency ?? 'normal',
      confidentiality: 'normal',
      pageCount: this.rng.int(1, o.kind === 'keHoach' || o.kind === 'baoCao' ? 8 : 3),
      unitId: o.unit,
      signer,
      internalRecipients: internal.map((u) => ({ kind: 'unit', unitId: u })),
      externalRecipients: o.to.map((slug) => body(slug).name),
      ...(o.repliesTo ? { repliesTo: o.repliesTo } : {}),
    };
    const track = new Track(unitSpace(o.unit), doc, o.start);
    this.tracks.push(track);
    const draftFile = (ownerId: string, version: number, ms: number): FileMeta =>
      this.pdf(track, ownerId, o.author, ms, version === 1 ? 'Du thao.pdf' : `Du thao lan ${version}.pdf`, DEMO_WARD_NAME.toUpperCase(), [
        `DU THAO lan ${version}`,
        '',
        DOCUMENT_KINDS[o.kind].vi.toUpperCase(),
        o.summary,
        '',
        `Noi nhan: ${[...doc.externalRecipients, ...internal.map((u) => UNIT_NAME[u])].join('; ') || 'Luu: VT'}`,
        '(Du thao - du lieu mau cua Docket)',
      ]);
    if (this.rng.chance(0.5)) doc.files = [draftFile(doc._id, 1, o.start)];
    const stop = (phase: OutgoingStop) => o.stopAt === phase;
    if (stop('draft')) return { track };

    let version = 1;
    const revise = (after: number): number => {
      version++;
      const at = this.later(after, 120, 1440);
      return this.add(track, at, o.author, 'newVersion', (id) => ({
        version,
        note: 'Đã chỉnh sửa, hoàn thiện theo ý kiến góp ý.',
        files: [draftFile(id, version, at)],
      }));
    };
    const byHead = o.author === head;
    let t = o.start;
    if (!byHead) {
      t = this.add(track, this.later(t, 60, 1800), o.author, 'submitted');
      if (stop('submitted')) return { track };
      if (o.changes === 'head' || (!o.stopAt && this.rng.chance(0.22))) {
        t = this.add(track, this.later(t, 60, 1200), head, 'changesRequested', { version, note: this.rng.pick(REVIEW_NOTES) });
        if (stop('changesRequested')) return { track };
        t = revise(t);
        t = this.add(track, this.later(t, 10, 60), o.author, 'submitted');
      } else if (this.rng.chance(0.2)) {
        t = this.add(track, this.later(t, 30, 600), head, 'reviewComment', { version, note: this.rng.pick(REVIEW_NOTES) });
      }
    }
    t = this.add(track, this.later(t, 30, 1200), head, 'forwardedToLeader');
    if (stop('withLeader')) return { track };
    if (o.changes === 'leader' || (!o.stopAt && this.rng.chance(0.12))) {
      t = this.add(track, this.later(t, 120, 1440), signer, 'changesRequested', { version, note: this.rng.pick(REVIEW_NOTES) });
      if (stop('changesRequested')) return { track };
      t = revise(t);
      if (!byHead) t = this.add(track, this.later(t, 10, 60), o.author, 'submitted');
      t = this.add(track, this.later(t, 20, 600), head, 'forwardedToLeader');
    }
    t = this.add(track, this.later(t, 30, 1440), signer, 'approved');
    t = this.numbered(track, t + this.rng.int(3, 40) * MIN, bookFor('outgoing', 'normal'), numberingYear(dayOf(t)), {
      kind: o.kind,
      unitId: o.unit,
    });
    if (stop('numbered')) return { track };
    const issuedAt = this.add(track, this.later(t, 10, 120), clerk, 'issued');
    t = issuedAt;
    if (doc.externalRecipients.length) {
      const method: DispatchMethod = this.rng.weighted<DispatchMethod>(['nationalExchange', 'email', 'post', 'hand'], (m) =>
        m === 'nationalExchange' ? 6 : m === 'email' ? 2 : m === 'post' ? 1.5 : 0.5,
      );
      const at = this.later(t, 5, 90);
      t = this.add(track, at, clerk, 'dispatched', { dispatchMethod: method, recipients: doc.externalRecipients, dispatchedOn: dayOf(at) });
    }
    if (o.recall) this.add(track, this.later(t, 1440, 4320), signer, 'recalled', { note: this.rng.pick(RECALL_NOTES) });
    return { track, issuedAt };
  }

  // ——— the year

  /** Office times of `n` arrivals on working days over the year, in order. */
  arrivals(n: number, from: string, until: string): number[] {
    const days: string[] = [];
    for (let d = from; d < until; d = addDays(d, 1)) if (isWorkingDay(d)) days.push(d);
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(dayStart(this.rng.pick(days)) + this.rng.int(465, 1005) * MIN);
    return out.map((ms) => (minuteOf(ms) >= 690 && minuteOf(ms) < 810 ? ms + 130 * MIN : ms)).sort((a, b) => a - b);
  }

  run(count: Required<DemoDocumentCount>): void {
    const confidential = Math.min(CONFIDENTIAL_TEMPLATES.length, Math.max(2, Math.round(count.incoming / 65)));
    const ordinary = Math.max(0, count.incoming - confidential);
    const until = this.today;
    const times = this.arrivals(ordinary, this.from, until);
    const recentFrom = this.cutoff - 80 * DAY;
    const recentTo = this.cutoff - 12 * DAY;
    const before = this.tracks.length;
    let forcedReturn = false;
    let returnedOpen = false;
    let forcedExtensions = 0;
    times.forEach((ms, i) => {
      const fromEnd = times.length - 1 - i;
      const month = Number(dayOf(ms).slice(5, 7));
      const candidates = INCOMING_TEMPLATES.filter((t) => !t.months || t.months.includes(month));
      const tpl = this.rng.weighted(candidates, (t) => t.weight ?? 1);
      const handled = tpl.mode === 'task' || tpl.mode === 'report';
      const flags: IncomingFlags = {};
      // A few of each kind of story are certain (small counts in tests too); the rest is chance.
      const due = (share: number) => i >= Math.floor(times.length * share) && handled && tpl.topic !== 'dang';
      if (fromEnd < 5) flags.awaiting = true;
      else if (!returnedOpen && fromEnd >= 6 && fromEnd <= 15 && handled && tpl.topic !== 'dang') {
        flags.returned = 'open';
        returnedOpen = true;
      } else if (handled && ms > recentFrom && ms < recentTo && this.rng.chance(0.15)) flags.stalled = true;
      else if (!forcedReturn && due(1 / 3)) {
        flags.returned = 'redirect';
        forcedReturn = true;
      } else if (handled && tpl.topic !== 'dang' && this.rng.chance(0.05)) flags.returned = 'redirect';
      else if (forcedExtensions < 3 && due((forcedExtensions + 1) / 4)) {
        flags.extension = true;
        forcedExtensions++;
      }
      this.incoming(ms, tpl, flags);
    });
    const replies = this.tracks.length - before - ordinary;
    // Confidential documents, spread over the year.
    const span = daysBetween(this.from, until);
    for (let i = 0; i < confidential; i++) {
      const day = workingOnOrAfter(addDays(this.from, Math.floor(((i + 0.5) * span) / confidential)));
      if (day >= until) continue;
      this.confidential(dayStart(day) + this.rng.int(480, 960) * MIN, CONFIDENTIAL_TEMPLATES[i]!);
    }
    this.standaloneOutgoing(Math.max(16, count.outgoing - replies));
  }

  private standaloneOutgoing(n: number): void {
    // The most recent ones wait at each step of the way; the rest went all the way (two of them were recalled).
    const stops: [OutgoingStop, number][] = [
      ['draft', 1],
      ['draft', 3],
      ['submitted', 2],
      ['submitted', 4],
      ['changesRequested', 5],
      ['changesRequested', 7],
      ['withLeader', 4],
      ['withLeader', 6],
      ['withLeader', 8],
      ['numbered', 7],
      ['numbered', 9],
    ];
    const plain = n - stops.length;
    const starts = this.arrivals(plain, this.from, addDays(this.today, -10));
    const pickTemplate = (ms: number, which: (t: OutgoingTemplate) => boolean = () => true): OutgoingTemplate => {
      const month = Number(dayOf(ms).slice(5, 7));
      const fits = OUTGOING_TEMPLATES.filter((t) => (!t.months || t.months.includes(month)) && which(t));
      return this.rng.weighted(fits.length ? fits : OUTGOING_TEMPLATES.filter(which), (t) => t.weight ?? 1);
    };
    const internalOf = (t: OutgoingTemplate) => (t.internal ?? []).some((u) => u !== t.unit);
    const plan = (tpl: OutgoingTemplate, ms: number, extra: Partial<OutgoingPlan>): OutgoingPlan => ({
      unit: tpl.unit,
      kind: tpl.kind,
      summary: this.fill(tpl.summary, dayOf(ms)),
      topic: tpl.topic,
      author: extra.stopAt || extra.changes || !this.rng.chance(0.15) ? this.staffFor(tpl.topic, tpl.unit) : HEAD_OF[tpl.unit],
      to: tpl.to,
      internal: tpl.internal ?? [],
      start: ms,
      ...extra,
    });
    let recallInternal = false;
    let recallExternal = false;
    starts.forEach((ms, i) => {
      const midYear = ms > this.cutoff - 250 * DAY && ms < this.cutoff - 40 * DAY;
      // Two recalls (one issued to the ward's units, one to outside bodies); the first two drafts are sent back once.
      const extra: Partial<OutgoingPlan> = i === 0 ? { changes: 'head' } : i === 1 ? { changes: 'leader' } : {};
      let tpl: OutgoingTemplate;
      if (midYear && !recallInternal) {
        tpl = pickTemplate(ms, internalOf);
        extra.recall = recallInternal = true;
      } else if (midYear && !recallExternal && ms > this.cutoff - 120 * DAY) {
        tpl = pickTemplate(ms, (t) => !internalOf(t) && t.to.length > 0);
        extra.recall = recallExternal = true;
      } else tpl = pickTemplate(ms);
      this.outgoing(plan(tpl, ms, extra));
    });
    stops.forEach(([stopAt, daysAgo], i) => {
      const day = addWorkingDays(this.today, -daysAgo);
      const ms = dayStart(day) + this.rng.int(470, 990) * MIN;
      const changes = stopAt === 'changesRequested' ? (i % 2 === 0 ? 'head' : 'leader') : undefined;
      this.outgoing(plan(pickTemplate(ms), this.office(ms), { stopAt, ...(changes ? { changes } : {}) }));
    });
  }

  // ——— the result

  plan(): DemoDocumentsPlan {
    const writes: (PlannedWrite & { ms: number })[] = [];
    const numbers: NumberRequest[] = [];
    const stats: DemoDocumentsStats = { incoming: 0, confidential: 0, outgoing: 0, internalCopies: 0, events: 0, files: 0 };
    for (const track of this.tracks) {
      if (track.createdMs >= this.cutoff) continue;
      const doc = track.doc;
      const filesOf = (ownerId: string, ms: number) => {
        for (const file of track.files.get(ownerId) ?? []) {
          writes.push({ space: track.space, files: true, doc: file, ms });
          stats.files++;
        }
      };
      writes.push({ space: track.space, doc, ms: track.createdMs });
      filesOf(doc._id, track.createdMs);
      if (doc.direction === 'incoming') stats.incoming++;
      else stats.outgoing++;
      if (doc.confidentiality !== 'normal') stats.confidential++;
      let issuedAt: number | undefined;
      for (const { ms, event, number } of track.events) {
        if (ms >= this.cutoff) continue;
        writes.push({ space: track.space, doc: event, ms });
        filesOf(event._id, ms);
        stats.events++;
        if (number) numbers.push({ ...number, at: event.createdAt, event });
        if (event.kind === 'issued') issuedAt = ms;
      }
      // Issued to the ward's own units: each gets an incoming copy from the delivery worker (no arrival number: it
      // is in the outgoing book); the unit head reads it, written here where the copy will be.
      if (doc.direction === 'outgoing' && issuedAt !== undefined) {
        for (const recipient of doc.internalRecipients) {
          if (recipient.kind !== 'unit') continue;
          const copyId = copyIdOf(doc._id, recipient);
          const space = unitSpace(recipient.unitId);
          stats.internalCopies++;
          const readAt = this.later(issuedAt, 20, 1440);
          if (readAt < this.cutoff) {
            const head = HEAD_OF[recipient.unitId as DemoUnitId];
            const p = person(head);
            writes.push({
              space,
              ms: readAt,
              doc: {
                _id: this.idAt('officialDocumentEvent', readAt),
                type: 'officialDocumentEvent',
                schema: 1,
                createdAt: iso(readAt),
                createdBy: head,
                actorName: p.displayName,
                actorRoles: p.roles,
                documentId: copyId,
                kind: 'read',
              },
            });
          }
        }
      }
    }
    // Stable: a document stays before its files, which were pushed right after it.
    writes.sort((a, b) => a.ms - b.ms);
    numbers.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return { writes: writes.map(({ ms: _ms, ...w }) => w), numbers, bodies: demoBodies(iso(dayStart(this.from))), stats };
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The directory entries of the bodies the demo ward corresponds with. */
export function demoBodies(createdAt: string): ExternalBody[] {
  return BODIES.map((b) => ({
    _id: bodyDocId(b.slug),
    type: 'body',
    schema: 1,
    createdAt,
    createdBy: SYSTEM_ACTOR,
    name: b.name,
    abbreviation: b.abbreviation,
  }));
}

/** The demo ward's year of documents up to `today` (pure: the same options give the same plan). */
export function generateDemoDocuments(opts: GenerateOptions): DemoDocumentsPlan {
  const g = new Generator(opts.today, opts.seed ?? DEFAULT_SEED);
  g.run({ incoming: opts.count?.incoming ?? 400, outgoing: opts.count?.outgoing ?? 100 });
  return g.plan();
}

// ————————————————————————————————————————————— writing it

/** The external bodies of the demo (`body:<slug>` in the org space), for the registration and draft forms. */
export async function seedDemoBodies(store: Store): Promise<number> {
  const bodies = demoBodies(new Date().toISOString());
  const org = await store.db(ORG_DB);
  const res = await org.bulkDocs(bodies as PouchDB.Core.PutDocument<object>[]);
  return res.filter((r) => 'ok' in r && r.ok).length;
}

export interface SeedDocumentsOptions {
  /** Abbreviation of the ward in outgoing number/symbols (`ISSUER_CODE`). */
  issuerCode: string;
  /** Default: the ward's today. */
  today?: string;
  count?: DemoDocumentCount;
  log?: Logger;
}

/** `1-<md5>` of the content: the revision is the same on every run, like CouchDB's for the same first write. */
function revOf(doc: object): string {
  return `1-${createHash('md5').update(JSON.stringify(doc)).digest('hex')}`;
}

/**
 * Seeds the year of documents: numbers first (in arrival / approval order, from the numbering service), then
 * every document and step at its home, in time order, as replicated writes. The workers do the rest.
 */
export async function seedDemoDocuments(store: Store, opts: SeedDocumentsOptions): Promise<DemoDocumentsStats & { ms: number }> {
  const started = Date.now();
  const plan = generateDemoDocuments({ today: opts.today ?? wardDay(), ...(opts.count ? { count: opts.count } : {}) });
  const numbering = new NumberingService(store, opts.log ? { log: opts.log } : {});
  for (const r of plan.numbers) {
    const a = await numbering.allocate(r.book, r.year, r.documentId);
    Object.assign(r.event, { book: a.book, year: a.year, number: a.number });
    if (r.outgoing) {
      const unit = UNIT_SHORT.get(r.outgoing.unitId) ?? r.outgoing.unitId.toUpperCase();
      r.event.numberSymbol = formatNumberSymbol({ number: a.number, kind: r.outgoing.kind, issuer: opts.issuerCode, unit });
      r.event.issuedOn = dayOf(Date.parse(r.at));
    }
  }
  const revs = new Map<string, string>();
  const bySpace = new Map<string, object[]>();
  for (const w of plan.writes) {
    const doc = w.doc;
    if (doc.type === 'officialDocumentEvent' && doc.kind === 'numbered' && revs.has(doc.documentId))
      doc.documentRev = revs.get(doc.documentId)!;
    const rev = revOf(doc);
    if (doc.type === 'officialDocument') revs.set(doc._id, rev);
    const db = w.files ? filesDbNameOf(w.space) : dbNameOf(w.space);
    if (!bySpace.has(db)) bySpace.set(db, []);
    bySpace.get(db)!.push({ ...doc, _rev: rev });
  }
  for (const [name, docs] of bySpace) {
    const db = await store.db(name);
    for (let i = 0; i < docs.length; i += 200) {
      await db.bulkDocs(docs.slice(i, i + 200) as PouchDB.Core.PutDocument<object>[], { new_edits: false });
    }
  }
  const ms = Date.now() - started;
  opts.log?.info({ ...plan.stats, numbers: plan.numbers.length, ms }, 'demo documents seeded');
  return { ...plan.stats, ms };
}
