// Every way a candle file can be wrong, each with the exact place the error names.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCandleFile } from '../../../electron/market/import/read-candle-file.ts';
import { CandleFileError } from '../../../electron/market/import/candle-file-error.ts';
import type { Timeframe } from '../../../shared/domain/timeframe.ts';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1);
const HEADER = 'timestamp,open,high,low,close,volume';

/** CSV line for the i-th good 1m candle from T0. */
const good = (i: number) => `${T0 + i * MIN},100,101,99,100.5,3`;

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-candle-errors-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(content: string | Buffer, name = `bad${++n}.csv`): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** Reads the file and returns the CandleFileError it must throw. */
async function failure(file: string, timeframe: Timeframe = '1m'): Promise<CandleFileError> {
  const err = await readCandleFile(file, { timeframe }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CandleFileError);
  return err as CandleFileError;
}

/** Ten good lines after the header with `bad` as line `at` (1-based, header is line 1). */
function csvWith(at: number, bad: string): string {
  const lines = [HEADER];
  for (let i = 0; lines.length < 12; i++) lines.push(lines.length + 1 === at ? bad : good(i));
  return lines.join('\n') + '\n';
}

describe('CandleFileError for CSV lines', () => {
  it.each([
    ['too few fields', `${T0 + 5 * MIN},100,101,99`, 'expected 6 fields like the header, found 4'],
    ['too many fields', `${T0 + 5 * MIN},100,101,99,100,3,7`, 'expected 6 fields like the header, found 7'],
    ['an unparseable price', `${T0 + 5 * MIN},100,10l,99,100.5,3`, 'high "10l" is not a number'],
    ['an empty price', `${T0 + 5 * MIN},,101,99,100.5,3`, 'open "" is not a number'],
    ['an unparseable volume', `${T0 + 5 * MIN},100,101,99,100.5,lots`, 'volume "lots" is not a number'],
    ['an unparseable time', `2024-01-01 00:0x:00,100,101,99,100.5,3`, 'time "2024-01-01 00:0x:00" is neither a date-time (such as 2023-03-01 00:00:00) nor an epoch number'],
    ['an impossible date', `2024-02-30 00:00:00,100,101,99,100.5,3`, 'time "2024-02-30 00:00:00" is neither'],
    ['a spreadsheet date serial', `44986.000694,100,101,99,100.5,3`, 'time "44986.000694" read as an epoch number is 1970-01-01T12:29:46.001Z, before any market\'s data; a spreadsheet\'s date serial (days since 1899-12-30) reads so: save the times as YYYY-MM-DD HH:MM:SS, or as epoch seconds or milliseconds'],
    ['high below the body', `${T0 + 5 * MIN},100,100.5,99,101,3`, "high 100.5 is below the close 101: a bar's high is its highest price"],
    ['low above the body', `${T0 + 5 * MIN},100,101,100.2,100.5,3`, "low 100.2 is above the open 100: a bar's low is its lowest price"],
    ['a zero price', `${T0 + 5 * MIN},0,101,99,100.5,3`, 'open must be greater than 0, got 0'],
    ['a negative volume', `${T0 + 5 * MIN},100,101,99,100.5,-1`, 'volume must be a number of 0 or more, got -1'],
    // Before, a corrupt 1e308 passed, and the run failed at the first order sized on it, with Infinity, blamed on the strategy.
    ['an absurd high', `${T0 + 5 * MIN},100,1e308,99,100.5,3`, "high 1e+308 is beyond any market's price (at most 1,000,000,000,000,000): a corrupt or mistyped number?"],
    ['an absurd volume', `${T0 + 5 * MIN},100,101,99,100.5,1e300`, "volume 1e+300 is beyond any market's volume (at most 1e30)"],
  ])('stops at %s, naming the line', async (_, bad, reason) => {
    const file = write(csvWith(7, bad));
    const err = await failure(file);
    expect(err.file).toBe(file);
    expect(err.line).toBe(7);
    expect(err.reason).toContain(reason);
    expect(err.message).toBe(`${file} line 7: ${err.reason}`);
  });

  describe('a double quote left open', () => {
    const NOTED = `${HEADER},note`;
    const row = (i: number, note: string) => `${good(i)},${note}`;

    it('that runs to the end of the file is named by its line, not read as a row missing fields', async () => {
      const lines = [NOTED, row(0, 'a'), row(1, '"5 lots'), row(2, 'b'), row(3, 'c')];
      const err = await failure(write(lines.join('\n') + '\n'));
      expect(err.line).toBe(3);
      expect(err.reason).toBe('a double quote here opens a field that no quote closes: it runs on to the end of the file (a field in quotes may hold line breaks); a quote is likely missing its closing quote; close it, or remove it');
    });

    it('that another quote closes lines later is refused, not read with the rows between taken into its field', async () => {
      const lines = [NOTED, row(0, 'a'), row(1, '"5 lots'), row(2, 'b'), row(3, 'c"'), row(4, 'd')];
      const err = await failure(write(lines.join('\n') + '\n'));
      expect(err.line).toBe(3);
      expect(err.reason).toBe('a double quote opens a field that runs on over the next lines (a field in quotes may hold line breaks), and line 4 inside it has 7 fields, a row of its own: a quote is likely missing its closing quote; close it, or remove it');
    });

    it('in a file too large to hold as one line is refused once the line passes 16 MB', async () => {
      const rows = Array.from({ length: 500_000 }, (_, i) => row(i + 1, 'ok'));
      const err = await failure(write([NOTED, row(0, '"open'), ...rows].join('\n')));
      expect(err.line).toBe(2);
      expect(err.reason).toMatch(/^a double quote here opens a field that no quote closes: it runs on for over 16 MB/);
    });
  });

  it('refuses a line of over 16 MB without a line end, and quotes only the start of a long field', async () => {
    const err = await failure(write(`${HEADER}\n${good(0)}\n${T0 + MIN},100,101,99,100.5,${'9'.repeat(17 * 2 ** 20)}`));
    expect(err.line).toBe(3);
    expect(err.reason).toBe('runs on for over 16 MB without a line end; Keel reads CSV with one candle or trade a line');
    const long = await failure(write(csvWith(4, `${T0 + 2 * MIN},100,101,99,100.5,${'9'.repeat(100_000)}x`)));
    expect(long.message).toBe(`${long.file} line 4: volume "${'9'.repeat(60)}…" (100,001 characters) is not a number; prices and volumes are plain decimal numbers, such as 23140.48, 0.00012 or 1.2e-5`);
  });

  it.each([
    ['with a thousands separator', '"23,140.48"', 'open "23,140.48" is not a number (a thousands separator: Keel reads numbers written as 23140.48; save the numbers without separators between thousands)'],
    ['with a decimal comma and dots between thousands', '"23.140,48"', 'open "23.140,48" is not a number (a decimal comma, with . between thousands: Keel reads numbers written as 23140.48; save the numbers with . as the decimal separator and none between thousands)'],
  ])('says what a number formatted for display %s is written as', async (_, open, reason) => {
    const err = await failure(write(csvWith(2, `${T0},${open},23200,23100,23150,1`)));
    expect(err.reason).toBe(reason);
  });

  // Number() reads 0x64 as 100, 0b1 as 1, 0o7 as 7 and "Infinity" as a number: a cell so written was read as that price.
  it.each([
    ['hexadecimal', '0x64', ' (0x64 is hexadecimal)'],
    ['binary', '0b1100100', ' (0b1100100 is binary)'],
    ['octal', '0o144', ' (0o144 is octal)'],
    ['Infinity', 'Infinity', ''],
    ['-Infinity', '-Infinity', ''],
  ])('refuses a price or volume written as %s, plain or quoted, naming the cell and what is valid', async (_, cell, hint) => {
    const valid = '; prices and volumes are plain decimal numbers, such as 23140.48, 0.00012 or 1.2e-5';
    for (const written of [cell, `"${cell}"`]) {
      const open = await failure(write(csvWith(7, `${T0 + 5 * MIN},${written},101,99,100.5,3`)));
      expect(open.line).toBe(7);
      expect(open.reason).toBe(`open "${cell}" is not a number${hint}${valid}`);
      const volume = await failure(write(csvWith(4, `${T0 + 2 * MIN},100,101,99,100.5,${written}`)));
      expect(volume.line).toBe(4);
      expect(volume.reason).toBe(`volume "${cell}" is not a number${hint}${valid}`);
    }
  });

  it('still reads signs, exponents and blanks around a decimal', async () => {
    const { columns } = await readCandleFile(write(csvWith(3, `${T0 + MIN}, +1e2 ,1.01E2,99,100.5,1.2e-5`)), { timeframe: '1m' });
    expect([columns.o[1], columns.h[1], columns.v[1]]).toEqual([100, 101, 1.2e-5]);
  });

  it('says a spreadsheet saved with decimal commas (fields split by ;) needs decimal points', async () => {
    const lines = [HEADER.replaceAll(',', ';'), ...[0, 1, 2].map((i) => `${T0 + i * MIN};100;101;99;100,5;3`)];
    const err = await failure(write(lines.join('\n')));
    expect(err.line).toBe(2);
    expect(err.reason).toBe('close "100,5" is not a number (a decimal comma: Keel reads numbers with a decimal point, 100.5; save the file with . as the decimal separator)');
  });

  it('counts blank lines and a CRLF file the way an editor does', async () => {
    const text = [HEADER, good(0), '', good(1), `${T0 + 2 * MIN},100,99,98,100,1`].join('\r\n');
    const err = await failure(write(text));
    expect(err.line).toBe(5);
    expect(err.reason).toBe("high 99 is below the open 100 and the close 100: a bar's high is its highest price");
  });

  it('reports a duplicate time at its second line, naming the first', async () => {
    const file = write([HEADER, good(0), good(1), good(2), good(1), good(3)].join('\n'));
    const err = await failure(file);
    expect(err.line).toBe(5);
    expect(err.reason).toBe('duplicate time 2024-01-01T00:01:00.000Z (also on line 3)');
  });

  it('reports duplicates in a newest-first file at the later line', async () => {
    const file = write([HEADER, good(3), good(2), good(2), good(1)].join('\n'));
    const err = await failure(file);
    expect(err.line).toBe(4);
    expect(err.reason).toContain('duplicate time 2024-01-01T00:02:00.000Z (also on line 3)');
  });

  it('reports a time off the timeframe', async () => {
    const rows = [HEADER, `${T0},100,101,99,100.5,3`, `${T0 + 3_600_000},100,101,99,100.5,3`, `${T0 + 2 * 3_600_000 + 30 * MIN},100,101,99,100.5,3`];
    const err = await failure(write(rows.join('\n')), '1h');
    expect(err.line).toBe(4);
    expect(err.reason).toBe('time 2024-01-01T02:30:00.000Z does not start a 1h candle (1h candles open at whole multiples of 1h from 00:00 UTC)');
  });

  it('reports weekly candles that do not open on Monday', async () => {
    const monday = Date.UTC(2024, 0, 1); // 2024-01-01 was a Monday
    const week = 7 * 86_400_000;
    const ok = await readCandleFile(write([HEADER, `${monday},1,2,1,2,3`, `${monday + week},1,2,1,2,3`].join('\n')), { timeframe: '1w' });
    expect(ok.columns.length).toBe(2);
    const err = await failure(write([HEADER, `${monday},1,2,1,2,3`, `${monday + week + 86_400_000},1,2,1,2,3`].join('\n')), '1w');
    expect(err.line).toBe(3);
    expect(err.reason).toContain('1w candles open on Mondays at 00:00 UTC');
  });

  it('reports candles closer together than the timeframe', async () => {
    const rows = [HEADER, good(0), good(1), good(2)];
    const err = await failure(write(rows.join('\n')), '1h');
    expect(err.line).toBe(3);
    expect(err.reason).toBe('candles 1m apart but the timeframe is 1h (2024-01-01T00:00:00.000Z and 2024-01-01T00:01:00.000Z)');
  });

  it('reports 30-second spacing in a 1m file', async () => {
    const rows = [HEADER, good(0), good(1), `${T0 + MIN + 30_000},100,101,99,100.5,3`, good(2)];
    const err = await failure(write(rows.join('\n')));
    expect(err.line).toBe(4);
    expect(err.reason).toMatch(/^time \S+ does not start a 1m candle \(1m candles open at whole multiples of 1m from 00:00 UTC\); it is 30s from the candle before it/);
  });
});

