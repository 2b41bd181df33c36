/**
 * The fuzzer's two ends: a raw HTTP/1.1 sender over a plain TCP socket (so lying headers, bad bytes and broken
 * framing reach the server exactly as written), and the real server as a child process whose log is read for
 * crashes, unhandled rejections and 500s, and whose RSS is sampled from /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FuzzRequest } from './fuzz-gen.ts';
import { PROCESS_ADMIN, PROCESS_DEMO_PASSWORD, freePort } from './server-process.ts';

const u8 = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.length);

export type Outcome = 'answered' | 'timeout' | 'reset';

export interface FuzzReply {
  outcome: Outcome;
  status: number | null;
  /** The first few KB of the response (status line, headers, start of the body). */
  head: string;
  bytes: number;
  ms: number;
}

/** Sends one request on its own connection (`Connection: close`) and reads the answer until the server closes. */
export function sendRaw(port: number, req: FuzzRequest, timeoutMs: number): Promise<FuzzReply> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    let kept = 0;
    let bytes = 0;
    let done = false;
    const sock = connect(port, '127.0.0.1');
    const finish = (outcome: Outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const head = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/\d\.\d (\d{3})/.exec(head);
      const status = m ? Number(m[1]) : null;
      resolve({ outcome: status !== null && outcome !== 'timeout' ? 'answered' : outcome, status, head, bytes, ms: Date.now() - t0 });
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    sock.on('data', (d: Buffer) => {
      bytes += d.length;
      if (kept < 4096) {
        chunks.push(u8(d).subarray(0, 4096 - kept));
        kept += Math.min(d.length, 4096 - kept);
      }
    });
    sock.on('end', () => finish('reset'));
    sock.on('close', () => finish('reset'));
    sock.on('error', () => {
      /* EPIPE/ECONNRESET after an early answer: 'close' follows */
    });
    sock.on('connect', () => {
      const lines = [`${req.method} ${req.target} ${req.version ?? 'HTTP/1.1'}`];
      if (!req.noHost) lines.push(`Host: 127.0.0.1:${port}`);
      lines.push('Connection: close');
      for (const [k, v] of req.headers) lines.push(`${k}: ${v}`);
      const hasLength = req.headers.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k));
      if (req.body && !hasLength && req.contentLength !== null) lines.push(`Content-Length: ${req.contentLength ?? req.body.length}`);
      sock.write(u8(Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1')));
      if (req.body && req.body.length) sock.write(u8(req.body));
    });
  });
}

const SERVER_PROCESS = fileURLToPath(new URL('./server-process.ts', import.meta.url));
const REPO = path.resolve(path.dirname(SERVER_PROCESS), '../../..');

export interface LogEntry {
  level: number;
  msg: string;
  url?: string;
  err?: { type?: string; message?: string; stack?: string };
}

export interface FuzzServer {
  url: string;
  port: number;
  pid: number;
  admin: { name: string; password: string };
  demoPassword: string;
  /** Log entries at warn level and above (pino JSON). */
  problems: LogEntry[];
  /** Lines of output that were not JSON (a crash prints a stack this way). */
  rawLines: string[];
  /** True once the child has exited. */
  exited(): boolean;
  exitInfo(): string;
  /** Resident set size of the server process, in MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

/** The real server (test/server/helpers/server-process.ts: start.ts minus the build) on a free loopback port. */
export async function startFuzzServer(env: Record<string, string> = {}): Promise<FuzzServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'docket-fuzz-'));
  // The static routes are fuzzed too: serve a minimal built client of our own, so the run does not depend on
  // whether dist/ was built before (in a clean checkout it is not yet when the node tests run: 503 "not built").
  const distDir = path.join(dataDir, 'dist');
  mkdirSync(path.join(distDir, 'assets'), { recursive: true });
  writeFileSync(
    path.join(distDir, 'index.html'),
    '<!doctype html><title>Docket</title><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(path.join(distDir, 'assets', 'app.js'), 'console.log("docket");');
  writeFileSync(path.join(distDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  const problems: LogEntry[] = [];
  const rawLines: string[] = [];
  let exitInfo = '';
  let pending = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SERVER_PROCESS], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO: '1',
      DEMO_PASSWORD: PROCESS_DEMO_PASSWORD,
      DEMO_DOCUMENTS: '0',
      LOG_LEVEL: 'warn',
      ADMIN_USER: PROCESS_ADMIN.name,
      ADMIN_PASSWORD: PROCESS_ADMIN.password,
      LOGIN_RATE_LIMIT: '100000',
      TEST_DIST_DIR: distDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onData = (chunk: Buffer) => {
    pending += chunk.toString();
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (!line.trim()) continue;
      try {
        const e = JSON.parse(line) as LogEntry;
        if (typeof e.level === 'number' && e.level >= 40) problems.push(e);
      } catch {
        if (rawLines.length < 500) rawLines.push(line);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let hasExited = false;
  const exitedP = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      hasExited = true;
      exitInfo = `exit code ${code}, signal ${signal}`;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (hasExited) throw new Error(`fuzz server exited before it was ready: ${exitInfo}\n${rawLines.join('\n')}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('fuzz server not ready after 60 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    pid: child.pid!,
    admin: PROCESS_ADMIN,
    demoPassword: PROCESS_DEMO_PASSWORD,
    problems,
    rawLines,
    exited: () => hasExited,
    exitInfo: () => exitInfo,
    rssMb() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Math.round(Number(m[1]) / 1024) : NaN;
    },
    async stop() {
      if (!hasExited) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exitedP;
        clearTimeout(killer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
