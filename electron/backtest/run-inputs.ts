// What an app backtest worker (one run, or a parameter search) reads before it runs: the request's candles
// from the journal over its own read-only connection, the journaled AI decisions ai-assisted acts on, and
// the run setup, exactly as `keel backtest --symbol --timeframe` builds them.
import type { BacktestRequest } from '../../shared/contract/commands/backtest.ts';
import { timeframeMs } from '../../shared/domain/timeframe.ts';
import type { CandleColumns } from '../journal/candle-columns.ts';
import { CandleStore } from '../journal/candle-store.ts';
import { openJournal } from '../journal/open-journal.ts';
import { AI_DECISION_KIND } from '../strategies/builtins/ai-assisted.ts';
import { journalSignals } from './journal-signals.ts';
import { candlesFromJournal } from './load-candles.ts';
import { riskModeSettings, withRearm } from './risk-modes.ts';
import type { RunSetup } from './run-setup.ts';

/** `strategyFile`: the trader's own file the strategy came from (null: a built-in), for the run's own workers. */
export function runInputs(journalFile: string, request: Omit<BacktestRequest, 'monteCarlo'>, strategyFile: string | null = null): { candles: CandleColumns; setup: RunSetup } {
  const journal = openJournal(journalFile, { readonly: true });
  let loaded;
  let signals;
  try {
    loaded = candlesFromJournal(new CandleStore(journal.db), request.series, { from: request.from, toExclusive: request.to === undefined ? undefined : request.to + 1 });
    signals = request.strategy === 'ai-assisted' ? [...journalSignals(journal.db).load(AI_DECISION_KIND, request.series.symbol)] : [];
  } finally {
    journal.close();
  }
  return {
    candles: loaded.candles,
    setup: {
      strategy: request.strategy,
      strategyFile,
      symbol: request.series.symbol,
      barMs: timeframeMs(loaded.timeframe),
      risk: withRearm(riskModeSettings(request.mode), request.rearmAfterDays),
      capital: request.capital,
      feePct: request.feePct,
      slippageBps: request.slippageBps,
      signals,
    },
  };
}