describe('CandleFileError for a time after now', () => {
  const HOUR = 3_600_000;
  /** The start of the hour `hours` from now: a bar's open, on the 1h grid. */
  const hourFromNow = (hours: number) => Math.floor(Date.now() / HOUR) * HOUR + hours * HOUR;
  const hourly = (times: (number | string)[]) => [HEADER, ...times.map((t) => `${t},100,101,99,100.5,3`)].join('\n') + '\n';
  const pastHours = (n: number) => Array.from({ length: n }, (_, i) => hourFromNow(i - n));
  const NOW = /after now \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)/;

  it('refuses a candle 100 years ahead at its line, with the date read and what is valid', async () => {
    const ahead = Date.UTC(new Date().getUTCFullYear() + 100, 0, 1);
    const err = await failure(write(hourly([...pastHours(6).slice(0, 5), ahead, hourFromNow(-1)])), '1h');
    expect(err.line).toBe(7);
    expect(err.reason).toContain(`time "${ahead}" read as epoch ms is ${new Date(ahead).toISOString()}, `);
    expect(err.reason).toMatch(NOW);
    expect(err.reason).toContain("a candle's time is when it opened, so none is later than the present: Keel reads times from 1973 to a day past now");
    expect(err.reason).not.toContain('unit');
  });

  it('refuses an ISO date ahead the same way', async () => {
    const year = new Date().getUTCFullYear() + 3;
    const err = await failure(write(hourly([...pastHours(3).map((t) => new Date(t).toISOString()), `${year}-01-01 00:00:00`])), '1h');
    expect(err.line).toBe(5);
    expect(err.reason).toMatch(new RegExp(`^time "${year}-01-01 00:00:00" is ${year}-01-01T00:00:00\\.000Z, after now`));
  });

  it('says when the number is plainly a unit mix-up: three digits too many lands in the year 50,000-odd', async () => {
    // Nanoseconds times a thousand (µs converted from seconds once too often) read as nanoseconds.
    const good = pastHours(3);
    const scaled = `${BigInt(good[2]!) * 1_000_000_000n}`;
    const err = await failure(write(hourly([good[0]!, good[1]!, scaled])), '1h');
    expect(err.line).toBe(4);
    expect(err.reason).toMatch(new RegExp(`^time "${scaled}" read as epoch ns is a date in the year 5\\d,\\d{3}, after now`));
    expect(err.reason).toContain(`; it looks like a unit mix-up: divided by 1,000 and read as epoch ns it is ${new Date(good[2]!).toISOString()}`);
  });

  it('names a date too far ahead for a JavaScript date, rather than failing on it', async () => {
    const err = await failure(write(hourly([...pastHours(2), '9'.repeat(25)])), '1h');
    expect(err.line).toBe(4);
    expect(err.reason).toMatch(/read as epoch ns is a date in the year [\d,]+, after now/);
  });

  it('refuses it in a JSON item and a freqtrade trade too', async () => {
    const ahead = hourFromNow(24 * 365);
    const kline = (t: number) => [t, '100', '101', '99', '100.5', '3'];
    const json = await failure(write(JSON.stringify([kline(hourFromNow(-2)), kline(ahead)]), `ahead${++n}.json`), '1h');
    expect(json.message).toMatch(/ item 2 \(index 1\): time \d+ read as epoch ms is .*, after now/);
    const trades = await failure(write(JSON.stringify([[hourFromNow(-2), 't1', null, 'buy', 0.5, 10, 5], [ahead, 't2', null, 'sell', 0.5, 10, 5]]), `trades${++n}.json`), '1h');
    expect(trades.message).toMatch(/ item 2 \(index 1\): time \d+ read as epoch ms is .*, after now/);
  });

  it('reads the bar still open now, and one a few hours ahead (a clock ahead, or local times east of UTC)', async () => {
    const times = [...pastHours(3), hourFromNow(0), hourFromNow(1), hourFromNow(14)];
    const got = await readCandleFile(write(hourly(times)), { timeframe: '1h' });
    expect(Array.from(got.columns.t.subarray(0, got.columns.length))).toEqual(times);
  });
});

