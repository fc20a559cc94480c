// The gate's book of sent orders: worst-case quantities per (symbol, ledger), fills moving quantity out,
// and the resting stops the risk-per-trade rule sizes against.
import { describe, expect, it } from 'vitest';
import { PendingBook } from '../../../electron/risk/pending-book.ts';
import { dec, toNumber } from '../../../shared/trading/decimal.ts';
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

/**
 * The book as it was first written, as a model: maps per symbol and per ledger, an entry deleted when its
 * quantities reach 0 and made again by the next order (so iteration follows insertion as a map's does).
 * The book keeps its tallies for good, finds a few orders by scanning an array, and must not differ.
 */
class ModelBook {
  readonly orders = new Map<string, { symbol: string; ledger: string; side: 'buy' | 'sell'; reduceOnly: boolean; stop: bigint | null; filled: bigint; remaining: bigint }>();
  readonly bySymbol = new Map<string, Map<string, { buy: bigint; sell: bigint }>>();

  add(id: string, symbol: string, ledger: string, side: 'buy' | 'sell', qty: bigint, filled: bigint, reduceOnly: boolean, stop: bigint | null): void {
    this.remove(id);
    const o = { symbol, ledger, side, reduceOnly, stop, filled, remaining: qty - filled };
    if (o.remaining <= 0n) return;
    this.orders.set(id, o);
    this.shift(o, o.remaining);
  }

  fill(id: string, qty: bigint): boolean {
    const o = this.orders.get(id);
    if (!o) return false;
    const take = qty < o.remaining ? qty : o.remaining;
    this.shift(o, -take);
    o.filled += qty;
    o.remaining -= take;
    if (o.remaining <= 0n) this.orders.delete(id);
    return true;
  }

  modify(id: string, qty: bigint): void {
    const o = this.orders.get(id);
    if (!o) return;
    const remaining = qty > o.filled ? qty - o.filled : 0n;
    this.shift(o, remaining - o.remaining);
    o.remaining = remaining;
    if (o.remaining <= 0n) this.orders.delete(id);
  }

  remove(id: string): void {
    const o = this.orders.get(id);
    if (!o) return;
    this.shift(o, -o.remaining);
    this.orders.delete(id);
  }

  protectiveStop(symbol: string, ledger: string, side: 'buy' | 'sell'): bigint | null {
    let best: bigint | null = null;
    for (const o of this.orders.values()) {
      if (o.symbol !== symbol || o.ledger !== ledger || o.stop === null || o.side === side) continue;
      if (best === null || (side === 'buy' ? o.stop > best : o.stop < best)) best = o.stop;
    }
    return best;
  }

  shift(o: { symbol: string; ledger: string; side: 'buy' | 'sell'; reduceOnly: boolean }, delta: bigint): void {
    if (o.reduceOnly || delta === 0n) return;
    let ledgers = this.bySymbol.get(o.symbol);
    if (!ledgers) this.bySymbol.set(o.symbol, (ledgers = new Map()));
    let s = ledgers.get(o.ledger);
    if (!s) ledgers.set(o.ledger, (s = { buy: 0n, sell: 0n }));
    if (o.side === 'buy') s.buy += delta;
    else s.sell += delta;
    if (s.buy === 0n && s.sell === 0n) {
      ledgers.delete(o.ledger);
      if (ledgers.size === 0) this.bySymbol.delete(o.symbol);
    }
  }
}

describe('the pending book against the map-per-pair model', () => {
  it('agrees on quantities, the order pairs are walked in, orders and stops, through thousands of random steps', () => {
    let x = 7;
    const r = (n: number) => (x = (x * 16807) % 2147483647) % n;
    const symbols = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];
    const ledgers = ['user', 'ai', 'strategy:1'];
    const toF = (q: bigint) => (q === 0n ? 0 : toNumber(q));
    for (const spread of [6, 40]) {
      // 6 ids: the book stays small (scanned); 40: it grows past the scan's size and back.
      const b = new PendingBook();
      const m = new ModelBook();
      let largest = 0;
      for (let step = 0; step < 3000; step++) {
        const id = `o${r(spread)}`;
        const symbol = symbols[r(3)]!;
        const ledger = ledgers[r(3)]!;
        const side = r(2) === 0 ? ('buy' as const) : ('sell' as const);
        const u = r(10);
        if (u < 4) {
          const qty = BigInt(1 + r(5)) * 10n ** 17n;
          const filled = r(4) === 0 ? BigInt(r(7)) * 10n ** 17n : 0n;
          const reduceOnly = r(5) === 0;
          const stop = r(4) === 0 ? BigInt(90 + r(20)) * 10n ** 18n : null;
          b.add({ id, symbol, ledger, side, qty, filledQty: filled, reduceOnly, type: stop === null ? 'limit' : 'stop-market', triggerPrice: stop });
          m.add(id, symbol, ledger, side, qty, filled, reduceOnly, stop);
        } else if (u < 7) {
          const qty = BigInt(r(4)) * 10n ** 17n;
          expect(b.fill(id, qty) !== undefined).toBe(m.fill(id, qty));
        } else if (u < 8) {
          const qty = BigInt(r(6)) * 10n ** 17n;
          b.modify(id, { qty });
          m.modify(id, qty);
        } else {
          b.remove(id);
          m.remove(id);
        }
        expect(b.size).toBe(m.orders.size);
        largest = Math.max(largest, b.size);
        const walked: string[] = [];
        b.forEachKey((s, l, q) => walked.push(`${s} ${l} ${q.buyF} ${q.sellF}`));
        const expected: string[] = [];
        for (const [s, ls] of m.bySymbol) for (const [l, q] of ls) expected.push(`${s} ${l} ${toF(q.buy)} ${toF(q.sell)}`);
        expect(walked).toEqual(expected);
        for (const s of symbols) {
          for (const l of ledgers) {
            const q = m.bySymbol.get(s)?.get(l);
            const got = b.side(s, l);
            expect(got === undefined ? undefined : [got.buy, got.sell, got.buyF, got.sellF]).toEqual(q === undefined ? undefined : [q.buy, q.sell, toF(q.buy), toF(q.sell)]);
            expect(b.protectiveStop(s, l, side)).toBe(m.protectiveStop(s, l, side));
          }
        }
        const mo = m.orders.get(id);
        const bo = b.order(id);
        expect(bo === undefined ? undefined : [bo.symbol, bo.ledger, bo.side, bo.filled, bo.remaining]).toEqual(mo === undefined ? undefined : [mo.symbol, mo.ledger, mo.side, mo.filled, mo.remaining]);
      }
      expect(largest > 16).toBe(spread > 16);
    }
  });
});
