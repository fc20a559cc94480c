// Every event stream the renderer may subscribe to, with the schema of its payload.
import { z } from 'zod';
import { CandleSchema, ReplayStateSchema, SeriesKeySchema } from './schemas.ts';

export const events = {
  /** A candle changed: the forming candle got a tick (closed: false) or a candle closed (closed: true). */
  'market.candle': z.strictObject({
    series: SeriesKeySchema,
    candle: CandleSchema,
    closed: z.boolean(),
    /** Where the data comes from, so the UI never shows replayed or simulated data as live. */
    source: z.enum(['replay', 'simulated', 'live']),
  }),
  /** The replay changed state (started, paused, speed, finished). */
  'replay.state': ReplayStateSchema,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
