// Commands for market data: the active source (live exchange, simulated market or replay) and what it
// streams, stored series and candles, gaps and backfill, and the replay of stored candles.
import { z } from 'zod';
import { EpochMs, CandleSchema, ExchangeSchema, MAX_CANDLES_PER_CALL, ReplaySpeedSchema, ReplayStateSchema, SeriesInfoSchema, SeriesKeySchema, TimeframeSchema } from '../schemas.ts';
import {
  BookSchema,
  GapSchema,
  MarketInfoSchema,
  MarketSelectionSchema,
  MarketSourceKindSchema,
  MarketStatusSchema,
  SelectRequestSchema,
  TickerSchema,
  TradeSchema,
  WatchlistSchema,
  WatchlistSymbolsSchema,
} from '../market-schemas.ts';
import { FileImportSchema, ImportProgressSchema, ImportRequestSchema } from '../import-schemas.ts';
import { Empty, type CommandTable } from './command-table.ts';

const GapRequest = z.strictObject({
  series: SeriesKeySchema,
  /** Inclusive open-time bounds, epoch ms; default the series' first and last candle. */
  from: EpochMs.optional(),
  to: EpochMs.optional(),
});

export const marketCommands = {
  'market.series': {
    request: Empty,
    response: z.strictObject({ series: z.array(SeriesInfoSchema) }),
  },
  /** Stored candles; for a series of the 'simulated' exchange, the simulated market's closed candles. */
  'market.candles': {
    request: z.strictObject({
      series: SeriesKeySchema,
      /** Inclusive open-time bounds, epoch ms. */
      from: EpochMs.optional(),
      to: EpochMs.optional(),
      /** At most this many, the latest ones in the range. */
      limit: z.number().int().min(1).max(MAX_CANDLES_PER_CALL).default(5000),
    }),
    response: z.strictObject({ candles: z.array(CandleSchema) }),
  },
  /** The sources there are, the one active now, and how Keel chose it at start-up (KEEL_MARKET). */
  'market.sources': {
    request: Empty,
    response: z.strictObject({
      mode: z.enum(['auto', 'live', 'simulated', 'none']),
      active: MarketSelectionSchema.nullable(),
      sources: z.array(
        z.strictObject({
          source: MarketSourceKindSchema,
          /** live: the exchanges offered; simulated: ['simulated']; replay: the exchanges with stored candles. */
          exchanges: z.array(z.string()),
          available: z.boolean(),
          note: z.string(),
        }),
      ),
    }),
  },
  /**
   * Makes a source, exchange, symbol and timeframe the active market; refuses (not_found) a symbol or
   * timeframe the source does not serve, listing the valid ones. Replay starts the stored series at 60x.
   */
  'market.select': { request: SelectRequestSchema, response: MarketStatusSchema },
  'market.status': { request: Empty, response: MarketStatusSchema },
  /** The markets and timeframes a source serves (default: the active one). */
  'market.markets': {
    request: z.strictObject({ source: MarketSourceKindSchema.optional(), exchange: ExchangeSchema.optional() }),
    response: z.strictObject({ source: MarketSourceKindSchema, exchange: z.string(), markets: z.array(MarketInfoSchema), timeframes: z.array(TimeframeSchema) }),
  },
  /** Reads the watchlist; with `symbols`, replaces it (kept in the journal's settings). */
  'market.watchlist': {
    request: z.strictObject({ symbols: WatchlistSymbolsSchema.optional() }),
    response: WatchlistSchema,
  },
  /** The active symbol's latest ticker. */
  'market.ticker': {
    request: Empty,
    response: z.strictObject({ source: MarketSourceKindSchema.nullable(), exchange: z.string().nullable(), ticker: TickerSchema.nullable() }),
  },
  /** The active symbol's latest order book (null for a replay, which has none). */
  'market.book': {
    request: Empty,
    response: z.strictObject({ source: MarketSourceKindSchema.nullable(), exchange: z.string().nullable(), book: BookSchema.nullable() }),
  },
  /** The active symbol's latest trades, oldest first. */
  'market.trades': {
    request: z.strictObject({ limit: z.number().int().min(1).max(1000).default(100) }),
    response: z.strictObject({ source: MarketSourceKindSchema.nullable(), exchange: z.string().nullable(), symbol: z.string().nullable(), trades: z.array(TradeSchema) }),
  },
  /**
   * Stores a candle or trades file's candles in the journal, as `keel import` does: read whole and checked
   * first, then written in one transaction, so a bad file stores nothing. The symbol and timeframe not given
   * are read from the file (and the answer says from where). Progress arrives as market.importProgress, and
   * market.imported tells every window a series was stored. A missing file is not_found; anything else to
   * fix is invalid_request, its issue naming the input (path, symbol, timeframe, exchange).
   */
  'market.import': { request: ImportRequestSchema, response: FileImportSchema },
  /** Missing candles in a stored series. */
  'market.gaps': { request: GapRequest, response: z.strictObject({ gaps: z.array(GapSchema) }) },
  /** Fills a stored series' gaps from its exchange's history (live); idempotent. */
  'market.backfill': {
    request: GapRequest,
    response: z.strictObject({ found: z.array(GapSchema), written: z.number().int(), remaining: z.array(GapSchema) }),
  },
  'replay.start': {
    request: z.strictObject({
      series: SeriesKeySchema,
      speed: ReplaySpeedSchema.default(60),
      /** Market time to start playing from; the candles before it are history on the chart. */
      from: EpochMs.optional(),
      /** How many candles before `from` count as history (default 500). */
      history: z.number().int().min(0).max(MAX_CANDLES_PER_CALL).default(500),
    }),
    response: ReplayStateSchema,
  },
  'replay.pause': { request: Empty, response: ReplayStateSchema },
  'replay.resume': { request: Empty, response: ReplayStateSchema },
  'replay.stop': { request: Empty, response: ReplayStateSchema },
  'replay.setSpeed': {
    request: z.strictObject({ speed: ReplaySpeedSchema }),
    response: ReplayStateSchema,
  },
  'replay.state': { request: Empty, response: ReplayStateSchema },
} as const satisfies CommandTable;

export const marketEvents = {
  /** A file being imported (market.import) moved on: bytes read, at most ten times a second, then the write. */
  'market.importProgress': ImportProgressSchema,
  /** A file's candles were stored (market.import): lists of stored series refresh. */
  'market.imported': FileImportSchema,
} as const;
