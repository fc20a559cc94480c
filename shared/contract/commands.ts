// Every command the renderer may send, with the schema of its request and of its response.
// The Electron preload exposes exactly these (one function each), the browser bridge serves exactly these,
// and the main side validates every request against `request` before a handler sees it.
import { z } from 'zod';
import {
  CandleSchema,
  EpochMs,
  MAX_CANDLES_PER_CALL,
  ReplaySpeedSchema,
  ReplayStateSchema,
  SeriesInfoSchema,
  SeriesKeySchema,
} from './schemas.ts';

const Empty = z.strictObject({});

export const commands = {
  'app.info': {
    request: Empty,
    response: z.strictObject({
      name: z.literal('Keel'),
      version: z.string(),
      /** Paper is the default; live needs an explicit arming step. */
      tradingMode: z.enum(['paper', 'live']),
      shell: z.enum(['electron', 'browser']),
      dataDir: z.string(),
      startedAt: EpochMs,
    }),
  },
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
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
/** What a caller passes (defaults may be left out). */
export type CommandRequest<K extends CommandName> = z.input<Commands[K]['request']>;
/** What a handler receives, after validation filled the defaults. */
export type CommandParams<K extends CommandName> = z.output<Commands[K]['request']>;
export type CommandResponse<K extends CommandName> = z.output<Commands[K]['response']>;

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
