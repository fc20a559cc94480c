// How far each trade went for and against it while it was open: its run-up (the best price it saw) and its
// drawdown (the worst), as TradingView's list of trades shows them, so a trader can see where a stop would
// have cut winners short and how far losers ran before they ended. Measured on the bars the broker walked
// (the main bars, or the detail bars inside them), along the path it walks each bar (open, the nearer
// extreme, the farther one, close): the entry's bar from the point the entry filled at, the exit's bar up to
// the move the exit filled on (that move only as far as the exit's price: a stop or target fills on the way
// to the point, so a stopped trade never shows a low reached after it was stopped), and the bars between
// whole (their high and low). A trade still open at the end runs to the last bar's close.
import { visitsHighFirst } from '../../shared/domain/intrabar-path.ts';
import type { Trade } from './trades.ts';

export interface BarsWalked {
  readonly t: Float64Array;
  readonly o: Float64Array;
  readonly h: Float64Array;
  readonly l: Float64Array;
  readonly c: Float64Array;
  readonly length: number;
}

/** What excursions add to a trade: percent of the entry price, and quote money at the trade's largest size. */
export interface Excursion {
  /** The best move in the trade's favour, percent of the entry price (0 or more). */
  runUpPct: number;
  /** The worst move against it, percent of the entry price (0 or less). */
  drawdownPct: number;
  runUp: number;
  drawdown: number;
}

/** The index of the last bar opening at or before `ts` (0 when `ts` is before the first). */
function barAt(t: Float64Array, n: number, ts: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t[mid]! <= ts) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The path point (0 open, 1 nearer extreme, 2 farther, 3 close) a fill at `ts` in the bar opening at `start` was at. */
function pointOf(ts: number, start: number, barMs: number): number {
  if (!(barMs > 0)) return 0;
  return Math.max(0, Math.min(3, Math.round(((ts - start) / barMs) * 3)));
}

/** Widens [lo, hi] by bar `i`'s path points `from`..`to`. */
function walk(b: BarsWalked, i: number, from: number, to: number, range: { lo: number; hi: number }): void {
  const o = b.o[i]!;
  const h = b.h[i]!;
  const l = b.l[i]!;
  const highFirst = visitsHighFirst(o, h, l);
  for (let k = from; k <= to; k++) {
    const p = k === 0 ? o : k === 3 ? b.c[i]! : (k === 1) === highFirst ? h : l;
    if (p > range.hi) range.hi = p;
    if (p < range.lo) range.lo = p;
  }
}

/** Each trade with its run-up and drawdown (a new object each; the list keeps its order). */
export function withExcursions<T extends Trade>(trades: readonly T[], bars: BarsWalked, barMs: number): (T & Excursion)[] {
  const n = bars.length;
  const range = { lo: 0, hi: 0 };
  return trades.map((tr) => {
    const entry = tr.entryPrice;
    if (n === 0 || !(entry > 0)) return { ...tr, runUpPct: 0, drawdownPct: 0, runUp: 0, drawdown: 0 };
    range.lo = entry;
    range.hi = entry;
    if (tr.exitPrice === tr.exitPrice) {
      if (tr.exitPrice > range.hi) range.hi = tr.exitPrice;
      if (tr.exitPrice < range.lo) range.lo = tr.exitPrice;
    }
    const i0 = barAt(bars.t, n, tr.entryTs);
    const i1 = tr.closed ? barAt(bars.t, n, tr.exitTs) : n - 1;
    const k0 = pointOf(tr.entryTs, bars.t[i0]!, barMs);
    const k1 = tr.closed ? pointOf(tr.exitTs, bars.t[i1]!, barMs) : 3;
    // The exit's own point counts only as far as the exit's price (already in the range): up to the point before.
    const upTo = k1 - 1;
    if (i1 <= i0) {
      if (upTo >= k0) walk(bars, i0, k0, upTo, range);
    } else {
      walk(bars, i0, k0, 3, range);
      // The bars in between, whole: their extremes, without the path (the hot part on long trades).
      const H = bars.h;
      const L = bars.l;
      let hi = range.hi;
      let lo = range.lo;
      for (let i = i0 + 1; i < i1; i++) {
        const h = H[i]!;
        const l = L[i]!;
        if (h > hi) hi = h;
        if (l < lo) lo = l;
      }
      range.hi = hi;
      range.lo = lo;
      if (upTo >= 0) walk(bars, i1, 0, upTo, range);
    }
    const long = tr.side === 'long';
    const upPrice = long ? range.hi - entry : entry - range.lo;
    const downPrice = long ? range.lo - entry : entry - range.hi;
    return { ...tr, runUpPct: (upPrice / entry) * 100, drawdownPct: (downPrice / entry) * 100, runUp: upPrice * tr.qty, drawdown: downPrice * tr.qty };
  });
}