describe('CandleFileError for the file as a whole', () => {
  it('says there is no such file, with the path', async () => {
    const file = join(dir, 'missing.csv');
    const err = await failure(file);
    expect(err.line).toBeNull();
    expect(err.message).toBe(`${file}: no such file`);
  });

  it('says a directory is not a file', async () => {
    const sub = join(dir, 'a-dir.csv');
    mkdirSync(sub);
    expect((await failure(sub)).reason).toMatch(/directory/);
  });

  it.each([
    ['an empty file', '', 'has no candles: the file is empty'],
    ['blank lines only', '\n\r\n  \n', 'has no candles: the file is empty'],
    // Before, a header only and an empty array said just "has no candles": not what the file held, nor what a candle is.
    ['a header only', `${HEADER}\n`, `has no candles: it holds its header (${HEADER}) and no data rows; a candle is a line under the header with its timestamp, open, high, low, close and volume, such as 2024-01-01T00:00:00Z,42000.5,42100,41900,42050.1,12.3`],
    ['a header of a date and a time column only', 'date;time;open;high;low;close;volume;trades\n\n', 'has no candles: it holds its header (date;time;open;high;low;close;volume;trades) and no data rows; a candle is a line under the header with its date, time, open, high, low, close and volume, such as 2024-01-01;00:00:00;42000.5;42100;41900;42050.1;12.3; (the other column, trades, may be blank)'],
    ['an empty JSON array', '[]', 'has no candles: it holds an empty JSON array; expected klines [[openTime, open, high, low, close, volume, ...], ...] or objects [{"timestamp": ..., "open": ..., "high": ..., "low": ..., "close": ..., "volume": ...}, ...]'],
  ])('says %s has no candles', async (_, content, reason) => {
    const file = write(content);
    const err = await failure(file);
    expect(err.line).toBeNull();
    expect(err.reason).toBe(reason);
    expect(err.message).toBe(`${file}: ${reason}`);
  });

  it('lists the columns found and the names accepted when a header lacks time or prices', async () => {
    const err = await failure(write('when,price,qty\n2024-01-01,100,1\n'));
    expect(err.line).toBe(1);
    expect(err.reason).toContain('the header has no time, open, high, low, close column');
    expect(err.reason).toContain('found columns: when, price, qty');
    expect(err.reason).toContain('time: timestamp, open_time, open_time_ms, opentime');
    expect(err.reason).toContain('open: open, o,');

    const noTime = await failure(write('symbol,open,high,low,close\nBTC,1,2,1,2\n'));
    expect(noTime.reason).toMatch(/^the header has no time column; found columns: symbol, open, high, low, close; accepted names \(any case\) are time: timestamp/);
  });

  it('says a corrupt gzip file is not valid gzip', async () => {
    const zipped = gzipSync(`${HEADER}\n${good(0)}\n`);
    const err = await failure(write(zipped.subarray(0, zipped.length - 12), 'cut.csv.gz'));
    expect(err.reason).toMatch(/gzip/);
  });
});

