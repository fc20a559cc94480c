// Driving the one engine bar by bar, as the backtest does: market time from the feed's clock, a strategy
// acting on each closed bar, fills at the next bar's open, nothing read from the wall clock.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/app/event-bus.ts';
import { memoryLogger } from '../../../electron/app/logger.ts';
import { feedFromMarketCandles } from '../../../electron/trading/market-candle-feed.ts';
import { MarketFeed } from '../../../electron/trading/market-feed.ts';
import { paperRig } from './rig.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('driving the engine bar by bar (backtest)', () => {
  it('a strategy that acts on each closed bar is filled at the next open, stamped with market time', () => {
    const r = paperRig({ quiet: true, fill: { slippageBps: 0 } });
    const t0 = Date.UTC(2021, 0, 1);
    const closes = [100, 101, 103, 102, 99, 98, 100, 104];
    const opens = [100, 100.5, 101.5, 103, 101, 98.5, 98.2, 100.4];
    const origin = { kind: 'strategy' as const, id: 'cross' };
    for (let i = 0; i < closes.length; i++) {
      const o = opens[i]!;
      const c = closes[i]!;
      r.feed.onBar('TST/USDT', t0 + i * 60_000, o, Math.max(o, c) + 0.5, Math.min(o, c) - 0.5, c, 100, 60_000);
      // The strategy sees the closed bar at market time = its close.
      expect(r.feed.clock.now()).toBe(t0 + (i + 1) * 60_000);
      const pos = r.engine.portfolio.qty('TST/USDT', 'strategy:cross');
      if (i === 1 && pos === 0n) r.engine.place({ symbol: 'TST/USDT', side: 'buy', type: 'market', qty: '1' }, origin);
      if (i === 4 && pos > 0n) r.engine.place({ symbol: 'TST/USDT', side: 'sell', type: 'market', qty: '1' }, origin);
    }
    const fills = r.engine.fills({ limit: 10 }).reverse();
    expect(fills.map((f) => [f.side, f.price, f.ts])).toEqual([
      ['buy', '101.5', t0 + 2 * 60_000], // bar 2's open
      ['sell', '98.5', t0 + 5 * 60_000], // bar 5's open
    ]);
    const orders = r.engine.orders({ status: 'all', limit: 10 }).reverse();
    expect(orders.map((o) => o.createdAt)).toEqual([t0 + 2 * 60_000, t0 + 5 * 60_000]);
    expect(r.engine.positions()[0]).toMatchObject({ ledger: 'strategy:cross', qty: '0', realizedPnl: '-3' });
  });

  it('nothing in the trading engine, the paper broker or the risk gate reads the wall clock except clock.ts', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        if (e.isDirectory()) walk(f);
        else if (f.endsWith('.ts') && !f.endsWith(`${path.sep}clock.ts`)) {
          // Code lines only: comments may say what the code does not do.
          const code = readFileSync(f, 'utf8').split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l)).join('\n');
          if (/Date\.now\(|new Date\(\)|performance\.now\(/.test(code)) offenders.push(path.relative(ROOT, f));
        }
      }
    };
    walk(path.join(ROOT, 'electron/trading'));
    walk(path.join(ROOT, 'electron/risk'));
    expect(offenders).toEqual([]);
  });
});

describe('the app feeds trading from market.candle events', () => {
  it('turns each event into one tick: the close as the price, the growth of the forming volume as the traded volume', () => {
    const bus = new EventBus();
    const feed = new MarketFeed();
    const ticks: [string, number, number, number, boolean][] = [];
    feed.subscribe({ price: (id, ts, p, v, continuous) => ticks.push([feed.symbols.name(id), ts, p, v, continuous === true]), bar: () => {}, book: () => {} });
    let after = 0;
    const stop = feedFromMarketCandles(bus, feed, () => after++, memoryLogger());
    const series = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' as const };
    const at = (t: number, c: number, v: number | null, closed = false, source: 'replay' | 'simulated' = 'replay') =>
      bus.emit('market.candle', { series, candle: { t, o: 100, h: 101, l: 99, c, v }, closed, source });
    // A replayed candle's four ticks are the backtest's intrabar path: its points' times, continuous after the open.
    at(0, 100, 2.5);
    at(0, 99.5, 5);
    at(0, 101, 7.5);
    at(0, 100.5, 10, true);
    at(60_000, 100.6, 3);
    at(120_000, 100.7, null);
    // Another source's ticks: a forming candle's at its open, each a jump.
    at(180_000, 100.8, 1, false, 'simulated');
    at(180_000, 100.9, 2, false, 'simulated');
    at(180_000, 101, 3, true, 'simulated');
    stop();
    at(240_000, 1, 1);
    expect(ticks).toEqual([
      ['BTC/USDT', 0, 100, 2.5, false],
      ['BTC/USDT', 20_000, 99.5, 2.5, true],
      ['BTC/USDT', 40_000, 101, 2.5, true],
      ['BTC/USDT', 60_000, 100.5, 2.5, true],
      ['BTC/USDT', 60_000, 100.6, 3, false],
      ['BTC/USDT', 120_000, 100.7, Number.NaN, false],
      ['BTC/USDT', 180_000, 100.8, 1, false],
      ['BTC/USDT', 180_000, 100.9, 1, false],
      ['BTC/USDT', 240_000, 101, 1, false],
    ]);
    expect(after).toBe(9);
    expect(feed.clock.now()).toBe(240_000);
  });

  it('logs a trading fault without stopping the market stream', () => {
    const bus = new EventBus();
    const feed = new MarketFeed();
    feed.subscribe({ price: () => { throw new Error('boom'); }, bar: () => {}, book: () => {} });
    const log = memoryLogger();
    feedFromMarketCandles(bus, feed, () => {}, log);
    const seen: number[] = [];
    bus.on('market.candle', (e) => seen.push(e.candle.c));
    bus.emit('market.candle', { series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' }, candle: { t: 0, o: 1, h: 1, l: 1, c: 1, v: 1 }, closed: false, source: 'replay' });
    expect(seen).toEqual([1]);
    expect(log.lines.some((l) => l.includes('could not process the local:BTC/USDT:1m tick'))).toBe(true);
  });
});
