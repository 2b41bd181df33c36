/**
 * Fault test (issue 7): two devices of one unit replicate through a flaky network (a loopback TCP
 * proxy that drops connections, resets them mid-request and delays every chunk, seeded) while they
 * write notices, with a full outage in the middle. Afterwards everything converges: every notice
 * exactly once, intact, without conflicts, on both devices and the server; the devices' sync state
 * (what the app's sync badge shows) went to "error" and came back to "up to date" with nothing pending.
 * FAULT_SEED (default 11) and FAULT_CHAOS_MS (default 12000) change the run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/model/ids.ts';
import {
  type FaultClient,
  clientSide,
  convergenceProblems,
  faultClient,
  seeded,
  serverSide,
  waitConverged,
} from './helpers/fault-clients.ts';
import { CALM, type FlakyProxy, startFlakyProxy } from './helpers/flaky-proxy.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

const SEED = Number(process.env.FAULT_SEED ?? 11);
const CHAOS_MS = Number(process.env.FAULT_CHAOS_MS ?? 12_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const FLAKY = { drop: 0.15, reset: 0.3, resetWithinMs: 150, maxDelayMs: 40, down: false };

describe('replication through a flaky network', () => {
  let s: TestServer;
  let proxy: FlakyProxy;
  const clients: FaultClient[] = [];
  let runId: string;
  const sides = () => [serverSide(s.url, clients[0]!.space.db, s.admin), ...clients.map(clientSide)];

  before(async () => {
    s = await startTestServer({ demo: true });
    proxy = await startFlakyProxy({ target: { port: Number(new URL(s.url).port) }, seed: SEED });
    runId = `flaky-${SEED}-${Date.now()}`;
    const random = seeded(SEED);
    for (const name of ['an.nguyen', 'tuan.vu'])
      clients.push(await faultClient({ serverUrl: s.url, syncUrl: proxy.url, name, password: s.demoPassword, runId, random }));
    await waitConverged(sides(), clients, 30_000);
  });
  after(async () => {
    for (const c of clients) await c.close().catch(() => undefined);
    await proxy?.close();
    await s?.stop();
  });

  it('converges with every notice exactly once, and the sync state shows the outage then up to date', { timeout: 60_000 }, async (t) => {
    const [a, b] = clients as [FaultClient, FaultClient];
    const t0 = Date.now();
    proxy.setRates(FLAKY);
    a.startWriting();
    b.startWriting();
    await sleep(CHAOS_MS / 2);
    // A full outage: open connections reset, new ones refused; the devices must show it.
    const statesBefore = [a.states.length, b.states.length];
    proxy.setRates({ down: true });
    await sleep(2_000);
    const sawError = [a, b].map((c, i) => c.states.slice(statesBefore[i]).includes('error'));
    proxy.setRates({ down: false });
    await sleep(CHAOS_MS / 2);
    await Promise.all([a.stopWriting(), b.stopWriting()]);
    const writtenAt = Date.now();
    proxy.setRates(CALM);
    const convergeMs = await waitConverged(sides(), clients, 45_000);
    const problems = await convergenceProblems(sides(), clients, runId);
    const st = proxy.stats;
    t.diagnostic(
      `wrote ${a.written.length} + ${b.written.length} notices over ${writtenAt - t0} ms through the proxy ` +
        `(${st.connections} connections: ${st.dropped} dropped, ${st.reset} reset, ${st.delayedChunks} chunks delayed, ${(st.bytes / 1e6).toFixed(1)} MB); ` +
        `converged ${convergeMs} ms after the network calmed; network errors seen by devices ${a.networkErrors + b.networkErrors}`,
    );
    assert.deepEqual(problems, []);
    assert.ok(st.dropped > 0 && st.reset > 0, `the proxy did not misbehave: ${JSON.stringify(st)}`);
    assert.ok(a.written.length > 30 && b.written.length > 30, `too few writes (${a.written.length}, ${b.written.length})`);
    assert.deepEqual(sawError, [true, true], `the outage did not show: ${a.states.join(' → ')} / ${b.states.join(' → ')}`);
    for (const c of [a, b]) {
      const st = c.manager.status();
      assert.equal(st.state, 'upToDate');
      assert.equal(st.pendingLocal, 0);
      assert.equal(st.conflicts, 0);
      assert.equal(st.error, undefined);
      assert.deepEqual(c.manager.rejected(), []);
    }
  });

  it('the check catches a duplicate (a write retried under a new id, as a non-idempotent client would)', { timeout: 45_000 }, async () => {
    const [a] = clients as [FaultClient];
    proxy.setRates(FLAKY);
    const original = a.written[0]!;
    const doc = (await a.local.get(original.id)) as unknown as Record<string, unknown>;
    delete doc._rev;
    await a.local.put({ ...doc, _id: newId('notice') });
    await sleep(1_000);
    proxy.setRates(CALM);
    await waitConverged(sides(), clients, 30_000);
    const problems = await convergenceProblems(sides(), clients, runId);
    assert.equal(problems.filter((p) => p.includes('written by nobody')).length, 3, problems.join('\n'));
  });
});
