// Indicators: Keel's batch indicators over 1,000,000 candles beside the same indicators in four npm
// libraries, in the same process and run, each timed as the median of several interleaved runs
// after a warm-up;
// and streaming updates per second. Quick mode uses 100,000 candles but reports under the same keys
// (the quick figures are for 1/10 of the candles: multiply by ~10 to compare with a full run).
// Inputs are converted to each library's own shape before timing; output allocation is timed for all.
import { atr, AtrStream, bollinger, BollingerStream, ema, EmaStream, macd, MacdStream, rsi, RsiStream, sma } from '../../shared/indicators/index.ts';
import type { CandleColumns } from '../helpers/indicator-candles.ts';
import type { BenchSuite } from './bench-types.ts';
import { BENCH_INDICATORS, type BenchIndicator, PEERS, peerKey } from './indicator-peers.ts';
import { tiledBtc1m } from './indicator-series.ts';
import { quantile, round } from './stats.ts';

const keel: Record<BenchIndicator, (c: CandleColumns) => number> = {
  sma: (c) => sma(c.close, 20)[c.close.length - 1]!,
  ema: (c) => ema(c.close, 20)[c.close.length - 1]!,
  rsi: (c) => rsi(c.close, 14)[c.close.length - 1]!,
  macd: (c) => macd(c.close, 12, 26, 9).histogram[c.close.length - 1]!,
  bbands: (c) => bollinger(c.close, 20, 2).upper[c.close.length - 1]!,
  atr: (c) => atr(c.high, c.low, c.close, 14)[c.close.length - 1]!,
};

let sink = 0;

/**
 * Times every contender on one indicator, round-robin: each round runs each contender once (starting
 * from a different one each round), so load from other work on the machine falls on all of them
 * alike. One warm-up call each first; the figure is the median of the rounds.
 */
function race(contenders: (() => number)[], rounds: number): number[] {
  for (const f of contenders) sink += f() || 0;
  const samples = contenders.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const j = (k + r) % contenders.length;
      const t0 = performance.now();
      sink += contenders[j]!() || 0;
      samples[j]!.push(performance.now() - t0);
    }
  }
  return samples.map((s) => quantile(s, 0.5));
}

/** Streaming: EMA, RSI, ATR, MACD and Bollinger each add() every bar; updates = bars × 5. */
function streamUpdatesPerSecond(c: CandleColumns): number {
  const n = c.close.length;
  const e = new EmaStream(20);
  const r = new RsiStream(14);
  const a = new AtrStream(14);
  const m = new MacdStream(12, 26, 9);
  const b = new BollingerStream(20, 2);
  const { high, low, close } = c;
  const t0 = performance.now();
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const x = close[i]!;
    acc += e.add(x) + r.add(x) + a.add(high[i]!, low[i]!, x) + m.add(x) + b.add(x);
  }
  const seconds = (performance.now() - t0) / 1000;
  sink += acc;
  return (5 * n) / seconds;
}

const suite: BenchSuite = {
  name: 'indicators',
  async run({ quick, log }) {
    const n = quick ? 100_000 : 1_000_000;
    const candles = tiledBtc1m(n);
    log(`indicators: ${n.toLocaleString('en-US')} candles, ping-pong tiled from the real 1m BTCUSDT bars`);
    const figures: Record<string, number> = {};
    // Streaming first, while the heap holds nothing but the candles.
    const rates: number[] = [];
    for (let i = 0; i < (quick ? 5 : 7); i++) rates.push(streamUpdatesPerSecond(candles));
    const streamRate = Math.round(quantile(rates.slice(1), 0.5));
    const prepared = PEERS.map((p) => p.prepare(candles));
    for (const name of BENCH_INDICATORS) {
      const runs = PEERS.map((peer, i) => () => (peer.run[name] as (input: unknown) => number)(prepared[i]));
      const [keelMs, ...peerMs] = race([() => keel[name](candles), ...runs], quick ? 7 : 5);
      figures[`indicator_${name}_ms_1m`] = round(keelMs!, 2);
      let best = Infinity;
      let bestPkg = '';
      PEERS.forEach((peer, i) => {
        const ms = peerMs[i]!;
        figures[`peer_${peerKey(peer.pkg)}_${name}_ms_1m`] = round(ms, 2);
        if (ms < best) [best, bestPkg] = [ms, peer.pkg];
      });
      // Keel's time over the fastest peer's: below 1 means Keel is faster.
      figures[`indicator_${name}_vs_fastest_peer`] = round(keelMs! / best, 3);
      log(`${name}: Keel ${keelMs!.toFixed(2)} ms, fastest peer ${bestPkg} ${best.toFixed(2)} ms`);
    }
    figures.indicator_stream_updates_per_s = streamRate;
    if (sink === 0) log('(checksum is 0: did the indicators run?)');
    return figures;
  },
};

export default suite;