describe('CandleFileError for a file that is not text', () => {
  /** Bytes that are no text: a repeatable stream with NULs and control bytes among the rest. */
  const noise = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7919 + (i >> 3) * 13) % 256));

  it.each([
    ['a spreadsheet (zip)', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), noise(600)]), 'is not a text file: it is a zip archive (an .xlsx or .ods spreadsheet is one): save the sheet as CSV, or unzip the archive'],
    ['a SQLite database', Buffer.concat([Buffer.from('SQLite format 3\0'), noise(600)]), 'is not a text file: it is a SQLite database: export the candles as CSV'],
    ['a Parquet file', Buffer.concat([Buffer.from('PAR1'), noise(600)]), 'is not a text file: it is a Parquet file: write the candles as CSV (pandas: df.to_csv)'],
    ['UTF-16 CSV with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvWith(0, ''), 'utf16le')]), 'is UTF-16 text: save it as UTF-8 CSV (in Excel, "CSV UTF-8"), which Keel reads'],
    ['UTF-16 CSV without one', Buffer.from(csvWith(0, ''), 'utf16le'), 'is UTF-16 text: save it as UTF-8 CSV (in Excel, "CSV UTF-8"), which Keel reads'],
  ])('names %s and what to give instead, not a header error', async (_, bytes, reason) => {
    const err = await failure(write(bytes));
    expect(err.line).toBeNull();
    expect(err.reason).toBe(reason);
  });

  it('says binary bytes are binary, also inside a gzip file, and what Keel reads', async () => {
    for (const bytes of [noise(5000), gzipSync(noise(5000))]) {
      const err = await failure(write(bytes));
      expect(err.line).toBeNull();
      expect(err.reason).toMatch(/^is not a text file: its first bytes are binary \(\d+ NUL bytes in the first 4096\); Keel reads candles or trades as CSV or JSON text, plain or gzipped$/);
    }
  });

  describe('text that is not UTF-8 (Latin-1, Windows-1252: a spreadsheet saved as plain "CSV")', () => {
    const latin1 = (text: string) => Buffer.from(text, 'latin1');
    const save = '; save it as UTF-8 (in Excel, "CSV UTF-8"; in an editor, the UTF-8 encoding), which Keel reads';

    it('names the line of the first byte that is no UTF-8, the byte, and what it is in Windows-1252', async () => {
      const header = await failure(write(latin1(`${HEADER},Währung\n${good(0)},EUR\n`)));
      expect(header.line).toBe(1);
      expect(header.reason).toBe(`is not UTF-8 text: byte 0xE4 ("ä" in Windows-1252) is no UTF-8${save}`);
      expect(header.message).toBe(`${header.file} line 1: ${header.reason}`);

      // A euro sign is 0x80 in Windows-1252; the rows before it are fine.
      const euro = Buffer.concat([Buffer.from(csvWith(0, '').split('\n').slice(0, 6).join('\n') + '\n'), Buffer.from([0x80]), Buffer.from(`,100,101,99,100.5,3\n`)]);
      const row = await failure(write(euro));
      expect(row.line).toBe(7);
      expect(row.reason).toBe(`is not UTF-8 text: byte 0x80 ("€" in Windows-1252) is no UTF-8${save}`);
    });

    it('counts the lines of a large file, gzipped too, and of a JSON file', async () => {
      const lines = [HEADER];
      for (let i = 0; i < 80_000; i++) lines.push(good(i));
      const text = lines.join('\r\n') + '\r\n';
      const bytes = Buffer.concat([Buffer.from(text), latin1(`${T0 + 80_000 * MIN},100,101,99,100.5,3 Stück\r\n`)]);
      expect(bytes.length).toBeGreaterThan(2 * 2 ** 20);
      for (const content of [bytes, gzipSync(bytes)]) {
        const err = await failure(write(content));
        expect(err.line).toBe(80_002);
        expect(err.reason).toBe(`is not UTF-8 text: byte 0xFC ("ü" in Windows-1252) is no UTF-8${save}`);
      }
      const json = await failure(write(latin1(`[\n  {"t": ${T0}, "o": 1, "h": 2, "l": 1, "c": 2, "note": "Käse"}\n]\n`), 'latin1.json'));
      expect(json.line).toBe(2);
    });

    it('still reads UTF-8 whose characters are split between chunks', async () => {
      const lines = [`${HEADER},note`];
      for (let i = 0; i < 40_000; i++) lines.push(`${good(i)},Währung €`);
      const { columns } = await readCandleFile(write(lines.join('\n') + '\n'), { timeframe: '1m' });
      expect(columns.length).toBe(40_000);
    });
  });

  it('reads a CSV with Windows line ends and a trailing form feed as text', async () => {
    const text = csvWith(0, '').replace(/\n/g, '\r\n') + '\f';
    const { columns } = await readCandleFile(write(text), { timeframe: '1m' });
    expect(columns.length).toBe(11);
  });
});

