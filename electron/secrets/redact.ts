// Keeps credentials out of logs and error reports. `redact` copies any value that might hold
// credentials (a ccxt exchange, its config, a request) with every secret-looking field replaced;
// `redactText` removes known secret values from free text such as a native library's error message.

import { flattenName, isCredentialName } from './secret-names.ts';

export const REDACTED = '[redacted]';

/**
 * Field names that hold secrets in ccxt configs, exchange requests and Keel's own credentials. Matched
 * on the name lower-cased without - and _, by substring, so clientSecret, API_KEY or X-MBX-APIKEY are
 * caught too (the same idea as the audit log's guard); masking a harmless field costs nothing in a log.
 */
const EXTRA_PARTS = ['token', 'signature', 'authorization', 'credential'];
/** ccxt's other credentials (uid, login, twofa), matched whole: "uid" is a substring of too many names. */
const SECRET_NAMES = new Set(['uid', 'login', 'twofa']);

/** Credentials (secret-names.ts) plus what only a log needs masked: tokens, signatures, auth headers. */
function isSecretField(name: string): boolean {
  const flat = flattenName(name);
  return SECRET_NAMES.has(flat) || isCredentialName(name) || EXTRA_PARTS.some((part) => flat.includes(part));
}

const MAX_DEPTH = 8;

/** A deep, plain copy of `value` with secret fields masked; class instances come out as plain objects of their own fields. */
export function redact(value: unknown): unknown {
  return copy(value, 0, new WeakMap());
}

function copy(value: unknown, depth: number, seen: WeakMap<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  if (depth >= MAX_DEPTH) return '[…]';
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof Error) {
    // Messages are kept: Keel's own never quote a secret, and redactText covers foreign ones that might.
    const out: Record<string, unknown> = { name: value.name, message: value.message };
    seen.set(value, out);
    for (const [k, v] of Object.entries(value)) out[k] = isSecretField(k) ? mask(v) : copy(v, depth + 1, seen);
    return out;
  }
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>();
    seen.set(value, out);
    for (const [k, v] of value) out.set(k, typeof k === 'string' && isSecretField(k) ? mask(v) : copy(v, depth + 1, seen));
    return out;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(copy(v, depth + 1, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = isSecretField(k) ? mask(v) : copy(v, depth + 1, seen);
  return out;
}

/** Empty and absent values stay visible (whether a key is set is useful to know); anything else is masked. */
function mask(v: unknown): unknown {
  return v === undefined || v === null || v === '' ? v : REDACTED;
}

/** `text` with every occurrence of each secret replaced; secrets shorter than 4 characters are left alone (they would mask ordinary words). */
export function redactText(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s !== undefined && s.length >= 4) out = out.split(s).join(REDACTED);
  return out;
}
