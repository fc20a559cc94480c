// Open orders and positions as price lines, fills as arrows: which are drawn and how they read.
import { describe, expect, it } from 'vitest';
import type { Fill, Order, Position } from '../../../shared/trading/orders.ts';
import { wireOrder } from './wire-order.ts';
import { fillMarkers, orderLines, positionLines, restingPrice } from '../../../renderer/src/features/chart/trades/trade-overlays.ts';

const MIN = 60_000;

const order = (patch: Partial<Order>): Order => wireOrder({ qty: '0.50000000', createdAt: 0, updatedAt: 0, ...patch });

function fill(patch: Partial<Fill>): Fill {
  return { id: 'f1', orderId: 'o1', clientOrderId: 'c1', account: 'paper', symbol: 'BTC/USDT', side: 'buy', price: '45000.5', qty: '0.1', fee: '0.01', feeAsset: 'USDT', liquidity: 'taker', origin: { kind: 'user' }, ts: 10 * MIN + 5_000, ...patch };
}

const position = (patch: Partial<Position>): Position => ({ symbol: 'BTC/USDT', ledger: 'user', qty: '0.3', avgEntryPrice: '44000', realizedPnl: '0', unrealizedPnl: '0', feesPaid: '0', markPrice: null, updatedAt: 0, ...patch });

describe('order lines', () => {
  it('draws open orders of the symbol at their limit, trigger or trailing level, with what is left', () => {
    const lines = orderLines(
      [
        order({ id: 'a' }),
        order({ id: 'b', side: 'sell', type: 'stop-market', price: null, triggerPrice: '43000', qty: '1', filledQty: '0.25', status: 'partially_filled' }),
        order({ id: 'c', type: 'trailing-stop', side: 'sell', price: null, trailingStopPrice: '44100.5' }),
        order({ id: 'd', status: 'filled' }),
        order({ id: 'e', symbol: 'ETH/USDT' }),
        order({ id: 'f', type: 'market', price: null }),
      ],
      'BTC/USDT',
    );
    expect(lines).toEqual([
      { id: 'order:a', price: 45_000, color: '#2ebd85', title: 'BUY LMT 0.5', dashed: false },
      { id: 'order:b', price: 43_000, color: '#f6465d', title: 'SELL STP 0.75', dashed: true },
      { id: 'order:c', price: 44_100.5, color: '#f6465d', title: 'SELL TRAIL 0.5', dashed: true },
    ]);
  });

  it('prefers the limit price of a stop-limit', () => {
    expect(restingPrice(order({ type: 'stop-limit', price: '101', triggerPrice: '100' }))).toBe(101);
  });
});

describe('position lines', () => {
  it('draws each ledger’s open position at its entry', () => {
    expect(positionLines([position({}), position({ ledger: 'ai', qty: '-0.2', avgEntryPrice: '46000' }), position({ qty: '0' }), position({ symbol: 'ETH/USDT' })], 'BTC/USDT')).toEqual([
      { id: 'position:user', price: 44_000, color: '#f0b90b', title: 'LONG 0.3', dashed: false },
      { id: 'position:ai', price: 46_000, color: '#f0b90b', title: 'SHORT 0.2 ai', dashed: false },
    ]);
  });
});

describe('fill markers', () => {
  it('puts each fill on its bar, merges fills of one bar and side, and skips bars off the chart', () => {
    const markers = fillMarkers(
      [fill({}), fill({ id: 'f2', qty: '0.25', ts: 10 * MIN + 30_000 }), fill({ id: 'f3', side: 'sell', ts: 12 * MIN }), fill({ id: 'f4', ts: 2 * MIN }), fill({ id: 'f5', symbol: 'ETH/USDT' })],
      'BTC/USDT',
      MIN,
      5 * MIN,
      Infinity,
    );
    expect(markers).toEqual([
      { id: `fill:${10 * MIN}:buy`, time: 10 * MIN, side: 'buy', text: 'B 0.35 ×2' },
      { id: `fill:${12 * MIN}:sell`, time: 12 * MIN, side: 'sell', text: 'S 0.1 @ 45,000.50' },
    ]);
  });
});
