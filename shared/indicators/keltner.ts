// Keltner channels: middle = EMA(close, period), upper/lower = middle ± mult × ATR(atrPeriod), the
// modern (Raschke) form with Wilder's ATR as atr(). Defaults 20, 2, 10 (TradingView's).
// Warm-up: middle from index period-1, the bands from max(period-1, atrPeriod) (both 19 for the defaults).
// NaN input: as ema() and atr() — a missing bar, NaN at that bar only (a NaN high or low spoils only the bands).
import { atr, AtrStream } from './atr.ts';
import { ema, EmaStream } from './ema.ts';
import { checkMultiplier, checkPeriod, checkSameLength, outputArray } from './validate.ts';

export interface KeltnerOutput {
  middle: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
}

export function keltner(high: Float64Array, low: Float64Array, close: Float64Array, period = 20, mult = 2, atrPeriod = 10, out?: KeltnerOutput): KeltnerOutput {
  checkPeriod('keltner', 'period', period);
  checkPeriod('keltner', 'atrPeriod', atrPeriod);
  checkMultiplier('keltner', 'mult', mult);
  const n = checkSameLength('keltner', 'high, low and close', high, low, close);
  const middle = ema(close, period, outputArray('keltner', n, out?.middle));
  // The ATR goes to `upper` first, then becomes the band in place.
  const upper = atr(high, low, close, atrPeriod, outputArray('keltner', n, out?.upper));
  const lower = outputArray('keltner', n, out?.lower);
  for (let i = 0; i < n; i++) {
    const m = middle[i]!;
    const w = mult * upper[i]!;
    upper[i] = m + w;
    lower[i] = m - w;
  }
  return { middle, upper, lower };
}

/** Streaming Keltner channels; add() returns the middle line. */
export class KeltnerStream {
  readonly mult: number;
  private readonly e: EmaStream;
  private readonly a: AtrStream;
  private mid = NaN;
  private up = NaN;
  private lo = NaN;

  constructor(period = 20, mult = 2, atrPeriod = 10) {
    checkMultiplier('KeltnerStream', 'mult', mult);
    this.mult = mult;
    this.e = new EmaStream(period);
    this.a = new AtrStream(atrPeriod);
  }

  get value(): number {
    return this.mid;
  }
  get middle(): number {
    return this.mid;
  }
  get upper(): number {
    return this.up;
  }
  get lower(): number {
    return this.lo;
  }

  add(high: number, low: number, close: number): number {
    return this.set(this.e.add(close), this.a.add(high, low, close));
  }

  replace(high: number, low: number, close: number): number {
    return this.set(this.e.replace(close), this.a.replace(high, low, close));
  }

  private set(m: number, a: number): number {
    const w = this.mult * a;
    this.mid = m;
    this.up = m + w;
    this.lo = m - w;
    return m;
  }
}
