// Series followed for strategies: the market service streams them from the active source beside the
// selected market as market.candle events; the selected market needs no second stream; a symbol another
// stream prices publishes closed candles only; a follow waits while another source is active and
// streams again when its source is back; released, it stops.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarketSelection } from '../../../shared/contract/market-schemas.ts';
import { strategyApp, type StrategyApp } from '../../helpers/strategy-app.ts';

const SIM = (symbol: string, timeframe: MarketSelection['timeframe']): MarketSelection => ({ source: 'simulated', exchange: 'simulated', symbol, timeframe });
const settle = () => new Promise((r) => setTimeout(r, 0));

let app: StrategyApp;

beforeEach(async () => {
  app = strategyApp();
  app.candles.upsert({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' }, [{ t: Date.UTC(2023, 0, 1), o: 1, h: 1, l: 1, c: 1, v: 1 }]);
  await app.market.select({ source: 'simulated', symbol: 'BTC/USDT', timeframe: '1m' });
});

afterEach(async () => {
  await app.close();
});

function candles(symbol: string, timeframe: string) {
  return app.of('market.candle').filter((c) => c.series.symbol === symbol && c.series.timeframe === timeframe);
}

describe('followed series', () => {
  it('streams another symbol fully, another timeframe of the chart\'s symbol closed-only, and the chart\'s own series once', async () => {
    const eth = app.market.followSeries(SIM('ETH/USDT', '1m'));
    const btc5 = app.market.followSeries(SIM('BTC/USDT', '5m'));
    const btc1 = app.market.followSeries(SIM('BTC/USDT', '1m'));
    await settle();
    app.timers.advance(10 * 60_000);
    expect(candles('ETH/USDT', '1m').filter((c) => c.closed)).toHaveLength(10);
    expect(candles('ETH/USDT', '1m').filter((c) => !c.closed).length).toBeGreaterThan(10);
    expect(candles('BTC/USDT', '5m').map((c) => c.closed)).toEqual([true, true]);
    expect(candles('BTC/USDT', '1m').filter((c) => c.closed)).toHaveLength(10);
    expect([eth, btc5, btc1].every((f) => f.streaming())).toBe(true);
    await Promise.all([eth.release(), btc5.release(), btc1.release()]);
    const before = candles('ETH/USDT', '1m').length;
    app.timers.advance(3 * 60_000);
    expect(candles('ETH/USDT', '1m').length).toBe(before);
  });

  it('waits while another source is active, and streams again when its source is back', async () => {
    const eth = app.market.followSeries(SIM('ETH/USDT', '1m'));
    await settle();
    app.market.startReplay({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' }, { speed: 1, history: 0 });
    app.replay.pause();
    await settle();
    expect(eth.streaming()).toBe(false);
    const before = candles('ETH/USDT', '1m').length;
    app.timers.advance(3 * 60_000);
    expect(candles('ETH/USDT', '1m').length).toBe(before);
    await app.market.select({ source: 'simulated', symbol: 'SOL/USDT', timeframe: '1m' });
    await settle();
    expect(eth.streaming()).toBe(true);
    app.timers.advance(2 * 60_000);
    expect(candles('ETH/USDT', '1m').filter((c) => c.closed).length).toBeGreaterThanOrEqual(2);
    await eth.release();
  });
});
