// Consecutive losing trades, for the cooldown after N of them (tilt protection). A trade is a position's
// life from opening to flat (or through flat, which closes one trade and opens the next); its result is the
// P&L realized in between less the fees paid, so a scratch trade that only paid fees is a loss.
// The streak and the cooldown are saved: restarting Keel does not end a cooldown. Market time that goes
// back before the cooldown began (a replay started over) does: "entries resume in 3,267 min" was a cooldown
// from later in the replay, waiting for market time to come round again.

export interface StreakSnapshot {
  streak: number;
  cooldownUntil: number | null;
  /** When the cooldown began (market time); absent in what an older Keel saved. */
  cooldownFrom?: number | null;
}

/**
 * One position's trade under way: the direction it holds (0: flat, no trade) and its realized P&L and fees
 * when the trade opened. Kept for good per position and changed in place: a fill that opens or closes a
 * trade (most of them, in a backtest) then costs no map insert or delete and makes no object.
 */
export interface TradeSlot {
  sign: number;
  realized0: number;
  fees0: number;
}

export class LossStreak {
  #streak: number;
  #cooldownUntil: number | null;
  #cooldownFrom: number | null;
  readonly #slots = new Map<string, TradeSlot>();

  constructor(saved: StreakSnapshot | null = null) {
    this.#streak = saved?.streak ?? 0;
    this.#cooldownUntil = saved?.cooldownUntil ?? null;
    this.#cooldownFrom = saved?.cooldownFrom ?? null;
  }

  get streak(): number {
    return this.#streak;
  }

  cooldownUntil(now: number): number | null {
    if (this.#cooldownUntil === null || this.#cooldownUntil <= now) return null;
    return this.#cooldownFrom !== null && now < this.#cooldownFrom ? null : this.#cooldownUntil;
  }

  /** The slot of a position's key, made on first use; a caller may keep it and skip the lookup per fill. */
  slot(key: string): TradeSlot {
    let slot = this.#slots.get(key);
    if (slot === undefined) this.#slots.set(key, (slot = { sign: 0, realized0: 0, fees0: 0 }));
    return slot;
  }

  /**
   * After a fill: the position's quantity, realized P&L and fees (totals) as they now are. Returns true
   * when a trade closed (the streak or the cooldown changed).
   */
  onPosition(key: string, qty: number, realized: number, fees: number, now: number, limit: number, cooldownMinutes: number): boolean {
    return this.onSlot(this.slot(key), Math.sign(qty), realized, fees, now, limit, cooldownMinutes);
  }

  /** onPosition on a slot already looked up, given the sign of the quantity (-1, 0, 1). */
  onSlot(slot: TradeSlot, sign: number, realized: number, fees: number, now: number, limit: number, cooldownMinutes: number): boolean {
    if (slot.sign === 0) {
      // Its first fill since Keel started, or since it was flat: a new trade from here.
      if (sign !== 0) open(slot, sign, realized, fees);
      return false;
    }
    if (sign === slot.sign) return false;
    const result = realized - slot.realized0 - (fees - slot.fees0);
    // Flat ends the trade; through flat, the rest opens the next one.
    open(slot, sign, realized, fees);
    if (result < 0) {
      this.#streak++;
      if (this.#streak >= limit) {
        this.#cooldownUntil = now + cooldownMinutes * 60_000;
        this.#cooldownFrom = now;
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
    if (qty !== 0) open(this.slot(key), Math.sign(qty), realized, fees);
  }

  snapshot(): StreakSnapshot {
    return { streak: this.#streak, cooldownUntil: this.#cooldownUntil, cooldownFrom: this.#cooldownFrom };
  }
}

function open(slot: TradeSlot, sign: number, realized: number, fees: number): void {
  slot.sign = sign;
  slot.realized0 = realized;
  slot.fees0 = fees;
}
