// Market symbols are written the way ccxt writes them: BASE/QUOTE (spot), optionally :SETTLE for derivatives.
import { didYouMeanSymbol, storedSymbolsWords } from './symbol-guess.ts';

const SYMBOL_RE = /^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}(:[A-Z0-9]{1,20})?$/;

export function isSymbol(value: string): boolean {
  return SYMBOL_RE.test(value);
}

/**
 * Parses a user-typed symbol ("btc/usdt" is accepted as BTC/USDT), or throws an error saying what a symbol
 * looks like, and which of `stored` (the journal's symbols, where the caller has them) it most likely means:
 * BTCUSDT, btc_usdt and BTC-USDT are refused with "did you mean BTC/USDT?", not read as it, as a symbol
 * of another spelling could be another market (symbol-guess.ts). Nothing close: the stored ones are listed.
 */
export function parseSymbol(value: string, storedSymbols: readonly string[] | (() => readonly string[]) = []): string {
  const upper = value.trim().toUpperCase();
  if (isSymbol(upper)) return upper;
  // A function is asked only now: a caller reads the journal for a symbol refused, not for every one given.
  const stored = typeof storedSymbols === 'function' ? storedSymbols() : storedSymbols;
  const guess = didYouMeanSymbol(value.trim(), stored);
  throw new RangeError(`invalid symbol "${value}"${guess}; a symbol is BASE/QUOTE such as BTC/USDT (or BASE/QUOTE:SETTLE for derivatives)${guess === '' ? storedSymbolsWords(stored) : ''}`);
}

/** BASE/QUOTE[:SETTLE] → its base and quote assets (a symbol without '/' is all base, quote ''). */
export function splitSymbol(symbol: string): { base: string; quote: string } {
  const [pair = symbol] = symbol.split(':');
  const [base = pair, quote = ''] = pair.split('/');
  return { base, quote };
}

const EXCHANGE_RE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** Exchange names are ccxt ids (binance, kraken, ...) or a local label such as "local"; lower-case letters, digits, - and _. */
export function parseExchange(value: string): string {
  const lower = value.trim().toLowerCase();
  if (EXCHANGE_RE.test(lower)) return lower;
  throw new RangeError(`invalid exchange "${value}"; use a ccxt exchange id such as binance, or a label of lower-case letters, digits, - and _`);
}
