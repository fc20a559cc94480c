// Round-trip trades from a fill list: a trade opens when the position leaves zero and closes when it is
// back at zero (a fill through zero closes one trade and opens the next with the rest). Its P&L is
// everything sold minus everything bought, less every fee paid on the way, so trades add up to the
// account's realized P&L. It ended by what the fill that closed it was: a protective exit (the entry's
// stop-loss or take-profit) or the strategy's own order.
import type { ExitReason } from '../../shared/backtest/run-exits.ts';

export interface FillRow {
  /** Epoch ms. */
  ts: number;
  side: 'buy' | 'sell';
  price: number;
  qty: number;
  fee: number;
  /** Borrow interest a buy that took back a short paid on top of its fee (margin runs with a borrow rate); absent when none. */
  interest?: number;
  /** The market, in a portfolio run (one run, several markets); absent in a single-market run. */
  symbol?: string;
  /** Which protective exit of an entry this fill was; absent for the strategy's own orders. */
  exit?: 'stop-loss' | 'trailing-stop' | 'take-profit';
  /** The tag of the order it filled ("breakout", "margin call"); absent for an order without one. */
  tag?: string;
}

export interface Trade {
  side: 'long' | 'short';
  entryTs: number;
  exitTs: number;
  /** Volume-weighted entry and exit prices. */
  entryPrice: number;
  exitPrice: number;
  /** The largest size the position reached. */
  qty: number;
  fees: number;
  /** Borrow interest a short paid (or, open at the end, owes); absent for longs and free borrowing. */
  interest?: number;
  /** Net of fees and borrow interest, quote asset. */
  pnl: number;
  /** pnl / what the entry cost. */
  returnPct: number;
  /** False for a position still open at the end (valued at the last close). */
  closed: boolean;
  /** Why it ended: the strategy's order ("signal"), the entry's stop-loss or take-profit, or "open" at the end. */
  exit: ExitReason;
  /** The tag of the order that opened it; absent when that order had none. */
  entryTag?: string;
  /**
   * The tag of the order that closed it: the strategy's own ("cross-down"), or the kill switch's flatten
   * ("kill switch", "margin call"); absent for one without a tag, a protective exit (`exit` says which) and one still open.
   */
  exitTag?: string;
  /**
   * How far it went for and against it while open (excursions.ts): percent of the entry price, and quote
   * money at its largest size. Absent until the runner has walked the bars.
   */
  runUpPct?: number;
  drawdownPct?: number;
  runUp?: number;
  drawdown?: number;
  /** The market, in a portfolio run; absent in a single-market run. */
  symbol?: string;
}

/** Which protective exit an order is (a bracket child: its stop, trailing stop, or limit target); undefined for the strategy's own. */
export function protectiveExit(order: { readonly parentId: string | null; readonly type: string }): FillRow['exit'] {
  if (order.parentId === null) return undefined;
  return order.type === 'limit' ? 'take-profit' : order.type === 'trailing-stop' ? 'trailing-stop' : 'stop-loss';
}

/**
 * The round trips of `fills`; one still open at the end is valued at `lastPrice`, less `owedAtEnd`, the borrow
 * interest a short open at the end owes by then (it would pay it to buy back).
 */
export function tradesFrom(fills: readonly FillRow[], lastPrice: number, lastTs: number, owedAtEnd = 0): Trade[] {
  const out: Trade[] = [];
  let pos = 0;
  let cur: Round | null = null;
  const eps = 1e-12;
  for (const f of fills) {
    let qty = f.qty;
    let fee = f.fee;
    const signed = f.side === 'buy' ? 1 : -1;
    while (qty > eps) {
      if (!cur) cur = { side: signed > 0 ? 'long' : 'short', entryTs: f.ts, entryTag: f.tag, inQty: 0, inValue: 0, outQty: 0, outValue: 0, fees: 0, interest: 0, peak: 0 };
      const adding = (cur.side === 'long') === (signed > 0);
      const take = adding ? qty : Math.min(qty, Math.abs(pos));
      const feePart = qty > 0 ? (fee * take) / qty : 0;
      if (adding) {
        cur.inQty += take;
        cur.inValue += take * f.price;
      } else {
        cur.outQty += take;
        cur.outValue += take * f.price;
        // A fill's interest is all for the short it takes back, never for what it opens past zero.
        if (f.interest !== undefined && qty === f.qty) cur.interest += f.interest;
      }
      cur.fees += feePart;
      pos += signed * take;
      cur.peak = Math.max(cur.peak, Math.abs(pos));
      qty -= take;
      fee -= feePart;
      if (!adding && Math.abs(pos) <= eps * Math.max(1, cur.peak)) {
        pos = 0;
        out.push(finish(cur, f.ts, f.exit ?? 'signal', f.tag));
        cur = null;
      }
    }
  }
  if (cur) {
    const open = Math.abs(pos);
    cur.outQty += open;
    cur.outValue += open * lastPrice;
    cur.interest += owedAtEnd;
    out.push(finish(cur, lastTs, 'open', undefined));
  }
  return out;
}

interface Round {
  side: 'long' | 'short';
  entryTs: number;
  entryTag: string | undefined;
  inQty: number;
  inValue: number;
  outQty: number;
  outValue: number;
  fees: number;
  interest: number;
  peak: number;
}

function finish(c: Round, exitTs: number, exit: ExitReason, exitTag: string | undefined): Trade {
  const gross = c.side === 'long' ? c.outValue - c.inValue : c.inValue - c.outValue;
  const pnl = gross - c.fees - c.interest;
  const trade: Trade = {
    side: c.side,
    entryTs: c.entryTs,
    exitTs,
    entryPrice: c.inQty > 0 ? c.inValue / c.inQty : Number.NaN,
    exitPrice: c.outQty > 0 ? c.outValue / c.outQty : Number.NaN,
    // Rounded to 1e-12 (no market's step is finer; cheaper than toPrecision, once a trade): a fill through zero
    // leaves the rest as a float difference (0.18 − 0.1 is 0.07999999999999999), while the engine's own
    // quantities are exact decimals on the step.
    qty: Math.round(c.peak * 1e12) / 1e12,
    fees: c.fees,
    pnl,
    returnPct: c.inValue > 0 ? (pnl / c.inValue) * 100 : 0,
    closed: exit !== 'open',
    exit,
    // Measured on the bars afterwards (excursions.ts); here so every trade has one shape.
    runUpPct: 0,
    drawdownPct: 0,
    runUp: 0,
    drawdown: 0,
  };
  if (c.interest !== 0) trade.interest = c.interest;
  if (c.entryTag !== undefined) trade.entryTag = c.entryTag;
  if (exitTag !== undefined) trade.exitTag = exitTag;
  return trade;
}
