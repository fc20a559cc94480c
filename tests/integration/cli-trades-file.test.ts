// Files of trades given to `keel backtest --data` and `keel import` as a user gives them (node bin/keel.js
// in a child process): the real freqtrade XRP/ETH trades and a Binance trades dump generated here. The
// candles each should become are worked out in the test from the raw trades, apart from Keel's reader.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath } from '../../electron/app/data-dir.ts';
import { CandleStore } from '../../electron/journal/candle-store.ts';
import { openJournal } from '../../electron/journal/open-journal.ts';
import type { Candle, SeriesKey } from '../../shared/domain/candle.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const KEEL = path.join(repoRoot, 'bin', 'keel.js');
const FREQTRADE = '../shared/data/freqtrade_XRP_ETH-trades.json.gz';
const FREQTRADE_ABS = path.resolve(repoRoot, FREQTRADE);
const MIN = 60_000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-trades-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** keel run from the repository, so the shared data's path is the one a user in the clone types. */
function keel(args: string[]) {
  const env = { ...process.env };
  delete env.KEEL_DATA_DIR;
  const r = spawnSync(process.execPath, [KEEL, ...args], { cwd: repoRoot, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

type Trade = [t: number, price: number, amount: number];

/** Candles by the book: bucket = floor(t / step) * step, first and last price, extremes, amounts summed; no empty bucket. */
function candlesOf(trades: readonly Trade[], step: number): Candle[] {
  const byBucket = new Map<number, Candle>();
  for (const [t, p, q] of [...trades].sort((a, b) => a[0] - b[0])) {
    const b = Math.floor(t / step) * step;
    const c = byBucket.get(b);
    if (c === undefined) byBucket.set(b, { t: b, o: p, h: p, l: p, c: p, v: q });
    else {
      c.h = Math.max(c.h, p);
      c.l = Math.min(c.l, p);
      c.c = p;
      c.v = c.v! + q;
    }
  }
  return [...byBucket.values()].sort((a, b) => a.t - b.t);
}

/** freqtrade's file read plainly: [timestamp_ms, id, type, side, price, amount, cost] per trade. */
function freqtradeTrades(): Trade[] {
  const items = JSON.parse(gunzipSync(readFileSync(FREQTRADE_ABS)).toString('utf8')) as [number, string, null, string, number, number, number][];
  return items.map(([t, , , , p, q]) => [t, p, q]);
}

function stored(dataDir: string, key: SeriesKey): Candle[] {
  const journal = openJournal(journalPath(dataDir), { readonly: true });
  try {
    return new CandleStore(journal.db).read(key);
  } finally {
    journal.close();
  }
}

const iso = (t: number) => new Date(t).toISOString();

function expectSameCandle(got: Candle | undefined, want: Candle): void {
  expect(got).toBeDefined();
  const { v, ...prices } = got!;
  const { v: wantV, ...wantPrices } = want;
  expect(prices).toEqual(wantPrices);
  expect(v).toBeCloseTo(wantV!, 9);
}

interface Report {
  symbol: string;
  timeframe: string;
  source: string;
  metrics: { bars: number; from: number; to: number; finalEquity: number; trades: number };
  notes: string[];
  equity: [number, number][];
}

describe('a file of trades', () => {
  it('runs keel backtest --data on freqtrade trades as 5m candles', () => {
    const trades = freqtradeTrades();
    expect(trades).toHaveLength(12_477);
    const want = candlesOf(trades, 5 * MIN);
    const json = path.join(dir, 'xrp.json');
    const r = keel(['backtest', '--strategy', 'sma-cross', '--params', 'fast=10,slow=30', '--data', FREQTRADE, '--timeframe', '5m', '--json', json]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      `backtest: ${want.length.toLocaleString('en-US')} 5m candles of XRP/ETH (read from the file name; --symbol sets it) from ${FREQTRADE_ABS} (json.gz: freqtrade trades, 12,477 trades into 5m candles)`,
    );
    // The account holds ETH, and the command says so: the summary's money is in ETH.
    expect(r.err).toContain('backtest: a run of XRP/ETH holds 10,000 ETH, what it is quoted in');
    expect(r.out).toMatch(/sma-cross\(fast=10,slow=30\) moderate/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    expect(report.symbol).toBe('XRP/ETH');
    expect(report.timeframe).toBe('5m');
    expect(report.metrics.bars).toBe(want.length);
    expect(report.equity).toHaveLength(want.length);
    expect(report.equity[0]![0]).toBe(want[0]!.t);
    expect(report.equity.at(-1)![0]).toBe(want.at(-1)!.t);
    expect(report.metrics.from).toBe(want[0]!.t);
    expect(iso(want[0]!.t)).toBe('2019-10-11T00:00:00.000Z');
    expect(report.metrics.finalEquity).toBeGreaterThan(0);
    // The account holds ETH, what XRP/ETH is quoted in: the strategy trades (a USDT account could buy none).
    expect(report.metrics.trades).toBeGreaterThan(5);
    expect(report.notes.join('\n')).not.toMatch(/quoted in/);
  });

  it('says a backtest without --timeframe reads trades as 1m candles', () => {
    const want = candlesOf(freqtradeTrades(), MIN);
    const r = keel(['backtest', '--strategy', 'sma-cross', '--data', FREQTRADE, '--symbol', 'XRP/USDT']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`backtest: ${want.length.toLocaleString('en-US')} 1m candles of XRP/USDT from ${FREQTRADE_ABS} (json.gz: freqtrade trades, 12,477 trades into 1m candles, as no --timeframe was given)`);
  });

  it('stores freqtrade trades as 1m candles with keel import', () => {
    const want = candlesOf(freqtradeTrades(), MIN);
    const dataDir = path.join(dir, 'import-freqtrade');
    const r = keel(['import', FREQTRADE, '--symbol', 'XRP/ETH', '--timeframe', '1m', '--data-dir', dataDir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(
      `stored ${want.length.toLocaleString('en-US')} candles of local:XRP/ETH:1m from ${iso(want[0]!.t)} to ${iso(want.at(-1)!.t)} (json.gz: freqtrade trades, 12,477 trades into 1m candles)`,
    );
    const got = stored(dataDir, { exchange: 'local', symbol: 'XRP/ETH', timeframe: '1m' });
    expect(got).toHaveLength(want.length);
    expect(got.map((c) => c.t)).toEqual(want.map((c) => c.t));
    // The first and last minutes, and the busiest one.
    const busiest = want.reduce((a, b) => (b.v! > a.v! ? b : a));
    for (const c of [want[0]!, want[1]!, busiest, want.at(-1)!]) expectSameCandle(got.find((g) => g.t === c.t), c);
  });

  it('reads a Binance trades dump: keel backtest at 1m, keel import at 15m', () => {
    // Six hours of BTCUSDT trades, a random walk, now and then a quiet stretch of a few minutes with none.
    const t0 = Date.UTC(2024, 2, 1);
    let seed = 7;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const trades: Trade[] = [];
    let price = 62_000;
    for (let t = t0 + 250; t < t0 + 360 * MIN; t += Math.floor(rand() * 20_000) + (rand() < 0.01 ? 4 * MIN : 0)) {
      price = Math.round((price * (1 + (rand() - 0.5) / 500)) * 100) / 100;
      trades.push([t, price, Math.round(rand() * 1e5) / 1e5]);
    }
    const lines = trades.map(([t, p, q], i) => `${3_000_000 + i},${p.toFixed(2)},${q.toFixed(5)},${(p * q).toFixed(7)},${t},${rand() < 0.5 ? 'True' : 'False'},True`);
    const file = path.join(dir, 'BTCUSDT-trades-2024-03-01.csv');
    writeFileSync(file, `id,price,qty,quote_qty,time,is_buyer_maker,is_best_match\n${lines.join('\n')}\n`);
    const n = trades.length.toLocaleString('en-US');

    const minutes = candlesOf(trades, MIN);
    expect(minutes.length).toBeLessThan(360); // the quiet stretches leave minutes without a candle
    const r = keel(['backtest', '--strategy', 'sma-cross', '--params', 'fast=5,slow=20', '--data', file, '--json', path.join(dir, 'btc.json')]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`backtest: ${minutes.length} 1m candles of BTC/USDT (read from the file name; --symbol sets it) from ${file} (csv: trades of time,price,qty, ${n} trades into 1m candles; 4 other columns ignored; time in epoch ms, as no --timeframe was given)`);
    const report = JSON.parse(readFileSync(path.join(dir, 'btc.json'), 'utf8')) as Report;
    expect(report.equity.map(([t]) => t)).toEqual(minutes.map((c) => c.t));

    const quarters = candlesOf(trades, 15 * MIN);
    const dataDir = path.join(dir, 'import-binance');
    const imported = keel(['import', file, '--symbol', 'BTC/USDT', '--timeframe', '15m', '--data-dir', dataDir]);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain(`stored ${quarters.length} candles of local:BTC/USDT:15m`);
    const got = stored(dataDir, { exchange: 'local', symbol: 'BTC/USDT', timeframe: '15m' });
    expect(got).toHaveLength(quarters.length);
    quarters.forEach((c, i) => expectSameCandle(got[i], c));
  });

  it('stops keel import at a bad trade, naming the item', () => {
    const file = path.join(dir, 'bad-trades.json');
    writeFileSync(file, JSON.stringify([[1_570_752_011_620, '1', null, 'sell', 0.0014, 23, 0.03], [1_570_752_017_964, '2', null, 'buy', 'n/a', 8, 0.01]]));
    const r = keel(['import', file, '--symbol', 'XRP/ETH', '--timeframe', '1m', '--data-dir', path.join(dir, 'bad')]);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe(`keel import: ${file} item 2 (index 1): price "n/a" is not a number above 0`);
  });
});
