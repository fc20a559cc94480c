// A run's worst drawdowns, each as a period (the "worst drawdown periods" table of pyfolio and
// quantstats): from a peak of the equity, down to its trough, to the bar that regained the peak (or the end,
// still under water). The max drawdown says how deep the worst one went; these say when, how long each
// lasted and whether it was recovered, and the next worst beside it. Measured as metrics.ts's maxDrawdown
// measures (the starting capital the first peak at the first bar's open; a period running from the peak
// bar's close to the close of the bar that regains it), so the deepest period's depth is the run's max
// drawdown and the longest one's length its max drawdown duration.
// Each moment is named by its bar's open time, though: the equity and drawdown charts (the HTML report's,
// the app's) and the JSON's equity plot a bar's closing equity at its open, and a table stamped at closes
// named a daily run's bottom a day after the chart's lowest point. The lengths still run close to close.
export interface DrawdownPeriod {
  /** The open time of the bar whose close was the peak it fell from (the first bar's open for the starting capital). */
  peakTs: number;
  /** The open time of the bar that closed at the bottom. */
  troughTs: number;
  /** The open time of the bar that closed back at the peak; null: still under water at the end. */
  recoveredTs: number | null;
  /** How far below the peak the trough was, percent (positive). */
  depthPct: number;
  /** From the peak (the peak bar's close, or the first open for the capital) to the recovering bar's close (or the last bar's), days. */
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
  // Where the peak is stamped (its bar's open) and where its period is measured from (that bar's close).
  let peakTs = t[0]!;
  let peakClose = t[0]!;
  let under = false;
  let trough = 0;
  let troughTs = 0;
  const close = (endTs: number | null, endClose: number) => {
    periods.push({ peakTs, troughTs, recoveredTs: endTs, depthPct: ((peak - trough) / peak) * 100, days: (endClose - peakClose) / DAY_MS });
  };
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    const openTs = t[i]!;
    if (e >= peak) {
      if (under) close(openTs, openTs + barMs);
      under = false;
      peak = e;
      peakTs = openTs;
      peakClose = openTs + barMs;
    } else if (!under || e < trough) {
      under = true;
      trough = e;
      troughTs = openTs;
    }
  }
  if (under) close(null, t[n - 1]! + barMs);
  return periods.sort((a, b) => b.depthPct - a.depthPct || a.peakTs - b.peakTs).slice(0, count);
}
