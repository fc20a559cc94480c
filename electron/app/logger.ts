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
