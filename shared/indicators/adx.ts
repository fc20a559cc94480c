// Directional movement: +DI, -DI and ADX, Wilder's smoothing as TA-Lib computes it (PLUS_DI, MINUS_DI
// and ADX agree with TA-Lib to rounding). Default period 14.
//   +DM = high - prevHigh when that exceeds prevLow - low and is > 0, else 0; -DM likewise.
//   The smoothed +DM, -DM and TR start as the plain SUM of the first period-1 bars' values (TA-Lib's
//   seed; Wilder's book sums `period` of them), then each bar: s = s·(period-1)/period + value
//   (TA-Lib: s - s/period + value, the same to rounding).
//   +DI = 100 × s(+DM) / s(TR), -DI likewise; DX = 100 × |+DI - -DI| / (+DI + -DI);
//   ADX = mean of the first `period` DX values, then adx = adx·(period-1)/period + dx/period.
// Warm-up: +DI and -DI from index `period`, ADX from 2×period-1 (14 and 27 for 14).
// Degenerate bars, as TA-Lib: a smoothed TR of 0 gives +DI = -DI = 0; when +DI + -DI is 0 DX is
// undefined and the ADX holds its value (in the seed average it counts as 0).
// NaN input: a bar with a NaN high, low or close is a missing bar (NaN outputs, state carries over).
import { checkPeriod, checkSameLength, outputArray } from './validate.ts';

export interface AdxOutput {
  plusDi: Float64Array;
  minusDi: Float64Array;
  adx: Float64Array;
}

/** The recurrence, shared by the batch and the streaming form so they cannot drift apart. */
class AdxState {
  readonly period: number;
  readonly k: number;
  readonly b: number;
  ph = NaN;
  pl = NaN;
  pc = NaN;
  seen = 0; // bars with a previous bar
  pdm = 0;
  mdm = 0;
  tr = 0;
  sumDx = 0;
  adx = NaN;
  plusDi = NaN;
  minusDi = NaN;

  constructor(period: number) {
    this.period = period;
    this.k = 1 / period;
    this.b = (period - 1) / period;
  }

  copyFrom(o: AdxState): void {
    this.ph = o.ph;
    this.pl = o.pl;
    this.pc = o.pc;
    this.seen = o.seen;
    this.pdm = o.pdm;
    this.mdm = o.mdm;
    this.tr = o.tr;
    this.sumDx = o.sumDx;
    this.adx = o.adx;
  }

  /** One valid bar. Sets plusDi/minusDi/adx to this bar's outputs (NaN in warm-up). */
  step(h: number, l: number, c: number): void {
    const ph = this.ph;
    const pl = this.pl;
    const pc = this.pc;
    this.ph = h;
    this.pl = l;
    this.pc = c;
    this.plusDi = NaN;
    this.minusDi = NaN;
    if (pc !== pc) return;
    const up = h - ph;
    const down = pl - l;
    let pdm = 0;
    let mdm = 0;
    if (down > 0 && up < down) mdm = down;
    else if (up > 0 && up > down) pdm = up;
    const tr = (h > pc ? h : pc) - (l < pc ? l : pc);
    const p = this.period;
    const seen = ++this.seen;
    if (seen < p) {
      this.pdm += pdm;
      this.mdm += mdm;
      this.tr += tr;
      return;
    }
    this.pdm = this.pdm * this.b + pdm;
    this.mdm = this.mdm * this.b + mdm;
    this.tr = this.tr * this.b + tr;
    let dx = NaN;
    if (this.tr !== 0) {
      const pdi = (100 * this.pdm) / this.tr;
      const mdi = (100 * this.mdm) / this.tr;
      this.plusDi = pdi;
      this.minusDi = mdi;
      const sum = pdi + mdi;
      if (sum !== 0) dx = (100 * Math.abs(pdi - mdi)) / sum;
    } else {
      this.plusDi = 0;
      this.minusDi = 0;
    }
    if (seen < 2 * p - 1) {
      if (dx === dx) this.sumDx += dx;
    } else if (seen === 2 * p - 1) {
      if (dx === dx) this.sumDx += dx;
      this.adx = this.sumDx / p;
    } else {
      // An undefined DX holds the ADX: the same update with dx = adx, so there is one update path.
      this.adx = this.adx * this.b + (dx === dx ? dx : this.adx) * this.k;
    }
  }
}

