// Timeframes Keel understands, with their length in milliseconds.
// The names are ccxt's, so a timeframe means the same thing in the journal, the UI and an exchange call.

export const TIMEFRAMES = {
  '1m': 60_000,
  '3m': 180_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '4h': 14_400_000,
  '6h': 21_600_000,
  '8h': 28_800_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
  '3d': 259_200_000,
  '1w': 604_800_000,
} as const;

export type Timeframe = keyof typeof TIMEFRAMES;

export const TIMEFRAME_NAMES = Object.keys(TIMEFRAMES) as Timeframe[];

export function isTimeframe(value: string): value is Timeframe {
  return Object.hasOwn(TIMEFRAMES, value);
}

export function timeframeMs(tf: Timeframe): number {
  return TIMEFRAMES[tf];
}

/** Parses a user-typed timeframe, or throws an error that lists the valid ones. */
export function parseTimeframe(value: string): Timeframe {
  if (isTimeframe(value)) return value;
  throw new RangeError(`unknown timeframe "${value}"; valid timeframes: ${TIMEFRAME_NAMES.join(', ')}`);
}
