// Borrow interest in a backtest (keel backtest --borrow-rate): on flat hand-made bars, where nothing but
// the interest moves the equity, a short's cost shows hour by hour in the curve, is paid by the fill that
// buys it back, sits in its trade's P&L, and one still open at the end is charged what it owes by then.
import { describe, expect, it } from 'vitest';
import { NO_STOPS, riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { summaryRows } from '../../../electron/backtest/summary-table.ts';
import { signalOrders } from '../../../electron/strategies/builtins/signal-orders.ts';
import { defineStrategy } from '../../../electron/strategies/strategy.ts';
import type { Direction } from '../../../shared/domain/direction.ts';
import { HAND_T0, HOUR, handBars } from '../../helpers/hand-bars.ts';

const flat = (n: number) => handBars(Array.from({ length: n }, () => [100, 100, 100, 100] as const));
const signalled = (signals: Record<number, number>) =>
  defineStrategy({ name: 'signalled', description: 'signals by bar', params: {}, indicators: () => [], create: (_p, ctx) => signalOrders(ctx, (bar) => signals[bar.index] ?? 0, { up: 'up', down: 'down' }) });
const run = (direction: Direction, borrowRatePct?: number) =>
  runBacktest({
    def: signalled({ 4: -1, 7: 1, 10: -1 }),
    params: {},
    symbol: 'BTC/USDT',
    candles: flat(14),
    barMs: HOUR,
    risk: riskModeSettings('aggressive', undefined, NO_STOPS),
    capital: 10_000,
    feePct: 0,
    slippageBps: 0,
    direction,
    borrowRatePct,
  });

// 36.5 % a year is 0.1 % a day: 10,000 borrowed costs 10 a day, 5/12 an hour.
const PER_HOUR = 0.001 / 24;

describe('borrow interest in a backtest', () => {
  it('a short costs rate × value × time: in the equity at every close, on the buy-back fill, in its trade, and owed at the end', () => {
    const r = run('short', 36.5);
    expect(r.borrowRatePct).toBe(36.5);
    // Short 100 at bar 5's open, bought back at bar 8's: 3 hours of 10,000 borrowed.
    expect(r.fills.map((f) => [(f.ts - HAND_T0) / HOUR, f.side, f.qty])).toEqual([
      [5, 'sell', 100],
      [8, 'buy', 100],
      [11, 'sell', expect.closeTo(99.9875, 9)],
    ]);
    expect(r.fills[1]!.interest).toBeCloseTo(10_000 * PER_HOUR * 3, 8);
    expect(r.fills[0]!.interest).toBeUndefined();
    // The curve: flat before the short, then down by the hours held at each close (bar i closes i + 1 hours in).
    for (const i of [0, 4]) expect(r.equity[i]).toBe(10_000);
    for (const i of [5, 6]) expect(r.equity[i]).toBeCloseTo(10_000 - 10_000 * PER_HOUR * (i + 1 - 5), 8);
    expect(r.equity[8]).toBeCloseTo(10_000 - 1.25, 8);
    expect(r.equity[10]).toBeCloseTo(10_000 - 1.25, 8);
    // The second short, open at the end (the last close, 14 hours in): owes 3 hours on 99.9875 × 100.
    const owed = 9_998.75 * PER_HOUR * 3;
    expect(r.equity[13]).toBeCloseTo(10_000 - 1.25 - owed, 6);
    expect(r.trades.map((t) => [t.closed, t.interest, t.pnl])).toEqual([
      [true, expect.closeTo(1.25, 8), expect.closeTo(-1.25, 8)],
      [false, expect.closeTo(owed, 6), expect.closeTo(-owed, 6)],
    ]);
    expect(r.metrics.borrowInterest).toBeCloseTo(1.25 + owed, 6);
    expect(r.metrics.finalEquity).toBeCloseTo(10_000 - 1.25 - owed, 6);
    expect(r.notes.join('\n')).not.toContain('borrowed for free');
    expect(summaryRows([r]).find(([label]) => label === 'borrow interest (USDT)')).toEqual(['borrow interest (USDT)', (1.25 + owed).toFixed(2)]);
  });

  it('no rate: the same trades cost nothing, and the run says its shorts borrowed for free', () => {
    const r = run('short');
    expect(r.metrics.borrowInterest).toBe(0);
    expect(r.metrics.finalEquity).toBe(10_000);
    expect(r.trades.every((t) => t.interest === undefined)).toBe(true);
    expect(r.notes).toContain('its 2 shorts borrowed for free (a borrow rate of 0% a year): a margin venue charges interest on the coins a short borrows; give a borrow rate to count it');
  });

  it('a long-only run never borrows: no interest, no note, and its summary has no borrow row', () => {
    const r = run('long', 36.5);
    expect(r.metrics.borrowInterest).toBe(0);
    expect(r.notes.join('\n')).not.toContain('borrow');
    expect(summaryRows([r]).some(([label]) => label === 'borrow interest')).toBe(false);
  });
});

describe('sizing beside the interest open shorts owe', () => {
  it('adds to a short with maxSellQty at a borrow rate without a collateral refusal', () => {
    // Sells 40 % of what it may every 6 hours, then all it may, into one short at 50 % a year: each add is sized
    // beside the interest owed so far, as the gate holds it, and all four are placed (before, each add after
    // the first was refused for a few USDT of collateral).
    const adder = defineStrategy({
      name: 'adder',
      description: 'adds to a short',
      params: {},
      indicators: () => [],
      create: (_p, ctx) => ({
        onBar(bar) {
          if (bar.index % 6 !== 0 || bar.index >= 24 || ctx.hasOpenOrders()) return;
          // The last add takes all it may: sized without the interest owed, it was a few USDT too many.
          ctx.sell(Math.floor(ctx.maxSellQty(bar.c) * (bar.index === 18 ? 1 : 0.4) * 1000) / 1000);
        },
      }),
    });
    const r = runBacktest({ def: adder, params: {}, symbol: 'BTC/USDT', candles: flat(30), barMs: HOUR, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0.1, slippageBps: 0, direction: 'short', borrowRatePct: 50 });
    expect(r.notes.filter((n) => /refused/.test(n))).toEqual([]);
    expect(r.fills.filter((f) => f.side === 'sell')).toHaveLength(4);
  });
});
