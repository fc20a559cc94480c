// The risk room refuses the same orders in a backtest as on paper: the same candles played by the app's
// replay into the StrategyService, and run by runBacktest, give the same fills and the same refusals when
// a loss limit or a money cap stands in the way (same-engine.test.ts holds the fills equal where nothing
// does). And the backtest's orders and fills are the paper broker's, through the risk gate: no fill is
// made anywhere else.
//
// The candles are flat (open = high = low = close), so the replay's four ticks of each are its close and
// the equity the app's risk room hears after every tick is the equity a backtest samples at each close.
// They lie inside one calendar day in any time zone (06:10 to 06:50 UTC), since the app counts days in the
// local zone and a backtest in UTC.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import type { CandleColumns } from '../../../electron/journal/candle-columns.ts';
import { RiskGate } from '../../../electron/risk/risk-gate.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import type { BrokerListener } from '../../../electron/trading/broker.ts';
import { PaperBroker } from '../../../electron/trading/paper/paper-broker.ts';
import { exactNumber } from '../../../shared/trading/decimal.ts';
import type { LimitsPatch } from '../../../shared/risk/validate-limits.ts';
import { strategyApp, type StrategyApp } from '../../helpers/strategy-app.ts';
import { flatBars } from '../backtest/synthetic.ts';

const SERIES = { exchange: 'binanceus', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const T0 = Date.UTC(2024, 0, 2, 6, 10);

/**
 * rsi-reversion (period 5) buys the fall to 97 and holds it down: the close at 92.35 leaves the account
 * 4.84% down on the day, the next at 92.15 5.05% down (a 0.2% step: less than the moves a backtest
 * reported to the risk room before it heard every breach), past the 5% daily loss limit. Then the price
 * recovers, the strategy sells, and buys the next fall, an entry the engaged kill switch refuses.
 */
const PRICES = [100, 101, 100, 101, 100, 101, 100, 101, 100, 99, 98, 97, 96, 95, 94, 93, 92.35, 92.15, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 102, 101, 100, 99, 98, 97, 96, 95];

/** Flat bars at `prices`; `shaped` gives some bars their own open, high and low (the replay plays them as their path). */
const flatBarsAt = (prices: readonly number[], shaped: Record<number, { o: number; h: number; l: number }> = {}): CandleColumns => flatBars(T0, prices, shaped);

let app: StrategyApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  vi.restoreAllMocks();
});

/** The app's paper trading over the candles: stored, replayed from the first, the strategy started from the service. */
async function paperRun(candles: CandleColumns, strategy: string, params: Record<string, number>, limits: LimitsPatch) {
  app = strategyApp();
  if (Object.keys(limits).length > 0) app.trading.risk.setLimits(limits, 'user');
  const rows = Array.from({ length: candles.length }, (_, i) => ({ t: candles.t[i]!, o: candles.o[i]!, h: candles.h[i]!, l: candles.l[i]!, c: candles.c[i]!, v: candles.v[i]! }));
  app.candles.upsert(SERIES, rows);
  app.market.startReplay(SERIES, { speed: 1, history: 0 });
  app.replay.pause();
  await app.strategies.start({ strategy, params });
  app.replay.step(candles.length * 4);
  const fills = app.trading.engine
    .fills({ limit: 5000 })
    .reverse()
    .map((f) => ({ ts: f.ts, side: f.side, price: Number(f.price), qty: Number(f.qty) }));
  return { fills, risk: app.trading.risk.state() };
}

