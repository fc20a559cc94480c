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
