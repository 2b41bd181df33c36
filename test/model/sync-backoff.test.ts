import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay } from '../../src/sync/backoff.ts';
import { overallState } from '../../src/sync/overall.ts';

const opts = { baseMs: 1000, maxMs: 60_000 };

test('backoff doubles per attempt, with jitter in [cap/2, cap]', () => {
  assert.equal(
    backoffDelay(0, opts, () => 0),
    500,
  );
  assert.equal(
    backoffDelay(0, opts, () => 0.999999),
    1000,
  );
  assert.equal(
    backoffDelay(1, opts, () => 0),
    1000,
  );
  assert.equal(
    backoffDelay(3, opts, () => 0.5),
    6000,
  );
  for (let attempt = 0; attempt < 12; attempt++) {
    const cap = Math.min(opts.maxMs, opts.baseMs * 2 ** attempt);
    for (const r of [0, 0.25, 0.5, 0.99]) {
      const d = backoffDelay(attempt, opts, () => r);
      assert.ok(d >= cap / 2 && d <= cap, `attempt ${attempt} r ${r}: ${d}`);
    }
  }
});

test('backoff is capped, also for huge or negative attempt numbers', () => {
  assert.equal(
    backoffDelay(50, opts, () => 0.999999),
    60_000,
  );
  assert.equal(
    backoffDelay(10_000, opts, () => 0),
    30_000,
  );
  assert.equal(
    backoffDelay(-3, opts, () => 0),
    500,
  );
});

test('jitter spreads retries of many devices', () => {
  const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4, opts)));
  assert.ok(delays.size > 10);
});

test('overall state: offline wins when the device is offline, else what needs attention', () => {
  assert.equal(overallState(false, ['upToDate', 'syncing']), 'offline');
  assert.equal(overallState(true, ['upToDate', 'needsSignIn', 'error']), 'needsSignIn');
  assert.equal(overallState(true, ['upToDate', 'error', 'accessDenied']), 'error');
  assert.equal(overallState(true, ['upToDate', 'accessDenied']), 'accessDenied');
  assert.equal(overallState(true, ['upToDate', 'syncing', 'connecting']), 'connecting');
  assert.equal(overallState(true, ['upToDate', 'syncing']), 'syncing');
  assert.equal(overallState(true, ['upToDate', 'upToDate']), 'upToDate');
  assert.equal(overallState(true, []), 'upToDate');
});
