// A paper position is marked only by prices of the market source it was opened on. The app's market
// stream switches from the simulated market to a replay of stored candles of the same symbol (a different
// market at different prices): the position opened on the simulated market reads no mark ("—") and no
// unrealized P&L, and the account counts it at cost, until its own source prices it again. A position
// opened on the new source is marked by it.
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/app/logger.ts';
import { feedFromMarketCandles } from '../../../electron/trading/market-candle-feed.ts';
import { paperRig } from './rig.ts';

type Source = 'simulated' | 'replay' | 'live';

function app() {
  const r = paperRig();
  feedFromMarketCandles(r.bus, r.feed, () => r.engine.publishMarks(), memoryLogger(), r.engine);
  let t = Date.UTC(2024, 0, 1);
  const tick = (source: Source, exchange: string, price: number) => {
    t += 15_000;
    r.bus.emit('market.candle', { series: { exchange, symbol: 'BTC/USDT', timeframe: '1m' }, candle: { t, o: price, h: price, l: price, c: price, v: 1 }, closed: false, source });
  };
  const position = () => r.engine.positions().find((p) => p.symbol === 'BTC/USDT' && p.ledger === 'user')!;
  const lastPublished = () => r.of('trading.positions').at(-1)!.positions.find((p) => p.symbol === 'BTC/USDT' && p.ledger === 'user')!;
  return { r, tick, position, lastPublished };
}

describe('marks and the market source', () => {
  it('a position opened on the simulated market is not marked by a replay of stored candles', () => {
    const { r, tick, position, lastPublished } = app();
    tick('simulated', 'simulated', 60_000);
    r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.1' }, { kind: 'user' });
    tick('simulated', 'simulated', 60_000);
    tick('simulated', 'simulated', 61_000);
    expect(position()).toMatchObject({ qty: '0.1', markPrice: '61000', unrealizedPnl: '100' });

    // The replay of 2021's candles starts: 47,000 is not a price of the market the position was bought on.
    tick('replay', 'local', 47_000);
    tick('replay', 'local', 47_100);
    expect(position()).toMatchObject({ qty: '0.1', markPrice: null, unrealizedPnl: '0' });
    expect(lastPublished()).toMatchObject({ markPrice: null, unrealizedPnl: '0' });
    // Counted at cost: 10,000 less the fee, not 10,000 − 1,300.
    expect(Number(r.engine.accountSnapshot().equity)).toBeGreaterThan(9_990);

    // Back on the simulated market: marked again by its prices.
    tick('simulated', 'simulated', 61_500);
    expect(position()).toMatchObject({ markPrice: '61500', unrealizedPnl: '150' });
    expect(lastPublished()).toMatchObject({ markPrice: '61500' });
  });

  it('once flat, the symbol follows the new source; a position opened on the replay is marked by the replay', () => {
    const { r, tick, position } = app();
    tick('simulated', 'simulated', 60_000);
    r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.1' }, { kind: 'user' });
    tick('simulated', 'simulated', 60_000);
    r.engine.place({ symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.1' }, { kind: 'user' });
    tick('simulated', 'simulated', 60_000);
    expect(position().qty).toBe('0');
    tick('replay', 'local', 47_000);
    r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.1' }, { kind: 'user' });
    tick('replay', 'local', 47_000);
    tick('replay', 'local', 47_200);
    expect(position()).toMatchObject({ qty: '0.1', markPrice: '47200', unrealizedPnl: '20' });
  });
});
