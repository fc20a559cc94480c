// Look-ahead is impossible by construction: a strategy that tries every way to see a later bar (indexing
// past the end, negative "ago", walking the objects it was given for the arrays behind them) gets
// nothing but errors and closed bars.
import { describe, expect, it } from 'vitest';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { growingHistory, historyOver, LookAheadError } from '../../../electron/strategies/bar-history.ts';
import { defineStrategy } from '../../../electron/strategies/strategy.ts';
import { synthetic } from './synthetic.ts';

/** Every typed array reachable from `root` through own and prototype properties (getters included). */
function reachableArrays(root: unknown, depth = 4): Float64Array[] {
  const found: Float64Array[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, d: number) => {
    if (v instanceof Float64Array) found.push(v);
    if (d < 0 || typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    for (let o: object | null = v; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
      for (const k of Reflect.ownKeys(o)) {
        if (k === 'constructor') continue;
        let x: unknown;
        try {
          x = (v as Record<string | symbol, unknown>)[k];
        } catch {
          continue;
        }
        walk(x, d - 1);
      }
    }
  };
  walk(root, depth);
  return found;
}

describe('a strategy cannot see a bar before it closes', () => {
  it('peeking past the current bar throws; what it can reach holds only closed bars', () => {
    const candles = synthetic([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
    const attempts = { ahead: 0, refused: 0, agoRefused: 0, indicatorRefused: 0, arrays: 0, lengths: [] as number[], seenCloses: [] as number[] };
    const peeker = defineStrategy({
      name: 'peeker',
      description: 'tries to look ahead',
      params: {},
      indicators: () => [{ name: 'sma', params: { period: 2 }, warmup: 1 }],
      create(_p, ctx) {
        return {
          onBar(bar) {
            const bars = ctx.bars;
            attempts.lengths.push(bars.length);
            expect(bars.length).toBe(bar.index + 1);
            expect(bars.c.get(bar.index)).toBe(bar.c);
            attempts.seenCloses.push(bars.c.ago(0));
            for (const i of [bars.length, bars.length + 1, candles.length - 1]) {
              if (i <= bar.index) continue;
              attempts.ahead++;
              try {
                bars.c.get(i);
              } catch (err) {
                if (err instanceof LookAheadError) attempts.refused++;
              }
            }
            try {
              bars.h.ago(-1);
            } catch (err) {
              if (err instanceof LookAheadError) attempts.agoRefused++;
            }
            // The declared indicator, computed whole before the first bar, shows only closed bars too.
            const sma = ctx.indicators[0]!;
            expect(sma.length).toBe(bars.length);
            try {
              sma.get(bars.length);
            } catch (err) {
              if (err instanceof LookAheadError) attempts.indicatorRefused++;
            }
            attempts.arrays += reachableArrays(bars).length + reachableArrays(ctx).length;
          },
        };
      },
    });
    runBacktest({ def: peeker, params: {}, symbol: 'TST/USDT', candles, barMs: 60_000, risk: riskModeSettings('aggressive'), capital: 1000, feePct: 0.1, slippageBps: 0 });
    expect(attempts.lengths).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(attempts.seenCloses).toEqual([...candles.c]);
    expect(attempts.ahead).toBeGreaterThan(0);
    expect(attempts.refused).toBe(attempts.ahead);
    expect(attempts.agoRefused).toBe(10);
    expect(attempts.indicatorRefused).toBe(10);
    // No array behind the views is reachable from what the strategy holds.
    expect(attempts.arrays).toBe(0);
  });

  it('the history is frozen: a strategy cannot swap its views', () => {
    const h = historyOver(synthetic([1, 2, 3]), 3).history;
    expect(() => {
      (h as unknown as { c: unknown }).c = { get: () => 42 };
    }).toThrow(TypeError);
    expect(Object.isFrozen(h)).toBe(true);
  });

  it('live, the history grows one closed bar at a time', () => {
    const ctl = growingHistory(2);
    expect(ctl.history.length).toBe(0);
    expect(() => ctl.history.c.get(0)).toThrow(LookAheadError);
    for (let i = 0; i < 5; i++) ctl.push(i * 60_000, 1, 2, 0.5, 10 + i, 3);
    expect(ctl.history.length).toBe(5);
    expect(ctl.history.c.get(4)).toBe(14);
    expect(ctl.history.c.ago(1)).toBe(13);
    expect(ctl.history.c.ago(5)).toBeNaN();
    expect(() => ctl.history.c.get(5)).toThrow(/look-ahead: bar 5 has not closed yet/);
    expect(() => ctl.history.c.get(-1)).toThrow(RangeError);
  });
});
