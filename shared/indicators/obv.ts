// On-balance volume: starts at 0 on the first bar, then adds the bar's volume when the close rose,
// subtracts it when it fell, leaves it when unchanged (TradingView's convention; TA-Lib's OBV is the
// same line plus the first bar's volume). No warm-up: a value from the first bar.
// NaN input: a bar with a NaN close or volume is a missing bar (NaN output, the total carries over
// and the next bar compares with the last valid close).
import { checkSameLength, outputArray } from './validate.ts';

export function obv(close: Float64Array, volume: Float64Array, out?: Float64Array): Float64Array {
  const n = checkSameLength('obv', 'close and volume', close, volume);
  const o = outputArray('obv', n, out);
  let total = 0;
  let pc = NaN;
  for (let i = 0; i < n; i++) {
    const c = close[i]!;
    const v = volume[i]!;
    if (c !== c || v !== v) {
      o[i] = NaN;
      continue;
    }
    if (c > pc) total += v;
    else if (c < pc) total -= v;
    pc = c;
    o[i] = total;
  }
  return o;
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
    if (c > this.pc) this.total += v;
    else if (c < this.pc) this.total -= v;
    this.pc = c;
    return (this.out = this.total);
  }
}
