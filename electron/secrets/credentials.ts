// The API credentials of one exchange account, as ccxt takes them: apiKey, secret and, for exchanges
// such as OKX or KuCoin, a passphrase (ccxt calls it `password`). Validation messages say what is
// wrong and where, and never quote the value: these strings end up on terminals and in logs.

export interface ExchangeCredentials {
  apiKey: string;
  secret: string;
  /** ccxt's `password`: the API passphrase some exchanges require. */
  password?: string;
}

/**
 * Generous for every exchange key format we know (Binance 64, Kraken 88, Coinbase 88 characters) yet
 * small enough that the JSON of all three stays under Windows Credential Manager's 1280-character limit.
 */
export const MAX_LENGTH = { apiKey: 256, secret: 256, password: 128 } as const;

const LABEL = { apiKey: 'API key', secret: 'API secret', password: 'passphrase' } as const;

type Field = keyof typeof MAX_LENGTH;

/** Whitespace or control characters: a pasted key with a line break or space is a broken key. */
const BAD_CHAR = /[\s\p{Cc}]/u;

function checkField(field: Field, value: unknown): string {
  const label = LABEL[field];
  if (typeof value !== 'string') throw new TypeError(`the ${label} must be text`);
  if (value.length === 0) throw new RangeError(`the ${label} is empty; paste it from the exchange's API management page`);
  if (value.length > MAX_LENGTH[field]) throw new RangeError(`the ${label} is ${value.length} characters long; at most ${MAX_LENGTH[field]} are accepted`);
  const bad = BAD_CHAR.exec(value);
  if (bad) throw new RangeError(`the ${label} has a space, line break or control character at position ${bad.index + 1}; keys have none: paste it again without them`);
  return value;
}

/** Checks credentials typed or read back from the keychain; returns a clean copy with only the known fields. */
export function parseCredentials(value: { apiKey?: unknown; secret?: unknown; password?: unknown }): ExchangeCredentials {
  const credentials: ExchangeCredentials = { apiKey: checkField('apiKey', value.apiKey), secret: checkField('secret', value.secret) };
  if (value.password !== undefined) credentials.password = checkField('password', value.password);
  return credentials;
}

/** The keychain entry's text: a JSON object `{ apiKey, secret, password? }`. */
export function credentialsToBlob(credentials: ExchangeCredentials): string {
  const { apiKey, secret, password } = credentials;
  return JSON.stringify(password === undefined ? { apiKey, secret } : { apiKey, secret, password });
}

/** Reads an entry back; a damaged entry is reported without its content, which may be a secret. */
export function credentialsFromBlob(blob: string, id: string): ExchangeCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(blob);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`the keychain entry for ${id} is not Keel's credential format; run \`keel keys delete\` and \`keel keys set\` for it again`);
  }
  try {
    return parseCredentials(parsed);
  } catch (err) {
    throw new Error(`the keychain entry for ${id} holds invalid credentials (${(err as Error).message}); set them again with \`keel keys set\``);
  }
}
