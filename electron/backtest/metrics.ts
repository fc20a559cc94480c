// Performance metrics of one backtest run, from its equity curve, its trades and its fills.
//
// Conventions (docs/backtest.md):
// - Annualization: crypto trades every day, so a year is 365 days of 24 h (not 252 trading days).
// - Return frequency for Sharpe and Sortino: DAILY returns. The equity curve is sampled at the last bar
//   of each UTC day; the first day's return is measured from the starting capital. The days run from the
//   first bar's open; a day no bar closes in (inside a 3d or 1w bar, or a gap in the data) keeps the equity
//   it had, a return of 0, so a bar longer than a day is not annualized as if it were one. The ratios are
//   mean / standard deviation × √365 (Sharpe: sample standard deviation, n − 1; Sortino: downside
//   deviation √(Σ min(r, 0)² / n)), with a risk-free rate of 0. Fewer than two daily returns: NaN.
// - CAGR: (final / initial)^(365 days / span) − 1, the span running from the first bar's open to the
//   last bar's close, over a run of a year or more (CAGR_MIN_DAYS); a shorter run has none (NaN, null in
//   JSON, "n/a" in the tables). Raising a few days' return to a year's extrapolates it: +5 % over three days
//   is +37,700 % a year, and over hours the figures reach 1e30 %. Return figures for periods under a year are
//   not annualized (the GIPS standards' rule); the total return is the run's figure then. Calmar: CAGR /
//   |max drawdown|, so none either under a year.
// - Max drawdown: the largest fall from a running peak of equity, in percent; its duration is the
//   longest time from a peak until equity first regains it (or the end of the run, if it never does).
// - Win rate, profit factor, expectancy and average reward-to-risk count closed trades only (a position
//   still open at the end is reported apart). Profit factor: gross profit / gross loss. Expectancy: mean
//   P&L per trade, net of fees. Average reward-to-risk: average win / average loss (the payoff ratio).
// - Best and worst trade: the closed trades' largest and smallest return. Streaks: the most winners (P&L
//   above 0) and losers (below 0) in a row, in the order they closed. Time in trade: mean exit − entry, days.
// - Exposure: the share of the run's time with a position open: the union of the trades' spans (entry fill
//   to exit fill; one open at the end to the last close) over the span. On bars without fills inside them
//   it is the share of bars that closed with a position open; a trade a stop closes inside the bar it
//   entered in counts the part of the bar it was open, not none (on 1d bars such trades were 0 % exposure).
// - Buy and hold: the same capital buying the first bar's open (one fee) and holding to the last close; for
//   a portfolio, an equal share of it in each market, bought at that market's first open.
import type { FillRow, Trade } from './trades.ts';

export const DAY_MS = 86_400_000;
export const DAYS_PER_YEAR = 365;
/** The shortest run whose return is annualized (CAGR, Calmar): a year. */
export const CAGR_MIN_DAYS = DAYS_PER_YEAR;

/** Whether a run spanning from..to (epoch ms) is long enough to annualize its return. */
export const annualizes = (m: { from: number; to: number }): boolean => m.to - m.from >= CAGR_MIN_DAYS * DAY_MS;

/** A run's figures: its equity curve's, and its closed trades' (TradeStatistics). */
export interface Metrics extends TradeStatistics {
  startEquity: number;
  finalEquity: number;
  totalReturnPct: number;
  cagrPct: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  maxDrawdownPct: number;
  /** Longest peak-to-recovery time, days. */
  maxDrawdownDays: number;
  exposurePct: number;
  trades: number;
  openTrades: number;
  fills: number;
  feesPaid: number;
  /** Borrow interest the shorts paid when bought back, and what one open at the end owes by then (0 without shorts or a borrow rate). */
  borrowInterest: number;
  buyHoldReturnPct: number;
  /** Strategy total return − buy and hold's. */
  excessReturnPct: number;
  bars: number;
  /** First bar's open, last bar's close, epoch ms. */
  from: number;
  to: number;
}

export interface MetricsInput {
  /** Bar open times and equity at each bar's close. */
  t: ArrayLike<number>;
  equity: ArrayLike<number>;
  barMs: number;
  startEquity: number;
  trades: readonly Trade[];
  fills: readonly FillRow[];
  /** Bars that closed with a position open. Not read: exposure is measured from the trades' times (timeInMarketPct), which also counts a trade opened and closed inside one bar. */
  exposedBars?: number;
  firstOpen: number;
  lastClose: number;
  feeRate: number;
  /** The borrow interest a short still open at the end owes by then (it is in the last equity, not yet on a fill). */
  owedAtEnd?: number;
  /** The benchmark's return when it is not one market's (a portfolio's equal-weight basket); else from firstOpen and lastClose. */
  buyHoldReturnPct?: number;
}

