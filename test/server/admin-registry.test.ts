/**
 * Registry books and document types in administration (issue 9): only administrators set them; a book's
 * first number continues a paper series and the server's next arrival number follows it, while a first
 * number that would reuse a given number is refused; the settings reach devices through the org space,
 * users cannot forge them, and each change is audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AuditPage } from '../../src/model/audit.ts';
import type { DocumentTypeStatus } from '../../src/model/document-types.ts';
import { wardDay } from '../../src/model/time.ts';
import type { RegistryBookStatus } from '../../src/model/registry-books.ts';
import { bulk, getAsAdmin, numberedIdOf, registration, waitFor } from './helpers/documents.ts';
import { login, request } from './helpers/http.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

const YEAR = Number(wardDay().slice(0, 4));
const REGISTRY = 'docket-registry';

describe('registry books and document types (administration)', () => {
  let s: TestServer;
  let admin: string;
  let leader: string;
  let clerk: string;
  let staff: string;
  const api = (path: string) => `${s.url}/api/admin${path}`;
  const books = async (year = YEAR): Promise<RegistryBookStatus[]> => {
    const r = await request(api(`/registry-books?year=${year}`), { cookie: admin });
    assert.equal(r.status, 200);
    return r.json as RegistryBookStatus[];
  };
  const setBook = (book: string, year: number | string, body: unknown) =>
    request(api(`/registry-books/${book}/${year}`), { method: 'PUT', cookie: admin, body });
  /** Registers an incoming document as the clerk and waits for the server's arrival number. */
  const registerAndNumber = async (): Promise<number> => {
    const { doc, event } = registration('mai.hoang');
    assert.equal((await bulk(s.url, clerk, REGISTRY, [doc, event])).status, 201);
    const numbered = await waitFor('arrival number', async () => {
      const r = await getAsAdmin(s.url, s.admin, REGISTRY, numberedIdOf(doc._id));
      return r.status === 200 ? (r.json as { number: number }) : undefined;
    });
    return numbered.number;
  };

  before(async () => {
    s = await startTestServer({ demo: true });
    admin = await login(s.url, 'tri.nguyen', s.demoPassword);
    leader = await login(s.url, 'hung.tran', s.demoPassword);
    clerk = await login(s.url, 'mai.hoang', s.demoPassword);
    staff = await login(s.url, 'an.nguyen', s.demoPassword);
  });
  after(() => s?.stop());

  for (const [method, path] of [
    ['GET', '/registry-books'],
    ['PUT', `/registry-books/incoming/${YEAR}`],
    ['GET', '/document-types'],
    ['PUT', '/document-types/quyetDinh'],
  ] as const) {
    it(`${method} ${path}: 401 anonymous, 403 staff, clerk and leader`, async () => {
      const body = method === 'GET' ? undefined : { name: 'x', firstNumber: 5, note: '', incoming: true, outgoing: false };
      assert.equal((await request(api(path), { method, body })).status, 401);
      for (const cookie of [staff, clerk, leader]) assert.equal((await request(api(path), { method, cookie, body })).status, 403);
    });
  }

  it('lists the four books of a year with their defaults until an administrator sets them', async () => {
    const list = await books(YEAR + 1);
    assert.deepEqual(
      list.map((b) => [b.book, b.firstNumber, b.allocated, b.lastNumber, b.nextNumber, b.configured]),
      [
        ['incoming', 1, 0, null, 1, false],
        ['incomingConfidential', 1, 0, null, 1, false],
        ['outgoing', 1, 0, null, 1, false],
        ['outgoingConfidential', 1, 0, null, 1, false],
      ],
    );
    assert.equal((await request(api('/registry-books?year=26'), { cookie: admin })).status, 400);
    assert.equal((await request(api('/registry-books?year=1999'), { cookie: admin })).status, 400);
  });

  it('continues a paper book: the next arrival number follows the first number set; numbers given stay', async () => {
    await registerAndNumber();
    const first = await registerAndNumber();
    assert.ok(first >= 2);
    const before = (await books()).find((b) => b.book === 'incoming')!;
    assert.equal(before.lastNumber, first);
    assert.equal(before.nextNumber, first + 1);

    // Starting at or below a number already given would reuse it: refused, nothing changes.
    const reuse = await setBook('incoming', YEAR, { name: '', firstNumber: first, note: '' });
    assert.equal(reuse.status, 409);
    assert.match(String(reuse.json.reason), new RegExp(`Number ${first} is already used`));
    assert.equal((await books()).find((b) => b.book === 'incoming')!.configured, false);

    const start = first + 231;
    const set = await setBook('incoming', YEAR, {
      name: `Sổ đăng ký văn bản đến năm ${YEAR}`,
      firstNumber: start,
      note: 'Tiếp nối sổ giấy',
    });
    assert.equal(set.status, 200, JSON.stringify(set.json));
    assert.equal((set.json as RegistryBookStatus).nextNumber, start);
    assert.equal(await registerAndNumber(), start);
    assert.equal(await registerAndNumber(), start + 1);

    // Renaming keeps the first number even though it is now below the last number.
    const renamed = await setBook('incoming', YEAR, { name: 'Sổ văn bản đến', firstNumber: start, note: '' });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.json));
    const after = (await books()).find((b) => b.book === 'incoming')!;
    assert.deepEqual([after.name, after.firstNumber, after.lastNumber, after.nextNumber], ['Sổ văn bản đến', start, start + 1, start + 2]);
  });

  it('refuses bad settings with a clear 400 or 404', async () => {
    for (const body of [
      { name: '', firstNumber: 0, note: '' },
      { name: '', firstNumber: 2.5, note: '' },
      { name: '', note: '' },
      { name: 'x'.repeat(201), firstNumber: 1, note: '' },
    ]) {
      const r = await setBook('outgoing', YEAR + 1, body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.json.error, 'bad_request');
    }
    assert.equal((await setBook('minutes', YEAR, { name: '', firstNumber: 1, note: '' })).status, 404);
    assert.equal((await setBook('outgoing', 'next', { name: '', firstNumber: 1, note: '' })).status, 400);
  });

  it('document types: the Decree’s list with abbreviations, offered per form as the administrator chooses', async () => {
    const list = (await request(api('/document-types'), { cookie: admin })).json as DocumentTypeStatus[];
    const qd = list.find((d) => d.kind === 'quyetDinh')!;
    assert.deepEqual([qd.name, qd.abbreviation, qd.incoming, qd.outgoing], ['Quyết định', 'QĐ', true, true]);
    assert.equal(list.find((d) => d.kind === 'congVan')!.abbreviation, '');

    const r = await request(api('/document-types/nghiQuyet'), { method: 'PUT', cookie: admin, body: { incoming: true, outgoing: false } });
    assert.equal(r.status, 200);
    const nq = ((await request(api('/document-types'), { cookie: admin })).json as DocumentTypeStatus[]).find(
      (d) => d.kind === 'nghiQuyet',
    )!;
    assert.deepEqual([nq.incoming, nq.outgoing], [true, false]);

    assert.equal(
      (await request(api('/document-types/giayKhen'), { method: 'PUT', cookie: admin, body: { incoming: true, outgoing: true } })).status,
      404,
    );
    assert.equal(
      (await request(api('/document-types/quyetDinh'), { method: 'PUT', cookie: admin, body: { incoming: 'yes' } })).status,
      400,
    );
  });

  it('the settings reach every account through the org space, and nobody forges them there', async () => {
    const book = await request(`${s.url}/db/docket-org/registryBook:incoming:${YEAR}`, { cookie: staff });
    assert.equal(book.status, 200);
    assert.equal(book.json.name, 'Sổ văn bản đến');
    const type = await request(`${s.url}/db/docket-org/documentType:nghiQuyet`, { cookie: staff });
    assert.deepEqual([type.status, type.json.outgoing], [200, false]);

    const now = new Date().toISOString();
    const forged = {
      type: 'registryBook',
      schema: 1,
      createdAt: now,
      createdBy: 'mai.hoang',
      book: 'incoming',
      year: YEAR + 2,
      name: '',
      firstNumber: 900,
      note: '',
    };
    const put = await request(`${s.url}/db/docket-org/registryBook:incoming:${YEAR + 2}`, { method: 'PUT', cookie: clerk, body: forged });
    assert.equal(put.status, 403);
    const forgedType = {
      type: 'documentType',
      schema: 1,
      createdAt: now,
      createdBy: 'tri.nguyen',
      kind: 'quyetDinh',
      incoming: false,
      outgoing: false,
    };
    assert.equal(
      (await request(`${s.url}/db/docket-org/documentType:quyetDinh`, { method: 'PUT', cookie: admin, body: forgedType })).status,
      403,
    );
    assert.equal((await books(YEAR + 2))[0]!.firstNumber, 1);
  });

  it('each change is in the audit log with who made it', async () => {
    const page = (await request(api('/audit?action=directoryChanged&limit=50'), { cookie: admin })).json as AuditPage;
    const summaries = page.entries.filter((e) => e.actor === 'tri.nguyen').map((e) => e.summary);
    assert.ok(
      summaries.some((x) => x.startsWith(`Registry book incoming ${YEAR}`) && x.includes('first number 1 →')),
      summaries.join('\n'),
    );
    assert.ok(
      summaries.some((x) => x.includes('Nghị quyết offered in registration')),
      summaries.join('\n'),
    );
  });
});
