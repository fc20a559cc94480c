// Shared handling of command-line mistakes: say what was wrong, then the usage and the valid flags.
import type { CliIo } from './io.ts';

export function usageError(io: CliIo, err: unknown, usage: string, options: Record<string, unknown>): number {
  const reason = err instanceof Error ? err.message : String(err);
  // Said after the command's name ("keel export: --from … is not before --to …"), as its other refusals are.
  const command = /^keel \S+/.exec(usage)?.[0];
  const said = command === undefined || reason.startsWith('keel ') ? reason : `${command}: ${reason}`;
  io.err(`${said}\nusage: ${usage}\nflags: ${Object.keys(options).map((f) => `--${f}`).join(', ')}`);
  return 2;
}

/**
 * `--flag -1` as `--flag=-1` for the string options: node's parseArgs takes a value starting with a dash
 * for a flag and refuses it as ambiguous, so a negative number never reached the check that names the
 * valid range. A dash and a digit is never one of Keel's flags, so nothing else is joined.
 */
export function joinNegativeValues(argv: readonly string[], options: Record<string, { type: string }>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (a.startsWith('--') && options[a.slice(2)]?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}
