// `keel`: the command line. Each command lives in its own module, loaded only when used,
// so `keel import` does not pay for the bridge server and `keel serve` not for the benchmarks.
import { processIo, type CliIo } from './io.ts';
import { nearestName } from '../../shared/domain/nearest-name.ts';

type Command = {
  summary: string;
  usage: string;
  /** The command answers --help itself, with more than its usage line (its subcommands, its strategies). */
  ownHelp?: true;
  load: () => Promise<(argv: string[], io: CliIo) => Promise<number>>;
};

export const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'run Keel in plain Node and serve the UI to a browser on 127.0.0.1',
    usage: 'keel serve [--port N] [--data-dir DIR]   (binds 127.0.0.1 only)',
    load: async () => (await import('./commands/serve.ts')).runServe,
  },
  import: {
    summary: 'load candles (or trades, as candles) from a CSV or JSON file into the journal; symbol and timeframe read from the file when not given',
    usage: 'keel import FILE [--symbol BTC/USDT] [--timeframe 1m] [--exchange NAME] [--data-dir DIR]',
    load: async () => (await import('./commands/import.ts')).runImport,
  },
  export: {
    summary: 'write one stored candle series as CSV (resampled from a shorter timeframe if needed); keel import reads it back',
    usage: 'keel export --symbol BTC/USDT --timeframe 1m --out FILE.csv [--exchange NAME] [--from DATE] [--to DATE] [--force] [--data-dir DIR]',
    load: async () => (await import('./commands/export.ts')).runExport,
  },
  keys: {
    ownHelp: true,
    summary: 'save, list and delete exchange API keys in the OS keychain (keys are read from stdin)',
    usage: 'keel keys set|delete --exchange NAME [--name ACCOUNT] | keel keys list   (keel keys --help for more)',
    load: async () => (await import('./commands/keys.ts')).runKeys,
  },
  bench: {
    summary: 'run the benchmarks and print their figures',
    usage: 'keel bench [--quick] [--json FILE] [--only NAME,...]',
    load: async () => (await import('./commands/bench.ts')).runBench,
  },
  backtest: {
    ownHelp: true,
    summary: 'run strategies over stored candles or a candle file through the paper engine; compare, optimize, walk forward, report',
    usage: 'keel backtest --strategy NAME [--params k=v,...] (--data FILE | --symbol S --timeframe T) [--mode M] [--capital N] [--fee PCT] [--json FILE] [--html FILE]   (keel backtest --help for more)',
    load: async () => (await import('./commands/backtest.ts')).runBacktestCommand,
  },
  kill: {
    summary: 'pull the kill switch of a running Keel: cancel every open order but the stops protecting positions (and with --flatten close every position), block new entries until re-armed',
    usage: 'keel kill [--flatten] [--reason TEXT] [--data-dir DIR]',
    load: async () => (await import('./commands/kill.ts')).runKill,
  },
  journal: {
    ownHelp: true,
    summary: 'check the audit chain, back up the journal while Keel runs, export orders, fills or the audit log as CSV',
    usage: 'keel journal verify|backup FILE|export --what orders|fills|audit --out FILE.csv [--data-dir DIR]',
    load: async () => (await import('./commands/journal.ts')).runJournal,
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    'Keel: a local-first trading terminal for crypto.',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  ${c.usage}`),
    '',
    'keel --version prints the version.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    const { appVersion } = await import('../app/version.ts');
    io.out(appVersion());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    // A typo said with the command it is nearest to (`keel backtst`: did you mean backtest?), as flags and subcommands are.
    const near = name.startsWith('-') ? null : nearestName(name, Object.keys(COMMANDS));
    io.err(`keel: unknown command "${name}";${near === null ? '' : ` did you mean ${near}?`} commands: ${Object.keys(COMMANDS).join(', ')}\nrun keel --help for every command`);
    return 2;
  }
  // --help before any `--` (after it, a file may be named so): the command's summary and usage, exit 0,
  // rather than its parser refusing an unknown option.
  const flags = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (!command.ownHelp && (flags.includes('--help') || flags.includes('-h'))) {
    io.out(`keel ${name}: ${command.summary}\nusage: ${command.usage}`);
    return 0;
  }
  const run = await command.load();
  return run(rest, io);
}
