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
});