export function computeMetrics(m: MetricsInput): Metrics {
  const n = m.equity.length;
  const final = n > 0 ? m.equity[n - 1]! : m.startEquity;
  const from = n > 0 ? m.t[0]! : 0;
  const to = n > 0 ? m.t[n - 1]! + m.barMs : 0;
  const dd = maxDrawdown(m.t, m.equity, m.barMs, m.startEquity);
  const cagr = annualizes({ from, to }) ? cagrPct(m.startEquity, final, to - from) : Number.NaN;
  // One bar is one return, however many days it spans (a lone 1w bar's 6 quiet days are no variation).
  const daily = n > 1 ? dailyReturns(m.t, m.equity, m.barMs, m.startEquity) : [];
  const closed = m.trades.filter((t) => t.closed);
  const tradeStats = tradeStatistics(closed);
  const bh = m.buyHoldReturnPct ?? buyHoldReturnPct(m.firstOpen, m.lastClose, m.feeRate);
  const total = (final / m.startEquity - 1) * 100;
  return {
    startEquity: m.startEquity,
    finalEquity: final,
    totalReturnPct: total,
    cagrPct: cagr,
    sharpe: sharpe(daily),
    sortino: sortino(daily),
    calmar: dd.pct > 0 ? cagr / dd.pct : Number.NaN,
    maxDrawdownPct: dd.pct,
    maxDrawdownDays: dd.durationMs / DAY_MS,
    ...tradeStats,
    exposurePct: n > 0 ? timeInMarketPct(m.trades, from, to) : 0,
    trades: closed.length,
    openTrades: m.trades.length - closed.length,
    fills: m.fills.length,
    feesPaid: m.fills.reduce((s, f) => s + f.fee, 0),
    borrowInterest: m.fills.reduce((s, f) => s + (f.interest ?? 0), m.owedAtEnd ?? 0),
    buyHoldReturnPct: bh,
    excessReturnPct: total - bh,
    bars: n,
    from,
    to,
  };
}

/** Compound annual growth rate in percent over `spanMs`; NaN for an empty span. The formula over any span: a run's metrics give it only over a year or more (annualizes). */
export function cagrPct(start: number, final: number, spanMs: number): number {
  if (!(spanMs > 0) || !(start > 0)) return Number.NaN;
  if (final <= 0) return -100;
  return (Math.pow(final / start, (DAYS_PER_YEAR * DAY_MS) / spanMs) - 1) * 100;
}

/**
 * The share of from..to (percent) with a position open: the union of the trades' spans, entry to exit (a
 * portfolio's trades in several markets overlap: their union counts once).
 */
export function timeInMarketPct(trades: readonly Trade[], from: number, to: number): number {
  if (!(to > from) || trades.length === 0) return 0;
  let inOrder = true;
  for (let i = 1; i < trades.length && inOrder; i++) inOrder = trades[i]!.entryTs >= trades[i - 1]!.entryTs;
  const sorted = inOrder ? trades : [...trades].sort((a, b) => a.entryTs - b.entryTs);
  let held = 0;
  let start = Number.NEGATIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const t of sorted) {
    const s = Math.max(t.entryTs, from);
    const e = Math.min(t.exitTs, to);
    if (s > end) {
      if (end > start) held += end - start;
      start = s;
      end = e;
    } else if (e > end) end = e;
  }
  if (end > start) held += end - start;
  return (held / (to - from)) * 100;
}

/**
 * Equity at the last bar of each UTC day, as returns: the first from `start`, then day over day, from the
 * day of the first bar's open to the day of the last bar's close. A day no bar closes in returns 0 (the
 * equity is what it was): without it a 1w bar's return would count as one day's, and the Sharpe ratio of a
 * run on 1w bars be √7 too high. The bars' open times ascend (candle columns always do).
 */
export function dailyReturns(t: ArrayLike<number>, equity: ArrayLike<number>, barMs: number, start: number): number[] {
  const out: number[] = [];
  let prev = start;
  const n = equity.length;
  let i = 0;
  // The day before the run's first (the day of its first open), so its days without a close count too.
  let prevDay = n > 0 ? Math.floor(t[0]! / DAY_MS) - 1 : 0;
  // A bar belongs to the day its close falls in (a 1d bar opening at midnight closes the same day). Each
  // day's last bar is found by galloping then halving over the open times: a few dozen reads per day,
  // not one per bar (a million 1m bars are under 700 days).
  while (i < n) {
    const dayEnd = (Math.floor((t[i]! + barMs - 1) / DAY_MS) + 1) * DAY_MS;
    // The last bar of the day: the largest j ≥ i with t[j] + barMs ≤ dayEnd (bar i itself is in the day).
    let lo = i;
    let step = 1;
    let hi = i + 1;
    while (hi < n && t[hi]! + barMs <= dayEnd) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    if (hi > n) hi = n;
    // t[lo] is in the day; t[hi] (when hi < n) is not.
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (t[mid]! + barMs <= dayEnd) lo = mid;
      else hi = mid;
    }
    const day = dayEnd / DAY_MS - 1;
    for (let d = prevDay + 1; d < day; d++) out.push(0);
    prevDay = day;
    const e = equity[lo]!;
    out.push(prev > 0 ? e / prev - 1 : 0);
    prev = e;
    i = lo + 1;
  }
  return out;
}

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : Number.NaN;
}

