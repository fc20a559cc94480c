import { describe, expect, it } from 'vitest';
import { AccountMonitor } from '../../../../electron/risk/account-monitor.ts';
import { dailyLossLimit } from '../../../../electron/risk/rules/daily-loss-limit.ts';
import { account, ctx, limits, order } from './rule-fixtures.ts';

const at = (iso: string) => Date.parse(iso);

describe('daily-loss-limit', () => {
  it('counts from the equity the calendar day started with, in the user time zone', () => {
    const monitor = new AccountMonitor('Asia/Tokyo');
    const rule = dailyLossLimit(limits({ dailyLossLimitPct: 5, timeZone: 'Asia/Tokyo' }), monitor);
    monitor.observe(10_000, at('2024-03-01T10:00:00Z')); // 19:00 in Tokyo, 1 March
    expect(rule.check(order(), ctx({ now: at('2024-03-01T12:00:00Z'), account: account([], 9_600) }))).toBeNull(); // −4 %
    expect(rule.check(order(), ctx({ now: at('2024-03-01T14:00:00Z'), account: account([], 9_500) }))?.message).toBe(
      "daily-loss-limit: today's loss is 5% of the day's starting equity (equity now 9,500 USDT), at or past the 5% limit; no new entries until tomorrow (Asia/Tokyo)",
    );
    monitor.observe(9_500, at('2024-03-01T14:59:00Z')); // the app's tick, just before midnight
    // 15:00 UTC is midnight in Tokyo: a new day starts from the last equity seen.
    expect(rule.check(order(), ctx({ now: at('2024-03-01T15:00:00Z'), account: account([], 9_500) }))).toBeNull();
    expect(monitor.snapshot()).toMatchObject({ day: '2024-03-02', dayStartEquity: 9_500 });
  });

  it('does not start the day again when the time zone changes', () => {
    const monitor = new AccountMonitor('UTC');
    monitor.observe(10_000, at('2024-03-01T01:00:00Z'));
    monitor.observe(9_000, at('2024-03-01T20:00:00Z'));
    monitor.setTimeZone('Pacific/Kiritimati', at('2024-03-01T20:00:00Z')); // already 2 March there
    monitor.observe(9_000, at('2024-03-01T20:01:00Z'));
    expect(monitor.dailyLossPct(9_000)).toBe(10);
  });
});

describe('the day after a restart', () => {
  it('does not start from an equity that counts positions at cost (no price yet)', () => {
    const monitor = new AccountMonitor('UTC', { day: '2024-02-29', dayStartEquity: 10_000, peakEquity: 10_000 });
    // Restarted on 1 March with a position bought at 100 that is now worth 80: no price has arrived yet.
    expect(monitor.observe(10_000, Date.parse('2024-03-01T08:00:00Z'), false)).toBe(false);
    expect(monitor.snapshot().day).toBe('2024-02-29');
    // The first priced equity starts the day: the fall since the purchase is not today's loss.
    monitor.observe(9_800, Date.parse('2024-03-01T08:00:01Z'), true);
    expect(monitor.snapshot()).toMatchObject({ day: '2024-03-01', dayStartEquity: 9_800 });
    expect(monitor.dailyLossPct(9_800)).toBe(0);
  });
});

describe('a replay started over (market time back)', () => {
  it('starts a new day at the equity the rewind left and moves the peak by the jump, once the positions are priced again', () => {
    const monitor = new AccountMonitor('UTC');
    monitor.observe(10_000, at('2024-03-01T00:00:00Z'));
    monitor.observe(12_000, at('2024-03-01T01:00:00Z')); // the peak
    monitor.observe(11_000, at('2024-03-01T02:00:00Z')); // 1,000 below it
    monitor.wentBack();
    // A figure with a position at cost does not count, and leaves the start over for the first priced one.
    expect(monitor.observe(10_500, at('2024-03-01T00:00:00Z'), false)).toBe(false);
    expect(monitor.observe(8_000, at('2024-03-01T00:00:00Z'))).toBe(true); // marked again 3,000 lower
    expect(monitor.snapshot()).toEqual({ day: '2024-03-01', dayStartEquity: 8_000, peakEquity: 9_000 });
    expect(monitor.dailyLossPct(8_000)).toBe(0);
    expect(monitor.drawdownPct(8_000)).toBeCloseTo(100 / 9, 9); // still 1,000 below the peak
    // From there on, a fall counts as before.
    monitor.observe(7_600, at('2024-03-01T00:30:00Z'));
    expect(monitor.dailyLossPct(7_600)).toBe(5);
  });
});
