// Binance's REQUEST_WEIGHT limit: every endpoint costs a weight, the weight used in the last window is
// reported on every answer (x-mbx-used-weight, x-mbx-used-weight-1m), and a client past the limit gets
// 429 with Retry-After; one that keeps going while refused is banned with 418. The limit is off (Infinity)
// unless a test sets one, so suites that poll hard are not throttled by accident.

/** Weights of the endpoints this server serves (Binance's documented values; 1 for the rest). */
export function weightOf(method: string, path: string, query: URLSearchParams): number {
  const key = `${method} ${path}`;
  switch (key) {
    case 'GET /api/v3/order':
      return 4;
    case 'GET /api/v3/openOrders':
      return query.has('symbol') ? 6 : 80;
    case 'GET /api/v3/account':
      return 20;
    case 'GET /api/v3/myTrades':
      return query.has('orderId') ? 5 : 20;
    case 'GET /api/v3/exchangeInfo':
      return 20;
    case 'GET /api/v3/klines':
    case 'GET /api/v3/uiKlines':
      return 2;
    case 'GET /api/v3/depth':
      return 5;
    case 'GET /api/v3/ticker/24hr':
      return query.has('symbol') ? 2 : 80;
    default:
      return 1;
  }
}

export interface WeightLimits {
  /** Weight allowed per window; Infinity (the default) never refuses. */
  limit: number;
  windowMs: number;
  /** Requests refused with 429 in a row before the next one is banned with 418. */
  banAfter: number;
  banMs: number;
}

export type WeightVerdict = { used: number; refusal: null } | { used: number; refusal: { status: 429 | 418; retryAfterSec: number; body: string } };

export class RequestWeight {
  limits: WeightLimits = { limit: Infinity, windowMs: 60_000, banAfter: 3, banMs: 2_000 };
  /** How many requests were refused, by status. */
  readonly refused = { 429: 0, 418: 0 };
  #spent: { at: number; weight: number }[] = [];
  #refusedInARow = 0;
  #bannedUntil = 0;

  configure(limits: Partial<WeightLimits>): void {
    this.limits = { ...this.limits, ...limits };
  }

  /** Forgets what was spent and lifts any ban (tests, between cases). */
  reset(): void {
    this.#spent = [];
    this.#refusedInARow = 0;
    this.#bannedUntil = 0;
  }

  used(at = Date.now()): number {
    const from = at - this.limits.windowMs;
    while (this.#spent.length > 0 && this.#spent[0]!.at <= from) this.#spent.shift();
    let sum = 0;
    for (const s of this.#spent) sum += s.weight;
    return sum;
  }

  /** Charges one request; a refused request is charged nothing. */
  charge(weight: number, at = Date.now()): WeightVerdict {
    const used = this.used(at);
    if (at < this.#bannedUntil) {
      this.refused[418]++;
      return { used, refusal: this.#ban(at) };
    }
    if (used + weight > this.limits.limit) {
      this.#refusedInARow++;
      if (this.#refusedInARow > this.limits.banAfter) {
        this.#bannedUntil = at + this.limits.banMs;
        this.refused[418]++;
        return { used, refusal: this.#ban(at) };
      }
      const oldest = this.#spent[0]?.at ?? at;
      const retryAfterSec = Math.max(1, Math.ceil((oldest + this.limits.windowMs - at) / 1000));
      const body = JSON.stringify({ code: -1003, msg: `Too much request weight used; current limit is ${this.limits.limit} request weight per ${this.limits.windowMs / 1000} SECOND. Please use WebSocket Streams for live updates to avoid polling the API.` });
      this.refused[429]++;
      return { used, refusal: { status: 429, retryAfterSec, body } };
    }
    this.#refusedInARow = 0;
    this.#spent.push({ at, weight });
    return { used: used + weight, refusal: null };
  }

  #ban(at: number): { status: 418; retryAfterSec: number; body: string } {
    const retryAfterSec = Math.max(1, Math.ceil((this.#bannedUntil - at) / 1000));
    return { status: 418, retryAfterSec, body: JSON.stringify({ code: -1003, msg: `Way too much request weight used; IP banned until ${this.#bannedUntil}. Please use WebSocket Streams for live updates to avoid bans.` }) };
  }
}
