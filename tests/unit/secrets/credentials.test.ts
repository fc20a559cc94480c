// Validation of exchange accounts and credentials: what is accepted, and errors that say what is
// valid without ever quoting the rejected value (it may be a secret pasted into the wrong place).
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accountId, parseAccountId, parseAccountName, parseExchangeAccount } from '../../../electron/secrets/exchange-account.ts';
import { credentialsFromBlob, credentialsToBlob, MAX_LENGTH, MAX_PEM_LENGTH, parseCredentials } from '../../../electron/secrets/credentials.ts';
import { parseCredentialLines } from '../../../electron/secrets/credential-lines.ts';

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
/** A fresh P-256 key in the form Coinbase's CDP key files hold (their "privateKey"), without the final line break. */
const PEM = generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'sec1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } })
  .privateKey.trim();
const PEM_BODY = PEM.split('\n')[1]!;
const CDP_KEY = 'organizations/8f2c1f4e-1b7e-4d57-9b3c-2a8f0c3e9d11/apiKeys/4f1e3c2a-7b8d-4e6f-9a0b-1c2d3e4f5a6b';

describe('exchange accounts', () => {
  it('accepts ccxt ids and short names, lower-casing them, with "main" as the default name', () => {
    expect(parseExchangeAccount({ exchange: 'Binance' })).toEqual({ exchange: 'binance', name: 'main' });
    expect(parseExchangeAccount({ exchange: 'okx', name: 'Sub_1-a' })).toEqual({ exchange: 'okx', name: 'sub_1-a' });
    expect(parseAccountName('a'.repeat(32))).toBe('a'.repeat(32));
  });

  it.each(['', 'a'.repeat(33), 'main account', 'a.b', 'a:b', 'ü', 'x/y'])('rejects the account name %j and says what a name may hold', (name) => {
    expect(() => parseAccountName(name)).toThrow(/1 to 32 lower-case letters, digits, - and _/);
  });

  it('rejects bad exchange ids with the rule', () => {
    expect(() => parseExchangeAccount({ exchange: 'bin ance' })).toThrow(/ccxt exchange id/);
    expect(() => parseExchangeAccount({ exchange: 'a:b' })).toThrow(/ccxt exchange id/);
  });

  it('round-trips the keychain id exchange:name', () => {
    const account = parseExchangeAccount({ exchange: 'kraken', name: 'sub2' });
    expect(accountId(account)).toBe('kraken:sub2');
    expect(parseAccountId('kraken:sub2')).toEqual(account);
    expect(() => parseAccountId('kraken')).toThrow(/exchange:name/);
    expect(() => parseAccountId('a:b:c')).toThrow(/exchange:name/);
  });
});

