// What the outside may know of a live broker without holding it: whether work is in flight and what the
// last reconciliation found. The composition root and tests read this; the broker itself stays inside
// the risk gate (a monitor has no way to place or cancel anything).
import type { ReconcileReport } from './ccxt-live-broker.ts';

export class LiveMonitor {
  readonly #inFlight = new Set<Promise<unknown>>();
  #last: ReconcileReport | null = null;
  #waiting: ((r: ReconcileReport) => void)[] = [];

  /** The broker registers each piece of exchange work here. */
  track(p: Promise<unknown>): void {
    this.#inFlight.add(p);
    const done = () => this.#inFlight.delete(p);
    p.then(done, done);
  }

  /** The broker reports each finished reconciliation here. */
  reconciled(report: ReconcileReport): void {
    this.#last = report;
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const w of waiting) w(report);
  }

  get last(): ReconcileReport | null {
    return this.#last;
  }

  /** The first reconciliation's report (at once if there was one). */
  firstReconcile(): Promise<ReconcileReport> {
    return this.#last ? Promise.resolve(this.#last) : this.nextReconcile();
  }

  nextReconcile(): Promise<ReconcileReport> {
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Resolves once no exchange work is in flight. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }
}
