// Every format variant a real candle file comes in, generated into a temp dir.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromColumns } from '../../../electron/market/candles/resample.ts';
import { readCandleFile } from '../../../electron/market/import/read-candle-file.ts';
import type { Candle } from '../../../shared/domain/candle.ts';

const MIN = 60_000;
const T0 = Date.UTC(2023, 2, 1); // 2023-03-01 00:00 UTC

/** Three 1m candles from T0, as every variant below writes them. */
const EXPECTED: Candle[] = [
  { t: T0, o: 100, h: 105, l: 99, c: 104, v: 1.5 },
  { t: T0 + MIN, o: 104, h: 104.5, l: 101, c: 102, v: 0 },
  { t: T0 + 2 * MIN, o: 102, h: 103, l: 100.25, c: 100.5, v: 2 },
];
const PRICES = EXPECTED.map((c) => `${c.o},${c.h},${c.l},${c.c}`);
const ISO = ['2023-03-01 00:00:00', '2023-03-01 00:01:00', '2023-03-01 00:02:00'];
const noVolume = EXPECTED.map((c) => ({ ...c, v: null }));

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-read-candles-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(content: string | Buffer, name = `f${++n}.csv`): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

function csv(header: string, rows: string[], eol = '\n'): string {
  return [header, ...rows].join(eol) + eol;
}

/** The file's candles as objects (null volume where it has none) and the format it was read as. */
async function read(content: string | Buffer, name?: string, timeframe: '1m' | null = '1m') {
  const { columns, format } = await readCandleFile(write(content, name), timeframe === null ? {} : { timeframe });
  return { candles: fromColumns(columns), format };
}

