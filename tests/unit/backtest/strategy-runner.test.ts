// The live StrategyRunner runs the same strategy code as a backtest, fed by market.candle events on the
// bus: a cross at a closed candle becomes a market order through the engine and the risk gate, filled at
// the next price, and the strategy hears of its fill.
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/app/logger.ts';
import { feedFromMarketCandles } from '../../../electron/trading/market-candle-feed.ts';
import { StrategyRunner } from '../../../electron/strategies/strategy-runner.ts';
import { paperRig } from '../trading/rig.ts';
import { checkDefinition } from '../../../electron/strategies/check-definition.ts';
import { addOwnStrategy, dropOwnStrategies } from '../../../electron/strategies/registry.ts';

describe('StrategyRunner (live and paper)', () => {
  it('acts on closed candles of its series only, and orders fill at the next price', () => {
    const r = paperRig({ fill: { slippageBps: 0 }, startBalance: '1000' });
    feedFromMarketCandles(r.bus, r.feed, () => {}, memoryLogger());
    const series = { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' as const };
    const runner = new StrategyRunner({ bus: r.bus, engine: r.engine, rules: r.rules, series, strategy: 'sma-cross', params: { fast: 2, slow: 3 }, positionShare: 1, takerFee: 0.001 });
    const closes = [10, 10, 9, 11, 11, 9, 9, 9];
    const opens = [10, 10, 10, 9.5, 11.5, 10.5, 8.8, 9];
    const t0 = Date.UTC(2024, 0, 1);
    for (let i = 0; i < closes.length; i++) {
      const candle = (c: number) => ({ t: t0 + i * 60_000, o: opens[i]!, h: 12, l: 8, c, v: 100 });
      // The forming candle's first tick (its open), then the close; another series' candles are ignored.
      r.bus.emit('market.candle', { series, candle: candle(opens[i]!), closed: false, source: 'replay' });
      r.bus.emit('market.candle', { series: { ...series, symbol: 'BTC/USDT' }, candle: { t: t0 + i * 60_000, o: 1, h: 1, l: 1, c: 1, v: 1 }, closed: true, source: 'replay' });
      r.bus.emit('market.candle', { series, candle: candle(closes[i]!), closed: true, source: 'replay' });
    }
    runner.stop();
    const fills = r.engine.fills({ limit: 10 }).reverse();
    // The cross up at bar 4's close fills at bar 5's first price (its open); the cross down at bar 5's close at bar 6's open.
    expect(fills.map((f) => [f.side, f.price, f.qty, f.origin])).toEqual([
      ['buy', '10.5', '90.818', { kind: 'strategy', id: 'sma-cross' }],
      ['sell', '8.8', '90.818', { kind: 'strategy', id: 'sma-cross' }],
    ]);
    expect(r.engine.positions()[0]).toMatchObject({ ledger: 'strategy:sma-cross', qty: '0' });
  });

  it('starts over when a replay starts over from an earlier candle, and trades the second pass too', () => {
    const r = paperRig({ fill: { slippageBps: 0 }, startBalance: '1000' });
    feedFromMarketCandles(r.bus, r.feed, () => {}, memoryLogger());
    const series = { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' as const };
    const runner = new StrategyRunner({ bus: r.bus, engine: r.engine, rules: r.rules, series, strategy: 'sma-cross', params: { fast: 2, slow: 3 }, positionShare: 1, takerFee: 0.001 });
    const closes = [10, 10, 9, 11, 11, 9, 9, 9];
    const opens = [10, 10, 10, 9.5, 11.5, 10.5, 8.8, 9];
    const t0 = Date.UTC(2024, 0, 1);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < closes.length; i++) {
        const candle = (c: number) => ({ t: t0 + i * 60_000, o: opens[i]!, h: 12, l: 8, c, v: 100 });
        r.bus.emit('market.candle', { series, candle: candle(opens[i]!), closed: false, source: 'replay' });
        r.bus.emit('market.candle', { series, candle: candle(closes[i]!), closed: true, source: 'replay' });
      }
    }
    runner.stop();
    const fills = r.engine.fills({ limit: 10 }).reverse();
    expect(fills.map((f) => [f.side, f.price])).toEqual([
      ['buy', '10.5'],
      ['sell', '8.8'],
      ['buy', '10.5'],
      ['sell', '8.8'],
    ]);
    expect(runner.notes.some((n) => n.includes('a replay started over'))).toBe(true);
  });

  it("keeps a strategy's own mistakes to itself: a throwing onFill or onBar is told, the fill still reaches everyone else", () => {
    // A trader's strategy (as a file would give it): buys at the first close, then throws on its fill and at bar 3.
    const file = '/tmp/clumsy.mjs';
    addOwnStrategy(
      checkDefinition(
        {
          default: {
            name: 'clumsy',
            create: (_p: unknown, ctx: { buy(q: number): boolean; maxBuyQty(p: number): number }) => ({
              onBar(bar: { index: number; c: number }) {
                if (bar.index === 0) ctx.buy(ctx.maxBuyQty(bar.c));
                if (bar.index === 3) throw new TypeError('bar.missing is undefined');
              },
              onFill() {
                throw new RangeError('no such field');
              },
            }),
          },
        },
        file,
      ),
      file,
    );
    try {
      const r = paperRig({ fill: { slippageBps: 0 }, startBalance: '1000' });
      feedFromMarketCandles(r.bus, r.feed, () => {}, memoryLogger());
      const series = { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' as const };
      const told: string[] = [];
      const runner = new StrategyRunner({ bus: r.bus, engine: r.engine, rules: r.rules, series, strategy: 'clumsy', positionShare: 1, takerFee: 0.001, onMessage: (_kind, text) => told.push(text) });
      const heard: string[] = [];
      r.bus.on('trading.fill', (f) => heard.push(f.side));
      const t0 = Date.UTC(2024, 0, 1);
      for (let i = 0; i < 5; i++) {
        const candle = { t: t0 + i * 60_000, o: 10, h: 11, l: 9, c: 10, v: 100 };
        r.bus.emit('market.candle', { series, candle: { ...candle, c: 10 }, closed: false, source: 'replay' });
        r.bus.emit('market.candle', { series, candle, closed: true, source: 'replay' });
      }
      runner.stop();
      expect(r.engine.fills({ limit: 10 }).map((f) => f.side)).toEqual(['buy']);
      expect(heard).toEqual(['buy']);
      expect(told).toEqual([expect.stringMatching(/^clumsy failed on its fill .*: no such field$/), 'clumsy failed on the local:TST/USDT:1m candle at 2024-01-01T00:03:00.000Z: bar.missing is undefined']);
    } finally {
      dropOwnStrategies(file);
    }
  });

  it('refuses an unknown strategy with the list, as the CLI does', () => {
    const r = paperRig();
    expect(() => new StrategyRunner({ bus: r.bus, engine: r.engine, rules: r.rules, series: { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' }, strategy: 'nope' })).toThrow(/unknown strategy "nope"; strategies: sma-cross/);
  });
});
