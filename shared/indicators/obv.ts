// On-balance volume: starts at 0 on the first bar, then adds the bar's volume when the close rose,
// subtracts it when it fell, leaves it when unchanged (TradingView's convention; TA-Lib's OBV is the
// same line plus the first bar's volume). No warm-up: a value from the first bar.
// NaN input: a bar with a NaN close or volume is a missing bar (NaN output, the total carries over
// and the next bar compares with the last valid close).
import { checkSameLength, outputArray } from './validate.ts';

export function obv(close: Float64Array, volume: Float64Array, out?: Float64Array): Float64Array {
  const n = checkSameLength('obv', 'close and volume', close, volume);
  const o = outputArray('obv', n, out);
  const st = Float64Array.of(0, NaN); // total, last valid close
  let i = 0;
  while (i < n) {
    i = obvRun(close, volume, o, i, n, st);
    for (; i < n && !(close[i]! === close[i]! && volume[i]! === volume[i]!); i++) o[i] = NaN;
  }
  return o;
}

/**
 * The hot loop, from bar i until the end or the first bar with a NaN (whose index it returns); the
 * total and the last close go in and out through st. The total has one update path (a signed
 * volume is added), which keeps V8 from spilling it every bar (see ema.ts).
 */
function obvRun(close: Float64Array, volume: Float64Array, o: Float64Array, i: number, n: number, st: Float64Array): number {
  let total = st[0]!;
  let pc = st[1]!;
  for (; i < n; i++) {
    const c = close[i]!;
    const v = volume[i]!;
    if (c !== c || v !== v) break;
    total += c > pc ? v : c < pc ? -v : 0;
    pc = c;
    o[i] = total;
  }
  st[0] = total;
  st[1] = pc;
  return i;
}

/** Streaming OBV; same arithmetic as obv(). */
export class ObvStream {
  private total = 0;
  private pc = NaN;
  private pTotal = 0;
  private pPc = NaN;
  private bars = 0;
  private out = NaN;

  get value(): number {
    return this.out;
  }

  add(close: number, volume: number): number {
    this.pTotal = this.total;
    this.pPc = this.pc;
    this.bars++;
    return this.apply(close, volume);
  }

  replace(close: number, volume: number): number {
    if (this.bars === 0) return this.add(close, volume);
    this.total = this.pTotal;
    this.pc = this.pPc;
    return this.apply(close, volume);
  }

  private apply(c: number, v: number): number {
    if (c !== c || v !== v) return (this.out = NaN);
    this.total += c > this.pc ? v : c < this.pc ? -v : 0;
    this.pc = c;
    return (this.out = this.total);
  }
}
