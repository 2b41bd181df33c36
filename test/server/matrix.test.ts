import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ACTORS,
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

  it('still answers after the whole matrix', async () => {
    const r = await request(`${server.url}/api/health`);
    assert.equal(r.status, 200);
  });
});
