// The symbols a data directory's journal holds, for a refusal of a symbol typed another way (BTCUSDT, btc_usdt)
// to name the stored one meant (shared/domain/symbol-guess.ts). Read only when a symbol is refused: a command
// that goes on never opens the journal for it, and one with no journal yet has none to offer.
import { existsSync } from 'node:fs';
import { CandleStore } from '../journal/candle-store.ts';
import { openJournal } from '../journal/open-journal.ts';

/** The journal's stored symbols, each once; none when there is no journal, or it cannot be read (the refusal goes on without them). */
export function storedSymbols(journalFile: string): string[] {
  if (!existsSync(journalFile)) return [];
  try {
    const journal = openJournal(journalFile, { readonly: true });
    try {
      return [...new Set(new CandleStore(journal.db).listSeries().map((s) => s.symbol))];
    } finally {
      journal.close();
    }
  } catch {
    return [];
  }
}
