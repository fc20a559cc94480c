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

/**
 * A finished run's trades measured on the bars its broker walked: the detail bars when they span the run,
 * else the main ones. Done where runs are shown (run-setup, for the CLI and the app), not inside the
 * engine's run: a parameter search's thousands of runs show no trade, and this is a pass over the bars the
 * run is not in.
 */
export function measureRun(r: { trades: Trade[] }, main: BarsWalked, barMs: number, detail?: { candles: BarsWalked; barMs: number }): void {
  const walked = detail && covers(detail.candles, detail.barMs, main, barMs) ? detail : { candles: main, barMs };
  withExcursions(r.trades, walked.candles, walked.barMs);
}

/** A portfolio run's trades, each on the bars its market's fills walked (its detail's, as measureRun picks them). */
export function measurePortfolio(
  r: { trades: Trade[]; portfolio: { parts: readonly { symbol: string; candles: BarsWalked }[] } },
  barMs: number,
  details: ReadonlyMap<string, { candles: BarsWalked; barMs: number } | undefined> = new Map(),
): void {
  for (const p of r.portfolio.parts) measureRun({ trades: r.trades.filter((t) => t.symbol === p.symbol) }, p.candles, barMs, details.get(p.symbol));
}

/** Whether the detail bars span the main bars, first to last. */
function covers(d: BarsWalked, dms: number, main: BarsWalked, tf: number): boolean {
  return d.length > 0 && main.length > 0 && d.t[0]! <= main.t[0]! && d.t[d.length - 1]! + dms >= main.t[main.length - 1]! + tf;
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

/**
 * The index of the last bar opening at or before `ts` (0 when `ts` is before the first), looked for from
 * bar `from` on: trades come in time order. Bars without gaps are `barMs` apart, so the index is usually
 * where the arithmetic puts it; otherwise it is searched.
 */
function barAt(t: Float64Array, n: number, ts: number, from: number, barMs: number): number {
  if (from < n && t[from]! <= ts && barMs > 0) {
    const guess = Math.min(n - 1, from + Math.floor((ts - t[from]!) / barMs));
    if (t[guess]! <= ts && (guess + 1 >= n || t[guess + 1]! > ts)) return guess;
  }
  return search(t, 0, n - 1, ts);
}

function search(t: Float64Array, lo: number, hi: number, ts: number): number {
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

/** Widens [lo, hi] by the highs and lows of bars [from, to): the bars in between, whole (the hot part on long trades). */
function extremes(H: Float64Array, L: Float64Array, from: number, to: number, range: { lo: number; hi: number }): void {
  let hi = range.hi;
  let lo = range.lo;
  for (let i = from; i < to; i++) {
    const h = H[i]!;
    const l = L[i]!;
    if (h > hi) hi = h;
    if (l < lo) lo = l;
  }
  range.hi = hi;
  range.lo = lo;
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

/** Sets each trade's run-up and drawdown, in place (tradesFrom made them, with these fields at 0); returns the list. */
export function withExcursions<T extends Trade>(trades: T[], bars: BarsWalked, barMs: number): (T & Excursion)[] {
  const n = bars.length;
  const range = { lo: 0, hi: 0, at: 0 };
  for (const tr of trades) measure(tr, bars, n, barMs, range);
  return trades as (T & Excursion)[];
}

/** One trade's run-up and drawdown; `range` is scratch space, reused across trades, `at` the bar the last one started in. */
function measure(tr: Trade, bars: BarsWalked, n: number, barMs: number, range: { lo: number; hi: number; at: number }): void {
  const entry = tr.entryPrice;
  if (n === 0 || !(entry > 0)) {
    tr.runUpPct = tr.drawdownPct = tr.runUp = tr.drawdown = 0;
    return;
  }
  range.lo = entry;
  range.hi = entry;
  if (tr.exitPrice === tr.exitPrice) {
    if (tr.exitPrice > range.hi) range.hi = tr.exitPrice;
    if (tr.exitPrice < range.lo) range.lo = tr.exitPrice;
  }
  const i0 = barAt(bars.t, n, tr.entryTs, range.at, barMs);
  const i1 = tr.closed ? barAt(bars.t, n, tr.exitTs, i0, barMs) : n - 1;
  range.at = i1;
  const k0 = pointOf(tr.entryTs, bars.t[i0]!, barMs);
  const k1 = tr.closed ? pointOf(tr.exitTs, bars.t[i1]!, barMs) : 3;
  // The exit's own point counts only as far as the exit's price (already in the range): up to the point before.
  const upTo = k1 - 1;
  if (i1 <= i0) {
    if (upTo >= k0) walk(bars, i0, k0, upTo, range);
  } else {
    walk(bars, i0, k0, 3, range);
    extremes(bars.h, bars.l, i0 + 1, i1, range);
    if (upTo >= 0) walk(bars, i1, 0, upTo, range);
  }
  const long = tr.side === 'long';
  const upPrice = long ? range.hi - entry : entry - range.lo;
  const downPrice = long ? range.lo - entry : entry - range.hi;
  tr.runUpPct = (upPrice / entry) * 100;
  tr.drawdownPct = (downPrice / entry) * 100;
  tr.runUp = upPrice * tr.qty;
  tr.drawdown = downPrice * tr.qty;
}
