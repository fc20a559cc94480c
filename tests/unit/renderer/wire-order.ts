// A wire Order (as the engine sends it) for renderer tests: a resting paper limit buy, changed by `patch`.
import type { Order } from '../../../shared/trading/orders.ts';

export function wireOrder(patch: Partial<Order> = {}): Order {
  return {
    id: 'o1',
    clientOrderId: 'c1',
    account: 'paper',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    qty: '0.5',
    filledQty: '0',
    avgFillPrice: null,
    price: '45000',
    triggerPrice: null,
    trail: null,
    timeInForce: 'GTC',
    reduceOnly: false,
    postOnly: false,
    status: 'accepted',
    triggered: false,
    parentId: null,
    ocoGroup: null,
    origin: { kind: 'user' },
    reason: null,
    exchangeOrderId: null,
    createdAt: 1_000,
    updatedAt: 1_000,
    ...patch,
  };
}
