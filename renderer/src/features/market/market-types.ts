// The market engine's values as the watchlist, order book and tape panels read them. They mirror the
// engine's shapes (BASE/QUOTE symbols, epoch-ms times, [price, amount] book levels); once the engine's
// market.* commands and events are part of the contract, these are checked against it at compile time
// (see market-api.ts).

export type MarketSourceKind = 'live' | 'simulated' | 'replay';

/** How trustworthy the stream is: live (flowing), delayed (retrying), stale (silent too long), offline. */
export type ConnectionStatus = 'live' | 'delayed' | 'stale' | 'offline';

export interface MarketStatus {
  source: MarketSourceKind | null;
  exchange: string | null;
  symbol: string | null;
  status: ConnectionStatus;
  reason: string;
  since: number;
}

export interface Trade {
  id: string;
  t: number;
  price: number;
  amount: number;
  /** The aggressor's side, when the source says. */
  side: 'buy' | 'sell' | null;
}

export type BookLevel = readonly [price: number, amount: number];

export interface Book {
  symbol: string;
  t: number;
  /** Best first: bids high to low, asks low to high. */
  bids: readonly BookLevel[];
  asks: readonly BookLevel[];
}

export interface WatchlistItem {
  symbol: string;
  last: number | null;
  change24hPct: number | null;
  /** Market time of `last`. */
  t: number | null;
  /** False when the active source does not serve this symbol. */
  available: boolean;
}
