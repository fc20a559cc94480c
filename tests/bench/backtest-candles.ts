// The backtest bench's candles, the real 1m BTCUSDT bars tiled to any length (tests/bench/indicator-series.ts)
// as the runner's columns, and its run: sma-cross(10,30) through the full engine.
import { NO_STOPS, riskModeSettings } from '../../electron/backtest/risk-modes.ts';
import { runBacktest, type BacktestResult } from '../../electron/backtest/run-backtest.ts';
import type { CandleColumns } from '../../electron/journal/candle-columns.ts';
import { strategyWithParams } from '../../electron/strategies/registry.ts';
import { tiledBtc1m } from './indicator-series.ts';

export function tiledColumns(n: number): CandleColumns {
  const s = tiledBtc1m(n);
  return { t: s.time, o: s.open, h: s.high, l: s.low, c: s.close, v: s.volume, length: n };
}

/**
 * sma-cross(10,30) through the full engine (feed, paper broker inside the risk gate, execution engine),
 * aggressive mode with the loss limits opened so the kill switch stays out of it, and no fees: at 0.1 % a
 * fill, the ~4 fills per 100 bars this strategy makes on 1m bars drain the account below the market's
 * minimum order within ~170,000 bars, and the rest of the run would then be bars without a single order
 * (the peer keeps trading throughout). Without fees Keel makes the peer's trades over the whole run, so
 * the two race over the same work.
 */
export function benchSmaCross(candles: CandleColumns): BacktestResult {
  const { def, params } = strategyWithParams('sma-cross');
  return runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: 60_000, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0, slippageBps: 0 });
}

/**
 * sma-cross(10,30) as `keel backtest` runs it without flags: moderate mode with its loss limits and
 * ATR stops, 0.1 % a fill. Here the fees drain the account into the limits: the kill switch is pulled and
 * re-armed, and most of the run is entries the risk room refuses, each refusal naming its figures. The
 * race with the peer is benchSmaCross; this is the path a trader's first run takes.
 */
export function benchSmaCrossDefaults(candles: CandleColumns): BacktestResult {
  const { def, params } = strategyWithParams('sma-cross');
  return runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: 60_000, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 0 });
}
