// The trades tape: newest first, bounded, sides by the source or the tick rule, and a replay's trades as its ticks.
import { describe, expect, it } from 'vitest';
import { pushTrades, TAPE_SIZE, tapeBatch } from '../../../renderer/src/features/tape/tape-model.ts';
import type { Trade } from '../../../renderer/src/features/market/market-types.ts';

const trade = (id: number, price: number, side: Trade['side'] = null): Trade => ({ id: String(id), t: id * 1000, price, amount: 1, side });

describe('tape', () => {
  it('puts the newest first and marks sides by the tick rule when the source does not say', () => {
    const tape = pushTrades([], [trade(1, 100), trade(2, 101), trade(3, 101), trade(4, 99), trade(5, 99, 'buy')]);
    expect(tape.map((r) => [r.id, r.shownSide])).toEqual([
      ['5', 'buy'],
      ['4', 'sell'],
      ['3', 'buy'],
      ['2', 'buy'],
      ['1', 'buy'],
    ]);
    const more = pushTrades(tape, [trade(6, 98)]);
    expect(more[0]).toMatchObject({ id: '6', shownSide: 'sell' });
  });

  it('drops trades it already shows and keeps at most TAPE_SIZE', () => {
    const first = pushTrades([], [trade(1, 100), trade(2, 100)]);
    expect(pushTrades(first, [trade(2, 100), trade(3, 100)]).map((r) => r.id)).toEqual(['3', '2', '1']);
    const many = pushTrades([], Array.from({ length: TAPE_SIZE + 50 }, (_, i) => trade(i, 100)));
    expect(many).toHaveLength(TAPE_SIZE);
    expect(many[0]!.id).toBe(String(TAPE_SIZE + 49));
  });

  it('takes a replay\'s trades as its ticks, at the times the engine stamped (the times of the fills they cause), leaving out ticks without size', () => {
    const t = 600_000;
    const tick = (n: number, at: number, price: number, amount: number): Trade => ({ id: `${t}-${n}`, t: at, price, amount, side: null });
    // The engine's four ticks of a 1-minute candle: open, a third, two thirds, close.
    const replayed = [tick(1, t, 10, 25), tick(2, t + 20_000, 12, 25), tick(3, t + 40_000, 9, 25), tick(4, t + 60_000, 11, 25)];
    const batch = tapeBatch('replay', replayed);
    expect(batch.origin).toBe('ticks');
    expect(pushTrades([], batch.trades).map((r) => r.t - t)).toEqual([60_000, 40_000, 20_000, 0]);
    expect(tapeBatch('replay', [tick(1, t, 10, 0)]).trades).toEqual([]);
    expect(tapeBatch('live', [trade(1, 100)])).toEqual({ origin: 'trades', trades: [trade(1, 100)] });
  });
});
