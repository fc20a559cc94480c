// The Optimize form's draft and how it becomes a backtest.optimize request: the run form's request (its
// strategy, series, dates, mode, capital, fee, exits; its parameters fill what no range covers) and its portfolio
// and weights when it trades the markets as one (every set then a portfolio run, as the Run button would
// start it), plus the ranges as `keel backtest --grid` writes them, the method, the objective, and the
// holdout or the walk-forward. The backtest a set of a finished search runs as. And the heat map a search over two
// parameters draws.
import { OPTIMIZE_OBJECTIVES, type OptimizeObjective } from '../../../../shared/contract/commands/backtest.ts';
import type { CommandRequest, CommandResponse } from '../../../../shared/contract/index.ts';
import { checkDetailStored, detailOf, marketOf, monteCarloOf, otherSeries, portfolioOf, seedOf, toRequest, weightsOf, type RunDraft, type RunRequest, type StrategyInfo } from './run-form.ts';
import { exitFields } from './exit-boxes.ts';
import { exitsWords } from './exits-view.ts';
import { directionWords } from './direction-view.ts';
import { EXIT_PARAMS, splitExitParams, type ExitParamName } from '../../../../shared/backtest/run-exits.ts';
import { marketsLabel } from './run-markets.ts';
import { FieldError } from './field-error.ts';
// The boxes' numbers read as keel backtest reads its flags: "0x10" is not 16 sets.
import { decimalNumber } from '../../../../shared/domain/decimal-text.ts';

export type SearchRequest = CommandRequest<'backtest.optimize'>;
export type SearchSummary = CommandResponse<'backtest.optimizeCancel'>;
export type SearchResult = CommandResponse<'backtest.optimization'>;
type ParamSpec = StrategyInfo['params'][number];

export const OBJECTIVES: readonly OptimizeObjective[] = OPTIMIZE_OBJECTIVES;

/** The search the page follows: as started (the request as sent), then as the engine reports it. */
export interface SearchState {
  runId: string;
  status: SearchSummary['status'];
  progress: number;
  error: string | null;
  request: SearchRequest;
  /** Cancelled after some sets (folds) ran: how many of how many, the result being over those only. */
  partial: SearchSummary['partial'];
}

/** Whether a search has a result to fetch and show: done, or cancelled after some of its sets (folds) ran. */
export const hasResult = (s: Pick<SearchState, 'status' | 'partial'>): boolean => s.status === 'done' || s.partial !== null;

export interface SearchDraft {
  /** Range text per parameter name ("5:50:5" or "5|10|20"); empty: the run form's value. */
  ranges: Record<string, string>;
  method: 'grid' | 'random';
  trials: string;
  objective: OptimizeObjective;
  holdoutPct: string;
  /** Walk forward (folds of in-sample search, out-of-sample run) instead of holding the last bars out. */
  walkForward: boolean;
  folds: string;
  /** In-sample length as a multiple of each out-of-sample stretch. */
  isRatio: string;
  /** Every in-sample stretch from the first bar (growing fold by fold) instead of rolling. */
  anchored: boolean;
}

export const DEFAULT_SEARCH: SearchDraft = { ranges: {}, method: 'grid', trials: '100', objective: 'sharpe', holdoutPct: '25', walkForward: false, folds: '5', isRatio: '3', anchored: false };

const round = (v: number) => Number(v.toPrecision(6));

/** Four values around the default, inside the parameter's bounds: "5:20:5" for a default of 10. */
export function defaultRange(p: ParamSpec): string {
  const lo = Math.max(p.min, p.type === 'int' ? Math.round(p.default / 2) : round(p.default / 2));
  const hi = Math.min(p.max, p.default * 2);
  if (!(hi > lo)) return String(p.default);
  const step = p.type === 'int' ? Math.max(1, Math.round((hi - lo) / 3)) : roundStep((hi - lo) / 3);
  return `${lo}:${hi}:${step}`;
}

/** A decimal step a trader would type: 1, 2 or 5 times a power of ten (0.7 / 3 is 0.2, not 0.233333). */
function roundStep(raw: number): number {
  const mag = 10 ** Math.floor(Math.log10(raw));
  const n = raw / mag;
  return round((n < 1.5 ? 1 : n < 3.5 ? 2 : n < 7.5 ? 5 : 10) * mag);
}

/** The range text the form shows for a parameter: as typed, else the default range. */
export function rangeText(draft: SearchDraft, p: ParamSpec): string {
  return draft.ranges[p.name] ?? defaultRange(p);
}

