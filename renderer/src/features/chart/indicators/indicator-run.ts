// One indicator's values over the candles on the chart, bar for bar. The loaded history is computed
// in one batch; live bars go through the streaming form: add() for a new bar, replace() while the
// last bar is still forming. The stream is primed lazily with the bars before the first live one,
// so a chart that never streams (stored candles) never pays for it.
import type { Candle } from '../../../../../shared/domain/candle.ts';
import { instanceLabel, specOf } from './indicator-catalog.ts';
import type { CandleColumns, IndicatorInstance, IndicatorSpec, IndicatorStream } from './indicator-types.ts';

export class IndicatorRun {
  readonly instance: IndicatorInstance;
  readonly spec: IndicatorSpec;
  /** "EMA 20": the legend's title, worked out once. */
  readonly label: string;
  /** lines[k][i]: line k (spec order) at bar i of the chart's candles; NaN where it has no value. */
  lines: number[][];
  /** The values of the bar last streamed, reused between updates. */
  readonly latest: Float64Array;
  private stream: IndicatorStream | null = null;
  /** The index of the last bar the stream has seen; -1 before priming. */
  private streamIndex = -1;

  constructor(instance: IndicatorInstance) {
    this.instance = instance;
    this.spec = specOf(instance.kind);
    this.label = instanceLabel(instance);
    this.lines = this.spec.lines.map(() => []);
    this.latest = new Float64Array(this.spec.lines.length);
  }

  get id(): string {
    return this.instance.id;
  }

  /** Recomputes every bar from the history (a new series, or older candles joined on the left). */
  compute(cols: CandleColumns): void {
    this.lines = this.spec.batch(cols, this.instance.params).map((a) => Array.from(a));
    this.stream = null;
    this.streamIndex = -1;
  }

  /**
   * Bar `index` of `candles` is new (the last one, just appended) or changed (still the last one).
   * Returns the bar's values, also written into lines.
   */
  update(candles: readonly Candle[], index: number): Float64Array {
    const bar = candles[index]!;
    if (this.stream === null || index < this.streamIndex || index > this.streamIndex + 1) {
      this.prime(candles, index);
    } else if (index === this.streamIndex) {
      this.stream.replace(bar, this.latest);
    } else {
      this.stream.add(bar, this.latest);
      this.streamIndex = index;
    }
    for (let k = 0; k < this.lines.length; k++) this.lines[k]![index] = this.latest[k]!;
    return this.latest;
  }

  /** The chart dropped its `n` oldest bars; the values and the stream's state stay as they were. */
  trimLeft(n: number): void {
    for (const line of this.lines) line.splice(0, n);
    if (this.streamIndex >= 0) this.streamIndex -= n;
  }

  /** The chart dropped bars from index `length` on (older history pushed the newest out). */
  truncate(length: number): void {
    for (const line of this.lines) line.length = Math.min(line.length, length);
    this.stream = null;
    this.streamIndex = -1;
  }

  /** The value of line k at bar i, NaN when there is none. */
  valueAt(k: number, i: number): number {
    const v = this.lines[k]?.[i];
    return v === undefined ? NaN : v;
  }

  private prime(candles: readonly Candle[], index: number): void {
    const stream = this.spec.stream(this.instance.params);
    for (let j = 0; j < index; j++) stream.add(candles[j]!, this.latest);
    stream.add(candles[index]!, this.latest);
    this.stream = stream;
    this.streamIndex = index;
  }
}
