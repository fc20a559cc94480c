// The stretch a trade is shown up close over: its entry to its exit with 30 bars either side, or half the
// trade's length either side when that is more, in whole bars; and what the Trades tab says for a run without trades.
import { describe, expect, it } from 'vitest';
import { noTradesText, TRADE_MARGIN_BARS, tradeSpan } from '../../../renderer/src/features/backtest/trade-view.ts';

const H = 3_600_000;
const T = Date.UTC(2021, 5, 1);

describe('tradeSpan', () => {
  it('shows 30 bars before the entry and after the exit of a short trade', () => {
    expect(TRADE_MARGIN_BARS).toBe(30);
    expect(tradeSpan({ entryTs: T, exitTs: T + 4 * H }, H)).toEqual({ from: T - 30 * H, to: T + 34 * H });
    // A trade that opened and closed on one bar still has its surroundings.
    expect(tradeSpan({ entryTs: T, exitTs: T }, 60_000)).toEqual({ from: T - 30 * 60_000, to: T + 30 * 60_000 });
  });

  it('shows half the length of a long trade either side, rounded up to a whole bar', () => {
    expect(tradeSpan({ entryTs: T, exitTs: T + 101 * H }, H)).toEqual({ from: T - 51 * H, to: T + 152 * H });
  });
});

describe('a run without trades', () => {
  it('points at the notes only when there are some: a run that refused nothing says so', () => {
    expect(noTradesText(['sma-cross: buy 0.4 BTC/USDT refused: risk: kill-switch …'])).toBe('No trades: the strategy never entered (see the notes for refused orders).');
    expect(noTradesText([])).toBe('No trades: the strategy never entered, and no order was refused.');
  });
});