/** Annualized Sharpe ratio of daily returns (risk-free 0): mean / sample sd × √365. */
export function sharpe(daily: readonly number[]): number {
  if (daily.length < 2) return Number.NaN;
  const mu = mean(daily);
  let ss = 0;
  for (const r of daily) ss += (r - mu) * (r - mu);
  const sd = Math.sqrt(ss / (daily.length - 1));
  return sd > 0 ? (mu / sd) * Math.sqrt(DAYS_PER_YEAR) : Number.NaN;
}

/**
 * Annualized Sortino ratio of daily returns: mean / √(Σ min(r,0)² / n) × √365. Without a losing day the
 * downside deviation is 0 and a gain over the days is infinitely good by this measure (Infinity, written ∞,
 * and ranked first by a search on it), not missing: a missing one ranks last, below a set that never lost a day.
 */
export function sortino(daily: readonly number[]): number {
  if (daily.length < 2) return Number.NaN;
  const mu = mean(daily);
  let ss = 0;
  for (const r of daily) if (r < 0) ss += r * r;
  const dd = Math.sqrt(ss / daily.length);
  return dd > 0 ? (mu / dd) * Math.sqrt(DAYS_PER_YEAR) : mu > 0 ? Number.POSITIVE_INFINITY : Number.NaN;
}

/**
 * Largest fall from a running peak (percent, positive) and the longest time under water (ms): from a
 * peak's bar close to the close of the bar that regains it, or to the end of the run.
 */
export function maxDrawdown(t: ArrayLike<number>, equity: ArrayLike<number>, barMs: number, start: number): { pct: number; durationMs: number } {
  const n = equity.length;
  // The starting capital is the first peak, at the first bar's open.
  const st = new Float64Array([start, n > 0 ? t[0]! : 0, 0, 0, 0, Number.NaN]);
  for (let i = 0; i < n; i += DRAWDOWN_CHUNK) drawdownRun(t, equity, barMs, st, i, Math.min(n, i + DRAWDOWN_CHUNK));
  // Still under water at the end: the last stretch counts to the last bar's close.
  if (st[UNDER] !== 0) endStretch(st, t[n - 1]! + barMs);
  return { pct: st[WORST]! * 100, durationMs: st[LONGEST]! };
}

/**
 * maxDrawdown's loop over bars [from, to), its running values in and out through st ([peak, peakTs,
 * under, worst, longest, trough]). In chunks, so V8 optimizes it as a function called many times: one
 * loop over a million bars is optimized on stack instead, and that code kept a running value as a heap
 * number, a fresh one on every bar under water (measured: 16 MB of garbage and 17 ms per million bars;
 * chunked, none).
 *
 * A bar under water only lowers the stretch's trough: the fall from the peak is largest at the trough
 * (subtraction and division round monotonically, so it is the same float as the largest per-bar fall),
 * and the stretch lasts to the bar that regains the peak, so both are settled when the stretch ends.
 * Open times ascend (candle columns always do).
 */
function drawdownRun(t: ArrayLike<number>, equity: ArrayLike<number>, barMs: number, st: Float64Array, from: number, to: number): void {
  let peak = st[PEAK]!;
  let under = st[UNDER] !== 0;
  let trough = st[TROUGH]!;
  for (let i = from; i < to; i++) {
    const e = equity[i]!;
    if (e >= peak) {
      if (under) {
        st[TROUGH] = trough;
        endStretch(st, t[i]! + barMs);
        under = false;
      }
      peak = e;
      st[PEAK] = e;
      st[PEAK_TS] = t[i]! + barMs;
    } else if (!under) {
      under = true;
      trough = e;
    } else if (e < trough || trough !== trough) trough = e;
  }
  st[UNDER] = under ? 1 : 0;
  st[TROUGH] = trough;
}

/** A stretch under water ends at `ts` (the close of the bar that regains the peak, or of the last bar). */
function endStretch(st: Float64Array, ts: number): void {
  const peak = st[PEAK]!;
  const fall = (peak - st[TROUGH]!) / peak;
  if (fall > st[WORST]!) st[WORST] = fall;
  const length = ts - st[PEAK_TS]!;
  if (length > st[LONGEST]!) st[LONGEST] = length;
  st[UNDER] = 0;
}

