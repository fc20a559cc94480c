// The simulated market: the same seed gives the same market; the market has the stylized facts of a real
// one (volatility clusters, fat tails, volume with the moves); candles are always sound; it streams as a
// MarketSource and refuses what it does not serve.
import { describe, expect, it } from 'vitest';
import { SimulatedSource } from '../../../electron/market/simulated/simulated-source.ts';
import { Random } from '../../../electron/market/simulated/prng.ts';
import { UnknownMarketError, type CandleUpdate, type Ticker, type Trade, type BookSnapshot } from '../../../electron/market/market-source.ts';
import { resampleCandles } from '../../../electron/market/candles/resample.ts';
import { candleProblem, type Candle } from '../../../shared/domain/candle.ts';
import { manualTimers } from '../../helpers/manual-timers.ts';

const ORIGIN = Date.UTC(2024, 0, 1);
const NOW = ORIGIN + 14 * 86_400_000 + 12 * 3_600_000 + 30_000; // two weeks in, half a minute into a minute

function source(seed: number, now = () => NOW) {
  return new SimulatedSource({ seed, origin: ORIGIN, now });
}

function logReturns(candles: Candle[]): number[] {
  return candles.slice(1).map((c, i) => Math.log(c.c / candles[i]!.c));
}

function autocorrelation(x: number[], lag: number): number {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    den += (x[i]! - mean) ** 2;
    if (i >= lag) num += (x[i]! - mean) * (x[i - lag]! - mean);
  }
  return num / den;
}

function kurtosis(x: number[]): number {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  const m2 = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
  const m4 = x.reduce((a, b) => a + (b - mean) ** 4, 0) / x.length;
  return m4 / (m2 * m2);
}

describe('the PRNG', () => {
  it('is deterministic and roughly uniform and normal', () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 20_000 }, () => a.uniform());
    expect(Array.from({ length: 20_000 }, () => b.uniform())).toEqual(xs);
    expect(new Random(43).uniform()).not.toBe(xs[0]);
    expect(xs.every((x) => x > 0 && x < 1)).toBe(true);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 2);
    const zs = Array.from({ length: 20_000 }, () => a.normal());
    const mean = zs.reduce((s, z) => s + z, 0) / zs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(zs.reduce((s, z) => s + z * z, 0) / zs.length).toBeCloseTo(1, 1);
  });
});

