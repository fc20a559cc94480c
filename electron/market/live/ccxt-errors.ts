// Turns whatever a ccxt call threw into what the live source needs: a kind that decides status and wait,
// and a short reason a person can read. ccxt's error classes are matched by name along the prototype chain
// (RateLimitExceeded → NetworkError → OperationFailed → BaseError), not with instanceof, so the check holds
// whichever copy of ccxt's module graph created the error.

export type FailureKind =
  /** 429/418 or the exchange's own "too many requests": wait (at least Retry-After) and try again. */
  | 'rate_limited'
  /** 5xx, maintenance, or an exchange-side failure: the exchange is there but not serving. */
  | 'unavailable'
  /** No answer in time. */
  | 'timeout'
  /** Connection refused, reset, websocket dropped: the exchange is unreachable right now. */
  | 'network'
  /** The answer came but could not be read (malformed JSON, missing fields, garbage values). */
  | 'bad_response'
  /** The exchange refused the request itself (bad symbol, bad parameter): retrying will not help soon. */
  | 'rejected'
  /** The source closed the exchange on purpose. */
  | 'closed'
  | 'unknown';

export interface Failure {
  kind: FailureKind;
  reason: string;
  /** The exchange's Retry-After, in ms, when it gave one with a rate limit. */
  retryAfterMs?: number;
}

/** Raised by the live source itself when a response parsed but holds garbage (NaN prices, missing times). */
export class BadDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadResponse';
  }
}

export function errorNames(err: unknown): string[] {
  const names: string[] = [];
  if (err instanceof Error && err.name && err.name !== 'Error') names.push(err.name);
  for (let p = err !== null && typeof err === 'object' ? Object.getPrototypeOf(err) : null; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const n = (p as { constructor?: { name?: string } }).constructor?.name;
    if (n && !names.includes(n)) names.push(n);
  }
  return names;
}

const HTTP_STATUS_RE = /\s(\d{3})\s[A-Z][A-Za-z ]+/;

/** ccxt messages start with the exchange id and often carry the URL; keep the part that says what happened. */
function shortMessage(exchange: string, err: unknown): string {
  let text = err instanceof Error ? err.message : String(err);
  if (text.startsWith(exchange + ' ')) text = text.slice(exchange.length + 1);
  text = text.replace(/^(GET|POST|PUT|DELETE) \S+ /, '');
  text = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > 160 ? text.slice(0, 157) + '...' : text;
}

function retryAfterMs(headers: Record<string, string | undefined> | undefined): number | undefined {
  if (!headers) return undefined;
  const raw = headers['Retry-After'] ?? headers['retry-after'];
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

export function classifyError(exchange: string, err: unknown, lastHeaders?: Record<string, string | undefined>): Failure {
  const names = errorNames(err);
  const has = (n: string) => names.includes(n);
  const msg = shortMessage(exchange, err);
  const status = HTTP_STATUS_RE.exec(err instanceof Error ? err.message : '')?.[1];
  const http = status ? ` (HTTP ${status})` : '';
  if (has('ExchangeClosedByUser')) return { kind: 'closed', reason: `${exchange} connection closed` };
  if (has('RateLimitExceeded') || has('DDoSProtection')) {
    const wait = retryAfterMs(lastHeaders);
    return { kind: 'rate_limited', reason: `rate limited by ${exchange}${http || ' (HTTP 429)'}`, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
  }
  if (has('OnMaintenance')) return { kind: 'unavailable', reason: `${exchange} is under maintenance${http}` };
  // With an HTTP status the body is an error page or a repeat of it: the status says it all.
  if (has('ExchangeNotAvailable')) return { kind: 'unavailable', reason: status ? `${exchange} is unavailable${http}` : `${exchange} is unavailable: ${msg}` };
  if (has('RequestTimeout')) return { kind: 'timeout', reason: `${exchange} did not answer in time: ${msg}` };
  if (has('NetworkError')) return { kind: 'network', reason: `cannot reach ${exchange}: ${msg}` };
  if (has('BadResponse') || has('NullResponse') || has('SyntaxError') || has('TypeError')) {
    return { kind: 'bad_response', reason: `unreadable answer from ${exchange}: ${msg}` };
  }
  if (has('OperationFailed')) return { kind: 'unavailable', reason: `${exchange} failed to serve the request: ${msg}` };
  if (has('BadSymbol') || has('BadRequest') || has('NotSupported') || has('ArgumentsRequired')) {
    return { kind: 'rejected', reason: `${exchange} refused the request: ${msg}` };
  }
  if (has('ExchangeError')) return { kind: 'unavailable', reason: `${exchange} reported an error: ${msg}` };
  return { kind: 'unknown', reason: `unexpected failure talking to ${exchange}: ${msg}` };
}