const DRAWDOWN_CHUNK = 4096;
const PEAK = 0;
const PEAK_TS = 1;
const UNDER = 2;
const WORST = 3;
const LONGEST = 4;
const TROUGH = 5;

export interface TradeStatistics {
  winRatePct: number;
  profitFactor: number;
  expectancy: number;
  avgRewardToRisk: number;
  /** The best and the worst closed trade's return, percent. */
  bestTradePct: number;
  worstTradePct: number;
  /** The most winning (P&L above 0) and losing (below 0) trades in a row, in the order they closed. */
  maxWinStreak: number;
  maxLossStreak: number;
  /** Mean time from entry to exit, days: of every closed trade, of the winners, of the losers. */
  avgTradeDays: number;
  avgWinnerDays: number;
  avgLoserDays: number;
}

export function tradeStatistics(closed: readonly Trade[]): TradeStatistics {
  let wins = 0;
  let losses = 0;
  let grossWin = 0;
  let grossLoss = 0;
  let sum = 0;
  let best = Number.NEGATIVE_INFINITY;
  let worst = Number.POSITIVE_INFINITY;
  let heldMs = 0;
  let winnerMs = 0;
  let loserMs = 0;
  for (const t of closed) {
    sum += t.pnl;
    const held = t.exitTs - t.entryTs;
    heldMs += held;
    if (t.returnPct > best) best = t.returnPct;
    if (t.returnPct < worst) worst = t.returnPct;
    if (t.pnl > 0) {
      wins++;
      grossWin += t.pnl;
      winnerMs += held;
    } else if (t.pnl < 0) {
      losses++;
      grossLoss -= t.pnl;
      loserMs += held;
    }
  }
  const n = closed.length;
  const { win, loss } = streaks(closed);
  return {
    winRatePct: n ? (wins / n) * 100 : Number.NaN,
    profitFactor: grossLoss > 0 ? grossWin / grossLoss : grossWin > 0 ? Number.POSITIVE_INFINITY : Number.NaN,
    expectancy: n ? sum / n : Number.NaN,
    avgRewardToRisk: wins && losses ? grossWin / wins / (grossLoss / losses) : Number.NaN,
    bestTradePct: n ? best : Number.NaN,
    worstTradePct: n ? worst : Number.NaN,
    maxWinStreak: win,
    maxLossStreak: loss,
    avgTradeDays: n ? heldMs / n / DAY_MS : Number.NaN,
    avgWinnerDays: wins ? winnerMs / wins / DAY_MS : Number.NaN,
    avgLoserDays: losses ? loserMs / losses / DAY_MS : Number.NaN,
  };
}

/**
 * The longest runs of winners and of losers in the order the trades closed (a portfolio's markets
 * interleave; one market's trades are in that order already). A trade at exactly 0 ends both runs.
 */
function streaks(closed: readonly Trade[]): { win: number; loss: number } {
  let inOrder = true;
  for (let i = 1; i < closed.length && inOrder; i++) inOrder = closed[i]!.exitTs >= closed[i - 1]!.exitTs;
  const trades = inOrder ? closed : [...closed].sort((a, b) => a.exitTs - b.exitTs);
  let win = 0;
  let loss = 0;
  let w = 0;
  let l = 0;
  for (const t of trades) {
    w = t.pnl > 0 ? w + 1 : 0;
    l = t.pnl < 0 ? l + 1 : 0;
    if (w > win) win = w;
    if (l > loss) loss = l;
  }
  return { win, loss };
}

/**
 * Buy at the first open with all the capital, paying one fee, and hold to the last close (percent). The fee
 * is paid on top of the purchase, as the paper broker charges a buy, so the capital buys
 * capital / (open × (1 + fee)): taking the fee off the proceeds instead cost the benchmark fee² more (15.40%
 * where the engine's own buy makes 15.69% at a 5% fee).
 */
export function buyHoldReturnPct(firstOpen: number, lastClose: number, feeRate: number): number {
  if (!(firstOpen > 0)) return Number.NaN;
  return (buyHoldUnits(1, firstOpen, feeRate) * lastClose - 1) * 100;
}

/** What `capital` buys at `open` with the fee on top: buy and hold's position (its return, its curve, a basket's share). */
export function buyHoldUnits(capital: number, open: number, feeRate: number): number {
  return capital / (open * (1 + feeRate));
}

/** Buy and hold's value at each close: `capital` buying `open` with the fee on top, held (the report's and the app's benchmark line). */
export function buyHoldValues(capital: number, open: number, feeRate: number, closes: ArrayLike<number>): Float64Array {
  const units = buyHoldUnits(capital, open, feeRate);
  const out = new Float64Array(closes.length);
  for (let i = 0; i < closes.length; i++) out[i] = units * closes[i]!;
  return out;
}
