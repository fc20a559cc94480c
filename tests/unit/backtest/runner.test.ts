// The backtest runner: the reference semantics on a hand-made series, risk modes through the gate,
// lower-timeframe detail, the AI strategy with and without journaled decisions, every built-in on real
// candles, and cancellation.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { candlesFromFile } from '../../../electron/backtest/load-candles.ts';
import { NO_STOPS, riskModeSettings, withRearm } from '../../../electron/backtest/risk-modes.ts';
import { BacktestCancelled, runBacktest, type BacktestRun } from '../../../electron/backtest/run-backtest.ts';
import { listSignals } from '../../../electron/backtest/run-setup.ts';
import { STRATEGIES, strategyWithParams } from '../../../electron/strategies/registry.ts';
import { defineStrategy } from '../../../electron/strategies/strategy.ts';
import { timeframeMs } from '../../../shared/domain/timeframe.ts';
import { synthetic, T0 } from './synthetic.ts';

const DATA = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data');

function run(over: Partial<BacktestRun> & Pick<BacktestRun, 'candles'>, strategy = 'sma-cross', params: Record<string, number> = {}) {
  const { def, params: p } = strategyWithParams(strategy, params);
  return runBacktest({ def, params: p, symbol: 'TST/USDT', barMs: 60_000, risk: riskModeSettings('aggressive'), capital: 1000, feePct: 0.1, slippageBps: 0, ...over });
}