/**
 * The steady-state loop (ADX seeded), from bar i until the end or the first bar with a NaN (whose
 * index it returns), with the state in locals and the same arithmetic as AdxState.step. A function
 * of its own so every running value has a single update path (see ema.ts).
 */
function adxRun(high: Float64Array, low: Float64Array, close: Float64Array, s: AdxState, plusDi: Float64Array, minusDi: Float64Array, adxOut: Float64Array, i: number, n: number): number {
  const { b, k } = s;
  let ph = s.ph;
  let pl = s.pl;
  let pc = s.pc;
  let spdm = s.pdm;
  let smdm = s.mdm;
  let str = s.tr;
  let adx = s.adx;
  for (; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    if (h !== h || l !== l || c !== c) break;
    const up = h - ph;
    const down = pl - l;
    const mdm = down > 0 && up < down ? down : 0;
    const pdm = mdm === 0 && up > 0 && up > down ? up : 0;
    const tr = (h > pc ? h : pc) - (l < pc ? l : pc);
    ph = h;
    pl = l;
    pc = c;
    spdm = spdm * b + pdm;
    smdm = smdm * b + mdm;
    str = str * b + tr;
    const pdi = str !== 0 ? (100 * spdm) / str : 0;
    const mdi = str !== 0 ? (100 * smdm) / str : 0;
    const sum = pdi + mdi;
    const dx = str !== 0 && sum !== 0 ? (100 * Math.abs(pdi - mdi)) / sum : adx;
    adx = adx * b + dx * k;
    plusDi[i] = pdi;
    minusDi[i] = mdi;
    adxOut[i] = adx;
  }
  s.ph = ph;
  s.pl = pl;
  s.pc = pc;
  s.pdm = spdm;
  s.mdm = smdm;
  s.tr = str;
  s.adx = adx;
  return i;
}

export function adx(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: AdxOutput): AdxOutput {
  checkPeriod('adx', 'period', period);
  const n = checkSameLength('adx', 'high, low and close', high, low, close);
  const plusDi = outputArray('adx', n, out?.plusDi);
  const minusDi = outputArray('adx', n, out?.minusDi);
  const adxOut = outputArray('adx', n, out?.adx);
  const s = new AdxState(period);
  for (let i = 0; i < n; i++) {
    if (s.seen >= 2 * period - 1) {
      i = adxRun(high, low, close, s, plusDi, minusDi, adxOut, i, n);
      if (i >= n) break;
    }
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    if (h !== h || l !== l || c !== c) {
      plusDi[i] = NaN;
      minusDi[i] = NaN;
      adxOut[i] = NaN;
      continue;
    }
    s.step(h, l, c);
    plusDi[i] = s.plusDi;
    minusDi[i] = s.minusDi;
    adxOut[i] = s.adx;
  }
  return { plusDi, minusDi, adx: adxOut };
}

/** Streaming +DI/-DI/ADX; add() returns the ADX. */
export class AdxStream {
  readonly period: number;
  private readonly s: AdxState;
  private readonly before: AdxState;
  private bars = 0;
  private pdi = NaN;
  private mdi = NaN;
  private out = NaN;

  constructor(period = 14) {
    checkPeriod('AdxStream', 'period', period);
    this.period = period;
    this.s = new AdxState(period);
    this.before = new AdxState(period);
  }

  get value(): number {
    return this.out;
  }
  get adx(): number {
    return this.out;
  }
  get plusDi(): number {
    return this.pdi;
  }
  get minusDi(): number {
    return this.mdi;
  }

  add(high: number, low: number, close: number): number {
    this.before.copyFrom(this.s);
    this.bars++;
    return this.apply(high, low, close);
  }

  replace(high: number, low: number, close: number): number {
    if (this.bars === 0) return this.add(high, low, close);
    this.s.copyFrom(this.before);
    return this.apply(high, low, close);
  }

  private apply(h: number, l: number, c: number): number {
    if (h !== h || l !== l || c !== c) {
      this.pdi = NaN;
      this.mdi = NaN;
      return (this.out = NaN);
    }
    this.s.step(h, l, c);
    this.pdi = this.s.plusDi;
    this.mdi = this.s.minusDi;
    return (this.out = this.s.adx);
  }
}
