// Shared handling of command-line mistakes: say what was wrong, then the usage and the valid flags.
import type { CliIo } from './io.ts';

export function usageError(io: CliIo, err: unknown, usage: string, options: Record<string, unknown>): number {
  const reason = err instanceof Error ? err.message : String(err);
  io.err(`${reason}\nusage: ${usage}\nflags: ${Object.keys(options).map((f) => `--${f}`).join(', ')}`);
  return 2;
}
