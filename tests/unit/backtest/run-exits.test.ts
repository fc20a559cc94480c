// Protective exits as the CLI, the engine and the reports read them (shared/backtest/run-exits.ts): the
// check and its messages (the CLI and the app's form say the same), the prices a long's and a short's
// exits sit at, the label every report names them with, and the trades broken down by how they ended,
// here on trades worked out by hand, a trade stored before exits were recorded among them.
import { describe, expect, it } from 'vitest';
import { EXIT_LABELS, exitLabel } from '../../../shared/backtest/exit-label.ts';
import { EXIT_REASONS, exitBreakdown, exitRowLabel, exitFromText, exitPrices, exitsLabel, exitsProblem, exitsShort, hasExits, NO_EXITS, splitExitParams, STOP_LOSS_VALID, TAKE_PROFIT_MAX, TAKE_PROFIT_VALID, TRAILING_STOP_VALID, type ExitReason } from '../../../shared/backtest/run-exits.ts';

const exits = (stopLossPct: number | null, takeProfitPct: number | null) => ({ stopLossPct, takeProfitPct });

describe('exitsProblem', () => {
  it('takes a stop-loss above 0 and below 100, a take-profit above 0 and at most the maximum, and none', () => {
    for (const ok of [NO_EXITS, exits(2, 4), exits(0.01, null), exits(99.99, null), exits(null, TAKE_PROFIT_MAX), exits(null, 0.5)]) expect(exitsProblem(ok)).toBeNull();
  });

  it('names the bad value and the valid range', () => {
    expect(STOP_LOSS_VALID).toBe('the stop-loss is a percent below the entry, above 0 and below 100 (2 = 2%)');
    expect(TAKE_PROFIT_VALID).toBe('the take-profit is a percent above the entry, above 0 and at most 1000 (4 = 4%)');
    expect(exitsProblem(exits(0, null))).toBe(`stop-loss 0: ${STOP_LOSS_VALID}`);
    expect(exitsProblem(exits(100, null))).toBe(`stop-loss 100: ${STOP_LOSS_VALID}`);
    expect(exitsProblem(exits(-1, 4))).toBe(`stop-loss -1: ${STOP_LOSS_VALID}`);
    expect(exitsProblem(exits(Number.NaN, null))).toBe(`stop-loss NaN: ${STOP_LOSS_VALID}`);
    expect(exitsProblem(exits(null, 0))).toBe(`take-profit 0: ${TAKE_PROFIT_VALID}`);
    expect(exitsProblem(exits(2, -1))).toBe(`take-profit -1: ${TAKE_PROFIT_VALID}`);
    expect(exitsProblem(exits(null, 1000.5))).toBe(`take-profit 1000.5: ${TAKE_PROFIT_VALID}`);
    expect(exitsProblem(exits(null, Number.POSITIVE_INFINITY))).toBe(`take-profit Infinity: ${TAKE_PROFIT_VALID}`);
    // Both wrong: the stop-loss is named first.
    expect(exitsProblem(exits(0, 0))).toBe(`stop-loss 0: ${STOP_LOSS_VALID}`);
  });

  it('hasExits is true when either is set', () => {
    expect(hasExits(undefined)).toBe(false);
    expect(hasExits(NO_EXITS)).toBe(false);
    expect(hasExits(exits(2, null))).toBe(true);
    expect(hasExits(exits(null, 4))).toBe(true);
  });
});

describe('exitPrices', () => {
  it("puts a long's stop below the entry and its target above", () => {
    const at = exitPrices(exits(2, 4), 'buy', 50_000);
    expect(at.stopLoss).toBeCloseTo(49_000, 9);
    expect(at.takeProfit).toBeCloseTo(52_000, 9);
  });

  it("puts a short's stop above the entry and its target below", () => {
    const at = exitPrices(exits(2, 4), 'sell', 50_000);
    expect(at.stopLoss).toBeCloseTo(51_000, 9);
    expect(at.takeProfit).toBeCloseTo(48_000, 9);
  });

  it('gives NaN for an exit not set', () => {
    const stopOnly = exitPrices(exits(1.5, null), 'buy', 200);
    expect(stopOnly.stopLoss).toBeCloseTo(197, 9);
    expect(stopOnly.takeProfit).toBeNaN();
    const targetOnly = exitPrices(exits(null, 10), 'sell', 200);
    expect(targetOnly.stopLoss).toBeNaN();
    expect(targetOnly.takeProfit).toBeCloseTo(180, 9);
  });
});

describe('the exit kinds in words', () => {
  it("names each kind once, the trailing stop as exitsLabel writes it ('trailing stop 3%'), not by its id", () => {
    expect(EXIT_REASONS.map(exitLabel)).toEqual(['signal', 'stop-loss', 'trailing stop', 'take-profit', 'open']);
    expect(Object.keys(EXIT_LABELS).sort()).toEqual([...EXIT_REASONS].sort());
    expect(exitRowLabel({ reason: 'trailing-stop' })).toBe('trailing stop');
    expect(exitRowLabel({ reason: 'signal', tag: 'cross-down' })).toBe('cross-down');
    expect(exitsLabel({ stopLossPct: null, takeProfitPct: null, trailingStopPct: 3 })).toBe(`${exitLabel('trailing-stop')} 3%`);
  });
});

