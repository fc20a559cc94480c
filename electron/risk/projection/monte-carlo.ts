// Account growth and risk of ruin by Monte Carlo: each path draws N trades from the trade-return
// distribution (R-multiples, with replacement) and compounds the balance by risk% × R per trade:
//   balance ← balance × (1 + riskPct/100 × R)
// Balances are kept at up to `points` checkpoints per path in one Float64Array, so percentiles per
// checkpoint are a sort of one column. A path that hits ruin stays ruined (trading stops).
import { mulberry32 } from './prng.ts';

export interface MonteCarloInput {
  returnsR: ArrayLike<number>;
  riskPct: number;
  startBalance: number;
  trades: number;
  paths: number;
  seed: number;
  targets: readonly number[];
  /** Ruin: at or below this % of the start. */
  ruinPct: number;
  /** Checkpoints on the fan chart (default 100). */
  points?: number;
}

export interface MonteCarloResult {
  steps: number[];
  percentiles: { p5: number[]; p25: number[]; p50: number[]; p75: number[]; p95: number[] };
  targets: { target: number; probability: number }[];
  ruinProbability: number;
  expectedMaxDrawdownPct: number;
  worst5MaxDrawdownPct: number;
  medianFinal: number;
}

function quantileSorted(sorted: Float64Array, q: number): number {
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function monteCarlo(input: MonteCarloInput): MonteCarloResult {
  const { trades, paths, startBalance, riskPct, targets } = input;
  const returns = Float64Array.from(input.returnsR);
  const r = riskPct / 100;
  const points = Math.min(trades, input.points ?? 100);
  const steps: number[] = [0];
  for (let k = 1; k <= points; k++) steps.push(Math.round((k * trades) / points));
  const cols = steps.length;
  const grid = new Float64Array(paths * cols);
  const maxDd = new Float64Array(paths);
  const hit = new Uint8Array(paths * targets.length);
  const ruinLine = (startBalance * input.ruinPct) / 100;
  let ruined = 0;
  const rand = mulberry32(input.seed);
  const n = returns.length;
  for (let p = 0; p < paths; p++) {
    let balance = startBalance;
    let peak = balance;
    let dd = 0;
    let dead = false;
    let col = 1;
    grid[p * cols] = balance;
    for (let t = 1; t <= trades; t++) {
      if (!dead) {
        balance *= 1 + r * returns[(rand() * n) | 0]!;
        if (balance < 0) balance = 0;
        if (balance > peak) peak = balance;
        const d = (peak - balance) / peak;
        if (d > dd) dd = d;
        for (let k = 0; k < targets.length; k++) if (balance >= targets[k]!) hit[p * targets.length + k] = 1;
        if (balance <= ruinLine) {
          dead = true;
          ruined++;
        }
      }
      if (t === steps[col]) grid[p * cols + col++] = balance;
    }
    maxDd[p] = dd * 100;
  }
  const column = new Float64Array(paths);
  const pct = { p5: [] as number[], p25: [] as number[], p50: [] as number[], p75: [] as number[], p95: [] as number[] };
  for (let c = 0; c < cols; c++) {
    for (let p = 0; p < paths; p++) column[p] = grid[p * cols + c]!;
    column.sort();
    pct.p5.push(quantileSorted(column, 0.05));
    pct.p25.push(quantileSorted(column, 0.25));
    pct.p50.push(quantileSorted(column, 0.5));
    pct.p75.push(quantileSorted(column, 0.75));
    pct.p95.push(quantileSorted(column, 0.95));
  }
  let ddSum = 0;
  for (let p = 0; p < paths; p++) ddSum += maxDd[p]!;
  maxDd.sort();
  return {
    steps,
    percentiles: pct,
    targets: targets.map((target, k) => {
      let count = 0;
      for (let p = 0; p < paths; p++) count += hit[p * targets.length + k]!;
      return { target, probability: count / paths };
    }),
    ruinProbability: ruined / paths,
    expectedMaxDrawdownPct: ddSum / paths,
    worst5MaxDrawdownPct: quantileSorted(maxDd, 0.95),
    medianFinal: pct.p50[pct.p50.length - 1]!,
  };
}
