import type { Timeframe } from './timeframe.ts';

/**
 * One OHLCV candle as it crosses the bridge and sits in the journal.
 * `t` is the candle's open time in epoch milliseconds (UTC). Prices are the exchange's quoted
 * numbers (float64 holds every price an exchange quotes to its tick size exactly when printed back).
 * `v` is base-asset volume, or null when the source has none (mark-price klines, for example).
 */
export interface Candle {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number | null;
}

/** Which stored series a candle belongs to. */
export interface SeriesKey {
  exchange: string;
  symbol: string;
  timeframe: Timeframe;
}

export function seriesLabel(key: SeriesKey): string {
  return `${key.exchange}:${key.symbol}:${key.timeframe}`;
}

/** Why a candle is not a candle: the OHLC relations every real bar keeps, or null when it is sound. */
export function candleProblem(c: Candle): string | null {
  for (const [name, value] of [['open', c.o], ['high', c.h], ['low', c.l], ['close', c.c]] as const) {
    if (!Number.isFinite(value)) return `${name} is not a number`;
    if (value <= 0) return `${name} must be greater than 0, got ${value}`;
  }
  if (c.v !== null && (!Number.isFinite(c.v) || c.v < 0)) return `volume must be a number of 0 or more, got ${c.v}`;
  if (c.h < Math.max(c.o, c.c, c.l)) return `high ${c.h} is below open, close or low`;
  if (c.l > Math.min(c.o, c.c)) return `low ${c.l} is above open or close`;
  return null;
}
