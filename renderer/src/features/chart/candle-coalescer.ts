// Market events can arrive far faster than the screen refreshes (a 1000x replay sends ~70 ticks a
// second, a burst after a stall many more). The chart needs only the latest state of each candle once
// per frame, so ticks wait here, one slot per candle open time, and go to the chart together.
// Keeping a slot per time (not just the newest candle) means a candle that closed inside a frame
// still reaches the chart with its final close before the next one starts.
import type { Candle } from '../../../../shared/domain/candle.ts';

/** Runs `flush` once, soon: requestAnimationFrame in the app, a manual queue in tests. */
export type ScheduleFlush = (flush: () => void) => void;

export class CandleCoalescer {
  private readonly schedule: ScheduleFlush;
  private readonly apply: (candles: Candle[]) => void;
  private readonly pending = new Map<number, Candle>();
  private scheduled = false;
  private held = false;

  /** `apply` gets the waiting candles oldest first, at most once per scheduled flush. */
  constructor(schedule: ScheduleFlush, apply: (candles: Candle[]) => void) {
    this.schedule = schedule;
    this.apply = apply;
  }

  push(candle: Candle): void {
    this.pending.set(candle.t, candle);
    this.kick();
  }

  /** Keep collecting but do not apply, e.g. while the history under these candles is still loading. */
  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    this.kick();
  }

  /** Forget what is waiting (the chart switched to other data). */
  clear(): void {
    this.pending.clear();
  }

  get size(): number {
    return this.pending.size;
  }

  private kick(): void {
    if (this.held || this.scheduled || this.pending.size === 0) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.held || this.pending.size === 0) return;
    const batch = [...this.pending.values()].sort((a, b) => a.t - b.t);
    this.pending.clear();
    this.apply(batch);
  }
}
