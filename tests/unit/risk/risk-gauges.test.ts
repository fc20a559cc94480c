// The risk panel's gauges as the risk service builds them from what the gate tells it.
import { describe, expect, it } from 'vitest';
import { riskRig } from './risk-rig.ts';

describe('the risk-per-trade gauge', () => {
  it('says no order was checked until one is, then shows its measured risk', () => {
    const r = riskRig({ limits: { riskPerTradePct: 1, riskPerTradeMaxPct: 1, defaultStopPct: 2 } });
    r.tick('BTC/USDT', 1_000, 100);
    const gauge = () => r.risk.state().gauges.find((g) => g.rule === 'risk-per-trade')!;
    expect(gauge()).toMatchObject({ used: 0, text: 'no order checked yet; limit 1%' });
    // 10 × 100 with the default stop 2 % away: 20 at risk, 0.2 % of 10,000.
    expect(r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '10', price: '100' }, { kind: 'user' }).status).toBe('accepted');
    expect(gauge().used).toBeCloseTo(0.2, 12);
    expect(gauge().text).toBe('last order 0.2% of 1%');
  });

  it("keeps showing the last order sent while the ticket previews others (a preview is not an order)", () => {
    const r = riskRig({ limits: { riskPerTradePct: 1, riskPerTradeMaxPct: 1, defaultStopPct: 2 } });
    r.tick('BTC/USDT', 1_000, 100);
    const gauge = () => r.risk.state().gauges.find((g) => g.rule === 'risk-per-trade')!;
    const buy = (qty: string) => ({ symbol: 'BTC/USDT', side: 'buy' as const, type: 'limit' as const, qty, price: '100' });
    // Typing in the ticket previews orders; none of them was sent.
    expect(r.engine.preview(buy('30'), { kind: 'user' }).refusal).toBeNull();
    expect(gauge().text).toBe('no order checked yet; limit 1%');
    expect(r.engine.place(buy('10'), { kind: 'user' }, {}).status).toBe('accepted');
    // A preview of 0.6 % and one the limit would refuse (1.2 %) leave the 0.2 % the sent order took.
    r.engine.preview(buy('30'), { kind: 'user' });
    expect(r.engine.preview(buy('60'), { kind: 'user' }).refusal).toMatch(/risk-per-trade/);
    expect(gauge().text).toBe('last order 0.2% of 1%');
    // A real order the gate refuses is the last order checked: its risk shows, past the limit.
    expect(r.engine.place(buy('60'), { kind: 'user' }, {}).status).toBe('rejected');
    expect(gauge().text).toBe('last order 1.2% of 1%');
  });
});

describe('the largest-position gauge', () => {
  it('counts open orders as the max-position-notional rule does: a resting buy grows the position it would add to', () => {
    const r = riskRig({ limits: { maxPositionNotional: 1_000 } });
    r.tick('BTC/USDT', 1_000, 100);
    const gauge = () => r.risk.state().gauges.find((g) => g.rule === 'max-position-notional')!;
    r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '2' }, { kind: 'user' });
    r.tick('BTC/USDT', 2_000, 100);
    expect(r.engine.positions().find((p) => p.symbol === 'BTC/USDT')?.qty).toBe('2');
    expect(gauge()).toMatchObject({ used: 200, limit: 1_000, text: '200 USDT of 1,000 USDT, open orders included' });
    // A buy limit under the price rests: held with it, the position would be 2 + 6 = 8 BTC, 800 USDT.
    expect(r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '6', price: '90' }, { kind: 'user' }).status).toBe('accepted');
    expect(gauge().used).toBeCloseTo(800, 9);
    // The gate says the same: 3 more would be 11 BTC (1,100 USDT), refused; 2 more, 1,000 USDT, passes.
    expect(r.engine.preview({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '3', price: '100' }, { kind: 'user' }).refusal).toMatch(/max-position-notional: .* position would be 11 /);
    expect(r.engine.preview({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '2', price: '100' }, { kind: 'user' }).refusal).toBeNull();
  });
});
