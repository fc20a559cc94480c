// Risk-% sizing: exact decimals, rounded down to the step, fees counted, and refusals that say what is valid.
import { describe, expect, it } from 'vitest';
import { dec, mul } from '../../../shared/trading/decimal.ts';
import { sizeByRisk } from '../../../renderer/src/features/ticket/risk-sizing.ts';

const base = { side: 'buy' as const, equity: '10000', riskPct: '1', entry: '46000', stop: '45500', step: '0.00001' };

describe('risk sizing', () => {
  it('risks the percent of equity down to the stop, rounded down to the step', () => {
    // 1% of 10,000 = 100 over a 500 distance = 0.2 exactly.
    expect(sizeByRisk(base)).toEqual({ ok: true, qty: '0.2', budget: '100', risk: '100' });
    // 0.5% of 10,000.37 = 50.00185 over 333.33 → 0.150006300...; down to 0.15000.
    expect(sizeByRisk({ ...base, equity: '10000.37', riskPct: '0.5', entry: '46000', stop: '45666.67' })).toEqual({ ok: true, qty: '0.15', budget: '50.00185', risk: '49.9995' });
  });

  it('never risks more than asked, with exact decimals that a float would get wrong', () => {
    const r = sizeByRisk({ ...base, equity: '0.3', riskPct: '10', entry: '0.3', stop: '0.1', step: '0.00000001' });
    // 10% of 0.3 is 0.03 exactly; / 0.2 = 0.15 exactly (floats give 0.15000000000000002 / 0.1499999...).
    expect(r).toEqual({ ok: true, qty: '0.15', budget: '0.03', risk: '0.03' });
    for (const [equity, pct, entry, stop] of [
      ['12345.678901', '0.73', '46216.93', '45999.99'],
      ['999.99', '2.5', '0.5412', '0.5301'],
      ['50000', '1', '3011.2', '2990.05'],
    ] as const) {
      const s = sizeByRisk({ ...base, equity, riskPct: pct, entry, stop, step: '0.0001' });
      if (!s.ok) throw new Error(s.message);
      expect(dec(s.risk) <= dec(s.budget)).toBe(true);
      // One more step would be over the budget.
      expect(mul(dec(s.qty) + dec('0.0001'), dec(entry) - dec(stop)) > dec(s.budget)).toBe(true);
    }
  });

  it('counts the taker fee on entry and stop as risk', () => {
    // per unit: 500 + 0.001 × (46000 + 45500) = 591.5; 100 / 591.5 = 0.16906...
    expect(sizeByRisk({ ...base, feeRate: '0.001' })).toEqual({ ok: true, qty: '0.16906', budget: '100', risk: '99.99899' });
  });

  it('sizes with a stop given as a percent of the entry, measured from the entry price', () => {
    // 2 % under 46,000 is 45,080: 100 / 920 = 0.10869...; down to 0.10869, risking 99.9948.
    expect(sizeByRisk({ ...base, stop: '2%' })).toEqual({ ok: true, qty: '0.10869', budget: '100', risk: '99.9948' });
    // A sell's is above: 46,920, the same distance.
    expect(sizeByRisk({ ...base, side: 'sell', stop: ' 2 %' })).toEqual({ ok: true, qty: '0.10869', budget: '100', risk: '99.9948' });
  });

  it('sizes a sell with the stop above the entry', () => {
    expect(sizeByRisk({ ...base, side: 'sell', stop: '46400' })).toEqual({ ok: true, qty: '0.25', budget: '100', risk: '100' });
  });

  it('refuses with what is valid', () => {
    expect(sizeByRisk({ ...base, riskPct: '0' })).toMatchObject({ ok: false, field: 'riskPct', message: 'Risk % must be more than 0 and at most 100, like 0.5 or 1' });
    expect(sizeByRisk({ ...base, riskPct: '101' })).toMatchObject({ ok: false, field: 'riskPct' });
    expect(sizeByRisk({ ...base, riskPct: 'x' })).toMatchObject({ ok: false, field: 'riskPct' });
    expect(sizeByRisk({ ...base, equity: null })).toMatchObject({ ok: false, message: expect.stringMatching(/equity is not known/) });
    expect(sizeByRisk({ ...base, entry: null })).toMatchObject({ ok: false, field: 'price' });
    expect(sizeByRisk({ ...base, stop: '' })).toMatchObject({ ok: false, field: 'stopLoss', message: 'Risk sizing needs a stop-loss: a price greater than 0, or a percent below 100 like 2%' });
    expect(sizeByRisk({ ...base, stop: '100%' })).toMatchObject({ ok: false, field: 'stopLoss' });
    expect(sizeByRisk({ ...base, stop: '46000' })).toMatchObject({ ok: false, field: 'stopLoss', message: 'The stop-loss of a buy must be below the entry 46000' });
    expect(sizeByRisk({ ...base, side: 'sell' })).toMatchObject({ ok: false, message: 'The stop-loss of a sell must be above the entry 46000' });
    expect(sizeByRisk({ ...base, riskPct: '0.0001', step: '1' })).toMatchObject({ ok: false, message: expect.stringMatching(/less than one step \(1\)/) });
  });
});
