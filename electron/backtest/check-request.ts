// The checks an app backtest request passes before any worker starts (a run and a parameter search
// alike): a known strategy with valid parameters, a stored series, a range that holds candles. Refusals
// say what is valid.
import { sharePct, weightShares, weightsProblem } from '../../shared/backtest/portfolio-weights.ts';
import { shortTargetProblem } from '../../shared/backtest/run-exits.ts';
import { DIRECTION_LABELS } from '../../shared/domain/direction.ts';
import { KeelError } from '../../shared/contract/errors.ts';
import { fromAfterToText, type BacktestRequest } from '../../shared/contract/commands/backtest.ts';
import { seriesLabel, type SeriesKey } from '../../shared/domain/candle.ts';
import { didYouMeanSymbol } from '../../shared/domain/symbol-guess.ts';
import { timeframeMs, type Timeframe } from '../../shared/domain/timeframe.ts';
import { shorterStoredText } from '../../shared/domain/timeframe-nesting.ts';
import type { CandleStore } from '../journal/candle-store.ts';
import { ParamError } from '../strategies/params.ts';
import { strategyWithParams } from '../strategies/registry.ts';
import { seriesSource, sourceLabel } from './series-source.ts';
import { isoTime } from '../../shared/domain/iso-time.ts';

/** The request's parameters with the strategy's defaults filled in; a KeelError('invalid_request') when it cannot run. */
export function checkRequest(store: CandleStore, request: Omit<BacktestRequest, 'monteCarlo' | 'portfolio' | 'detail'>): Record<string, number> {
  let params: Record<string, number>;
  try {
    const checked = strategyWithParams(request.strategy, request.params);
    params = checked.params;
    // Its indicators with these parameters, asked now (of a stand-in's thread, within 2 s): one that loops or
    // throws for them refuses the request, saying so, rather than starting a run that fails or never ends.
    checked.def.indicators(params);
  } catch (err) {
    if (err instanceof ParamError) throw new KeelError('invalid_request', err.message);
    throw err;
  }
  if (request.from !== undefined && request.to !== undefined && request.from > request.to) throw new KeelError('invalid_request', fromAfterToText(isoTime(request.from), isoTime(request.to)));
  // As keel backtest refuses --position-pct without --mode custom: a preset mode's share is its own, and a run
  // labelled moderate that carried a share it never used would say a share it did not trade at.
  if (request.positionPct != null && request.mode !== 'custom') throw new KeelError('invalid_request', `positionPct sets the custom mode's share of equity per entry; this run's mode is ${request.mode}: choose the custom mode, or send no positionPct`);
  const target = shortTargetProblem(request.takeProfitPct, request.direction, `take-profit ${request.takeProfitPct}`, `direction ${DIRECTION_LABELS[request.direction]}`);
  if (target !== null) throw new KeelError('invalid_request', target);
  checkSeries(store, request.series, request);
  return params;
}

/**
 * A portfolio run's other markets (keel backtest --portfolio's checks): each stored, with candles in the
 * range, of the run's timeframe, no market twice (one account holds each market once), and a weight for
 * each market or none.
 */
export function checkPortfolio(store: CandleStore, request: Pick<BacktestRequest, 'series' | 'portfolio' | 'weights' | 'from' | 'to'>): void {
  const weighed = weightsProblem(1 + request.portfolio.length, request.weights, [request.series, ...request.portfolio].map((k) => k.symbol));
  if (weighed !== null) throw new KeelError('invalid_request', weighed);
  const symbols = [request.series.symbol];
  for (const key of request.portfolio) {
    if (key.timeframe !== request.series.timeframe) throw new KeelError('invalid_request', `a portfolio's markets share one timeframe: ${seriesLabel(key)} is ${key.timeframe}, the run's ${seriesLabel(request.series)} is ${request.series.timeframe}`);
    if (symbols.includes(key.symbol)) throw new KeelError('invalid_request', `${key.symbol} is in the portfolio twice; a portfolio holds each market once`);
    symbols.push(key.symbol);
    checkSeries(store, key, request);
  }
}

/**
 * A run's finer bars (keel backtest --detail's checks): of a shorter timeframe than its series, stored for
 * each market it trades (a portfolio's every market, each its own). The refusal names the market and the
 * finer series stored for it.
 */
