// The server's market clock. The data is from March 2023, so "now" on the server is a point inside it that
// only moves when a test says so (advance/set), or at a chosen speed when running. Every move is announced,
// and the websocket side pushes what happened in between (trades, closed and forming klines, book diffs).

export type ClockListener = (from: number, to: number) => void;

export class ServerClock {
  private t: number;
  private readonly listeners = new Set<ClockListener>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(start: number) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  /** Moves forward by `ms` market milliseconds and pushes what happened to subscribers. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`the server clock only moves forward; got ${ms} ms`);
    this.set(this.t + ms);
  }

  /** Jumps to `t` (forward only). */
  set(t: number): void {
    if (t < this.t) throw new RangeError(`the server clock only moves forward; ${new Date(t).toISOString()} is before ${new Date(this.t).toISOString()}`);
    const from = this.t;
    this.t = t;
    for (const l of this.listeners) l(from, t);
  }

  /** Runs the clock on its own: `speed` market ms per wall ms, moving every `tickMs` wall ms. */
  run(speed: number, tickMs = 250): void {
    this.pause();
    this.timer = setInterval(() => this.advance(tickMs * speed), tickMs);
    this.timer.unref();
  }

  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  onMove(listener: ClockListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
