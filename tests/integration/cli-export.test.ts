// `keel export` as the user runs it, and the round trip: export a series, import the file into another
// journal, and get exactly the same candles back; export 1h from stored 1m, resampled.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath } from '../../electron/app/data-dir.ts';
import { CandleStore } from '../../electron/journal/candle-store.ts';
import { openJournal } from '../../electron/journal/open-journal.ts';
import { resampleCandles } from '../../electron/market/candles/resample.ts';
import type { Candle, SeriesKey } from '../../shared/domain/candle.ts';
import { BTC_1M } from '../helpers/keel-cli.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const KEEL = path.join(repoRoot, 'bin', 'keel.js');
const T0 = Date.UTC(2024, 2, 1);
const key: SeriesKey = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' };

let dir: string;
let source: string;
/** 3 hours and 10 minutes of 1m candles with awkward floats and a bar without volume. */
const candles: Candle[] = Array.from({ length: 190 }, (_, i) => {
  const o = 60_000 + Math.round(Math.sin(i / 7) * 10_000) / 100 + 0.1 + 0.2;
  const c = o + ((i % 5) - 2) * 1.37;
  return { t: T0 + i * 60_000, o, h: Math.max(o, c) + 3.3, l: Math.min(o, c) - 1.1, c, v: i === 17 ? null : i * 0.013 + 0.1 };
});

