// Credentials as `keel keys set` reads them from stdin: the API key on the first line, the secret on
// the second and, for exchanges that have one, the passphrase on a third. Stdin, because a key given
// as an argument is kept in shell history and shown to every user by `ps`.
import { parseCredentials, type ExchangeCredentials } from './credentials.ts';

export const CREDENTIAL_LINES_HELP =
  'the API key on line 1, the API secret on line 2 and, for exchanges that have one (OKX, KuCoin, ...), the passphrase on line 3';

export function parseCredentialLines(text: string): ExchangeCredentials {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length < 2 || lines.length > 3) {
    throw new RangeError(`expected ${CREDENTIAL_LINES_HELP}; got ${lines.length} line${lines.length === 1 ? '' : 's'}`);
  }
  const [apiKey, secret, password] = lines;
  return parseCredentials({ apiKey, secret, password });
}
