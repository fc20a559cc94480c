// zod schemas for the values that cross the bridge. JSON-safe only: epoch-ms numbers, no Date, Map or BigInt.
import { z } from 'zod';
import { TIMEFRAME_NAMES, type Timeframe } from '../domain/timeframe.ts';
import { isSymbol } from '../domain/symbol.ts';

export const EpochMs = z.number().int().min(0).max(8.64e15);

export const TimeframeSchema = z.enum(TIMEFRAME_NAMES as [Timeframe, ...Timeframe[]]);

export const SymbolSchema = z
  .string()
  .max(64)
  .refine(isSymbol, { message: 'a symbol is BASE/QUOTE such as BTC/USDT' });

export const ExchangeSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'an exchange is a ccxt id such as binance, or a local label');

export const SeriesKeySchema = z.strictObject({
  exchange: ExchangeSchema,
  symbol: SymbolSchema,
  timeframe: TimeframeSchema,
});

export const CandleSchema = z.strictObject({
  t: EpochMs,
  o: z.number(),
  h: z.number(),
  l: z.number(),
  c: z.number(),
  v: z.number().nullable(),
});

export const SeriesInfoSchema = z.strictObject({
  exchange: z.string(),
  symbol: z.string(),
  timeframe: TimeframeSchema,
  count: z.number().int(),
  firstTs: EpochMs,
  lastTs: EpochMs,
});
export type SeriesInfo = z.infer<typeof SeriesInfoSchema>;

export const ReplayStatusSchema = z.enum(['idle', 'playing', 'paused', 'finished']);

export const ReplayStateSchema = z.strictObject({
  status: ReplayStatusSchema,
  series: SeriesKeySchema.nullable(),
  /** Market seconds per wall-clock second: 1 plays a 1m candle in a minute, 1000 in 60 ms. */
  speed: z.number(),
  /** Index of the candle being played, of `total`. */
  index: z.number().int(),
  total: z.number().int(),
  /** Market time of the latest tick, epoch ms. */
  clock: EpochMs.nullable(),
  lastPrice: z.number().nullable(),
});
export type ReplayState = z.infer<typeof ReplayStateSchema>;

export const MIN_REPLAY_SPEED = 1;
export const MAX_REPLAY_SPEED = 1000;
export const ReplaySpeedSchema = z.number().min(MIN_REPLAY_SPEED).max(MAX_REPLAY_SPEED);

/** The most candles one call returns; the chart loads history in windows of this size or less. */
export const MAX_CANDLES_PER_CALL = 20_000;
