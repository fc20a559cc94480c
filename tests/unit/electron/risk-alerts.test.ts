// The desktop notification of a kill switch the system pulled: the risk room's own events (a real
// RiskService breaching its limits), told with what pulled it, why, what it did and what to do; the
// trader's own pulls are not told back, and a desktop without notifications is a line in the log.
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract/index.ts';
import { memoryLogger } from '../../../electron/app/logger.ts';
import { installRiskAlerts, riskAlert } from '../../../electron/main/risk-alerts.ts';
import { riskRig } from '../risk/risk-rig.ts';

type RiskEvent = EventPayload<'risk.event'>;
const USER = { kind: 'user' } as const;

/** A long of 50 BTC at 100 on a 10,000 account, then a fall to 89: 5.5% down on the day. */
function dailyLossKill(closeOnLossLimit: boolean): RiskEvent[] {
  const r = riskRig({ limits: { dailyLossLimitPct: 5, closeOnLossLimit }, startBalance: '10000' });
  r.tick('BTC/USDT', 1_000, 100);
  r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '50' }, USER);
  r.tick('BTC/USDT', 2_000, 100);
  r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '50' }, USER);
  r.tick('BTC/USDT', 3_000, 89);
  return r.of('risk.event');
}

describe('risk alerts on the desktop', () => {
  it('tells a loss limit that pulled the switch: what pulled it, why, what it cancelled and closed, and how to go on', () => {
    const events = dailyLossKill(true);
    expect(events.map((e) => e.kind)).toEqual(['breach', 'kill']);
    // The breach is the kill's reason; one notification, for the kill.
    expect(riskAlert(events[0]!)).toBeNull();
    const a = riskAlert(events[1]!)!;
    expect(a.title).toBe('Keel: kill switch on paper pulled by the daily loss limit');
    expect(a.body).toMatch(/^Today's loss of 5\.\d+% reached the 5% daily loss limit\. 1 order cancelled, 1 position sent a closing order\. New entries are blocked until you re-arm it in Keel\.$/);
    const left = riskAlert(dailyLossKill(false)[1]!)!;
    expect(left.body).toMatch(/\. 1 order cancelled\. New entries/);
  });

  it("does not tell the trader's own pull back, nor a refusal or a re-arm", () => {
    const r = riskRig();
    r.tick('BTC/USDT', 1_000, 100);
    r.risk.kill({ flatten: false, actor: 'user', via: 'ui' });
    r.risk.rearm('user', 'ui');
    r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '1000' }, USER);
    const events = r.of('risk.event');
    expect(events.map((e) => e.kind)).toEqual(['kill', 'rearm', 'refusal']);
    expect(events.map(riskAlert)).toEqual([null, null, null]);
  });

  it("names a live account's risk room in the title", () => {
    const r = riskRig({ scope: 'binance:main', limits: { maxDrawdownPct: 10 } });
    r.tick('BTC/USDT', 1_000, 100);
    r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '50' }, USER);
    r.tick('BTC/USDT', 2_000, 100);
    r.tick('BTC/USDT', 3_000, 79); // 10.5% under the peak
    const kill = r.of('risk.event').find((e) => e.kind === 'kill')!;
    expect(kill.account).toBe('binance:main');
    expect(riskAlert(kill)!.title).toBe('Keel: kill switch on binance:main pulled by the drawdown limit');
  });

  it('tells another system kill event in its own words', () => {
    const e: RiskEvent = { seq: 1, ts: 0, kind: 'kill', actor: 'system', rule: null, level: 'alert', message: 'kill switch held via drawdown now: a drawdown of 20.4% from the equity peak reached the 20% limit; nothing more cancelled', account: 'binance:main' };
    expect(riskAlert(e)).toEqual({ title: 'Keel: kill switch on binance:main', body: 'Kill switch held via drawdown now: a drawdown of 20.4% from the equity peak reached the 20% limit; nothing more cancelled.' });
    // One recorded before events named their account: no account in the title.
    expect(riskAlert({ ...e, account: null })!.title).toBe('Keel: kill switch');
  });

  it('shows one notification per system kill, logs a desktop that has none, and stops when uninstalled', () => {
    const listeners: ((e: RiskEvent) => void)[] = [];
    const onEvent = (l: (e: RiskEvent) => void) => {
      listeners.push(l);
      return () => void listeners.splice(listeners.indexOf(l), 1);
    };
    const shown: string[] = [];
    const log = memoryLogger();
    let supported = true;
    const uninstall = installRiskAlerts({
      onEvent,
      alert: (title) => {
        if (!supported) throw new Error('no notification service');
        shown.push(title);
      },
      log,
    });
    const events = dailyLossKill(true);
    for (const e of events) listeners.forEach((l) => l(e));
    expect(shown).toEqual(['Keel: kill switch on paper pulled by the daily loss limit']);
    supported = false;
    for (const e of events) listeners.forEach((l) => l(e));
    expect(log.lines.some((l) => l.includes('could not show a desktop notification of the kill switch (no notification service)'))).toBe(true);
    uninstall();
    expect(listeners).toHaveLength(0);
  });
});
