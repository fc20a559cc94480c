// Fault injection for REST: tests queue what the next matching requests suffer (an HTTP error, a delay,
// a broken body) and the server consults the queue on every request.

/** Which requests a fault applies to: all, a path prefix ('/api/v3/klines'), or a pattern. */
export type PathMatch = string | RegExp | undefined;

export interface FaultOptions {
  /** How many matching requests suffer it; default 1 (delays default to every request). */
  count?: number;
  path?: PathMatch;
}

export type Outcome =
  | { kind: 'status'; status: number; retryAfterSec?: number | undefined; body: string }
  | { kind: 'malformed' }
  | { kind: 'hangup' };

interface Rule {
  match: PathMatch;
  remaining: number;
  delayMs?: number;
  outcome?: Outcome;
}

export class Faults {
  private rules: Rule[] = [];

  /**
   * The next `count` matching requests answer HTTP `status`. A 5xx comes as the HTML page Binance's edge
   * serves when the API is down; pass `body` for anything else (Binance's own {"code":-1001,...} for one).
   */
  status(status: number, opts: FaultOptions & { retryAfterSec?: number; body?: string } = {}): void {
    const body = opts.body ?? (status >= 500 ? `<html><head><title>${status}</title></head><body><h1>${status} Service Unavailable</h1></body></html>` : JSON.stringify({ code: -1000, msg: 'An unknown error occurred while processing the request.' }));
    this.add(opts, { outcome: { kind: 'status', status, retryAfterSec: opts.retryAfterSec, body } });
  }

  /** HTTP 429 with Retry-After, as Binance answers a client over its request weight. */
  rateLimit(opts: FaultOptions & { retryAfterSec?: number } = {}): void {
    const retryAfterSec = opts.retryAfterSec ?? 1;
    const body = JSON.stringify({ code: -1003, msg: 'Too many requests; current limit of IP(127.0.0.1) is 6000 requests per minute. Please use the websocket for live updates to avoid polling the API.' });
    this.add(opts, { outcome: { kind: 'status', status: 429, retryAfterSec, body } });
  }

  /** A 200 whose body is cut off half way: JSON that does not parse. */
  malformed(opts: FaultOptions = {}): void {
    this.add(opts, { outcome: { kind: 'malformed' } });
  }

  /** The connection is destroyed without any response. */
  hangup(opts: FaultOptions = {}): void {
    this.add(opts, { outcome: { kind: 'hangup' } });
  }

  /** Matching requests wait `ms` before being answered; every request unless `count` is given. */
  delay(ms: number, opts: FaultOptions = {}): void {
    this.add({ count: Infinity, ...opts }, { delayMs: ms });
  }

  clear(): void {
    this.rules = [];
  }

  /** Faults still waiting to fire (delays without a count never run out). */
  pending(): number {
    return this.rules.filter((r) => r.remaining > 0 && Number.isFinite(r.remaining)).length;
  }

  /** Consumes the faults this request meets: the summed delay, and the first matching outcome if any. */
  take(pathname: string): { delayMs: number; outcome: Outcome | null } {
    let delayMs = 0;
    let outcome: Outcome | null = null;
    for (const rule of this.rules) {
      if (rule.remaining <= 0 || !matches(rule.match, pathname)) continue;
      if (rule.delayMs !== undefined) {
        delayMs += rule.delayMs;
        rule.remaining--;
      } else if (outcome === null && rule.outcome) {
        outcome = rule.outcome;
        rule.remaining--;
      }
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return { delayMs, outcome };
  }

  private add(opts: FaultOptions, rule: Omit<Rule, 'match' | 'remaining'>): void {
    this.rules.push({ match: opts.path, remaining: opts.count ?? 1, ...rule });
  }
}

function matches(match: PathMatch, pathname: string): boolean {
  if (match === undefined) return true;
  if (typeof match === 'string') return pathname.startsWith(match);
  return match.test(pathname);
}
