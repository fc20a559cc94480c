// What an app backtest worker (one run, a portfolio run, or a parameter search over either) reads before it runs: the
// request's candles from the journal over its own read-only connection, the journaled AI decisions
// ai-assisted acts on, and the run setup, exactly as `keel backtest --symbol --timeframe` builds them.
import type { BacktestRequest } from '../../shared/contract/commands/backtest.ts';
import type { SeriesKey } from '../../shared/domain/candle.ts';
import { timeframeMs, type Timeframe } from '../../shared/domain/timeframe.ts';
import type { CandleColumns } from '../journal/candle-columns.ts';
import { CandleStore } from '../journal/candle-store.ts';
import type { Journal } from '../journal/open-journal.ts';
import { openJournal } from '../journal/open-journal.ts';
import { AI_DECISION_KIND } from '../strategies/builtins/ai-assisted.ts';
import type { JournaledSignal } from '../strategies/strategy.ts';
import { strategyWithParams } from '../strategies/registry.ts';
import { journalSignals } from './journal-signals.ts';
import { leadBarsFor } from './lead-in.ts';
import { candlesFromJournal, detailRange } from './load-candles.ts';
import { riskModeSettings, withRearm, type RiskModeSettings } from './risk-modes.ts';
import type { RunSetup } from './run-setup.ts';
import { marketSubject, portfolioSubject, type SearchSubject } from './search-subject.ts';

type RunRequest = Omit<BacktestRequest, 'monteCarlo' | 'portfolio' | 'detail'>;

/** A run's finer bars, as the engine takes them (keel backtest --detail). */
export interface RunDetail {
  candles: CandleColumns;
  barMs: number;
}

/** One market's candles over the request's range and, for ai-assisted, its journaled decisions. */
export interface MarketInputs {
  symbol: string;
  candles: CandleColumns;
  timeframe: SeriesKey['timeframe'];
  signals: JournaledSignal[];
  /** Its weight in a portfolio (request.weights); absent: equal shares. */
  weight?: number | undefined;
  /** Its finer bars (request.detail) in a portfolio; absent: none. */
  detail?: RunDetail | undefined;
}

/**
 * The bars before the request's range its runs read for their warm-up (lead-in.ts), as keel backtest loads
 * them: the request's own parameters', or the most of a search's sets.
 */
function leadBarsOf(request: RunRequest, barMs: number, sets?: readonly Record<string, number>[]): number {
  const own = { strategy: request.strategy, params: strategyWithParams(request.strategy, request.params).params };
  return leadBarsFor([own, ...(sets ?? []).map((params) => ({ strategy: request.strategy, params }))], barMs);
}

/** The request's range as the loaders take it: its `to` is the last bar's open, inclusive. */
export const rangeOf = (request: RunRequest) => ({ from: request.from, toExclusive: request.to === undefined ? undefined : request.to + 1 });

function readMarket(journal: Journal, request: RunRequest, key: SeriesKey, sets?: readonly Record<string, number>[]): MarketInputs {
  const loaded = candlesFromJournal(new CandleStore(journal.db), key, rangeOf(request), leadBarsOf(request, timeframeMs(key.timeframe), sets));
  const signals = request.strategy === 'ai-assisted' ? [...journalSignals(journal.db).load(AI_DECISION_KIND, key.symbol)] : [];
  return { symbol: key.symbol, candles: loaded.candles, timeframe: loaded.timeframe, signals };
}

/** The request's risk: its mode, the custom share, whether a loss limit closes the positions, the re-arm after a drawdown kill. */
function riskOf(request: Pick<RunRequest, 'mode' | 'positionPct' | 'closeOnLossLimit' | 'rearmAfterDays'>): RiskModeSettings {
  return withRearm(riskModeSettings(request.mode, request.positionPct == null ? undefined : request.positionPct / 100, request.closeOnLossLimit ? { closeOnLossLimit: true } : {}), request.rearmAfterDays);
}

function setupOf(request: RunRequest, first: MarketInputs, strategyFile: string | null): RunSetup {
  return {
    strategy: request.strategy,
    strategyFile,
    symbol: first.symbol,
    barMs: timeframeMs(first.timeframe),
    // The custom mode's share as keel backtest --position-pct N gives it (N / 100), so the run is the CLI's to the digit.
    risk: riskOf(request),
    capital: request.capital,
    feePct: request.feePct,
    slippageBps: request.slippageBps,
    exits: { stopLossPct: request.stopLossPct, takeProfitPct: request.takeProfitPct, trailingStopPct: request.trailingStopPct },
    direction: request.direction,
    borrowRatePct: request.borrowRatePct,
    signals: first.signals,
  };
}

