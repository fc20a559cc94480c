// Modes and limits: switching any time without losing state, validation that leaves the old value, saving.
import { describe, expect, it } from 'vitest';
import { memorySettings } from '../../../electron/risk/settings-store.ts';
import { RiskSettings } from '../../../electron/risk/risk-settings.ts';
import { DEFAULT_LIMITS, MODE_FIGURES } from '../../../shared/risk/risk-limits.ts';
import { KeelError } from '../../../shared/contract/errors.ts';
import { riskRig } from './risk-rig.ts';

describe('risk modes', () => {
  it('apply the mode figures (conservative 1 %, 3 positions, 75 %; moderate 2 %, 5, 70 %; aggressive 3-5 %, 8, 80 %)', () => {
    const s = new RiskSettings(memorySettings());
    expect(s.mode).toBe('moderate');
    for (const mode of ['conservative', 'moderate', 'aggressive'] as const) {
      s.setMode(mode);
      expect(s.limits).toMatchObject(MODE_FIGURES[mode]);
    }
    expect(MODE_FIGURES.aggressive).toEqual({ riskPerTradePct: 3, riskPerTradeMaxPct: 5, maxConcurrentPositions: 8, minAiConfidencePct: 80 });
  });

  it('a switch never closes or resizes anything, applies to new orders, and keeps the monitors', () => {
    const r = riskRig({ mode: 'aggressive', limits: { defaultStopPct: 10 } });
    r.tick('BTC/USDT', 1_000, 100);
    r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '20' }, { kind: 'user' }); // 20 × 10 = 200 = 2 % of equity: aggressive allows 3 %
    r.tick('BTC/USDT', 2_000, 100);
    const resting = r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '20', price: '90' }, { kind: 'user' });
    const before = { positions: r.engine.positions(), open: r.engine.openOrders().map((o) => ({ id: o.id, qty: o.qty })) };
    const state = r.risk.setMode('conservative', 'user');
    expect(state.mode).toBe('conservative');
    expect(r.engine.positions()).toEqual(before.positions);
    expect(r.engine.openOrders().map((o) => ({ id: o.id, qty: o.qty }))).toEqual(before.open);
    expect(r.engine.openOrder(resting.id)?.status).toBe('accepted');
    // New orders meet the new figures: 15 × 10 = 150 = 1.5 %, over conservative's 1 %.
    expect(() => r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '15', price: '100' }, { kind: 'user' })).not.toThrow();
    const refused = r.engine.orders({ status: 'all', limit: 1 })[0]!;
    expect(refused.status).toBe('rejected');
    expect(refused.reason).toMatch(/of conservative mode/);
    expect(r.of('risk.event').map((e) => e.kind)).toEqual(['mode', 'refusal']);
    expect(r.of('risk.event')[0]!.message).toMatch(/applies to new orders, open positions and orders are unchanged/);
  });
});

describe('risk limits', () => {
  it('refuse negative, NaN and absurd values with a clear message; the previous value stays', () => {
    const r = riskRig();
    const before = r.risk.state().limits;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ maxDrawdownPct: -5 }, /Max drawdown must be a number more than 0% and at most 100%, got -5; the previous value \(100\) stays/],
      [{ dailyLossLimitPct: Number.NaN }, /Daily loss limit must be a number .* got NaN/],
      [{ maxLeverage: 1e9 }, /Leverage cap must be a number more than 0 and at most 125, got 1000000000/],
      [{ maxConcurrentPositions: 2.5 }, /must be a whole number from 1 to 1,000, got 2.5/],
      [{ timeZone: 'Mars/Olympus' }, /must be an IANA time zone such as Europe\/Paris or UTC, got "Mars\/Olympus"/],
      [{ riskPerTradePct: 2, riskPerTradeMaxPct: 1 }, /may not be below risk per trade/],
    ];
    for (const [patch, message] of cases) {
      expect(() => r.risk.setLimits(patch as never, 'user')).toThrow(KeelError);
      expect(() => r.risk.setLimits(patch as never, 'user')).toThrow(message);
      expect(r.risk.state().limits).toEqual(before);
    }
    // A valid patch with one bad field changes nothing at all.
    expect(() => r.risk.setLimits({ maxTotalExposure: 5000, fatFingerPct: 0 }, 'user')).toThrow(/Fat-finger guard/);
    expect(r.risk.state().limits.maxTotalExposure).toBe(before.maxTotalExposure);
  });

  it('a preset mode owns its figures: changing them asks for custom; other limits change in any mode', () => {
    const r = riskRig({ mode: 'moderate' });
    expect(() => r.risk.setLimits({ riskPerTradePct: 4 }, 'user')).toThrow(/belongs to the moderate mode \(2\); switch to the custom mode to set it/);
    expect(r.risk.setLimits({ maxLeverage: 2 }, 'user').limits.maxLeverage).toBe(2);
    r.risk.setMode('custom', 'user');
    expect(r.risk.setLimits({ riskPerTradePct: 4, riskPerTradeMaxPct: 4 }, 'user').limits.riskPerTradePct).toBe(4);
  });

  it('are saved in the settings table and read back by the next start', () => {
    const store = memorySettings();
    const a = new RiskSettings(store, { timeZone: 'Europe/Paris' });
    a.setMode('aggressive');
    a.setLimits({ maxTotalExposure: 12_345, symbolAllowlist: ['BTC/USDT'] });
    const b = new RiskSettings(store);
    expect(b.mode).toBe('aggressive');
    expect(b.limits).toMatchObject({ maxTotalExposure: 12_345, symbolAllowlist: ['BTC/USDT'], timeZone: 'Europe/Paris', riskPerTradePct: 3 });
    // A hand-edited, broken value falls back to the defaults with a reason.
    const broken = new RiskSettings(memorySettings({ 'risk.settings': { mode: 'custom', limits: { maxLeverage: -1 } } }));
    expect(broken.limits.maxLeverage).toBe(DEFAULT_LIMITS.maxLeverage);
    expect(broken.loadProblem).toMatch(/Leverage cap/);
  });
});
