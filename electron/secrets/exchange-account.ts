// An exchange account Keel holds API keys for: the exchange (a ccxt id) and a short name the user
// picks, so one exchange can have several accounts (main, sub1, ...). In the keychain an account is
// the entry "exchange:name"; the colon never occurs in either part, so ids cannot collide.
import { parseExchange } from '../../shared/domain/symbol.ts';

export interface ExchangeAccount {
  exchange: string;
  name: string;
}

export const DEFAULT_ACCOUNT_NAME = 'main';

const NAME_RE = /^[a-z0-9_-]{1,32}$/;

/** An account name as typed ("Main" is accepted as main), or an error that says what a name may hold. */
export function parseAccountName(value: string): string {
  const lower = value.trim().toLowerCase();
  if (NAME_RE.test(lower)) return lower;
  throw new RangeError(`invalid account name "${value}"; use 1 to 32 lower-case letters, digits, - and _ (for example main or sub1)`);
}

/** Checks both parts; the exchange rules are the ones candle series use (parseExchange). */
export function parseExchangeAccount(account: { exchange: string; name?: string }): ExchangeAccount {
  return { exchange: parseExchange(account.exchange), name: parseAccountName(account.name ?? DEFAULT_ACCOUNT_NAME) };
}

/** "binance:main": the keychain account of the entry that holds this account's credentials. */
export function accountId(account: ExchangeAccount): string {
  return `${account.exchange}:${account.name}`;
}

export function parseAccountId(id: string): ExchangeAccount {
  const [exchange, name, ...rest] = id.split(':');
  if (exchange === undefined || name === undefined || rest.length > 0) throw new RangeError(`invalid account id "${id}"; expected exchange:name such as binance:main`);
  return parseExchangeAccount({ exchange, name });
}
