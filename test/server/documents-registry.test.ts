import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/model/ids.ts';
import { DESIGN_DOC_ID } from '../../server/setup/design-doc.ts';
import { NUMBERING_DB } from '../../server/services/numbering.ts';
import { request } from './helpers/http.ts';
import { ACTORS, type Actor, type MatrixContext, matrixContext } from './helpers/matrix.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

const REGISTRY = 'docket-registry';

/** Reading the registry: clerks and leaders only (docs/decisions/0001). */
const REGISTRY_READ: Record<Actor, number> = {
  anonymous: 401,
  staffA: 403,
  staffB: 403,
  headA: 403,
  leader: 200,
  clerk: 200,
  appAdmin: 403,
  serverAdmin: 200,
};

describe('registry space and numbering database (embedded store)', () => {
  let s: TestServer;
  let ctx: MatrixContext;
  before(async () => {
    s = await startTestServer({ demo: true });
    ctx = await matrixContext(s.url, s.admin, s.demoPassword);
  });
  after(() => s.stop());

  it('is created by setup with clerk/leader _security and the design document', async () => {
    const sec = await request(`${s.url}/db/${REGISTRY}/_security`, { basic: s.admin });
    assert.deepEqual(sec.json.members, { names: [], roles: ['clerk', 'leader'] });
    const ddoc = await request(`${s.url}/db/${REGISTRY}/${DESIGN_DOC_ID}`, { basic: s.admin });
    assert.equal(ddoc.status, 200);
    assert.match(ddoc.json.validate_doc_update, /"kind":"registry"/);
  });

  for (const actor of ACTORS) {
    it(`read _all_docs and _changes: ${actor} → ${REGISTRY_READ[actor]}`, async () => {
      const auth = ctx.auth[actor];
      assert.equal((await request(`${s.url}/db/${REGISTRY}/_all_docs?limit=1`, auth)).status, REGISTRY_READ[actor]);
      assert.equal((await request(`${s.url}/db/${REGISTRY}/_changes?limit=1`, auth)).status, REGISTRY_READ[actor]);
    });
  }

  for (const actor of ['anonymous', 'staffA', 'staffB', 'headA', 'appAdmin'] as const) {
    it(`write: ${actor} is refused and nothing is stored`, async () => {
      const id = newId('officialDocument');
      const by =
        actor === 'anonymous' ? 'an.nguyen' : { staffA: 'an.nguyen', staffB: 'linh.dinh', headA: 'hoa.do', appAdmin: 'tri.nguyen' }[actor];
      const doc = { _id: id, type: 'officialDocument', schema: 1, createdAt: new Date().toISOString(), createdBy: by };
      const r = await request(`${s.url}/db/${REGISTRY}/${encodeURIComponent(id)}`, { ...ctx.auth[actor], method: 'PUT', body: doc });
      assert.equal(r.status, actor === 'anonymous' ? 401 : 403);
      assert.equal((await request(`${s.url}/db/${REGISTRY}/${encodeURIComponent(id)}`, { basic: s.admin })).status, 404);
    });
  }

  it('lists the registry in /api/me for clerks and leaders only, after the org space', async () => {
    for (const [actor, listed] of [
      ['clerk', true],
      ['leader', true],
      ['staffA', false],
      ['headA', false],
      ['appAdmin', false],
    ] as const) {
      const me = await request(`${s.url}/api/me`, ctx.auth[actor]);
      const dbs = (me.json.spaces as { db: string }[]).map((x) => x.db);
      assert.equal(dbs.includes(REGISTRY), listed, actor);
      if (listed) {
        assert.equal(dbs[1], REGISTRY);
        assert.deepEqual(me.json.spaces[1], { kind: 'registry', id: 'registry', title: 'Văn thư – Sổ văn bản', db: REGISTRY });
      }
    }
  });

  for (const actor of ACTORS) {
    const expected = actor === 'serverAdmin' ? 200 : actor === 'anonymous' ? 401 : 403;
    it(`numbering database through the gateway: ${actor} → ${expected}`, async () => {
      const auth = ctx.auth[actor];
      assert.equal((await request(`${s.url}/db/${NUMBERING_DB}`, auth)).status, expected);
      assert.equal((await request(`${s.url}/db/${NUMBERING_DB}/_all_docs`, auth)).status, expected);
      const id = `alloc:incoming:2026:${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
      const put = await request(`${s.url}/db/${NUMBERING_DB}/${encodeURIComponent(id)}`, {
        ...auth,
        method: 'PUT',
        body: { forged: true },
      });
      if (actor === 'serverAdmin') {
        assert.equal(put.status, 201);
        await request(`${s.url}/db/${NUMBERING_DB}/${encodeURIComponent(id)}?rev=${put.json.rev}`, { basic: s.admin, method: 'DELETE' });
      } else {
        assert.equal(put.status, expected);
        assert.equal((await request(`${s.url}/db/${NUMBERING_DB}/${encodeURIComponent(id)}`, { basic: s.admin })).status, 404);
      }
    });
  }

  it('keeps the numbering database admin-only in its _security too', async () => {
    const sec = await request(`${s.url}/db/${NUMBERING_DB}/_security`, { basic: s.admin });
    assert.deepEqual(sec.json.members.roles, ['_admin']);
  });
});
