// Where a run's fills go on its price line. The line is thinned (a few thousand points for any length of
// run) and lightweight-charts spaces points by index, so a fill is put on the line's last point at or
// before it rather than at a time of its own, which would wedge extra points into the axis.

export interface FillMark {
  /** The price point's time, epoch ms. */
  time: number;
  side: 'buy' | 'sell';
}

/** More than this and the arrows are a smear: the chart says so instead (the HTML report does the same). */
export const MAX_MARKS = 2000;

export function fillMarks(price: readonly (readonly [number, number])[], fills: readonly { ts: number; side: 'buy' | 'sell' }[]): FillMark[] {
  if (price.length === 0 || fills.length > MAX_MARKS) return [];
  const out: FillMark[] = [];
  for (const f of fills) {
    // The last point at or before the fill (the first one for a fill before the line starts).
    let lo = 0;
    let hi = price.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (price[mid]![0] <= f.ts) lo = mid;
      else hi = mid - 1;
    }
    out.push({ time: price[lo]![0], side: f.side });
  }
  return out;
}
