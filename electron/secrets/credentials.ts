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

/**
 * A secret that is a PEM private key (Coinbase's CDP keys: "-----BEGIN EC PRIVATE KEY-----", about 230
 * characters over five lines). Still within the 1280 characters with the longest key and passphrase.
 */
export const MAX_PEM_LENGTH = 512;

const LABEL = { apiKey: 'API key', secret: 'API secret', password: 'passphrase' } as const;

type Field = keyof typeof MAX_LENGTH;

/** Whitespace or control characters: a pasted key with a line break or space is a broken key. */
const BAD_CHAR = /[\s\p{Cc}]/u;

/**
 * Anything but printable ASCII. Exchange keys are hex, base64 or UUIDs, and all three values travel in
 * HTTP headers, where a zero-width space or a look-alike letter (pasted from a web page) would only
 * fail at arming, with fetch's "Cannot convert argument to a ByteString".
 */
const NOT_ASCII = /[^\x21-\x7e]/;

function checkField(field: Field, value: unknown): string {
  const label = LABEL[field];
  if (typeof value !== 'string') throw new TypeError(`the ${label} must be text`);
  if (value.length === 0) throw new RangeError(`the ${label} is empty; paste it from the exchange's API management page`);
  if (field === 'secret' && value.startsWith(PEM_BEGIN)) return checkPemBlock(value);
  if (value.length > MAX_LENGTH[field]) throw new RangeError(`the ${label} is ${value.length} characters long; at most ${MAX_LENGTH[field]} are accepted`);
  const bad = BAD_CHAR.exec(value);
  if (bad) throw new RangeError(`the ${label} has a space, line break or control character at position ${bad.index + 1}; keys have none: paste it again without them`);
  const foreign = NOT_ASCII.exec(value);
  if (foreign) {
    throw new RangeError(
      `the ${label} has an invisible or non-ASCII character at position ${foreign.index + 1} (often picked up when copying from a web page); keys hold only ASCII letters, digits and symbols: copy it again from the exchange`,
    );
  }
  return value;
}

const PEM_BEGIN = '-----BEGIN ';
const PEM_BEGIN_LINE = /^-----BEGIN ([A-Z0-9]+(?: [A-Z0-9]+)*)-----$/;
const BASE64_LINE = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * A secret that is a PEM block: its BEGIN line, base64 lines, and the END line with the same label,
 * joined by single line breaks. ccxt signs with the block as the exchange issued it (coinbase.js: "keep
 * the newlines"), so the line breaks are part of the value; anything else in it is refused, by line
 * number, as a broken paste. The label is quoted in messages (it says what kind of key it is, nothing secret).
 */
function checkPemBlock(value: string): string {
  const label = LABEL.secret;
  if (value.length > MAX_PEM_LENGTH) throw new RangeError(`the ${label} is a PEM block of ${value.length} characters; at most ${MAX_PEM_LENGTH} are accepted`);
  if (!value.includes('\n') && value.includes('\\n')) {
    throw new RangeError(
      `the ${label} is a PEM block written on one line with \\n escapes (as in the exchange's JSON key file), which would break every signature; give it with real line breaks: the -----BEGIN line, the lines under it and the -----END line`,
    );
  }
  const lines = value.split('\n');
  const begin = PEM_BEGIN_LINE.exec(lines[0]!);
  if (!begin) throw new RangeError(`the ${label} starts like a PEM block but its first line is not a -----BEGIN ...----- line such as -----BEGIN EC PRIVATE KEY-----`);
  const end = `-----END ${begin[1]}-----`;
  if (lines.length < 3 || lines[lines.length - 1] !== end) throw new RangeError(`the ${label} is a PEM block that does not end with its matching ${end} line; paste the whole block`);
  for (let i = 1; i < lines.length - 1; i++) {
    if (!BASE64_LINE.test(lines[i]!)) {
      throw new RangeError(`line ${i + 1} of the ${label}'s PEM block is not base64 (letters, digits, + / and a closing =); paste the block again exactly as the exchange gave it`);
    }
  }
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
