/**
 * Retry timing for replication: capped exponential backoff with "equal jitter" (half fixed, half
 * random), so a whole office coming back online does not reconnect in lockstep.
 */
export interface BackoffOptions {
  /** Delay of the first retry before jitter. */
  baseMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** Delay before retry number `attempt` (0-based); `random` in [0, 1). Always within [cap/2, cap]. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(Math.max(0, attempt), 30);
  const cap = Math.min(options.maxMs, options.baseMs * 2 ** exp);
  return Math.round(cap / 2 + random() * (cap / 2));
}
