// The trades tape and the paper fills of a replay keep one clock: a replayed candle's four ticks (open,
// nearer extreme, farther extreme, close) are stamped at their points' times in the bar (open, a third,
// two thirds, close), on the tape (market.trades) as on the fills they cause, so a fill lines up with the
// tick that made it. Through the app's real services: the market service and its replay, the paper engine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../shared/domain/candle.ts';
import { strategyApp, type StrategyApp } from '../helpers/strategy-app.ts';

const SERIES = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;
const USER = { kind: 'user' } as const;

/** Candles opening at 100 that go up to 101 first, then down to 98, and close at 99.5. */
function wicks(n: number): Candle[] {
  return Array.from({ length: n }, (_, i) => ({ t: T0 + i * MIN, o: 100, h: 101, l: 98, c: 99.5, v: 40 }));
}

let app: StrategyApp;

beforeEach(() => {
  app = strategyApp({ fillModel: { slippageBps: 0 } });
  app.candles.upsert(SERIES, wicks(10));
  app.market.startReplay(SERIES, { speed: 1, history: 0 });
});

afterEach(async () => {
  await app.close();
});

/** The replay's trades the tape has been sent (market.trades is batched every 100 ms of the manual clock). */
function tape() {
  app.timers.advance(100);
  return app.of('market.trades').flatMap((e) => e.trades);
}

describe('a replay on the tape', () => {
  it('stamps each candle\'s ticks at its path points: open, a third, two thirds, close', () => {
    app.replay.step(8);
    const trades = tape();
    expect(trades.map((t) => [t.t - T0, t.price])).toEqual([
      [0, 100],
      [20_000, 101],
      [40_000, 98],
      [60_000, 99.5],
      [MIN, 100],
      [MIN + 20_000, 101],
      [MIN + 40_000, 98],
      [MIN + 60_000, 99.5],
    ]);
    expect(app.replay.state().clock).toBe(T0 + 2 * MIN);
  });

  it('a fill has the time of the tick that caused it on the tape', () => {
    app.replay.step(4);
    // A market order fills at the next tick (the next candle's open); a limit at 99, on the way from 101
    // down to 98 (the third tick, two thirds into the candle).
    app.trading.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '1' }, USER);
    app.trading.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '99' }, USER);
    app.replay.step(4);
    const fills = app.of('trading.fill');
    expect(fills.map((f) => [f.price, f.ts - T0])).toEqual([
      ['100', MIN],
      ['99', MIN + 40_000],
    ]);
    const trades = tape();
    const at = (ts: number) => trades.filter((t) => t.t === ts).map((t) => t.price);
    // The close before it has the same time (a candle closes when the next opens); the fill came at the open.
    expect(at(fills[0]!.ts)).toEqual([99.5, 100]);
    expect(at(fills[1]!.ts)).toEqual([98]);
  });
});
