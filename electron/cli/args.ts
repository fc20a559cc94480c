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

interface OptionToken {
  kind: string;
  name?: string;
  value?: string | undefined;
}

/**
 * The first option of a single value (not `multiple`, not a boolean) given more than once, with its
 * values in the order given; null when none is. node's parseArgs keeps the last one without a word, so
 * `--limits maxDrawdownPct=50 --limits dailyLossLimitPct=10` dropped the drawdown limit silently.
 */
export function repeatedOption(tokens: readonly OptionToken[], options: Record<string, { type: string; multiple?: boolean }>): { name: string; values: string[] } | null {
  const seen = new Map<string, string[]>();
  for (const t of tokens) {
    if (t.kind !== 'option' || t.name === undefined) continue;
    const spec = options[t.name];
    if (spec === undefined || spec.type !== 'string' || spec.multiple) continue;
    const values = seen.get(t.name) ?? [];
    values.push(t.value ?? '');
    seen.set(t.name, values);
    if (values.length === 2) return { name: t.name, values: allValues(tokens, t.name) };
  }
  return null;
}

const allValues = (tokens: readonly OptionToken[], name: string) => tokens.filter((t) => t.kind === 'option' && t.name === name).map((t) => t.value ?? '');
