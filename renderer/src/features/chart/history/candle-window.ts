// The candles on the chart: a window of a series that can grow to the left (older history fetched as
// the user scrolls back) and to the right (live candles), and is kept at MAX_BARS or about that so
// the chart stays fast. Pure bookkeeping: the feed fetches, this decides what is kept.
//
// When older history would push the window past MAX_BARS, the newest bars are dropped and the window
// is "detached" from the live edge: live candles then wait in `ahead` (by open time) instead of being
// drawn far to the right of what the user is reading, and come back when the user scrolls forward
// and the gap is fetched (see nextNewerRange).
import type { Candle } from '../../../../../shared/domain/candle.ts';

/** The most bars the chart holds when older history is joined on. */
export const MAX_BARS = 20_000;
/** Live bars may push the window this far past MAX_BARS before the oldest are trimmed in one go. */
export const LIVE_SLACK = 1_000;
/** Live candles kept while detached; older ones are journaled and fetched again when needed. */
export const MAX_AHEAD = 20_000;

/** One bar of a live batch as applied: its index in the window and whether it was appended. */
export interface BarChange {
  index: number;
  candle: Candle;
  appended: boolean;
}

export class CandleWindow {
  candles: Candle[] = [];
  /** The journal holds nothing older than the first candle. */
  reachedStart = false;
  /** The last candle is the newest known, so live candles extend the window. */
  atLiveEdge = true;
  private readonly ahead = new Map<number, Candle>();

  /** A fresh window: the latest candles of a series. `complete` when the fetch returned fewer than it asked for. */
  reset(history: Candle[], complete: boolean): void {
    this.candles = history;
    this.reachedStart = complete;
    this.atLiveEdge = true;
    this.ahead.clear();
  }

  get length(): number {
    return this.candles.length;
  }

  get first(): Candle | undefined {
    return this.candles[0];
  }

  get last(): Candle | undefined {
    return this.candles.at(-1);
  }

  /**
   * Applies live candles, oldest first. Candles older than the last are refused (the chart only
   * appends or amends its last bar); while detached they are kept aside.
   */
  applyLive(batch: readonly Candle[]): BarChange[] {
    const changes: BarChange[] = [];
    for (const c of batch) {
      if (!this.atLiveEdge) {
        this.keepAhead(c);
        continue;
      }
      const n = this.candles.length;
      const last = this.candles[n - 1];
      if (last !== undefined && c.t < last.t) continue;
      if (last !== undefined && c.t === last.t) {
        this.candles[n - 1] = c;
        const prev = changes.at(-1);
        if (prev && prev.index === n - 1) prev.candle = c;
        else changes.push({ index: n - 1, candle: c, appended: false });
      } else {
        this.candles.push(c);
        changes.push({ index: n, candle: c, appended: true });
      }
    }
    return changes;
  }

  /** How many of the oldest bars to drop now that live bars have grown the window (0: none yet). */
  liveOverflow(): number {
    return this.candles.length > MAX_BARS + LIVE_SLACK ? this.candles.length - MAX_BARS : 0;
  }

  trimLeft(n: number): void {
    if (n <= 0) return;
    this.candles.splice(0, n);
    this.reachedStart = false;
  }

  /**
   * Joins older candles (oldest first) on the left. Returns how many were added, and how many of the
   * newest bars were dropped to stay within MAX_BARS (which detaches the window from the live edge).
   */
  prependOlder(older: readonly Candle[], complete: boolean): { added: number; droppedRight: number } {
    const first = this.candles[0];
    const fresh = first === undefined ? older.slice() : older.filter((c) => c.t < first.t);
    if (complete) this.reachedStart = true;
    if (fresh.length === 0) return { added: 0, droppedRight: 0 };
    this.candles = fresh.concat(this.candles);
    const droppedRight = Math.max(0, this.candles.length - MAX_BARS);
    if (droppedRight > 0) {
      const dropped = this.candles.splice(MAX_BARS, droppedRight);
      // The newest dropped bar may be a forming candle the journal does not hold yet: keep it.
      if (this.atLiveEdge) this.keepAhead(dropped.at(-1)!);
      this.atLiveEdge = false;
    }
    return { added: fresh.length, droppedRight };
  }

  /**
   * While detached: the open-time range of the next newer window to fetch, at most `limit` bars of
   * `timeframeMs` after the last bar and never reaching the first candle kept aside (so a replay's
   * future is never fetched). Null when attached or nothing is known ahead.
   */
  nextNewerRange(limit: number, timeframeMs: number): { from: number; to: number; closesGap: boolean } | null {
    const last = this.last;
    const firstAhead = this.firstAhead();
    if (this.atLiveEdge || last === undefined || firstAhead === null) return null;
    const from = last.t + 1;
    const gapEnd = firstAhead - 1;
    const windowEnd = last.t + limit * timeframeMs;
    if (gapEnd < from) return { from, to: from, closesGap: true };
    return windowEnd >= gapEnd ? { from, to: gapEnd, closesGap: true } : { from, to: windowEnd, closesGap: false };
  }

  /**
   * Joins newer candles (oldest first) on the right; when they close the gap, the candles kept aside
   * follow and the window is attached again. Returns how many bars were added.
   */
  appendNewer(newer: readonly Candle[], closesGap: boolean): number {
    const before = this.candles.length;
    const lastT = () => this.candles.at(-1)?.t ?? -Infinity;
    for (const c of newer) if (c.t > lastT()) this.candles.push(c);
    if (closesGap) {
      const kept = [...this.ahead.values()].sort((a, b) => a.t - b.t);
      for (const c of kept) if (c.t > lastT()) this.candles.push(c);
      this.ahead.clear();
      this.atLiveEdge = true;
    }
    return this.candles.length - before;
  }

  /** How many bars beyond MAX_BARS the window holds after appending newer history (drop from the left). */
  overflow(): number {
    return Math.max(0, this.candles.length - MAX_BARS);
  }

  /** Hands over the candles kept aside (oldest first) and forgets them: the window is about to be reloaded. */
  takeAhead(): Candle[] {
    const kept = [...this.ahead.values()].sort((a, b) => a.t - b.t);
    this.ahead.clear();
    return kept;
  }

  get aheadCount(): number {
    return this.ahead.size;
  }

  /** The open time of the oldest candle kept aside, or null. Live candles arrive in time order, so it is the first key. */
  firstAheadTime(): number | null {
    return this.firstAhead();
  }

  private firstAhead(): number | null {
    const first = this.ahead.keys().next();
    return first.done ? null : first.value;
  }

  private keepAhead(c: Candle): void {
    this.ahead.set(c.t, c);
    if (this.ahead.size > MAX_AHEAD) {
      const oldest = this.firstAhead();
      if (oldest !== null) this.ahead.delete(oldest);
    }
  }
}
