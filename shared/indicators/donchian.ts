// Donchian channels: upper = highest high of the last `period` bars, lower = lowest low, middle = their
// mean. The current bar is in its own window (the charting convention; a breakout rule that compares
// against the previous N bars should look at the previous bar's channel). Default period 20.
// Warm-up: first value at index period-1. NaN input: window rule, per input (high or low).
import { checkPeriod, checkSameLength, outputArray } from './validate.ts';
import { rollingMax, rollingMin, WindowExtremeStream } from './window-extremes.ts';

export interface DonchianOutput {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

export function donchian(high: Float64Array, low: Float64Array, period = 20, out?: DonchianOutput): DonchianOutput {
  checkPeriod('donchian', 'period', period);
  const n = checkSameLength('donchian', 'high and low', high, low);
  const upper = rollingMax(high, period, outputArray('donchian', n, out?.upper));
  const lower = rollingMin(low, period, outputArray('donchian', n, out?.lower));
  const middle = outputArray('donchian', n, out?.middle);
  for (let i = 0; i < n; i++) middle[i] = (upper[i]! + lower[i]!) / 2;
  return { upper, middle, lower };
}

/** Streaming Donchian channels. add() returns the middle line. */
export class DonchianStream {
  private readonly hi: WindowExtremeStream;
  private readonly lo: WindowExtremeStream;
  private mid = NaN;

  constructor(period = 20) {
    this.hi = new WindowExtremeStream(period, 'max');
    this.lo = new WindowExtremeStream(period, 'min');
  }

  get value(): number {
    return this.mid;
  }
  get upper(): number {
    return this.hi.value;
  }
  get lower(): number {
    return this.lo.value;
  }
  get middle(): number {
    return this.mid;
  }

  add(high: number, low: number): number {
    return (this.mid = (this.hi.add(high) + this.lo.add(low)) / 2);
  }

  replace(high: number, low: number): number {
    return (this.mid = (this.hi.replace(high) + this.lo.replace(low)) / 2);
  }
}
