// What the market engine can show besides the journal: its sources (live exchanges, the simulated
// market) and, for each available one, the symbols and timeframes it serves. Read once at start and
// again when the engine's active market changes.
import { create } from 'zustand';
import type { Api, CommandResponse } from '../../../../../shared/contract/index.ts';
import type { Timeframe } from '../../../../../shared/domain/timeframe.ts';

export type StreamingSource = 'live' | 'simulated';

export interface SourceMarkets {
  source: StreamingSource;
  exchange: string;
  available: boolean;
  /** Why it is (un)available, in the engine's words. */
  note: string;
  symbols: string[];
  timeframes: Timeframe[];
}

interface CatalogState {
  /** null until market.sources answered. */
  sources: SourceMarkets[] | null;
  /** The engine's active market at start-up (null: none, or a replay). */
  active: CommandResponse<'market.sources'>['active'];
}

export const useCatalog = create<CatalogState>()(() => ({ sources: null, active: null }));

/** Live exchanges list thousands of markets; the picker offers the active spot ones, this many at most. */
export const MAX_LIVE_SYMBOLS = 400;

type MarketsAnswer = CommandResponse<'market.markets'>;

/** The symbols a picker offers from a markets answer: active ones, spot first for a live exchange, sorted. */
export function offeredSymbols(answer: Pick<MarketsAnswer, 'source' | 'markets'>): string[] {
  const active = answer.markets.filter((m) => m.active);
  const picked = answer.source === 'live' ? active.filter((m) => m.type === 'spot').slice(0, MAX_LIVE_SYMBOLS) : active;
  return picked.map((m) => m.symbol).sort((a, b) => a.localeCompare(b));
}

export async function loadCatalog(api: Api): Promise<void> {
  const { sources, active } = await api.commands['market.sources']({});
  const streaming = sources.flatMap((s) => (s.source === 'replay' ? [] : s.exchanges.map((exchange) => ({ source: s.source as StreamingSource, exchange, available: s.available, note: s.note }))));
  const filled = await Promise.all(
    streaming.map(async (s): Promise<SourceMarkets> => {
      if (!s.available) return { ...s, symbols: [], timeframes: [] };
      try {
        const answer = await api.commands['market.markets']({ source: s.source, exchange: s.exchange });
        return { ...s, symbols: offeredSymbols(answer), timeframes: answer.timeframes };
      } catch (err) {
        // Listed but unreachable right now (no network for a live exchange): offered as unavailable, with why.
        return { ...s, available: false, note: err instanceof Error ? err.message : String(err), symbols: [], timeframes: [] };
      }
    }),
  );
  useCatalog.setState({ sources: filled, active });
}
