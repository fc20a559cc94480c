import { describe, expect, it } from 'vitest';
import { riskPerTrade } from '../../../../electron/risk/rules/risk-per-trade.ts';
import { dec } from '../../../../shared/trading/decimal.ts';
import { account, ctx, limits, order } from './rule-fixtures.ts';

describe('risk-per-trade', () => {
  it('measures distance to the bracket stop × qty against equity and names the numbers and the mode', () => {
    const rule = riskPerTrade(limits({ riskPerTradePct: 1, riskPerTradeMaxPct: 1 }, 'conservative'));
    // 0.1 × (60,000 − 57,600) = 240 of 10,000 equity = 2.4 %.
    const refusal = rule.check(order({ qty: '0.1', price: '60000', stop: '57600' }), ctx());
    expect(refusal?.message).toBe('risk-per-trade: risk 2.4% of equity (240 USDT: 0.1 × 2,400 to the stop at 57,600) exceeds the 1% limit of conservative mode');
    expect(rule.check(order({ qty: '0.04', price: '60000', stop: '57600' }), ctx())).toBeNull();
  });

  it('takes the nearest resting stop of the ledger when the order has none', () => {
    const rule = riskPerTrade(limits({ riskPerTradePct: 1, defaultStopPct: null }));
    const acct = account([], 10_000, { protectiveStop: () => dec('95') });
    expect(rule.check(order({ qty: '20', price: '100' }), ctx({ account: acct }))).toBeNull(); // 20 × 5 = 100 = 1 %
    expect(rule.check(order({ qty: '21', price: '100' }), ctx({ account: acct }))?.rule).toBe('risk-per-trade');
  });

  it('sizes an order without a stop on the default distance, or refuses it when there is none', () => {
    const withDefault = riskPerTrade(limits({ riskPerTradePct: 2, defaultStopPct: 2 }));
    // 100 × 2 % = 2 per unit; 100 units = 200 = 2 %.
    expect(withDefault.check(order({ qty: '100', price: '100' }), ctx())).toBeNull();
    expect(withDefault.check(order({ qty: '101', price: '100' }), ctx())?.message).toMatch(/no stop given, so the default stop 2% away/);
    const none = riskPerTrade(limits({ defaultStopPct: null, defaultStopAtr: null }));
    expect(none.check(order(), ctx())?.message).toMatch(/no stop-loss and no default stop is set/);
  });

  it('uses k × ATR as the default stop when asked and history exists (volatility-adjusted sizing)', () => {
    const rule = riskPerTrade(limits({ riskPerTradePct: 1, defaultStopAtr: 2, defaultStopPct: null }), { atrOf: () => 2.5 });
    // k × ATR = 5 → 1 % of 10,000 = 100 → 20 units.
    expect(rule.check(order({ qty: '20' }), ctx())).toBeNull();
    expect(rule.check(order({ qty: '20.5' }), ctx())?.message).toMatch(/2 × ATR\(14\) = 5 away/);
    const noHistory = riskPerTrade(limits({ defaultStopAtr: 2, defaultStopPct: null }), { atrOf: () => Number.NaN });
    expect(noHistory.check(order(), ctx())?.rule).toBe('risk-per-trade');
  });

  it('lets confident AI orders risk up to the mode ceiling (aggressive: 3 % → 5 %)', () => {
    const rule = riskPerTrade(limits({ riskPerTradePct: 3, riskPerTradeMaxPct: 5, minAiConfidencePct: 80 }, 'aggressive'));
    const ai = (confidence: number) => ({ kind: 'ai' as const, confidence });
    // 4 % of equity: refused for the user and at 80 % confidence, passed at 100 %.
    const big = { qty: '40', price: '100', stop: '90' };
    expect(rule.check(order(big), ctx())?.message).toMatch(/exceeds the 3% limit of aggressive mode/);
    expect(rule.check(order({ ...big, origin: ai(0.8) }), ctx())?.rule).toBe('risk-per-trade');
    expect(rule.check(order({ ...big, origin: ai(1) }), ctx())).toBeNull();
    expect(rule.check(order({ ...big, qty: '41', origin: ai(0.9) }), ctx())?.message).toMatch(/4% limit \(raised from 3% for the AI's confidence\)/);
  });

  it('measures only the part of a reversing order that opens the new position', () => {
    const rule = riskPerTrade(limits({ riskPerTradePct: 1, defaultStopPct: 1 }));
    // Long 50; a sell of 150 closes 50 and opens 100 short: 100 × 1 = 100 = 1 %.
    expect(rule.check(order({ side: 'sell', qty: '150' }), ctx({ position: '50' }))).toBeNull();
    expect(rule.check(order({ side: 'sell', qty: '151' }), ctx({ position: '50' }))?.rule).toBe('risk-per-trade');
  });

  it('refuses everything when equity is gone', () => {
    expect(riskPerTrade(limits()).check(order(), ctx({ account: account([], 0) }))?.message).toMatch(/equity is 0 USDT/);
  });
});
