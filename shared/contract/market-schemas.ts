// zod schemas for the market data engine's values: which source is active and how healthy it is, trades,
// tickers, books and the watchlist. JSON-safe (epoch-ms numbers, tuples for book levels).
import { z } from 'zod';
import { EpochMs, ExchangeSchema, SymbolSchema, TimeframeSchema } from './schemas.ts';

/** Where market data comes from. Replayed and simulated data is never shown as live. */
export const MarketSourceKindSchema = z.enum(['live', 'simulated', 'replay']);
export type MarketSourceKind = z.infer<typeof MarketSourceKindSchema>;

/** How trustworthy the stream is: live (flowing), delayed (retrying), stale (silent too long), offline. */
export const ConnectionStatusSchema = z.enum(['live', 'delayed', 'stale', 'offline']);

/** The market the app is showing and trading against: one source, one exchange, one symbol and timeframe. */
export const MarketSelectionSchema = z.strictObject({
  source: MarketSourceKindSchema,
  exchange: z.string(),
  symbol: z.string(),
  timeframe: TimeframeSchema,
});
export type MarketSelection = z.infer<typeof MarketSelectionSchema>;

export const MarketStatusSchema = z.strictObject({
  /** Null before any source was chosen (start-up) or with KEEL_MARKET=none. */
  source: MarketSourceKindSchema.nullable(),
  exchange: z.string().nullable(),
  symbol: z.string().nullable(),
  timeframe: TimeframeSchema.nullable(),
  status: ConnectionStatusSchema,
  /** Why, in words for the user: "rate limited by binance (HTTP 429); retrying in 1.0s". */
  reason: z.string(),
  /** Wall-clock epoch ms at which this status began. */
  since: EpochMs,
});
export type MarketStatus = z.infer<typeof MarketStatusSchema>;

export const TradeSchema = z.strictObject({
  id: z.string(),
  t: EpochMs,
  price: z.number(),
  amount: z.number(),
  /** The aggressor's side, when the source says. */
  side: z.enum(['buy', 'sell']).nullable(),
});

export const TickerSchema = z.strictObject({
  symbol: z.string(),
  t: EpochMs,
  last: z.number().nullable(),
  bid: z.number().nullable(),
  ask: z.number().nullable(),
  high24h: z.number().nullable(),
  low24h: z.number().nullable(),
  volume24h: z.number().nullable(),
  change24hPct: z.number().nullable(),
});

const BookLevelSchema = z.tuple([z.number(), z.number()]).readonly();

export const BookSchema = z.strictObject({
  symbol: z.string(),
  t: EpochMs,
  /** Best first: bids high to low, asks low to high. */
  bids: z.array(BookLevelSchema),
  asks: z.array(BookLevelSchema),
});

/** Which source and exchange a snapshot or stream comes from. */
const Origin = { source: MarketSourceKindSchema, exchange: z.string() };

export const TradesEventSchema = z.strictObject({ ...Origin, symbol: z.string(), trades: z.array(TradeSchema) });
export const TickerEventSchema = z.strictObject({ ...Origin, ticker: TickerSchema });
export const BookEventSchema = z.strictObject({ ...Origin, book: BookSchema });

export const WatchlistItemSchema = z.strictObject({
  symbol: z.string(),
  last: z.number().nullable(),
  change24hPct: z.number().nullable(),
  /** When `last` was true (market time), or null before any price. */
  t: EpochMs.nullable(),
  /** False when the active source does not serve this symbol (it stays on the list for other sources). */
  available: z.boolean(),
});

export const WatchlistSchema = z.strictObject({
  source: MarketSourceKindSchema.nullable(),
  exchange: z.string().nullable(),
  symbols: z.array(z.string()),
  items: z.array(WatchlistItemSchema),
});

export const MarketInfoSchema = z.strictObject({
  symbol: z.string(),
  base: z.string(),
  quote: z.string(),
  type: z.enum(['spot', 'swap', 'future', 'option', 'other']),
  active: z.boolean(),
  tickSize: z.number().nullable(),
  stepSize: z.number().nullable(),
  minNotional: z.number().nullable(),
});

export const GapSchema = z.strictObject({ from: EpochMs, to: EpochMs, missing: z.number().int() });

export const MAX_WATCHLIST = 30;
export const WatchlistSymbolsSchema = z.array(SymbolSchema).max(MAX_WATCHLIST);

export const SelectRequestSchema = z.strictObject({
  source: MarketSourceKindSchema,
  /** A ccxt id for live (default binance); ignored for simulated; for replay, the stored series' exchange. */
  exchange: ExchangeSchema.optional(),
  symbol: SymbolSchema,
  timeframe: TimeframeSchema,
});
