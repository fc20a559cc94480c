// What open orders hold back, checked against the rule worked out from scratch: after every change to
// any order, each total equals the sum over the open orders (a one-cancels-other group counting its
// largest member), whatever was read or not read in between, with few orders open and with many.
import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../../electron/journal/trading-journal.ts';
import { isOpen } from '../../../electron/trading/order-state.ts';
import { Reservations } from '../../../electron/trading/reservations.ts';
import { costWithFee } from '../../../electron/trading/validate-order.ts';
import type { OrderStatus } from '../../../shared/trading/orders.ts';
import { dec, type Dec } from '../../../shared/trading/decimal.ts';
import { mulberry32 as rng } from '../../../electron/risk/projection/prng.ts';

type Rec = Pick<OrderRecord, 'id' | 'symbol' | 'ledger' | 'side' | 'qty' | 'filledQty' | 'refPrice' | 'reduceOnly' | 'ocoGroup' | 'status'>;

const RATES: Record<string, Dec> = { 'A/USDT': dec('0.001'), 'B/USDT': 0n, 'C/USDT': dec('0.0025') };
const SYMBOLS = Object.keys(RATES);
const LEDGERS = ['main', 'bot'];
const STATUSES: OrderStatus[] = ['new', 'accepted', 'partially_filled', 'filled', 'cancelled', 'expired', 'rejected'];

/** The totals worked out from scratch over the orders as they stand. */
function expected(mode: 'spot' | 'margin', orders: readonly Rec[]) {
  const hold = (o: Rec) => {
    const remaining = o.qty - o.filledQty;
    if (!isOpen(o.status) || remaining <= 0n) return null;
    const cash = !o.reduceOnly && (mode === 'margin' || o.side === 'buy') ? costWithFee(remaining, o.refPrice, RATES[o.symbol]!) : 0n;
    const base = mode === 'spot' && o.side === 'sell' && !o.reduceOnly ? remaining : 0n;
    // Exposure-adding remaining quantity, on the order's own side.
    const pending = o.reduceOnly ? 0n : remaining;
    return { cash, base, pending, buy: o.side === 'buy' };
  };
  /** Σ over open orders (of one symbol and ledger, if given), a group counting its largest member. */
  const sum = (what: 'cash' | 'base', exclude: string | null, symbol?: string, ledger?: string) => {
    let total = 0n;
    const groupMax = new Map<string, Dec>();
    for (const o of orders) {
      if (symbol !== undefined && (o.symbol !== symbol || o.ledger !== ledger)) continue;
      const h = o.id === exclude ? null : hold(o);
      if (!h) continue;
      if (o.ocoGroup === null) total += h[what];
      else if (h[what] > (groupMax.get(o.ocoGroup) ?? 0n)) groupMax.set(o.ocoGroup, h[what]);
    }
    for (const v of groupMax.values()) total += v;
    return total;
  };
  const cash = (exclude: string | null) => sum('cash', exclude);
  const base = (symbol: string, ledger: string) => sum('base', null, symbol, ledger);
  const pending = (symbol: string, ledger: string, buy: boolean, exclude: string | null) => {
    let total = 0n;
    for (const o of orders) {
      const h = o.id !== exclude && o.symbol === symbol && o.ledger === ledger ? hold(o) : null;
      if (h && h.buy === buy) total += h.pending;
    }
    return total;
  };
  return { cash, base, pending };
}

