// SuperTrend (TradingView's ta.supertrend logic, with Wilder's ATR as atr()). Defaults 10 and 3.
//   basic bands: (high + low) / 2 ± mult × ATR(period)
//   the lower band only rises and the upper only falls while the previous close stays on their side;
//   direction flips up when the close breaks above the upper band, down when it breaks below the lower.
//   value = the lower band in an uptrend, the upper band in a downtrend.
// direction is +1 (up) or -1 (down); TradingView's own direction output has the opposite sign.
// The first bar with an ATR starts in a downtrend, as TradingView's does.
// Warm-up: from index `period` (the ATR's). NaN input: a missing bar (NaN outputs, state carries over).
import { atr, AtrStream } from './atr.ts';
import { checkMultiplier, checkPeriod, checkSameLength, outputArray } from './validate.ts';

export interface SuperTrendOutput {
  value: Float64Array;
  /** +1 up, -1 down, NaN in warm-up. */
  direction: Float64Array;
}

/** The band-and-direction recurrence, shared by both forms. */
class SuperTrendState {
  readonly mult: number;
  pc = NaN; // last valid close
  upper = NaN;
  lower = NaN;
  dir = 0; // 0 until the first bar with an ATR
  value = NaN;

  constructor(mult: number) {
    this.mult = mult;
  }

  copyFrom(o: SuperTrendState): void {
    this.pc = o.pc;
    this.upper = o.upper;
    this.lower = o.lower;
    this.dir = o.dir;
  }

  /** One valid bar with its ATR (NaN in the ATR's warm-up). */
  step(h: number, l: number, c: number, a: number): void {
    const pc = this.pc;
    this.pc = c;
    if (a !== a) {
      this.value = NaN;
      return;
    }
    const mid = (h + l) / 2;
    let ub = mid + this.mult * a;
    let lb = mid - this.mult * a;
    if (this.dir === 0) {
      this.dir = -1;
    } else {
      if (!(lb > this.lower || pc < this.lower)) lb = this.lower;
      if (!(ub < this.upper || pc > this.upper)) ub = this.upper;
      this.dir = this.dir === -1 ? (c > ub ? 1 : -1) : c < lb ? -1 : 1;
    }
    this.upper = ub;
    this.lower = lb;
    this.value = this.dir === 1 ? lb : ub;
  }
}

export function supertrend(high: Float64Array, low: Float64Array, close: Float64Array, period = 10, mult = 3, out?: SuperTrendOutput): SuperTrendOutput {
  checkPeriod('supertrend', 'period', period);
  checkMultiplier('supertrend', 'mult', mult);
  const n = checkSameLength('supertrend', 'high, low and close', high, low, close);
  // The ATR goes to `value` first and is overwritten bar by bar (each bar reads its ATR, then writes).
  const value = atr(high, low, close, period, outputArray('supertrend', n, out?.value));
  const direction = outputArray('supertrend', n, out?.direction);
  const s = new SuperTrendState(mult);
  for (let i = 0; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    if (h !== h || l !== l || c !== c) {
      value[i] = NaN;
      direction[i] = NaN;
      continue;
    }
    s.step(h, l, c, value[i]!);
    value[i] = s.value;
    direction[i] = s.value === s.value ? s.dir : NaN;
  }
  return { value, direction };
}

/** Streaming SuperTrend; add() returns the SuperTrend line, `direction` the trend. */
export class SuperTrendStream {
  private readonly a: AtrStream;
  private readonly s: SuperTrendState;
  private readonly before: SuperTrendState;
  private bars = 0;
  private dirOut = NaN;

  constructor(period = 10, mult = 3) {
    checkMultiplier('SuperTrendStream', 'mult', mult);
    this.a = new AtrStream(period);
    this.s = new SuperTrendState(mult);
    this.before = new SuperTrendState(mult);
  }

  get value(): number {
    return this.s.value;
  }
  /** +1 up, -1 down, NaN in warm-up. */
  get direction(): number {
    return this.dirOut;
  }

  add(high: number, low: number, close: number): number {
    this.before.copyFrom(this.s);
    this.bars++;
    return this.apply(high, low, close, this.a.add(high, low, close));
  }

  replace(high: number, low: number, close: number): number {
    if (this.bars === 0) return this.add(high, low, close);
    this.s.copyFrom(this.before);
    return this.apply(high, low, close, this.a.replace(high, low, close));
  }

  private apply(h: number, l: number, c: number, a: number): number {
    if (h !== h || l !== l || c !== c) {
      this.s.value = NaN;
      this.dirOut = NaN;
      return NaN;
    }
    this.s.step(h, l, c, a);
    this.dirOut = this.s.value === this.s.value ? this.s.dir : NaN;
    return this.s.value;
  }
}
