// After 10,000 random paper trades the books balance to the last unit: cash is the opening balance plus
// what sells brought in, less what buys cost and every fee; each ledger holds exactly what its fills say.
import { describe, expect, it } from 'vitest';
import { MemoryTradingJournal } from '../../../electron/journal/memory-trading-journal.ts';
import { OrderRefusedError } from '../../../electron/trading/order-refused.ts';
import { dec, format, mul, type Dec } from '../../../shared/trading/decimal.ts';
import type { Origin } from '../../../shared/trading/orders.ts';
import { paperRig } from './rig.ts';
import { mulberry32 as rng } from '../../../electron/risk/projection/prng.ts';

function run(mode: 'spot' | 'margin', seed: number, target: number) {
  const journal = new MemoryTradingJournal({ keepEvents: false });
  const r = paperRig({ journal, mode, quiet: true, startBalance: '1000000', fill: { slippageBps: 3, participation: 0.7, feeRate: { maker: 0.00075, taker: 0.001 } } });
  const rand = rng(seed);
  const symbols = ['TST/USDT', 'BTC/USDT', 'ETH/USDT'];
  const price: Record<string, number> = { 'TST/USDT': 100, 'BTC/USDT': 60_000, 'ETH/USDT': 3000 };
  const step: Record<string, number> = { 'TST/USDT': 3, 'BTC/USDT': 5, 'ETH/USDT': 4 };
  const origins: Origin[] = [{ kind: 'user' }, { kind: 'strategy', id: 'a' }, { kind: 'ai', confidence: 0.5 }];
  let t = 0;
  let refused = 0;
  for (const s of symbols) r.feed.onPrice(s, t, price[s]!, 1);
  const fillCount = () => journal.fills('paper', { limit: 1 })[0]?.seq ?? 0;
  for (let round = 0; fillCount() < target; round++) {
    const s = symbols[Math.floor(rand() * symbols.length)]!;
    const px = price[s]!;
    const origin = origins[Math.floor(rand() * origins.length)]!;
    const qtyUnits = 1 + Math.floor(rand() * 40);
    const qty = (qtyUnits / 10 ** step[s]!).toFixed(step[s]!);
    const side = rand() < 0.52 ? 'buy' : 'sell';
    const kind = rand();
    try {
      if (kind < 0.5) r.engine.place({ symbol: s, side, type: 'market', qty: s === 'BTC/USDT' ? '0.001' : qty }, origin);
      else {
        const off = (rand() - 0.5) * px * 0.004;
        const limit = (Math.round((px + off) * 100) / 100).toFixed(2);
        r.engine.place({ symbol: s, side, type: 'limit', qty: s === 'BTC/USDT' ? '0.001' : qty, price: limit, timeInForce: rand() < 0.1 ? 'IOC' : 'GTC' }, origin);
      }
    } catch (err) {
      if (!(err instanceof OrderRefusedError)) throw err;
      refused++;
    }
    // Walk the price: ticks or bars, with and without volume.
    for (let k = 0; k < 3; k++) {
      const sym = symbols[Math.floor(rand() * symbols.length)]!;
      const p0 = price[sym]!;
      const p1 = Math.max(1, Math.round(p0 * (1 + (rand() - 0.5) * 0.003) * 100) / 100);
      price[sym] = p1;
      t += 1000;
      if (rand() < 0.5) r.feed.onPrice(sym, t, p1, rand() < 0.2 ? Number.NaN : rand() * 2);
      else {
        const hi = Math.round(Math.max(p0, p1) * 1.001 * 100) / 100;
        const lo = Math.round(Math.min(p0, p1) * 0.999 * 100) / 100;
        r.feed.onBar(sym, t, p0, hi, lo, p1, rand() * 8, 1000);
      }
    }
    if (round % 50 === 0) r.engine.cancelAll();
    if (round > target * 20) throw new Error('too few fills');
  }
  r.engine.cancelAll();
  return { r, journal, refused };
}

function checkBooks(mode: 'spot' | 'margin', seed: number) {
  const { r, journal, refused } = run(mode, seed, 10_000);
  // Some random orders are refused (no coins to sell, not enough cash): they must not reach the books.
  expect(refused).toBeGreaterThan(0);
  const fills = journal.fills('paper', { limit: 1_000_000 });
  expect(fills.length).toBeGreaterThanOrEqual(10_000);
  let cash: Dec = dec('1000000');
  let fees: Dec = 0n;
  const held = new Map<string, Dec>();
  for (const f of fills) {
    const notional = mul(f.qty, f.price);
    cash += f.side === 'sell' ? notional : -notional;
    cash -= f.fee;
    fees += f.fee;
    // Every fee is a whole number of 1e-8 and never under the rate.
    expect(f.fee % 10n ** 10n).toBe(0n);
    const k = `${f.symbol} ${f.ledger}`;
    held.set(k, (held.get(k) ?? 0n) + (f.side === 'buy' ? f.qty : -f.qty));
  }
  const pf = r.engine.portfolio;
  expect(format(pf.cash)).toBe(format(cash));
  expect(pf.feesPaid).toBe(fees);
  for (const p of pf.positions()) {
    expect(p.qty, `${p.symbol} ${p.ledger}`).toBe(held.get(`${p.symbol} ${p.ledger}`) ?? 0n);
    if (mode === 'spot') expect(p.qty >= 0n).toBe(true);
  }
  // Realized + unrealized + fees explain the change in equity exactly, at the last marks.
  let unrealized = 0n;
  for (const p of pf.positions()) unrealized += pf.unrealizedExact(p);
  expect(pf.equity() - pf.startBalance).toBe(pf.realizedPnl + unrealized - pf.feesPaid);
  // With every order cancelled no order holds anything back; on margin the shorts still hold their
  // proceeds and their 1× collateral, twice their buy-back value at the marks.
  const account = r.engine.accountSnapshot();
  const shorts = pf.shortLiability();
  if (mode === 'margin') expect(shorts).toBeGreaterThan(0n);
  expect(account.balances.find((b) => b.asset === 'USDT')!.locked).toBe(format(mode === 'margin' ? 2n * shorts : 0n));
  expect(account.balances.filter((b) => b.asset !== 'USDT').every((b) => b.locked === '0')).toBe(true);
  // The ledger in the journal says the same.
  expect(journal.latestBalance('paper')!.cash).toBe(pf.cash);
}

describe('exactness', () => {
  it('spot: 10,000 random trades balance to the last unit', () => checkBooks('spot', 42), 60_000);
  it('margin (shorts and flips): 10,000 random trades balance to the last unit', () => checkBooks('margin', 7), 60_000);
});
