// Commands for market data: stored series, candles, and the replay of stored candles.
import { z } from 'zod';
import { EpochMs, CandleSchema, MAX_CANDLES_PER_CALL, ReplaySpeedSchema, ReplayStateSchema, SeriesInfoSchema, SeriesKeySchema } from '../schemas.ts';
import { Empty, type CommandTable } from './command-table.ts';

export const marketCommands = {
  'market.series': {
    request: Empty,
    response: z.strictObject({ series: z.array(SeriesInfoSchema) }),
  },
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
