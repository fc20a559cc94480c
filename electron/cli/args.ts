// Shared handling of command-line mistakes: say what was wrong and where to read every option. The whole
// usage and flag list (about 1,500 characters for keel backtest) buried the one line that mattered; --help
// prints them.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { nearestName } from '../../shared/domain/nearest-name.ts';
import type { CliIo } from './io.ts';

export function usageError(io: CliIo, err: unknown, usage: string, options: Record<string, unknown>): number {
  const reason = unknownOption(err instanceof Error ? err.message : String(err), options);
  // Said after the command's name ("keel export: --from … is not before --to …"), as its other refusals are.
  const command = /^keel \S+/.exec(usage)?.[0];
  const said = command === undefined || reason.startsWith('keel ') ? reason : `${command}: ${reason}`;
  io.err(command === undefined ? said : `${said}\n${helpPointer(command)}`);
  return 2;
}

/** The line after a command-line mistake: where every option is told (`keel backtest` answers --help itself, the others from keel.ts). */
export const helpPointer = (command: string): string => `run ${command} --help for every option`;

/**
 * A command of subcommands (`keel keys`, `keel journal`) given none, an option where the subcommand goes, or
 * one it does not have: said as every other command-line mistake is (usageError, exit 2), with the subcommand
 * a typo is nearest to (`keel keys lst`: did you mean list?). `command` is `keel keys`.
 */
export function subcommandError(io: CliIo, command: string, typed: string | undefined, subcommands: readonly string[]): number {
  const words = `${subcommands.slice(0, -1).join(', ')} or ${subcommands.at(-1)}`;
  if (typed === undefined) return usageError(io, new Error(`which subcommand? ${words}`), command, {});
  if (typed.startsWith('-')) return usageError(io, new Error(`which subcommand? ${words}, before its options`), command, {});
  const near = nearestName(typed, subcommands);
  return usageError(io, new Error(`unknown subcommand "${typed}";${near === null ? '' : ` did you mean ${near}?`} subcommands: ${subcommands.join(', ')}`), command, {});
}

/**
 * node's parseArgs refusal of a flag the command does not take (also when a command put its name before it),
 * said with the flag it most likely meant (`--dat`: did you mean --data?); node's own ends in a hint about
 * positionals that is cut mid-quote. Any other message is returned as it is.
 */
function unknownOption(message: string, options: Record<string, unknown>): string {
  return message.replace(/Unknown option '([^']+)'(?:\..*)?$/s, (_, flag: string) => {
    const near = nearestName(flag.replace(/^--?/, '').split('=')[0]!, Object.keys(options));
    const dash = flag.startsWith('--') ? '' : `; a FILE whose name starts with - goes last, after --: -- ${flag}`;
    return `unknown option ${flag}${near === null ? '' : `; did you mean --${near}?`}${dash}`;
  });
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

/** "--symbol is given twice ("ETH/USDT", "SOL/USDT"); give it once". */
export function repeatedText(name: string, values: readonly string[]): string {
  const given = values.map((x) => JSON.stringify(x)).join(', ');
  return `--${name} is given ${values.length === 2 ? 'twice' : `${values.length} times`} (${given}); give it once`;
}

/**
 * Refuses a single-value option given more than once (a RangeError, which the commands say as a command-line
 * mistake, exit 2): node's parseArgs keeps the last one without a word, so `keel import FILE --symbol ETH/USDT
 * --symbol SOL/USDT` stored the candles as SOL/USDT, and a second --data-dir wrote into another journal.
 */
export function refuseRepeated(argv: readonly string[], options: Record<string, { type: string; multiple?: boolean }>): void {
  const { tokens } = parseArgs({ args: [...argv], options: options as ParseArgsOptionsConfig, strict: false, allowPositionals: true, tokens: true });
  const repeated = repeatedOption(tokens, options);
  if (repeated) throw new RangeError(repeatedText(repeated.name, repeated.values));
}

const allValues = (tokens: readonly OptionToken[], name: string) => tokens.filter((t) => t.kind === 'option' && t.name === name).map((t) => t.value ?? '');
