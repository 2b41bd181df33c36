import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/model/ids.ts';
import { login, request } from './helpers/http.ts';
import { bulk, event, getAsAdmin, numberedIdOf, put, registration, waitFor } from './helpers/documents.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

const REGISTRY = 'docket-registry';
const FILES = (space: string) => space.replace(/^docket-/, 'docket-files-');
const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
const personal = (name: string) => `docket-user-${hex(name)}`;

/** A file as a device uploads it: metadata first, then the bytes as the attachment `data`. */
function fileOf(by: string, ownerId: string, name: string, bytes: Buffer) {
  const meta = {
    fileId: newId('file'),
    name,
    contentType: 'application/pdf',
    size: bytes.length,
    sha256: createHash('sha256').update(new Uint8Array(bytes)).digest('base64'),
  };
  const doc = {
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

describe('files of official documents (files databases, embedded store)', () => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  const cookie = async (name: string) => (cookies[name] ??= await login(s.url, name, s.demoPassword));

  async function upload(by: string, db: string, f: ReturnType<typeof fileOf>): Promise<void> {
    const c = await cookie(by);
    const created = await request(`${s.url}/db/${db}/${encodeURIComponent(f.doc._id)}`, { method: 'PUT', cookie: c, body: f.doc });
    assert.equal(created.status, 201, created.text);
    const bytes = await request(`${s.url}/db/${db}/${encodeURIComponent(f.doc._id)}/data?rev=${created.json.rev}`, {
      method: 'PUT',
      cookie: c,
      raw: f.bytes,
      contentType: f.meta.contentType,
    });
    assert.equal(bytes.status, 201, bytes.text);
  }
  const hasBytes = async (db: string, fileId: string) => {
    const r = await request(`${s.url}/db/${db}/${encodeURIComponent(fileId)}/data`, { basic: s.admin });
    return r.status === 200;
  };

  before(async () => {
    s = await startTestServer({ demo: true });
  });
  after(() => s.stop());

  it('keeps a file with its document: uploaded late, it still reaches the units the document was directed to, and only them', async () => {
    const bytes = Buffer.from('%PDF-1.4\n% Công văn số 15\n%%EOF\n');
    const { doc, event: registered } = registration('mai.hoang');
    const scan = fileOf('mai.hoang', doc._id, 'Công văn 15.pdf', bytes);
    doc.files = [scan.meta];
    assert.equal((await bulk(s.url, await cookie('mai.hoang'), REGISTRY, [doc, registered])).status, 201);
    await waitFor('numbered', async () => (await getAsAdmin(s.url, s.admin, REGISTRY, numberedIdOf(doc._id))).status === 200);
    const directed = event('lan.nguyen', doc._id, 'directed', {
      note: 'Phòng KT chủ trì.',
      assignments: [{ assignee: { kind: 'unit', unitId: 'kt' }, role: 'lead' }],
    });
    assert.equal(await put(s.url, { cookie: await cookie('lan.nguyen') }, REGISTRY, directed), 201);
    await waitFor('the document in KT', async () => (await getAsAdmin(s.url, s.admin, 'docket-unit-kt', doc._id)).status === 200);
    assert.equal(await hasBytes(FILES('docket-unit-kt'), scan.meta.fileId), false); // not uploaded yet

    // The clerk's device comes back online and uploads the scan.
    await upload('mai.hoang', FILES(REGISTRY), scan);
    await waitFor('the file in KT’s files', () => hasBytes(FILES('docket-unit-kt'), scan.meta.fileId));
    const got = await request(`${s.url}/db/${FILES('docket-unit-kt')}/${encodeURIComponent(scan.meta.fileId)}/data`, {
      cookie: await cookie('linh.dinh'),
    });
    assert.equal(got.status, 200);
    assert.equal(Buffer.from(got.text).toString(), bytes.toString());
    // Not directed to VHXH: its people read neither KT's files nor the registry's.
    const outsider = await cookie('yen.luong');
    assert.equal(
      (await request(`${s.url}/db/${FILES('docket-unit-kt')}/${encodeURIComponent(scan.meta.fileId)}`, { cookie: outsider })).status,
      403,
    );
    assert.equal(
      (await request(`${s.url}/db/${FILES(REGISTRY)}/${encodeURIComponent(scan.meta.fileId)}`, { cookie: outsider })).status,
      403,
    );
    assert.equal(await hasBytes(FILES('docket-unit-vhxh'), scan.meta.fileId), false);

    // A progress report with a file, written by a person in their own space, reaches the registry and the unit.
    const forwarded = event('son.phan', doc._id, 'forwarded', {
      assignee: { kind: 'unit', unitId: 'kt' },
      assignments: [{ assignee: { kind: 'person', name: 'linh.dinh' }, role: 'lead' }],
    });
    assert.equal(await put(s.url, { cookie: await cookie('son.phan') }, 'docket-unit-kt', forwarded), 201);
    await waitFor('copy for linh.dinh', async () => (await getAsAdmin(s.url, s.admin, personal('linh.dinh'), doc._id)).status === 200);
    await waitFor('the scan for linh.dinh', () => hasBytes(FILES(personal('linh.dinh')), scan.meta.fileId));
    const progress = event('linh.dinh', doc._id, 'progress', { assignee: { kind: 'person', name: 'linh.dinh' }, percent: 40 });
    const report = fileOf('linh.dinh', progress._id, 'Báo cáo tiến độ.pdf', Buffer.from('%PDF-1.4\n% báo cáo\n%%EOF\n'));
    progress.files = [report.meta];
    await upload('linh.dinh', FILES(personal('linh.dinh')), report); // the file first, this time
    assert.equal(await put(s.url, { cookie: await cookie('linh.dinh') }, personal('linh.dinh'), progress), 201);
    await waitFor('the report in the registry’s files', () => hasBytes(FILES(REGISTRY), report.meta.fileId));
    await waitFor('the report in KT’s files', () => hasBytes(FILES('docket-unit-kt'), report.meta.fileId));
  });

  it('refuses anything but files in a files database, and any change to a stored file', async () => {
    const c = await cookie('an.nguyen');
    const db = FILES('docket-unit-vp');
    const notice = {
      _id: newId('notice'),
      type: 'notice',
      schema: 1,
      createdAt: new Date().toISOString(),
      createdBy: 'an.nguyen',
      title: 'x',
      body: 'y',
      pinned: false,
      authorName: 'An',
    };
    assert.equal((await request(`${s.url}/db/${db}/${notice._id}`, { method: 'PUT', cookie: c, body: notice })).status, 403);
    const f = fileOf('an.nguyen', newId('officialDocument'), 'a.pdf', Buffer.from('%PDF-1.4\n'));
    await upload('an.nguyen', db, f);
    const stored = (await request(`${s.url}/db/${db}/${encodeURIComponent(f.doc._id)}`, { cookie: c })).json;
    const changed = await request(`${s.url}/db/${db}/${encodeURIComponent(f.doc._id)}`, {
      method: 'PUT',
      cookie: c,
      body: { ...stored, name: 'b.pdf' },
    });
    assert.equal(changed.status, 403);
    const wrongSize = fileOf('an.nguyen', newId('officialDocument'), 'c.pdf', Buffer.from('%PDF-1.4\n'));
    const created = await request(`${s.url}/db/${db}/${encodeURIComponent(wrongSize.doc._id)}`, {
      method: 'PUT',
      cookie: c,
      body: wrongSize.doc,
    });
    const bad = await request(`${s.url}/db/${db}/${encodeURIComponent(wrongSize.doc._id)}/data?rev=${created.json.rev}`, {
      method: 'PUT',
      cookie: c,
      raw: Buffer.from('%PDF-1.4\n and more bytes than declared'),
      contentType: 'application/pdf',
    });
    assert.equal(bad.status, 403);
    // Another unit's files database is closed to VP staff.
    assert.equal((await request(`${s.url}/db/${FILES('docket-unit-kt')}/_all_docs`, { cookie: c })).status, 403);
  });
});
