// Crossings of two lines judged on closed bars. A touch (equal values) is not a cross: the side is the
// last one on which the lines were strictly apart, so a, b = 1,2 → 2,2 → 3,2 crosses once, upward, at the
// third bar. NaN (an indicator still warming up) changes nothing; the first side seen is not a cross, so
// a strategy seeds the side from the bars closed before its first one (seed), as live trading has them.
import type { SeriesView } from './strategy.ts';

export class CrossTracker {
  /** +1: a was last above b; -1: below; 0: not known yet. */
  #side = 0;

  /** Feeds one bar's values; returns +1 when a crossed above b at this bar, -1 below, else 0. */
  update(a: number, b: number): number {
    const d = a - b;
    if (!(d > 0 || d < 0)) return 0;
    const side = d > 0 ? 1 : -1;
    const was = this.#side;
    this.#side = side;
    return was !== 0 && was !== side ? side : 0;
  }

  /**
   * The side the lines were last strictly apart on before the current bar, read back through the bars
   * already closed (a run's warm-up, a live strategy's loaded history), stopping at a value still warming
   * up. Called before the first update: without it a cross on a range's first bar, or the first bar after
   * a live start, was only its side, and a run from one date missed a trade the run from an earlier date made.
   */
  seed(a: SeriesView, b: SeriesView): void {
    for (let k = 1; k < a.length; k++) {
      const d = a.ago(k) - b.ago(k);
      if (d > 0 || d < 0) {
        this.#side = d > 0 ? 1 : -1;
        return;
      }
      if (d !== d) return;
    }
  }

  get side(): number {
    return this.#side;
  }
}

/**
 * The crosses of two lines as a signal, bar by bar (+1 up, -1 down, 0 none), for the cross strategies: the
 * side before the first bar is read from the bars already closed, so a cross on that bar is one.
 */
export function crossSignal(a: SeriesView, b: SeriesView): () => number {
  const cross = new CrossTracker();
  let first = true;
  return () => {
    if (first) {
      first = false;
      cross.seed(a, b);
    }
    return cross.update(a.ago(0), b.ago(0));
  };
}

/** The same rule over whole arrays (reports, tests and the peer library's strategy): +1 / -1 / 0 per bar. */
export function crossings(a: ArrayLike<number>, b: ArrayLike<number>): Int8Array {
  const out = new Int8Array(a.length);
  const t = new CrossTracker();
  for (let i = 0; i < a.length; i++) out[i] = t.update(a[i]!, b[i]!);
  return out;
}
