// The desktop app's log: every line to a file in the data directory (there is no terminal when the
// app is started from a launcher) and to stderr (there is one under `npm start`). No electron import.
import { mkdirSync, renameSync, statSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { createLogger, type Level, type Logger } from '../app/logger.ts';

/** Past this size the previous log is kept as desktop.log.1 and a new one started. */
const ROTATE_BYTES = 5 * 1024 * 1024;

export function desktopLogPath(dataDir: string): string {
  return path.join(dataDir, 'logs', 'desktop.log');
}

export interface FileLogger extends Logger {
  readonly file: string;
  /** Flushes and closes the file; later lines go to stderr only. */
  close(): Promise<void>;
}

export function createFileLogger(file: string, options: { minLevel?: Level; stderr?: (line: string) => void } = {}): FileLogger {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    if (statSync(file).size > ROTATE_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // No log yet.
  }
  const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  let open = true;
  stream.on('error', () => {
    open = false;
  });
  const stderr =
    options.stderr ??
    ((line: string) => {
      try {
        process.stderr.write(line);
      } catch {
        // A launcher may give the app no usable stderr; the file still has the line.
      }
    });
  const logger = createLogger((line) => {
    if (open) stream.write(`${line}\n`);
    stderr(`${line}\n`);
  }, options.minLevel ?? 'info');
  return {
    ...logger,
    file,
    close: () =>
      new Promise<void>((resolve) => {
        if (!open) return resolve();
        open = false;
        stream.end(() => resolve());
      }),
  };
}
