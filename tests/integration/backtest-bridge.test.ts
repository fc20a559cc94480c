// Backtests through the real bridge (`keel serve` child, WebSocket client): the strategies and their
// parameters, a run in a worker thread with progress and done events while the engine keeps answering,
// the same numbers as `keel backtest --json` for the same request, refusals that say what is valid,
// cancellation, and the list.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../shared/bridge/client.ts';
import { KeelError } from '../../shared/contract/index.ts';
import { eventWaiter, openBridgeSession, type BridgeSession } from '../helpers/bridge-session.ts';
import { KEEL_BIN, REPO_ROOT } from '../helpers/keel-serve.ts';

const FILE = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv');
const SERIES = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' } as const;
const FROM = Date.UTC(2021, 0, 1);
const TO = Date.UTC(2022, 11, 31, 23);
const next = eventWaiter(60_000);

let bridge: BridgeSession;
let client: BridgeClient;

beforeAll(async () => {
  bridge = await openBridgeSession({ name: 'backtest-bridge', candles: { file: FILE, symbol: 'BTC/USDT', timeframe: '1h' } });
  client = bridge.client;
}, 60_000);

afterAll(async () => {
  await bridge?.close();
});

describe('backtests over the bridge', () => {
  it('lists the strategies with their parameters and the risk modes', async () => {
    const r = await client.commands['backtest.strategies']({});
    expect(r.strategies.map((s) => s.name)).toEqual(['sma-cross', 'ema-cross', 'rsi-reversion', 'bollinger-reversion', 'donchian-breakout', 'ai-assisted']);
    expect(r.strategies[0]!.params).toEqual([
      { name: 'fast', type: 'int', default: 10, min: 1, max: 1000, step: 1, description: 'fast SMA period (bars)' },
      { name: 'slow', type: 'int', default: 30, min: 2, max: 5000, step: 1, description: 'slow SMA period (bars)' },
    ]);
    expect(r.modes).toEqual(['conservative', 'moderate', 'aggressive', 'custom']);
  });

  it('runs in a worker with progress and gives the same numbers as keel backtest --json', async () => {
    const request = { strategy: 'sma-cross', params: { fast: 12, slow: 40 }, series: SERIES, from: FROM, to: TO, mode: 'conservative' as const, capital: 25_000, feePct: 0.1 };
    const done = next(client, 'backtest.done', () => true);
    const { runId } = await client.commands['backtest.run'](request);
    // The engine keeps answering while the run goes on.
    expect((await client.commands['app.info']({})).version).toBeTruthy();
    const end = await done;
    expect(end).toMatchObject({ runId, status: 'done', progress: 1 });
    const result = await client.commands['backtest.result']({ runId });
    execFileSync(process.execPath, [KEEL_BIN, 'backtest', '--strategy', 'sma-cross', '--params', 'fast=12,slow=40', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', String(FROM), '--to', String(TO), '--mode', 'conservative', '--capital', '25000', '--fee', '0.1', '--data-dir', bridge.dataDir, '--json', path.join(bridge.dir, 'cli.json')], { cwd: REPO_ROOT, stdio: 'ignore' });
    const cli = JSON.parse(readFileSync(path.join(bridge.dir, 'cli.json'), 'utf8')) as { metrics: Record<string, number | null>; fills: unknown[]; equity: [number, number][]; trades: unknown[]; notes: string[]; halts: { from: number; to: number | null; reason: string }[] };
    expect(result.metrics).toEqual(cli.metrics);
    expect(result.fills).toEqual(cli.fills);
    // The round trips and the notes the page lists are the report's.
    expect(result.trades.length).toBeGreaterThan(10);
    expect(result.trades).toEqual(cli.trades);
    expect(result.tradeCount).toBe(cli.trades.length);
    expect(result.notes).toEqual(cli.notes);
    // Conservative mode's 20 % drawdown limit stops this run in 2021: the halt the equity chart marks.
    expect(cli.halts.length).toBeGreaterThan(0);
    expect(cli.halts.at(-1)).toMatchObject({ to: null, reason: expect.stringMatching(/drawdown/) });
    expect(result.halts).toEqual(cli.halts);
    expect(result.equity[0]).toEqual(cli.equity[0]);
    expect(result.equity[result.equity.length - 1]).toEqual(cli.equity[cli.equity.length - 1]);
    expect(result.drawdown.length).toBeGreaterThan(100);
    const list = await client.commands['backtest.list']({});
    expect(list.runs.map((r) => r.runId)).toContain(runId);
  }, 120_000);

  it('refuses a bad request with what is valid', async () => {
    const base = { strategy: 'sma-cross', params: {}, series: SERIES };
    await expect(client.commands['backtest.run']({ ...base, strategy: 'nope' })).rejects.toThrow(/unknown strategy "nope"; strategies: sma-cross/);
    await expect(client.commands['backtest.run']({ ...base, params: { fats: 3 } })).rejects.toThrow(/no parameter "fats"; its parameters: fast/);
    await expect(client.commands['backtest.run']({ ...base, series: { ...SERIES, timeframe: '5m' } })).rejects.toThrow(/no candles stored for local:BTC\/USDT:5m; stored series: local:BTC\/USDT:1h/);
    await expect(client.commands['backtest.run']({ ...base, from: Date.UTC(2030, 0, 1) })).rejects.toThrow(/no candles of local:BTC\/USDT:1h from 2030-01-01T00:00:00Z/);
    const err = await client.commands['backtest.result']({ runId: 'bt-999' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeelError);
    expect((err as KeelError).code).toBe('not_found');
  });

  it('cancels a running backtest', async () => {
    const done = next(client, 'backtest.done', () => true);
    // Every bar of the series, the slowest strategy to run: long enough to cancel.
    const { runId } = await client.commands['backtest.run']({ strategy: 'bollinger-reversion', params: {}, series: SERIES });
    await client.commands['backtest.cancel']({ runId });
    const end = await done;
    expect(end.runId).toBe(runId);
    expect(['cancelled', 'done']).toContain(end.status);
  }, 60_000);
});