/** The exits' ranges the form offers beside the strategy's: empty (the default) searches neither. */
export const EXIT_RANGE_NAMES: readonly ExitParamName[] = ['stopLossPct', 'trailingStopPct', 'takeProfitPct'];
export const EXIT_RANGE_LABELS: Readonly<Record<ExitParamName, string>> = { stopLossPct: 'Stop-loss %', trailingStopPct: 'Trailing stop %', takeProfitPct: 'Take-profit %' };

const RANGE_RE = /^\s*-?[\d.]+\s*(?::\s*-?[\d.]+\s*(?::\s*[\d.]+\s*)?|(?:\|\s*-?[\d.]+\s*)*)$/;

/**
 * The request for the two drafts, or an Error saying what to fix. `stored` is the series list the run form
 * ticks other markets in: with the portfolio ticked, those markets are searched with the form's series as one,
 * in the form's weights.
 */
export function toSearchRequest(run: RunDraft, search: SearchDraft, strategies: readonly StrategyInfo[], stored: readonly string[]): SearchRequest {
  // The run's own mistakes first, as the Run button says them; then the portfolio's, then its weights'. Said
  // beside Optimize, they say they are the form above's: its boxes share names with the ranges here.
  const { common, portfolio, weights } = aboveForm(() => {
    const portfolio = portfolioOf(run, stored);
    return { common: toRequest(run, strategies), portfolio, weights: weightsOf(run, portfolio, stored) };
  });
  const base = { ...common, portfolio: portfolio ?? [], weights };
  const strategy = strategies.find((s) => s.name === base.strategy)!;
  const parts: string[] = [];
  for (const p of strategy.params) {
    const text = rangeText(search, p).trim();
    if (!text) continue;
    if (!RANGE_RE.test(text)) throw new FieldError(`bt-range-${p.name}`, `${p.name}: write from:to:step (5:50:5) or values (5|10|20)`);
    parts.push(`${p.name}=${text.replace(/\s+/g, '')}`);
  }
  for (const name of EXIT_RANGE_NAMES) {
    const text = (search.ranges[name] ?? '').trim();
    if (!text) continue;
    const spec = EXIT_PARAMS[name];
    if (!RANGE_RE.test(text)) throw new FieldError(`bt-range-${name}`, `${name}: write from:to:step (0:6:2) or values (0|2|5), percent, 0 for none`);
    const values = text.includes(':') ? text.split(':').slice(0, 2).map(Number) : text.split('|').map(Number);
    if (values.some((v) => !(v >= spec.min && v <= spec.max))) throw new FieldError(`bt-range-${name}`, `${name}: percents from ${spec.min} (none) to ${spec.max}`);
    parts.push(`${name}=${text.replace(/\s+/g, '')}`);
  }
  if (parts.length === 0) throw new Error('give at least one parameter a range to search, e.g. 5:50:5 (from:to:step) or 5|10|20');
  const detail = detailOf(run);
  if (detail) aboveForm(() => (portfolio ?? []).forEach((s) => checkDetailStored(s, detail, stored)));
  const request: SearchRequest = { ...base, detail, ranges: parts.join(','), method: search.method, objective: search.objective };
  // A walk-forward's folds are its out-of-sample check: the holdout is not sent (the engine would not use it).
  if (search.walkForward) request.walkForward = walkForwardChoice(search);
  else request.holdoutPct = holdoutPercent(search);
  if (search.method === 'random') {
    const trials = decimalNumber(search.trials);
    if (!Number.isInteger(trials) || trials < 1 || trials > 5000) throw new FieldError('bt-search-trials', 'sets to draw: a whole number from 1 to 5000');
    request.trials = trials;
    // The form's seed draws the sets, as keel backtest --seed does: before, every random search drew seed 1's.
    request.seed = seedOf(run);
  }
  return request;
}

/** What the run form above refuses, said beside Optimize as that form's ("… (in the backtest form above)"), its box kept. */
function aboveForm<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    const text = `${err.message} (in the backtest form above)`;
    throw err instanceof FieldError ? new FieldError(err.field, text) : new Error(text);
  }
}

function holdoutPercent(search: SearchDraft): number {
  const v = decimalNumber(search.holdoutPct);
  if (!(v >= 0 && v <= 75)) throw new FieldError('bt-search-holdout', 'holdout: a percent of the bars from 0 to 75 (25 keeps the last quarter out of the search)');
  return v;
}

