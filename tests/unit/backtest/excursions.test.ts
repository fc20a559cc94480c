// Each trade's run-up and drawdown (excursions.ts), worked out by hand on made-up bars: the best and worst
// prices it saw while open, along the broker's path through each bar (open, nearer extreme, farther
// extreme, close), the entry's bar from its fill on and the exit's bar only up to its fill.
import { describe, expect, it } from 'vitest';
import { withExcursions } from '../../../electron/backtest/excursions.ts';
import type { Trade } from '../../../electron/backtest/trades.ts';
import { HAND_T0, HOUR, handBars } from '../../helpers/hand-bars.ts';

const T0 = HAND_T0;
const H = HOUR;
const bars = (rows: readonly (readonly [number, number, number, number])[]) => handBars(rows);

function trade(over: Partial<Trade>): Trade {
  return { side: 'long', entryTs: T0 + H, exitTs: T0 + 3 * H, entryPrice: 100, exitPrice: 107, qty: 2, fees: 0, pnl: 14, returnPct: 7, closed: true, exit: 'signal', ...over };
}

const PATH = bars([
  [100, 100, 100, 100],
  [100, 105, 98, 104], // the entry's bar: from its open
  [104, 110, 101, 108], // whole
  [107, 109, 90, 95], // the exit's bar: the exit filled at its open, so nothing after counts
]);

describe('excursions', () => {
  it('a long: the best high and the worst low between its entry and its exit, in percent and in money', () => {
    const [t] = withExcursions([trade({})], PATH, H);
    expect([t!.runUpPct, t!.drawdownPct]).toEqual([10, -2]);
    expect([t!.runUp, t!.drawdown]).toEqual([20, -4]);
  });

  it("a fill inside the exit's bar counts that bar's path only up to it", () => {
    // Stopped at 97 on the way to the low (the third point, at 2/3 of the bar): the bar's 90 came after.
    const [stopped] = withExcursions([trade({ exitTs: T0 + 3 * H + (2 * H) / 3, exitPrice: 97, exit: 'stop-loss' })], PATH, H);
    expect([stopped!.runUpPct, stopped!.drawdownPct]).toEqual([10, -3]);
    // In and out in one bar: the open (100), the nearer extreme (the low, 98), then a target at 103 on the
    // way up to 105: the 105 came after it.
    const [quick] = withExcursions([trade({ exitTs: T0 + H + (2 * H) / 3, exitPrice: 103, exit: 'take-profit' })], PATH, H);
    expect([quick!.runUpPct, quick!.drawdownPct]).toEqual([3, -2]);
  });

  it('a short is measured the other way round', () => {
    const [t] = withExcursions([trade({ side: 'short', exitPrice: 107 })], PATH, H);
    expect([t!.runUpPct, t!.drawdownPct]).toEqual([2, -10]);
  });

  it('a trade still open at the end runs to the last close', () => {
    const [t] = withExcursions([trade({ closed: false, exit: 'open', exitTs: T0 + 4 * H, exitPrice: 95 })], PATH, H);
    expect([t!.runUpPct, t!.drawdownPct]).toEqual([10, -10]);
  });
});
