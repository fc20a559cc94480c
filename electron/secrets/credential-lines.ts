// Credentials as `keel keys set` reads them from stdin: the API key on the first line, the secret on
// the second and, for exchanges that have one, the passphrase on a third. Stdin, because a key given
// as an argument is kept in shell history and shown to every user by `ps`. A secret that is a PEM
// private key (Coinbase's CDP keys) spans the lines from its -----BEGIN line to its -----END line.
import { parseCredentials, type ExchangeCredentials } from './credentials.ts';

export const CREDENTIAL_LINES_HELP =
  'the API key on line 1, the API secret on line 2 (a PEM private key such as Coinbase\'s: all its lines, -----BEGIN to -----END) and, for exchanges that have one (OKX, KuCoin, ...), the passphrase on the line after the secret';

/** As credentials.ts checks it; the label (EC PRIVATE KEY) may be quoted, it holds nothing secret. */
const PEM_BEGIN = /^-----BEGIN ([A-Z0-9]+(?: [A-Z0-9]+)*)-----$/;

export function parseCredentialLines(text: string): ExchangeCredentials {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const [apiKey, ...rest] = lines;
  const secretLines = pemLines(rest) ?? rest.slice(0, 1);
  if (secretLines.length === 0 || rest.length - secretLines.length > 1) {
    const pem = secretLines.length > 1 ? `, ${secretLines.length} of them the secret's PEM block` : '';
    throw new RangeError(`expected ${CREDENTIAL_LINES_HELP}; got ${lines.length} line${lines.length === 1 ? '' : 's'}${pem}`);
  }
  const password = rest[secretLines.length];
  return parseCredentials({ apiKey, secret: secretLines.join('\n'), password });
}

/**
 * The lines of a PEM block that starts `lines`, through the first -----END line; null when the first
 * line does not begin one. Without an END line it is refused here: reading on would take the
 * passphrase for part of the key.
 */
function pemLines(lines: string[]): string[] | null {
  const begin = PEM_BEGIN.exec(lines[0] ?? '');
  if (!begin) return null;
  const end = lines.findIndex((l) => l.startsWith('-----END '));
  if (end < 0) throw new RangeError(`the API secret on line 2 starts a PEM block (-----BEGIN ${begin[1]}-----) with no -----END ${begin[1]}----- line after it; paste the whole block`);
  return lines.slice(0, end + 1);
}
