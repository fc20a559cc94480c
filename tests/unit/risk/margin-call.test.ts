// The margin call (margin-call.ts): on a margin account, when what it owns covers what its shorts owe by
// no more than the liquidation level (1.1), the risk room closes every position through the kill switch
// with flatten, once, with the level and the figures in its message; the account cannot sink below zero.
import { describe, expect, it } from 'vitest';
import { LIQUIDATION_LEVEL, marginLevel } from '../../../electron/risk/margin-call.ts';
import { riskRig } from './risk-rig.ts';

const USER = { kind: 'user' } as const;

describe('marginLevel', () => {
  it('is assets over what is owed: 2 for a short on 1× collateral, falling as the price rises', () => {
    // 10,000 of cash shorts 100 at 100: 20,000 of cash, 10,000 owed, equity 10,000.
    expect(marginLevel(10_000, 10_000)).toBe(2);
    // At 180 the short owes 18,000: equity 2,000, level 20,000 / 18,000.
    expect(marginLevel(2_000, 18_000)).toBeCloseTo(1.111, 3);
    expect(marginLevel(1_000, 19_000)).toBeLessThan(LIQUIDATION_LEVEL);
    expect(marginLevel(5_000, 0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('the margin call', () => {
  it('closes every position when the level reaches 1.1, once, through the kill switch with flatten', () => {
    const r = riskRig({ accountMode: 'margin', startBalance: '10000' });
    r.tick('BTC/USDT', 1_000, 100);
    r.tick('ETH/USDT', 1_000, 10);
    r.engine.place({ symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '90' }, USER);
    r.engine.place({ symbol: 'ETH/USDT', side: 'buy', type: 'market', qty: '50' }, { kind: 'strategy', id: 's1' });
    r.tick('BTC/USDT', 2_000, 100);
    r.tick('ETH/USDT', 2_000, 10);
    expect(r.engine.positions().map((p) => [p.symbol, p.qty])).toEqual([
      ['BTC/USDT', '-90'],
      ['ETH/USDT', '50'],
    ]);
    // A resting order the call cancels.
    r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '50' }, USER);
    // Cash 10,000 + 9,000 − 500 less 9.50 of fees (0.1 %) = 18,490.50, and 500 of ETH: at BTC 180 the short owes 16,200, level 1.17.
    r.tick('BTC/USDT', 3_000, 180);
    expect(r.risk.killEngaged).toBe(false);
    // The risk panel's gauge: 16,200 owed of 18,990.50 in assets, against 1 / 1.1 of them.
    expect(r.risk.state().gauges.find((g) => g.rule === 'margin-call')).toEqual({
      rule: 'margin-call',
      label: 'Margin used',
      used: expect.closeTo((16_200 / 18_990.5) * 100, 6),
      limit: expect.closeTo(90.909, 3),
      unit: 'pct',
      text: 'margin level 1.17; every position is closed at 1.1',
    });
    // At 187: owes 16,830, level 18,990.50 / 16,830 = 1.128; at 192: 17,280, level 1.099.
    r.tick('BTC/USDT', 4_000, 187);
    expect(r.risk.killEngaged).toBe(false);
    r.tick('BTC/USDT', 5_000, 192);
    expect(r.risk.state().kill).toMatchObject({ engaged: true, via: 'margin-call', by: 'system', flatten: true });
    const breach = r.of('risk.event').find((e) => e.kind === 'breach')!;
    expect(breach).toMatchObject({ rule: 'margin-call', level: 'alert' });
    expect(breach.message).toBe(
      'margin call: the margin level fell to 1.099 (18,990.5 USDT of assets against 17,280 USDT owed on shorts), at or below the liquidation level of 1.1; every position is being closed, as a margin venue would',
    );
    // The resting buy is cancelled; both positions are sent a closing order, filled at the next prices.
    r.tick('BTC/USDT', 6_000, 193);
    r.tick('ETH/USDT', 6_000, 10);
    expect(r.engine.positions().map((p) => p.qty)).toEqual(['0', '0']);
    expect(r.engine.openOrders()).toHaveLength(0);
    // The closing orders say what sent them, as the trades they end will, and were placed by the risk
    // room itself (not the trader, who did nothing), each in the ledger of the position it closed.
    expect(r.engine.orders({ status: 'all', limit: 10 }).filter((o) => o.reduceOnly && o.type === 'market').map((o) => [o.symbol, o.tag, o.origin, o.ledger])).toEqual([
      ['ETH/USDT', 'margin call', { kind: 'system', via: 'margin-call' }, 'strategy:s1'],
      ['BTC/USDT', 'margin call', { kind: 'system', via: 'margin-call' }, 'user'],
    ]);
    // 18,490.50 − 90 × 193 × 1.001 + 50 × 10 × 0.999: the account keeps what was left, above zero.
    expect(r.engine.accountSnapshot().equity).toBe('1602.63');
    // Once per breach: further ticks add nothing.
    r.tick('BTC/USDT', 7_000, 250);
    expect(r.of('risk.event').filter((e) => e.kind === 'breach')).toHaveLength(1);
  });

  it('calls even with the kill switch already engaged by a loss limit (which leaves positions open)', () => {
    const r = riskRig({ accountMode: 'margin', startBalance: '10000', limits: { maxDrawdownPct: 20 } });
    r.tick('BTC/USDT', 1_000, 100);
    r.engine.place({ symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '90' }, USER);
    r.tick('BTC/USDT', 2_000, 100);
    r.tick('BTC/USDT', 3_000, 125); // −22.6 %: the drawdown limit, no flatten
    expect(r.risk.state().kill).toMatchObject({ engaged: true, via: 'drawdown', flatten: false });
    expect(r.engine.positions()[0]!.qty).toBe('-90');
    r.tick('BTC/USDT', 4_000, 185); // level 18,991 / 16,650 = 1.14
    expect(r.risk.state().kill).toMatchObject({ via: 'drawdown' });
    r.tick('BTC/USDT', 5_000, 193); // level 18,991 / 17,370 = 1.093
    expect(r.risk.state().kill).toMatchObject({ engaged: true, via: 'margin-call', flatten: true });
    r.tick('BTC/USDT', 6_000, 193);
    expect(r.engine.positions()[0]!.qty).toBe('0');
  });

  it("counts the borrow interest a short owes against the loss limits, as the account's equity does", () => {
    // 100 % a year on a 5,000 short: about 13.70 a day. The price never moves, so only the interest and
    // the 5 of fees lower the equity; after 40 days (~548 owed) the drawdown reaches 5 %.
    const DAY = 86_400_000;
    const r = riskRig({ accountMode: 'margin', startBalance: '10000', borrowRatePct: '100', limits: { maxDrawdownPct: 5 } });
    r.tick('BTC/USDT', 1_000, 100);
    r.engine.place({ symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '50' }, USER);
    r.tick('BTC/USDT', 2_000, 100);
    r.tick('BTC/USDT', 30 * DAY, 100);
    const owed30 = Number(r.engine.accountSnapshot().interestOwed);
    expect(owed30).toBeCloseTo((5_000 * 30 * DAY - 2_000 * 5_000) / (365 * DAY), 0);
    // The panel's equity is the account's: cash and the short at its mark, less what it owes.
    expect(r.risk.state().equity).toBeCloseTo(Number(r.engine.accountSnapshot().equity), 6);
    expect(r.risk.state().equity).toBeCloseTo(10_000 - 5 - owed30, 6);
    expect(r.risk.killEngaged).toBe(false);
    r.tick('BTC/USDT', 40 * DAY, 100);
    expect(r.risk.state().kill).toMatchObject({ engaged: true, via: 'drawdown', by: 'system' });
    expect(r.risk.state().kill.reason).toMatch(/^a drawdown of 5\.\d+% from the equity peak reached the 5% limit$/);
  });

  it('never calls on a spot account or a margin account without shorts', () => {
    const spot = riskRig({ startBalance: '10000' });
    spot.tick('BTC/USDT', 1_000, 100);
    spot.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '99' }, USER);
    spot.tick('BTC/USDT', 2_000, 100);
    spot.tick('BTC/USDT', 3_000, 5);
    expect(spot.risk.killEngaged).toBe(false);
    expect(spot.risk.state().gauges.some((g) => g.rule === 'margin-call')).toBe(false);
    const long = riskRig({ accountMode: 'margin', startBalance: '10000' });
    long.tick('BTC/USDT', 1_000, 100);
    long.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '99' }, USER);
    long.tick('BTC/USDT', 2_000, 100);
    long.tick('BTC/USDT', 3_000, 5);
    expect(long.risk.killEngaged).toBe(false);
  });
});
