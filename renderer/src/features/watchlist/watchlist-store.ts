// The watchlist's rows and where they come from: the market engine's watchlist, or the journal.
import { create } from 'zustand';
import type { MarketSourceKind } from '../market/market-types.ts';
import type { WatchRow } from './watchlist-model.ts';

interface WatchlistState {
  rows: WatchRow[];
  /** 'engine': the market engine's watchlist; 'journal': stored candles, moved by candle events. */
  origin: 'engine' | 'journal' | null;
  /** The engine's source for its prices (null for rows from the journal, which follow the chart's data). */
  source: MarketSourceKind | null;
  loading: boolean;
}

export const useWatchlist = create<WatchlistState>()(() => ({ rows: [], origin: null, source: null, loading: false }));
