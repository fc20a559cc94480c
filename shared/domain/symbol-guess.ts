// The market a symbol Keel does not know most likely meant, for "did you mean BTC/USDT?" in a refusal: a
// pair typed as exchanges and file names write it (BTCUSDT, btc_usdt, BTC-USDT), or the start of a
// stored one. keel import, keel backtest, keel export, the app's backtest and its chart all guess here, so each
// refusal guesses the same way.
import { symbolFromFileName } from './symbol-from-file-name.ts';

/** A symbol with its case and separators taken out: BTC/USDT, btc_usdt and BTC-USDT are all BTCUSDT. */
export function symbolKey(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * The one of `known` (the symbols stored, or served) that `typed` means: the same but for case and
 * separators, else the only one it is the start of (BTC/USD, BTC for BTC/USDT). With none, a pair written
 * without its slash is read by its quote asset (SOLUSDT → SOL/USDT, as a file name is). Null when nothing
 * matches. A letter's slip is not guessed at: ETC/USDT and ETH/USDT are both markets.
 */
export function nearestSymbol(typed: string, known: readonly string[]): string | null {
  const key = symbolKey(typed);
  if (key === '') return null;
  const keys = known.map(symbolKey);
  const exact = keys.indexOf(key);
  if (exact >= 0) return known[exact]!;
  const starts = [...new Set(known.filter((_, i) => keys[i]!.startsWith(key)))];
  if (starts.length === 1) return starts[0]!;
  // BASE/QUOTE written with its slash says where the quote starts; a guess would only echo it.
  return typed.includes('/') ? null : symbolFromFileName(typed);
}

/** " (did you mean BTC/USDT?)" after a symbol a refusal quotes, or nothing when none of `known` is close. */
export function didYouMeanSymbol(typed: string, known: readonly string[]): string {
  const near = nearestSymbol(typed, known);
  return near === null || near === typed ? '' : ` (did you mean ${near}?)`;
}

/** "; stored symbols: A, B" at the end of a refusal none of whose symbols is close, or nothing when there are none. */
export function storedSymbolsWords(stored: readonly string[]): string {
  const list = [...new Set(stored)].sort();
  return list.length ? `; stored symbols: ${list.join(', ')}` : '';
}
