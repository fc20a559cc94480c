// Orders admitted in the last minute, for the orders-per-minute cap: a runaway strategy is stopped after
// its first minute's worth, whatever it sends. Times are the engine's (market time in replay).
const WINDOW_MS = 60_000;

export class OrderRate {
  #times: number[] = [];
  #head = 0;

  /** An order went through. */
  record(now: number): void {
    this.#times.push(now);
  }

  /** How many went through in the minute up to `now`. */
  count(now: number): number {
    const times = this.#times;
    const from = now - WINDOW_MS;
    while (this.#head < times.length && times[this.#head]! <= from) this.#head++;
    // Compact now and then, so the array does not grow for ever.
    if (this.#head > 1024 && this.#head * 2 > times.length) {
      this.#times = times.slice(this.#head);
      this.#head = 0;
    }
    return this.#times.length - this.#head;
  }

  /** When the oldest order in the window leaves it (the earliest a new one may pass), or null. */
  nextSlot(): number | null {
    const t = this.#times[this.#head];
    return t === undefined ? null : t + WINDOW_MS;
  }
}