function scenario(mode: 'spot' | 'margin', seed: number, orderCount: number, readEvery: number) {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const r = new Reservations(mode, (s) => RATES[s]!);
  const orders: Rec[] = [];
  for (let i = 0; i < orderCount; i++) {
    orders.push({
      id: `o${i}`,
      symbol: pick(SYMBOLS),
      ledger: pick(LEDGERS),
      side: pick(['buy', 'sell'] as const),
      qty: BigInt(1 + Math.floor(rand() * 1000)) * 10n ** 15n,
      filledQty: 0n,
      refPrice: BigInt(1 + Math.floor(rand() * 100_000)) * 10n ** 16n,
      reduceOnly: rand() < 0.15,
      // Groups only of one symbol and ledger, as a bracket's stop and targets are.
      ocoGroup: null,
      status: 'new',
    });
  }
  for (const o of orders) if (rand() < 0.3) o.ocoGroup = `${o.symbol}:${o.ledger}:${Math.floor(rand() * 3)}`;
  for (const o of orders) r.update(o as OrderRecord);
  for (let step = 0; step < 1500; step++) {
    const o = pick(orders);
    const roll = rand();
    if (roll < 0.35) o.status = pick(STATUSES);
    else if (roll < 0.55) o.filledQty = (o.qty * BigInt(Math.floor(rand() * 11))) / 10n;
    else if (roll < 0.65) o.qty = BigInt(1 + Math.floor(rand() * 1000)) * 10n ** 15n;
    else if (roll < 0.75) o.refPrice = BigInt(1 + Math.floor(rand() * 100_000)) * 10n ** 16n;
    else o.status = 'new';
    r.update(o as OrderRecord);
    if (step % readEvery !== 0) continue;
    const want = expected(mode, orders);
    const exclude = pick(orders).id;
    expect(r.cash()).toBe(want.cash(null));
    expect(r.cash(exclude)).toBe(want.cash(exclude));
    for (const s of SYMBOLS) {
      for (const l of LEDGERS) {
        expect(r.base(s, l)).toBe(want.base(s, l));
        for (const buy of [true, false]) {
          expect(r.pending(s, l, buy)).toBe(want.pending(s, l, buy, null));
          expect(r.pending(s, l, buy, exclude)).toBe(want.pending(s, l, buy, exclude));
        }
      }
    }
  }
}

describe('reservations', () => {
  it('hold what the open orders need, read after every change, with a few orders open', () => {
    scenario('spot', 1, 6, 1);
    scenario('margin', 2, 6, 1);
  });

  it('hold the same when the totals are read only now and then (cash costed when read), with many orders open', () => {
    scenario('spot', 3, 90, 37);
    scenario('margin', 4, 90, 37);
    scenario('spot', 5, 40, 5);
  });

  it('hold base per ledger for spot sells, and per symbol across ledgers in the order symbols first held some', () => {
    const r = new Reservations('spot', () => 0n);
    const order = (id: string, symbol: string, ledger: string, side: 'buy' | 'sell', qty: string): Rec => ({ id, symbol, ledger, side, qty: dec(qty), filledQty: 0n, refPrice: dec('10'), reduceOnly: false, ocoGroup: null, status: 'accepted' });
    const buy = order('b', 'A/USDT', 'main', 'buy', '5');
    const s1 = order('s1', 'B/USDT', 'main', 'sell', '2');
    const s2 = order('s2', 'B/USDT', 'bot', 'sell', '3');
    const s3 = order('s3', 'C/USDT', 'main', 'sell', '1');
    for (const o of [buy, s1, s2, s3]) r.update(o as OrderRecord);
    expect(r.base('B/USDT', 'main')).toBe(dec('2'));
    expect(r.base('B/USDT', 'bot', 's2')).toBe(0n);
    expect([...r.baseBySymbol()]).toEqual([
      ['B/USDT', dec('5')],
      ['C/USDT', dec('1')],
    ]);
    s2.status = 'filled';
    r.update(s2 as OrderRecord);
    s3.filledQty = dec('0.4');
    s3.status = 'partially_filled';
    r.update(s3 as OrderRecord);
    // A symbol whose sells are all gone stays listed, at 0.
    s1.status = 'cancelled';
    r.update(s1 as OrderRecord);
    expect([...r.baseBySymbol()]).toEqual([
      ['B/USDT', 0n],
      ['C/USDT', dec('0.6')],
    ]);
    expect(r.cash()).toBe(dec('50'));
  });
});
