// Consecutive losing trades, for the cooldown after N of them (tilt protection). A trade is a position's
// life from opening to flat (or through flat, which closes one trade and opens the next); its result is the
// P&L realized in between less the fees paid, so a scratch trade that only paid fees is a loss.
// The streak and the cooldown are saved: restarting Keel does not end a cooldown.

export interface StreakSnapshot {
  streak: number;
  cooldownUntil: number | null;
}

interface Open {
  sign: number;
  realized0: number;
  fees0: number;
}

export class LossStreak {
  #streak: number;
  #cooldownUntil: number | null;
  readonly #open = new Map<string, Open>();

  constructor(saved: StreakSnapshot | null = null) {
    this.#streak = saved?.streak ?? 0;
    this.#cooldownUntil = saved?.cooldownUntil ?? null;
  }

  get streak(): number {
    return this.#streak;
  }

  cooldownUntil(now: number): number | null {
    return this.#cooldownUntil !== null && this.#cooldownUntil > now ? this.#cooldownUntil : null;
  }

  /**
   * After a fill: the position's quantity, realized P&L and fees (totals) as they now are. Returns true
   * when a trade closed (the streak or the cooldown changed).
   */
  onPosition(key: string, qty: number, realized: number, fees: number, now: number, limit: number, cooldownMinutes: number): boolean {
    const sign = Math.sign(qty);
    const open = this.#open.get(key);
    if (!open) {
      // Its first fill since Keel started: a new trade from here.
      if (sign !== 0) this.#open.set(key, { sign, realized0: realized, fees0: fees });
      return false;
    }
    if (sign === open.sign) return false;
    const result = realized - open.realized0 - (fees - open.fees0);
    if (sign === 0) this.#open.delete(key);
    else this.#open.set(key, { sign, realized0: realized, fees0: fees });
    if (result < 0) {
      this.#streak++;
      if (this.#streak >= limit) {
        this.#cooldownUntil = now + cooldownMinutes * 60_000;
        // The count starts again: the next cooldown takes another N losses.
        this.#streak = 0;
      }
    } else {
      this.#streak = 0;
    }
    return true;
  }

  /** Positions open at start-up are trades under way. */
  seed(key: string, qty: number, realized: number, fees: number): void {
    if (qty !== 0) this.#open.set(key, { sign: Math.sign(qty), realized0: realized, fees0: fees });
  }

  snapshot(): StreakSnapshot {
    return { streak: this.#streak, cooldownUntil: this.#cooldownUntil };
  }
}
