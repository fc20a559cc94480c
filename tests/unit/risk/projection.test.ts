import { describe, expect, it } from 'vitest';
import { monteCarlo } from '../../../electron/risk/projection/monte-carlo.ts';
import { ASSUMPTION_LABEL, Projector } from '../../../electron/risk/projection/projector.ts';
import { tradeReturnsInR } from '../../../shared/risk/trade-returns.ts';
import { memorySettings } from '../../../electron/risk/settings-store.ts';
import { RiskSettings } from '../../../electron/risk/risk-settings.ts';

const req = { startBalance: 100, targets: [500, 1000, 5000], trades: 200, paths: 2000, seed: 7, ruinPct: 50 };

describe('account growth projections', () => {
  it('are deterministic for a seed, and riskier modes spread wider', () => {
    const returns = [2, -1, -1, 2, -1, 1.5, -1, 3, -1, -1];
    const a = monteCarlo({ ...req, returnsR: returns, riskPct: 1 });
    expect(monteCarlo({ ...req, returnsR: returns, riskPct: 1 })).toEqual(a);
    const c = monteCarlo({ ...req, returnsR: returns, riskPct: 5 });
    const spread = (r: typeof a) => r.percentiles.p95.at(-1)! - r.percentiles.p5.at(-1)!;
    expect(spread(c)).toBeGreaterThan(spread(a));
    expect(c.worst5MaxDrawdownPct).toBeGreaterThan(a.worst5MaxDrawdownPct);
    expect(c.ruinProbability).toBeGreaterThanOrEqual(a.ruinProbability);
    expect(a.steps[0]).toBe(0);
    expect(a.steps.at(-1)).toBe(200);
    expect(a.percentiles.p50[0]).toBe(100);
    for (let i = 0; i < a.steps.length; i++) expect(a.percentiles.p5[i]!).toBeLessThanOrEqual(a.percentiles.p95[i]!);
  });

  it('counts ruin: a strategy that always loses 1 R at 10 % risk falls below half in 7 trades', () => {
    const r = monteCarlo({ ...req, returnsR: [-1], riskPct: 10 });
    expect(r.ruinProbability).toBe(1);
    expect(r.targets.every((t) => t.probability === 0)).toBe(true);
  });

  it('turns closed trades into R: profit ÷ (distance to the stop × size)', () => {
    const fills = [
      { orderId: 'e1', symbol: 'BTC/USDT', ledger: 'user', side: 'buy' as const, price: 100, qty: 2, fee: 0 },
      { orderId: 'x1', symbol: 'BTC/USDT', ledger: 'user', side: 'sell' as const, price: 110, qty: 2, fee: 0 },
      { orderId: 'e2', symbol: 'BTC/USDT', ledger: 'user', side: 'sell' as const, price: 100, qty: 1, fee: 1 },
      { orderId: 'x2', symbol: 'BTC/USDT', ledger: 'user', side: 'buy' as const, price: 102, qty: 1, fee: 1 },
    ];
    // Trade 1: stop at 95 → risk 10, profit 20 → 2R. Trade 2: no stop, default 2 % of 100 → risk 2, loss 4 → −2R.
    expect(tradeReturnsInR(fills, (id) => (id === 'e1' ? 95 : null), 2)).toEqual([2, -2]);
  });

  it('labels the assumption when the journal has too few trades', () => {
    const p = new Projector(new RiskSettings(memorySettings()), { fills: () => [], stopOf: () => null });
    const out = p.project({ ...req, mode: 'conservative' });
    expect(out.source.kind).toBe('assumption');
    expect(out.source.label).toContain(ASSUMPTION_LABEL);
    expect(out.riskPerTradePct).toBe(1);
  });
});
