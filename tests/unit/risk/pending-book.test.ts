// The gate's book of sent orders: worst-case quantities per (symbol, ledger), fills moving quantity out,
// and the resting stops the risk-per-trade rule sizes against.
import { describe, expect, it } from 'vitest';
import { PendingBook } from '../../../electron/risk/pending-book.ts';
import { dec } from '../../../shared/trading/decimal.ts';
import { riskRig } from './risk-rig.ts';

const add = (b: PendingBook, id: string, side: 'buy' | 'sell', qty: string, extra: { type?: 'limit' | 'stop-market'; triggerPrice?: string; reduceOnly?: boolean } = {}) =>
  b.add({ id, symbol: 'BTC/USDT', ledger: 'user', side, qty: dec(qty), filledQty: 0n, reduceOnly: extra.reduceOnly ?? false, type: extra.type ?? 'limit', triggerPrice: extra.triggerPrice ? dec(extra.triggerPrice) : null });

describe('the pending book', () => {
  it('keeps buys and sells that add exposure; reduce-only orders are known but add none', () => {
    const b = new PendingBook();
    add(b, 'a', 'buy', '2');
    add(b, 'b', 'sell', '1');
    add(b, 'c', 'sell', '5', { reduceOnly: true });
    expect(b.side('BTC/USDT', 'user')).toMatchObject({ buyF: 2, sellF: 1 });
    expect(b.fill('a', dec('0.5'))?.remaining).toBe(dec('1.5'));
    expect(b.side('BTC/USDT', 'user')?.buyF).toBe(1.5);
    b.modify('a', { qty: dec('3') });
    expect(b.side('BTC/USDT', 'user')?.buyF).toBe(2.5);
    b.remove('a');
    b.remove('b');
    expect(b.side('BTC/USDT', 'user')).toBeUndefined();
    expect(b.order('c')?.reduceOnly).toBe(true);
  });

  it('finds the nearest resting stop that protects a position', () => {
    const b = new PendingBook();
    add(b, 's1', 'sell', '1', { type: 'stop-market', triggerPrice: '90', reduceOnly: true });
    add(b, 's2', 'sell', '1', { type: 'stop-market', triggerPrice: '95', reduceOnly: true });
    expect(b.protectiveStop('BTC/USDT', 'user', 'buy')).toBe(dec('95'));
    expect(b.protectiveStop('BTC/USDT', 'user', 'sell')).toBeNull();
    b.fill('s2', dec('1'));
    expect(b.protectiveStop('BTC/USDT', 'user', 'buy')).toBe(dec('90'));
  });

  it('lets the risk-per-trade rule size a new entry on a stop resting at the venue', () => {
    const r = riskRig({ limits: { riskPerTradePct: 1, riskPerTradeMaxPct: 1, defaultStopPct: null } });
    r.tick('BTC/USDT', 1_000, 100);
    r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '1', bracket: { stopLoss: { triggerPrice: '95' } } }, { kind: 'user' });
    r.tick('BTC/USDT', 2_000, 100);
    // Adding 19 more with the bracket's stop at 95 resting: 19 × 5 = 95 < 100 (1 % of ~10,000).
    expect(r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '19', price: '100' }, { kind: 'user' }).status).toBe('accepted');
    const big = r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '30', price: '100' }, { kind: 'user' });
    expect(big.reason).toMatch(/to the stop at 95/);
  });
});