function keel(args: string[]) {
  const env = { ...process.env };
  delete env.KEEL_DATA_DIR;
  const r = spawnSync(process.execPath, [KEEL, ...args], { cwd: dir, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function read(dataDir: string, k: SeriesKey): Candle[] {
  const journal = openJournal(journalPath(dataDir), { readonly: true });
  try {
    return new CandleStore(journal.db).read(k);
  } finally {
    journal.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-export-'));
  source = path.join(dir, 'source');
  const journal = openJournal(journalPath(source));
  const store = new CandleStore(journal.db);
  store.upsert(key, candles);
  store.upsert({ ...key, exchange: 'kraken', symbol: 'ETH/USDT' }, candles.slice(0, 5));
  store.upsert({ ...key, exchange: 'kraken' }, candles.slice(0, 5));
  journal.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('keel export', () => {
  it('round-trips: export, import elsewhere, the same candles', () => {
    const file = path.join(dir, 'btc-1m.csv');
    const out = keel(['export', '--symbol', 'btc/usdt', '--timeframe', '1m', '--exchange', 'binance', '--out', file, '--data-dir', source]);
    expect(out.err).toBe('');
    expect(out.code).toBe(0);
    expect(out.out).toBe(`exported 190 candles of binance:BTC/USDT:1m from 2024-03-01T00:00:00.000Z to 2024-03-01T03:09:00.000Z to ${file}\n`);
    expect(readFileSync(file, 'utf8').split('\r\n')[0]).toBe('time,open_time_ms,open,high,low,close,volume');

    const copy = path.join(dir, 'copy');
    const imported = keel(['import', file, '--symbol', 'BTC/USDT', '--timeframe', '1m', '--exchange', 'binance', '--data-dir', copy]);
    expect(imported.code).toBe(0);
    expect(read(copy, key)).toEqual(candles);
  });

  it('exports a range, and resamples from a shorter stored timeframe, leaving out the unfinished last candle', () => {
    const file = path.join(dir, 'btc-1h.csv');
    const out = keel(['export', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--exchange', 'binance', '--out', file, '--data-dir', source]);
    expect(out.code).toBe(0);
    expect(out.out).toContain('exported 3 candles of binance:BTC/USDT:1h');
    expect(out.out).toContain('(resampled from 1m; the last, unfinished candle left out)');
    const copy = path.join(dir, 'copy-1h');
    expect(keel(['import', file, '--symbol', 'BTC/USDT', '--timeframe', '1h', '--data-dir', copy]).code).toBe(0);
    // The same candles, but the summed volumes without float noise: the fixture's own volumes are noisy
    // (0.20400000000000001), so to 15 significant digits (28.688999999999993 + … was written as it was).
    const rolled = resampleCandles(candles, '1m', '1h').candles.slice(0, 3);
    const back = read(copy, { ...key, exchange: 'local', timeframe: '1h' });
    expect(back.map(({ v: _, ...c }) => c)).toEqual(rolled.map(({ v: _, ...c }) => c));
    expect(back.map((c) => c.v)).toEqual([null, 75.81, 122.61]);

    const ranged = path.join(dir, 'range.csv');
    const r = keel(['export', '--symbol', 'BTC/USDT', '--timeframe', '1m', '--exchange', 'binance', '--from', '2024-03-01T01:00:00Z', '--to', '2024-03-01T01:09:00Z', '--out', ranged, '--data-dir', source]);
    expect(r.code).toBe(0);
    expect(readFileSync(ranged, 'utf8').trim().split('\r\n')).toHaveLength(11);

    // A range with no candles in it writes nothing, and says what the series holds (it wrote a header alone, and said it exported 0).
    const empty = path.join(dir, 'empty.csv');
    const none = keel(['export', '--symbol', 'BTC/USDT', '--timeframe', '1m', '--exchange', 'binance', '--from', '2030-01-01', '--out', empty, '--data-dir', source]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^keel export: no candles of binance:BTC\/USDT:1m from 2030-01-01T00:00:00Z to the end; the stored 1m candles run from 2024-03-01T00:00:00Z to 2024-03-01T\d\d:\d\d:00Z; nothing was written/);
    const noHours = keel(['export', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--exchange', 'binance', '--to', '2024-02-29', '--out', empty, '--data-dir', source]);
    expect(noHours.err).toContain('keel export: no whole 1h candles of binance:BTC/USDT:1h from the start to the end of 2024-02-29; the stored 1m candles run from 2024-03-01T00:00:00Z');
    expect(existsSync(empty)).toBe(false);
  });

  it('leaves out a first candle the stored ones start inside of, as it does an unfinished last one', () => {
    // 1m candles from 00:10: a 1h candle of 00:00 would open at 00:10's open and miss ten minutes of highs and lows.
    const late = path.join(dir, 'late');
    const journal = openJournal(journalPath(late));
    new CandleStore(journal.db).upsert(key, candles.slice(10));
    journal.close();
    const file = path.join(dir, 'late-1h.csv');
    const out = keel(['export', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--out', file, '--data-dir', late]);
    expect(out.code).toBe(0);
    expect(out.out).toContain('exported 2 candles of binance:BTC/USDT:1h from 2024-03-01T01:00:00.000Z to 2024-03-01T02:00:00.000Z (resampled from 1m; the first candle left out, as the stored 1m candles start inside it (at 2024-03-01T00:10:00.000Z); the last, unfinished candle left out)');
    const rows = readFileSync(file, 'utf8').trim().split('\r\n').slice(1);
    expect(rows.map((r) => Number(r.split(',')[1]))).toEqual([T0 + 3_600_000, T0 + 7_200_000]);
    expect(Number(rows[0]!.split(',')[2])).toBe(candles[60]!.o);
  });

  it("writes resampled volumes as the exchange's sums, without float noise, and they round-trip", () => {
    // Three hours and a bit of Binance.US minutes: their 1h volumes summed in float64 came out as 97.62912500000003.
    const lines = readFileSync(BTC_1M, 'utf8').split(/\r?\n/).slice(0, 1 + 200);
    const minutes = path.join(dir, 'BTCUSDT-1m.csv');
    writeFileSync(minutes, lines.join('\n') + '\n');
    const real = path.join(dir, 'real');
    expect(keel(['import', minutes, '--data-dir', real]).code).toBe(0);
    const file = path.join(dir, 'real-1h.csv');
    const out = keel(['export', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--out', file, '--data-dir', real]);
    expect(out.err).toBe('');
    expect(out.code).toBe(0);
    const rows = readFileSync(file, 'utf8').trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(3);
    const volumes = rows.map((r) => r.split(',')[6]);
    expect(volumes[0]).toBe('97.629125');
    // Each the exact decimal sum of its 60 minutes' volumes as the file has them.
    const hours = [0, 1, 2].map((h) => decimalSum(lines.slice(1 + h * 60, 1 + (h + 1) * 60).map((l) => l.split(',')[5]!)));
    expect(volumes).toEqual(hours);
    // Imported and exported again as stored (not resampled), the file is the same, byte for byte.
    const again = path.join(dir, 'real-again');
    expect(keel(['import', file, '--symbol', 'BTC/USDT', '--data-dir', again]).code).toBe(0);
    const plain = path.join(dir, 'real-1h-again.csv');
    expect(keel(['export', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--out', plain, '--data-dir', again]).code).toBe(0);
    expect(readFileSync(plain, 'utf8')).toBe(readFileSync(file, 'utf8'));
  });

  it("sweeps the partial files exports to the same name left when stopped (Ctrl+C), not a running one's", () => {
    const folder = path.join(dir, 'swept');
    mkdirSync(folder);
    const file = path.join(folder, 'eth.csv');
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    // An export stopped by Ctrl+C leaves its partial file: no handler runs while it writes.
    writeFileSync(`${file}.partial-${dead}`, 'time,open_time_ms,open');
    writeFileSync(`${file}.partial-${process.pid}`, 'an export under way'); // this test's process runs
    writeFileSync(path.join(folder, `other.csv.partial-${dead}`), 'another name: not for this export to sweep');
    expect(keel(['export', '--symbol', 'ETH/USDT', '--timeframe', '1m', '--out', file, '--data-dir', source]).code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['eth.csv', `eth.csv.partial-${process.pid}`, `other.csv.partial-${dead}`]);
  });

  it('says what is wrong: an ambiguous exchange, an unknown series, an existing file', () => {
    const file = path.join(dir, 'x.csv');
    const ambiguous = keel(['export', '--symbol', 'BTC/USDT', '--timeframe', '1m', '--out', file, '--data-dir', source]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toContain('BTC/USDT is stored for several exchanges (binance, kraken); pick one with --exchange');
    const unknown = keel(['export', '--symbol', 'SOL/USDT', '--timeframe', '1m', '--out', file, '--data-dir', source]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no stored candles for (any exchange):SOL/USDT:1m nor a shorter timeframe to resample from; stored series: binance:BTC/USDT:1m, kraken:BTC/USDT:1m, kraken:ETH/USDT:1m');
    expect(existsSync(file)).toBe(false);
    // Only one exchange has ETH: no --exchange needed.
    expect(keel(['export', '--symbol', 'ETH/USDT', '--timeframe', '1m', '--out', file, '--data-dir', source]).code).toBe(0);
    // A bad --out exits 2, as a bad flag does: the command line is what to change (--force, another name).
    const again = keel(['export', '--symbol', 'ETH/USDT', '--timeframe', '1m', '--out', file, '--data-dir', source]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('exists; pass --force to replace it');
    expect(keel(['export', '--symbol', 'ETH/USDT', '--timeframe', '1m', '--out', file, '--force', '--data-dir', source]).code).toBe(0);
    // CSV whatever the name: a .txt name is refused, naming the .csv it would take, as keel journal export does.
    const txt = path.join(dir, 'eth.txt');
    expect(keel(['export', '--symbol', 'ETH/USDT', '--timeframe', '1m', '--out', txt, '--data-dir', source])).toEqual({ code: 2, out: '', err: `keel export: --out ${txt}: the export is CSV, not .txt; name it ${path.join(dir, 'eth')}.csv\nrun keel export --help for every option\n` });
    expect(existsSync(txt)).toBe(false);
    const usage = keel(['export', '--symbol', 'ETH/USDT']);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/^keel export: --timeframe is required/);
  });

  it('never writes over the journal it reads, even with --force, and names a missing folder', () => {
    // With --force this once replaced the journal with the CSV: every stored candle, order and audit row gone.
    const journal = journalPath(source);
    const before = readFileSync(journal);
    for (const target of [journal, `${journal}-wal`]) {
      const r = keel(['export', '--symbol', 'ETH/USDT', '--timeframe', '1m', '--out', target, '--force', '--data-dir', source]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--out ${target} is the journal file this command reads; writing there would replace it`);
    }
    expect(readFileSync(journal).equals(before)).toBe(true);
    expect(read(source, key)).toHaveLength(190);
    // Nor over a pipe or a device (as root, --out /dev/stdout --force once made it a plain file): a named pipe here.
    const fifo = path.join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const piped = keel(['export', '--symbol', 'ETH/USDT', '--timeframe', '1m', '--out', fifo, '--force', '--data-dir', source]);
    expect(piped.code).toBe(2);
    expect(piped.err).toContain(`--out ${fifo} is not a regular file (a device, a pipe or a socket); this command writes a file beside it and renames it into place, which would replace it: give a file name`);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    const missing = keel(['export', '--symbol', 'ETH/USDT', '--timeframe', '1m', '--out', 'gone/eth.csv', '--data-dir', source]);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(`keel export: --out ${path.join(dir, 'gone', 'eth.csv')}: the folder ${path.join(dir, 'gone')} does not exist; create it first, or give a file in a folder that does\nrun keel export --help for every option\n`);
  });
});

/** The exact sum of decimal numbers as text ("2.131777"), as decimal text without trailing zeros. */
function decimalSum(values: string[]): string {
  const PLACES = 12;
  let units = 0n;
  for (const v of values) {
    const [whole, frac = ''] = v.split('.');
    units += BigInt(whole!) * 10n ** BigInt(PLACES) + BigInt(frac.padEnd(PLACES, '0'));
  }
  const text = units.toString().padStart(PLACES + 1, '0');
  return `${text.slice(0, -PLACES)}.${text.slice(-PLACES)}`.replace(/\.?0+$/, '');
}
