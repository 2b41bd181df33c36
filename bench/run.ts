// Runs the benchmarks: every bench/*.bench.ts, or those whose file or bench name contains one of the
// arguments (`npm run bench -- sync cold`). Prints a table and writes bench/results/latest.json
// (machine, date, versions, every figure and ratio). Exit code 1 if a benchmark threw.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchRatio, BenchResult } from './types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Whether `value` meets a goal written as "< 1", "≤ 3", "<= 1.3", "> 2", "≥ 2" (no goal: null). */
export function meetsGoal(value: number, goal: string | undefined): boolean | null {
  const m = goal?.trim().match(/^(<=|>=|≤|≥|<|>)\s*([\d.]+)/);
  if (!m) return null;
  const limit = Number(m[2]);
  switch (m[1]) {
    case '<':
      return value < limit;
    case '<=':
    case '≤':
      return value <= limit;
    case '>':
      return value > limit;
    default:
      return value >= limit;
  }
}

function chromiumVersion(): string | null {
  try {
    const exe = process.env.CHROME_PATH ?? '/usr/bin/chromium';
    return execFileSync(exe, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

function table(header: string[], rows: string[][], rightAligned: number[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

interface Outcome {
  name: string;
  file: string;
  seconds: number;
  result?: BenchResult;
  error?: string;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => a !== '--');
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const outcomes: Outcome[] = [];
  // Words that name files select those files without importing the others (a bench name is known only after import).
  const byFile = wanted.length ? files.filter((f) => wanted.some((w) => f.includes(w))) : [];
  for (const file of byFile.length ? byFile : files) {
    let mod: { default?: Bench };
    try {
      mod = (await import(pathToFileURL(path.join(here, file)).href)) as { default?: Bench };
    } catch (err) {
      console.error(`✗ ${file} failed to load:`, err);
      outcomes.push({ name: file, file, seconds: 0, error: String((err as Error)?.stack ?? err) });
      continue;
    }
    const bench = mod.default;
    if (!bench || typeof bench.run !== 'function') {
      console.error(`${file}: no default export { name, run }, skipped`);
      continue;
    }
    if (wanted.length && !wanted.some((w) => file.includes(w) || bench.name.includes(w))) continue;
    console.log(`\n▶ ${bench.name} (${file})`);
    const t0 = performance.now();
    try {
      const result = await bench.run();
      outcomes.push({ name: bench.name, file, seconds: (performance.now() - t0) / 1000, result });
    } catch (err) {
      console.error(`✗ ${bench.name} failed:`, err);
      outcomes.push({ name: bench.name, file, seconds: (performance.now() - t0) / 1000, error: String((err as Error)?.stack ?? err) });
    }
  }
  if (!outcomes.length) {
    console.error(`No benchmark matches ${wanted.join(' ')} (have: ${files.join(', ')})`);
    process.exit(1);
  }

  const rows = outcomes.flatMap((o) =>
    o.error
      ? [[o.name, 'FAILED', '', '', o.error.split('\n')[0]!]]
      : o.result!.rows.map((r) => [o.name, r.metric, fmt(r.value), r.unit, r.note ?? '']),
  );
  console.log('\n' + table(['bench', 'metric', 'value', 'unit', 'note'], rows, [2]));
  const ratios: Array<BenchRatio & { bench: string; met: boolean | null }> = outcomes.flatMap((o) =>
    (o.result?.ratios ?? []).map((r) => ({ bench: o.name, ...r, met: meetsGoal(r.value, r.goal) })),
  );
  if (ratios.length) {
    console.log(
      '\n' +
        table(
          ['bench', 'ratio', 'value', 'goal', 'met'],
          ratios.map((r) => [r.bench, r.name, fmt(r.value), r.goal ?? '', r.met === null ? '' : r.met ? 'yes' : 'NO']),
          [2],
        ),
    );
  }

  const cpus = os.cpus();
  const report = {
    date: new Date().toISOString(),
    command: `npm run bench${wanted.length ? ' -- ' + wanted.join(' ') : ''}`,
    commit: gitCommit(),
    machine: {
      hostname: os.hostname(),
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? null,
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    versions: { node: process.version, chromium: chromiumVersion() },
    benches: outcomes.map((o) => ({
      name: o.name,
      file: o.file,
      seconds: Math.round(o.seconds * 10) / 10,
      ...(o.error
        ? { error: o.error }
        : { rows: o.result!.rows, ratios: (o.result!.ratios ?? []).map((r) => ({ ...r, met: meetsGoal(r.value, r.goal) })) }),
    })),
  };
  mkdirSync(path.join(here, 'results'), { recursive: true });
  const out = path.join(here, 'results', 'latest.json');
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nWrote ${path.relative(process.cwd(), out)} (load average at the end: ${report.machine.loadAverage.join(' ')})`);
  if (outcomes.some((o) => o.error)) process.exitCode = 1;
}

await main();
