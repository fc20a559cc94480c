// The watchlist's rows and where they come from: the market engine's watchlist, or the journal.
import { create } from 'zustand';
import type { MarketSourceKind } from '../market/market-types.ts';
import type { WatchRow } from './watchlist-model.ts';

interface WatchlistState {
  rows: WatchRow[];
  /** 'engine': the market engine's watchlist; 'journal': stored candles, moved by candle events. */
  origin: 'engine' | 'journal' | null;
  /** The engine's source and exchange for its prices (null for rows from the journal). */
  source: MarketSourceKind | null;
  exchange: string | null;
  /** The engine has an active source, so its watchlist speaks for the rows. */
  engineActive: boolean;
  loading: boolean;
}

export const useWatchlist = create<WatchlistState>()(() => ({ rows: [], origin: null, source: null, exchange: null, engineActive: false, loading: false }));
