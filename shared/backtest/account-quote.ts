// The asset a backtest's account holds: what its markets are quoted in, as a trader of XRP/ETH holds ETH
// (an account of USDT could buy none of it: every order would be refused). Markets quoted in several
// assets (a portfolio of BTC/USDT and ETH/BTC) keep USDT, and the others' orders are refused with a note
// saying why. The engine's account and the reports' "capital 10,000 ETH" read it from here.
import { splitSymbol } from '../domain/symbol.ts';

/** The account's asset for markets of these symbols (BASE/QUOTE, a venue suffix after ':' ignored). */
export function accountQuote(symbols: Iterable<string>): string {
  const quotes = new Set<string>();
  for (const s of symbols) quotes.add(splitSymbol(s).quote);
  const only = quotes.size === 1 ? quotes.values().next().value! : '';
  return only === '' ? 'USDT' : only;
}
