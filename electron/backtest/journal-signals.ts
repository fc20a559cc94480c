// Journaled signals (the `signals` table of migration 003) as a SignalSource: how the ai-assisted
// strategy reads the AI co-pilot's decisions, in a backtest and live alike.
import type Database from 'better-sqlite3';
import type { SignalSource } from '../strategies/engine-context.ts';
import type { JournaledSignal } from '../strategies/strategy.ts';

function parse(payload: string): unknown {
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return null;
  }
}

export function journalSignals(db: Database.Database): SignalSource {
  const stmt = db.prepare<[string, string], { ts: number; symbol: string; kind: string; payload: string }>('SELECT ts, symbol, kind, payload FROM signals WHERE kind = ? AND symbol = ? ORDER BY ts, id');
  return { load: (kind, symbol): JournaledSignal[] => stmt.all(kind, symbol).map((r) => ({ ts: r.ts, symbol: r.symbol, kind: r.kind, payload: parse(r.payload) })) };
}
