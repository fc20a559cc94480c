// A small leveled logger. Engine code logs through this so shells decide where lines go
// (stderr in the CLI and browser mode, a file beside the journal in the desktop app).

export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(area: string, message: string): void;
  info(area: string, message: string): void;
  warn(area: string, message: string): void;
  error(area: string, message: string, err?: unknown): void;
}

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(write: (line: string) => void, minLevel: Level = 'info'): Logger {
  const at = (level: Level) => (area: string, message: string, err?: unknown) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    const detail = err instanceof Error ? ` (${err.stack ?? err.message})` : err === undefined ? '' : ` (${String(err)})`;
    write(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${area}] ${message}${detail}`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Keeps lines in memory: tests read what was logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger((l) => lines.push(l), 'debug'), { lines });
}

export const silentLogger: Logger = createLogger(() => {}, 'error');

/**
 * A line that would repeat at every tick (a journal that keeps failing, a tick that keeps failing to be
 * processed) goes out at most once per `everyMs`: the first always, then the next one after the quiet
 * span, told how many were held back meanwhile so the log still says how often it happened.
 */
export class RepeatLimit {
  readonly #everyMs: number;
  readonly #now: () => number;
  #last = Number.NEGATIVE_INFINITY;
  #held = 0;

  constructor(everyMs = 60_000, now: () => number = Date.now) {
    this.#everyMs = everyMs;
    this.#now = now;
  }

  /** Null: hold this one back. Otherwise say it, with the number held back since the last one said. */
  pass(): number | null {
    const t = this.#now();
    if (t - this.#last < this.#everyMs) {
      this.#held++;
      return null;
    }
    const held = this.#held;
    this.#held = 0;
    this.#last = t;
    return held;
  }
}

/** " (and 12 more like it since)" after a line RepeatLimit let through, or nothing. */
export function heldBack(held: number): string {
  return held === 0 ? '' : ` (and ${held} more like it since the last such line)`;
}
