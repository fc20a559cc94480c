// `keel backtest` as a new trader runs it, with the mistakes a new trader makes: a report that cannot be
// written found only at the end of the run, a flag that does not apply to a --data file, a --timeframe
// shorter than the file's candles, and --help read before anything else. Each gets a message naming what is
// wrong and what is valid, a non-zero exit, and no report (node bin/keel.js in a child process).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const KEEL = path.join(repoRoot, 'bin', 'keel.js');
const DATA = path.resolve(repoRoot, '..', 'shared', 'data');
const H1 = path.join(DATA, 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv');

let dir: string;
let hours: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-backtest-mistakes-'));
  // 499 hours of the real file, named for their market (written here, not copied into the repo).
  hours = path.join(dir, 'BTCUSDT-1h.csv');
  writeFileSync(hours, readFileSync(H1, 'utf8').split('\n').slice(0, 500).join('\n'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function keel(args: string[]) {
  const env = { ...process.env };
  delete env.KEEL_DATA_DIR;
  const r = spawnSync(process.execPath, [KEEL, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Files a failed run left in the folder: reports, or their temporary files. */
const leftBehind = () => readdirSync(dir).filter((f) => f !== 'BTCUSDT-1h.csv');

describe('keel backtest: mistakes a new trader makes', () => {
  // /dev/full takes the open and refuses every write (ENOSPC), so the check before the run passes and the
  // write at its end fails, as a disk that fills up during a long run does.
  it.runIf(existsSync('/dev/full'))('a report that fails at the end of the run names its flag and file, and no report is written', () => {
    const html = keel(['backtest', '--strategy', 'sma-cross', '--data', hours, '--json', 'late.json', '--html', '/dev/full']);
    expect(html.code).toBe(1);
    // Before, "cannot write the reports (none was written): ENOSPC: no space left on device, write": which one?
    expect(html.err).toContain('keel backtest: cannot write --html /dev/full: no space left on device (ENOSPC); no report was written');
    const json = keel(['backtest', '--strategy', 'sma-cross', '--data', hours, '--json', '/dev/full', '--html', 'late.html']);
    expect(json.code).toBe(1);
    expect(json.err).toContain('keel backtest: cannot write --json /dev/full: no space left on device (ENOSPC); no report was written');
    expect(leftBehind()).toEqual([]);
  });

  it('--exchange with --data is refused: it names the exchange of stored series, and the file is not one', () => {
    // Before, it was dropped without a word: the run was the same with any --exchange, even one Keel does not know.
    for (const exchange of ['binance', 'nosuchexchange']) {
      const r = keel(['backtest', '--strategy', 'sma-cross', '--data', hours, '--exchange', exchange, '--json', 'bad.json']);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`keel backtest: --exchange ${exchange} picks stored series (with --symbol S --timeframe T); a --data file is read as it is, so leave --exchange out`);
      expect(r.out).not.toContain('total return');
    }
    expect(leftBehind()).toEqual([]);
  });

  it('a --detail not shorter than --timeframe is a command-line mistake: exit 2, before any journal is read', () => {
    // Both are flags, so the command line alone says it; only candles read (a --detail-data file's) exit 1.
    const dataDir = path.join(dir, 'no-journal');
    for (const detail of ['1h', '4h']) {
      const r = keel(['backtest', '--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--detail', detail, '--data-dir', dataDir]);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(`keel backtest: --detail ${detail} must be shorter than --timeframe 1h: the detail is the finer candles fills are decided on inside each bar, such as --detail 1m`);
      expect(r.err).toContain('run keel backtest --help for every option');
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  it('a --timeframe shorter than the candles in the file is refused naming the ones it can run', () => {
    // Before, the hours ran as "499 30m candles": every bar labelled half as long as it is, in the summary and the reports.
    const r = keel(['backtest', '--strategy', 'sma-cross', '--data', hours, '--timeframe', '30m', '--json', 'bad.json', '--html', 'bad.html']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`keel backtest: ${hours}: --timeframe 30m is shorter than its candles, which are never less than 1h apart; a run makes longer bars from shorter ones, not shorter: give --timeframe 1h or a longer one (2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w)`);
    expect(leftBehind()).toEqual([]);
    // Its own timeframe and a longer one run.
    expect(keel(['backtest', '--strategy', 'sma-cross', '--data', hours, '--timeframe', '1h']).code).toBe(0);
    const longer = keel(['backtest', '--strategy', 'sma-cross', '--data', hours, '--timeframe', '4h']);
    expect(longer.code).toBe(0);
    expect(longer.err).toContain('1h candles resampled into 4h');
  });

  it('a mistyped flag, a --params value that is no number, a date not in the calendar: each says what is valid, without the whole usage', () => {
    // Before, each printed the whole usage (~770 characters) and every flag after the message.
    const flag = keel(['backtest', '--strategy', 'sma-cross', '--dat', hours]);
    expect(flag.code).toBe(2);
    expect(flag.err).toBe('keel backtest: unknown option --dat; did you mean --data?\nrun keel backtest --help for every option\n');
    // Before, only '"abc" is not a number', where a value out of range names the range.
    const param = keel(['backtest', '--strategy', 'sma-cross', '--data', hours, '--params', 'fast=abc']);
    expect(param.code).toBe(2);
    expect(param.err).toBe('keel backtest: sma-cross: fast "abc" is not a number; valid: fast (whole number 1..1000, default 10)\nrun keel backtest --help for every option\n');
    // Before, "is not a calendar date" alone, where --from yesterday listed the formats.
    const date = keel(['backtest', '--strategy', 'sma-cross', '--data', hours, '--from', '2022-13-01']);
    expect(date.code).toBe(2);
    expect(date.err).toBe('keel backtest: --from 2022-13-01 is not a calendar date (there is no month 13); give a UTC date (2024-03-01), a date-time with a zone (2024-03-01T12:00:00Z) or epoch ms\nrun keel backtest --help for every option\n');
    expect(leftBehind()).toEqual([]);
  });

  it('a --data file with a header only says so, and what a candle line is', () => {
    const header = path.join(dir, 'header-only', 'ETHUSDT-1h.csv');
    mkdirSync(path.dirname(header));
    writeFileSync(header, 'open_time,open,high,low,close,volume\n');
    const r = keel(['backtest', '--strategy', 'sma-cross', '--data', header]);
    expect(r.code).toBe(1);
    // Before, "has no candles" alone.
    expect(r.err).toBe(`keel backtest: ${header}: has no candles: it holds its header (open_time,open,high,low,close,volume) and no data rows; a candle is a line under the header with its open_time, open, high, low, close and volume, such as 2024-01-01T00:00:00Z,42000.5,42100,41900,42050.1,12.3\n`);
    rmSync(path.dirname(header), { recursive: true });
  });

  it('a --data file whose spacing names no timeframe runs on the one its name gives, as keel import reads it', () => {
    // Every third hour (a thin market's file): its candles are most often 3h apart, which is no timeframe.
    const sparse = path.join(dir, 'sparse', 'BTCUSDT-1h.csv');
    mkdirSync(path.dirname(sparse));
    const lines = readFileSync(hours, 'utf8').split('\n');
    writeFileSync(sparse, [lines[0], ...lines.slice(1).filter((_, i) => i % 3 === 0)].join('\n'));
    const r = keel(['backtest', '--strategy', 'sma-cross', '--data', sparse, '--json', path.join(path.dirname(sparse), 'r.json')]);
    // Before, exit 1: "cannot tell the timeframe from the candles' spacing; give --timeframe", of a file keel import stores as 1h.
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`backtest: 167 1h candles of BTC/USDT (read from the file name; --symbol sets it) from ${sparse} (csv: open_time_ms,open,high,low,close; time in epoch ms; no volume; timeframe 1h read from the file name, as the candles' spacing names none; --timeframe sets it)`);
    rmSync(path.dirname(sparse), { recursive: true });
  });

  it('a --data file with a candle dated after now is refused at its line: a historical run has no bars after now', () => {
    const lines = readFileSync(hours, 'utf8').split('\n');
    // The last hour's open time moved a century ahead.
    const last = lines[499]!.split(',');
    const ahead = Date.UTC(new Date().getUTCFullYear() + 100, 0, 1);
    const file = path.join(dir, 'ahead', 'BTCUSDT-1h.csv');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, [...lines.slice(0, 499), [String(ahead), ...last.slice(1)].join(',')].join('\n') + '\n');
    const r = keel(['backtest', '--strategy', 'sma-cross', '--data', file, '--json', 'ahead.json']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`keel backtest: ${file} line 500: time "${ahead}" read as epoch ms is ${new Date(ahead).toISOString()}, after now (`);
    expect(r.err).toContain('Keel reads times from 1973 to a day past now');
    expect(existsSync(path.join(dir, 'ahead.json'))).toBe(false);
    rmSync(path.dirname(file), { recursive: true });
  });

  it('a --symbol written without its slash, or not stored, offers the stored one it matches, else lists the stored ones', () => {
    const dataDir = path.join(dir, 'symbols');
    const imported = keel(['import', hours, '--data-dir', dataDir]);
    expect(imported.code, imported.err).toBe(0);
    for (const typed of ['BTCUSDT', 'btc_usdt', 'BTC-USDT']) {
      const r = keel(['backtest', '--strategy', 'sma-cross', '--symbol', typed, '--timeframe', '1h', '--data-dir', dataDir]);
      expect(r.code, typed).toBe(2);
      expect(r.err).toContain(`keel backtest: invalid symbol "${typed}" (did you mean BTC/USDT?); a symbol is BASE/QUOTE such as BTC/USDT`);
    }
    // A symbol of the right form that is not stored: the near one, or what is stored.
    const near = keel(['backtest', '--strategy', 'sma-cross', '--symbol', 'BTC/USD', '--timeframe', '1h', '--data-dir', dataDir]);
    expect(near.code).toBe(1);
    expect(near.err).toContain('keel backtest: no candles stored for local:BTC/USD:1h (did you mean BTC/USDT?) nor of a shorter timeframe to resample from; stored series: local:BTC/USDT:1h');
    const far = keel(['backtest', '--strategy', 'sma-cross', '--symbol', 'SOL/EUR', '--timeframe', '1h', '--data-dir', dataDir]);
    expect(far.err).toContain('keel backtest: no candles stored for local:SOL/EUR:1h nor of a shorter timeframe to resample from; stored series: local:BTC/USDT:1h');
    // And so does keel export.
    const exported = keel(['export', '--symbol', 'btcusdt', '--timeframe', '1h', '--out', path.join(dataDir, 'out.csv'), '--data-dir', dataDir]);
    expect(exported.err).toContain('invalid symbol "btcusdt" (did you mean BTC/USDT?)');
    rmSync(dataDir, { recursive: true });
  });

  it('--help lists every option on a line of its own, with what it takes and its default', () => {
    const r = keel(['backtest', '--help']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    // Before, the usage was one line of about a thousand characters, and no option said what it meant.
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(110);
    expect(lines[0]).toBe('usage: keel backtest --strategy NAME (--data FILE | --symbol S --timeframe T) [options]');
    const flags = ['strategy', 'params', 'data', 'symbol', 'timeframe', 'exchange', 'from', 'to', 'mode', 'direction', 'borrow-rate', 'position-pct', 'limits', 'rearm-after', 'capital', 'fee', 'slippage', 'stop-loss', 'take-profit', 'trailing-stop', 'detail', 'detail-data', 'optimize', 'grid', 'trials', 'objective', 'holdout', 'walk-forward', 'is-ratio', 'anchored', 'workers', 'portfolio', 'weights', 'monte-carlo', 'seed', 'json', 'html', 'trades-csv', 'data-dir'];
    for (const f of flags) expect(r.out, `--${f}`).toMatch(new RegExp(`^  --${f}\\b`, 'm'));
    expect(r.out).toMatch(/^ {2}--fee PCT +.*0\.1 = 0\.1%.*default 0\.1/m);
    expect(r.out).toMatch(/^ {2}--capital N +.*default 10000/m);
    expect(r.out).toMatch(/^ {2}--mode M\S* +.*default moderate/m);
    expect(r.out).toMatch(/^ {2}--from DATE +.*2024-03-01/m);
    expect(r.out).toContain('strategies: sma-cross, ema-cross, rsi-reversion, bollinger-reversion, donchian-breakout, ai-assisted');
  });
});
