import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { filesDbNameOf } from '../../src/model/files.ts';
import { newId } from '../../src/model/ids.ts';
import { spaceOfDbName } from '../../src/model/spaces.ts';
import { fileOf } from './helpers/documents.ts';
import {
  ACCOUNT_OF,
  ACTORS,
  type Actor,
  OTHER_PERSON,
  accountOf,
  ALL_SPACES,
  type AttachmentSeeds,
  MORE_OPS,
  MORE_SERVER_EXPECTED,
  MORE_SERVER_OPS,
  NO_ATTACHMENTS,
  type MoreOp,
  runMoreCell,
  runMoreServerOp,
  seedAttachments,
  DESIGN_WRITE,
  type MatrixContext,
  READ,
  SECURITY_WRITE,
  SERVER_EXPECTED,
  SERVER_OPS,
  SPACES,
  WRITE,
  matrixContext,
  runCell,
  runServerOp,
} from './helpers/matrix.ts';
import { request } from './helpers/http.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

const OPS = { read: READ, write: WRITE, design: DESIGN_WRITE, security: SECURITY_WRITE } as const;

describe('role × space × operation matrix (embedded store)', () => {
  let server: TestServer;
  let ctx: MatrixContext;
  before(async () => {
    server = await startTestServer({ demo: true });
    ctx = await matrixContext(server.url, server.admin, server.demoPassword);
  });
  after(() => server.stop());

  for (const [op, table] of Object.entries(OPS)) {
    describe(op, () => {
      for (const actor of ACTORS) {
        SPACES.forEach((col, i) => {
          const expected = table[actor][i]!;
          it(`${actor} → ${col}: ${expected}`, async () => {
            const result = await runCell(ctx, actor, col, op as keyof typeof OPS);
            assert.equal(result.status, expected, `${op} ${actor} ${col}`);
            if (result.stored !== null) assert.equal(result.stored, expected < 300, `stored state after ${op} by ${actor} in ${col}`);
          });
        });
      }
    });
  }

  describe('server-level operations', () => {
    for (const op of SERVER_OPS) {
      for (const actor of ACTORS) {
        const expected = SERVER_EXPECTED[op][actor];
        it(`${op} by ${actor}: ${expected}`, async () => {
          const result = await runServerOp(ctx, actor, op);
          assert.equal(result.status, expected, `${op} ${actor}`);
          if (result.stored !== null) assert.equal(result.stored, expected < 300, `stored state after ${op} by ${actor}`);
        });
      }
    }
  });

  // Issue 7: the registry and the files databases as columns; _changes, _bulk_get, attachments and /api/changes as
  // operations; _config, _node/…/_config, _replicate, /api/me and /api/keys at server level.
  describe('more space kinds and routes (issue 7)', () => {
    let seeds: AttachmentSeeds;
    before(async () => {
      seeds = await seedAttachments(ctx);
    });
    for (const [op, table] of Object.entries(MORE_OPS)) {
      describe(op, () => {
        for (const actor of ACTORS) {
          ALL_SPACES.forEach((col, i) => {
            const expected = table[actor][i]!;
            if (op === 'attachment' && NO_ATTACHMENTS.includes(col)) return; // none there, by rule
            it(`${actor} → ${col}: ${expected}`, async () => {
              const result = await runMoreCell(ctx, seeds, actor, col, op as MoreOp);
              assert.equal(result.status, expected, `${op} ${actor} ${col}`);
              if (result.stored !== null) assert.equal(result.stored, expected < 300, `stored state after ${op} by ${actor} in ${col}`);
            });
          });
        }
      });
    }
    describe('server level', () => {
      for (const op of MORE_SERVER_OPS) {
        for (const actor of ACTORS) {
          const expected = MORE_SERVER_EXPECTED[op][actor];
          it(`${op} by ${actor}: ${expected}`, async () => {
            const result = await runMoreServerOp(ctx, actor, op);
            assert.equal(result.status, expected, `${op} ${actor}`);
            if (result.stored !== null) assert.equal(result.stored, expected < 300, `stored state after ${op} by ${actor}`);
          });
        }
      }
    });
  });

  // Issue 6: conversation spaces (docs/decisions/0005). Columns: a group of staffA and staffB, a direct conversation of
  // staffA and someone outside ACTORS. Only members read and write; leaders, unit heads, clerks and the app
  // administrator are not members and read nothing. The same for each conversation's files database (`files…` ops).
  describe('conversation spaces (issue 6)', () => {
    const CONV_COLS = ['groupAB', 'directAOther'] as const;
    type Pair = readonly [number, number];
    const row = (staffA: Pair, staffB: Pair, others: Pair, anonymous: Pair, serverAdmin: Pair): Record<Actor, Pair> => ({
      anonymous,
      staffA,
      staffB,
      headA: others,
      leader: others,
      clerk: others,
      appAdmin: others,
      serverAdmin,
    });
    const read = row([200, 200], [200, 403], [403, 403], [401, 401], [200, 200]);
    const CONV_OPS = {
      read,
      changes: read,
      longpoll: read,
      bulkGet: read,
      doc: read,
      write: row([201, 201], [201, 403], [403, 403], [401, 401], [201, 201]),
      design: row([403, 403], [403, 403], [403, 403], [401, 401], [201, 201]),
      security: row([403, 403], [403, 403], [403, 403], [401, 401], [200, 200]),
      apiChanges: row([200, 200], [200, 403], [403, 403], [401, 401], [403, 403]),
      filesRead: read,
      filesChanges: read,
      filesBulkGet: read,
      filesAttachment: read,
      filesUpload: row([201, 201], [201, 403], [403, 403], [401, 401], [201, 201]),
      filesSecurity: row([403, 403], [403, 403], [403, 403], [401, 401], [200, 200]),
    } as const;
    const dbs: Record<(typeof CONV_COLS)[number], string> = { groupAB: '', directAOther: '' };
    const metaIds: Record<string, string> = {};
    /** A file with its bytes in each conversation's files database, by the conversation's database. */
    const seededFiles: Record<string, string> = {};
    const filesOf = (db: string) => filesDbNameOf(spaceOfDbName(db)!);
    before(async () => {
      const create = async (body: unknown) => {
        const r = await request(`${ctx.url}/api/conversations`, { ...ctx.auth.staffA, method: 'POST', body });
        assert.equal(r.status, 201, r.text);
        metaIds[r.json.db as string] = `conversation:${r.json.id as string}`;
        return r.json.db as string;
      };
      dbs.groupAB = await create({ members: [ACCOUNT_OF.staffB], title: 'Ma trận' });
      dbs.directAOther = await create({ members: [OTHER_PERSON] });
      for (const db of Object.values(dbs)) {
        const f = fileOf('admin', newId('message'));
        const doc = { ...f.doc, _attachments: { data: { content_type: f.meta.contentType, data: f.bytes.toString('base64') } } };
        const r = await request(`${ctx.url}/db/${filesOf(db)}/${encodeURIComponent(f.doc._id)}`, {
          basic: ctx.admin,
          method: 'PUT',
          body: doc,
        });
        assert.equal(r.status, 201, r.text);
        seededFiles[db] = f.doc._id;
      }
    });
    const run = async (actor: Actor, db: string, op: keyof typeof CONV_OPS): Promise<number> => {
      const auth = ctx.auth[actor];
      const url = `${ctx.url}/db/${db}`;
      switch (op) {
        case 'read':
          return (await request(`${url}/_all_docs?limit=5`, auth)).status;
        case 'changes':
          return (await request(`${url}/_changes?style=all_docs`, auth)).status;
        case 'longpoll':
          return (await request(`${url}/_changes?feed=longpoll&since=0&timeout=1000`, auth)).status;
        case 'bulkGet':
          return (await request(`${url}/_bulk_get?revs=true`, { ...auth, method: 'POST', body: { docs: [{ id: metaIds[db]! }] } })).status;
        case 'doc':
          return (await request(`${url}/${encodeURIComponent(metaIds[db]!)}`, auth)).status;
        case 'write': {
          const by = actor === 'serverAdmin' ? 'admin' : accountOf(actor);
          const doc = {
            _id: newId('message'),
            type: 'message',
            schema: 1,
            createdAt: new Date().toISOString(),
            createdBy: by,
            authorName: by,
            text: `Tin thử (${actor})`,
            mentions: [],
          };
          const r = await request(`${url}/${encodeURIComponent(doc._id)}`, { ...auth, method: 'PUT', body: doc });
          const stored = (await request(`${url}/${encodeURIComponent(doc._id)}`, { basic: ctx.admin })).status === 200;
          assert.equal(stored, r.status < 300, 'stored state');
          return r.status;
        }
        case 'design': {
          const id = `_design/x${Math.random().toString(36).slice(2, 8)}`;
          const r = await request(`${url}/${id}`, { ...auth, method: 'PUT', body: { views: {} } });
          assert.equal((await request(`${url}/${id}`, { basic: ctx.admin })).status === 200, r.status < 300, 'stored state');
          return r.status;
        }
        case 'security': {
          const wanted = (await request(`${url}/_security`, { basic: ctx.admin })).json;
          const forged = { admins: wanted.admins, members: { names: [...wanted.members.names, 'intruder'], roles: [] } };
          const r = await request(`${url}/_security`, { ...auth, method: 'PUT', body: forged });
          const stored = ((await request(`${url}/_security`, { basic: ctx.admin })).json.members.names as string[]).includes('intruder');
          assert.equal(stored, r.status < 300, 'stored state');
          if (stored) await request(`${url}/_security`, { basic: ctx.admin, method: 'PUT', body: wanted });
          return r.status;
        }
        case 'apiChanges':
          return (await request(`${ctx.url}/api/changes`, { ...auth, method: 'POST', body: { dbs: { [db]: null } } })).status;
        case 'filesRead':
          return (await request(`${ctx.url}/db/${filesOf(db)}/_all_docs?limit=5`, auth)).status;
        case 'filesChanges':
          return (await request(`${ctx.url}/db/${filesOf(db)}/_changes?style=all_docs`, auth)).status;
        case 'filesBulkGet':
          return (
            await request(`${ctx.url}/db/${filesOf(db)}/_bulk_get?revs=true`, {
              ...auth,
              method: 'POST',
              body: { docs: [{ id: seededFiles[db]! }] },
            })
          ).status;
        case 'filesAttachment':
          return (await request(`${ctx.url}/db/${filesOf(db)}/${encodeURIComponent(seededFiles[db]!)}/data`, auth)).status;
        case 'filesUpload': {
          const f = fileOf(actor === 'serverAdmin' ? 'admin' : accountOf(actor), newId('message'));
          const path = `${ctx.url}/db/${filesOf(db)}/${encodeURIComponent(f.doc._id)}`;
          const r = await request(path, { ...auth, method: 'PUT', body: f.doc });
          assert.equal((await request(path, { basic: ctx.admin })).status === 200, r.status < 300, 'stored state');
          return r.status;
        }
        case 'filesSecurity': {
          const url_ = `${ctx.url}/db/${filesOf(db)}/_security`;
          const wanted = (await request(url_, { basic: ctx.admin })).json;
          const forged = { admins: wanted.admins, members: { names: [...wanted.members.names, 'intruder'], roles: [] } };
          const r = await request(url_, { ...auth, method: 'PUT', body: forged });
          const stored = ((await request(url_, { basic: ctx.admin })).json.members.names as string[]).includes('intruder');
          assert.equal(stored, r.status < 300, 'stored state');
          if (stored) await request(url_, { basic: ctx.admin, method: 'PUT', body: wanted });
          return r.status;
        }
      }
    };
    for (const [op, table] of Object.entries(CONV_OPS)) {
      describe(op, () => {
        for (const actor of ACTORS) {
          CONV_COLS.forEach((col, i) => {
            const expected = table[actor][i]!;
            it(`${actor} → ${col}: ${expected}`, async () => {
              assert.equal(await run(actor, dbs[col], op as keyof typeof CONV_OPS), expected, `${op} ${actor} ${col}`);
            });
          });
        }
      });
    }
  });

  it('still answers after the whole matrix', async () => {
    const r = await request(`${server.url}/api/health`);
    assert.equal(r.status, 200);
  });
});
