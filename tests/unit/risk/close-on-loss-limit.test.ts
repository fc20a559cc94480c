// The limits' closeOnLossLimit: a daily-loss or drawdown breach closes every position too (TradingView's
// max drawdown), where by default it leaves them to their stops and exits. A switch already engaged
// without closing them (the trader's pull) closes them at the breach; one that closed them does not again.
import { describe, expect, it } from 'vitest';
import { applyLimitsPatch } from '../../../shared/risk/validate-limits.ts';
import { DEFAULT_LIMITS } from '../../../shared/risk/risk-limits.ts';
import { memorySettings } from '../../../electron/risk/settings-store.ts';
import { riskRig } from './risk-rig.ts';

const USER = { kind: 'user' } as const;

/** 50 BTC bought at 100 on a 10,000 account, with a reduce-only stop far below. */
function long(limits: NonNullable<Parameters<typeof riskRig>[0]>['limits']) {
  const r = riskRig({ limits, startBalance: '10000' });
  r.tick('BTC/USDT', 1_000, 100);
  r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '50' }, USER);
  r.tick('BTC/USDT', 2_000, 100);
  r.engine.place({ symbol: 'BTC/USDT', side: 'sell', type: 'stop-market', qty: '50', triggerPrice: '50', reduceOnly: true }, USER);
  return r;
}

const btc = (r: ReturnType<typeof riskRig>) => r.engine.positions().find((p) => p.symbol === 'BTC/USDT')?.qty;

describe('a loss limit that closes the positions (closeOnLossLimit)', () => {
  it('closes the position at the next price when the daily loss limit is reached, in the system name, tagged kill switch', () => {
    const r = long({ dailyLossLimitPct: 5, closeOnLossLimit: true });
    r.tick('BTC/USDT', 3_000, 89); // −5.5 %
    expect(r.risk.state().kill).toMatchObject({ engaged: true, via: 'daily-loss', flatten: true });
    r.tick('BTC/USDT', 4_000, 88);
    expect(btc(r)).toBe('0');
    const close = r.engine.orders({ status: 'all', limit: 10 }).find((o) => o.tag === 'kill switch')!;
    expect(close).toMatchObject({ side: 'sell', status: 'filled', origin: { kind: 'system' } });
    // The position's stop went with it: nothing is left working.
    expect(r.engine.openOrders()).toHaveLength(0);
    expect(r.of('risk.event').map((e) => e.kind)).toEqual(['breach', 'kill']);
    expect(r.of('risk.event')[1]!.message).toMatch(/kill switch engaged via daily-loss: .*; no orders cancelled, 1 position sent a closing order/);
  });

  it('by default leaves the position open with its stop, and only blocks new entries', () => {
    const r = long({ dailyLossLimitPct: 5 });
    r.tick('BTC/USDT', 3_000, 89);
    r.tick('BTC/USDT', 4_000, 88);
    expect(r.risk.state().kill).toMatchObject({ engaged: true, via: 'daily-loss', flatten: false });
    expect(btc(r)).toBe('50');
    expect(r.engine.openOrders().map((o) => o.type)).toEqual(['stop-market']);
  });

  it('closes the position at a drawdown breach while the trader holds the switch without closing it', () => {
    const r = long({ maxDrawdownPct: 10, closeOnLossLimit: true });
    r.risk.kill({ flatten: false, actor: 'user', via: 'ui' });
    r.tick('BTC/USDT', 3_000, 95);
    expect(btc(r)).toBe('50');
    r.tick('BTC/USDT', 4_000, 79); // −10.5 % from the peak
    expect(r.risk.state().kill).toMatchObject({ engaged: true, via: 'drawdown', by: 'system', flatten: true });
    r.tick('BTC/USDT', 5_000, 79);
    expect(btc(r)).toBe('0');
  });

  it('does not close again when a drawdown breach takes over a daily-loss pull that closed the position', () => {
    const r = long({ dailyLossLimitPct: 5, maxDrawdownPct: 10, closeOnLossLimit: true });
    r.tick('BTC/USDT', 3_000, 89);
    r.tick('BTC/USDT', 4_000, 89); // the closing sell fills: flat at ~9,450
    expect(btc(r)).toBe('0');
    // Flat, the account cannot lose more; a trader's own buy-back is refused by the engaged switch.
    expect(r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '1' }, USER).status).toBe('rejected');
    expect(r.of('risk.event').filter((e) => e.kind === 'kill')).toHaveLength(1);
  });
});

describe('closeOnLossLimit as a limit', () => {
  it('is off by default and takes true or false; anything else is refused, saying what it does', () => {
    expect(DEFAULT_LIMITS.closeOnLossLimit).toBe(false);
    const on = applyLimitsPatch({ ...DEFAULT_LIMITS }, { closeOnLossLimit: true }, 'moderate');
    expect(on).toMatchObject({ ok: true, limits: { closeOnLossLimit: true } });
    const bad = applyLimitsPatch({ ...DEFAULT_LIMITS }, { closeOnLossLimit: 'yes' as unknown as boolean }, 'moderate');
    expect(bad).toEqual({
      ok: false,
      field: 'closeOnLossLimit',
      message: 'Close positions at a loss limit must be true (a daily-loss or drawdown breach closes every position) or false (it leaves them to their stops and exits), got "yes"; the previous value (false) stays',
    });
  });

  it('is kept from a saved state that predates it as off', () => {
    const { closeOnLossLimit: _omitted, ...saved } = { ...DEFAULT_LIMITS, maxDrawdownPct: 30 };
    const r = riskRig({ store: memorySettings({ 'risk.settings': { mode: 'custom', limits: saved } }) });
    expect(r.risk.state().limits).toMatchObject({ maxDrawdownPct: 30, closeOnLossLimit: false });
  });
});
