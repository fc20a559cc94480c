// The asset a portfolio market's own buy-and-hold return is counted in, when it is not the account's: ETH/BTC
// beside BTC/USDT on a USDT account rose in BTC, and its return read in the same column as BTC/USDT's (a USDT
// return) would be compared as alike. The CLI's and HTML report's portfolio table, the JSON and the app's
// table all label such a cell from here.
import { accountQuote } from './account-quote.ts';

/** The quote `symbol`'s buy and hold is counted in when it is not the account's of `symbols`; null when it is. */
export function holdQuoteApart(symbol: string, symbols: readonly string[]): string | null {
  const own = accountQuote([symbol]);
  return own === accountQuote(symbols) ? null : own;
}

/** A buy-and-hold cell's text, "342.63% (in BTC)" when its return is counted in another asset than the account's. */
export function holdCellText(text: string, quote: string | null): string {
  return quote === null ? text : `${text} (in ${quote})`;
}
