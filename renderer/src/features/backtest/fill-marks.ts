// Where a run's fills go on its price line. The line is thinned (a few thousand points for any length of
// run) and lightweight-charts spaces points by index, so a fill is put on the line's last point at or
// before it rather than at a time of its own, which would wedge extra points into the axis.
//
// Several fills of one side that land on the same point are one arrow: lightweight-charts stacks markers
// of a bar one over the other and widens the price scale to fit the stack, so a busy stretch squashed
// the line into a sliver (the axis reached down to 0).

export interface FillMark {
  /** The price point's time, epoch ms. */
  time: number;
  side: 'buy' | 'sell';
  /** Fills of this side on this point. */
  count: number;
}

/** More than this and the arrows are a smear: the chart says so instead (the HTML report does the same). */
export const MAX_MARKS = 2000;

/** One mark per point and side, in time order (buys before sells on a point). */
export function fillMarks(price: readonly (readonly [number, number])[], fills: readonly { ts: number; side: 'buy' | 'sell' }[]): FillMark[] {
  if (price.length === 0 || fills.length > MAX_MARKS) return [];
  const byPoint = new Map<number, { buy: number; sell: number }>();
  for (const f of fills) {
    const i = pointAtOrBefore(price, f.ts);
    const at = byPoint.get(i) ?? { buy: 0, sell: 0 };
    at[f.side]++;
    byPoint.set(i, at);
  }
  const out: FillMark[] = [];
  for (const [i, at] of [...byPoint].sort((a, b) => a[0] - b[0])) {
    const time = price[i]![0];
    if (at.buy > 0) out.push({ time, side: 'buy', count: at.buy });
    if (at.sell > 0) out.push({ time, side: 'sell', count: at.sell });
  }
  return out;
}

/** The index of the last point at or before ts (the first point for a ts before the line starts). */
export function pointAtOrBefore(price: readonly (readonly [number, number])[], ts: number): number {
  let lo = 0;
  let hi = price.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (price[mid]![0] <= ts) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