describe('the backtest runner', () => {
  it('sma-cross: a cross judged at a close, filled at the next open, 0.1 % per fill', () => {
    // fast 2, slow 3. SMA2 − SMA3 by bar: bar 2 −1/6, bar 3 0 (a touch, not a cross), bar 4 +2/3 (cross up),
    // bar 5 −1/3 (cross down).
    const closes = [10, 10, 9, 11, 11, 9, 9, 9];
    const opens = [10, 10, 10, 9.5, 11.5, 10.5, 8.8, 9];
    const r = run({ candles: synthetic(closes, { opens }) }, 'sma-cross', { fast: 2, slow: 3 });
    // Bought at bar 5's open (10.5) with all the cash at bar 4's close, less the 0.1 % a spot entry leaves
    // for the move to its fill (market-move.ts): 1000 / (11 × 1.001 × 1.001) = 90.726 → 90.7 (TST/USDT's
    // step, inferred from prices near 10, is 0.1); sold at bar 6's open (8.8).
    expect(r.fills.map((f) => [f.ts, f.side, f.price, f.qty])).toEqual([
      [T0 + 5 * 60_000, 'buy', 10.5, 90.7],
      [T0 + 6 * 60_000, 'sell', 8.8, 90.7],
    ]);
    expect(r.fills[0]!.fee).toBeCloseTo(90.7 * 10.5 * 0.001, 8);
    expect(r.fills[1]!.fee).toBeCloseTo(90.7 * 8.8 * 0.001, 8);
    // Equity at each close: flat 1000 until bar 5, cash + 90.7 × 9 at bar 5's close, flat again after.
    const cash = 1000 - 90.7 * 10.5 - r.fills[0]!.fee;
    expect(r.equity[4]).toBe(1000);
    expect(r.equity[5]).toBeCloseTo(cash + 90.7 * 9, 8);
    expect(r.equity[7]).toBeCloseTo(cash + 90.7 * 8.8 - r.fills[1]!.fee, 8);
    expect(r.metrics.trades).toBe(1);
    expect(r.metrics.exposurePct).toBeCloseTo(12.5, 10); // bar 5 of 8
  });

  it('an order placed at the last close has no next open to fill at: the notes say so, not only an empty list', () => {
    // The series of the test above (its step inferred from fewer prices: 0.01), ending at the close that crosses up (bar 4), then at the one that crosses down (bar 5).
    const closes = [10, 10, 9, 11, 11, 9];
    const opens = [10, 10, 10, 9.5, 11.5, 10.5];
    const entry = run({ candles: synthetic(closes.slice(0, 5), { opens: opens.slice(0, 5) }) }, 'sma-cross', { fast: 2, slow: 3 });
    expect(entry.fills).toEqual([]);
    expect(entry.notes).toContain(
      'sma-cross: buy 90.72 TST/USDT (cross up) placed at the last close (2024-01-01T00:05:00Z) did not fill: a market order fills at the next bar\'s open, and the data ends there, so no fill or trade has it',
    );
    const exit = run({ candles: synthetic(closes, { opens }) }, 'sma-cross', { fast: 2, slow: 3 });
    expect(exit.fills.map((f) => f.side)).toEqual(['buy']);
    expect(exit.trades.map((t) => t.exit)).toEqual(['open']);
    expect(exit.notes.join('\n')).toMatch(/^sma-cross: sell [\d.]+ TST\/USDT \(cross down\) placed at the last close \(2024-01-01T00:06:00Z\) did not fill: .*; the position it would have closed is counted open, valued at the last close$/m);
    // A run whose strategy leaves nothing working says nothing of it.
    expect(run({ candles: synthetic(closes.slice(0, 4), { opens: opens.slice(0, 4) }) }, 'sma-cross', { fast: 2, slow: 3 }).notes.join('\n')).not.toMatch(/did not fill/);
  });

  it('a risk mode caps the position: conservative buys half of equity; more is refused by the gate', () => {
    const closes = [10, 10, 9, 11, 12, 12, 12, 12];
    const r = run({ candles: synthetic(closes), risk: riskModeSettings('conservative') }, 'sma-cross', { fast: 2, slow: 3 });
    const buy = r.fills[0]!;
    // The risk room's conservative mode risks 1 % per trade; with no stop an order is sized as if its stop
    // were 2 % away, so a position may be half of equity: 500 at bar 4's close (12), fee included, down to
    // the step (0.01 here): 500 / 12.012 → 41.62.
    expect(buy.qty).toBe(41.62);
    expect(r.mode).toBe('conservative');

    const greedy = defineStrategy({
      name: 'greedy',
      description: 'buys twice what the mode allows',
      params: {},
      indicators: () => [],
      create: (_p, ctx) => ({
        onBar(bar) {
          if (bar.index === 1) ctx.buy((ctx.maxBuyQty(bar.c) * 2) / 1.0);
        },
      }),
    });
    const g = runBacktest({ def: greedy, params: {}, symbol: 'TST/USDT', candles: synthetic(closes), barMs: 60_000, risk: riskModeSettings('conservative'), capital: 1000, feePct: 0.1, slippageBps: 0 });
    expect(g.fills).toEqual([]);
    expect(g.refusals).toBe(1);
    expect(g.notes[0]).toMatch(/refused: risk: risk-per-trade/);
  });

  it('lower-timeframe detail: minutes inside each hour reach the broker; the strategy still sees hours', () => {
    const hours = synthetic([10, 10, 9, 11, 11, 9, 9, 9], { barMs: 3_600_000, opens: [10, 10, 10, 9.5, 11.5, 10.5, 8.8, 9] });
    const minutes = synthetic(
      Array.from({ length: 8 * 60 }, (_, i) => hours.c[Math.floor(i / 60)]!),
      { opens: Array.from({ length: 8 * 60 }, (_, i) => (i % 60 === 0 ? hours.o[i / 60]! : hours.c[Math.floor(i / 60)]!)) },
    );
    let ticks = 0;
    let lengths = 0;
    const counting = defineStrategy({
      name: 'counting',
      description: 'counts',
      params: {},
      indicators: () => [],
      create: (_p, ctx) => ({
        onBar(bar) {
          lengths += ctx.bars.length === bar.index + 1 ? 1 : 0;
        },
        onTick() {
          ticks++;
        },
      }),
    });
    runBacktest({ def: counting, params: {}, symbol: 'TST/USDT', candles: hours, barMs: 3_600_000, detail: { candles: minutes, barMs: 60_000 }, risk: riskModeSettings('aggressive'), capital: 1000, feePct: 0.1, slippageBps: 0 });
    expect(ticks).toBe(8 * 60);
    expect(lengths).toBe(8);
    // Market orders decided at an hour's close fill at the next hour's first minute: its open.
    const withDetail = run({ candles: hours, barMs: 3_600_000, detail: { candles: minutes, barMs: 60_000 } }, 'sma-cross', { fast: 2, slow: 3 });
    const without = run({ candles: hours, barMs: 3_600_000 }, 'sma-cross', { fast: 2, slow: 3 });
    expect(withDetail.fills).toEqual(without.fills);
  });

  it('ai-assisted: with no AI decisions journaled it says so and does not trade', () => {
    const r = run({ candles: synthetic([10, 11, 12, 13]) }, 'ai-assisted');
    expect(r.fills).toEqual([]);
    expect(r.notes.join('\n')).toMatch(/no AI decisions \(signals of kind "ai\.decision"\) are journaled for TST\/USDT/);
  });

  it('ai-assisted: acts on each decision at the first close at or after it, never before', () => {
    const candles = synthetic([10, 11, 12, 13, 14, 15]);
    const at = (i: number) => T0 + i * 60_000 + 60_000; // bar i's close
    const signals = listSignals([
      { ts: at(1) - 30_000, symbol: 'TST/USDT', kind: 'ai.decision', payload: { action: 'buy', confidence: 0.9 } },
      { ts: at(2), symbol: 'TST/USDT', kind: 'ai.decision', payload: { action: 'sell', confidence: 0.3 } }, // below the minimum
      { ts: at(3) + 1, symbol: 'TST/USDT', kind: 'ai.decision', payload: { action: 'close', confidence: 0.8 } },
    ]);
    const r = run({ candles, signals }, 'ai-assisted');
    expect(r.fills.map((f) => [f.ts, f.side])).toEqual([
      [T0 + 2 * 60_000, 'buy'], // decided at bar 1's close, filled at bar 2's open
      [T0 + 5 * 60_000, 'sell'], // the close decision (just after bar 3's close) is seen at bar 4's close
    ]);
  });

  it('every built-in runs over real 1h candles through the engine', async () => {
    const { candles, timeframe } = await candlesFromFile(path.join(DATA, 'binance_futures_markprice_ETHUSDT_1h_20191223_20240109.csv'), { from: Date.UTC(2021, 0, 1), toExclusive: Date.UTC(2022, 0, 1) });
    for (const def of STRATEGIES) {
      // Loss limits opened wide: this is about the strategies, not the kill switch (tested below).
      const r = run({ candles, barMs: timeframeMs(timeframe), symbol: 'ETH/USDT', risk: riskModeSettings('conservative', undefined, NO_STOPS) }, def.name);
      if (def.name === 'ai-assisted') expect(r.fills).toEqual([]);
      else expect(r.fills.length, def.name).toBeGreaterThan(10);
      expect(r.refusals, def.name).toBe(0);
      expect(Number.isFinite(r.metrics.finalEquity), def.name).toBe(true);
      // Each entry stays within the conservative mode's half of equity.
      let equity = r.capital;
      for (const t of r.trades) {
        expect(t.qty * t.entryPrice, def.name).toBeLessThanOrEqual(0.51 * equity);
        equity += t.pnl;
      }
    }
  });

  it('the risk room\'s loss limits hold in a backtest: a daily-loss kill is re-armed the next day, a drawdown kill stays', () => {
    // Four 6h bars a day. Down 8 % on day 0 (a daily-loss kill, re-armed on day 1), back up to 101, then
    // down 1 a bar (4 % a day, inside the 5 % daily limit) until past the 20 % drawdown (a kill that stays).
    // No wicks: the risk room hears a bar's high and low too, and lows half a unit under the closes would
    // take a day of 4 % down past 5 % there.
    const days = [100, 100, 92, 92, 93, 95, 97, 101, ...Array.from({ length: 24 }, (_, i) => 100 - i)];
    const H = 3_600_000;
    const candles = synthetic(days, { barMs: 6 * H, wick: 0 });
    const holder = defineStrategy({
      name: 'holder',
      description: 'buys at every chance',
      params: {},
      indicators: () => [],
      create: (_p, ctx) => ({
        onBar(bar) {
          if (!ctx.hasOpenOrders() && ctx.position() === 0) ctx.buy(ctx.maxBuyQty(bar.c));
        },
      }),
    });
    const r = runBacktest({ def: holder, params: {}, symbol: 'TST/USDT', candles, barMs: 6 * H, risk: riskModeSettings('moderate'), capital: 1000, feePct: 0.1, slippageBps: 0 });
    expect(r.notes.join('\n')).toMatch(/daily loss limit/);
    expect(r.notes.join('\n')).toMatch(/pulled twice and re-armed once the next day \(after a daily-loss breach\)/);
    expect(r.metrics.maxDrawdownPct).toBeGreaterThan(20);
    // The halts the charts shade: pulled at the low of the breaching bar (day 0's third, 92), two thirds
    // into it where the app's replay plays the low (these bars have no wicks: a falling bar's low is its
    // close), re-armed at the close of day 1's first bar; the drawdown kill at the low where equity fell
    // 20 % below its peak (bought 9.99 at 100 with 1000: equity = 0.001 + 9.99 × close, peak at 101), never re-armed.
    const peak = 0.001 + 9.99 * 101;
    const breach = days.findIndex((c, i) => i > 7 && (peak - (0.001 + 9.99 * c)) / peak >= 0.2);
    expect(r.halts.map((h) => [h.from - T0, h.to === null ? null : h.to - T0])).toEqual([
      [2 * 6 * H + 4 * H, 5 * 6 * H],
      [breach * 6 * H + 4 * H, null],
    ]);
    expect(r.halts[0]!.reason).toMatch(/daily loss limit/);
    expect(r.halts[1]!.reason).toMatch(/drawdown of 20\.\d+% from the equity peak reached the 20% limit/);
  });

  it('a drawdown kill is re-armed the given number of days later when asked, the drawdown counted from there', () => {
    // Four 6h bars a day: up to 101, down 2 a bar past the 20 % drawdown (the daily loss limit is off),
    // then back up. The strategy buys whenever flat and sells two bars later.
    const closes = [100, 101, ...Array.from({ length: 16 }, (_, i) => 100 - 2 * i), ...Array.from({ length: 40 }, (_, i) => 70 + i)];
    const H = 3_600_000;
    const candles = synthetic(closes, { barMs: 6 * H });
    const churner = defineStrategy({
      name: 'churner',
      description: 'buys when flat, sells two bars later',
      params: {},
      indicators: () => [],
      create: (_p, ctx) => {
        let since = 0;
        return {
          onBar(bar) {
            if (ctx.hasOpenOrders()) return;
            if (ctx.position() === 0) {
              ctx.buy(ctx.maxBuyQty(bar.c));
              since = bar.index;
            } else if (bar.index - since >= 2) ctx.closePosition();
          },
        };
      },
    });
    const limits = { dailyLossLimitPct: 100 };
    const go = (days: number | null) =>
      runBacktest({ def: churner, params: {}, symbol: 'TST/USDT', candles, barMs: 6 * H, risk: withRearm(riskModeSettings('moderate', undefined, limits), days), capital: 1000, feePct: 0.1, slippageBps: 0 });
    const bar = (ts: number) => (ts - T0) / (6 * H);

    const never = go(null);
    expect(never.halts).toHaveLength(1);
    expect(never.halts[0]!.to).toBeNull();
    // Pulled at the low of bar 16, day 4's first (the churn lost ~21 % of the 1000 by then), two thirds
    // into it, where the app's replay plays its low.
    const pulledAt = bar(never.halts[0]!.from);
    expect(never.halts[0]!.from).toBe(T0 + 16 * 6 * H + (2 * 6 * H) / 3);
    // No buy after the pull: exits still pass, entries are refused to the end.
    expect(never.fills.filter((f) => f.side === 'buy' && bar(f.ts) > pulledAt)).toEqual([]);
    expect(never.notes.join('\n')).toMatch(/pulled once and never re-armed; engaged at the end/);

    const pulledDay = 4;
    for (const days of [1, 3]) {
      const r = go(days);
      expect(bar(r.halts[0]!.from)).toBe(pulledAt);
      // Re-armed at the close of the first bar of the day `days` after the pull's: no buy in between,
      // buys again from the next bar's open.
      const rearmedAt = (pulledDay + days) * 4 + 1;
      expect(r.halts.map((h) => [bar(h.from), h.to === null ? null : bar(h.to)])).toEqual([[pulledAt, rearmedAt]]);
      const buys = r.fills.filter((f) => f.side === 'buy' && bar(f.ts) > pulledAt).map((f) => bar(f.ts));
      expect(buys[0]).toBe(rearmedAt);
      expect(r.notes.join('\n')).toMatch(new RegExp(`pulled once and re-armed once ${days === 1 ? 'a day' : `${days} days`} later \\(after a drawdown breach\\)`));
      // The drawdown is counted from the re-arm (the price recovers after it): no second pull.
      expect(r.halts).toHaveLength(1);
    }
    expect(() => withRearm(riskModeSettings('moderate'), 0)).toThrow(/whole days, 1 to 365 \(or never\), got 0/);
    expect(() => withRearm(riskModeSettings('moderate'), 1.5)).toThrow(/whole days/);
  });

  it('a cancelled run stops at the next progress point', () => {
    const candles = synthetic(Array.from({ length: 200_000 }, (_, i) => 100 + Math.sin(i / 50)));
    let progress = 0;
    expect(() => run({ candles, onProgress: () => progress++, cancelled: () => progress >= 1 })).toThrow(BacktestCancelled);
    expect(progress).toBe(1);
  });
});