describe('exitsLabel', () => {
  it('names what is set, stop-loss first, and nothing when none is', () => {
    expect(exitsLabel(exits(2, 4))).toBe('stop-loss 2% · take-profit 4%');
    expect(exitsLabel(exits(0.5, null))).toBe('stop-loss 0.5%');
    expect(exitsLabel(exits(null, 12.5))).toBe('take-profit 12.5%');
    expect(exitsLabel(NO_EXITS)).toBe('');
    expect(exitsLabel(undefined)).toBe('');
  });
});

describe('exitBreakdown', () => {
  const trade = (exit: ExitReason | undefined, pnl: number, returnPct: number, closed = exit !== 'open') => ({ exit, closed, pnl, returnPct });

  it('groups the trades by how they ended, in the reasons order, with win rate, P&L and means', () => {
    const trades = [
      trade('take-profit', 38, 3.8),
      trade('signal', 10, 1),
      trade('stop-loss', -20, -2.2),
      trade('signal', -4, -0.4),
      trade('stop-loss', -22, -2.4),
      // Stored before exits were recorded: closed counts as the strategy's own exit, still open as open.
      trade(undefined, 6, 0.6, true),
      trade(undefined, -1, -0.1, false),
      // A trade that broke even is no win.
      trade('take-profit', 0, 0),
    ];
    const rows = exitBreakdown(trades);
    expect(rows.map((r) => r.reason)).toEqual(['signal', 'stop-loss', 'take-profit', 'open']);
    const [signal, stop, target, open] = rows;
    // signal: +10, -4, +6 → 2 wins of 3, 12 in all, (1 - 0.4 + 0.6) / 3 = 0.4 % on average.
    expect(signal).toMatchObject({ trades: 3, pnl: 12, avgPnl: 4 });
    expect(signal!.winRatePct).toBeCloseTo(200 / 3, 12);
    expect(signal!.avgReturnPct).toBeCloseTo(0.4, 12);
    expect(stop).toMatchObject({ trades: 2, winRatePct: 0, pnl: -42, avgPnl: -21 });
    expect(stop!.avgReturnPct).toBeCloseTo(-2.3, 12);
    expect(target).toMatchObject({ trades: 2, winRatePct: 50, pnl: 38, avgPnl: 19 });
    expect(target!.avgReturnPct).toBeCloseTo(1.9, 12);
    expect(open).toEqual({ reason: 'open', trades: 1, winRatePct: 0, pnl: -1, avgPnl: -1, avgReturnPct: -0.1 });
    // Every trade is in exactly one row.
    expect(rows.reduce((n, r) => n + r.trades, 0)).toBe(trades.length);
  });

  it('leaves out reasons no trade ended by, and gives no rows for no trades', () => {
    expect(exitBreakdown([trade('stop-loss', -5, -0.5)]).map((r) => r.reason)).toEqual(['stop-loss']);
    expect(exitBreakdown([])).toEqual([]);
    expect(EXIT_REASONS).toEqual(['signal', 'stop-loss', 'trailing-stop', 'take-profit', 'open']);
  });
});

describe('the trailing stop', () => {
  const trailing = (trailingStopPct: number | null, stopLossPct: number | null = null, takeProfitPct: number | null = null) => ({ stopLossPct, takeProfitPct, trailingStopPct });

  it('is a percent above 0 and below 100, and is the entry\'s one stop: not beside a fixed stop-loss', () => {
    expect(exitsProblem(trailing(3, null, 8))).toBeNull();
    expect(hasExits(trailing(3))).toBe(true);
    expect(exitsProblem(trailing(0))).toBe(`trailing stop 0: ${TRAILING_STOP_VALID}`);
    expect(exitsProblem(trailing(100))).toBe(`trailing stop 100: ${TRAILING_STOP_VALID}`);
    expect(exitsProblem(trailing(3, 2))).toBe('give a stop-loss or a trailing stop, not both: the trailing stop is the entry\'s stop (got stop-loss 2 and trailing stop 3)');
  });

  it('is named in words and in short, and read from a form box like the others', () => {
    expect(exitsLabel(trailing(3, null, 8))).toBe('trailing stop 3% · take-profit 8%');
    expect(exitsShort(trailing(3, null, 8))).toBe('TS 3% TP 8%');
    expect(exitFromText('trailing stop', ' 2.5 % ')).toEqual({ value: 2.5, problem: null });
    expect(exitFromText('trailing stop', 'far')).toEqual({ value: null, problem: `trailing stop far: ${TRAILING_STOP_VALID}` });
    expect(exitFromText('stop-loss', '')).toEqual({ value: null, problem: null });
  });

  it("in a search set replaces the run's fixed stop, and a set's fixed stop replaces the run's trailing one", () => {
    const run = trailing(null, 2, 8);
    expect(splitExitParams({ fast: 5, trailingStopPct: 3 }, run)).toEqual({ params: { fast: 5 }, exits: trailing(3, null, 8) });
    expect(splitExitParams({ fast: 5, stopLossPct: 4 }, trailing(3))).toEqual({ params: { fast: 5 }, exits: trailing(null, 4) });
    // 0 is none; a set that names neither keeps the run's exits, and the very object it was given.
    expect(splitExitParams({ fast: 5, trailingStopPct: 0, takeProfitPct: 0 }, run)).toEqual({ params: { fast: 5 }, exits: trailing(null, 2, null) });
    const plain = { fast: 5 };
    expect(splitExitParams(plain, run).params).toBe(plain);
  });
});
