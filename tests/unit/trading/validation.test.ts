// Orders refused before anything is sent: each with its reason and the numbers, and nothing journaled.
import { describe, expect, it } from 'vitest';
import { decimalsOf, DEFAULT_PAPER_RULES, inferRules, PaperMarketRules } from '../../../electron/trading/market-rules.ts';
import { OrderRefusedError } from '../../../electron/trading/order-refused.ts';
import { dec, format } from '../../../shared/trading/decimal.ts';
import { amountsText } from '../../../electron/trading/validate-order.ts';
import type { OrderRequest } from '../../../shared/trading/orders.ts';
import { paperRig, USER } from './rig.ts';

function refusal(request: Partial<OrderRequest> & Record<string, unknown>, setup?: (r: ReturnType<typeof paperRig>) => void) {
  const r = paperRig();
  r.feed.onPrice('BTC/USDT', 1, 60_000, 1);
  r.feed.onPrice('TST/USDT', 1, 100, 1);
  setup?.(r);
  const before = r.journal.orders('paper', { status: 'all', limit: 100 }).length;
  const eventsBefore = r.events.length;
  let error: unknown;
  try {
    r.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.01', price: '59000', ...request } as OrderRequest, USER);
  } catch (err) {
    error = err;
  }
  expect(error, 'the order should have been refused').toBeInstanceOf(OrderRefusedError);
  // Nothing journaled as sent, no event, no order.
  expect(r.journal.orders('paper', { status: 'all', limit: 100 })).toHaveLength(before);
  expect(r.events.length).toBe(eventsBefore);
  const e = error as OrderRefusedError;
  return { message: e.message, field: e.refusal.field, code: e.code };
}

