// How the engine's order types become ccxt createOrder calls on a spot exchange, and which of them the
// exchange holds itself. On Binance spot a stop-limit is STOP_LOSS_LIMIT and a take-profit-limit is
// TAKE_PROFIT_LIMIT (ccxt picks them from the triggerPrice / takeProfitPrice params); stop-market,
// take-profit (market) and trailing stops are emulated by the engine, which sends a market or limit order
// when they fire (emulated-triggers.ts), so they survive a restart in the journal rather than on the venue.
// Reduce-only is the engine's business on spot (it sizes those orders itself); nothing is sent for it.
import { format } from '../../../shared/trading/decimal.ts';
import type { OrderType } from '../../../shared/trading/orders.ts';
import type { BrokerOrder } from '../broker.ts';

export const LIVE_NATIVE_TYPES: readonly OrderType[] = ['market', 'limit', 'stop-limit', 'take-profit-limit'];

export interface CreateOrderArgs {
  symbol: string;
  type: 'market' | 'limit';
  side: 'buy' | 'sell';
  amount: number;
  price: number | undefined;
  params: Record<string, unknown>;
}

/** The createOrder call for an order; the engine's client order id goes out as the exchange's. */
export function createOrderArgs(o: BrokerOrder): CreateOrderArgs {
  // What is left to do: a restored or re-sent order may have filled in part already.
  const amount = Number(format(o.qty - o.filledQty));
  const params: Record<string, unknown> = { clientOrderId: o.clientOrderId };
  const price = o.price === null ? undefined : Number(format(o.price));
  switch (o.type) {
    case 'market':
      return { symbol: o.symbol, type: 'market', side: o.side, amount, price: undefined, params };
    case 'limit':
      if (o.postOnly) params.postOnly = true;
      else params.timeInForce = o.timeInForce;
      return { symbol: o.symbol, type: 'limit', side: o.side, amount, price, params };
    case 'stop-limit':
      return { symbol: o.symbol, type: 'limit', side: o.side, amount, price, params: { ...params, timeInForce: o.timeInForce, triggerPrice: Number(format(o.triggerPrice!)) } };
    case 'take-profit-limit':
      return { symbol: o.symbol, type: 'limit', side: o.side, amount, price, params: { ...params, timeInForce: o.timeInForce, takeProfitPrice: Number(format(o.triggerPrice!)) } };
    default:
      throw new RangeError(`a ${o.type} order cannot be sent to the exchange as is; the engine holds it and sends what it becomes`);
  }
}

/** The engine's report for an exchange status that ends an order (null while it is still open). */
export function finalStatus(status: string | undefined): 'filled' | 'cancelled' | 'expired' | 'rejected' | null {
  switch (status) {
    case 'closed':
      return 'filled';
    case 'canceled':
    case 'cancelled':
      return 'cancelled';
    case 'expired':
      return 'expired';
    case 'rejected':
      return 'rejected';
    default:
      return null;
  }
}
