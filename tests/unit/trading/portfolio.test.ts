// The account's exact arithmetic: cash, cost basis, realized P&L through partial closes and flips, fees,
// and the float marks.
import { describe, expect, it } from 'vitest';
import { Portfolio } from '../../../electron/trading/portfolio.ts';
import { SymbolTable } from '../../../electron/trading/symbol-table.ts';
import { dec, format, toNumber } from '../../../shared/trading/decimal.ts';

function portfolio(mode: 'spot' | 'margin' = 'spot') {
  return new Portfolio({ account: 'paper', quoteAsset: 'USDT', startBalance: dec('10000'), mode, symbols: new SymbolTable() });
}

const fmt = (p: Portfolio, symbol = 'BTC/USDT', ledger = 'user') => {
  const pos = p.position(symbol, ledger)!;
  return { qty: format(pos.qty), avg: pos.avgEntry() === null ? null : format(pos.avgEntry()!), realized: format(pos.realizedPnl), fees: format(pos.feesPaid), cash: format(p.cash) };
};

describe('portfolio', () => {
  it('buys and sells in pieces: average entry, realized P&L and cash to the last unit', () => {
    const p = portfolio();
    p.applyFill('BTC/USDT', 'user', 'buy', dec('0.3'), dec('100'), dec('0.03'), 1);
    p.applyFill('BTC/USDT', 'user', 'buy', dec('0.7'), dec('110'), dec('0.077'), 2);
    expect(fmt(p)).toEqual({ qty: '1', avg: '107', realized: '0', fees: '0.107', cash: '9892.893' });
    p.applyFill('BTC/USDT', 'user', 'sell', dec('0.25'), dec('120'), dec('0.03'), 3);
    // 0.25 × (120 − 107) = 3.25
    expect(fmt(p)).toEqual({ qty: '0.75', avg: '107', realized: '3.25', fees: '0.137', cash: '9922.863' });
    p.applyFill('BTC/USDT', 'user', 'sell', dec('0.75'), dec('100'), dec('0.075'), 4);
    // 0.75 × (100 − 107) = −5.25; flat: realized = Σ sells − Σ buys = 105 − 107 = −2
    expect(fmt(p)).toEqual({ qty: '0', avg: null, realized: '-2', fees: '0.212', cash: '9997.788' });
    expect(format(p.realizedPnl)).toBe('-2');
    expect(p.cash).toBe(dec('10000') + dec('105') - dec('107') - dec('0.212'));
  });

  it('closes thirds of a position exactly: the last close takes whatever cost is left', () => {
    const p = portfolio();
    p.applyFill('BTC/USDT', 'user', 'buy', dec('3'), dec('10.01'), 0n, 1);
    for (let i = 0; i < 3; i++) p.applyFill('BTC/USDT', 'user', 'sell', dec('1'), dec('10'), 0n, 2 + i);
    expect(fmt(p).realized).toBe('-0.03');
    expect(p.position('BTC/USDT', 'user')!.costBasis).toBe(0n);
  });

  it('keeps ledgers apart on one account', () => {
    const p = portfolio();
    p.applyFill('BTC/USDT', 'user', 'buy', dec('1'), dec('100'), 0n, 1);
    p.applyFill('BTC/USDT', 'strategy:s1', 'buy', dec('2'), dec('90'), 0n, 2);
    p.applyFill('BTC/USDT', 'strategy:s1', 'sell', dec('2'), dec('95'), 0n, 3);
    expect(fmt(p, 'BTC/USDT', 'user')).toMatchObject({ qty: '1', realized: '0' });
    expect(fmt(p, 'BTC/USDT', 'strategy:s1')).toMatchObject({ qty: '0', realized: '10' });
    expect(format(p.realizedPnl)).toBe('10');
  });

  it('margin: shorts, covers and flips through zero', () => {
    const p = portfolio('margin');
    p.applyFill('ETH/USDT', 'user', 'sell', dec('2'), dec('50'), 0n, 1);
    expect(fmt(p, 'ETH/USDT')).toMatchObject({ qty: '-2', avg: '50', cash: '10100' });
    p.applyFill('ETH/USDT', 'user', 'buy', dec('3'), dec('40'), 0n, 2);
    // Covering 2 at 40 realizes +20; the extra 1 opens a long at 40.
    expect(fmt(p, 'ETH/USDT')).toMatchObject({ qty: '1', avg: '40', realized: '20', cash: '9980' });
    p.applyFill('ETH/USDT', 'user', 'sell', dec('1'), dec('45'), 0n, 3);
    expect(fmt(p, 'ETH/USDT')).toMatchObject({ qty: '0', realized: '25', cash: '10025' });
  });

  it('marks to market: float unrealized P&L per tick, exact for snapshots, equity', () => {
    const p = portfolio();
    p.applyFill('BTC/USDT', 'user', 'buy', dec('0.5'), dec('100'), 0n, 1);
    const pos = p.position('BTC/USDT', 'user')!;
    expect(p.unrealizedOf(pos)).toBe(0);
    p.mark(pos.symbolId, 110.1);
    expect(p.unrealizedOf(pos)).toBeCloseTo(5.05, 9);
    expect(format(p.unrealizedExact(pos))).toBe('5.05');
    expect(format(p.equity())).toBe('10005.05');
    expect(p.equityFloat()).toBeCloseTo(10005.05, 6);
  });

  it('marks 10,000 positions in well under a millisecond', () => {
    const p = portfolio('margin');
    for (let i = 0; i < 10_000; i++) p.applyFill(`C${i % 100}/USDT`, `strategy:s${Math.floor(i / 100)}`, i % 2 ? 'buy' : 'sell', dec('1.5'), dec('20'), 0n, i);
    for (let s = 0; s < 100; s++) p.mark(p.position(`C${s}/USDT`, 'strategy:s0')!.symbolId, 21);
    let best = Infinity;
    for (let run = 0; run < 20; run++) {
      const t0 = performance.now();
      p.markAll();
      best = Math.min(best, performance.now() - t0);
    }
    expect(best).toBeLessThan(1);
    expect(p.unrealized()).toBeCloseTo(0, 6); // half long, half short, same price move
  });

  it('keeps cash and each quantity as floats beside the exact amounts, through fills and a restore', () => {
    const p = portfolio();
    expect(p.cashFloat()).toBe(10000);
    expect(p.qtyFloat('BTC/USDT', 'user')).toBe(0);
    p.applyFill('BTC/USDT', 'user', 'buy', dec('0.123'), dec('46216.93'), dec('0.00568468'), 1);
    p.applyFill('BTC/USDT', 'user', 'sell', dec('0.023'), dec('46300.1'), dec('0.001'), 2);
    expect(p.cashFloat()).toBe(toNumber(p.cash));
    expect(p.qtyFloat('BTC/USDT', 'user')).toBe(0.1);
    expect(p.qtyFloat('BTC/USDT', 'other')).toBe(0);
    // No mark yet: the position counts at cost.
    expect(p.equityFloat()).toBe(toNumber(p.cash) + toNumber(p.position('BTC/USDT', 'user')!.costBasis));
    const q = portfolio();
    q.restore(dec('1234.5'), 0n, 0n, 0n, [{ account: 'paper', symbol: 'ETH/USDT', ledger: 'user', qty: dec('-2'), costBasis: dec('-6000'), realizedPnl: 0n, feesPaid: 0n, interestPaid: 0n, borrowedSince: null, updatedAt: 5 }]);
    expect(q.cashFloat()).toBe(toNumber(dec('1234.5')));
    expect(q.qtyFloat('ETH/USDT', 'user')).toBe(-2);
    // A short journaled before borrow times were kept is borrowed since its last change.
    expect(q.position('ETH/USDT', 'user')!.borrowedSince).toBe(5);
  });
});
