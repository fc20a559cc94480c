// market.import as the UI calls it: the real dispatcher of a Keel built as `keel serve` builds it, a real
// journal in a temp data directory, and files generated in a temp directory. What a trader notices: the
// candles are then there to read (market.candles) and listed (market.series), the progress and the new
// series are told to every window, a broken file stores nothing at all, trades become 1m candles, and
// each mistake comes back with the code and the input to fix.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeel, type Keel } from '../../electron/app/keel.ts';
import { memoryLogger } from '../../electron/app/logger.ts';
import type { CommandName, CommandRequest, CommandResponse, EventName, KeelErrorData } from '../../shared/contract/index.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 2, 1);
const ctx = { shell: 'browser' as const, peer: 'test' };

let dir: string;
let keel: Keel;
const events: { name: EventName; payload: unknown }[] = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-import-command-'));
  keel = createKeel({ dataDir: path.join(dir, 'data'), shell: 'browser', log: memoryLogger(), market: { mode: 'none' }, control: false });
  keel.bus.onAny((name, payload) => events.push({ name, payload }));
});

afterAll(async () => {
  await keel?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<K extends CommandName>(name: K, params: CommandRequest<K>): Promise<CommandResponse<K>> {
  const outcome = await keel.dispatch(name, params, ctx);
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), { data: outcome.error });
  return outcome.result as CommandResponse<K>;
}

async function refusal<K extends CommandName>(name: K, params: unknown): Promise<KeelErrorData> {
  const outcome = await keel.dispatch(name, params, ctx);
  if (outcome.ok) throw new Error(`${name} was expected to fail`);
  return outcome.error;
}

/** Hourly candles from `start` as CSV, the i-th closing at 100 + i + `cents`, and line `broken` (1-based) with a high below its low. */
function hourlyCsv(count: number, opts: { start?: number; cents?: number; broken?: number } = {}): string {
  const { start = T0, cents = 0.5, broken } = opts;
  const lines = ['open_time,open,high,low,close,volume'];
  for (let i = 0; i < count; i++) {
    const c = 100 + i + cents;
    lines.push(lines.length + 1 === broken ? `${start + i * HOUR},100,90,95,${c},2` : `${start + i * HOUR},${100 + i},${200 + i},${50 + i},${c},${i + 1}`);
  }
  return lines.join('\n') + '\n';
}

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

const seriesKeys = async () => (await call('market.series', {})).series.map((s) => `${s.exchange}:${s.symbol}:${s.timeframe}:${s.count}`);

