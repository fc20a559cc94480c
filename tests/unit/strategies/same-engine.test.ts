// The strategy the app runs is the backtest's, on the same engine: real 1m BTC/USDT candles played by the
// app's replay into the StrategyService (StrategyRunner → EngineStrategyContext → ExecutionEngine → risk
// gate → PaperBroker) give the very fills runBacktest gives over the same candles with the same
// parameters, fee, slippage and risk mode: time, side, price and quantity.
//
// Configured equally: the app's paper fill model charges 0.1 % per fill and slips market orders by 1 bp
// (FillModel's defaults, with no latency), while a backtest's slippage defaults to 0 (`--slippage`); the
// backtest here is given 1 bp. Both start with 10,000 USDT under the moderate mode (the app's default). The
// one day of candles keeps the risk room's daily figures in one calendar day whatever the local zone is
// (the app counts days in the local zone, a backtest in UTC).
//
// With protective exits (the start form's SL % / TS % / TP %, a backtest's --stop-loss and friends) the
// entry's stop and target fill inside a bar: the replay's four ticks are the backtest's intrabar path, so
// a stop fires at its trigger price along the segment the price moved through, not at the extreme the tick
// reached, and each fill is stamped at its point's time in the bar (open, a third, two thirds, close).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { candlesFromFile } from '../../../electron/backtest/load-candles.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { NO_EXITS, type RunExits } from '../../../shared/backtest/run-exits.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { strategyApp, type StrategyApp } from '../../helpers/strategy-app.ts';

const DATA = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data');
const SERIES = { exchange: 'binanceus', symbol: 'BTC/USDT', timeframe: '1m' } as const;

let app: StrategyApp | undefined;

afterEach(async () => {
  await app?.close();
});

describe('the app runs the backtest\'s engine', () => {
  it.each([
    ['sma-cross', { fast: 10, slow: 30 }, NO_EXITS, 1],
    ['rsi-reversion', {}, NO_EXITS, 1],
    ['ema-cross', { fast: 5, slow: 15 }, { stopLossPct: 0.15, takeProfitPct: 0.3, trailingStopPct: null }, 1],
    ['sma-cross', { fast: 10, slow: 30 }, { stopLossPct: null, takeProfitPct: null, trailingStopPct: 0.2 }, 1],
    // Thin volume: the take-profits fill a quarter of a bar's volume at each point of its path, in parts. The
    // replay once handed the paper broker each point's volume as a difference of running totals, a hair under
    // the quarter at times (0.005049999999999999 of 0.0202), and the part one quantity step smaller.
    ['ema-cross', { fast: 5, slow: 15 }, { stopLossPct: 0.15, takeProfitPct: 0.3, trailingStopPct: null }, 0.02],
  ] as const)('%s %o %o (volume ×%s) over a replayed day of real candles fills as runBacktest does', async (name, given, exits: RunExits, volume: number) => {
    const { candles } = await candlesFromFile(path.join(DATA, 'binanceus_BTCUSDT_1m_20230301_20230321.csv'), { from: Date.UTC(2023, 2, 1), toExclusive: Date.UTC(2023, 2, 2) });
    expect(candles.length).toBe(1440);
    if (volume !== 1) for (let i = 0; i < candles.length; i++) candles.v[i] = Math.round(candles.v[i]! * volume * 1e6) / 1e6;
    const { def, params } = strategyWithParams(name, given);

    const bt = runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: 60_000, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 1, exits });
    expect(bt.fills.length).toBeGreaterThan(10);
    // The exits' cases are about them: some of the run's trades end at a stop or a target.
    if (exits !== NO_EXITS) expect(bt.fills.filter((f) => f.exit !== undefined).length).toBeGreaterThan(3);

    // The app: the paper services as createKeel builds them (default fill model), the candles stored and
    // replayed from the first one, four ticks a candle, the strategy started from the service.
    app = strategyApp();
    const rows: Candle[] = [];
    for (let i = 0; i < candles.length; i++) rows.push({ t: candles.t[i]!, o: candles.o[i]!, h: candles.h[i]!, l: candles.l[i]!, c: candles.c[i]!, v: candles.v[i]! });
    app.candles.upsert(SERIES, rows);
    app.market.startReplay(SERIES, { speed: 1, history: 0 });
    app.replay.pause();
    const started = await app.strategies.start({ strategy: name, params, ...exits });
    expect(started).toMatchObject({ mode: 'moderate', positionShare: bt.positionShare });
    app.replay.step(candles.length * 4);

    const fills = app.trading.engine
      .fills({ limit: 5000 })
      .reverse()
      .map((f) => ({ ts: f.ts, side: f.side, price: Number(f.price), qty: Number(f.qty), fee: Number(f.fee), origin: f.origin }));
    expect(fills.every((f) => f.origin.kind === 'strategy' && f.origin.id === name)).toBe(true);
    expect(fills.map(({ ts, side, price, qty }) => ({ ts, side, price, qty }))).toEqual(bt.fills.map(({ ts, side, price, qty }) => ({ ts, side, price, qty })));
    for (let i = 0; i < fills.length; i++) expect(fills[i]!.fee).toBeCloseTo(bt.fills[i]!.fee, 8);
  });
});
