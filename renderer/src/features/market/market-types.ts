// The market engine's values as the watchlist, order book, tape and status badge read them, straight
// from the contract's schemas (shared/contract/market-schemas.ts).
import type { z } from 'zod';
import type { BookSchema, TradeSchema, WatchlistItemSchema, WatchlistSchema } from '../../../../shared/contract/market-schemas.ts';

export type { MarketSourceKind, MarketStatus } from '../../../../shared/contract/market-schemas.ts';
export type Trade = z.infer<typeof TradeSchema>;
export type Book = z.infer<typeof BookSchema>;
export type BookLevel = Book['bids'][number];
export type WatchlistItem = z.infer<typeof WatchlistItemSchema>;
export type Watchlist = z.infer<typeof WatchlistSchema>;