describe('credentials', () => {
  it('keeps only apiKey, secret and an optional password', () => {
    expect(parseCredentials({ apiKey: KEY, secret: SECRET })).toEqual({ apiKey: KEY, secret: SECRET });
    expect(parseCredentials({ apiKey: KEY, secret: SECRET, password: 'pass-Phrase_1!' })).toEqual({ apiKey: KEY, secret: SECRET, password: 'pass-Phrase_1!' });
    expect(parseCredentials({ apiKey: KEY, secret: SECRET, extra: 'x' } as never)).toEqual({ apiKey: KEY, secret: SECRET });
  });

  it.each([
    ['an empty API key', { apiKey: '', secret: SECRET }, /API key is empty/],
    ['an empty secret', { apiKey: KEY, secret: '' }, /API secret is empty/],
    ['a missing secret', { apiKey: KEY }, /API secret must be text/],
    ['a non-string key', { apiKey: 42, secret: SECRET }, /API key must be text/],
    ['a key with a space', { apiKey: `${KEY.slice(0, 10)} ${KEY.slice(10)}`, secret: SECRET }, /API key has a space, line break or control character at position 11/],
    ['a secret with a newline', { apiKey: KEY, secret: `${SECRET}\n` }, /API secret has a space, line break or control character at position 65/],
    ['a secret with a tab', { apiKey: KEY, secret: `\t${SECRET}` }, /position 1/],
    ['a password with a control character', { apiKey: KEY, secret: SECRET, password: 'ab\u0007cd' }, /passphrase has a space/],
    ['a key with a zero-width space', { apiKey: `${KEY.slice(0, 10)}\u200b${KEY.slice(10)}`, secret: SECRET }, /API key has an invisible or non-ASCII character at position 11/],
    ['a secret with a Cyrillic look-alike letter', { apiKey: KEY, secret: `${SECRET.slice(0, 4)}\u0430${SECRET.slice(4)}` }, /API secret has an invisible or non-ASCII character at position 5/],
    ['a password with an accented letter', { apiKey: KEY, secret: SECRET, password: 'pass\u00e9word' }, /passphrase has an invisible or non-ASCII character at position 5/],
    ['an empty password', { apiKey: KEY, secret: SECRET, password: '' }, /passphrase is empty/],
    ['a too long key', { apiKey: 'k'.repeat(MAX_LENGTH.apiKey + 1), secret: SECRET }, new RegExp(`at most ${MAX_LENGTH.apiKey}`)],
    ['a too long secret', { apiKey: KEY, secret: 's'.repeat(MAX_LENGTH.secret + 1) }, new RegExp(`at most ${MAX_LENGTH.secret}`)],
  ])('rejects %s with a message that does not quote it', (_label, input, message) => {
    let error: Error | undefined;
    try {
      parseCredentials(input);
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain(KEY.slice(0, 10));
    expect(error?.message).not.toContain(SECRET.slice(0, 10));
  });

  it('accepts the longest allowed values', () => {
    const long = { apiKey: 'k'.repeat(MAX_LENGTH.apiKey), secret: 's'.repeat(MAX_LENGTH.secret), password: 'p'.repeat(MAX_LENGTH.password) };
    expect(parseCredentials(long)).toEqual(long);
    // Windows Credential Manager holds at most 1280 UTF-16 characters per entry.
    expect(credentialsToBlob(long).length).toBeLessThanOrEqual(1280);
  });

  it('stores a JSON blob and reads it back', () => {
    const blob = credentialsToBlob({ apiKey: KEY, secret: SECRET, password: 'pw12' });
    expect(JSON.parse(blob)).toEqual({ apiKey: KEY, secret: SECRET, password: 'pw12' });
    expect(credentialsFromBlob(blob, 'okx:main')).toEqual({ apiKey: KEY, secret: SECRET, password: 'pw12' });
    expect(JSON.parse(credentialsToBlob({ apiKey: KEY, secret: SECRET }))).toEqual({ apiKey: KEY, secret: SECRET });
  });

  it('reports a damaged entry without its content', () => {
    for (const blob of [`not json ${SECRET}`, JSON.stringify([SECRET]), JSON.stringify({ apiKey: KEY, secret: `${SECRET} x` })]) {
      let message = '';
      try {
        credentialsFromBlob(blob, 'binance:main');
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/keychain entry for binance:main/);
      expect(message).not.toContain(SECRET);
      expect(message).not.toContain(KEY);
    }
  });
});

describe('credential lines on stdin', () => {
  it('reads key and secret, and a passphrase on a third line, trimming CR and surrounding blanks', () => {
    expect(parseCredentialLines(`${KEY}\n${SECRET}\n`)).toEqual({ apiKey: KEY, secret: SECRET });
    expect(parseCredentialLines(`${KEY}\r\n${SECRET}\r\npw-1234\r\n\n`)).toEqual({ apiKey: KEY, secret: SECRET, password: 'pw-1234' });
    expect(parseCredentialLines(`  ${KEY}  \n${SECRET}`)).toEqual({ apiKey: KEY, secret: SECRET });
  });

  it.each([
    ['one line', `${KEY}\n`, /got 1 line$/],
    ['no line', '\n\n', /got 0 lines/],
    ['four lines', `${KEY}\n${SECRET}\npw\nmore\n`, /got 4 lines/],
    ['an empty secret line between', `${KEY}\n\npw12\n`, /API secret is empty/],
  ])('rejects %s', (_label, text, message) => {
    expect(() => parseCredentialLines(text)).toThrow(message);
  });
});

describe('a secret that is a PEM private key (Coinbase CDP keys)', () => {
  it('is read from its -----BEGIN line to its -----END line and kept exactly, line breaks included', () => {
    expect(PEM.split('\n')[0]).toBe('-----BEGIN EC PRIVATE KEY-----');
    expect(parseCredentialLines(`${CDP_KEY}\n${PEM}\n`)).toEqual({ apiKey: CDP_KEY, secret: PEM });
    // Windows line ends and the key file's trailing line break; a passphrase on the line after the block.
    expect(parseCredentialLines(`${CDP_KEY}\r\n${PEM.replaceAll('\n', '\r\n')}\r\npw-1234\r\n`)).toEqual({ apiKey: CDP_KEY, secret: PEM, password: 'pw-1234' });
    // And it survives the keychain entry.
    expect(credentialsFromBlob(credentialsToBlob({ apiKey: CDP_KEY, secret: PEM }), 'coinbase:main')).toEqual({ apiKey: CDP_KEY, secret: PEM });
  });

  it.each([
    ['no END line', `${CDP_KEY}\n${PEM.split('\n').slice(0, -1).join('\n')}\n`, /starts a PEM block \(-----BEGIN EC PRIVATE KEY-----\) with no -----END EC PRIVATE KEY----- line/],
    ['an END line of another kind', `${CDP_KEY}\n${PEM.replace('END EC PRIVATE', 'END RSA PRIVATE')}\n`, /does not end with its matching -----END EC PRIVATE KEY----- line/],
    ['a broken line inside', `${CDP_KEY}\n${PEM.replace(PEM_BODY, `${PEM_BODY.slice(0, 20)} ${PEM_BODY.slice(20)}`)}\n`, /line 2 of the API secret's PEM block is not base64/],
    ['an empty line inside', `${CDP_KEY}\n${PEM.replace(PEM_BODY, `${PEM_BODY}\n`)}\n`, /line 3 of the API secret's PEM block is not base64/],
    ['the JSON file\'s one-line form with \\n escapes', `${CDP_KEY}\n${PEM.replaceAll('\n', '\\n')}\\n\n`, /PEM block written on one line with \\n escapes .* give it with real line breaks/],
    ['two lines after the block', `${CDP_KEY}\n${PEM}\npw-1234\nmore\n`, /got 8 lines, 5 of them the secret's PEM block/],
  ])('refuses %s, saying what is wrong without quoting the key', (_label, text, message) => {
    let error: Error | undefined;
    try {
      parseCredentialLines(text);
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain(PEM_BODY.slice(0, 12));
    expect(error?.message).not.toContain(CDP_KEY);
  });

  it('refuses line breaks in anything but a whole PEM block', () => {
    expect(() => parseCredentials({ apiKey: KEY, secret: `${SECRET}\n${SECRET}` })).toThrow(/API secret has a space, line break/);
    expect(() => parseCredentials({ apiKey: `${PEM}`, secret: SECRET })).toThrow(/API key has a space, line break/);
    expect(() => parseCredentials({ apiKey: KEY, secret: SECRET, password: 'pass\nword' })).toThrow(/passphrase has a space, line break/);
  });

  it('keeps the longest accepted entry within Windows Credential Manager\'s 1280 characters', () => {
    /** A block of exactly `length` characters, in 64-character lines (the most line breaks, each two characters in JSON). */
    const pemOfLength = (length: number) => {
      const [head, foot] = ['-----BEGIN EC PRIVATE KEY-----', '-----END EC PRIVATE KEY-----'];
      const size = length - head.length - foot.length - 2;
      const body = Array.from({ length: size }, (_, i) => (i % 65 === 64 && i < size - 1 ? '\n' : 'A')).join('');
      return `${head}\n${body}\n${foot}`;
    };
    const pem = pemOfLength(MAX_PEM_LENGTH);
    expect(pem.length).toBe(MAX_PEM_LENGTH);
    const longest = { apiKey: 'k'.repeat(MAX_LENGTH.apiKey), secret: pem, password: 'p'.repeat(MAX_LENGTH.password) };
    expect(parseCredentials(longest)).toEqual(longest);
    expect(credentialsToBlob(longest).length).toBeLessThanOrEqual(1280);
    expect(() => parseCredentials({ ...longest, secret: pemOfLength(MAX_PEM_LENGTH + 1) })).toThrow(`is a PEM block of ${MAX_PEM_LENGTH + 1} characters; at most ${MAX_PEM_LENGTH}`);
  });
});
