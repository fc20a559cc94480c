// The ticket's Max: the most the free cash pays for, fee included as the engine checks it, with headroom
// for the slippage and the price's move on an order at market; what is held for a spot sell.
import { describe, expect, it } from 'vitest';
import { dec, mul } from '../../../shared/trading/decimal.ts';
import { costWithFee } from '../../../electron/trading/validate-order.ts';
import { affordableQty } from '../../../electron/trading/paper/cash-cut.ts';
import { headroomPct, maxSize, type MaxSizeInput } from '../../../renderer/src/features/ticket/max-size.ts';

const base: MaxSizeInput = { side: 'buy', kind: 'spot', atMarket: true, price: '50000', quoteFree: '10000', baseFree: '0', step: '0.00001', minQty: '0.00001', takerFee: '0.001', slippage: '0.0001' };
const qtyOf = (r: ReturnType<typeof maxSize>) => (r.ok ? r.qty : r.message);

describe('Max on the order ticket', () => {
  it('sizes a market buy the venue fills whole at the price plus slippage plus a 0.1 % move, and the engine accepts at the price', () => {
    const q = dec(qtyOf(maxSize(base)));
    const rate = dec('0.001');
    // The engine's own check at the reference price passes...
    expect(costWithFee(q, dec('50000'), rate)).toBeLessThanOrEqual(dec('10000'));
    // ...and at a fill 0.11 % higher the venue's cash cut leaves it whole.
    const fill = dec('50055');
    expect(affordableQty(q, fill, rate, dec('0.00001'), dec('10000'), (x) => mul(mul(x, fill), rate))).toBe(q);
    // Not much is left unspent: within 0.25 % of the cash.
    expect(costWithFee(q, dec('50000'), rate)).toBeGreaterThan(dec('9975'));
  });

  it('leaves no headroom at a limit price (it fills there or better), and the all-in at that price is the most', () => {
    const q = dec(qtyOf(maxSize({ ...base, atMarket: false })));
    const rate = dec('0.001');
    expect(costWithFee(q, dec('50000'), rate)).toBeLessThanOrEqual(dec('10000'));
    expect(costWithFee(q + dec('0.00001'), dec('50000'), rate)).toBeGreaterThan(dec('10000'));
    expect(dec(qtyOf(maxSize(base)))).toBeLessThan(q);
  });

  it('counts the slippage the account reports, and none on a live account', () => {
    expect(dec(qtyOf(maxSize({ ...base, slippage: '0.01' })))).toBeLessThan(dec(qtyOf(maxSize(base))));
    expect(dec(qtyOf(maxSize({ ...base, slippage: undefined })))).toBeGreaterThanOrEqual(dec(qtyOf(maxSize(base))));
    expect(headroomPct('0.0001')).toBe('0.11');
    expect(headroomPct(undefined)).toBe('0.1');
  });

  it('sells what is held on spot, floored to the step; on margin with nothing held, shorts what the cash collateralises', () => {
    expect(maxSize({ ...base, side: 'sell', baseFree: '0.123456789' })).toEqual({ ok: true, qty: '0.12345' });
    expect(maxSize({ ...base, side: 'sell', kind: 'margin', baseFree: '0.5' })).toEqual({ ok: true, qty: '0.5' });
    expect(qtyOf(maxSize({ ...base, side: 'sell', kind: 'margin', baseFree: '0' }))).toBe(qtyOf(maxSize(base)));
  });

  it('says why when there is nothing to size', () => {
    expect(maxSize({ ...base, side: 'sell', baseFree: '0' })).toEqual({ ok: false, message: expect.stringMatching(/^Nothing to sell: 0 free/) });
    expect(maxSize({ ...base, quoteFree: '0.3' })).toEqual({ ok: false, message: expect.stringMatching(/^0\.3 free buys less than the smallest order \(0\.00001\)/) });
    expect(maxSize({ ...base, price: null })).toEqual({ ok: false, message: expect.stringMatching(/needs a price/) });
  });
});
