// The time the trading engine stamps orders and fills with. Nothing in the engine reads Date.now():
// live trading runs on the wall clock, replay and backtests on market time, so a backtest of last
// year stamps its orders with last year's dates and runs as fast as the data can be pushed.

export interface Clock {
  /** Epoch ms. */
  now(): number;
}

/** Wall time, for live trading. The one place the engine's time comes from the system. */
export const wallClock: Clock = { now: () => Date.now() };

/**
 * Market time: whatever the market feed last said. Before the first price it answers `before`'s
 * time (the wall clock in the app, 0 in a backtest), so orders placed before any data still get a stamp.
 */
export class MarketClock implements Clock {
  #ts = Number.NaN;
  readonly #before: Clock | null;

  constructor(before: Clock | null = null) {
    this.#before = before;
  }

  now(): number {
    const ts = this.#ts;
    return ts === ts ? ts : (this.#before?.now() ?? 0);
  }

  /** Moves market time; replay may move it backwards when it starts again from an earlier candle. */
  set(ts: number): void {
    this.#ts = ts;
  }
}
