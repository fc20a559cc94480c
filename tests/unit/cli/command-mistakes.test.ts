// A mistyped command line: the message, then where every option is told. Before, every command printed its
// whole usage and flag list after the message (about 1,500 characters for keel backtest), burying the one line
// that said what was wrong; --help still prints them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/keel.ts';
import type { CliIo } from '../../../electron/cli/io.ts';

function captured(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = mkdtempSync(join(tmpdir(), 'keel-mistakes-'));
  const io: CliIo = { out: (s) => void out.push(s), err: (s) => void err.push(s), env: { KEEL_DATA_DIR: join(cwd, 'data') }, cwd };
  return { io, out, err };
}

describe('a mistake on the command line', () => {
  const mistakes: [string, string[], string][] = [
    ['import', ['import', 'x.csv', '--bogus'], 'keel import: unknown option --bogus'],
    ['import', ['import', 'x.csv', '--timeframe', '7m'], 'keel import: unknown timeframe "7m"; valid timeframes: 1m, 3m'],
    ['export', ['export', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--out', 'x.csv', '--form', '2024-01-01'], 'keel export: unknown option --form; did you mean --from?'],
    ['kill', ['kill', '--flaten'], 'keel kill: unknown option --flaten; did you mean --flatten?'],
    ['serve', ['serve', '--prot', '4747'], 'keel serve: unknown option --prot; did you mean --port?'],
    ['bench', ['bench', '--qiuck'], 'keel bench: unknown option --qiuck; did you mean --quick?'],
    ['backtest', ['backtest', '--strategy', 'sma-cross', '--dat', 'x.csv'], 'keel backtest: unknown option --dat; did you mean --data?'],
    ['journal', ['journal', 'verify', 'extra'], 'keel journal verify takes no arguments, got: extra'],
    ['keys', ['keys', 'list', '--all'], 'keel keys list: unknown option --all'],
    // A subcommand mistyped, left out, or an option where it goes: the shared message, with the nearest one.
    ['keys', ['keys', 'lst'], 'keel keys: unknown subcommand "lst"; did you mean list? subcommands: set, list, delete'],
    ['keys', ['keys', 'delet', '--exchange', 'binance'], 'keel keys: unknown subcommand "delet"; did you mean delete?'],
    ['keys', ['keys', 'show'], 'keel keys: unknown subcommand "show"; subcommands: set, list, delete'],
    ['keys', ['keys'], 'keel keys: which subcommand? set, list or delete'],
    ['keys', ['keys', '--exchange', 'binance'], 'keel keys: which subcommand? set, list or delete, before its options'],
    ['journal', ['journal', 'verfy'], 'keel journal: unknown subcommand "verfy"; did you mean verify? subcommands: verify, backup, export'],
    ['journal', ['journal', 'exprot', '--what', 'fills'], 'keel journal: unknown subcommand "exprot"; did you mean export?'],
    ['journal', ['journal'], 'keel journal: which subcommand? verify, backup or export'],
    // A flag of one value given twice: refused, as keel backtest refuses it. Before, the last one won without
    // a word: the candles stored under another market, or written into another journal.
    ['import', ['import', 'x.csv', '--symbol', 'ETH/USDT', '--symbol', 'SOL/USDT'], 'keel import: --symbol is given twice ("ETH/USDT", "SOL/USDT"); give it once'],
    ['export', ['export', '--symbol', 'BTC/USDT', '--symbol', 'SOL/USDT', '--timeframe', '1h', '--out', 'x.csv'], 'keel export: --symbol is given twice ("BTC/USDT", "SOL/USDT"); give it once'],
    ['journal', ['journal', 'verify', '--data-dir', 'a', '--data-dir', 'b'], 'keel journal: --data-dir is given twice ("a", "b"); give it once'],
    ['kill', ['kill', '--reason', 'a', '--reason', 'b'], 'keel kill: --reason is given twice ("a", "b"); give it once'],
    ['serve', ['serve', '--port', '0', '--port', '4747'], 'keel serve: --port is given twice ("0", "4747"); give it once'],
    ['bench', ['bench', '--only', 'risk', '--only', 'backtest'], 'keel bench: --only is given twice ("risk", "backtest"); give it once'],
  ];
  for (const [name, argv, message] of mistakes) {
    it(`keel ${argv.join(' ')}: says what is wrong and points at keel ${name} --help, not the whole usage`, async () => {
      const { io, out, err } = captured();
      expect(await main(argv, io)).toBe(2);
      expect(out).toEqual([]);
      const lines = err.join('\n').split('\n');
      expect(lines[0]).toContain(message);
      expect(lines.at(-1)).toBe(`run keel ${name} --help for every option`);
      expect(lines).toHaveLength(2);
      expect(err.join('\n')).not.toMatch(/^(usage|flags):/m);
    });
  }

  it('a mistyped command is said with the one it is nearest to, and where every command is told', async () => {
    const { io, out, err } = captured();
    expect(await main(['backtst', '--strategy', 'sma-cross'], io)).toBe(2);
    expect(out).toEqual([]);
    const lines = err.join('\n').split('\n');
    expect(lines[0]).toMatch(/^keel: unknown command "backtst"; did you mean backtest\? commands: serve, import, .*backtest/);
    expect(lines.at(-1)).toBe('run keel --help for every command');
    // Nothing near: the list alone; a flag where the command goes is not guessed at.
    const far = captured();
    expect(await main(['trade'], far.io)).toBe(2);
    expect(far.err.join('\n')).not.toContain('did you mean');
    const flag = captured();
    expect(await main(['--quick'], flag.io)).toBe(2);
    expect(flag.err.join('\n')).toMatch(/^keel: unknown command "--quick"; commands: /);
  });

  it('keel bench with a mistyped suite says the one it is nearest to', async () => {
    const { io, err } = captured();
    expect(await main(['bench', '--only', 'backtets'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/^keel bench: unknown suite backtets; did you mean backtest\? suites: .*\nrun keel bench --help for every option$/);
  });

  it('a flag starting with one dash is said with where a file named so goes', async () => {
    const { io, err } = captured();
    expect(await main(['import', '-x.csv'], io)).toBe(2);
    expect(err.join('\n')).toBe("keel import: unknown option -x; a FILE whose name starts with - goes last, after --: -- -x\nrun keel import --help for every option");
  });

  it('--help still prints the whole usage', async () => {
    const { io, out } = captured();
    expect(await main(['import', '--help'], io)).toBe(0);
    expect(out.join('\n')).toContain('usage: keel import FILE [--symbol BTC/USDT] [--timeframe 1m] [--exchange NAME] [--data-dir DIR]');
  });
});
