// The trades tape: newest first, bounded, sides by the source or the tick rule, and replay ticks as trades.
import { describe, expect, it } from 'vitest';
import { pushTrades, ReplayTicks, TAPE_SIZE } from '../../../renderer/src/features/tape/tape-model.ts';
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

  it('turns replay ticks into trades: the close, the volume the tick added, the tick’s time in the candle', () => {
    const ticks = new ReplayTicks(60_000);
    const t = 600_000;
    const c = (close: number, v: number | null) => ({ t, o: 10, h: 12, l: 9, c: close, v });
    expect(ticks.next(c(10, 25), false)).toEqual({ id: `${t}:0`, t, price: 10, amount: 25, side: null });
    expect(ticks.next(c(12, 50), false)).toEqual({ id: `${t}:1`, t: t + 15_000, price: 12, amount: 25, side: null });
    expect(ticks.next(c(9, 75), false)).toEqual({ id: `${t}:2`, t: t + 30_000, price: 9, amount: 25, side: null });
    expect(ticks.next(c(11, 100), true)).toEqual({ id: `${t}:3`, t: t + 45_000, price: 11, amount: 25, side: null });
    // The next candle starts its own count; a candle without volume makes no trades.
    expect(ticks.next({ ...c(11, 5), t: t + 60_000 }, false)?.id).toBe(`${t + 60_000}:0`);
    expect(ticks.next({ ...c(11, null), t: t + 120_000 }, false)).toBeNull();
  });
});
