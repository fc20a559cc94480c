// The kill switch: cancel everything, optionally flatten, block entries until re-armed, survive a restart,
// pulled automatically on a daily loss or drawdown breach. Every trigger is in the audit log.
import { describe, expect, it } from 'vitest';
import { MemoryTradingJournal } from '../../../electron/journal/memory-trading-journal.ts';
import { memorySettings } from '../../../electron/risk/settings-store.ts';
import { riskRig } from './risk-rig.ts';

const USER = { kind: 'user' } as const;

function withOrders(options: Parameters<typeof riskRig>[0] = {}) {
  const r = riskRig(options);
  r.tick('BTC/USDT', 1_000, 100);
  r.tick('ETH/USDT', 1_000, 10);
  r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '5' }, USER);
  r.tick('BTC/USDT', 2_000, 100);
  for (let i = 0; i < 10; i++) r.engine.place({ symbol: 'ETH/USDT', side: 'buy', type: 'limit', qty: '1', price: String(9 - i * 0.1) }, { kind: 'strategy', id: 's1' });
  r.engine.place({ symbol: 'BTC/USDT', side: 'sell', type: 'stop-market', qty: '5', triggerPrice: '90', reduceOnly: true }, USER);
  return r;
}

describe('the kill switch', () => {
  it('cancels every open order but the reduce-only stop protecting the position, and blocks new entries until re-armed; exits still work', () => {
    const r = withOrders();
    expect(r.engine.openOrders()).toHaveLength(11);
    const result = r.risk.kill({ flatten: false, actor: 'user', via: 'ui' });
    expect(result.cancelled).toBe(10);
    // The BTC position stays open (no flatten), so its stop stays working.
    expect(r.engine.openOrders().map((o) => [o.type, o.reduceOnly])).toEqual([['stop-market', true]]);
    expect(result.state).toMatchObject({ status: 'halted', kill: { engaged: true, by: 'user', via: 'ui', flatten: false } });
    const refused = r.engine.place({ symbol: 'ETH/USDT', side: 'buy', type: 'limit', qty: '1', price: '9' }, USER);
    expect(refused.status).toBe('rejected');
    expect(refused.reason).toMatch(/kill-switch: the kill switch is engaged/);
    // Closing the position is not an entry.
    expect(r.engine.closePosition('BTC/USDT', 'user', USER).status).toBe('accepted');
    r.tick('BTC/USDT', 3_000, 100);
    expect(r.engine.positions().find((p) => p.symbol === 'BTC/USDT')?.qty).toBe('0');
    expect(r.risk.rearm('user', 'ui').status).toBe('ok');
    expect(r.engine.place({ symbol: 'ETH/USDT', side: 'buy', type: 'limit', qty: '1', price: '9' }, USER).status).toBe('accepted');
    expect(r.audit.map((a) => a.action)).toEqual(['kill.trigger', 'risk.refuse', 'kill.rearm']);
    expect(r.audit[1]!.details).toMatchObject({ rule: 'kill-switch', order: refused.id });
  });

  it('with flatten, sends a closing order for every position in every ledger', () => {
    const r = withOrders();
    r.tick('ETH/USDT', 3_000, 8); // fills the strategy's bids
    expect(r.engine.positions().filter((p) => p.qty !== '0').map((p) => p.ledger).sort()).toEqual(['strategy:s1', 'user']);
    const result = r.risk.kill({ flatten: true, actor: 'user', via: 'cli' });
    expect(result.flattened).toBe(2);
    r.tick('BTC/USDT', 4_000, 100);
    r.tick('ETH/USDT', 4_000, 8);
    expect(r.engine.positions().every((p) => p.qty === '0')).toBe(true);
    expect(r.engine.openOrders()).toHaveLength(0);
    // The trader pulled it, so the closing orders are theirs, each in the ledger of the position it closed.
    const closes = r.engine.orders({ status: 'all', limit: 20 }).filter((o) => o.tag === 'kill switch');
    expect(closes.map((o) => [o.ledger, o.origin]).sort()).toEqual([
      ['strategy:s1', { kind: 'user' }],
      ['user', { kind: 'user' }],
    ]);
  });

  it('stays engaged across a restart, and cancels what is open again', () => {
    const store = memorySettings({ 'risk.settings': { mode: 'custom', limits: riskRig().risk.state().limits } });
    const journal = new MemoryTradingJournal();
    const a = withOrders({ store, journal });
    a.risk.kill({ flatten: false, actor: 'system', via: 'drawdown', reason: 'test' });
    a.risk.close();
    const b = riskRig({ store, journal });
    expect(b.risk.state()).toMatchObject({ status: 'halted', kill: { engaged: true, reason: 'test', via: 'drawdown' } });
    b.tick('ETH/USDT', 10_000, 10);
    expect(b.engine.place({ symbol: 'ETH/USDT', side: 'buy', type: 'limit', qty: '1', price: '9' }, USER).status).toBe('rejected');
  });

  it('is pulled automatically, once, on a daily loss breach', () => {
    const r = riskRig({ limits: { dailyLossLimitPct: 5 }, startBalance: '10000' });
    r.tick('BTC/USDT', 1_000, 100);
    r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '50' }, USER);
    r.tick('BTC/USDT', 2_000, 100);
    r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '50' }, USER);
    r.tick('BTC/USDT', 3_000, 91); // −450 = −4.5 %
    expect(r.risk.killEngaged).toBe(false);
    r.tick('BTC/USDT', 4_000, 89); // −550 = −5.5 %
    expect(r.risk.killEngaged).toBe(true);
    expect(r.engine.openOrders()).toHaveLength(0);
    const kinds = r.of('risk.event').map((e) => e.kind);
    expect(kinds).toEqual(['breach', 'kill']);
    expect(r.of('risk.event')[0]!.message).toMatch(/today's loss of 5\.\d+% reached the 5% daily loss limit/);
    r.tick('BTC/USDT', 5_000, 88);
    expect(r.of('risk.event').map((e) => e.kind)).toEqual(['breach', 'kill']);
    // Re-armed, the day's limit still blocks entries; the kill switch is not pulled again on the next tick.
    expect(r.risk.rearm('user', 'ui').status).toBe('ok');
    r.tick('BTC/USDT', 6_000, 88);
    expect(r.risk.killEngaged).toBe(false);
    expect(r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '80' }, USER).reason).toMatch(/daily-loss-limit/);
  });

  it("is held for a drawdown breach that comes while a daily-loss pull holds it, without cancelling the trader's exit placed since", () => {
    const r = riskRig({ limits: { dailyLossLimitPct: 5, maxDrawdownPct: 10 }, startBalance: '10000' });
    r.tick('BTC/USDT', 1_000, 100);
    r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '50' }, USER);
    r.tick('BTC/USDT', 2_000, 100);
    r.tick('BTC/USDT', 3_000, 89); // −5.5 % on the day
    expect(r.risk.state().kill).toMatchObject({ engaged: true, via: 'daily-loss' });
    // Exits pass an engaged switch: the trader rests a sell to close the position higher up.
    const exit = r.engine.place({ symbol: 'BTC/USDT', side: 'sell', type: 'limit', qty: '50', price: '95' }, USER);
    expect(exit.status).toBe('accepted');
    r.tick('BTC/USDT', 4_000, 79); // −10.5 % from the peak
    expect(r.risk.state().kill).toMatchObject({ engaged: true, via: 'drawdown', by: 'system', reason: expect.stringMatching(/^a drawdown of 10\.\d+% from the equity peak reached the 10% limit$/) });
    expect(r.engine.openOrders().map((o) => o.id)).toEqual([exit.id]);
    const events = r.of('risk.event');
    expect(events.map((e) => e.kind)).toEqual(['breach', 'kill', 'breach', 'kill']);
    expect(events[3]!.message).toMatch(/^kill switch held via drawdown now: a drawdown of 10\.\d+% .*; it held via daily-loss \(today's loss of 5\.\d+% reached the 5% daily loss limit\); nothing more cancelled$/);
    // The exit still fills when the price comes back to it (a part at each tick, as the paper broker fills a resting limit).
    for (let t = 5_000; t < 200_000 && r.engine.openOrders().length > 0; t += 1_000) r.tick('BTC/USDT', t, 96);
    expect(r.engine.positions().find((p) => p.symbol === 'BTC/USDT')?.qty).toBe('0');
  });

  it('is pulled on a drawdown breach; re-arming starts the peak again', () => {
    const r = riskRig({ limits: { maxDrawdownPct: 10 } });
    r.tick('BTC/USDT', 1_000, 100);
    r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '50' }, USER);
    r.tick('BTC/USDT', 2_000, 120); // peak 11,000
    r.tick('BTC/USDT', 3_000, 98); // 9,900: −10 %
    expect(r.risk.state().kill).toMatchObject({ engaged: true, via: 'drawdown', by: 'system' });
    r.risk.rearm('user', 'ui');
    expect(r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '90' }, USER).status).toBe('accepted');
  });
});

describe('risk services sharing one settings table', () => {
  it('keep their own kill switch, day and peak per scope, and share the mode and limits', () => {
    const store = memorySettings();
    const live = riskRig({ store, scope: 'binance:main' });
    live.risk.kill({ flatten: false, actor: 'user', via: 'ui' });
    live.risk.setMode('conservative', 'user');
    live.risk.close();
    expect([...store.data.keys()].sort()).toEqual(['risk.kill:binance:main', 'risk.monitor:binance:main', 'risk.settings']);
    const paper = riskRig({ store });
    expect(paper.risk.killEngaged).toBe(false);
    expect(paper.risk.state().mode).toBe('conservative');
    expect(riskRig({ store, scope: 'binance:main' }).risk.killEngaged).toBe(true);
  });
});
