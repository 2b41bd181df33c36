import { createHash } from 'node:crypto';
import { newId } from '../../../src/model/ids.ts';
import { wardDay } from '../../../src/model/time.ts';
import { type Doc, PEOPLE } from './documents.ts';
import { request } from './http.ts';

/** Tasks and task events as a device writes them (docs/decisions/0003). */

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
export const personalDb = (name: string): string => `docket-user-${hex(name)}`;
export const unitDb = (unitId: string): string => `docket-unit-${unitId}`;
export const filesDb = (db: string): string => db.replace(/^docket-/, 'docket-files-');

/** Demo accounts the task tests use beyond the documents tests' list; accounts created by a test are added here. */
export const TASK_PEOPLE: Record<string, { roles: string[]; displayName: string }> = {
  ...PEOPLE,
  'dung.ngo': { roles: ['staff', 'unit:vp'], displayName: 'Ngô Tiến Dũng' },
  'tuan.vu': { roles: ['staff', 'unit:vp'], displayName: 'Vũ Anh Tuấn' },
  'nam.truong': { roles: ['staff', 'unit:kt'], displayName: 'Trương Hoài Nam' },
};

function personOf(name: string): { roles: string[]; displayName: string } {
  const p = TASK_PEOPLE[name];
  if (!p) throw new Error(`unknown test account ${name}: add it to TASK_PEOPLE`);
  return p;
}

let clock = Date.now();
/** Strictly increasing times, so events apply in the order a test writes them. */
export function nextInstant(): string {
  clock = Math.max(clock + 1, Date.now());
  return new Date(clock).toISOString();
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A unit task assigned by `by` (lead/coordinators/followers in `over`), or a personal one with `unitId: undefined`. */
export function task(by: string, over: Record<string, unknown> = {}): Doc {
  const p = personOf(by);
  const doc: Doc = {
    _id: newId('task'),
    type: 'task',
    schema: 1,
    createdAt: nextInstant(),
    createdBy: by,
    title: 'Tổng hợp báo cáo cải cách hành chính quý IV',
    assigner: by,
    assignerName: p.displayName,
    actorRoles: p.roles,
    lead: by,
    coordinators: [],
    followers: [],
    unitId: 'vp',
    deadline: addDays(wardDay(), 10),
    priority: 'normal',
    checklist: [{ id: 'c1', text: 'Thu thập số liệu' }],
    links: [],
    ...over,
  };
  for (const k of Object.keys(doc)) if (doc[k] === undefined) delete doc[k];
  return doc;
}

export function taskEvent(by: string, taskId: string, kind: string, over: Record<string, unknown> = {}): Doc {
  const p = personOf(by);
  return {
    _id: newId('taskEvent'),
    type: 'taskEvent',
    schema: 1,
    createdAt: nextInstant(),
    createdBy: by,
    actorName: p.displayName,
    actorRoles: p.roles,
    taskId,
    kind,
    ...over,
  };
}

/** A file of a task or event: metadata doc for the files database and its bytes. */
export function taskFile(by: string, ownerId: string, name: string, bytes: Buffer) {
  const meta = {
    fileId: newId('file'),
    name,
    contentType: 'image/jpeg',
    size: bytes.length,
    sha256: createHash('sha256').update(new Uint8Array(bytes)).digest('base64'),
  };
  const doc: Doc = {
    _id: meta.fileId,
    type: 'file',
    schema: 1,
    createdAt: new Date().toISOString(),
    createdBy: by,
    ownerId,
    name,
    contentType: meta.contentType,
    size: meta.size,
    sha256: meta.sha256,
  };
  return { meta, doc, bytes };
}

/** PUT a file's metadata then its bytes into a files database; returns the statuses. */
export async function uploadFile(url: string, cookie: string, db: string, f: ReturnType<typeof taskFile>): Promise<[number, number]> {
  const created = await request(`${url}/db/${db}/${encodeURIComponent(f.doc._id)}`, { method: 'PUT', cookie, body: f.doc });
  if (created.status !== 201) return [created.status, 0];
  const bytes = await request(`${url}/db/${db}/${encodeURIComponent(f.doc._id)}/data?rev=${created.json.rev}`, {
    method: 'PUT',
    cookie,
    raw: f.bytes,
    contentType: f.meta.contentType,
  });
  return [created.status, bytes.status];
}
