// The watchlist's symbols, kept in the journal's settings table (key → JSON) so they survive a restart.
import type Database from 'better-sqlite3';
import { isSymbol } from '../../shared/domain/symbol.ts';

const KEY = 'market.watchlist';
export const DEFAULT_WATCHLIST: readonly string[] = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];

export interface WatchlistStore {
  load(): string[];
  save(symbols: readonly string[]): void;
}

export function settingsWatchlist(db: Database.Database): WatchlistStore {
  const read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const write = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    load() {
      const text = read.get(KEY);
      if (text === undefined) return [...DEFAULT_WATCHLIST];
      try {
        const value: unknown = JSON.parse(text);
        // A hand-edited or older value that is not a list of symbols falls back to the default.
        if (Array.isArray(value) && value.every((s) => typeof s === 'string' && isSymbol(s))) return value as string[];
      } catch {
        // fall through
      }
      return [...DEFAULT_WATCHLIST];
    },
    save(symbols) {
      write.run(KEY, JSON.stringify(symbols));
    },
  };
}

export function memoryWatchlist(initial: readonly string[] = DEFAULT_WATCHLIST): WatchlistStore {
  let symbols = [...initial];
  return {
    load: () => [...symbols],
    save: (s) => void (symbols = [...s]),
  };
}
