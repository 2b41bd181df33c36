import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ACTORS,
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

  it('still answers after the whole matrix', async () => {
    const r = await request(`${server.url}/api/health`);
    assert.equal(r.status, 200);
  });
});
