// A margin account's 1× collateral: a short's sale proceeds sit in cash but are owed, so they never pay
// for the next short; an order through zero is paid for by the position it closes first.
import { describe, expect, it } from 'vitest';
import { paperRig, USER } from './rig.ts';

const SYM = 'TST/USDT';
const bar = (r: ReturnType<typeof paperRig>, i: number, price: number) => r.feed.onBar(SYM, i * 60_000, price, price, price, price, 1000, 60_000);
const usdt = (r: ReturnType<typeof paperRig>) => r.engine.accountSnapshot().balances.find((b) => b.asset === 'USDT')!;

describe('margin collateral', () => {
  it('a short holds its proceeds and as much again: the free cash shrinks by twice its value, and follows the mark', () => {
    const r = paperRig({ mode: 'margin', startBalance: '1000', fill: { feeRate: 0 } });
    bar(r, 0, 100);
    r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '5' }, USER);
    bar(r, 1, 100);
    expect(r.engine.positions()[0]).toMatchObject({ qty: '-5' });
    // 1000 + 500 of proceeds in cash; 1000 of it held for the short (owed 500, collateral 500).
    expect(usdt(r)).toEqual({ asset: 'USDT', free: '500', locked: '1000' });
    expect(() => r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '6' }, USER)).toThrow('a short of 6 TST at 100 needs 600 USDT of collateral (1×, fee included); 500 USDT is free');
    r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '5' }, USER);
    bar(r, 2, 100);
    expect(usdt(r)).toEqual({ asset: 'USDT', free: '0', locked: '2000' });
    // Against the short, the price rises: it is worth 1500 to buy back, and nothing new can be opened ...
    bar(r, 3, 150);
    expect(usdt(r)).toEqual({ asset: 'USDT', free: '-1000', locked: '3000' });
    // Buying back the 10 at 150 leaves 500: a long of 3 more fits, of 4 (600) does not.
    expect(() => r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '14' }, USER)).toThrow('buying 4 TST at 150 after buying back the 10 TST short needs 600 USDT (fee included); 500 USDT is free after it');
    // ... but buying it back (reducing) is always allowed.
    r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '10' }, USER);
    bar(r, 4, 150);
    expect(r.engine.positions()[0]).toMatchObject({ qty: '0' });
    expect(usdt(r)).toEqual({ asset: 'USDT', free: '500', locked: '0' });
  });

  it('an order through zero needs collateral only for what it opens, after the position it closes', () => {
    const r = paperRig({ mode: 'margin', startBalance: '1000', fill: { feeRate: 0 } });
    bar(r, 0, 100);
    r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '9' }, USER);
    bar(r, 1, 100);
    expect(usdt(r).free).toBe('100');
    // Selling the 9 long brings 900; a short of 11 more needs 1100: 200 short of it.
    expect(() => r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '20' }, USER)).toThrow('a short of 11 TST at 100 after selling the 9 TST long needs 1,100 USDT of collateral (1×, fee included); 1,000 USDT is free after it');
    r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '19' }, USER);
    bar(r, 2, 100);
    expect(r.engine.positions()[0]).toMatchObject({ qty: '-10' });
    expect(usdt(r)).toEqual({ asset: 'USDT', free: '0', locked: '2000' });
    // And back: buying back the 10 short frees 1000; a long of 10 needs it.
    r.engine.reversePosition(SYM, 'user', USER);
    bar(r, 3, 100);
    expect(r.engine.positions()[0]).toMatchObject({ qty: '10' });
    expect(usdt(r)).toEqual({ asset: 'USDT', free: '0', locked: '0' });
  });

  it('a spot account is unchanged: sells need the coins', () => {
    const r = paperRig({ startBalance: '1000' });
    bar(r, 0, 100);
    expect(() => r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '1' }, USER)).toThrow(/spot accounts cannot go short/);
  });
});
