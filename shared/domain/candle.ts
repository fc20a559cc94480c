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

/**
 * The largest price a candle may have: a quadrillion, past any market's (bitcoin in the weakest currency is
 * about 1e10) and still a whole number a float holds exactly. A high of 1e308 (a corrupt line) once passed,
 * and a run over it failed at the first order sized on it, blamed on the strategy, with Infinity.
 */
export const MAX_PRICE = 1e15;
/** The largest volume: past any market's, and short of one whose sums over a week of bars would overflow. */
const MAX_VOLUME = 1e30;

/** Why a candle is not a candle: the OHLC relations every real bar keeps, or null when it is sound. */
export function candleProblem(c: Candle): string | null {
  return ohlcvProblem(c.o, c.h, c.l, c.c, c.v === null ? NaN : c.v, c.v !== null);
}

/**
 * The same over loose fields, for readers that fill columns without making a Candle (volume NaN with
 * hasVolume false: the row has none). Sound bars pass one comparison chain; the words are for the rest.
 */
export function ohlcvProblem(o: number, h: number, l: number, c: number, v: number, hasVolume: boolean): string | null {
  // Written so NaN fails every test: !(x > 0) is true for NaN, and Infinity and the absurd are caught by the next test.
  if (o > 0 && h > 0 && l > 0 && c > 0 && h <= MAX_PRICE && (!hasVolume || (v >= 0 && v <= MAX_VOLUME)) && h >= o && h >= c && h >= l && l <= o && l <= c) return null;
  for (const [name, value] of [['open', o], ['high', h], ['low', l], ['close', c]] as const) {
    if (!Number.isFinite(value)) return `${name} is not a number`;
    if (value <= 0) return `${name} must be greater than 0, got ${value}`;
    if (value > MAX_PRICE) return `${name} ${value} is beyond any market's price (at most ${MAX_PRICE.toLocaleString('en-US')}): a corrupt or mistyped number?`;
  }
  if (hasVolume && (!Number.isFinite(v) || v < 0)) return `volume must be a number of 0 or more, got ${v}`;
  if (hasVolume && v > MAX_VOLUME) return `volume ${v} is beyond any market's volume (at most 1e30): a corrupt or mistyped number?`;
  // Naming the prices out of place, so the line can be mended without working out which one it was.
  if (h < Math.max(o, c, l)) return `high ${h} is below the ${outOfPlace([['open', o], ['close', c], ['low', l]], (v) => v > h)}: a bar's high is its highest price`;
  if (l > Math.min(o, c)) return `low ${l} is above the ${outOfPlace([['open', o], ['close', c]], (v) => v < l)}: a bar's low is its lowest price`;
  return null;
}

/** "open 100 and the close 101": the named prices `wrong` picks out. */
function outOfPlace(prices: readonly (readonly [string, number])[], wrong: (v: number) => boolean): string {
  return prices
    .filter(([, v]) => wrong(v))
    .map(([name, v]) => `${name} ${v}`)
    .join(' and the ');
}
