// How long to wait before the next try after consecutive failures: exponential, capped, with jitter so
// many clients (or many streams of one client) that failed together do not retry in lockstep.

export interface BackoffOptions {
  /** The first wait, in ms. */
  baseMs: number;
  /** No wait is longer than this (unless the exchange asks for longer with Retry-After). */
  maxMs: number;
  /** Growth per failure; default 2. */
  factor?: number;
  /** The share of each wait that is random: 0 is none, 0.5 (default) waits between half and all of it. */
  jitter?: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 60_000, factor: 2, jitter: 0.5 };

/** The wait after failure number `attempt` (0 for the first), given a random number in [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const factor = options.factor ?? 2;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
  const ceiling = Math.min(options.maxMs, options.baseMs * factor ** Math.max(0, attempt));
  return Math.round(ceiling * (1 - jitter + jitter * random()));
}