export function checkDetailSeries(store: CandleStore, request: Pick<BacktestRequest, 'series' | 'portfolio' | 'detail' | 'from' | 'to'>): void {
  const tf = request.detail;
  if (tf === null) return;
  const range = { from: request.from, to: request.to };
  for (const series of [request.series, ...request.portfolio]) checkMarketDetail(store, series, tf, range);
}

function checkMarketDetail(store: CandleStore, series: SeriesKey, tf: Timeframe, range: { from?: number | undefined; to?: number | undefined }): void {
  const finer = store
    .listSeries()
    .filter((s) => s.exchange === series.exchange && s.symbol === series.symbol && timeframeMs(s.timeframe) < timeframeMs(series.timeframe))
    .map((s) => s.timeframe);
  const stored = finer.length ? `the finer series stored for ${series.symbol} on ${series.exchange}: ${finer.join(', ')}` : `no finer series of ${series.symbol} on ${series.exchange} is stored`;
  if (timeframeMs(tf) >= timeframeMs(series.timeframe)) throw new KeelError('invalid_request', `the detail must be a shorter timeframe than the run's ${series.timeframe}, not ${tf}; ${stored}`);
  const source = seriesSource(store, { ...series, timeframe: tf });
  if (source === null) throw new KeelError('invalid_request', `no ${tf} candles of ${series.symbol} on ${series.exchange} are stored for the detail, nor shorter ones to make them from; ${stored} (import ${tf} candles, or choose no detail)`);
  if (store.count(source.stored, range) === 0) throw new KeelError('invalid_request', `the ${tf} detail of ${series.symbol} has no candles ${spanWords(range)}; ${heldSpan(store, source.stored)}: choose dates inside them, or no detail`);
}

const spanWords = (range: { from?: number | undefined; to?: number | undefined }) => `from ${range.from === undefined ? 'the start' : isoTime(range.from)} to ${range.to === undefined ? 'the end' : isoTime(range.to)}`;

/** "it holds candles from … to …": what a stored series spans, for a refusal of a range it has none in. */
function heldSpan(store: CandleStore, key: SeriesKey): string {
  const info = store.listSeries().find((s) => seriesLabel(s) === seriesLabel(key));
  return `it holds candles from ${info ? `${isoTime(info.firstTs)} to ${isoTime(info.lastTs)}` : 'an unknown span'}`;
}

/**
 * A stored series (or a shorter one to roll it up from: series-source.ts) with candles in the request's
 * range; the refusal says what is stored.
 */
function checkSeries(store: CandleStore, key: SeriesKey, range: { from?: number | undefined; to?: number | undefined }): void {
  const source = seriesSource(store, key);
  if (source === null) {
    const series = store.listSeries();
    const stored = series.map((s) => seriesLabel(s));
    throw new KeelError('invalid_request', `no candles stored for ${seriesLabel(key)}${didYouMeanSymbol(key.symbol, series.map((s) => s.symbol))}${shorterStoredText(series, key) || ' nor of a shorter timeframe to resample from'}; ${stored.length ? `stored series: ${stored.join(', ')}` : 'the journal holds none'}`);
  }
  if (store.count(source.stored, { from: range.from, to: range.to }) === 0) throw new KeelError('invalid_request', `no candles of ${sourceLabel(key, source)} ${spanWords(range)}; ${heldSpan(store, source.stored)}`);
}

/** What the request trades, for the log: its series, or its portfolio's markets (with their shares when weighted). */
export function tradedOn(request: Pick<BacktestRequest, 'series' | 'portfolio' | 'weights'>): string {
  if (request.portfolio.length === 0) return seriesLabel(request.series);
  const keys = [request.series, ...request.portfolio];
  const shares = request.weights.length === keys.length ? weightShares(keys.length, request.weights) : null;
  return `a portfolio of ${keys.map((k, i) => seriesLabel(k) + (shares ? ` ${sharePct(shares[i]!)}` : '')).join(', ')}`;
}

/**
 * The most bars the request's timeline can hold, without reading them: one series' count; a portfolio's
 * timeline (every time any market has a bar) holds at most all its markets' bars together.
 */
export function timelineBarsAtMost(store: CandleStore, request: Pick<BacktestRequest, 'series' | 'portfolio' | 'from' | 'to'>): number {
  // A series rolled up from a shorter one holds at most as many bars as that one has in the range.
  return [request.series, ...request.portfolio].reduce((sum, key) => sum + store.count(seriesSource(store, key)?.stored ?? key, { from: request.from, to: request.to }), 0);
}
