import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { newId } from '../../../src/model/ids.ts';
import { wardDay } from '../../../src/model/time.ts';
import { type Reply, request } from './http.ts';

/** Demo accounts' roles and display names, as a client would put them on events. */
export const PEOPLE: Record<string, { roles: string[]; displayName: string }> = {
  'mai.hoang': { roles: ['clerk', 'unit:vp'], displayName: 'Hoàng Thị Mai' },
  'huong.bui': { roles: ['clerk', 'unit:vp'], displayName: 'Bùi Thu Hương' },
  'long.tong': { roles: ['clerk', 'unit:vpdu'], displayName: 'Tống Đức Long' },
  'hung.tran': { roles: ['leader'], displayName: 'Trần Văn Hùng' },
  'lan.nguyen': { roles: ['leader'], displayName: 'Nguyễn Thị Lan' },
  'minh.le': { roles: ['leader'], displayName: 'Lê Quang Minh' },
  'thanh.pham': { roles: ['leader'], displayName: 'Phạm Văn Thành' },
  'an.nguyen': { roles: ['staff', 'unit:vp'], displayName: 'Nguyễn Văn An' },
  'hoa.do': { roles: ['staff', 'unit:vp', 'head:vp'], displayName: 'Đỗ Thị Hòa' },
  'son.phan': { roles: ['staff', 'unit:kt', 'head:kt'], displayName: 'Phan Thanh Sơn' },
  'linh.dinh': { roles: ['staff', 'unit:kt'], displayName: 'Đinh Thùy Linh' },
  'yen.luong': { roles: ['staff', 'unit:vhxh', 'head:vhxh'], displayName: 'Lương Hải Yến' },
};

export type Doc = Record<string, unknown> & { _id: string };

export function personOf(name: string): { roles: string[]; displayName: string } {
  return PEOPLE[name] ?? { roles: ['clerk', 'unit:vp'], displayName: name };
}

/** A registration as a clerk's device writes it: the document and its `registered` event. */
export function registration(clerk: string, over: Record<string, unknown> = {}): { doc: Doc; event: Doc } {
  const now = new Date().toISOString();
  const today = wardDay();
  const doc: Doc = {
    _id: newId('officialDocument'),
    type: 'officialDocument',
    schema: 1,
    createdAt: now,
    createdBy: clerk,
    direction: 'incoming',
    kind: 'congVan',
    summary: 'V/v triển khai kế hoạch cải cách hành chính năm 2026',
    urgency: 'normal',
    confidentiality: 'normal',
    issuingBody: 'UBND Quận 1',
    numberSymbol: '15/UBND-VP',
    issuedOn: today,
    arrivedOn: today,
    receivedVia: 'paper',
    ...over,
  };
  return { doc, event: event(clerk, doc._id, 'registered') };
}

/** A draft as a staff member's device writes it in the unit space. */
export function draft(author: string, unitId: string, over: Record<string, unknown> = {}): Doc {
  return {
    _id: newId('officialDocument'),
    type: 'officialDocument',
    schema: 1,
    createdAt: new Date().toISOString(),
    createdBy: author,
    direction: 'outgoing',
    kind: 'quyetDinh',
    summary: 'Quyết định thành lập tổ công tác',
    urgency: 'normal',
    confidentiality: 'normal',
    unitId,
    signer: 'hung.tran',
    internalRecipients: [],
    externalRecipients: [],
    ...over,
  };
}

export function event(by: string, documentId: string, kind: string, over: Record<string, unknown> = {}): Doc {
  const p = personOf(by);
  return {
    _id: newId('officialDocumentEvent'),
    type: 'officialDocumentEvent',
    schema: 1,
    createdAt: new Date().toISOString(),
    createdBy: by,
    actorName: p.displayName,
    actorRoles: p.roles,
    documentId,
    kind,
    ...over,
  };
}

/** POST `_bulk_docs` through the gateway; returns per-document statuses (201 or the error's status). */
export async function bulk(url: string, cookie: string, db: string, docs: Doc[]): Promise<{ status: number; results: Reply['json'] }> {
  const r = await request(`${url}/db/${db}/_bulk_docs`, { method: 'POST', cookie, body: { docs } });
  return { status: r.status, results: r.json };
}

export async function put(
  url: string,
  auth: { cookie?: string; basic?: { name: string; password: string } },
  db: string,
  doc: Doc,
): Promise<number> {
  return (await request(`${url}/db/${db}/${encodeURIComponent(doc._id)}`, { ...auth, method: 'PUT', body: doc })).status;
}

/** Polls `check` until it returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every document id of a database, as the server admin. */
export async function allIds(url: string, admin: { name: string; password: string }, db: string): Promise<string[]> {
  const r = await request(`${url}/db/${db}/_all_docs`, { basic: admin });
  assert.equal(r.status, 200, `${db}: ${r.text}`);
  return (r.json.rows as { id: string }[]).map((row) => row.id);
}

export const numberedIdOf = (docId: string): string => `officialDocumentEvent:${docId.slice('officialDocument:'.length)}.numbered`;

export async function getAsAdmin(url: string, admin: { name: string; password: string }, db: string, id: string): Promise<Reply> {
  return request(`${url}/db/${db}/${encodeURIComponent(id)}?conflicts=true`, { basic: admin });
}

/**
 * A file as a device uploads it to a files database (src/model/files.ts): its `file:<ULID>` metadata document, the
 * `FileMeta` a document or message lists, and its bytes (a small PDF).
 */
export function fileOf(
  by: string,
  ownerId: string,
  name = 'Biên bản họp.pdf',
): { meta: { fileId: string; name: string; contentType: string; size: number; sha256: string }; doc: Doc; bytes: Buffer } {
  const bytes = Buffer.from(`%PDF-1.4\n% ${ownerId}\n%%EOF\n`);
  const meta = {
    fileId: newId('file'),
    name,
    contentType: 'application/pdf',
    size: bytes.length,
    sha256: createHash('sha256').update(new Uint8Array(bytes)).digest('base64'),
  };
  const { fileId, ...fields } = meta;
  const doc: Doc = { _id: fileId, type: 'file', schema: 1, createdAt: new Date().toISOString(), createdBy: by, ownerId, ...fields };
  return { meta, doc, bytes };
}

/** Uploads as a device does: PUT the metadata, then PUT the bytes as the attachment `data`; both must be accepted. */
export async function uploadFile(url: string, cookie: string, db: string, f: ReturnType<typeof fileOf>): Promise<void> {
  const created = await request(`${url}/db/${db}/${encodeURIComponent(f.doc._id)}`, { method: 'PUT', cookie, body: f.doc });
  assert.equal(created.status, 201, created.text);
  const bytes = await request(`${url}/db/${db}/${encodeURIComponent(f.doc._id)}/data?rev=${created.json.rev as string}`, {
    method: 'PUT',
    cookie,
    raw: f.bytes,
    contentType: f.meta.contentType,
  });
  assert.equal(bytes.status, 201, bytes.text);
}