describe('order validation', () => {
  it('refuses a zero, negative or non-numeric quantity', () => {
    expect(refusal({ qty: '0' })).toMatchObject({ field: 'qty', code: 'invalid_request' });
    expect(refusal({ qty: '0' }).message).toMatch(/greater than 0/);
    expect(refusal({ qty: '-1' }).message).toMatch(/qty/);
    expect(refusal({ qty: 'NaN' }).message).toMatch(/qty: a decimal number/);
    expect(refusal({ qty: 1 as unknown as string }).field).toBe('qty');
  });

  it('refuses quantities off the step size or under the minimums, saying what would do', () => {
    expect(refusal({ qty: '0.000015' }).message).toBe('order refused: qty 0.000015 is not a multiple of the step size 0.00001 for BTC/USDT; use 0.00001 or 0.00002');
    expect(refusal({ qty: '0.00005', price: '59000' }).message).toBe(
      'order refused: order value 2.95 USDT (0.00005 × 59000) is below the minimum 5 USDT for BTC/USDT; the smallest qty at this price is 0.00009',
    );
  });

  it('refuses prices off the tick size', () => {
    expect(refusal({ price: '59000.005' })).toMatchObject({ field: 'price', message: 'order refused: price 59000.005 is not a multiple of the tick size 0.01 for BTC/USDT; use 59000 or 59000.01' });
    expect(refusal({ type: 'stop-market', price: undefined, triggerPrice: '61000.123' }).field).toBe('triggerPrice');
  });

  it('refuses an unknown symbol and lists the valid ones', () => {
    const r = refusal({ symbol: 'NOPE/USDT' });
    expect(r.field).toBe('symbol');
    expect(r.message).toMatch(/^order refused: unknown symbol "NOPE\/USDT"; valid symbols: .*BTC\/USDT.*ETH\/USDT.*TST\/USDT/);
  });

  it('refuses a market quoted in another asset than the account', () => {
    expect(refusal({ symbol: 'ETH/BTC', price: '0.05' }).message).toMatch(/ETH\/BTC is quoted in BTC, but the account holds USDT/);
  });

  it('refuses what an order type needs but lacks, or has but cannot use', () => {
    expect(refusal({ price: undefined }).message).toMatch(/a limit order needs a price/);
    expect(refusal({ type: 'stop-limit', triggerPrice: '61000' , price: undefined}).message).toMatch(/a stop-limit order needs a price/);
    expect(refusal({ type: 'stop-market', price: undefined }).message).toMatch(/a stop-market order needs a triggerPrice/);
    expect(refusal({ type: 'take-profit', price: undefined }).message).toMatch(/a take-profit order needs a triggerPrice/);
    expect(refusal({ type: 'trailing-stop', side: 'sell', price: undefined }).message).toMatch(/a trailing-stop order needs a trail/);
    expect(refusal({ type: 'market', price: '59000' }).message).toMatch(/a market order takes no limit price/);
    expect(refusal({ triggerPrice: '59000' }).message).toMatch(/a limit order takes no triggerPrice/);
    expect(refusal({ trail: { percent: 1 } }).message).toMatch(/a limit order takes no trail/);
  });

  it('refuses contradictory flags', () => {
    expect(refusal({ type: 'market', price: undefined, postOnly: true }).message).toMatch(/postOnly applies to limit orders only; a market order always takes liquidity/);
    expect(refusal({ postOnly: true, timeInForce: 'IOC' }).message).toMatch(/postOnly with IOC contradicts itself/);
  });

  it('refuses a trigger already passed', () => {
    expect(refusal({ type: 'stop-market', price: undefined, triggerPrice: '59000' }).message).toMatch(
      /a buy stop-market triggers when the price rises to its trigger, and 59000 is already at or below the last price 60000/,
    );
    expect(refusal({ type: 'take-profit', side: 'sell', price: undefined, triggerPrice: '59000' }, (r) => r.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.01', price: '60000' }, USER)).field).toBe('triggerPrice');
  });

  it('refuses a contradictory bracket', () => {
    expect(refusal({ bracket: { stopLoss: { triggerPrice: '59500' } } }).message).toMatch(/the stop-loss of a long must be below the entry 59000; 59500 is not/);
    expect(refusal({ bracket: { takeProfits: [{ price: '58000', fraction: 1 }] } }).message).toMatch(/take-profit 1 of a long must be above the entry 59000/);
    expect(refusal({ bracket: { takeProfits: [{ price: '61000', fraction: 0.7 }, { price: '62000', fraction: 0.6 }] } }).message).toMatch(/fractions add up to 1.3/);
    expect(refusal({ bracket: {} }).message).toMatch(/a bracket needs a stopLoss \(or a trailingStop\), takeProfits or both/);
    expect(refusal({ reduceOnly: true, side: 'sell', bracket: { stopLoss: { triggerPrice: '1' } } }, (r) => {
      r.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' }, USER);
      r.feed.onPrice('BTC/USDT', 2, 60_000, 1);
    }).message).toMatch(/reduce-only order cannot carry a bracket/);
  });

  it('refuses orders beyond the balance: cash for buys (fee included), coins for spot sells', () => {
    const buy = refusal({ qty: '0.2', type: 'market', price: undefined });
    expect(buy).toMatchObject({ code: 'conflict', field: 'qty' });
    expect(buy.message).toBe('order refused: buying 0.2 BTC at 60000 needs 12,012 USDT (fee included); 10,000 USDT is free');
    expect(refusal({ side: 'sell', type: 'market', price: undefined }).message).toBe(
      'order refused: selling 0.01 BTC needs it held: the user ledger holds 0 BTC; spot accounts cannot go short',
    );
    // Cash already held by an open order is not free.
    const held = refusal({ qty: '0.1' }, (r) => r.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.1', price: '59000' }, USER));
    expect(held.message).toMatch(/needs 5,905.9 USDT \(fee included\); 4,094.1 USDT is free/);
  });

  it('lets a reduce-only order close a remainder below the minimum value', () => {
    const r = paperRig();
    r.feed.onPrice('BTC/USDT', 1, 60_000, 1);
    r.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.001' }, USER);
    r.feed.onPrice('BTC/USDT', 2, 60_000, 1);
    r.engine.submit({ symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.00095' }, USER);
    r.feed.onPrice('BTC/USDT', 3, 60_000, 1);
    // 0.00005 BTC is worth 3 USDT, under the 5 USDT minimum: only reduce-only may sell it.
    expect(() => r.engine.submit({ symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.00005' }, USER)).toThrow(/below the minimum 5 USDT/);
    expect(r.engine.closePosition('BTC/USDT', 'user', USER)).toMatchObject({ qty: '0.00005', reduceOnly: true, status: 'accepted' });
  });

  it('refuses a market order before any price, and reduce-only with nothing to reduce', () => {
    const r = paperRig();
    expect(() => r.engine.submit({ symbol: 'ETH/USDT', side: 'buy', type: 'market', qty: '0.01' }, USER)).toThrow(/no market price for ETH\/USDT yet/);
    expect(refusal({ side: 'sell', reduceOnly: true, price: '61000' }).message).toMatch(/reduce-only sell has nothing to reduce: the user ledger's BTC\/USDT position is 0/);
  });

  it('previews cost, fee and risk, and the refusal without placing anything', () => {
    const r = paperRig();
    r.feed.onPrice('BTC/USDT', 1, 60_000, 1);
    const ok = r.engine.preview({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.1', price: '59000', bracket: { stopLoss: { triggerPrice: '58000' } } }, USER);
    // notional 5900, fee 5.9; risk = 0.1 × 1000 + 5.9 + 5.8
    expect(ok).toEqual({ notional: '5900', fee: '5.9', cost: '5905.9', riskToStop: '111.7', refusal: null });
    const bad = r.engine.preview({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '59000' }, USER);
    expect(bad.refusal).toMatch(/needs 59,059 USDT/);
    expect(r.engine.orders({ status: 'all', limit: 10 })).toEqual([]);
  });
});

describe('market rules', () => {
  it('has the common markets', () => {
    const btc = DEFAULT_PAPER_RULES.find((r) => r.symbol === 'BTC/USDT')!;
    expect([format(btc.tickSize), format(btc.stepSize), format(btc.minNotional)]).toEqual(['0.01', '0.00001', '5']);
  });

  it('infers tick and step for other markets from their stored prices', () => {
    expect(decimalsOf(46216.93)).toBe(2);
    expect(decimalsOf(0.000123)).toBe(6);
    const r = inferRules('PEPE/USDT', [0.00001234, 0.0000124, 0.00001301])!;
    expect([format(r.tickSize), format(r.stepSize), r.base, r.quote]).toEqual(['0.00000001', '1', 'PEPE', 'USDT']);
    const sol = inferRules('XYZ/USDT', [150.12, 151.3, 149.875])!;
    expect([format(sol.tickSize), format(sol.stepSize), format(sol.minNotional)]).toEqual(['0.001', '0.001', '5']);
    expect(inferRules('NONE/USDT', [])).toBeNull();
  });

  it('derives rules on demand and lists stored symbols among the valid ones', () => {
    const rules = new PaperMarketRules({ table: [], samplePrices: (s) => (s === 'ABC/USDT' ? [1.5, 1.25] : null), storedSymbols: () => ['ABC/USDT'] });
    expect(rules.rules('XYZ/USDT')).toBeNull();
    expect(format(rules.rules('ABC/USDT')!.tickSize)).toBe('0.01');
    expect(rules.symbols()).toEqual(['ABC/USDT']);
  });
});

describe('the funds refusal as a trader reads it', () => {
  it('writes what an order needs and what is free to the cent, exact only where cents would show them equal', () => {
    // A backtest's cash after many fills carries the fees' long decimals: 36923.9905927652623 read as noise.
    expect(amountsText(dec('36937.07973306'), dec('36923.9905927652623'), 'USDT')).toEqual(['36,937.08 USDT', '36,923.99 USDT']);
    // A thousandth apart: the cents would say 100 needs 100, so the exact figures say it.
    expect(amountsText(dec('100.004'), dec('100.001'), 'USDT')).toEqual(['100.004 USDT', '100.001 USDT']);
  });
});
