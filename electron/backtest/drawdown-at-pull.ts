// A drawdown breach deeper than the run's maximum drawdown. The risk room hears the equity inside a bar
// (a bar's extremes, a point of its path, as on paper), while the maximum drawdown is measured on the
// equity curve, one value at each bar's close. A bar that dips through the limit and closes above it
// pulls the kill switch at "a drawdown of 20.1%" in a run whose maximum drawdown reads 19.40%; so does a
// peak the room heard at a bar's high, above every close, from which it counts. Without a word, a trader
// would take one of the two figures for a mistake.
import { pct } from '../risk/figures.ts';
import { enNumber } from '../../shared/domain/en-number.ts';
import { isoTime } from '../../shared/domain/iso-time.ts';

export interface DrawdownPull {
  /** When the breach was heard: a bar's close, or a point inside it. */
  at: number;
  /** How far the equity the room heard stood below its peak, percent. */
  depthPct: number;
  /** The peak the room counted from. */
  peak: number;
}

/** The deeper of the pull kept so far and one heard at `at` with `equity` under the room's `peak`. */
export function deeperPull(kept: DrawdownPull | null, at: number, equity: number, peak: number): DrawdownPull | null {
  if (!(peak > 0) || !Number.isFinite(peak)) return kept;
  const depthPct = (1 - equity / peak) * 100;
  return kept === null || depthPct > kept.depthPct ? { at, depthPct, peak } : kept;
}

/** The run's equity curve: one value per bar, stamped with the bar's open (`t`), at its close. */
export interface ClosesCurve {
  t: ArrayLike<number>;
  equity: ArrayLike<number>;
  barMs: number;
  /** The capital: the curve's first peak, as the max drawdown counts it. */
  startEquity: number;
  /** What the account's money is counted in (USDT). */
  quote: string;
}

/**
 * Figures closer than this (percentage points) are the same figure printed two ways: the room's percent
 * and the curve's can round apart at a close that is itself the breach.
 */
const SAME_FIGURE = 0.005;

/** The note when the deepest drawdown breach was heard deeper than the run's maximum drawdown, else null. */
export function drawdownAtPullNote(pull: DrawdownPull | null, maxDrawdownPct: number, curve: ClosesCurve): string | null {
  if (pull === null || !(pull.depthPct > maxDrawdownPct + SAME_FIGURE)) return null;
  // The curve up to the breach: its highest close, and whether the breach was heard at a close.
  const { t, equity, barMs } = curve;
  let closesPeak = curve.startEquity;
  let atClose = false;
  for (let i = 0; i < t.length && t[i]! + barMs <= pull.at; i++) {
    if (equity[i]! > closesPeak) closesPeak = equity[i]!;
    if (t[i]! + barMs === pull.at) atClose = true;
  }
  // Cents always, as the summary's money reads: 10,066.60 beside 10,042.08.
  const money = (v: number) => `${enNumber(v, 2, 2)} ${curve.quote}`;
  // The breach first, then the peak it was counted from: "and heard it inside a bar" after the peak's
  // clause read as the peak heard twice.
  const why: string[] = [];
  if (!atClose) why.push('heard it inside a bar');
  if (pull.peak > closesPeak * (1 + 1e-9)) why.push(`counted it from a peak of ${money(pull.peak)} heard inside a bar${atClose ? '' : ' too'} (the closes' highest: ${money(closesPeak)})`);
  const heard =
    why.length === 0
      ? 'the risk room counts the equity as it heard it'
      : `the risk room also hears the equity inside the bars (their highs and lows, or each finer bar's close with detail), as on paper, and ${why.join(', and ')}`;
  return `the kill switch's drawdown of ${pct(pull.depthPct)} (at ${isoTime(pull.at)}) is deeper than the max drawdown of ${maxDrawdownPct.toFixed(2)}%, which is measured at the run's bar closes: ${heard}`;
}