describe('the risk room refuses alike in a backtest and on paper', () => {
  it('a daily loss past the limit by less than a quarter percent pulls the kill switch in both, and the next entry is refused in both', async () => {
    const candles = flatBarsAt(PRICES);
    const { def, params } = strategyWithParams('rsi-reversion', { period: 5 });
    const bt = runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: 60_000, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 1 });
    const paper = await paperRun(candles, 'rsi-reversion', params, {});

    // On paper: pulled at the first tick at 92.15 (the bar's open), the entry at the last fall refused.
    expect(paper.risk.kill).toMatchObject({ engaged: true, via: 'daily-loss', at: T0 + 17 * 60_000 });
    expect(paper.fills.map((f) => f.side)).toEqual(['buy', 'sell']);
    // The backtest: the same pull for the same loss in the same bar, stamped at its first extreme, a third
    // into it (a backtest's room hears a bar's extremes and its close, not its open: on this flat bar all
    // 92.15), before the strategy hears of the bar as on paper; the same fills, the same entry refused.
    expect(bt.halts).toEqual([{ from: T0 + 17 * 60_000 + 20_000, to: null, reason: paper.risk.kill.reason }]);
    expect(bt.fills.map(({ ts, side, price, qty }) => ({ ts, side, price, qty }))).toEqual(paper.fills);
    expect(bt.notes.join('\n')).toMatch(/buy [\d.]+ BTC\/USDT refused: risk: kill-switch/);
  });

  it("a daily loss past the limit only at a bar's low pulls the kill switch at the same tick in both, and the next entry is refused in both", async () => {
    // PRICES without the close at 92.15: the 92.35 bar (4.84% down at its close) dips to 92 (5.2% down)
    // and closes back. The replay plays it 92.35, 92.35, 92, 92.35 (the nearer extreme first, each a third
    // of a minute on); a backtest hears its extremes the same way.
    const prices = PRICES.filter((p) => p !== 92.15);
    const candles = flatBarsAt(prices, { 16: { o: 92.35, h: 92.35, l: 92 } });
    const { def, params } = strategyWithParams('rsi-reversion', { period: 5 });
    const bt = runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: 60_000, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 1 });
    const paper = await paperRun(candles, 'rsi-reversion', params, {});

    expect(paper.risk.kill).toMatchObject({ engaged: true, via: 'daily-loss', at: T0 + 16 * 60_000 + 40_000 });
    expect(bt.halts).toEqual([{ from: paper.risk.kill.at, to: null, reason: paper.risk.kill.reason }]);
    expect(paper.fills.map((f) => f.side)).toEqual(['buy', 'sell']);
    expect(bt.fills.map(({ ts, side, price, qty }) => ({ ts, side, price, qty }))).toEqual(paper.fills);
    expect(bt.notes.join('\n')).toMatch(/buy [\d.]+ BTC\/USDT refused: risk: kill-switch/);
  });

  it("a new equity peak at a bar's high is the peak the drawdown counts from in both", async () => {
    // Bought at 97; the bar goes to 110 (the account ~13% up) and closes at 97.5, ~11% under that peak.
    const prices = [...PRICES.slice(0, 12), 97.5, 98, 99, 100, 101, 102, 103, 102, 101, 100, 99, 98, 97, 96, 95];
    const candles = flatBarsAt(prices, { 12: { o: 97, h: 110, l: 96.5 } });
    const limits = { maxDrawdownPct: 10 };
    const { def, params } = strategyWithParams('rsi-reversion', { period: 5 });
    const bt = runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: 60_000, risk: riskModeSettings('moderate', undefined, limits), capital: 10_000, feePct: 0.1, slippageBps: 1 });
    const paper = await paperRun(candles, 'rsi-reversion', params, limits);

    // The same drawdown (the reason gives it) from the same peak, at the same tick: the close.
    expect(paper.risk.kill).toMatchObject({ engaged: true, via: 'drawdown', at: T0 + 13 * 60_000 });
    expect(paper.risk.kill.reason).toMatch(/^a drawdown of 11\.\d+% from the equity peak/);
    expect(bt.halts).toEqual([{ from: paper.risk.kill.at, to: null, reason: paper.risk.kill.reason }]);
    expect(bt.fills.map(({ ts, side, price, qty }) => ({ ts, side, price, qty }))).toEqual(paper.fills);
  });

  it('a position above the largest-position cap is refused in both', async () => {
    const candles = flatBarsAt(PRICES);
    const limits = { maxPositionNotional: 5000 };
    const { def, params } = strategyWithParams('rsi-reversion', { period: 5 });
    const bt = runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: 60_000, risk: riskModeSettings('moderate', undefined, limits), capital: 10_000, feePct: 0.1, slippageBps: 1 });
    const paper = await paperRun(candles, 'rsi-reversion', params, limits);
    expect(paper.fills).toEqual([]);
    expect(app!.strategies.running()[0]).toMatchObject({ refusedBy: 'max-position-notional' });
    expect(bt.fills).toEqual([]);
    expect(bt.refusals).toBeGreaterThan(0);
    expect(bt.notes.join('\n')).toMatch(/refused: risk: max-position-notional: .* above the limit of 5000 USDT/);
  });

  it("a backtest's orders pass the risk gate and its fills are the paper broker's", () => {
    // Every order the gate is handed, whether it let it through, and every fill a paper broker reported.
    const gated: { id: string; refused: boolean }[] = [];
    const brokerFills: { ts: number; price: number; qty: number }[] = [];
    const submit = RiskGate.prototype.submit;
    vi.spyOn(RiskGate.prototype, 'submit').mockImplementation(function (this: RiskGate, ...args: Parameters<RiskGate['submit']>) {
      const refusal = submit.apply(this, args);
      gated.push({ id: args[0].id, refused: refusal !== null });
      return refusal;
    });
    const connect = PaperBroker.prototype.connect;
    vi.spyOn(PaperBroker.prototype, 'connect').mockImplementation(function (this: PaperBroker, listener: BrokerListener) {
      const heard: BrokerListener = Object.create(listener) as BrokerListener;
      heard.filled = (fill) => {
        brokerFills.push({ ts: fill.ts, price: exactNumber(fill.price), qty: exactNumber(fill.qty) });
        listener.filled(fill);
      };
      connect.call(this, heard);
    });

    const candles = flatBarsAt(PRICES);
    const { def, params } = strategyWithParams('rsi-reversion', { period: 5 });
    const bt = runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: 60_000, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 1 });
    expect(bt.fills.length).toBeGreaterThan(1);
    // Each fill the run reports is one the paper broker made, and there are no others.
    expect(bt.fills.map(({ ts, price, qty }) => ({ ts, price, qty }))).toEqual(brokerFills);
    // Every order went to the gate; the refusals the run counts are the gate's.
    expect(gated.filter((g) => !g.refused).length).toBe(bt.fills.length);
    expect(gated.filter((g) => g.refused).length).toBe(bt.refusals);
  });
});
