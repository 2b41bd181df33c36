/**
 * Fault suite (issue 7): the server is killed with SIGKILL in the middle of replication, again and
 * again, while two devices of the same unit keep writing notices; after the last restart everything
 * converges and every written notice exists exactly once, intact and without conflicts, on both
 * devices and the server.
 *
 * The server is a separate process (helpers/server-process.ts) restarted on the same DATA_DIR and
 * loopback port; the devices are the app's SyncManager over Node PouchDB (helpers/fault-clients.ts).
 * `npm test` runs it with 5 kills (test/server/fault-sigkill.test.ts), `npm run soak` with 20
 * (test/soak/sigkill.test.ts); FAULT_KILLS and FAULT_SEED (default 7) override.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type FaultClient,
  clientSide,
  convergenceProblems,
  faultClient,
  seeded,
  serverSide,
  waitConverged,
  waitSettled,
} from './fault-clients.ts';
import { type ServerProcess, serverProcess } from './server-process.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function sigkillSuite(defaultKills: number, timeoutMs: number): void {
  const KILLS = Number(process.env.FAULT_KILLS ?? defaultKills);
  const SEED = Number(process.env.FAULT_SEED ?? 7);
  describe(`server killed with SIGKILL during replication (${KILLS} times)`, () => {
    let proc: ServerProcess;
    const clients: FaultClient[] = [];
    const sides = (db: string, cs: FaultClient[]) => [serverSide(proc.url, db, proc.admin), ...cs.map(clientSide)];

    before(async () => {
      proc = serverProcess();
      await proc.start();
    });
    after(async () => {
      for (const c of clients) await c.close().catch(() => undefined);
      await proc?.stop();
    });

    it(`${KILLS} kills while two devices write: every notice exactly once on all three sides`, { timeout: timeoutMs }, async (t) => {
      const random = seeded(SEED);
      const runId = `sigkill-${SEED}-${Date.now()}`;
      const opts = { serverUrl: proc.url, syncUrl: proc.url, password: proc.demoPassword, runId, random };
      const a = await faultClient({ ...opts, name: 'an.nguyen' });
      const b = await faultClient({ ...opts, name: 'tuan.vu' });
      clients.push(a, b);
      assert.equal(a.space.db, b.space.db);
      const all = sides(a.space.db, [a, b]);
      await waitConverged(all, [a, b], 30_000);

      const t0 = Date.now();
      a.startWriting();
      b.startWriting();
      const kills: Array<{ upMs: number; inFlight: number; writes: number; readyMs: number }> = [];
      let readyMs = 0;
      for (let i = 0; i < KILLS; i++) {
        // Let a device reconnect (it retries within half a second), then kill 100–600 ms later.
        const since = a.states.length + b.states.length;
        const back = Date.now() + 3_000;
        while (a.states.length + b.states.length === since && Date.now() < back) await sleep(10);
        const upMs = 100 + Math.floor(random() * 500);
        await sleep(upMs);
        const inFlight = a.inFlight + b.inFlight;
        const writes = a.inFlightWrites + b.inFlightWrites;
        await proc.kill('SIGKILL');
        if (i > 0) kills[i - 1]!.readyMs = readyMs;
        kills.push({ upMs, inFlight, writes, readyMs: 0 });
        readyMs = (await proc.start()).readyMs;
      }
      kills.at(-1)!.readyMs = readyMs;
      // A last stretch of writing against the restarted server, then the devices settle.
      await sleep(500);
      await Promise.all([a.stopWriting(), b.stopWriting()]);
      const writtenAt = Date.now();
      const convergeMs = await waitConverged(all, [a, b], 60_000);
      const problems = await convergenceProblems(all, [a, b], runId);

      const hit = kills.filter((k) => k.inFlight > 0).length;
      const hitWrites = kills.filter((k) => k.writes > 0).length;
      const ready = kills.map((k) => k.readyMs).sort((x, y) => x - y);
      t.diagnostic(
        `${kills.length} SIGKILLs (${hit} with requests in flight, ${hitWrites} with a push or checkpoint in flight), restart to /api/health p50 ${ready[ready.length >> 1]} ms, max ${ready.at(-1)} ms; ` +
          `written ${a.written.length} + ${b.written.length} notices over ${writtenAt - t0} ms; converged ${convergeMs} ms after the last write; ` +
          `network errors seen by devices ${a.networkErrors + b.networkErrors}, rejected remote info() ${a.infoFailures + b.infoFailures}`,
      );
      assert.deepEqual(problems, []);
      assert.equal(kills.length, KILLS);
      assert.ok(hit > 0, 'no kill hit a request in flight: the test did not test what it says');
      assert.ok(a.written.length > 50 && b.written.length > 50, `too few writes (${a.written.length}, ${b.written.length})`);
      for (const c of [a, b]) {
        assert.ok(c.states.includes('error'), `${c.name} never showed the outage: ${c.states.join(' → ')}`);
        assert.equal(c.manager.status().state, 'upToDate');
        assert.equal(c.manager.status().conflicts, 0);
        assert.deepEqual(c.manager.rejected(), []);
      }
      for (const c of clients.splice(0)) await c.close();
    });

    it(
      'the check catches devices that name notices with a counter (colliding ids): lost words, refused or conflicting revisions',
      { timeout: 60_000 },
      async () => {
        const runId = `collide-${Date.now()}`;
        const counter = (n: number) => `notice:${runId}-${n}`;
        const opts = { serverUrl: proc.url, syncUrl: proc.url, password: proc.demoPassword, runId, idScheme: counter };
        const a = await faultClient({ ...opts, name: 'an.nguyen' });
        const b = await faultClient({ ...opts, name: 'tuan.vu' });
        clients.push(a, b);
        const all = sides(a.space.db, [a, b]);
        await waitConverged(all, [a, b], 30_000);
        // Both offline, each writes notices 1…5 under the same ids; then both come back.
        a.manager.setOnline(false);
        b.manager.setOnline(false);
        for (const c of [a, b]) {
          c.startWriting({ minMs: 0, maxMs: 1, batchMax: 1 });
          while (c.written.length < 5) await sleep(5);
          await c.stopWriting();
        }
        a.manager.setOnline(true);
        b.manager.setOnline(true);
        // They may never converge: the gateway refuses the second author's revision of the same id
        // ("createdBy cannot change"), so it stays on its device, listed as refused.
        await waitSettled([a, b], 30_000);
        const problems = await convergenceProblems(all, [a, b], runId);
        assert.ok(
          problems.some((p) => p.includes('lost')),
          problems.join('\n'),
        );
        const refused = a.manager.rejected().length + b.manager.rejected().length;
        const conflicts = problems.filter((p) => p.includes('has conflicts')).length;
        assert.ok(refused + conflicts > 0, problems.join('\n'));
      },
    );
  });
}
