// Stochastic oscillator (slow): fast %K = 100 × (close - lowest low) / (highest high - lowest low) over
// `kPeriod` bars; %K = SMA(fast %K, kSmooth); %D = SMA(%K, dPeriod). Defaults 14, 3, 3. This is
// TA-Lib's STOCH with SMA smoothing. When the range is 0 (high = low over the window) fast %K is 50,
// neutral; TA-Lib prints 0 there.
// Warm-up: %K from index kPeriod+kSmooth-2, %D from kPeriod+kSmooth+dPeriod-3 (15 and 17 for 14/3/3);
// TA-Lib starts both at the %D index.
// NaN input: window rule — a NaN high or low spoils the kPeriod windows that hold it, a NaN close
// only its own bar's fast %K; the smoothing SMAs then spread it by their own windows.
import { sma, SmaStream } from './sma.ts';
import { checkPeriod, checkSameLength, outputArray } from './validate.ts';
import { rollingMax, rollingMin, WindowExtremeStream } from './window-extremes.ts';

export interface StochasticOutput {
  k: Float64Array;
  d: Float64Array;
}

export function stochastic(high: Float64Array, low: Float64Array, close: Float64Array, kPeriod = 14, kSmooth = 3, dPeriod = 3, out?: StochasticOutput): StochasticOutput {
  checkPeriod('stochastic', 'kPeriod', kPeriod);
  checkPeriod('stochastic', 'kSmooth', kSmooth);
  checkPeriod('stochastic', 'dPeriod', dPeriod);
  const n = checkSameLength('stochastic', 'high, low and close', high, low, close);
  const k = outputArray('stochastic', n, out?.k);
  const d = outputArray('stochastic', n, out?.d);
  const hh = rollingMax(high, kPeriod);
  const fastK = rollingMin(low, kPeriod); // holds the lowest low until overwritten in place
  for (let i = 0; i < n; i++) fastK[i] = fastKOf(close[i]!, hh[i]!, fastK[i]!);
  sma(fastK, kSmooth, k);
  sma(k, dPeriod, d);
  return { k, d };
}

function fastKOf(c: number, hh: number, ll: number): number {
  const range = hh - ll;
  if (range === 0) return c === c ? 50 : NaN;
  return (100 * (c - ll)) / range; // NaN in, NaN out
}

/** Streaming stochastic; the same steps as stochastic(). add() returns %K. */
export class StochasticStream {
  private readonly hi: WindowExtremeStream;
  private readonly lo: WindowExtremeStream;
  private readonly kSma: SmaStream;
  private readonly dSma: SmaStream;

  constructor(kPeriod = 14, kSmooth = 3, dPeriod = 3) {
    this.hi = new WindowExtremeStream(kPeriod, 'max');
    this.lo = new WindowExtremeStream(kPeriod, 'min');
    this.kSma = new SmaStream(kSmooth);
    this.dSma = new SmaStream(dPeriod);
  }

  get value(): number {
    return this.kSma.value;
  }
  get k(): number {
    return this.kSma.value;
  }
  get d(): number {
    return this.dSma.value;
  }

  add(high: number, low: number, close: number): number {
    const k = this.kSma.add(fastKOf(close, this.hi.add(high), this.lo.add(low)));
    this.dSma.add(k);
    return k;
  }

  replace(high: number, low: number, close: number): number {
    const k = this.kSma.replace(fastKOf(close, this.hi.replace(high), this.lo.replace(low)));
    this.dSma.replace(k);
    return k;
  }
}
