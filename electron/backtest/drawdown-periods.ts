// A run's worst drawdowns, each as a period (the "worst drawdown periods" table of pyfolio and
// quantstats): from a peak of the equity, down to its trough, to the bar that regained the peak (or the end,
// still under water). The max drawdown says how deep the worst one went; these say when, how long each
// lasted and whether it was recovered, and the next worst beside it. Measured as metrics.ts's maxDrawdown
// measures (the starting capital the first peak at the first bar's open; a period running from the peak
// bar's close to the close of the bar that regains it), so the deepest period's depth is the run's max
// drawdown and the longest one's length its max drawdown duration.

export interface DrawdownPeriod {
  /** When the equity stood at the peak it fell from: a bar's close (the run's first open for the starting capital). */
  peakTs: number;
  /** The close of the bar at the bottom. */
  troughTs: number;
  /** The close of the bar that regained the peak; null: still under water at the end. */
  recoveredTs: number | null;
  /** How far below the peak the trough was, percent (positive). */
  depthPct: number;
  /** From the peak to the recovery (or the last bar's close), days. */
  days: number;
}

/** Periods a report lists. */
export const WORST_DRAWDOWNS = 5;

const DAY_MS = 86_400_000;

/** The `count` deepest drawdown periods, deepest first (equal depths: the earlier first). */
export function drawdownPeriods(t: ArrayLike<number>, equity: ArrayLike<number>, barMs: number, start: number, count = WORST_DRAWDOWNS): DrawdownPeriod[] {
  const n = equity.length;
  const periods: DrawdownPeriod[] = [];
  if (n === 0) return periods;
  let peak = start;
  let peakTs = t[0]!;
  let under = false;
  let trough = 0;
  let troughTs = 0;
  const close = (endTs: number, recovered: boolean) => {
    periods.push({ peakTs, troughTs, recoveredTs: recovered ? endTs : null, depthPct: ((peak - trough) / peak) * 100, days: (endTs - peakTs) / DAY_MS });
  };
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    const closeTs = t[i]! + barMs;
    if (e >= peak) {
      if (under) close(closeTs, true);
      under = false;
      peak = e;
      peakTs = closeTs;
    } else if (!under || e < trough) {
      under = true;
      trough = e;
      troughTs = closeTs;
    }
  }
  if (under) close(t[n - 1]! + barMs, false);
  return periods.sort((a, b) => b.depthPct - a.depthPct || a.peakTs - b.peakTs).slice(0, count);
}
