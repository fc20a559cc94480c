// `keel import` run as the user runs it: `node bin/keel.js import ...` in a child process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../electron/journal/open-journal.ts';
import { CandleStore } from '../../electron/journal/candle-store.ts';
import { journalPath } from '../../electron/app/data-dir.ts';
import { lockDataDir } from '../../electron/app/data-dir-lock.ts';
import type { Candle, SeriesKey } from '../../shared/domain/candle.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const KEEL = path.join(repoRoot, 'bin', 'keel.js');
const REAL_FILE = path.resolve(repoRoot, '..', 'shared', 'data', 'nautilus_btc-perp-20211231-20220201_1m.csv');
const key: SeriesKey = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' };
const T0 = Date.UTC(2024, 0, 1);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-import-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function keel(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const env = { ...process.env, ...opts.env };
  if (!opts.env?.KEEL_DATA_DIR) delete env.KEEL_DATA_DIR;
  const r = spawnSync(process.execPath, [KEEL, 'import', ...args], { cwd: opts.cwd ?? dir, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function storedCandles(dataDir: string): Candle[] {
  const journal = openJournal(journalPath(dataDir), { readonly: true });
  try {
    return new CandleStore(journal.db).read(key);
  } finally {
    journal.close();
  }
}

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

function minuteCsv(count: number, close: number, brokenLine?: number): string {
  const lines = ['timestamp,open,high,low,close,volume'];
  for (let i = 0; i < count; i++) lines.push(lines.length + 1 === brokenLine ? `${T0 + i * 60_000},100,99,98,${close},1` : `${T0 + i * 60_000},100,200,50,${close},1`);
  return lines.join('\n') + '\n';
}

describe('keel import', () => {
  it("drops what an import stopped midway (Ctrl+C) left in the journal, and keeps a running one's", () => {
    const dataDir = path.join(dir, 'leftover');
    expect(keel([write('first.csv', minuteCsv(30, 100)), '--symbol', 'BTC/USDT', '--data-dir', dataDir]).code).toBe(0);
    // A staging series as an import killed midway leaves it: named by a process that has ended. Before, only
    // the app's start dropped these, so a trader on the command line kept every one (a million candles each).
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const journal = openJournal(journalPath(dataDir));
    try {
      const store = new CandleStore(journal.db);
      store.upsert({ ...key, exchange: `~import-local-${dead}-1` }, [{ t: T0, o: 1, h: 1, l: 1, c: 1, v: 1 }]);
      store.upsert({ ...key, exchange: `~import-local-${process.pid}-1` }, [{ t: T0, o: 1, h: 1, l: 1, c: 1, v: 1 }]);
    } finally {
      journal.close();
    }
    const r = keel([write('second.csv', minuteCsv(40, 101)), '--symbol', 'ETH/USDT', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('keel import: discarded an unfinished import an earlier stop left in the journal\n');
    const after = openJournal(journalPath(dataDir), { readonly: true });
    try {
      // This test's own process is alive: its staging series is an import still under way, and stays.
      expect((after.db.prepare('SELECT exchange FROM series').pluck().all() as string[]).sort()).toEqual(['local', 'local', `~import-local-${process.pid}-1`]);
    } finally {
      after.close();
    }
  });

  it('imports a real file and says what it stored', () => {
    const dataDir = path.join(dir, 'real');
    const r = keel([REAL_FILE, '--symbol', 'btc/usdt', '--timeframe', '1m', '--data-dir', dataDir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(
      'stored 45,031 candles of local:BTC/USDT:1m from 2021-12-31T23:01:00.000Z to 2022-02-01T05:31:00.000Z (csv: timestamp,open,high,low,close,volume)',
    );
    expect(storedCandles(dataDir)).toHaveLength(45_031);
  });

  it('beside a running Keel on the same data directory, says so and writes in steps with room for its writes; every candle stored', () => {
    const dataDir = path.join(dir, 'beside');
    // This process stands in for keel serve on the directory: it holds the lock a running Keel holds.
    const lock = lockDataDir(dataDir, 'browser');
    lock.announce('http://127.0.0.1:4747/?token=t');
    try {
      const file = write('beside.csv', minuteCsv(50_000, 120));
      const r = keel([file, '--symbol', 'BTC/USDT', '--timeframe', '1m', '--data-dir', dataDir]);
      expect(r.code).toBe(0);
      expect(r.err.split('\n').filter((l) => l.startsWith('keel import: '))).toEqual([`keel import: keel serve at http://127.0.0.1:4747/?token=t is running on ${dataDir}; writing in steps with room for its orders between them`]);
      const stored = storedCandles(dataDir);
      expect(stored).toHaveLength(50_000);
      expect(stored.at(-1)).toEqual({ t: T0 + 49_999 * 60_000, o: 100, h: 200, l: 50, c: 120, v: 1 });
    } finally {
      lock.release();
    }
  });

  it('takes the data dir from KEEL_DATA_DIR and the file relative to the working directory', () => {
    write('small.csv', minuteCsv(10, 150));
    const dataDir = path.join(dir, 'from-env');
    const r = keel(['small.csv', '--symbol', 'BTC/USDT', '--timeframe', '1m', '--exchange', 'Local'], { env: { KEEL_DATA_DIR: dataDir } });
    expect(r.code).toBe(0);
    expect(r.out).toContain('stored 10 candles of local:BTC/USDT:1m');
    expect(storedCandles(dataDir)).toHaveLength(10);
  });

  it('fails on a missing file with its path, creating no journal', () => {
    const dataDir = path.join(dir, 'missing');
    const missing = path.join(dir, 'no-such.csv');
    const r = keel([missing, '--symbol', 'BTC/USDT', '--timeframe', '1m', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe(`keel import: ${missing}: no such file`);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('fails on an empty file', () => {
    const empty = write('empty.csv', '');
    const r = keel([empty, '--symbol', 'BTC/USDT', '--timeframe', '1m', '--data-dir', path.join(dir, 'empty')]);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe(`keel import: ${empty}: has no candles: the file is empty`);
  });

  it('fails on a broken line, naming file and line, and leaves the journal as it was', () => {
    const dataDir = path.join(dir, 'broken');
    expect(keel([write('good.csv', minuteCsv(100, 150)), '--symbol', 'BTC/USDT', '--timeframe', '1m', '--data-dir', dataDir]).code).toBe(0);
    const before = storedCandles(dataDir);

    // Same times with new closes, and line 77 broken: nothing of it may land.
    const broken = write('broken.csv', minuteCsv(100, 160, 77));
    const r = keel([broken, '--symbol', 'BTC/USDT', '--timeframe', '1m', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.trim()).toBe(`keel import: ${broken} line 77: high 99 is below the open 100 and the close 160: a bar's high is its highest price`);
    expect(storedCandles(dataDir)).toEqual(before);
  });

  it.each([
    [['x.csv', '--symbol', 'BTC/USDT', '--timeframe', '1m', '--bogus'], /unknown option --bogus/],
    [['x.csv', '--symbol', 'BTC/USDT', '--timframe', '1m'], /unknown option --timframe; did you mean --timeframe\?/],
    [['--symbol', 'BTC/USDT', '--timeframe', '1m'], /which file\?/],
    [['x.csv', '--symbol', 'BTC/USDT', '--timeframe', '7m'], /unknown timeframe "7m"; valid timeframes: 1m, 3m/],
    [['x.csv', '--symbol', 'BTCUSDT', '--timeframe', '1m'], /invalid symbol "BTCUSDT" \(did you mean BTC\/USDT\?\); a symbol is BASE\/QUOTE/],
    [['x.csv', '--symbol', 'btc_usdt', '--timeframe', '1m'], /invalid symbol "btc_usdt" \(did you mean BTC\/USDT\?\)/],
    [['x.csv', '--symbol', 'BTC-USDT', '--timeframe', '1m'], /invalid symbol "BTC-USDT" \(did you mean BTC\/USDT\?\)/],
  ])('exits 2 with the message and where every option is told for %j', (args, message) => {
    const r = keel(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    // Not the whole usage and flag list after it (keel import --help prints them).
    expect(r.err.trimEnd().split('\n').at(-1)).toBe('run keel import --help for every option');
    expect(r.err).not.toContain('usage:');
  });

  it('imports JSON Lines (a candle object or a kline array a line) as it imports a JSON array of them', () => {
    const want: Candle[] = [0, 1, 2].map((i) => ({ t: T0 + i * 60_000, o: 100, h: 102, l: 99, c: 101 + i / 4, v: 2 + i }));
    const objects = write('objects.jsonl', want.map((c) => JSON.stringify(c)).join('\n') + '\n');
    const dataDir = path.join(dir, 'jsonl');
    const r = keel([objects, '--symbol', 'BTC/USDT', '--timeframe', '1m', '--data-dir', dataDir]);
    expect(r.err).toBe('');
    expect(r.out.split('\n')[0]).toBe('stored 3 candles of local:BTC/USDT:1m from 2024-01-01T00:00:00.000Z to 2024-01-01T00:02:00.000Z (jsonl: objects with t,o,h,l,c,v)');
    expect(storedCandles(dataDir)).toEqual(want);

    const klines = write('klines.ndjson', want.map((c) => JSON.stringify([c.t, String(c.o), String(c.h), String(c.l), String(c.c), String(c.v), c.t + 59_999])).join('\n'));
    const again = keel([klines, '--symbol', 'BTC/USDT', '--timeframe', '1m', '--data-dir', path.join(dir, 'ndjson')]);
    expect(again.code).toBe(0);
    expect(again.out.split('\n')[0]).toContain('(jsonl: Binance klines)');
    expect(storedCandles(path.join(dir, 'ndjson'))).toEqual(want);
  });

  it('refuses a price written in hexadecimal (Number() reads 0x64 as 100) at its line, saying what is valid; stores nothing', () => {
    const file = write('hex.csv', ['timestamp,open,high,low,close,volume', `${T0},100,101,99,100,1`, `${T0 + 60_000},0x64,101,99,100,1`].join('\n') + '\n');
    const dataDir = path.join(dir, 'hex');
    const r = keel([file, '--symbol', 'BTC/USDT', '--timeframe', '1m', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe(`keel import: ${file} line 3: open "0x64" is not a number (0x64 is hexadecimal); prices and volumes are plain decimal numbers, such as 23140.48, 0.00012 or 1.2e-5`);
    expect(existsSync(journalPath(dataDir))).toBe(false);
  });

  it('refuses a JSON file longer than one string holds with what to do, not "Invalid string length", and stores nothing', () => {
    // Over 512 MB of JSON text, gzipped small: gzip members one after another gunzip as one stream. Before, the
    // look for a first item took the whole head again per chunk (no end in minutes), then the join failed.
    const blanks = gzipSync(Buffer.alloc(16 * 2 ** 20, ' '));
    const file = path.join(dir, 'klines.json.gz');
    writeFileSync(file, Buffer.concat([gzipSync('['), ...Array.from({ length: 33 }, () => blanks), gzipSync(']')]));
    const dataDir = path.join(dir, 'huge-json');
    const r = keel([file, '--symbol', 'BTC/USDT', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`keel import: ${file}: is more than 511 MB of JSON text, the most Keel can read as candle JSON (it parses the file whole): save the candles as CSV or as JSON Lines, one candle a line (both read a line at a time, of any size), or split the file`);
    expect(existsSync(journalPath(dataDir))).toBe(false);
  }, 60_000);

  it('reads the symbol from the file name and the timeframe from the spacing, and says so', () => {
    const dataDir = path.join(dir, 'inferred');
    write('ETHUSDT-export.csv', minuteCsv(10, 150));
    const r = keel(['ETHUSDT-export.csv', '--data-dir', dataDir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 2)).toEqual([
      'stored 10 candles of local:ETH/USDT:1m from 2024-01-01T00:00:00.000Z to 2024-01-01T00:09:00.000Z (csv: timestamp,open,high,low,close,volume; time in epoch ms)',
      "symbol ETH/USDT read from the file name (--symbol sets it); timeframe 1m read from the candles' spacing (--timeframe sets it)",
    ]);
  });

  it('says when a file joins a series that held candles: the spot and the perpetual BTCUSDT files would mix', () => {
    const dataDir = path.join(dir, 'joined');
    expect(keel([REAL_FILE, '--data-dir', dataDir]).code).toBe(0);
    const spot = path.resolve(repoRoot, '..', 'shared', 'data', 'binanceus_BTCUSDT_1m_20230301_20230321.csv');
    const r = keel([spot, '--data-dir', dataDir]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      "the series already held 45,031 candles (2021-12-31 to 2022-02-01), none of them at the same times as the file's; it now holds 75,271. A file of another market under the same name mixes with them: give --exchange NAME (or another symbol) to keep it apart",
    );
  });

  it('asks for --symbol, pointing at --help, when the file name holds no market', () => {
    const file = write('candles.csv', minuteCsv(10, 150));
    const r = keel([file, '--timeframe', '1m', '--data-dir', path.join(dir, 'nameless')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`keel import: ${file}: the file name holds no market (such as BTCUSDT or btc_usdt); give --symbol, e.g. BTC/USDT`);
    expect(r.err).toContain('\nrun keel import --help for every option');
    expect(existsSync(path.join(dir, 'nameless'))).toBe(false);
  });
  it('exits 1 when the file cannot tell its timeframe, as keel backtest --data does: it is the candles that fall short', () => {
    const dataDir = path.join(dir, 'untold');
    // No timeframe in the name, and 7-minute spacing names none.
    const lines = ['timestamp,open,high,low,close,volume'];
    for (let i = 0; i < 10; i++) lines.push(`${T0 + i * 7 * 60_000},100,200,50,150,1`);
    const file = write('BTCUSDT-odd.csv', lines.join('\n') + '\n');
    const r = keel([file, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^keel import: .*BTCUSDT-odd\.csv: cannot tell the timeframe \(its candles are most often 7m apart, which is no timeframe, and the file name names none\); give --timeframe: 1m, /);
    expect(r.err).not.toContain('--help');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a --timeframe shorter than the candles in the file, naming the one it is, and stores nothing', () => {
    const dataDir = path.join(dir, 'shorter');
    const lines = ['timestamp,open,high,low,close,volume'];
    for (let i = 0; i < 48; i++) lines.push(`${T0 + i * 3_600_000},100,200,50,150,1`);
    const hours = write('BTCUSDT-1h.csv', lines.join('\n') + '\n');
    // Before, the hours were stored as local:BTC/USDT:30m: every bar labelled half as long as it is.
    const r = keel([hours, '--timeframe', '30m', '--data-dir', dataDir]);
    // Exit 1, as keel backtest --data refuses the same timeframe: it is the file's candles that rule it out
    // (exit 2 is for what the command line gets wrong on its face), so no pointer at --help either.
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(`keel import: ${hours}: --timeframe 30m is shorter than its candles, which are never less than 1h apart; an import stores the candles as they are, not cut into shorter ones: give --timeframe 1h\n`);
    expect(existsSync(dataDir)).toBe(false);
    // Its own timeframe is stored.
    const ok = keel([hours, '--timeframe', '1h', '--data-dir', dataDir]);
    expect(ok.code).toBe(0);
    expect(ok.out.split('\n')[0]).toContain('stored 48 candles of local:BTC/USDT:1h');
  });
});

describe('keel import of candles dated after now, or of a timeframe the file is not', () => {
  const HOUR = 3_600_000;
  const hourCsv = (times: number[]) => ['timestamp,open,high,low,close,volume', ...times.map((t) => `${t},100,200,50,150,1`)].join('\n') + '\n';

  it('refuses a candle 100 years ahead at its line, and leaves the journal as it was', () => {
    const dataDir = path.join(dir, 'ahead');
    const past = Array.from({ length: 48 }, (_, i) => T0 + i * HOUR);
    expect(keel([write('BTCUSDT-1h-good.csv', hourCsv(past)), '--data-dir', dataDir]).code).toBe(0);
    const hourKey: SeriesKey = { ...key, timeframe: '1h' };
    const stored = () => {
      const journal = openJournal(journalPath(dataDir), { readonly: true });
      try {
        return new CandleStore(journal.db).read(hourKey);
      } finally {
        journal.close();
      }
    };
    const before = stored();
    // The same hours and the next ones, with one row a century ahead: none of them may land.
    const ahead = Date.UTC(new Date().getUTCFullYear() + 100, 0, 1);
    const file = write('BTCUSDT-1h-ahead.csv', hourCsv([...Array.from({ length: 50 }, (_, i) => T0 + i * HOUR), ahead, T0 + 50 * HOUR]));
    const r = keel([file, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(`keel import: ${file} line 52: time "${ahead}" read as epoch ms is ${new Date(ahead).toISOString()}, after now (`);
    expect(r.err).toContain("; a candle's time is when it opened, so none is later than the present: Keel reads times from 1973 to a day past now");
    expect(stored()).toEqual(before);
  });

  it('says which timeframe a file of 1m candles is, given --timeframe 1h, and that 1h is made from them once stored', () => {
    const dataDir = path.join(dir, 'minutes-as-hours');
    const file = write('BTCUSDT-minutes.csv', minuteCsv(180, 150));
    const r = keel([file, '--timeframe', '1h', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file} line 3: candles 1m apart but the timeframe is 1h`);
    expect(r.err).toContain("; the file's candles are 1m ones (their most common spacing): give --timeframe 1m, or leave it out to read it from the spacing; 1h backtests and exports are then made from the stored 1m candles");
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('keel import beside a running app', () => {
  it('writes in steps: while it imports, another connection to the journal writes without waiting for it', async () => {
    const dataDir = path.join(dir, 'beside-app');
    // 400,000 minutes: about twenty steps of writing.
    const n = 400_000;
    const lines = ['timestamp,open,high,low,close,volume'];
    for (let i = 0; i < n; i++) lines.push(`${T0 + i * 60_000},100,101,99,100.5,3`);
    const file = path.join(dir, 'BTCUSDT_1m_big.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    // The "app": its own connection, opened first (it creates the journal), that never waits for a lock.
    const app = openJournal(journalPath(dataDir));
    app.db.pragma('busy_timeout = 0');
    const child = spawn(process.execPath, [KEEL, 'import', file, '--data-dir', dataDir], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    child.stderr.on('data', (d: Buffer) => (said += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let writing = 0;
    let through = 0;
    let running = true;
    void exited.then(() => (running = false));
    try {
      while (running) {
        // The import's staging series is there from its first step to its last: it is writing.
        const staging = app.db.prepare("SELECT count(*) FROM series WHERE exchange LIKE '~import-%'").pluck().get() as number;
        if (staging > 0) {
          writing++;
          try {
            app.db.prepare("INSERT INTO settings (key, value) VALUES ('test.beside', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(writing));
            through++;
          } catch (err) {
            expect((err as { code?: string }).code).toBe('SQLITE_BUSY');
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      expect(await exited, said).toBe(0);
      // Seen writing, and the app's writes went through between its steps.
      expect(writing).toBeGreaterThan(0);
      expect(through).toBeGreaterThan(0);
      expect(new CandleStore(app.db).count(key)).toBe(n);
    } finally {
      app.close();
    }
  }, 60_000);
});
