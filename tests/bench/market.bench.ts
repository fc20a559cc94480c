// Market data: the tick pipeline a live chart runs on every trade. Trades in (typed arrays, from the
// simulated market), aggregated into the forming 1m candle, and five streaming indicators (EMA 20, RSI 14,
// ATR 14, MACD 12/26/9, Bollinger 20/2) updated on every tick: add() when a trade opens a new candle,
// replace() on the forming one otherwise; the values are read when a candle closes, as a strategy would.
// The pipeline's own code allocates nothing per tick (numbers in, fields out; the aggregation alone runs
// with no garbage collection at all); tick_pipeline_gc_per_1m_ticks counts the young-generation
// collections during one pass, which today come from inside MacdStream and BollingerStream (doubles boxed
// across calls), not from the pipeline.
// Also: how fast the simulated market generates trades, and 1m → 1h resampling over typed arrays.
import { AtrStream, BollingerStream, EmaStream, MacdStream, RsiStream } from '../../shared/indicators/index.ts';
import { resample } from '../../electron/market/candles/resample.ts';
import { CandleBuilder, tradesToCandles } from '../../electron/market/candles/trade-candles.ts';
import { SimulatedPath } from '../../electron/market/simulated/simulated-path.ts';
import { SIMULATED_SYMBOLS } from '../../electron/market/simulated/simulated-symbols.ts';
import { PerformanceObserver } from 'node:perf_hooks';
import type { BenchSuite } from './bench-types.ts';
import { quantile } from './stats.ts';

const ORIGIN = Date.UTC(2024, 0, 1);

interface Ticks {
  time: Float64Array;
  price: Float64Array;
  amount: Float64Array;
  length: number;
}

/** `n` trades of the simulated BTC/USDT market, in time order; also returns how fast they were made. */
function simulatedTicks(n: number): { ticks: Ticks; perSecond: number } {
  const path = new SimulatedPath(SIMULATED_SYMBOLS[0]!, 42, 0, ORIGIN);
  const time = new Float64Array(n);
  const price = new Float64Array(n);
  const amount = new Float64Array(n);
  const t0 = performance.now();
  let k = 0;
  for (let m = 0; k < n; m++) {
    const buf = path.trades(m);
    for (let j = 0; j < buf.length && k < n; j++, k++) {
      time[k] = buf.time[j]!;
      price[k] = buf.price[j]!;
      amount[k] = buf.amount[j]!;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  return { ticks: { time, price, amount, length: n }, perSecond: n / seconds };
}

let sink = 0;

/** One pass of the pipeline over every tick; returns ticks per second. */
function pipeline(ticks: Ticks): number {
  const { time, price, amount, length } = ticks;
  const candle = new CandleBuilder('1m');
  const ema = new EmaStream(20);
  const rsi = new RsiStream(14);
  const atr = new AtrStream(14);
  const macd = new MacdStream(12, 26, 9);
  const bb = new BollingerStream(20, 2);
  let acc = 0;
  const t0 = performance.now();
  for (let i = 0; i < length; i++) {
    const c = price[i]!;
    if (candle.add(time[i]!, c, amount[i]!)) {
      // The last candle closed: its indicator values are final (a strategy reads them here).
      acc += ema.value + rsi.value + atr.value + macd.value + bb.value;
      ema.add(c);
      rsi.add(c);
      atr.add(candle.h, candle.l, c);
      macd.add(c);
      bb.add(c);
    } else {
      ema.replace(c);
      rsi.replace(c);
      atr.replace(candle.h, candle.l, c);
      macd.replace(c);
      bb.replace(c);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  sink += acc === acc ? 1 : 0;
  return length / seconds;
}

/** Aggregation alone, for scale. */
function aggregateOnly(ticks: Ticks): number {
  const { time, price, amount, length } = ticks;
  const candle = new CandleBuilder('1m');
  let closed = 0;
  const t0 = performance.now();
  for (let i = 0; i < length; i++) if (candle.add(time[i]!, price[i]!, amount[i]!)) closed++;
  const seconds = (performance.now() - t0) / 1000;
  sink += closed;
  return length / seconds;
}

/** How many garbage collections ran while `fn` did. */
async function collectionsDuring(fn: () => void): Promise<number> {
  let count = 0;
  const observer = new PerformanceObserver((list) => (count += list.getEntries().length));
  observer.observe({ entryTypes: ['gc'] });
  fn();
  // GC entries are delivered asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 20));
  observer.disconnect();
  return count;
}

const suite: BenchSuite = {
  name: 'market',
  async run({ quick, log }) {
    const n = quick ? 200_000 : 2_000_000;
    const { ticks, perSecond } = simulatedTicks(n);
    log(`market: ${n.toLocaleString('en-US')} simulated BTC/USDT trades over ${Math.round((ticks.time[n - 1]! - ORIGIN) / 86_400_000)} days`);
    const runs = quick ? 5 : 7;
    const rates: number[] = [];
    const aggregate: number[] = [];
    for (let r = 0; r < runs; r++) {
      rates.push(pipeline(ticks));
      aggregate.push(aggregateOnly(ticks));
    }
    // The first run warms the JIT up; the figure is the median of the rest.
    const tickRate = quantile(rates.slice(1), 0.5);
    const gcs = await collectionsDuring(() => pipeline(ticks));
    const minutes = tradesToCandles(ticks.time, ticks.price, ticks.amount, '1m');
    const resampleRates: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      sink += resample(minutes, '1m', '1h').length;
      resampleRates.push(minutes.length / ((performance.now() - t0) / 1000));
    }
    log(`market: pipeline ${Math.round(tickRate).toLocaleString('en-US')} ticks/s (aggregation alone ${Math.round(quantile(aggregate.slice(1), 0.5)).toLocaleString('en-US')})`);
    if (sink === 0) log('(checksum is 0: did the pipeline run?)');
    return {
      tick_pipeline_per_s: Math.round(tickRate),
      tick_aggregate_only_per_s: Math.round(quantile(aggregate.slice(1), 0.5)),
      simulated_trades_per_s: Math.round(perSecond),
      resample_1m_candles_per_s: Math.round(quantile(resampleRates.slice(1), 0.5)),
      tick_pipeline_gc_per_1m_ticks: Math.round((gcs * 1_000_000) / n),
    };
  },
};

export default suite;
