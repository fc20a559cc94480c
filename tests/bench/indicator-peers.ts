// The npm indicator libraries the indicators bench races Keel against, each behind one adapter:
// prepare() turns the candles into the library's own input shape (outside the timed region), and
// each method runs one indicator over the whole series the library's intended way and returns a
// number from the result so the work cannot be optimised away.
// Parameters everywhere: SMA 20, EMA 20, RSI 14, MACD 12/26/9, Bollinger 20/2, ATR 14.
import { createRequire } from 'node:module';
import { ATR, BollingerBands, EMA, MACD, RSI, SMA } from 'trading-signals';
import type { CandleColumns } from '../helpers/indicator-candles.ts';

export const BENCH_INDICATORS = ['sma', 'ema', 'rsi', 'macd', 'bbands', 'atr'] as const;
export type BenchIndicator = (typeof BENCH_INDICATORS)[number];

export interface Peer {
  /** npm package name; the figure key uses it sanitised to [a-z0-9_]. */
  pkg: string;
  prepare(c: CandleColumns): unknown;
  run: Record<BenchIndicator, (input: never) => number>;
}

const require = createRequire(import.meta.url);

interface Arrays {
  high: number[];
  low: number[];
  close: number[];
}
const toArrays = (c: CandleColumns): Arrays => ({ high: Array.from(c.high), low: Array.from(c.low), close: Array.from(c.close) });
const last = (a: ArrayLike<unknown>): number => Number(a[a.length - 1] ?? NaN) || a.length;

// technicalindicators: `X.calculate({...})` returns the outputs without warm-up.
const ti = require('technicalindicators') as Record<string, { calculate(o: object): ArrayLike<unknown> }>;
const technicalindicators: Peer = {
  pkg: 'technicalindicators',
  prepare: toArrays,
  run: {
    sma: (a: Arrays) => last(ti.SMA!.calculate({ period: 20, values: a.close })),
    ema: (a: Arrays) => last(ti.EMA!.calculate({ period: 20, values: a.close })),
    rsi: (a: Arrays) => last(ti.RSI!.calculate({ period: 14, values: a.close })),
    macd: (a: Arrays) => ti.MACD!.calculate({ values: a.close, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false }).length,
    bbands: (a: Arrays) => ti.BollingerBands!.calculate({ period: 20, stdDev: 2, values: a.close }).length,
    atr: (a: Arrays) => last(ti.ATR!.calculate({ period: 14, high: a.high, low: a.low, close: a.close })),
  },
};

// trading-signals: streaming objects only; a series is add() per value, as its docs show.
interface TsInput {
  close: number[];
  candles: { high: number; low: number; close: number }[];
}
function feed<T>(ind: { add(x: T): unknown; getResult(): unknown }, xs: T[]): number {
  for (let i = 0; i < xs.length; i++) ind.add(xs[i]!);
  const r = ind.getResult();
  return typeof r === 'number' ? r : xs.length;
}
const tradingSignals: Peer = {
  pkg: 'trading-signals',
  prepare: (c): TsInput => ({ close: Array.from(c.close), candles: Array.from(c.close, (close, i) => ({ high: c.high[i]!, low: c.low[i]!, close })) }),
  run: {
    sma: (a: TsInput) => feed(new SMA(20), a.close),
    ema: (a: TsInput) => feed(new EMA(20), a.close),
    rsi: (a: TsInput) => feed(new RSI(14), a.close),
    macd: (a: TsInput) => feed(new MACD(new EMA(12), new EMA(26), new EMA(9)), a.close),
    bbands: (a: TsInput) => feed(new BollingerBands(20, 2), a.close),
    atr: (a: TsInput) => feed(new ATR(14), a.candles),
  },
};

// indicatorts: plain functions over number[], outputs as long as the input.
const it = require('indicatorts') as Record<string, (...args: unknown[]) => unknown>;
const indicatorts: Peer = {
  pkg: 'indicatorts',
  prepare: toArrays,
  run: {
    sma: (a: Arrays) => last(it.sma!(a.close, { period: 20 }) as number[]),
    ema: (a: Arrays) => last(it.ema!(a.close, { period: 20 }) as number[]),
    rsi: (a: Arrays) => last(it.rsi!(a.close, { period: 14 }) as number[]),
    macd: (a: Arrays) => last((it.macd!(a.close, { fast: 12, slow: 26, signal: 9 }) as { macdLine: number[] }).macdLine),
    bbands: (a: Arrays) => last((it.bb!(a.close, { period: 20 }) as { upper: number[] }).upper),
    atr: (a: Arrays) => last((it.atr!(a.high, a.low, a.close, { period: 14 }) as { atrLine: number[] }).atrLine),
  },
};

// @ixjb94/indicators ("fastest technical indicators", a port of Tulip Indicators): the synchronous API.
type Ix = Record<string, (...args: unknown[]) => unknown>;
const { IndicatorsSync } = require('@ixjb94/indicators') as { IndicatorsSync: new () => Ix };
const ix = new IndicatorsSync();
const ixjb94: Peer = {
  pkg: '@ixjb94/indicators',
  prepare: toArrays,
  run: {
    sma: (a: Arrays) => last(ix.sma!(a.close, 20) as number[]),
    ema: (a: Arrays) => last(ix.ema!(a.close, 20) as number[]),
    rsi: (a: Arrays) => last(ix.rsi!(a.close, 14) as number[]),
    macd: (a: Arrays) => last((ix.macd!(a.close, 12, 26, 9) as number[][])[0]!),
    bbands: (a: Arrays) => last((ix.bbands!(a.close, 20, 2) as number[][])[0]!),
    atr: (a: Arrays) => last(ix.atr!(a.high, a.low, a.close, 14) as number[]),
  },
};

export const PEERS: Peer[] = [technicalindicators, tradingSignals, indicatorts, ixjb94];

export function peerKey(pkg: string): string {
  return pkg.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}
