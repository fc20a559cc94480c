// What a parameter search or a walk-forward runs its sets over: one market's candles, or a portfolio's
// markets on their shared timeline (every time at which any of them has a bar). Bars [from, to) are indices
// into that timeline, so holdouts and folds cut a portfolio by time, as they cut one market: each market
// gets its own bars inside the window, without copying.
//
// A market may bring finer bars (1m inside 1h) that decide fills inside its bars in every set's run, as
// they do in a single run (keel backtest --detail), a portfolio's markets each their own: a search then
// ranks its sets by the fills the report's run will show.
//
// Plain data: it crosses into the EvalPool's worker threads as it is (its columns in shared memory).
import { columnsBetween, shareColumns, type CandleColumns } from '../journal/candle-columns.ts';
import type { BacktestResult } from './run-backtest.ts';
import { unionOfTimes } from './run-portfolio.ts';
import { runPortfolioSetup, runSetup, sliceColumns, type RunSetup, type SetupMarket } from './run-setup.ts';

/** Finer bars of the market, and their length in ms. */
export type SubjectDetail = { candles: CandleColumns; barMs: number };

export type SearchSubject = { kind: 'market'; candles: CandleColumns; detail?: SubjectDetail | undefined } | { kind: 'portfolio'; markets: SetupMarket[]; times: Float64Array };

export function marketSubject(candles: CandleColumns, detail?: SubjectDetail | null): SearchSubject {
  return detail ? { kind: 'market', candles, detail } : { kind: 'market', candles };
}

/** The markets traded from one account (the setup's market first). */
export function portfolioSubject(markets: SetupMarket[]): SearchSubject {
  return { kind: 'portfolio', markets, times: unionOfTimes(markets.map((m) => m.candles.t)) };
}

/** The bar open times the subject's bar indices stand for. */
export function subjectTimes(s: SearchSubject): Float64Array {
  return s.kind === 'market' ? s.candles.t : s.times;
}

/** The subject with its columns copied once into shared memory, so every worker reads the same bytes. */
export function shareSubject(s: SearchSubject): SearchSubject {
  if (s.kind === 'market') return marketSubject(shareColumns(s.candles), s.detail && { candles: shareColumns(s.detail.candles), barMs: s.detail.barMs });
  const times = new Float64Array(new SharedArrayBuffer(s.times.length * 8));
  times.set(s.times);
  return { kind: 'portfolio', markets: s.markets.map((m) => ({ ...m, candles: shareColumns(m.candles), detail: m.detail && { candles: shareColumns(m.detail.candles), barMs: m.detail.barMs } })), times };
}

/** Hooks a run inside a search takes: a walk-forward's out-of-sample run can be cancelled. */
export type WindowHooks = { cancelled?: (() => boolean) | undefined };

/**
 * One run of `params` over bars [from, to) of the subject. A portfolio's window holds each market's bars at
 * those times; a market with none there (listed later, or a gap) sits the window out, and the others keep
 * their share of the whole portfolio (1/N, or their weight's), as they have in a run over all the bars
 * before it is listed.
 */
export function runWindow(setup: RunSetup, s: SearchSubject, params: Record<string, number>, from: number, to: number, hooks: WindowHooks = {}): BacktestResult {
  // A search's sets and a walk-forward's stretches show their metrics, never their trades: no excursions.
  if (s.kind === 'market') return runSetup(setup, s.candles, params, from, to, { ...hooks, excursions: false, ...(s.detail ? { detail: detailWithin(s.detail, s.candles.t[from]!, s.candles.t[to - 1]! + setup.barMs) } : {}) });
  const first = s.times[from]!;
  const last = s.times[to - 1]!;
  const inside: SetupMarket[] = [];
  for (const m of s.markets) {
    const lo = firstAtOrAfter(m.candles.t, first);
    const hi = firstAtOrAfter(m.candles.t, last + 1);
    if (hi > lo) inside.push({ ...m, candles: sliceColumns(m.candles, lo, hi), detail: m.detail && detailWithin(m.detail, first, last + setup.barMs) });
  }
  return runPortfolioSetup(setup, inside, params, { ...hooks, excursions: false, weightTotal: s.markets.reduce((sum, m) => sum + (m.weight ?? 1), 0) });
}

/** The finer bars inside [start, end): a window's run walks only its own, not every one before it. */
function detailWithin(d: SubjectDetail, start: number, end: number): SubjectDetail {
  const lo = firstAtOrAfter(d.candles.t, start);
  const hi = firstAtOrAfter(d.candles.t, end);
  return lo === 0 && hi === d.candles.length ? d : { candles: columnsBetween(d.candles, lo, hi), barMs: d.barMs };
}

/** The index of the first time at or after `t` in ascending `times` (times.length when none is). */
function firstAtOrAfter(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
