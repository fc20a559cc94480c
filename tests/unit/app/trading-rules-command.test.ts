// trading.rules: a market's grids, minimums and fees as the account's engine checks and charges them,
// with the account kind (spot or margin) the positions table reads to offer Reverse or not.
import { describe, expect, it } from 'vitest';
import { tradingHandlers } from '../../../electron/app/handlers/trading-handlers.ts';
import { paperRig } from '../trading/rig.ts';

const ctx = { shell: 'browser' as const, peer: 'test' };

describe('trading.rules', () => {
  it('answers the paper account’s table rules and fee rates, as decimal strings, with the account kind', async () => {
    const spot = tradingHandlers(paperRig().engine);
    expect(await spot['trading.rules']({ symbol: 'BTC/USDT' }, ctx)).toEqual({
      account: 'paper',
      kind: 'spot',
      symbol: 'BTC/USDT',
      base: 'BTC',
      quote: 'USDT',
      tickSize: '0.01',
      stepSize: '0.00001',
      minQty: '0.00001',
      minNotional: '5',
      makerFee: '0.001',
      takerFee: '0.001',
    });
    const margin = tradingHandlers(paperRig({ mode: 'margin', fill: { feeRate: { maker: 0.00075, taker: 0.001 } } }).engine);
    expect(await margin['trading.rules']({ symbol: 'TST/USDT' }, ctx)).toMatchObject({ kind: 'margin', tickSize: '0.01', stepSize: '0.001', minNotional: '0', makerFee: '0.00075', takerFee: '0.001' });
  });

  it('is not_found for a market the account cannot trade', async () => {
    const h = tradingHandlers(paperRig().engine);
    expect(() => h['trading.rules']({ symbol: 'NOPE/USDT' }, ctx)).toThrow(expect.objectContaining({ code: 'not_found', message: expect.stringContaining('the paper account has no market rules for NOPE/USDT') }));
  });
});
