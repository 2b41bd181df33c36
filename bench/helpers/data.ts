// Realistic Vietnamese official-document metadata for the benchmarks: incoming documents (model types of
// src/model/documents) built from the demo ward's templates and bodies, deterministic (seeded PRNG), each
// with 1–5 attached files' metadata so that a document weighs ~1–2 KB of JSON like the real ones.
import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import { BODIES, INCOMING_TEMPLATES } from '../../server/demo/documents-data.ts';
import { type IncomingDocument, OFFICIAL_DOCUMENT_SCHEMA, type ReceivedVia, type Urgency } from '../../src/model/documents/types.ts';
import type { FileMeta } from '../../src/model/files.ts';
import { REGISTRY_SPACE, type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { validateDocUpdate } from '../../src/model/validate-doc.ts';

/** The unit space the benchmarks fill, and a user of that unit (a demo account: clerk of Văn phòng). */
export const BENCH_UNIT: SpaceRef = { kind: 'unit', id: 'vp' };
export const BENCH_USER = { name: 'mai.hoang', roles: ['clerk', 'unit:vp'] };
export const BENCH_DB = dbNameOf(BENCH_UNIT);

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const pad = (n: number): string => String(n).padStart(2, '0');
const dmy = (day: string): string => `${day.slice(8, 10)}-${day.slice(5, 7)}-${day.slice(0, 4)}`;

const ATTACHMENT_NAMES = [
  'Văn bản gốc {so}.pdf',
  'Phụ lục kèm theo {so}.pdf',
  'Danh sách đơn vị, cá nhân liên quan.xlsx',
  'Biểu mẫu báo cáo kết quả thực hiện.docx',
  'Bản scan có dấu đỏ {so} ngày {ngay}.pdf',
  'Kế hoạch chi tiết triển khai trên địa bàn phường.docx',
];
const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
const SIGNERS = ['Nguyễn Mạnh Quyền', 'Trần Sỹ Thanh', 'Hà Minh Hải', 'Lê Hồng Sơn', 'Vũ Thu Hà', 'Nguyễn Trọng Đông', 'Dương Đức Tuấn'];
const VIA: ReceivedVia[] = ['paper', 'email', 'nationalExchange', 'nationalExchange', 'nationalExchange', 'hand'];
const URGENCY: Urgency[] = ['normal', 'normal', 'normal', 'normal', 'normal', 'normal', 'urgent', 'urgent', 'veryUrgent', 'immediate'];

/**
 * `count` incoming documents as a clerk of the unit registered them, arrival dates spread over the last
 * ~400 days before `today` (ids in time order, like real ones).
 */
export function incomingDocuments(count: number, opts: { seed?: number; today?: Date } = {}): IncomingDocument[] {
  const rnd = prng(opts.seed ?? 0x0d0c);
  const end = (opts.today ?? new Date('2026-11-20T03:00:00Z')).getTime();
  const start = end - 400 * 86_400_000;
  const docs: IncomingDocument[] = [];
  for (let i = 0; i < count; i++) {
    const t = Math.round(start + ((end - start) * (i + rnd())) / count);
    const arrived = new Date(t + 7 * 3_600_000).toISOString().slice(0, 10);
    const issued = new Date(t - Math.floor(rnd() * 5) * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    const tpl = pick(rnd, INCOMING_TEMPLATES);
    const body = BODIES.find((b) => b.slug === pick(rnd, tpl.from)) ?? pick(rnd, BODIES);
    const num = 1 + Math.floor(rnd() * 4000);
    const division = body.divisions.length ? pick(rnd, body.divisions) : '';
    const abbr = tpl.kind === 'congVan' ? '' : `${tpl.kind === 'keHoach' ? 'KH' : tpl.kind === 'quyetDinh' ? 'QĐ' : 'TB'}-`;
    const numberSymbol = `${num}/${abbr}${body.abbreviation}${division && !abbr ? '-' + division : ''}`;
    const year = issued.slice(0, 4);
    const summary = tpl.summary
      .replace(/\{namKeHoach\}/g, year)
      .replace(/\{nam\}/g, year)
      .replace(/\{[^}]*\}/g, () => `${pad(1 + Math.floor(rnd() * 12))}/${year}`);
    const nFiles = 2 + Math.floor(rnd() * 4);
    const files: FileMeta[] = [];
    for (let f = 0; f < nFiles; f++) {
      const name = ATTACHMENT_NAMES[(i + f) % ATTACHMENT_NAMES.length]!.replace('{so}', numberSymbol.replace(/\//g, '-')).replace(
        '{ngay}',
        dmy(issued),
      );
      const ext = name.slice(name.lastIndexOf('.') + 1);
      files.push({
        fileId: `file:${ulid(t + f)}`,
        name,
        contentType: CONTENT_TYPES[ext]!,
        size: 40_000 + Math.floor(rnd() * 3_000_000),
        sha256: createHash('sha256').update(`${i}:${f}`).digest('base64'),
      });
    }
    const urgency = tpl.urgent ? pick(rnd, URGENCY.slice(5)) : pick(rnd, URGENCY);
    docs.push({
      _id: `officialDocument:${ulid(t)}`,
      type: 'officialDocument',
      schema: OFFICIAL_DOCUMENT_SCHEMA,
      createdAt: new Date(t).toISOString(),
      createdBy: BENCH_USER.name,
      direction: 'incoming',
      kind: tpl.kind,
      summary,
      urgency,
      confidentiality: 'normal',
      pageCount: 1 + Math.floor(rnd() * 24),
      files,
      issuingBody: body.name,
      numberSymbol,
      issuedOn: issued,
      signer: pick(rnd, SIGNERS),
      arrivedOn: arrived,
      receivedVia: pick(rnd, VIA),
      ...(rnd() < 0.4 ? { deadline: new Date(t + (7 + Math.floor(rnd() * 30)) * 86_400_000).toISOString().slice(0, 10) } : {}),
    });
  }
  return docs;
}

/**
 * Throws if the server's validation (validate_doc_update) would refuse `doc` where a clerk registers it, the
 * registry. In a unit space such documents are the copies the server workers deliver (docs/decisions/0001),
 * which is how the benchmarks store them: through the server's own store, as the workers do.
 */
export function assertValid(doc: IncomingDocument): void {
  validateDocUpdate(doc as unknown as Parameters<typeof validateDocUpdate>[0], null, BENCH_USER, null, REGISTRY_SPACE);
}

export function averageJsonBytes(docs: readonly object[]): number {
  let total = 0;
  for (const d of docs) total += Buffer.byteLength(JSON.stringify(d));
  return total / docs.length;
}
