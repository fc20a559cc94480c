// Where the account stands against its loss limits: the equity the calendar day started with (daily loss,
// realized and unrealized together, since it is measured on equity) and the highest equity seen (drawdown).
// Fed with the equity after every tick and fill; its figures are saved, so a restart in the middle of a
// bad day does not start the day again.
//
// The day is market time's (a replay's days are the replayed ones). When market time goes back (a replay
// started over from an earlier candle), a position it prices is marked again at the earlier price: a jump
// nobody traded. Counted as a move, it pulled the daily loss limit on a rewind of a rising market. So
// going back starts a new day at the equity the rewind left (a new pass of the replay is a new day, as
// reaching the next replayed day is), and moves the peak by the jump, so the drawdown, which runs across
// days, keeps every real loss of the pass before and gains or loses nothing by the rewind itself.
import { DayClock } from './day-clock.ts';

export interface MonitorSnapshot {
  day: string | null;
  dayStartEquity: number | null;
  peakEquity: number | null;
}

export class AccountMonitor {
  #clock: DayClock;
  #day: string | null;
  #dayStart: number | null;
  #peak: number | null;
  #last: number | null = null;
  /** Market time went back: the next marked equity starts the new pass (wentBack()). */
  #startOver = false;

  constructor(timeZone: string, saved: MonitorSnapshot | null = null) {
    this.#clock = new DayClock(timeZone);
    this.#day = saved?.day ?? null;
    this.#dayStart = saved?.dayStartEquity ?? null;
    this.#peak = saved?.peakEquity ?? null;
  }

  get timeZone(): string {
    return this.#clock.timeZone;
  }

  /**
   * A new time zone: the day under way goes on (its starting equity stays) and the next one starts at
   * the new zone's midnight. Switching zones must not be a way to start the day's loss count again.
   */
  setTimeZone(timeZone: string, now: number): void {
    if (timeZone === this.#clock.timeZone) return;
    this.#clock = new DayClock(timeZone);
    if (this.#day !== null) this.#day = this.#clock.dayKey(now);
  }

  /** Whether `now` is past the day being counted (the next observe starts a new one). */
  rolls(now: number): boolean {
    return this.#clock.dayKey(now) !== this.#day;
  }

  /**
   * Market time went back (a replay started over): the next observe, made after the tick that marked the
   * positions at the earlier price, starts a new day at that equity and moves the peak by the jump.
   */
  wentBack(): void {
    this.#startOver = true;
  }

  /**
   * Takes the equity now. Returns true when the day rolled over or a new peak was set (worth saving).
   * `marked` false: some position has no price yet (just started), so its equity is at cost; such a figure
   * neither starts a day nor sets a peak (a loss made on earlier days must not count as today's).
   */
  observe(equity: number, now: number, marked = true): boolean {
    if (!Number.isFinite(equity) || !marked) return false;
    let changed = false;
    const day = this.#clock.dayKey(now);
    if (this.#startOver) {
      this.#startOver = false;
      if (this.#peak !== null && this.#last !== null) this.#peak += equity - this.#last;
      this.#dayStart = equity;
      this.#day = day;
      changed = true;
    } else if (day !== this.#day) {
      // The new day starts from the last equity of the old one (or from now, after a restart).
      this.#dayStart = this.#last ?? equity;
      this.#day = day;
      changed = true;
    }
    if (this.#peak === null || equity > this.#peak) {
      this.#peak = equity;
      changed = true;
    }
    this.#last = equity;
    return changed;
  }

  /** Loss since the day started, % of the day's starting equity (0 when up or unknown). */
  dailyLossPct(equity: number): number {
    const start = this.#dayStart;
    if (start === null || start <= 0) return 0;
    return Math.max(0, ((start - equity) / start) * 100);
  }

  /** Drop from the peak, % (0 at a peak or before any). */
  drawdownPct(equity: number): number {
    const peak = this.#peak;
    if (peak === null || peak <= 0) return 0;
    return Math.max(0, ((peak - equity) / peak) * 100);
  }

  /** After a deliberate re-arm following a drawdown breach, the user may start the count from here. */
  resetPeak(equity: number): void {
    this.#peak = equity;
  }

  snapshot(): MonitorSnapshot {
    return { day: this.#day, dayStartEquity: this.#dayStart, peakEquity: this.#peak };
  }
}
