import { describe, expect, it } from 'vitest';
import { MarketHistory } from '../../../electron/risk/market-history.ts';
import { volatilityQty } from '../../../electron/risk/volatility-sizing.ts';
import { SymbolTable } from '../../../electron/trading/symbol-table.ts';

describe('market history', () => {
  it('buckets ticks into 1-minute candles and measures ATR over them', () => {
    const symbols = new SymbolTable();
    const h = new MarketHistory({ symbols });
    const id = symbols.id('BTC/USDT');
    for (let m = 0; m < 20; m++) {
      // Each minute: open 100, up to 102, down to 98, close 100 → true range 4.
      for (const p of [100, 102, 98, 100]) h.price(id, m * 60_000 + 1000, p);
    }
    expect(h.length(id)).toBe(20);
    expect(h.atr(id, 14)).toBeCloseTo(4, 10);
    expect(volatilityQty(100, h.atr(id, 14), 2)).toBeCloseTo(12.5, 10); // 100 / (2 × 4)
  });

  it('correlates returns over common buckets: together, opposite, unrelated', () => {
    const symbols = new SymbolTable();
    const h = new MarketHistory({ symbols });
    const [a, b, c, d] = ['A/USDT', 'B/USDT', 'C/USDT', 'D/USDT'].map((s) => symbols.id(s)) as [number, number, number, number];
    let x = 1;
    for (let m = 0; m < 100; m++) {
      const wave = Math.sin(m * 0.7) * 0.01;
      x = (x * 16807) % 2147483647;
      const noise = (x / 2147483647 - 0.5) * 0.02;
      h.price(a, m * 60_000, 100 * Math.exp(wave * m * 0 + wave));
      h.price(b, m * 60_000, 50 * Math.exp(2 * wave));
      h.price(c, m * 60_000, 10 * Math.exp(-wave));
      h.price(d, m * 60_000, 10 * Math.exp(noise));
    }
    expect(h.correlation(a, b)).toBeCloseTo(1, 6);
    expect(h.correlation(a, c)).toBeCloseTo(-1, 6);
    expect(Math.abs(h.correlation(a, d))).toBeLessThan(0.4);
    // The set correlated with A at 0.8 or more: A itself and B; cached until a bucket is added.
    expect([...h.correlatedWith(a, 0.8, 4)]).toEqual([1, 1, 0, 0]);
    expect(h.correlatedWith(a, 0.8, 4)).toBe(h.correlatedWith(a, 0.8, 4));
    const before = h.correlatedWith(a, 0.8, 4);
    h.price(d, 100 * 60_000, 10);
    expect(h.correlatedWith(a, 0.8, 4)).not.toBe(before);
  });

  it('seeds a new symbol from stored candles', () => {
    const symbols = new SymbolTable();
    const h = new MarketHistory({ symbols, seed: () => ({ t: [0, 60_000, 120_000], h: [2, 2, 2], l: [1, 1, 1], c: [1.5, 1.5, 1.5] }) });
    expect(h.length(symbols.id('X/USDT'))).toBe(3);
  });
});
