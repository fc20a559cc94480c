// Closed trades from fills (the journal's, or a backtest's), as R-multiples (profit ÷ the risk the trade took), the unit a
// projection can scale to any mode's risk per trade. A trade is a position's life from flat to flat per
// (symbol, ledger); its risk is the distance to its entry order's bracket stop × the largest quantity it
// held, or, without a stop, its largest notional × the default stop distance (the same assumption the
// risk-per-trade rule makes).

export interface TradeFill {
  orderId: string;
  symbol: string;
  ledger: string;
  side: 'buy' | 'sell';
  price: number;
  qty: number;
  fee: number;
}

interface Open {
  qty: number;
  cost: number;
  realized: number;
  fees: number;
  maxQty: number;
  maxNotional: number;
  entryPrice: number;
  entryOrder: string;
}

/** Fills oldest first → R per closed trade. `stopOf` gives an entry order's stop-loss trigger, or null. */
export function tradeReturnsInR(fills: readonly TradeFill[], stopOf: (orderId: string) => number | null, defaultStopPct: number): number[] {
  const open = new Map<string, Open>();
  const out: number[] = [];
  for (const f of fills) {
    const key = `${f.symbol}\u0000${f.ledger}`;
    const signed = f.side === 'buy' ? f.qty : -f.qty;
    let t = open.get(key);
    if (!t) {
      t = { qty: 0, cost: 0, realized: 0, fees: 0, maxQty: 0, maxNotional: 0, entryPrice: f.price, entryOrder: f.orderId };
      open.set(key, t);
    }
    t.fees += f.fee;
    if (t.qty === 0 || Math.sign(t.qty) === Math.sign(signed)) {
      t.qty += signed;
      t.cost += signed * f.price;
    } else {
      const closing = Math.min(Math.abs(signed), Math.abs(t.qty));
      const avg = t.cost / t.qty;
      t.realized += closing * (f.price - avg) * Math.sign(t.qty);
      t.cost -= avg * closing * Math.sign(t.qty);
      t.qty += Math.sign(signed) * closing;
      if (Math.abs(t.qty) < 1e-12) {
        const stop = stopOf(t.entryOrder);
        const risk = stop !== null ? Math.abs(t.entryPrice - stop) * t.maxQty : (t.maxNotional * defaultStopPct) / 100;
        if (risk > 0) out.push((t.realized - t.fees) / risk);
        open.delete(key);
        const rest = Math.abs(signed) - closing;
        if (rest > 1e-12) {
          // Through flat: the rest opens the next trade.
          open.set(key, { qty: Math.sign(signed) * rest, cost: Math.sign(signed) * rest * f.price, realized: 0, fees: 0, maxQty: rest, maxNotional: rest * f.price, entryPrice: f.price, entryOrder: f.orderId });
        }
        continue;
      }
    }
    t.maxQty = Math.max(t.maxQty, Math.abs(t.qty));
    t.maxNotional = Math.max(t.maxNotional, Math.abs(t.qty) * f.price);
  }
  return out;
}
