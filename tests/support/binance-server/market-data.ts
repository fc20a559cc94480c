// The server's price history: one-minute bars per symbol, built from the real files in ../shared/data.
// Everything the server answers (klines of every interval, trades, the book, tickers) derives from these
// bars, so the answers agree with each other the way a real exchange's do.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { intrabarPath } from '../../../shared/domain/intrabar-path.ts';

export const MINUTE = 60_000;

/** One symbol's one-minute bars, gap-free from `start`, as columns. Prices sit on the symbol's tick. */
export interface MinuteBars {
  start: number;
  length: number;
  o: Float64Array;
  h: Float64Array;
  l: Float64Array;
  c: Float64Array;
  /** Base-asset volume per bar. */
  v: Float64Array;
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Shared real data lives beside the clone, never inside it (see ../shared/data/README.md). */
export const SHARED_DATA_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'data');

export function dataFile(name: string): string {
  return path.join(SHARED_DATA_DIR, name);
}

function roundTo(value: number, step: number): number {
  // Round in integer steps, then print-and-parse so 0.1 + 0.2 style noise never reaches a response.
  return Number((Math.round(value / step) * step).toFixed(decimalsOf(step)));
}

export function decimalsOf(step: number): number {
  const s = step.toString();
  if (s.includes('e-')) return Number(s.split('e-')[1]);
  return s.includes('.') ? s.split('.')[1]!.length : 0;
}

function allocate(start: number, length: number): MinuteBars {
  return {
    start,
    length,
    o: new Float64Array(length),
    h: new Float64Array(length),
    l: new Float64Array(length),
    c: new Float64Array(length),
    v: new Float64Array(length),
  };
}

/**
 * Binance.US BTCUSDT 1m candles (2023-03-01 to 2023-03-21, no gaps). The file's volumes have six
 * decimals, which is why the server's BTCUSDT step size is 0.000001.
 */
export function loadBtcUsdt(): MinuteBars {
  const lines = readFileSync(dataFile('binanceus_BTCUSDT_1m_20230301_20230321.csv'), 'utf8').trim().split('\n');
  const rows = lines.slice(1);
  const start = Date.parse(rows[0]!.split(',')[0]!.replace(' ', 'T'));
  const bars = allocate(start, rows.length);
  rows.forEach((line, i) => {
    const [ts, o, h, l, c, v] = line.split(',');
    const t = Date.parse(ts!.replace(' ', 'T'));
    if (t !== start + i * MINUTE) throw new Error(`BTCUSDT data has a gap or disorder at row ${i + 2}`);
    bars.o[i] = Number(o);
    bars.h[i] = Number(h);
    bars.l[i] = Number(l);
    bars.c[i] = Number(c);
    bars.v[i] = Number(v);
  });
  return bars;
}

/**
 * ETHUSDT for the same span as BTCUSDT. The only real ETH file is 1h mark-price klines with no volume,
 * so each hour is walked through its intrabar path (open, nearer extreme, farther extreme, close) in three
 * straight 20-minute legs: resampling the minutes back to 1h gives the real hourly bar exactly (after rounding
 * to the 0.01 tick). Volume is made up, deterministically, because the source has none.
 */
export function loadEthUsdt(from: number, to: number, tick: number, step: number): MinuteBars {
  const lines = readFileSync(dataFile('binance_futures_markprice_ETHUSDT_1h_20191223_20240109.csv'), 'utf8').trim().split('\n');
  const hour = 60 * MINUTE;
  const hours: number[][] = [];
  for (const line of lines.slice(1)) {
    const cols = line.split(',').map(Number);
    const t = cols[0]!;
    if (t >= from && t < to) hours.push(cols);
  }
  if (hours.length === 0) throw new Error('ETHUSDT data does not cover the BTCUSDT span');
  const start = hours[0]![0]!;
  const bars = allocate(start, hours.length * 60);
  const pathPoints = [0, 0, 0, 0];
  let seed = 0x9e3779b9;
  const random = () => {
    // xorshift32: the same volumes on every run, no dependency.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x1_0000_0000;
  };
  hours.forEach((cols, hi) => {
    if (cols[0] !== start + hi * hour) throw new Error(`ETHUSDT data has a gap at ${new Date(cols[0]!).toISOString()}`);
    const candle = { t: cols[0]!, o: roundTo(cols[1]!, tick), h: roundTo(cols[2]!, tick), l: roundTo(cols[3]!, tick), c: roundTo(cols[4]!, tick), v: null };
    intrabarPath(candle, pathPoints);
    const at = (minute: number) => {
      const leg = Math.min(2, Math.floor(minute / 20));
      const f = (minute - leg * 20) / 20;
      return roundTo(pathPoints[leg]! + (pathPoints[leg + 1]! - pathPoints[leg]!) * f, tick);
    };
    for (let m = 0; m < 60; m++) {
      const i = hi * 60 + m;
      const o = at(m);
      const c = at(m + 1);
      bars.o[i] = o;
      bars.c[i] = c;
      bars.h[i] = Math.max(o, c);
      bars.l[i] = Math.min(o, c);
      bars.v[i] = roundTo(5 + random() * 40, step);
    }
  });
  return bars;
}

/** A market that never moves: every bar opens, peaks, bottoms and closes at `price`, with `volume` traded. */
export function flatBars(start: number, length: number, price: number, volume: number): MinuteBars {
  const bars = allocate(start, length);
  bars.o.fill(price);
  bars.h.fill(price);
  bars.l.fill(price);
  bars.c.fill(price);
  bars.v.fill(volume);
  return bars;
}

/** Index of the bar open at time `t` (floor), which may be out of range. */
export function barIndexAt(bars: MinuteBars, t: number): number {
  return Math.floor((t - bars.start) / MINUTE);
}

/** Open time just after the last bar: no data exists from here on. */
export function barsEnd(bars: MinuteBars): number {
  return bars.start + bars.length * MINUTE;
}