describe('CandleFileError for JSON Lines', () => {
  const candle = (i: number) => JSON.stringify({ t: T0 + i * MIN, o: 100, h: 101, l: 99, c: 100.5, v: 3 });
  const kline = (i: number) => JSON.stringify([T0 + i * MIN, '100', '101', '99', '100.5', '3']);
  /** Four lines of `line`'s candles, with `bad` as line 3. */
  const jsonl = (line: (i: number) => string, bad: string) => write([line(0), line(1), bad, line(3)].join('\n') + '\n', `bad${++n}.jsonl`);

  it.each([
    ['a broken OHLC', candle, JSON.stringify({ t: T0 + 2 * MIN, o: 100, h: 99, l: 98, c: 100, v: 1 }), "high 99 is below the open 100 and the close 100: a bar's high is its highest price"],
    ['a hexadecimal price', candle, JSON.stringify({ t: T0 + 2 * MIN, o: '0x64', h: 101, l: 99, c: 100.5, v: 3 }), 'open "0x64" is not a number (0x64 is hexadecimal); prices and volumes are plain decimal numbers, such as 23140.48, 0.00012 or 1.2e-5'],
    ['a key the first line has missing', candle, JSON.stringify({ t: T0 + 2 * MIN, o: 100, h: 101, l: 99 }), 'has no "c" key, which the first line has'],
    // The volume too: before, such a line read as a candle without volume among candles with it.
    ['the volume key the first line has missing', candle, JSON.stringify({ t: T0 + 2 * MIN, o: 100, h: 101, l: 99, c: 100.5 }), 'has no "v" key, which the first line has'],
    ['an array among objects', candle, kline(2), 'expected an object like the first line'],
    ['a duplicate', candle, candle(1), 'duplicate time 2024-01-01T00:01:00.000Z (also on line 2)'],
    ['a short kline', kline, JSON.stringify([T0 + 2 * MIN, '1', '2']), 'expected at least 5 fields (open time, open, high, low, close), found 3'],
    ['a kline with more fields than the first line', kline, JSON.stringify([T0 + 2 * MIN, '100', '101', '99', '100.5', '3', 'x']), 'has 7 fields where the first line has 6; no kline may have more than the first'],
    ['a line that is not JSON', kline, `[${T0 + 2 * MIN}, "100", "101"`, 'is not valid JSON'],
  ])('stops at %s, naming its line', async (_, line, bad, reason) => {
    const file = jsonl(line, bad);
    const err = await failure(file);
    expect(err.line).toBe(3);
    expect(err.reason).toContain(reason);
    expect(err.message).toBe(`${file} line 3: ${err.reason}`);
  });

  it('names the keys found and accepted when the first line lacks one', async () => {
    const err = await failure(write(`${JSON.stringify({ when: T0, o: 1, h: 2, l: 1, c: 2 })}\n${JSON.stringify({ when: T0 + MIN, o: 1, h: 2, l: 1, c: 2 })}\n`, 'keys.jsonl'));
    expect(err.line).toBe(1);
    expect(err.reason).toMatch(/^no time key; found keys: when, o, h, l, c; accepted names \(any case\) are time: timestamp/);
  });
});

