// Turns the candle arrays a ccxt stream (or a REST poll) returns into Keel's forming/closed updates.
// ccxt keeps OHLCV rows without Binance's "closed" flag, so a candle counts as closed when a later one
// arrives; a jump of more than one timeframe means candles were missed, and the caller fills them from REST
// before anything after the jump is emitted, so listeners and the journal see candles in order, once each.
import type { Candle } from '../../../shared/domain/candle.ts';

export interface TrackedUpdate {
  candle: Candle;
  closed: boolean;
}

export interface ApplyResult {
  updates: TrackedUpdate[];
  /** When not null, candles from this open time on must come from REST before these rows can be applied. */
  gapFrom: number | null;
}

export class CandleTracker {
  readonly tfMs: number;
  /** Open time of the newest candle known to be final (streamed closed, or backfilled). */
  lastClosedT: number | null = null;
  forming: Candle | null = null;

  constructor(tfMs: number) {
    this.tfMs = tfMs;
  }

  /**
   * Applies rows (any order). Returns the updates to emit: every candle that closed, then the forming one.
   * With a gap and `acceptGaps` false nothing changes and `gapFrom` says where REST must fill in.
   */
  apply(rows: readonly Candle[], acceptGaps = false): ApplyResult {
    const sorted = [...rows].sort((a, b) => a.t - b.t);
    const fresh = sorted.filter((c) => (this.lastClosedT === null || c.t > this.lastClosedT) && (this.forming === null || c.t >= this.forming.t));
    if (!acceptGaps) {
      let previous = this.forming?.t ?? this.lastClosedT;
      for (const c of fresh) {
        if (previous !== null && c.t > previous + this.tfMs) {
          // Refetch from the first candle not known final: the forming one may have missed its last ticks too.
          return { updates: [], gapFrom: this.lastClosedT !== null ? this.lastClosedT + this.tfMs : (this.forming?.t ?? c.t) };
        }
        previous = c.t;
      }
    }
    const updates: TrackedUpdate[] = [];
    let formingChanged = false;
    for (const c of fresh) {
      if (this.forming !== null && c.t > this.forming.t) {
        updates.push({ candle: this.forming, closed: true });
        this.lastClosedT = this.forming.t;
      }
      this.forming = c;
      formingChanged = true;
    }
    if (formingChanged && this.forming) updates.push({ candle: this.forming, closed: false });
    return { updates, gapFrom: null };
  }

  /** Everything up to open time `t` is final (it came from REST): forget a forming candle at or before it. */
  closedThrough(t: number): void {
    if (this.lastClosedT === null || t > this.lastClosedT) this.lastClosedT = t;
    if (this.forming !== null && this.forming.t <= t) this.forming = null;
  }
}
