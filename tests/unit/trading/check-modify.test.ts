// The check a change to an open order passes before the risk gate (check-modify.ts), over a hand-made
// order and account: each refusal names the field and what is valid, and a change that passes is exactly
// the changes asked for. The engine's own modify path is in engine.test.ts.
import { describe, expect, it } from 'vitest';
import { checkModify, type ModifyContext } from '../../../electron/trading/check-modify.ts';
import type { OrderRecord } from '../../../electron/journal/trading-journal.ts';
import { OrderRefusedError } from '../../../electron/trading/order-refused.ts';
import { dec } from '../../../shared/trading/decimal.ts';
import { TEST_RULES } from './rig.ts';

const limitBuy: OrderRecord = {
  seq: 1, id: 'paper-1', clientOrderId: 'c1', account: 'paper', symbol: 'TST/USDT', side: 'buy', type: 'limit',
  qty: dec('2'), filledQty: dec('0.5'), filledNotional: dec('50'), feesPaid: 0n, price: dec('100'), triggerPrice: null, trail: null, trailExtreme: null,
  timeInForce: 'GTC', reduceOnly: false, postOnly: false, status: 'partially_filled', triggered: false, parentId: null, ocoGroup: null, bracket: null,
  origin: { kind: 'user' }, ledger: 'user', reason: null, tag: null, exchangeOrderId: null, emulated: false, refPrice: dec('100'), createdAt: 1, updatedAt: 1,
};
const stopSell: OrderRecord = { ...limitBuy, id: 'paper-2', side: 'sell', type: 'stop-market', price: null, triggerPrice: dec('90'), filledQty: 0n, filledNotional: 0n, status: 'accepted', refPrice: dec('90') };

const at = (over: Partial<ModifyContext> = {}): ModifyContext => ({
  rules: TEST_RULES,
  lastPrice: () => dec('95'),
  mode: 'spot',
  freeBase: () => dec('5'),
  freeCash: () => dec('1000'),
  takerRate: () => dec('0.001'),
  quoteAsset: 'USDT',
  ...over,
});

/** The refusal checkModify throws: its field and message. */
function refused(rec: OrderRecord, request: Parameters<typeof checkModify>[1], context = at()): { field: string; message: string; code: string } {
  try {
    checkModify(rec, request, context);
  } catch (err) {
    expect(err).toBeInstanceOf(OrderRefusedError);
    const r = (err as OrderRefusedError).refusal;
    return { field: r.field, message: r.message, code: r.code };
  }
  throw new Error('expected a refusal');
}

describe('checkModify', () => {
  it('passes a change the market and the account allow, as exact amounts', () => {
    expect(checkModify(limitBuy, { qty: '3', price: '99.5' }, at())).toEqual({ qty: dec('3'), price: dec('99.5') });
    expect(checkModify(stopSell, { triggerPrice: '91' }, at())).toEqual({ triggerPrice: dec('91') });
  });

  it('refuses what the market does not allow, naming the field and the rule', () => {
    expect(refused(limitBuy, {})).toMatchObject({ field: '(request)', message: 'nothing to change: give qty, price or triggerPrice' });
    expect(refused(limitBuy, { qty: 'lots' })).toMatchObject({ field: 'qty', message: 'qty "lots" is not a decimal number; write it like 0.015 or 42' });
    expect(refused(limitBuy, { qty: '1.0005' })).toMatchObject({ field: 'qty', message: 'qty 1.0005 is not a multiple of the step size 0.001 for TST/USDT' });
    expect(refused(limitBuy, { qty: '0.5' })).toMatchObject({ field: 'qty', message: 'qty must stay above the 0.5 already filled; cancel the order to stop it' });
    expect(refused(limitBuy, { price: '-1' })).toMatchObject({ field: 'price', message: 'price must be greater than 0, got -1' });
    expect(refused(limitBuy, { price: '99.999' })).toMatchObject({ field: 'price', message: 'price 99.999 is not a multiple of the tick size 0.01 for TST/USDT' });
    expect(refused(stopSell, { price: '80' })).toMatchObject({ field: 'price', message: 'a stop-market order has no limit price to change' });
    expect(refused(limitBuy, { triggerPrice: '80' })).toMatchObject({ field: 'triggerPrice', message: 'a limit order has no trigger' });
    expect(refused({ ...stopSell, triggered: true }, { triggerPrice: '80' })).toMatchObject({ message: 'order paper-2 has already triggered' });
    expect(refused(limitBuy, { qty: '3' }, at({ rules: null }))).toMatchObject({ field: 'symbol', message: 'no market rules for TST/USDT' });
  });

  it('refuses a sell stop moved to where it would fire at once', () => {
    expect(refused(stopSell, { triggerPrice: '95' })).toMatchObject({ field: 'triggerPrice', message: 'triggerPrice 95 is already at or above the last price 95; it would fire at once' });
    // Before any price there is nothing to compare with.
    expect(checkModify(stopSell, { triggerPrice: '95' }, at({ lastPrice: () => null }))).toEqual({ triggerPrice: dec('95') });
  });

  it('refuses a change the account cannot pay for or hold, as a conflict', () => {
    // 9.5 more to buy at 100 with the fee: 950.95 of 900 free.
    expect(refused(limitBuy, { qty: '10' }, at({ freeCash: () => dec('900') }))).toEqual({ field: 'qty', code: 'conflict', message: 'the order as changed needs 950.95 USDT (fee included); 900 is free' });
    // A spot sell of 2 with 1 held and free.
    expect(refused(stopSell, { qty: '2' }, at({ freeBase: () => dec('1') }))).toEqual({ field: 'qty', code: 'conflict', message: 'selling 2 more needs it held: the user ledger has 1 free' });
    // On margin a reduce-only sell needs neither.
    expect(checkModify({ ...stopSell, reduceOnly: true }, { qty: '2' }, at({ mode: 'margin', freeCash: () => 0n }))).toEqual({ qty: dec('2') });
  });
});