describe('the simulated market', () => {
  it('is deterministic for a seed: history, tickers and books', async () => {
    const a = source(7);
    const b = source(7);
    const c = source(8);
    const ha = await a.history({ symbol: 'BTC/USDT', timeframe: '1m', limit: 2000 });
    expect(await b.history({ symbol: 'BTC/USDT', timeframe: '1m', limit: 2000 })).toEqual(ha);
    expect((await c.history({ symbol: 'BTC/USDT', timeframe: '1m', limit: 2000 })).map((x) => x.c)).not.toEqual(ha.map((x) => x.c));
    expect(a.ticker('ETH/USDT')).toEqual(b.ticker('ETH/USDT'));
    expect(a.book('SOL/USDT')).toEqual(b.book('SOL/USDT'));
    // Asking in another order, or asking for a later stretch first, changes nothing.
    const late = source(7);
    await late.history({ symbol: 'BTC/USDT', timeframe: '1d' });
    expect(await late.history({ symbol: 'BTC/USDT', timeframe: '1m', limit: 2000 })).toEqual(ha);
  });

  it('has sensible prices for each symbol', async () => {
    const s = source(1);
    const last = async (symbol: string) => (await s.history({ symbol, timeframe: '1m', limit: 1 }))[0]!.c;
    expect(await last('BTC/USDT')).toBeGreaterThan(30_000);
    expect(await last('BTC/USDT')).toBeLessThan(150_000);
    expect(await last('ETH/USDT')).toBeGreaterThan(1_000);
    expect(await last('ETH/USDT')).toBeLessThan(10_000);
    expect(await last('SOL/USDT')).toBeGreaterThan(30);
    expect(await last('SOL/USDT')).toBeLessThan(600);
    expect((await s.markets()).map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
  });

  it('clusters volatility and has fat tails; volume follows the size of the moves', async () => {
    for (const seed of [1, 2, 3]) {
      const candles = await source(seed).history({ symbol: 'BTC/USDT', timeframe: '1m', limit: 20_000 });
      const r = logReturns(candles);
      const abs = r.map(Math.abs);
      expect(autocorrelation(abs, 1)).toBeGreaterThan(0.1);
      expect(autocorrelation(abs, 10)).toBeGreaterThan(0.03);
      expect(kurtosis(r)).toBeGreaterThan(3);
      // Volume and |return| move together.
      const range = candles.map((c) => Math.log(c.h / c.l));
      const v = candles.map((c) => c.v!);
      const corr = pearson(range, v);
      expect(corr).toBeGreaterThan(0.2);
      // Per-minute volatility near the symbol's 55 % a year (0.076 % a minute).
      const sd = Math.sqrt(r.reduce((s, x) => s + x * x, 0) / r.length);
      expect(sd).toBeGreaterThan(0.0005);
      expect(sd).toBeLessThan(0.0012);
    }
  });

  it('is busier in the US afternoon than in the Asian night (intraday seasonality)', async () => {
    const candles = await source(4).history({ symbol: 'ETH/USDT', timeframe: '1m', limit: 20_000 });
    const byHour = (h: number) => candles.filter((c) => new Date(c.t).getUTCHours() === h).reduce((s, c) => s + c.v!, 0);
    expect(byHour(14)).toBeGreaterThan(1.3 * byHour(4));
  });

  it('never makes an unsound candle, at any timeframe, and every timeframe is the minutes rolled up', async () => {
    const s = source(5);
    for (const symbol of ['BTC/USDT', 'ETH/USDT', 'SOL/USDT']) {
      const minutes = await s.history({ symbol, timeframe: '1m', limit: 20_000 });
      expect(minutes.filter((c) => candleProblem(c) !== null)).toEqual([]);
      expect(minutes.every((c) => c.v !== null && c.v >= 0)).toBe(true);
      for (const tf of ['5m', '1h', '4h', '1d'] as const) {
        const candles = await s.history({ symbol, timeframe: tf, limit: 5000 });
        expect(candles.filter((c) => candleProblem(c) !== null)).toEqual([]);
        // Compared where both are whole: from the first bucket the minutes cover from its start.
        const inRange = (c: Candle) => c.t >= minutes[0]!.t && c.t <= candles.at(-1)!.t;
        const rolled = resampleCandles(minutes, '1m', tf).candles.filter(inRange);
        expect(rolled.length).toBeGreaterThan(3);
        expect(candles.filter(inRange)).toEqual(rolled);
      }
    }
    // History stops at the last closed candle, starts at the origin.
    const h = await s.history({ symbol: 'BTC/USDT', timeframe: '1h' });
    expect(h[0]!.t).toBe(ORIGIN);
    expect(h.at(-1)!.t).toBe(NOW - 30_000 - 3_600_000);
    expect(await s.history({ symbol: 'BTC/USDT', timeframe: '1w' })).toHaveLength(2);
  });

  it('refuses symbols and timeframes it does not serve, with the list', async () => {
    const s = source(1);
    await expect(s.history({ symbol: 'DOGE/USDT', timeframe: '1m' })).rejects.toThrow(UnknownMarketError);
    await expect(s.history({ symbol: 'DOGE/USDT', timeframe: '1m' })).rejects.toThrow('valid symbols: BTC/USDT, ETH/USDT, SOL/USDT');
    await expect(s.watch({ symbol: 'BTC/USDT', timeframe: '7m' as never }, {})).rejects.toThrow(/unknown timeframe "7m" on simulated; valid timeframes: 1m, 3m/);
    expect(s.status()).toMatchObject({ status: 'live', reason: expect.stringContaining('simulated market') });
  });
});

describe('the simulated stream', () => {
  it('streams trades, forming and closed candles that agree with history, a ticker and a book', async () => {
    const timers = manualTimers();
    const now = () => NOW + timers.now();
    const s = new SimulatedSource({ seed: 9, origin: ORIGIN, now, timers });
    const updates: CandleUpdate[] = [];
    const trades: Trade[] = [];
    const tickers: Ticker[] = [];
    const books: BookSnapshot[] = [];
    const watch = await s.watch(
      { symbol: 'BTC/USDT', timeframe: '1m', channels: ['candles', 'trades', 'ticker', 'book'] },
      { onCandle: (u) => updates.push(u), onTrades: (_s, t) => trades.push(...t), onTicker: (t) => tickers.push(t), onBook: (b) => books.push(b) },
    );
    timers.advance(3 * 60_000);
    await watch.stop();
    expect(timers.pending()).toBe(0);

    const closed = updates.filter((u) => u.closed).map((u) => u.candle);
    expect(closed.map((c) => c.t)).toEqual([NOW - 30_000, NOW + 30_000, NOW + 90_000]);
    const history = await s.history({ symbol: 'BTC/USDT', timeframe: '1m', from: NOW - 30_000, to: NOW + 90_000 });
    expect(closed).toEqual(history);
    expect(updates.every((u) => u.series.exchange === 'simulated' && candleProblem(u.candle) === null)).toBe(true);
    // The forming candle grows towards the closed one.
    const forming = updates.filter((u) => !u.closed && u.candle.t === NOW + 30_000).map((u) => u.candle);
    expect(forming.length).toBeGreaterThan(3);
    expect(forming.at(-1)!.h).toBeLessThanOrEqual(closed[1]!.h);

    // Trades: new ones only, in time order, inside the watch, and they make the candles.
    expect(trades.length).toBeGreaterThan(30);
    expect(new Set(trades.map((t) => t.id)).size).toBe(trades.length);
    expect(trades.every((t, i) => i === 0 || t.t >= trades[i - 1]!.t)).toBe(true);
    expect(trades[0]!.t).toBeGreaterThan(NOW);
    const inSecond = trades.filter((t) => t.t >= NOW + 30_000 && t.t < NOW + 90_000);
    expect(Math.max(...inSecond.map((t) => t.price))).toBe(closed[1]!.h);
    expect(inSecond.at(-1)!.price).toBe(closed[1]!.c);

    expect(tickers.length).toBeGreaterThanOrEqual(170);
    expect(tickers.at(-1)!.last).toBe(trades.at(-1)!.price);
    expect(tickers.at(-1)!.bid!).toBeLessThan(tickers.at(-1)!.ask!);
    expect(books.at(-1)!.bids[0]![0]).toBeLessThan(books.at(-1)!.asks[0]![0]);
    expect(books.at(-1)!.bids).toHaveLength(20);
  });

  it('a stream closes its candles after a stall without flooding the listener', async () => {
    const timers = manualTimers();
    let jump = 0;
    const s = new SimulatedSource({ seed: 3, origin: ORIGIN, now: () => NOW + timers.now() + jump, timers });
    const updates: CandleUpdate[] = [];
    const trades: Trade[] = [];
    await s.watch({ symbol: 'ETH/USDT', timeframe: '5m', channels: ['candles', 'trades'] }, { onCandle: (u) => updates.push(u), onTrades: (_s, t) => trades.push(...t) });
    timers.advance(250);
    const before = trades.length;
    jump = 2 * 3_600_000; // the laptop slept for two hours
    timers.advance(250);
    const closed = updates.filter((u) => u.closed);
    expect(closed).toHaveLength(24);
    expect(trades.slice(before).every((t) => t.t > NOW + jump - 61_000)).toBe(true);
    await s.close();
    expect(s.status().status).toBe('offline');
    await expect(s.history({ symbol: 'ETH/USDT', timeframe: '1m' })).rejects.toThrow(/closed/);
  });
});

function pearson(a: number[], b: number[]): number {
  const ma = a.reduce((s, x) => s + x, 0) / a.length;
  const mb = b.reduce((s, x) => s + x, 0) / b.length;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}