/**
 * `strategyFile`: the trader's own file the strategy came from (null: a built-in), for the run's own workers.
 * `sets`: a search's parameter sets, whose warm-up the candles' lead must cover.
 */
export function runInputs(journalFile: string, request: RunRequest & { detail?: Timeframe | null }, strategyFile: string | null = null, sets?: readonly Record<string, number>[]): { candles: CandleColumns; setup: RunSetup; detail?: RunDetail } {
  const journal = openJournal(journalFile, { readonly: true });
  try {
    const market = readMarket(journal, request, request.series, sets);
    const detail = readDetail(journal, request, request.series, market);
    return { candles: market.candles, setup: setupOf(request, market, strategyFile), ...(detail && { detail }) };
  } finally {
    journal.close();
  }
}

/**
 * A market's finer bars (request.detail) over the run's range only: the warm-up before it is read from the
 * main bars, and fills start at its first bar; they run to the close of its last bar (detailRange). Undefined
 * without detail.
 */
function readDetail(journal: Journal, request: RunRequest & { detail?: Timeframe | null }, key: SeriesKey, market: MarketInputs): RunDetail | undefined {
  const tf = request.detail ?? null;
  if (tf === null) return undefined;
  const range = detailRange(rangeOf(request), market.candles, timeframeMs(market.timeframe));
  return { candles: candlesFromJournal(new CandleStore(journal.db), { ...key, timeframe: tf }, range).candles, barMs: timeframeMs(tf) };
}

/** A portfolio run's markets (the run's series first, then request.portfolio in order), with their weights and finer bars, and its setup. */
export function portfolioInputs(journalFile: string, request: RunRequest & Pick<BacktestRequest, 'portfolio'> & { detail?: Timeframe | null }, strategyFile: string | null = null, sets?: readonly Record<string, number>[]): { markets: MarketInputs[]; setup: RunSetup } {
  const journal = openJournal(journalFile, { readonly: true });
  try {
    const markets = [request.series, ...request.portfolio].map((key, i) => {
      const market = readMarket(journal, request, key, sets);
      const detail = readDetail(journal, request, key, market);
      return { ...market, weight: request.weights[i], ...(detail && { detail }) };
    });
    return { markets, setup: setupOf(request, markets[0]!, strategyFile) };
  } finally {
    journal.close();
  }
}

/**
 * The candles one market of a run traded, over the run's range (with the lead its warm-up read): its
 * series', or a portfolio market's by symbol. A symbol the run did not trade is refused with the ones it did.
 */
export function runMarketCandles(journalFile: string, request: RunRequest & Pick<BacktestRequest, 'portfolio'>, symbol: string): CandleColumns {
  const keys = [request.series, ...request.portfolio];
  const key = keys.find((k) => k.symbol === symbol);
  if (!key) throw new RangeError(`the run traded ${keys.map((k) => k.symbol).join(', ')}, not ${symbol}`);
  const journal = openJournal(journalFile, { readonly: true });
  try {
    return candlesFromJournal(new CandleStore(journal.db), key, rangeOf(request), leadBarsOf(request, timeframeMs(key.timeframe))).candles;
  } finally {
    journal.close();
  }
}

/** What a search's sets run over: the request's market, or its portfolio when it names other markets. */
export function searchInputs(journalFile: string, request: RunRequest & Pick<BacktestRequest, 'portfolio'> & { detail?: Timeframe | null }, strategyFile: string | null = null, sets?: readonly Record<string, number>[]): { subject: SearchSubject; setup: RunSetup } {
  if (request.portfolio.length === 0) {
    // With detail, every set fills inside the bars from the finer ones, as the run of a set then does.
    const { candles, setup, detail } = runInputs(journalFile, request, strategyFile, sets);
    return { subject: marketSubject(candles, detail), setup };
  }
  const { markets, setup } = portfolioInputs(journalFile, request, strategyFile, sets);
  return { subject: portfolioSubject(markets), setup };
}
