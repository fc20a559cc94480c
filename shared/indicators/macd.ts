// MACD: macd = EMA(fast) - EMA(slow), signal = EMA(signalPeriod) of the macd line, histogram =
// macd - signal. Each EMA is seeded on its own (SMA of its first `period` inputs), as in the
// textbook and the technicalindicators package; TA-Lib's MACD instead seeds the fast EMA late so
// both start together, which shifts its early values. Warm-up (12/26/9): macd from index 25
// (slow-1), signal and histogram from 33 (slow-1 + signal-1).
// NaN input: a missing bar (NaN in all three outputs, every EMA carries over), as ema().
import { EmaStream } from './ema.ts';
import { checkPeriod, outputArray } from './validate.ts';

export interface MacdOutput {
  macd: Float64Array;
  signal: Float64Array;
  histogram: Float64Array;
}

export function macd(close: Float64Array, fast = 12, slow = 26, signal = 9, out?: MacdOutput): MacdOutput {
  checkPeriod('macd', 'fast', fast);
  checkPeriod('macd', 'slow', slow);
  checkPeriod('macd', 'signal', signal);
  const n = close.length;
  const m = outputArray('macd', n, out?.macd);
  const sg = outputArray('macd', n, out?.signal);
  const h = outputArray('macd', n, out?.histogram);
  // The EmaStream arithmetic: e = e·(1-alpha) + alpha·x.
  const af = 2 / (fast + 1);
  const as = 2 / (slow + 1);
  const ag = 2 / (signal + 1);
  const bf = 1 - af;
  const bs = 1 - as;
  const bg = 1 - ag;
  let fSeen = 0, fSum = 0, f = 0;
  let sSeen = 0, sSum = 0, s = 0;
  let gSeen = 0, gSum = 0, g = 0;
  let i = 0;
  // Warm-up: the three EMAs seed one after the other; the same steps as three EmaStreams.
  for (; i < n && gSeen < signal; i++) {
    const x = close[i]!;
    m[i] = NaN;
    sg[i] = NaN;
    h[i] = NaN;
    if (x !== x) continue;
    if (fSeen < fast) {
      fSum += x;
      if (++fSeen === fast) f = fSum / fast;
    } else f = f * bf + af * x;
    if (sSeen < slow) {
      sSum += x;
      if (++sSeen === slow) s = sSum / slow;
    } else s = s * bs + as * x;
    if (fSeen < fast || sSeen < slow) continue;
    const v = f - s;
    m[i] = v;
    gSum += v;
    if (++gSeen === signal) {
      g = gSum / signal;
      sg[i] = g;
      h[i] = v - g;
    }
  }
  // Steady state: one pass, three recurrences.
  const st = Float64Array.of(f, s, g);
  while (i < n) {
    i = macdRun(close, af, bf, as, bs, ag, bg, m, sg, h, i, n, st);
    for (; i < n && close[i]! !== close[i]!; i++) {
      m[i] = NaN;
      sg[i] = NaN;
      h[i] = NaN;
    }
  }
  return { macd: m, signal: sg, histogram: h };
}

/**
 * The steady-state loop, from bar i until the end or the first NaN close (whose index it returns);
 * the three EMAs go in and out through st. A function of its own so they have a single update path
 * in the loop (see ema.ts: a NaN branch inside costs a spill per bar).
 */
function macdRun(close: Float64Array, af: number, bf: number, as: number, bs: number, ag: number, bg: number, m: Float64Array, sg: Float64Array, h: Float64Array, i: number, n: number, st: Float64Array): number {
  let f = st[0]!;
  let s = st[1]!;
  let g = st[2]!;
  for (; i < n; i++) {
    const x = close[i]!;
    if (x !== x) break;
    f = f * bf + af * x;
    s = s * bs + as * x;
    const v = f - s;
    g = g * bg + ag * v;
    m[i] = v;
    sg[i] = g;
    h[i] = v - g;
  }
  st[0] = f;
  st[1] = s;
  st[2] = g;
  return i;
}

/** Streaming MACD: three EmaStreams, so the numbers are those of macd(). add() returns the macd line. */
export class MacdStream {
  private readonly fast: EmaStream;
  private readonly slow: EmaStream;
  private readonly sig: EmaStream;
  private m = NaN;

  constructor(fast = 12, slow = 26, signal = 9) {
    this.fast = new EmaStream(fast);
    this.slow = new EmaStream(slow);
    this.sig = new EmaStream(signal);
  }

  get value(): number {
    return this.m;
  }
  get macd(): number {
    return this.m;
  }
  get signal(): number {
    return this.sig.value;
  }
  get histogram(): number {
    return this.m - this.sig.value;
  }

  add(close: number): number {
    this.m = this.fast.add(close) - this.slow.add(close);
    this.sig.add(this.m);
    return this.m;
  }

  replace(close: number): number {
    this.m = this.fast.replace(close) - this.slow.replace(close);
    this.sig.replace(this.m);
    return this.m;
  }
}
