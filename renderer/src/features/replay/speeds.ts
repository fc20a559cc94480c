// The speeds the selector offers: market seconds per wall second. 1000x plays a 1m candle in 60 ms.
export const REPLAY_SPEEDS = [1, 10, 60, 300, 1000] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];
export const DEFAULT_SPEED: ReplaySpeed = 60;

/** History candles shown before the first replayed one. */
export const REPLAY_HISTORY = 500;

export function isOfferedSpeed(speed: number): speed is ReplaySpeed {
  return (REPLAY_SPEEDS as readonly number[]).includes(speed);
}