/** The same limits as keel backtest --walk-forward N --is-ratio R. */
function walkForwardChoice(search: SearchDraft): { folds: number; isRatio: number; anchored: boolean } {
  const folds = decimalNumber(search.folds);
  if (!Number.isInteger(folds) || folds < 1 || folds > 100) throw new FieldError('bt-search-folds', 'folds: a whole number from 1 to 100');
  const isRatio = decimalNumber(search.isRatio);
  if (!(isRatio > 0 && isRatio <= 20)) throw new FieldError('bt-search-is-ratio', 'in-sample ratio: above 0 and at most 20 (3: each in-sample stretch is three times as long as the out-of-sample one after it)');
  return { folds, isRatio, anchored: search.anchored };
}

/**
 * What the form's search trades, as the form says it above the Optimize button: "Searches BTC/USDT 1h" (and
 * that it is alone when other markets are ticked for the Run button), or "Searches BTC/USDT + ETH/USDT 1h as
 * one portfolio (one account)", each market's share said when the weights are not equal ("BTC/USDT 75% +
 * ETH/USDT 25% 1h"), the sides it may trade when it may short (", long and short", and ", borrowing at 10% a
 * year" at a rate), the finer bars fills are decided on (", filling inside bars from 1m bars"), and the exits
 * every entry gets ("; every entry with stop-loss 2% · take-profit 4%"); what is wrong with the portfolio,
 * its weights, its finer bars or the exits when the engine would refuse them; null before a series is chosen.
 */
export function searchMarketsLine(run: RunDraft, stored: readonly string[]): { text: string; problem: boolean } | null {
  if (!run.series) return null;
  try {
    const portfolio = portfolioOf(run, stored);
    const markets = { series: marketOf(run, run.series), portfolio: portfolio ?? [], weights: weightsOf(run, portfolio, stored) };
    // Every set is scored with the form's exits: a set tuned with a stop is not the set without one.
    const words = exitsWords(exitFields(run));
    const exits = words ? `; every entry with ${words}` : '';
    // So is a set tuned with shorts allowed.
    const sides = directionWords(run) ? `, ${directionWords(run)}${borrowWords(run)}` : '';
    // And so is a set whose stops filled on the minutes: every market of the search needs them stored.
    const detail = detailOf(run);
    if (detail) for (const s of portfolio ?? []) checkDetailStored(s, detail, stored);
    const fills = detail ? `, filling inside bars from ${detail} bars` : '';
    if (portfolio) return { text: `Searches ${marketsLabel(markets)} as one portfolio (one account)${sides}${fills}${exits}`, problem: false };
    // The Run button runs on every ticked market; a search, unless they are one portfolio, on the form's alone.
    const alone = otherSeries(run, stored).length > 0 ? ' alone (tick the portfolio to search the ticked markets with it)' : '';
    return { text: `Searches ${marketsLabel(markets)}${alone}${sides}${fills}${exits}`, problem: false };
  } catch (err) {
    return { text: err instanceof Error ? err.message : String(err), problem: true };
  }
}

/** ", borrowing at 10% a year" when the form's shorts pay a rate (a rate mistyped is the Optimize button's to say). */
function borrowWords(run: RunDraft): string {
  const rate = Number(run.borrowRatePct.trim());
  return run.direction !== 'long' && run.borrowRatePct.trim() !== '' && Number.isFinite(rate) && rate > 0 ? `, borrowing at ${rate}% a year` : '';
}

/**
 * The backtest.run request "Run" on a set of a search starts: the run the search scored (its strategy,
 * markets, a portfolio's included with its weights, dates, mode, capital, fee, stop-loss and take-profit; its parameters where the set
 * has none) with the set's parameters, over all the bars it searched (the held-out ones too). Taken from the
 * search, not from the form, which may have been changed since; only the Monte Carlo bands, which a search
 * does not draw, are the form's.
 */
export function setRunRequest(searched: SearchRequest, params: Record<string, number>, run: RunDraft): RunRequest {
  const { ranges: _ranges, method: _method, trials: _trials, objective: _objective, holdoutPct: _holdout, walkForward: _walk, ...base } = searched;
  // A set that searched the exits carries them among its parameters (0: none): they are the run's exits.
  const { params: own, exits } = splitExitParams(params, { stopLossPct: base.stopLossPct ?? null, takeProfitPct: base.takeProfitPct ?? null, trailingStopPct: base.trailingStopPct ?? null });
  return { ...base, params: { ...base.params, ...own }, ...exits, ...monteCarloOf(run) };
}

/** "fast=10 slow=30": a set as the table names it. */
export function setLabel(params: Record<string, number>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ');
}