describe('CandleFileError for JSON items', () => {
  const kline = (i: number) => [T0 + i * MIN, '100', '101', '99', '100.5', '3', T0 + (i + 1) * MIN - 1];
  const json = (items: unknown[]) => write(JSON.stringify(items), `bad${++n}.json`);

  it.each([
    ['a short kline', [kline(0), [T0 + MIN, '1', '2']], 'expected at least 5 fields (open time, open, high, low, close), found 3'],
    ['a kline that is not an array', [kline(0), { t: 1 }], 'expected a kline array [openTime, open, high, low, close, volume, ...]'],
    ['an unparseable price', [kline(0), [T0 + MIN, '100', 'x', '99', '100', '1']], 'high "x" is not a number; prices and volumes are plain decimal numbers, such as 23140.48, 0.00012 or 1.2e-5'],
    ['an unparseable time', [kline(0), [true, '100', '101', '99', '100', '1']], 'time true is neither a date-time nor an epoch number'],
    ['a broken OHLC', [kline(0), [T0 + MIN, '100', '99', '98', '100', '1']], "high 99 is below the open 100 and the close 100: a bar's high is its highest price"],
    ['a duplicate', [kline(0), kline(0)], 'duplicate time 2024-01-01T00:00:00.000Z (also on item 1 (index 0))'],
    // Two klines run together where a "],[" was lost: read as one, the second would vanish without a word.
    ['two klines run together', [kline(0), [...kline(1), ...kline(2)]], 'has 14 fields where the first item has 7 (two klines run together, where a "],[" between them was lost?); no kline may have more than the first'],
    // Not `close undefined is not a number`.
    [
      'an object without a key the first has',
      [
        { timestamp: T0, open: 1, high: 2, low: 1, close: 2 },
        { timestamp: T0 + MIN, open: 1, high: 2, low: 1 },
      ],
      'has no "close" key, which the first item has',
    ],
  ])('stops at %s, naming the item and its index', async (_, items, reason) => {
    const file = json(items);
    const err = await failure(file);
    expect(err.line).toBe(2);
    expect(err.reason).toBe(reason);
    expect(err.message).toBe(`${file} item 2 (index 1): ${reason}`);
  });

  it.each([
    ['a date serial', 44986.0007, "time 44986.0007 read as an epoch number is 1970-01-01T12:29:46.001Z, before any market's data; a spreadsheet's date serial (days since 1899-12-30) reads so: save the times as YYYY-MM-DD HH:MM:SS, or as epoch seconds or milliseconds"],
    ['a row index', 1, "time 1 read as an epoch number is 1970-01-01T00:00:01.000Z, before any market's data; a spreadsheet's date serial (days since 1899-12-30) reads so: save the times as YYYY-MM-DD HH:MM:SS, or as epoch seconds or milliseconds"],
    ['a date of 1970', '1970-01-02 00:00:00', 'time "1970-01-02 00:00:00" is 1970-01-02T00:00:00.000Z, before any market\'s data (Keel reads times from 1973 on)'],
  ])('refuses a time before 1973 as a CSV file does: %s, in a kline and in an object', async (_, time, reason) => {
    for (const first of [kline(0), { timestamp: T0, open: 100, high: 101, low: 99, close: 100.5 }]) {
      const second = Array.isArray(first) ? [time, '100', '101', '99', '100.5', '3'] : { timestamp: time, open: 100, high: 101, low: 99, close: 100.5 };
      const err = await failure(json([first, second]));
      expect(err.line).toBe(2);
      expect(err.reason).toBe(reason);
    }
  });

  it('refuses a price or volume string written in hexadecimal, binary or octal, as a CSV file does', async () => {
    const valid = '; prices and volumes are plain decimal numbers, such as 23140.48, 0.00012 or 1.2e-5';
    const hexKline = await failure(json([kline(0), [T0 + MIN, '0x64', '101', '99', '100.5', '3']]));
    expect(hexKline.message).toBe(`${hexKline.file} item 2 (index 1): open "0x64" is not a number (0x64 is hexadecimal)${valid}`);
    const binVolume = await failure(json([kline(0), [T0 + MIN, '100', '101', '99', '100.5', '0b11']]));
    expect(binVolume.reason).toBe(`volume "0b11" is not a number (0b11 is binary)${valid}`);
    const octObject = await failure(json([{ t: T0, o: 100, h: 101, l: 99, c: 100.5 }, { t: T0 + MIN, o: 100, h: '0o777', l: 99, c: 100.5 }]));
    expect(octObject.reason).toBe(`high "0o777" is not a number (0o777 is octal)${valid}`);
  });

  it('refuses a freqtrade trade time before 1973', async () => {
    const trades = [[T0, 't1', null, 'buy', 0.5, 10, 5], [3, 't2', null, 'sell', 0.5, 10, 5]];
    const err = await failure(write(JSON.stringify(trades), `trades${++n}.json`));
    expect(err.message).toMatch(/ item 2 \(index 1\): time 3 read as an epoch number is 1970-01-01T00:00:03\.000Z, before any market's data/);
  });

  it('says invalid JSON is invalid', async () => {
    const err = await failure(write('[[1, "2",', 'cut.json'));
    expect(err.line).toBeNull();
    expect(err.reason).toMatch(/^is not valid JSON .*; expected one array, klines \[\[openTime, open, high, low, close, volume, \.\.\.\], \.\.\.\] or objects/);
  });

  it('says JSON that is not an array holds no candles, what would, and which key holds an array', async () => {
    expect((await failure(write('{"candles": []}', 'obj.json'))).reason).toMatch(
      /^holds JSON but not an array of candles \(an object whose "candles" holds an array: save that array alone\); expected klines \[\[openTime, open, high, low, close, volume, \.\.\.\], \.\.\.\] or objects \[\{"timestamp": /,
    );
  });
});
