// The ticket's outcome line follows its order to the end: a market buy cut for cash says what was bought
// of what and the venue's reason; one nothing of which was paid for says so; whole fills and cancels stay
// "Placed …"; and the blotter's list keeps expired orders until put away.
import { beforeEach, describe, expect, it } from 'vitest';
import { outcomeLine } from '../../../renderer/src/features/ticket/outcome-text.ts';
import { applyOrders, dismissEnded, expiredOrderList, orderNow, useOrders } from '../../../renderer/src/features/orders/orders-store.ts';
import { wireOrder } from './wire-order.ts';

const CUT = 'cut to 0.0149 BTC: the free cash, 1,000 USDT, covered no more at the fill price 101 (fee included); the other 0.0001 BTC expired';
const market = (patch: Parameters<typeof wireOrder>[0]) => wireOrder({ type: 'market', price: null, qty: '0.015', ...patch });

describe('the ticket outcome line', () => {
  it('a cut market buy: bought what of what, at what, and the reason word for word', () => {
    expect(outcomeLine(market({ status: 'expired', filledQty: '0.0149', avgFillPrice: '43210.5', reason: CUT }))).toEqual({
      kind: 'short',
      text: 'Bought 0.0149 of 0.015 BTC at 43,210.50; the rest expired',
      reason: CUT,
    });
  });

  it('an unfilled one: not bought, and why', () => {
    const why = 'not filled: the free cash, 3 USDT, covered not even one step (0.00001 BTC) at the fill price 101 (fee included)';
    expect(outcomeLine(market({ status: 'expired', reason: why }))).toEqual({ kind: 'short', text: 'Not bought: BUY MKT 0.015 BTC/USDT expired', reason: why });
    expect(outcomeLine(market({ side: 'sell', status: 'expired', filledQty: '0.01', avgFillPrice: '100', reason: 'x' })).text).toBe('Sold 0.01 of 0.015 BTC at 100.0000; the rest expired');
  });

  it('working, filled whole, cancelled and rejected orders keep the "Placed …" and "Rejected: …" lines', () => {
    expect(outcomeLine(market({ status: 'accepted' }))).toEqual({ kind: 'placed', text: 'Placed BUY MKT 0.015 BTC/USDT · accepted', reason: null });
    expect(outcomeLine(market({ status: 'filled', filledQty: '0.015', avgFillPrice: '43210.5' })).text).toBe('Placed BUY MKT 0.015 BTC/USDT · filled at 43,210.50');
    expect(outcomeLine(wireOrder({ status: 'cancelled', reason: 'cancelled by the user' })).text).toBe('Placed BUY LMT 0.5 BTC/USDT @ 45,000.00 · cancelled');
    expect(outcomeLine(market({ status: 'rejected', reason: 'too big' }))).toEqual({ kind: 'rejected', text: 'Rejected: BUY MKT 0.015 BTC/USDT.', reason: 'too big' });
  });
});

describe('ended orders in the orders store', () => {
  beforeEach(() => useOrders.setState({ open: new Map(), loaded: false, seen: new Map(), ended: new Map(), dismissed: new Set() }));

  it('keeps an order that ended, for the ticket and (expired ones) for the blotter, until put away', () => {
    applyOrders([market({ id: 'a', status: 'accepted', updatedAt: 1 })]);
    expect(orderNow(useOrders.getState(), 'a')?.status).toBe('accepted');
    applyOrders([market({ id: 'a', status: 'expired', filledQty: '0.0149', reason: CUT, updatedAt: 2 }), market({ id: 'b', status: 'filled', filledQty: '0.015', updatedAt: 3 })]);
    const s = useOrders.getState();
    expect(s.open.size).toBe(0);
    expect(orderNow(s, 'a')?.reason).toBe(CUT);
    expect(expiredOrderList(s.ended, s.dismissed).map((o) => o.id)).toEqual(['a']);
    dismissEnded('a');
    expect(expiredOrderList(useOrders.getState().ended, useOrders.getState().dismissed)).toEqual([]);
    expect(orderNow(useOrders.getState(), 'a')?.status).toBe('expired');
  });
});
