// What a failed order request means for what the broker may do next. The line that matters is between
// answers that prove what the exchange did and failures that leave it unknown:
//
//   refused     the exchange answered and refused (bad order, no funds, bad key): nothing was placed.
//   duplicate   "Duplicate order sent": an open order already has this client id (an earlier try got in).
//   not_found   the exchange says it has no such order (a lookup's proof of absence).
//   rate_limited  429/418 or the exchange's "too many requests": Binance refuses these before the matching
//               engine, so nothing was placed; wait (Retry-After) and try again.
//   uncertain   timeout, dropped connection, 5xx, an unreadable answer, "execution status unknown": the
//               order may or may not exist. Never resend after one of these without looking first.
//
// ccxt's classes are matched by name along the prototype chain (errorNames), like the live source does.
import { errorNames } from '../../market/live/ccxt-errors.ts';

export type OrderFailureKind = 'refused' | 'duplicate' | 'not_found' | 'rate_limited' | 'uncertain';

export interface OrderFailure {
  kind: OrderFailureKind;
  /** Short and readable; never the request (it carries the signature). */
  reason: string;
  retryAfterMs?: number;
}

/** The error's text for a person: without the exchange's name in front, HTML, the signed URL, or the JSON wrapping. */
export function exchangeErrorText(exchange: string, err: unknown): string {
  let text = err instanceof Error ? err.message : String(err);
  if (text.startsWith(exchange + ' ')) text = text.slice(exchange.length + 1);
  // An edge's HTML error page says nothing the status line before it does not.
  text = text.replace(/<html[\s\S]*<\/html>/i, ' ').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  // ccxt puts the URL (with the signed query) in some messages: keep it out of journals and logs.
  text = text.replace(/(GET|POST|PUT|DELETE) \S+/g, '$1 (url)').replace(/signature=[0-9a-f]+/gi, 'signature=…');
  const json = /\{"code":-?\d+,"msg":"([^"]*)"\}/.exec(text);
  if (json) text = json[1]!;
  return text.length > 200 ? text.slice(0, 197) + '...' : text;
}

function retryAfterMs(headers: Record<string, string | undefined> | undefined): number | undefined {
  const raw = headers?.['Retry-After'] ?? headers?.['retry-after'];
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export function classifyOrderError(exchange: string, err: unknown, lastHeaders?: Record<string, string | undefined>): OrderFailure {
  const names = errorNames(err);
  const has = (n: string) => names.includes(n);
  const reason = exchangeErrorText(exchange, err);
  if (has('RateLimitExceeded') || has('DDoSProtection')) {
    const wait = retryAfterMs(lastHeaders);
    return { kind: 'rate_limited', reason: `rate limited by ${exchange}: ${reason}`, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
  }
  if (has('OrderNotFound')) return { kind: 'not_found', reason };
  if (/duplicate order/i.test(reason) || has('DuplicateOrderId')) return { kind: 'duplicate', reason };
  // Binance's -1006/-1007: the request reached the backend and nobody knows what became of it.
  if (/execution status unknown|send status unknown/i.test(reason)) return { kind: 'uncertain', reason };
  if (has('NetworkError') || has('OperationFailed') || has('BadResponse') || has('NullResponse') || has('SyntaxError')) return { kind: 'uncertain', reason };
  if (has('ExchangeError')) return { kind: 'refused', reason };
  // Not a ccxt error at all (a bug, a TypeError inside ccxt): the request may have gone out.
  return { kind: 'uncertain', reason };
}

/**
 * Why a call outside the order path (arming, the balance preview) failed, for the person who asked: the
 * cleaned text, and what to do about it when the kind of failure says (a refused key, a rate limit, an
 * exchange that is down). Never the signed URL: this text reaches the screen and the audit log.
 */
export function describeExchangeError(exchange: string, err: unknown): string {
  const names = errorNames(err);
  // Keel's own errors (no key stored, reconciliation too slow) are already written for a person.
  if (!names.includes('BaseError')) return err instanceof Error ? err.message : String(err);
  const text = exchangeErrorText(exchange, err).replace(/^(GET|POST|PUT|DELETE) \(url\) /, '');
  if (names.includes('AuthenticationError') || names.includes('PermissionDenied')) {
    return `${exchange} refused the API key: ${text} (check the key and secret, the key's IP allowlist, and that it may read the account and trade spot)`;
  }
  if (names.includes('RateLimitExceeded') || names.includes('DDoSProtection')) return `${exchange} is rate limiting this IP: ${text}; wait a while and try again`;
  if (names.includes('NetworkError')) return `${exchange} did not answer properly (${text}); check the connection, or try again later`;
  return text;
}
