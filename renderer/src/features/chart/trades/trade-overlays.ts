// What the trading engine's orders, positions and fills look like on the price chart: a line at each
// open order's price (limit, trigger or trailing stop), a line at each position's entry, and an arrow
// on the bar of each fill. Pure, so the rules are unit-tested; the chart view only draws the result.
import { OPEN_STATUSES, type Fill, type Order, type Position } from '../../../../../shared/trading/orders.ts';
import { dec, format } from '../../../../../shared/trading/decimal.ts';
import { formatPrice } from '../../../lib/format.ts';
import { AMBER_COLOR, FILL_COLORS } from '../../../../../shared/backtest/palette.ts';
import { TYPE_SHORT } from '../../orders/order-labels.ts';

export interface PriceLineSpec {
  /** Stable across updates, so a moved order moves its line instead of drawing a second one. */
  id: string;
  price: number;
  color: string;
  /** The axis label's text: "BUY LMT 0.5". */
  title: string;
  dashed: boolean;
}

export interface MarkerSpec {
  id: string;
  /** The open time of the bar the fill happened in, epoch ms. */
  time: number;
  side: 'buy' | 'sell';
  text: string;
}

// A buy's and a sell's colours as a backtest's fills are drawn (shared/backtest/palette.ts); an entry in amber.
const BUY = FILL_COLORS.buy;
const SELL = FILL_COLORS.sell;
const ENTRY = AMBER_COLOR;

const num = (s: string | null | undefined): number | null => {
  if (s === null || s === undefined) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};

/** The price an open order rests at on the chart: its limit, else its trigger, else a trailing stop's current level. */
export function restingPrice(o: Order): number | null {
  return num(o.price) ?? num(o.triggerPrice) ?? num(o.trailingStopPrice);
}

/** One line per open order of `symbol` that has a price to draw (market orders have none). */
export function orderLines(orders: Iterable<Order>, symbol: string): PriceLineSpec[] {
  const lines: PriceLineSpec[] = [];
  for (const o of orders) {
    if (o.symbol !== symbol || !OPEN_STATUSES.includes(o.status)) continue;
    const price = restingPrice(o);
    if (price === null) continue;
    const remaining = format(dec(o.qty) - dec(o.filledQty));
    lines.push({
      id: `order:${o.id}`,
      price,
      color: o.side === 'buy' ? BUY : SELL,
      title: `${o.side.toUpperCase()} ${TYPE_SHORT[o.type]} ${remaining}`,
      dashed: o.type !== 'limit',
    });
  }
  return lines;
}

/** One line per open position of `symbol` (per ledger) at its average entry. */
export function positionLines(positions: Iterable<Position>, symbol: string): PriceLineSpec[] {
  const lines: PriceLineSpec[] = [];
  for (const p of positions) {
    const qty = num(p.qty);
    const entry = num(p.avgEntryPrice);
    if (p.symbol !== symbol || qty === null || qty === 0 || entry === null) continue;
    const side = qty > 0 ? 'LONG' : 'SHORT';
    const ledger = p.ledger === 'user' ? '' : ` ${p.ledger}`;
    lines.push({ id: `position:${p.ledger}`, price: entry, color: ENTRY, title: `${side} ${format(dec(p.qty.replace('-', '')))}${ledger}`, dashed: false });
  }
  return lines;
}

/**
 * An arrow per fill of `symbol` whose bar lies in [firstBar, lastBar]: below the bar for a buy,
 * above for a sell. Fills in the same bar and side merge into one arrow with the summed size.
 */
export function fillMarkers(fills: Iterable<Fill>, symbol: string, timeframeMs: number, firstBar: number, lastBar: number): MarkerSpec[] {
  const merged = new Map<string, { time: number; side: Fill['side']; qty: bigint; count: number; price: number }>();
  for (const f of fills) {
    if (f.symbol !== symbol) continue;
    const time = Math.floor(f.ts / timeframeMs) * timeframeMs;
    if (time < firstBar || time > lastBar) continue;
    const key = `${time}:${f.side}`;
    const m = merged.get(key) ?? { time, side: f.side, qty: 0n, count: 0, price: 0 };
    m.qty += dec(f.qty);
    m.count++;
    m.price = Number(f.price);
    merged.set(key, m);
  }
  return [...merged.entries()]
    .sort((a, b) => a[1].time - b[1].time)
    .map(([key, m]) => ({
      id: `fill:${key}`,
      time: m.time,
      side: m.side,
      text: `${m.side === 'buy' ? 'B' : 'S'} ${format(m.qty)}${m.count === 1 ? ` @ ${formatPrice(m.price)}` : ` ×${m.count}`}`,
    }));
}
