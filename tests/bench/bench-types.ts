// What every benchmark suite in tests/bench exports as default.
export interface BenchContext {
  /** A smoke run: small sizes, so CI proves the benchmarks still work without spending minutes. */
  quick: boolean;
  /** Progress lines (to stderr, so the table stays clean). */
  log: (line: string) => void;
}

export interface BenchSuite {
  name: string;
  run(ctx: BenchContext): Promise<Record<string, number>>;
}

/** A target an issue names for a figure: `max` means lower is better, `min` higher is better. */
export interface Target {
  kind: 'max' | 'min';
  value: number;
}
