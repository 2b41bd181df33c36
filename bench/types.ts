// The one interface between the bench runner (bench/run.ts) and the benchmarks (bench/*.bench.ts).

export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  note?: string;
}

export interface BenchRatio {
  name: string;
  value: number;
  /** The goal as text, e.g. "≤ 3" or "< 1"; the runner checks "<", "≤"/"<=", ">", "≥"/">=" goals. */
  goal?: string;
}

export interface BenchResult {
  rows: BenchRow[];
  ratios?: BenchRatio[];
}

/** Each bench/*.bench.ts default-exports one of these. */
export interface Bench {
  name: string;
  run(): Promise<BenchResult>;
}
