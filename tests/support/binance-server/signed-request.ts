// Binance's SIGNED endpoint security, checked for real: the X-MBX-APIKEY header names a key the server
// knows, `signature` is the HMAC-SHA256 (hex) of the query string followed by the body (signature left
// out) under that key's secret, and `timestamp` falls inside `recvWindow` (default 5000 ms, at most 60000).
//
// Time here is the WALL clock, not the market clock: ccxt stamps requests with its own Date.now(), and
// the market clock of this server sits in March 2023. (ccxt's adjustForTimeDifference must stay off
// against this server: /api/v3/time answers market time.)
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BinanceApiError, mandatory } from './api-error.ts';

/** The key the server accepts unless told otherwise. Not a secret: it only opens this test server. */
export const TEST_API_KEY = 'keeltestkey0000000000000000000000000000000000000000000000000000001';
export const TEST_API_SECRET = 'keeltestsecret00000000000000000000000000000000000000000000000001';

export interface ApiCredential {
  apiKey: string;
  secret: string;
}

/** Splits `a=1&b=2&signature=ff` into the signed payload and the signature (which must come last). */
function splitSignature(text: string): { payload: string; signature: string | null } {
  const m = /(^|&)signature=([^&]*)$/.exec(text);
  if (!m) return { payload: text, signature: null };
  return { payload: text.slice(0, m.index), signature: decodeURIComponent(m[2]!) };
}

/**
 * Checks a signed request; returns its parameters (query and form body merged) or throws Binance's error:
 * -2014 no/ill-formed key, -2015 unknown key, -1022 bad signature, -1021 stale or future timestamp.
 */
export function verifySigned(options: { rawQuery: string; body: string; apiKeyHeader: string | undefined; credentials: readonly ApiCredential[]; now?: number }): URLSearchParams {
  const { rawQuery, body, apiKeyHeader, credentials } = options;
  if (apiKeyHeader === undefined || apiKeyHeader === '') throw new BinanceApiError(401, -2014, 'API-key format invalid.');
  const cred = credentials.find((c) => c.apiKey === apiKeyHeader);
  if (!cred) throw new BinanceApiError(401, -2015, 'Invalid API-key, IP, or permissions for action.');
  const q = splitSignature(rawQuery);
  const b = splitSignature(body);
  const signature = q.signature ?? b.signature;
  if (signature === null) throw mandatory('signature');
  // totalParams: the query string concatenated with the body, as Binance defines it.
  const payload = q.signature !== null ? q.payload + body : rawQuery + b.payload;
  const expected = createHmac('sha256', cred.secret).update(payload).digest('hex');
  const given = Buffer.from(signature.toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
    throw new BinanceApiError(400, -1022, 'Signature for this request is not valid.');
  }
  const params = new URLSearchParams(q.payload);
  for (const [k, v] of new URLSearchParams(b.payload)) params.append(k, v);
  const ts = params.get('timestamp');
  if (ts === null || ts === '') throw mandatory('timestamp');
  const recvRaw = params.get('recvWindow');
  const recvWindow = recvRaw === null ? 5_000 : Number(recvRaw);
  if (!Number.isFinite(recvWindow) || recvWindow <= 0 || recvWindow > 60_000) {
    throw new BinanceApiError(400, -1131, 'recvWindow must be less than 60000');
  }
  const now = options.now ?? Date.now();
  const stamp = Number(ts);
  if (!Number.isFinite(stamp) || stamp >= now + 1_000 || now - stamp > recvWindow) {
    throw new BinanceApiError(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
  }
  return params;
}
