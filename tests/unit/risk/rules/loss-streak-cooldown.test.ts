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

  it('says when entries resume to the second, as the other risk messages print times (no milliseconds)', () => {
    const at = Date.UTC(2023, 2, 1, 8, 45);
    const rule = lossStreakCooldown(limits(), new LossStreak({ streak: 0, cooldownUntil: at + 48 * 60_000 }));
    expect(rule.check(order(), ctx({ now: at }))?.message).toMatch(/new entries resume in 48 min \(at 2023-03-01T09:33:00Z\)$/);
    // A live fill's time has milliseconds: the time printed is the first whole second entries pass again.
    const live = lossStreakCooldown(limits(), new LossStreak({ streak: 0, cooldownUntil: at + 48 * 60_000 + 250 }));
    expect(live.check(order(), ctx({ now: at }))?.message).toMatch(/\(at 2023-03-01T09:33:01Z\)$/);
  });

  it('keeps the cooldown across a restart', () => {
    const saved = new LossStreak({ streak: 0, cooldownUntil: 5_000 }).snapshot();
    expect(lossStreakCooldown(limits(), new LossStreak(saved)).check(order(), ctx({ now: 4_000 }))?.rule).toBe('loss-streak-cooldown');
  });

  it('ends a cooldown when market time goes back before it began (a replay started over), and keeps that across a restart', () => {
    const streak = new LossStreak();
    const rule = lossStreakCooldown(limits({ lossStreakLimit: 1, lossStreakCooldownMinutes: 60 }), streak);
    const start = Date.UTC(2023, 2, 10);
    streak.onPosition('a', 1, 0, 0, start, 1, 60);
    streak.onPosition('a', 0, -5, 0, start, 1, 60);
    expect(rule.check(order(), ctx({ now: start + 60_000 }))?.rule).toBe('loss-streak-cooldown');
    // The replay back at its first day: no cooldown from a week later waiting for market time to come round.
    expect(rule.check(order(), ctx({ now: start - 7 * 86_400_000 }))).toBeNull();
    expect(streak.cooldownUntil(start - 7 * 86_400_000)).toBeNull();
    const restarted = new LossStreak(streak.snapshot());
    expect(restarted.cooldownUntil(start - 1)).toBeNull();
    expect(restarted.cooldownUntil(start + 60_000)).toBe(start + 3_600_000);
  });
});

/** The streak as first written, as a model: a map entry per open trade, deleted at flat. */
class ModelStreak {
  streak = 0;
  cooldownUntil: number | null = null;
  readonly open = new Map<string, { sign: number; realized0: number; fees0: number }>();

  onPosition(key: string, qty: number, realized: number, fees: number, now: number, limit: number, minutes: number): boolean {
    const sign = Math.sign(qty);
    const open = this.open.get(key);
    if (!open) {
      if (sign !== 0) this.open.set(key, { sign, realized0: realized, fees0: fees });
      return false;
    }
    if (sign === open.sign) return false;
    const result = realized - open.realized0 - (fees - open.fees0);
    if (sign === 0) this.open.delete(key);
    else this.open.set(key, { sign, realized0: realized, fees0: fees });
    if (result < 0) {
      this.streak++;
      if (this.streak >= limit) {
        this.cooldownUntil = now + minutes * 60_000;
        this.streak = 0;
      }
    } else this.streak = 0;
    return true;
  }
}

describe('the losing streak against the map-per-trade model', () => {
  it('counts the same through opens, adds, flats and reversals, by key or by a slot kept across fills', () => {
    let x = 11;
    const r = (n: number) => (x = (x * 16807) % 2147483647) % n;
    const byKey = new LossStreak();
    const bySlot = new LossStreak();
    const model = new ModelStreak();
    const keys = ['a', 'b', 'c'];
    const slots = keys.map((k) => bySlot.slot(k));
    const pnl = [0, 0, 0];
    const fees = [0, 0, 0];
    for (let i = 0; i < 5000; i++) {
      const k = r(3);
      const qty = r(5) - 2; // −2 … 2: flat, long, short, through flat
      pnl[k]! += (r(21) - 10) / 4;
      fees[k]! += r(3) / 8;
      const closed = model.onPosition(keys[k]!, qty, pnl[k]!, fees[k]!, i, 3, 10);
      expect(byKey.onPosition(keys[k]!, qty, pnl[k]!, fees[k]!, i, 3, 10)).toBe(closed);
      // As the risk service calls it: only when the sign changed.
      const sign = Math.sign(qty);
      const slotClosed = sign !== slots[k]!.sign ? bySlot.onSlot(slots[k]!, sign, pnl[k]!, fees[k]!, i, 3, 10) : false;
      expect(slotClosed).toBe(closed);
      for (const s of [byKey, bySlot]) expect({ streak: s.snapshot().streak, cooldownUntil: s.snapshot().cooldownUntil }).toEqual({ streak: model.streak, cooldownUntil: model.cooldownUntil });
    }
  });
});