describe('readCandleFile: CSV', () => {
  it.each(['timestamp', 'date', 'time', 'datetime', 'open_time', 'open_time_ms', 'opentime', 'ts', 'Timestamp', 'OPEN_TIME', 'Open Time'])(
    'takes the time from a %j column',
    async (name) => {
      const got = await read(csv(`${name},open,high,low,close,volume`, ISO.map((t, i) => `${t},${PRICES[i]},${EXPECTED[i]!.v}`)));
      expect(got.candles).toEqual(EXPECTED);
    },
  );

  it('reports the columns it used', async () => {
    const got = await read(csv('timestamp,open,high,low,close,volume', ISO.map((t, i) => `${t},${PRICES[i]},${EXPECTED[i]!.v}`)));
    expect(got.format).toBe('csv: timestamp,open,high,low,close,volume');
  });

  it.each([
    ['with +00:00', (t: string) => `${t}+00:00`],
    ['with Z and T', (t: string) => `${t.replace(' ', 'T')}Z`],
    ['with microseconds', (t: string) => `${t}.000000`],
    ['in another offset', (t: string) => t.replace('2023-03-01 00', '2023-03-01 02') + '+02:00'],
  ])('reads ISO times %s', async (_, form) => {
    const got = await read(csv('open_time,open,high,low,close,volume', ISO.map((t, i) => `${form(t)},${PRICES[i]},${EXPECTED[i]!.v}`)));
    expect(got.candles).toEqual(EXPECTED);
  });

  it.each([
    ['epoch seconds', 1000, 'epoch s'],
    ['epoch milliseconds', 1, 'epoch ms'],
  ])('reads %s', async (_, divisor, encoding) => {
    const got = await read(csv('ts,open,high,low,close,volume', EXPECTED.map((c, i) => `${c.t / divisor},${PRICES[i]},${c.v}`)));
    expect(got.candles).toEqual(EXPECTED);
    expect(got.format).toBe(`csv: ts,open,high,low,close,volume; time in ${encoding}`);
  });

  it('sorts newest-first files oldest first', async () => {
    const rows = ISO.map((t, i) => `${t},${PRICES[i]},${EXPECTED[i]!.v}`).reverse();
    const got = await read(csv('date,open,high,low,close,volume', rows));
    expect(got.candles).toEqual(EXPECTED);
    expect(got.format).toContain('newest first');
  });

  it('sorts files in no order', async () => {
    const rows = ISO.map((t, i) => `${t},${PRICES[i]},${EXPECTED[i]!.v}`);
    const got = await read(csv('date,open,high,low,close,volume', [rows[1]!, rows[2]!, rows[0]!]));
    expect(got.candles).toEqual(EXPECTED);
    expect(got.format).toContain('not in time order');
  });

  it('reads CRLF line ends, a byte-order mark and blank trailing lines', async () => {
    const text = '\uFEFF' + csv('timestamp,open,high,low,close,volume', ISO.map((t, i) => `${t},${PRICES[i]},${EXPECTED[i]!.v}`), '\r\n') + '\r\n\r\n  \r\n';
    const got = await read(text);
    expect(got.candles).toEqual(EXPECTED);
    expect(got.format).toBe('csv: timestamp,open,high,low,close,volume');
  });

  it('reads lines ended by a lone CR (Excel for Mac\'s "CSV (Macintosh)")', async () => {
    // Read as one line, the header took every row for part of its last name and the file "had no candles".
    const text = csv('timestamp,open,high,low,close,volume', ISO.map((t, i) => `${t},${PRICES[i]},${EXPECTED[i]!.v}`), '\r');
    const got = await read(text);
    expect(got.candles).toEqual(EXPECTED);
    expect(got.format).toBe('csv: timestamp,open,high,low,close,volume');
  });

  it("reads a CryptoDataDownload file: its site's address on the first line, the header under it, newest first", async () => {
    // Before, the address was taken for the header: "the header has no time, open, high, low, close column".
    const rows = ISO.map((t, i) => `${Date.parse(t.replace(' ', 'T') + 'Z')},${t},BTC/USDT,${PRICES[i]},${EXPECTED[i]!.v},${(EXPECTED[i]!.v ?? 0) * 20000},42`).reverse();
    const got = await read(`https://www.CryptoDataDownload.com\n${csv('unix,date,symbol,open,high,low,close,Volume BTC,Volume USDT,tradecount', rows)}`);
    // Its volumes are named for their assets: Volume BTC is the base's, Volume USDT (price × amount) is not.
    expect(got.candles).toEqual(EXPECTED);
    expect(got.format).toMatch(/^csv: date,open,high,low,close,Volume BTC; 4 other columns ignored/);
  });

  it('takes no volume named for an asset when two are not quote currencies (which is the base?)', async () => {
    const rows = ISO.map((t, i) => `${t},${PRICES[i]},${EXPECTED[i]!.v},${EXPECTED[i]!.v}`);
    expect((await read(csv('date,open,high,low,close,Volume ETH,Volume BTC', rows))).candles).toEqual(noVolume);
  });

  describe('date and time in columns apart', () => {
    const DOTTED = ['2023.03.01', '2023.03.01', '2023.03.01'];
    const CLOCKS = ['00:00:00', '00:01:00', '00:02:00'];

    it("reads MetaTrader 5's export: tab-separated, names in angle brackets, dotted dates, the clock apart", async () => {
      const rows = DOTTED.map((d, i) => [d, CLOCKS[i], ...PRICES[i]!.split(','), 812, EXPECTED[i]!.v, 5].join('\t'));
      const got = await read(csv('<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>', rows));
      // <VOL> is the amount traded; <TICKVOL> counts price changes and is not a volume.
      expect(got.candles).toEqual(EXPECTED);
      expect(got.format).toBe('csv: <DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>; 2 other columns ignored; date and time columns joined, read as UTC');
    });

    it("reads MetaTrader 4's headerless export, without its tick volume", async () => {
      const rows = DOTTED.map((d, i) => `${d},${CLOCKS[i]!.slice(0, 5)},${PRICES[i]},812`);
      const got = await read(csv(rows[0]!, rows.slice(1)));
      expect(got.candles).toEqual(noVolume);
      expect(got.format).toMatch(/^csv without header: MetaTrader date,time,open,high,low,close \(its tick volume is a count of price changes, not read as volume\)/);
    });

    it('joins a Date and a Time column of clock times, hours of one digit too', async () => {
      const rows = ISO.map((t, i) => `${t.slice(0, 10)},${Number(CLOCKS[i]!.slice(0, 2))}:${CLOCKS[i]!.slice(3, 5)},${PRICES[i]},${EXPECTED[i]!.v}`);
      expect((await read(csv('Date,Time,Open,High,Low,Close,Volume', rows))).candles).toEqual(EXPECTED);
    });

    it('reads a time column of whole times alone, beside a date column', async () => {
      const rows = ISO.map((t, i) => `2030-01-01,${t},${PRICES[i]},${EXPECTED[i]!.v}`);
      expect((await read(csv('date,time,open,high,low,close,volume', rows))).candles).toEqual(EXPECTED);
    });

    it('names the line, the date and the time it cannot read', async () => {
      const rows = DOTTED.map((d, i) => `${d},${i === 1 ? '25:00' : CLOCKS[i]},${PRICES[i]},1`);
      await expect(read(csv('date,time,open,high,low,close,volume', rows))).rejects.toThrow(/line 3: date "2023\.03\.01" and time "25:00" are not a date \(such as 2023-03-01 or 2023\.03\.01\) and a clock time \(such as 13:05 or 13:05:00\)/);
    });
  });

  it('reads a volume of 0 on every line as no volume, and keeps a single 0 among others', async () => {
    const zeros = await read(csv('timestamp,open,high,low,close,volume', ISO.map((t, i) => `${t},${PRICES[i]},0`)));
    expect(zeros.candles).toEqual(noVolume);
    expect(zeros.format).toMatch(/volume 0 on every line, read as no volume/);
    const some = await read(csv('timestamp,open,high,low,close,volume', ISO.map((t, i) => `${t},${PRICES[i]},${EXPECTED[i]!.v}`)));
    expect(some.candles[1]!.v).toBe(0);
    expect(some.format).not.toMatch(/no volume/);
  });

  it('reads a file without a final line end', async () => {
    const text = csv('timestamp,open,high,low,close,volume', ISO.map((t, i) => `${t},${PRICES[i]},${EXPECTED[i]!.v}`)).trimEnd();
    expect((await read(text)).candles).toEqual(EXPECTED);
  });

  it('ignores extra columns, in any position', async () => {
    const rows = ISO.map((t, i) => `BTCUSDT,${t},${PRICES[i]},${EXPECTED[i]!.v},123.4,77`);
    const got = await read(csv('symbol,date,open,high,low,close,volume,quote_volume,trades', rows));
    expect(got.candles).toEqual(EXPECTED);
    expect(got.format).toBe('csv: date,open,high,low,close,volume; 3 other columns ignored');
  });

  it('prefers the open time to a close time', async () => {
    const rows = ISO.map((t, i) => `2030-01-01 00:00:00,${t},${PRICES[i]}`);
    expect((await read(csv('close_time,open_time,open,high,low,close', rows))).candles).toEqual(noVolume);
  });

  it.each(['vol', 'volume_base', 'Volume', 'base_volume', 'v'])('takes the volume from a %j column', async (name) => {
    const got = await read(csv(`date,open,high,low,close,${name}`, ISO.map((t, i) => `${t},${PRICES[i]},${EXPECTED[i]!.v}`)));
    expect(got.candles).toEqual(EXPECTED);
  });

  it('has null volume without a volume column, and for empty volume fields', async () => {
    const none = await read(csv('open_time_ms,open,high,low,close', EXPECTED.map((c, i) => `${c.t},${PRICES[i]}`)));
    expect(none.candles).toEqual(noVolume);
    expect(none.format).toBe('csv: open_time_ms,open,high,low,close; time in epoch ms; no volume');
    const quoteOnly = await read(csv('date,open,high,low,close,quote_volume', ISO.map((t, i) => `${t},${PRICES[i]},999`)));
    expect(quoteOnly.candles).toEqual(noVolume);
    const gaps = await read(csv('date,open,high,low,close,volume', ISO.map((t, i) => `${t},${PRICES[i]},${i === 1 ? '' : EXPECTED[i]!.v}`)));
    expect(gaps.candles.map((c) => c.v)).toEqual([1.5, null, 2]);
  });

  it('reads o,h,l,c,v short names, quoted fields and semicolons', async () => {
    const rows = ISO.map((t, i) => `"${t}";${PRICES[i]!.replaceAll(',', ';')};"${EXPECTED[i]!.v}"`);
    const got = await read(csv('"t";"o";"h";"l";"c";"v"', rows));
    expect(got.candles).toEqual(EXPECTED);
  });

  it('keeps a delimiter inside quotes in its field: a quoted note with commas is one column', async () => {
    const rows = ISO.map((t, i) => `${t},"Binance, spot ""BTC/USDT""",${PRICES[i]},${EXPECTED[i]!.v},"a, b, c"`);
    const got = await read(csv('date,"source, venue",open,high,low,close,volume,"note, free text"', rows));
    expect(got.candles).toEqual(EXPECTED);
    expect(got.format).toBe('csv: date,open,high,low,close,volume; 2 other columns ignored');
    // A quoted number with a thousands separator is one field too, and said to be no number.
    const big = csv('date,open,high,low,close', [`${ISO[0]},"23,140.5",23200,23100,23150`]);
    await expect(read(big)).rejects.toThrow(/line 2: open "23,140\.5" is not a number/);
  });

  it('reads a quoted field that holds line breaks (a note in a cell), in a row, in the header and at the end', async () => {
    const rows = ISO.map((t, i) => `${t},${PRICES[i]},${EXPECTED[i]!.v},"note ${i}\nwith a second line, and a comma"`);
    const text = csv('date,open,high,low,close,volume,"free\ntext"', rows);
    for (const form of [text, text.replaceAll('\n', '\r\n'), text.trimEnd(), gzipSync(text)]) {
      const got = await read(form);
      expect(got.candles).toEqual(EXPECTED);
      expect(got.format).toMatch(/^csv(\.gz)?: date,open,high,low,close,volume; 1 other columns ignored$/);
    }
    // The lines a field spans count, so a later line is named as an editor numbers it: 7 starts the third row.
    const broken = text.replace(`${ISO[2]},${PRICES[2]}`, `${ISO[2]},102,99,100.25,100.5`);
    await expect(read(broken)).rejects.toThrow(/line 7: high 99 is below the open 102 and the close 100.5 and the low 100.25: a bar's high is its highest price/);
    // A quote inside a field (not at its start) is text, and opens nothing.
    const inch = ISO.map((t, i) => `${t},${PRICES[i]},${EXPECTED[i]!.v},a 5" screen`);
    expect((await read(csv('date,open,high,low,close,volume,note', inch))).candles).toEqual(EXPECTED);
  });

  it('reads a quoted field with line breaks split across chunks', async () => {
    const count = 30_000;
    const rows = Array.from({ length: count }, (_, i) => `${T0 + i * MIN},100.5,101.25,99.75,100.125,${i},"a ""quoted""\nnote"`);
    const got = await read(csv('open_time_ms,open,high,low,close,volume,note', rows));
    expect(got.candles).toHaveLength(count);
    expect(got.candles[count - 1]).toEqual({ t: T0 + (count - 1) * MIN, o: 100.5, h: 101.25, l: 99.75, c: 100.125, v: count - 1 });
  });

  it('reads tab-separated files', async () => {
    const rows = ISO.map((t, i) => `${t}\t${PRICES[i]!.replaceAll(',', '\t')}\t${EXPECTED[i]!.v}`);
    expect((await read(csv('timestamp\topen\thigh\tlow\tclose\tvolume', rows))).candles).toEqual(EXPECTED);
  });

  it('reads headerless Binance kline CSV (as data.binance.vision serves it)', async () => {
    const rows = EXPECTED.map((c, i) => `${c.t},${PRICES[i]},${c.v},${c.t + MIN - 1},1234.5,42,0.7,800.1,0`);
    const got = await read(rows.join('\n'));
    expect(got.candles).toEqual(EXPECTED);
    expect(got.format).toBe('csv without header: Binance kline columns; time in epoch ms');
  });

  it('allows gaps between candles', async () => {
    const rows = [`${T0},${PRICES[0]}`, `${T0 + 60 * MIN},${PRICES[1]}`];
    const got = await read(csv('ts,open,high,low,close', rows));
    expect(got.candles.map((c) => c.t)).toEqual([T0, T0 + 60 * MIN]);
  });

  it('reads gzip-compressed CSV, whatever the file is called', async () => {
    const text = csv('timestamp,open,high,low,close,volume', ISO.map((t, i) => `${t},${PRICES[i]},${EXPECTED[i]!.v}`));
    for (const name of ['candles.csv.gz', 'candles.csv']) {
      const got = await read(gzipSync(text), name);
      expect(got.candles).toEqual(EXPECTED);
      expect(got.format).toBe('csv.gz: timestamp,open,high,low,close,volume');
    }
  });

  it('reads a file of many chunks with lines split across them', async () => {
    const count = 50_000;
    const rows: string[] = [];
    for (let i = 0; i < count; i++) rows.push(`${T0 + i * MIN},100.5,101.25,99.75,100.125,${i}`);
    const got = await read(csv('open_time_ms,open,high,low,close,volume', rows));
    expect(got.candles).toHaveLength(count);
    expect(got.candles[count - 1]).toEqual({ t: T0 + (count - 1) * MIN, o: 100.5, h: 101.25, l: 99.75, c: 100.125, v: count - 1 });
  });
});

describe('readCandleFile: JSON', () => {
  const klines = EXPECTED.map((c) => [c.t, String(c.o), String(c.h), String(c.l), String(c.c), String(c.v), c.t + MIN - 1, '1000.5', 10, '0.5', '500.2', '0']);

  it('reads Binance kline arrays', async () => {
    const got = await read(JSON.stringify(klines), 'klines.json');
    expect(got.candles).toEqual(EXPECTED);
    expect(got.format).toBe('json: Binance klines');
  });

  it('reads kline arrays with numbers, without volume, newest first, pretty-printed', async () => {
    const rows = EXPECTED.map((c) => [c.t, c.o, c.h, c.l, c.c]).reverse();
    const got = await read('\uFEFF' + JSON.stringify(rows, null, 2) + '\n', 'klines.json');
    expect(got.candles).toEqual(noVolume);
  });

  it('reads gzip-compressed kline JSON', async () => {
    const got = await read(gzipSync(JSON.stringify(klines)), 'klines.json.gz');
    expect(got.candles).toEqual(EXPECTED);
    expect(got.format).toBe('json.gz: Binance klines');
  });

  it('reads an array of candle objects', async () => {
    const got = await read(JSON.stringify(EXPECTED), 'candles.json');
    expect(got.candles).toEqual(EXPECTED);
    expect(got.format).toBe('json: objects with t,o,h,l,c,v');
    const named = EXPECTED.map((c, i) => ({ open_time: ISO[i], open: c.o, high: c.h, low: c.l, close: c.c, volume: c.v }));
    expect((await read(JSON.stringify(named), 'named.json')).candles).toEqual(EXPECTED);
  });
});

describe('readCandleFile: JSON Lines (one candle a line)', () => {
  const klines = EXPECTED.map((c) => [c.t, String(c.o), String(c.h), String(c.l), String(c.c), String(c.v), c.t + MIN - 1, '1000.5', 10, '0.5', '500.2', '0']);
  const lines = (items: unknown[], eol = '\n') => items.map((x) => JSON.stringify(x)).join(eol) + eol;

  it('reads candle objects a line, with the keys an array of objects takes', async () => {
    const got = await read(lines(EXPECTED), 'candles.jsonl');
    expect(got.candles).toEqual(EXPECTED);
    expect(got.format).toBe('jsonl: objects with t,o,h,l,c,v');
    const named = EXPECTED.map((c, i) => ({ open_time: ISO[i], open: String(c.o), high: c.h, low: c.l, close: c.c, volume: c.v }));
    expect((await read('\uFEFF' + lines(named, '\r\n') + '\r\n\n', 'named.ndjson')).candles).toEqual(EXPECTED);
    // Without a line end after the last line, and whatever the file is called.
    expect((await read(lines(EXPECTED).trimEnd(), 'candles.json')).candles).toEqual(EXPECTED);
  });

  it('reads Binance kline arrays a line, newest first, and gzipped', async () => {
    const got = await read(lines([...klines].reverse()), 'klines.jsonl');
    expect(got.candles).toEqual(EXPECTED);
    expect(got.format).toBe('jsonl: Binance klines; newest first');
    const zipped = await read(gzipSync(lines(klines)), 'klines.jsonl.gz');
    expect(zipped.candles).toEqual(EXPECTED);
    expect(zipped.format).toBe('jsonl.gz: Binance klines');
  });

  it('reads a file of many chunks, lines split across them', async () => {
    const many = Array.from({ length: 40_000 }, (_, i) => ({ t: T0 + i * MIN, o: 100, h: 101, l: 99, c: 100.5, v: i }));
    const file = write(lines(many), 'many.jsonl');
    expect(statSync(file).size).toBeGreaterThan(2 * 2 ** 20);
    const { columns } = await readCandleFile(file, { timeframe: '1m' });
    expect(columns.length).toBe(40_000);
    expect(columns.v[39_999]).toBe(39_999);
  });
});

describe('readCandleFile without a timeframe', () => {
  it('checks order and duplicates but not spacing', async () => {
    const rows = [`${T0},${PRICES[0]}`, `${T0 + 1000},${PRICES[1]}`];
    const got = await read(csv('ts,open,high,low,close', rows), undefined, null);
    expect(got.candles.map((c) => c.t)).toEqual([T0, T0 + 1000]);
  });
});

describe('readCandleFile progress', () => {
  /** A CSV of `rows` 1m candles, a little over 2 MB for 40,000: more than one of the reader's 1 MB chunks. */
  const big = (rows: number) => csv('timestamp,open,high,low,close,volume', Array.from({ length: rows }, (_, i) => `${T0 + i * MIN},100.25,101.5,99.75,100.5,12.345678`));

  it.each([
    ['plain', (text: string) => text],
    ['gzipped', (text: string) => gzipSync(text)],
  ] as const)('tells a %s file\'s bytes read, rising to its whole size', async (_, encode) => {
    const file = write(encode(big(40_000)));
    const size = statSync(file).size;
    const told: [number, number][] = [];
    const got = await readCandleFile(file, { timeframe: '1m', onProgress: (done, total) => told.push([done, total]) });
    expect(got.columns.length).toBe(40_000);
    expect(told.length).toBeGreaterThanOrEqual(2);
    expect(told.every(([, total]) => total === size)).toBe(true);
    expect(told.map(([done]) => done)).toEqual(told.map(([done]) => done).sort((a, b) => a - b));
    expect(told.at(-1)).toEqual([size, size]);
  });
});