describe('market.import', () => {
  it('stores a file named by path alone, readable through market.candles, and tells every window', async () => {
    const file = write('binance_BTCUSDT_1h_2024.csv', hourlyCsv(500));
    events.length = 0;
    const result = await call('market.import', { path: file });
    expect(result).toEqual({
      series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' },
      count: 500,
      first: T0,
      last: T0 + 499 * HOUR,
      format: 'csv: open_time,open,high,low,close,volume; time in epoch ms',
      path: file,
      symbolFrom: 'file name',
      timeframeFrom: 'spacing',
      joined: null,
    });

    const { candles } = await call('market.candles', { series: result.series, limit: 5000 });
    expect(candles).toHaveLength(500);
    expect(candles[0]).toEqual({ t: T0, o: 100, h: 200, l: 50, c: 100.5, v: 1 });
    expect(candles[499]).toEqual({ t: T0 + 499 * HOUR, o: 599, h: 699, l: 549, c: 599.5, v: 500 });
    expect(await seriesKeys()).toContain('local:BTC/USDT:1h:500');

    const progress = events.filter((e) => e.name === 'market.importProgress').map((e) => e.payload as { path: string; stage: string; done: number; total: number });
    const reading = progress.filter((p) => p.stage === 'reading');
    expect(reading.length).toBeGreaterThan(0);
    expect(reading.every((p) => p.path === file)).toBe(true);
    expect(reading.at(-1)!.done).toBe(reading.at(-1)!.total);
    expect(progress.at(-1)).toEqual({ path: file, stage: 'storing', done: 0, total: 500 });
    expect(events.filter((e) => e.name === 'market.imported').map((e) => e.payload)).toEqual([result]);
  });

  it('stores under the symbol, timeframe and exchange given', async () => {
    const result = await call('market.import', { path: write('hours.csv', hourlyCsv(24)), symbol: 'eth/usdt', timeframe: '1h', exchange: 'Binance' });
    expect(result).toMatchObject({ series: { exchange: 'binance', symbol: 'ETH/USDT', timeframe: '1h' }, count: 24, symbolFrom: 'given', timeframeFrom: 'given' });
    expect((await call('market.candles', { series: result.series })).candles).toHaveLength(24);
  });

  it('says when the series held candles already: another market\'s file under the same name would mix into it', async () => {
    const first = await call('market.import', { path: write('spot_ADAUSDT.csv', hourlyCsv(48)) });
    expect(first.joined).toBeNull();
    // A second file read as the same market: the last 12 hours overlap the first file's.
    const second = await call('market.import', { path: write('perp_ADAUSDT.csv', hourlyCsv(48, { start: T0 + 36 * HOUR, cents: 0.25 })) });
    expect(second.series).toEqual(first.series);
    expect(second.joined).toEqual({ held: 48, first: T0, last: T0 + 47 * HOUR, replaced: 12, now: 84 });
    const { candles } = await call('market.candles', { series: second.series, limit: 5000 });
    expect(candles).toHaveLength(84);
    // Where they overlap, the later file's candles are the ones kept.
    expect(candles[36]!.c).toBe(100.25);
  });

  it('stores nothing of a file with a broken line: not a new series, not a candle of one stored', async () => {
    const before = await seriesKeys();
    const series = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' as const };
    const stored = (await call('market.candles', { series, limit: 5000 })).candles;

    // New closes for the stored hours, and more hours after them; line 450 is broken.
    const overlap = write('BTCUSDT_1h_fix.csv', hourlyCsv(800, { start: T0 + 100 * HOUR, cents: 0.75, broken: 450 }));
    const err = await refusal('market.import', { path: overlap });
    expect(err).toEqual({
      code: 'invalid_request',
      message: `${overlap} line 450: high 90 is below the open 100 and the close 548.75 and the low 95: a bar's high is its highest price`,
      issues: [{ path: 'path', message: `${overlap} line 450: high 90 is below the open 100 and the close 548.75 and the low 95: a bar's high is its highest price` }],
    });
    expect((await call('market.candles', { series, limit: 5000 })).candles).toEqual(stored);

    const fresh = write('SOLUSDT_1h.csv', hourlyCsv(300, { broken: 299 }));
    expect((await refusal('market.import', { path: fresh })).code).toBe('invalid_request');
    expect(await seriesKeys()).toEqual(before);
  });

  it('gathers a file of trades into 1m candles', async () => {
    // freqtrade's trades: [timestamp_ms, id, type, side, price, amount, cost], three a minute for ten minutes.
    const trades = Array.from({ length: 30 }, (_, i) => [T0 + i * 20_000, String(i), null, i % 2 ? 'sell' : 'buy', 50 + (i % 3), 2, (50 + (i % 3)) * 2]);
    const file = write('freqtrade_XRP_USDT-trades.json', JSON.stringify(trades));
    const result = await call('market.import', { path: file });
    expect(result).toMatchObject({ series: { exchange: 'local', symbol: 'XRP/USDT', timeframe: '1m' }, count: 10, first: T0, last: T0 + 9 * 60_000, timeframeFrom: 'trades' });
    expect(result.format).toBe('json: freqtrade trades, 30 trades into 1m candles');
    const { candles } = await call('market.candles', { series: result.series });
    expect(candles).toHaveLength(10);
    expect(candles[0]).toEqual({ t: T0, o: 50, h: 52, l: 50, c: 52, v: 6 });
  });

  it('answers the kill switch while a big file is being stored, and shows the series only once all of it is', async () => {
    const n = 100_000;
    const file = write('binance_SOLUSDT_1h.csv', hourlyCsv(n, { start: T0 - n * HOUR }));
    const key = { exchange: 'local', symbol: 'SOL/USDT', timeframe: '1h' } as const;
    const order: string[] = [];
    let during: Promise<{ listed: boolean; candles: number; engaged: boolean }> | undefined;
    // The moment the writing starts, the trader pulls the kill switch (the next turn of the event loop).
    const off = keel.bus.on('market.importProgress', (p) => {
      if (p.stage !== 'storing' || p.done !== 0 || during) return;
      during = new Promise((resolve, reject) =>
        setImmediate(() => {
          (async () => {
            const listed = (await call('market.series', {})).series.some((s) => s.symbol === 'SOL/USDT');
            const candles = (await call('market.candles', { series: key })).candles.length;
            const kill = await call('risk.kill', { reason: 'test: kill during an import' });
            order.push('killed');
            return { listed, candles, engaged: kill.state.kill.engaged };
          })().then(resolve, reject);
        }),
      );
    });
    try {
      const stored = await call('market.import', { path: file });
      order.push('stored');
      expect(stored.count).toBe(n);
      // The kill switch was answered between the steps of the write, not after it; meanwhile the series
      // was not there to read, in part or whole.
      expect(await during).toEqual({ listed: false, candles: 0, engaged: true });
      expect(order).toEqual(['killed', 'stored']);
      expect((await call('market.series', {})).series.find((s) => s.symbol === 'SOL/USDT')?.count).toBe(n);
    } finally {
      off();
      await call('risk.rearm', {}).catch(() => {});
    }
  });

  it('answers the kill switch while a longer download of a stored market replaces it, the old series read whole until then', async () => {
    const key = { exchange: 'reimport', symbol: 'DOT/USDT', timeframe: '1h' } as const;
    const old = 50_000;
    const oldStart = T0 - old * HOUR;
    await call('market.import', { path: write('binance_DOTUSDT_1h.csv', hourlyCsv(old, { start: oldStart })), exchange: 'reimport' });
    // The same market again, 10,000 hours longer at its start: every stored hour is in it, at other prices.
    const n = 60_000;
    const file = write('binance_DOTUSDT_1h_longer.csv', hourlyCsv(n, { start: T0 - n * HOUR }));
    const count = async () => (await call('market.series', {})).series.find((x) => x.exchange === 'reimport')?.count;
    const openAt = async (t: number) => (await call('market.candles', { series: key, from: t, to: t })).candles[0]?.o;
    const order: string[] = [];
    let during: Promise<{ count: number | undefined; first: number | undefined; engaged: boolean }> | undefined;
    const off = keel.bus.on('market.importProgress', (p) => {
      if (p.stage !== 'storing' || p.done !== 0 || during) return;
      during = new Promise((resolve, reject) =>
        setImmediate(() => {
          (async () => {
            const seen = { count: await count(), first: await openAt(oldStart) };
            const kill = await call('risk.kill', { reason: 'test: kill during a re-import' });
            order.push('killed');
            return { ...seen, engaged: kill.state.kill.engaged };
          })().then(resolve, reject);
        }),
      );
    });
    try {
      const stored = await call('market.import', { path: file, exchange: 'reimport' });
      order.push('stored');
      expect(stored.joined).toMatchObject({ held: old, replaced: old, now: n });
      // Answered between the steps; the old series whole meanwhile (its first hour opened at 100).
      expect(await during).toEqual({ count: old, first: 100, engaged: true });
      expect(order).toEqual(['killed', 'stored']);
      expect(await count()).toBe(n);
      expect(await openAt(oldStart)).toBe(100 + (n - old));
    } finally {
      off();
      await call('risk.rearm', {}).catch(() => {});
    }
  });

  it('answers each mistake with what is wrong and what is valid, the input to fix as the issue', async () => {
    const missing = path.join(dir, 'BTCUSDT_gone.csv');
    expect(await refusal('market.import', { path: missing })).toEqual({ code: 'not_found', message: `${missing}: no such file`, issues: [{ path: 'path', message: `${missing}: no such file` }] });

    const relative = await refusal('market.import', { path: 'BTCUSDT_1h.csv' });
    expect(relative.code).toBe('invalid_request');
    expect(relative.message).toMatch(/^"BTCUSDT_1h\.csv" is not an absolute path: give the file's whole path, such as \//);

    const folder = path.join(dir, 'downloads');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'ETHUSDT-1h-2024-01.csv'), hourlyCsv(3));
    expect((await refusal('market.import', { path: folder })).message).toBe(`${folder}: is a directory, not a file; give one of its files, such as ETHUSDT-1h-2024-01.csv`);

    const hours = write('ADAUSDT_1h.csv', hourlyCsv(10));
    const timeframe = await refusal('market.import', { path: hours, timeframe: '7m' });
    expect(timeframe.issues).toEqual([{ path: 'timeframe', message: 'unknown timeframe "7m"; valid timeframes: 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w' }]);

    const nameless = write('export.csv', hourlyCsv(10));
    expect(await refusal('market.import', { path: nameless })).toMatchObject({
      code: 'invalid_request',
      message: `${nameless}: the file name holds no market (such as BTCUSDT or btc_usdt); give the symbol, e.g. BTC/USDT`,
      issues: [{ path: 'symbol' }],
    });

    const unreadable = write('DOGEUSDT_1h.csv', 'hello,world\n1,2\n');
    expect((await refusal('market.import', { path: unreadable })).message).toMatch(new RegExp(`^${unreadable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 1: the header has no time, open, high, low, close column; found columns: hello, world; accepted names`));

    // Before, the hours were stored as a 30m series: every bar labelled half as long as it is.
    const shorter = await refusal('market.import', { path: hours, timeframe: '30m' });
    const said = `${hours}: the timeframe 30m is shorter than its candles, which are never less than 1h apart; an import stores the candles as they are, not cut into shorter ones: give the timeframe 1h`;
    expect(shorter).toEqual({ code: 'invalid_request', message: said, issues: [{ path: 'timeframe', message: said }] });
    expect(await seriesKeys()).not.toContain('local:ADA/USDT:30m:10');

    expect((await refusal('market.import', { path: hours, speed: 2 })).code).toBe('invalid_request');
    expect(await seriesKeys()).not.toContain('local:ADA/USDT:1h:10');
  });
});
