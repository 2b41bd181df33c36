/**
 * A flaky network on loopback: a TCP proxy between clients and the server that, with seeded
 * randomness, refuses some connections at once, resets some after a random time (both sides get a
 * TCP RST), and delays every chunk in both directions (order kept). Rates change at run time, e.g.
 * to calm the network down at the end of a test, or to cut it off entirely (`down`).
 */
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

export interface FlakyRates {
  /** Probability that a new connection is closed at once (before any byte). */
  drop: number;
  /** Probability that a connection is reset (RST both ways) after a random 0–`resetWithinMs`. */
  reset: number;
  resetWithinMs: number;
  /** Every chunk waits a random 0–`maxDelayMs` (both directions; order is kept). */
  maxDelayMs: number;
  /** All new connections are refused and open ones are reset (an outage). */
  down: boolean;
}

export const CALM: FlakyRates = { drop: 0, reset: 0, resetWithinMs: 0, maxDelayMs: 0, down: false };

export interface FlakyStats {
  connections: number;
  dropped: number;
  reset: number;
  delayedChunks: number;
  bytes: number;
}

export interface FlakyProxy {
  url: string;
  port: number;
  stats: FlakyStats;
  rates: FlakyRates;
  setRates(rates: Partial<FlakyRates>): void;
  close(): Promise<void>;
}

/** mulberry32: the same seed gives the same faults (for the same order of connections). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rst(s: Socket): void {
  if (s.destroyed) return;
  // resetAndDestroy sends a TCP RST (Node ≥ 18.3); on a socket not yet connected it only destroys.
  if (s.readyState === 'open' || s.readyState === 'readOnly' || s.readyState === 'writeOnly') s.resetAndDestroy();
  else s.destroy();
}

export async function startFlakyProxy(opts: {
  target: { host?: string; port: number };
  seed?: number;
  rates?: Partial<FlakyRates>;
}): Promise<FlakyProxy> {
  const random = prng(opts.seed ?? 1);
  const rates: FlakyRates = { ...CALM, ...opts.rates };
  const stats: FlakyStats = { connections: 0, dropped: 0, reset: 0, delayedChunks: 0, bytes: 0 };
  const open = new Set<{ client: Socket; upstream: Socket }>();

  /** Copies `from` to `to`, each chunk after its random delay, in order. */
  const pipe = (from: Socket, to: Socket) => {
    let chain = Promise.resolve();
    from.on('data', (chunk: Uint8Array) => {
      stats.bytes += chunk.length;
      const delay = rates.maxDelayMs > 0 ? random() * rates.maxDelayMs : 0;
      if (delay >= 1) {
        stats.delayedChunks++;
        from.pause();
        chain = chain
          .then(() => new Promise<void>((r) => setTimeout(r, delay)))
          .then(() => {
            if (!to.destroyed) to.write(chunk);
            from.resume();
            return undefined;
          });
      } else
        chain = chain.then(() => {
          if (!to.destroyed) to.write(chunk);
        });
    });
    from.on('end', () => {
      chain = chain.then(() => {
        if (!to.destroyed) to.end();
      });
    });
  };

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    stats.connections++;
    client.on('error', () => undefined);
    if (rates.down || random() < rates.drop) {
      stats.dropped++;
      rst(client);
      return;
    }
    const upstream = connect({ host: opts.target.host ?? '127.0.0.1', port: opts.target.port });
    const pair = { client, upstream };
    open.add(pair);
    upstream.on('error', () => rst(client));
    client.on('error', () => rst(upstream));
    const done = () => {
      open.delete(pair);
      if (!client.destroyed) client.destroy();
      if (!upstream.destroyed) upstream.destroy();
    };
    client.on('close', done);
    upstream.on('close', done);
    upstream.once('connect', () => {
      pipe(client, upstream);
      pipe(upstream, client);
      client.resume();
    });
    if (random() < rates.reset) {
      const timer = setTimeout(() => {
        stats.reset++;
        rst(client);
        rst(upstream);
      }, random() * rates.resetWithinMs);
      timer.unref();
      client.once('close', () => clearTimeout(timer));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats,
    rates,
    setRates(next) {
      Object.assign(rates, next);
      if (rates.down)
        for (const p of open) {
          rst(p.client);
          rst(p.upstream);
        }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const p of open) {
          p.client.destroy();
          p.upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
