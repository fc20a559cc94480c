// The exchange circuit breaker, fed by the live broker's health reports (Broker.onVenueHealth): repeated
// errors or a lost connection open it, which halts new orders (circuit-breaker-block rule), sets the
// status to error and raises an alert. It closes only when the exchange answers and a reconciliation with
// it passes: an answer alone moves it to `recovering`, and entries stay halted until the reconciliation.
import type { VenueHealth } from '../trading/broker.ts';

export type CircuitPosition = 'closed' | 'open' | 'recovering';

export interface CircuitState {
  state: CircuitPosition;
  reason: string | null;
  since: number | null;
  errors: number;
}

export interface CircuitBreakerOptions {
  /** Consecutive errors that open it (default 3). */
  errorThreshold?: number;
  onChange?: (now: CircuitState, before: CircuitState) => void;
}

export class CircuitBreaker {
  readonly #threshold: number;
  readonly #onChange: ((now: CircuitState, before: CircuitState) => void) | null;
  #state: CircuitState = { state: 'closed', reason: null, since: null, errors: 0 };

  constructor(options: CircuitBreakerOptions = {}) {
    this.#threshold = options.errorThreshold ?? 3;
    this.#onChange = options.onChange ?? null;
  }

  get state(): Readonly<CircuitState> {
    return this.#state;
  }

  report(h: VenueHealth): void {
    const s = this.#state;
    switch (h.kind) {
      case 'ok':
        if (s.state === 'closed') return void (s.errors = 0);
        if (s.state === 'open') this.#move({ state: 'recovering', reason: 'the exchange answers again; waiting for reconciliation', since: h.ts, errors: 0 });
        return;
      case 'error': {
        const errors = s.errors + 1;
        if (s.state === 'closed' && errors < this.#threshold) return void (s.errors = errors);
        if (s.state === 'open') return void (s.errors = errors);
        this.#move({ state: 'open', reason: `${errors} exchange error${errors === 1 ? '' : 's'} in a row, the last: ${h.message}`, since: h.ts, errors });
        return;
      }
      case 'disconnected':
        if (s.state === 'open') return void (s.errors = s.errors + 1);
        this.#move({ state: 'open', reason: `connection to the exchange lost: ${h.message}`, since: h.ts, errors: s.errors + 1 });
        return;
      case 'reconciled':
        if (!h.ok) {
          if (s.state === 'open') return;
          this.#move({ state: 'open', reason: `reconciliation with the exchange failed: ${h.message}`, since: h.ts, errors: s.errors });
          return;
        }
        if (s.state !== 'closed') this.#move({ state: 'closed', reason: null, since: h.ts, errors: 0 });
        return;
    }
  }

  #move(next: CircuitState): void {
    const before = this.#state;
    this.#state = next;
    this.#onChange?.(next, before);
  }
}
