// The risk engine's saved state in the journal's settings table (key → JSON text): the mode and limits,
// the kill switch, and the account monitor's day and peak. A memory store serves tests and backtests.
import type Database from 'better-sqlite3';

export interface SettingsStore {
  read(key: string): unknown;
  write(key: string, value: unknown): void;
}

export function sqliteSettings(db: Database.Database): SettingsStore {
  const read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const write = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    read(key) {
      const text = read.get(key);
      if (text === undefined) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return undefined; // a hand-edited value that is not JSON counts as absent
      }
    },
    write(key, value) {
      write.run(key, JSON.stringify(value));
    },
  };
}

export function memorySettings(initial: Record<string, unknown> = {}): SettingsStore & { data: Map<string, string> } {
  const data = new Map<string, string>(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]));
  return {
    data,
    read: (key) => {
      const text = data.get(key);
      return text === undefined ? undefined : (JSON.parse(text) as unknown);
    },
    write: (key, value) => void data.set(key, JSON.stringify(value)),
  };
}

/**
 * A backtest's store: reads the initial state, and drops what the risk room saves as it goes (the account
 * monitor's day and peak, the losing streak). A run's risk room lives as long as the run and nothing reads
 * its saved state back; serialising the monitor at every new equity peak cost a 1M-bar run ~5 ms.
 */
export function runSettings(initial: Record<string, unknown>): SettingsStore {
  const start = memorySettings(initial);
  return { read: start.read, write: () => {} };
}
