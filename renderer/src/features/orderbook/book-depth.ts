// The order book as the depth panel shows it: levels grouped to a price step, a running total per
// side, each row's depth bar as a share of the deeper side's total, and the spread. Pure, so it is
// unit-tested; the panel only lays it out.
import type { Book, BookLevel } from '../market/market-types.ts';

export interface DepthRow {
  price: number;
  amount: number;
  /** Amount from the best price down to this row. */
  total: number;
  /** 0..1: total / the larger side's total over the rows shown, the width of the row's depth bar. */
  depth: number;
}

export interface DepthView {
  /** Best first (lowest ask first); the panel shows them reversed so the best sits next to the spread. */
  asks: DepthRow[];
  /** Best first (highest bid first). */
  bids: DepthRow[];
  spread: number | null;
  /** Spread in basis points of the mid price. */
  spreadBps: number | null;
  mid: number | null;
}

/**
 * Merges levels into buckets of `step`: bids round down and asks round up, so a grouped level never
 * looks better than the orders in it. A step of 0 keeps the levels as they are.
 */
export function groupLevels(levels: readonly BookLevel[], step: number, side: 'bid' | 'ask'): BookLevel[] {
  if (!(step > 0)) return levels.slice();
  const grouped: [number, number][] = [];
  for (const [price, amount] of levels) {
    const bucket = side === 'bid' ? Math.floor(price / step + 1e-9) * step : Math.ceil(price / step - 1e-9) * step;
    const key = Number(bucket.toFixed(10));
    const last = grouped.at(-1);
    if (last && last[0] === key) last[1] += amount;
    else grouped.push([key, amount]);
  }
  return grouped;
}

function withTotals(levels: readonly BookLevel[], rows: number): DepthRow[] {
  let total = 0;
  return levels.slice(0, rows).map(([price, amount]) => {
    total += amount;
    return { price, amount, total, depth: 0 };
  });
}

export function depthView(book: Book | null, rows: number, step = 0): DepthView {
  if (!book) return { asks: [], bids: [], spread: null, spreadBps: null, mid: null };
  const asks = withTotals(groupLevels(book.asks, step, 'ask'), rows);
  const bids = withTotals(groupLevels(book.bids, step, 'bid'), rows);
  const deepest = Math.max(asks.at(-1)?.total ?? 0, bids.at(-1)?.total ?? 0);
  for (const r of [...asks, ...bids]) r.depth = deepest > 0 ? r.total / deepest : 0;
  const bestAsk = book.asks[0]?.[0];
  const bestBid = book.bids[0]?.[0];
  if (bestAsk === undefined || bestBid === undefined) return { asks, bids, spread: null, spreadBps: null, mid: null };
  const spread = bestAsk - bestBid;
  const mid = (bestAsk + bestBid) / 2;
  return { asks, bids, spread, spreadBps: mid > 0 ? (spread / mid) * 10_000 : null, mid };
}

/** Price steps offered for grouping: the tick and a few round multiples of powers of ten around the price. */
export function groupingSteps(price: number | null, tickSize: number | null): number[] {
  if (price === null || !(price > 0)) return [0];
  const base = tickSize && tickSize > 0 ? tickSize : 10 ** (Math.floor(Math.log10(price)) - 5);
  const steps = [0];
  for (const m of [10, 100, 1000]) {
    const s = Number((base * m).toPrecision(6));
    if (s < price / 20) steps.push(s);
  }
  return steps;
}
