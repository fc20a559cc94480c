import { describe, expect, it } from 'vitest';
import { LossStreak } from '../../../../electron/risk/loss-streak.ts';
import { lossStreakCooldown } from '../../../../electron/risk/rules/loss-streak-cooldown.ts';
import { ctx, limits, order } from './rule-fixtures.ts';

describe('loss-streak-cooldown', () => {
  it('starts a cooldown after N losing round trips in a row; a win resets the count', () => {
    const streak = new LossStreak();
    const l = limits({ lossStreakLimit: 2, lossStreakCooldownMinutes: 30 });
    const rule = lossStreakCooldown(l, streak);
    const trade = (key: string, pnl: number, now: number) => {
      streak.onPosition(key, 1, 0, 0, now, 2, 30);
      streak.onPosition(key, 0, pnl, 1, now, 2, 30);
    };
    trade('a', -5, 0);
    trade('b', 10, 0); // a win: 10 − 1 fee
    trade('a', 0.5, 0); // fees make it a loss: 0.5 − 1
    expect(streak.streak).toBe(1);
    expect(rule.check(order(), ctx({ now: 1 }))).toBeNull();
    trade('a', -1, 1000);
    expect(rule.check(order(), ctx({ now: 2000 }))?.message).toMatch(/^loss-streak-cooldown: 2 losing trades in a row started a 30-minute cooldown; new entries resume in 30 min/);
    expect(rule.check(order(), ctx({ now: 1000 + 30 * 60_000 }))).toBeNull();
  });

  it('keeps the cooldown across a restart', () => {
    const saved = new LossStreak({ streak: 0, cooldownUntil: 5_000 }).snapshot();
    expect(lossStreakCooldown(limits(), new LossStreak(saved)).check(order(), ctx({ now: 4_000 }))?.rule).toBe('loss-streak-cooldown');
  });
});
