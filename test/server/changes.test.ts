import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/model/ids.ts';
import { login, request } from './helpers/http.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

const VP = 'docket-unit-vp';
const ORG = 'docket-org';

describe('/api/changes: one long poll for all of a device’s spaces', () => {
  let s: TestServer;
  let staff: string;
  before(async () => {
    s = await startTestServer({ demo: true });
    staff = await login(s.url, 'an.nguyen', s.demoPassword);
  });
  after(() => s.stop());

  const ask = (dbs: Record<string, string | null>, cookie = staff) =>
    request(`${s.url}/api/changes`, { method: 'POST', cookie, body: { dbs } });

  it('refuses anonymous callers, spaces the account cannot read, and bad bodies', async () => {
    assert.equal((await request(`${s.url}/api/changes`, { method: 'POST', body: { dbs: { [VP]: null } } })).status, 401);
    const registry = await ask({ 'docket-registry': null });
    assert.equal(registry.status, 403);
    assert.equal(registry.json.error, 'forbidden');
    assert.equal((await ask({ 'docket-unit-kt': null })).status, 403);
    assert.equal((await ask({ _users: null })).status, 403);
    assert.equal((await ask({})).status, 400);
    assert.equal((await request(`${s.url}/api/changes`, { method: 'POST', cookie: staff, body: { dbs: [VP] } })).status, 400);
  });

  it('answers at once for unknown sequences, then waits until one of the spaces changes and names it', async () => {
    const first = await ask({ [VP]: null, [ORG]: null });
    assert.equal(first.status, 200);
    assert.deepEqual([...first.json.changed].sort(), [ORG, VP]);
    const seqs = first.json.seqs as Record<string, string>;
    assert.equal(typeof seqs[VP], 'string');

    const started = Date.now();
    const waiting = ask(seqs);
    await new Promise((r) => setTimeout(r, 300));
    const notice = {
      _id: newId('notice'),
      type: 'notice',
      schema: 1,
      createdAt: new Date().toISOString(),
      createdBy: 'an.nguyen',
      title: 'Họp giao ban',
      body: 'Sáng thứ Hai, 8 giờ.',
      pinned: false,
      authorName: 'Nguyễn Văn An',
    };
    assert.equal((await request(`${s.url}/db/${VP}/${notice._id}`, { method: 'PUT', cookie: staff, body: notice })).status, 201);
    const answer = await waiting;
    const ms = Date.now() - started;
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json.changed, [VP]);
    assert.notEqual(answer.json.seqs[VP], seqs[VP]);
    assert.equal(answer.json.seqs[ORG], seqs[ORG]);
    assert.ok(ms >= 300 && ms < 5000, `answered after the write (${ms} ms)`);
  });
});
