// The import of a candle or trades file from the UI (market.import), its progress and its result. The
// symbol, timeframe and exchange cross as the trader typed them, and the engine reads them as `keel
// import` does: a mistake comes back saying what is valid, and a blank box means "read it from the file".
import { z } from 'zod';
import { EpochMs, SeriesKeySchema } from './schemas.ts';

/** Where the series' symbol came from: typed, or read from the file name (BTCUSDT_1h.csv → BTC/USDT). */
export const SYMBOL_SOURCES = ['given', 'file name'] as const;

/**
 * Where its timeframe came from: typed; trades gathered into 1m (trades have no spacing to tell); the
 * candles' most common spacing; or, when that names none, the file name.
 */
export const TIMEFRAME_SOURCES = ['given', 'trades', 'spacing', 'file name'] as const;

export const ImportRequestSchema = z.strictObject({
  /** The file on the engine's machine (the same machine: Keel binds 127.0.0.1), absolute; `~/` is the home directory. */
  path: z.string().min(1, 'give the path of a candle or trades file').max(4096),
  /** BASE/QUOTE (btc/usdt reads as BTC/USDT); absent or blank: read from the file name. */
  symbol: z.string().max(64).optional(),
  /** 1m, 1h, ...; absent or blank: from the candles' spacing (trades: 1m). */
  timeframe: z.string().max(16).optional(),
  /** The series' exchange label; absent or blank: local. */
  exchange: z.string().max(64).optional(),
});

export const FileImportSchema = z.strictObject({
  series: SeriesKeySchema,
  /** Candles stored (a candle already stored at the same time is replaced). */
  count: z.number().int().min(1),
  /** Open times of the oldest and newest candle stored. */
  first: EpochMs,
  last: EpochMs,
  /** What the file was read as: `csv: timestamp,open,high,low,close,volume; time in epoch ms`. */
  format: z.string(),
  /** The file read, absolute. */
  path: z.string(),
  symbolFrom: z.enum(SYMBOL_SOURCES),
  timeframeFrom: z.enum(TIMEFRAME_SOURCES),
  /**
   * The series already held candles: how many and their span before, how many of them the file's replaced
   * (a candle at the same open time), and how many it holds now; null for a new series. Files of two
   * markets under one name (a spot and a perpetual BTCUSDT) mix in one series, so the answer says so.
   */
  joined: z.strictObject({ held: z.number().int(), first: EpochMs, last: EpochMs, replaced: z.number().int(), now: z.number().int() }).nullable(),
});
export type FileImport = z.infer<typeof FileImportSchema>;

export const ImportProgressSchema = z.strictObject({
  /** The file being imported, as market.import's request gave it. */
  path: z.string(),
  /** Reading the file (done and total in bytes), then writing its candles (total candles; done as a new series' steps go, else 0 until written). */
  stage: z.enum(['reading', 'storing']),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
