// A timeframe the journal does not hold, rolled up from a shorter one it does (series-source.ts): with only
// 1m candles imported, the app runs sma-cross on 1h with the numbers `keel backtest --symbol --timeframe 1h`
// gives over the same journal, and both give those of the 1h candles `keel export` writes from them and
// `keel import` stores, warm-up included. A trade's window reads the same bars; a 15m detail is made from
// the 1m candles too; a market with nothing shorter stored is refused, naming what is stored.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventWaiter, openBridgeSession, type BridgeSession } from '../helpers/bridge-session.ts';
import { KEEL_BIN, REPO_ROOT } from '../helpers/keel-serve.ts';

const next = eventWaiter(60_000);
const MINUTES = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'binanceus_BTCUSDT_1m_20230301_20230321.csv');
const FROM = Date.UTC(2023, 2, 4);
const TO = Date.UTC(2023, 2, 18);
const HOURS = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' } as const;

let bridge: BridgeSession;

beforeAll(async () => {
  bridge = await openBridgeSession({ name: 'resampled', candles: { file: MINUTES, symbol: 'BTC/USDT', timeframe: '1m' } });
}, 60_000);

afterAll(async () => {
  expect(await bridge?.close()).toBe(0);
});

type CliRun = { metrics: Record<string, number | null>; fills: unknown[]; leadIn: number; notes: string[]; source: string };

/** keel backtest --json over `dataDir` (sma-cross 5/20, aggressive, the range above) on its BTC/USDT 1h. */
function cli(dataDir: string, name: string, extra: string[] = []): CliRun {
  const file = path.join(bridge.dir, name);
  execFileSync(process.execPath, [KEEL_BIN, 'backtest', '--strategy', 'sma-cross', '--params', 'fast=5,slow=20', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', String(FROM), '--to', String(TO), '--mode', 'aggressive', '--capital', '25000', '--fee', '0.1', '--data-dir', dataDir, '--json', file, ...extra], { cwd: REPO_ROOT, stdio: 'ignore' });
  return JSON.parse(readFileSync(file, 'utf8')) as CliRun;
}

const REQUEST = { strategy: 'sma-cross', params: { fast: 5, slow: 20 }, series: HOURS, from: FROM, to: TO, mode: 'aggressive' as const, capital: 25_000, feePct: 0.1, monteCarlo: 0 };

describe('a run on a timeframe made from shorter stored candles', () => {
  it('gives the numbers of the same candles stored at that timeframe, in the app and keel backtest alike', async () => {
    const client = bridge.client;
    expect((await client.commands['market.series']({})).series.map((s) => s.timeframe)).toEqual(['1m']);
    const done = next(client, 'backtest.done', (d) => d.runId === runId);
    const { runId } = await client.commands['backtest.run'](REQUEST);
    expect(await done).toMatchObject({ status: 'done', error: null });
    const app = await client.commands['backtest.result']({ runId });

    const fromMinutes = cli(bridge.dataDir, 'from-minutes.json');
    expect(fromMinutes.source).toBe('local:BTC/USDT:1h (resampled from 1m)');
    // The same bars stored as 1h: written by keel export (itself resampled from the 1m), imported into a journal of their own.
    const hourly = path.join(bridge.dir, 'hourly.csv');
    const hoursDir = path.join(bridge.dir, 'hours');
    execFileSync(process.execPath, [KEEL_BIN, 'export', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--out', hourly, '--data-dir', bridge.dataDir], { cwd: REPO_ROOT, stdio: 'ignore' });
    execFileSync(process.execPath, [KEEL_BIN, 'import', hourly, '--symbol', 'BTC/USDT', '--timeframe', '1h', '--data-dir', hoursDir], { cwd: REPO_ROOT, stdio: 'ignore' });
    const stored = cli(hoursDir, 'stored-hours.json');
    expect(stored.source).toBe('local:BTC/USDT:1h');

    expect(fromMinutes.fills.length).toBeGreaterThan(10);
    expect(fromMinutes.fills).toEqual(stored.fills);
    expect(fromMinutes.metrics).toEqual(stored.metrics);
    expect(fromMinutes.leadIn).toBe(20);
    expect(stored.leadIn).toBe(20);
    expect(app.fills).toEqual(stored.fills);
    expect(app.metrics).toEqual(stored.metrics);
    expect(app.leadIn).toBe(20);

    // A trade's bars, read again for its window: whole hours, from the same 1m candles.
    const trade = app.trades.find((t) => t.closed)!;
    const w = await client.commands['backtest.window']({ runId, from: trade.entryTs, to: trade.exitTs });
    expect(w.candles.length).toBe((trade.exitTs - trade.entryTs) / 3_600_000 + 1);
    expect(w.candles.find(([t]) => t === trade.entryTs)![1]).toBe(trade.entryPrice);
  }, 120_000);

  it('makes a detail timeframe from them too, and refuses a market with nothing shorter stored', async () => {
    const client = bridge.client;
    const done = next(client, 'backtest.done', (d) => d.runId === runId);
    const { runId } = await client.commands['backtest.run']({ ...REQUEST, detail: '15m' });
    expect(await done).toMatchObject({ status: 'done', error: null });
    const app = await client.commands['backtest.result']({ runId });
    const cliRun = cli(bridge.dataDir, 'detail.json', ['--detail', '15m']);
    expect(app.fills).toEqual(cliRun.fills);
    expect(app.metrics).toEqual(cliRun.metrics);

    await expect(client.commands['backtest.run']({ ...REQUEST, series: { ...HOURS, symbol: 'ETH/USDT' } })).rejects.toThrow(
      'no candles stored for local:ETH/USDT:1h nor of a shorter timeframe to resample from; stored series: local:BTC/USDT:1m',
    );
  }, 120_000);
});
