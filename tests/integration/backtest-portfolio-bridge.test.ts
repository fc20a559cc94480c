// A portfolio backtest through the real bridge (`keel serve` child, WebSocket client), as the backtest page
// starts one: sma-cross on BTC/USDT and ETH/USDT 1h from one account, BTC's stored history starting five
// months after ETH's (a market listed later). The run's figures (weighted 1:3 too), each market's part
// and the saved reports are what `keel backtest --symbol BTC/USDT,ETH/USDT --portfolio` gives for the same
// journal; a parameter search and a walk-forward over the portfolio score and pick what `keel backtest
// --portfolio --optimize` does; with 1m detail each market fills inside its hours on its own minutes, as
// `keel backtest --portfolio --detail 1m` does; what a portfolio cannot be (another timeframe, a market
// twice, one not stored) is refused before anything starts, saying what is valid.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../shared/bridge/client.ts';
import { eventWaiter, openBridgeSession, type BridgeSession } from '../helpers/bridge-session.ts';
import { KEEL_BIN, REPO_ROOT } from '../helpers/keel-serve.ts';
import { FILE, FROM, SERIES, TO } from '../helpers/btc-1h-bridge.ts';
import { BTC_1M, ETH_1H } from '../helpers/keel-cli.ts';

const next = eventWaiter(120_000);
/** BTC/USDT is stored from here on only: the run's own market has fewer bars than the portfolio's timeline. */
const BTC_LISTED = Date.UTC(2021, 5, 1);
const btcFromJune = () => {
  const [head, ...rows] = readFileSync(FILE, 'utf8').trim().split('\n');
  return [head, ...rows.filter((r) => Number(r.slice(0, r.indexOf(','))) >= BTC_LISTED)].join('\n');
};
const ETH = { exchange: 'local', symbol: 'ETH/USDT', timeframe: '1h' } as const;
/** ETH's minutes: the BTC minute file scaled to ETH's price of the time (March 2023), so the two markets' minutes differ. */
const ethMinutes = () => {
  const [head, ...rows] = readFileSync(BTC_1M, 'utf8').trim().split('\n');
  return [head, ...rows.map((l) => l.split(',').map((v, i) => (i >= 1 && i <= 4 ? (Number(v) * 0.0705).toFixed(4) : v)).join(','))].join('\n') + '\n';
};

interface CliDoc {
  symbol: string;
  source: string;
  metrics: Record<string, number | null>;
  fills: { symbol?: string }[];
  trades: { symbol?: string }[];
  portfolio: { markets: { symbol: string; weight: number; bars: number; fills: number; trades: number; pnl: number; buyHoldReturnPct: number | null; leadIn: number }[] };
}

/** Three weeks of made-up XRP hours (March 2023) and no minutes: a market a portfolio with 1m detail cannot take. */
const xrpHours = () => {
  const rows = Array.from({ length: 24 * 21 }, (_, i) => {
    const p = (0.38 + 0.01 * Math.sin(i / 9)).toFixed(4);
    return `${Date.UTC(2023, 2, 1) + i * 3_600_000},${p},${p},${p},${p},1000`;
  });
  return ['open_time_ms,open,high,low,close,volume', ...rows].join('\n') + '\n';
};

let bridge: BridgeSession;
let client: BridgeClient;

beforeAll(async () => {
  bridge = await openBridgeSession({
    name: 'backtest-portfolio',
    candles: [
      { csv: btcFromJune(), symbol: 'BTC/USDT', timeframe: '1h' },
      { file: ETH_1H, symbol: 'ETH/USDT', timeframe: '1h' },
      { file: BTC_1M, symbol: 'BTC/USDT', timeframe: '1m' },
      { csv: ethMinutes(), symbol: 'ETH/USDT', timeframe: '1m' },
      { csv: xrpHours(), symbol: 'XRP/USDT', timeframe: '1h' },
    ],
  });
  client = bridge.client;
}, 90_000);

afterAll(async () => {
  await bridge?.close();
});

/** `keel backtest --portfolio` over the bridge's journal for the run below (over FROM..TO unless told). */
function cliDoc(extra: string[], range: readonly [number, number] = [FROM, TO]): CliDoc {
  const file = path.join(bridge.dir, 'portfolio.json');
  execFileSync(process.execPath, [KEEL_BIN, 'backtest', '--strategy', 'sma-cross', '--params', 'fast=12,slow=40', '--symbol', 'BTC/USDT,ETH/USDT', '--timeframe', '1h', '--portfolio', '--from', String(range[0]), '--to', String(range[1]), '--mode', 'aggressive', '--capital', '20000', '--fee', '0.1', '--data-dir', bridge.dataDir, '--json', file, ...extra], { cwd: REPO_ROOT, stdio: 'ignore' });
  return JSON.parse(readFileSync(file, 'utf8')) as CliDoc;
}

const request = { strategy: 'sma-cross', params: { fast: 12, slow: 40 }, series: SERIES, portfolio: [ETH], from: FROM, to: TO, mode: 'aggressive' as const, capital: 20_000, feePct: 0.1, monteCarlo: 200, seed: 4 };
/** The run above as a search's base: a search draws no Monte Carlo bands. */
const { monteCarlo: _, ...searchBase } = request;

describe('a portfolio backtest over the bridge', () => {
  it("trades both markets from one account with keel backtest --portfolio's figures, each market's part and the whole report", async () => {
    const progress: number[] = [];
    let runId = '';
    const off = client.events['backtest.progress']((p) => {
      if (p.runId === runId) progress.push(p.done / p.total);
    });
    try {
      const done = next(client, 'backtest.done', (d) => d.runId === runId);
      runId = (await client.commands['backtest.run'](request)).runId;
      expect(await done).toMatchObject({ status: 'done', progress: 1 });
    } finally {
      off();
    }
    expect(progress.length).toBeGreaterThan(0);
    const result = await client.commands['backtest.result']({ runId });
    const html = path.join(bridge.dir, 'portfolio.html');
    const cli = cliDoc(['--monte-carlo', '200', '--seed', '4', '--html', html]);

    expect(result.request.portfolio).toEqual([ETH]);
    expect(result.metrics).toEqual(cli.metrics);
    // One account, two markets: each market's bars, fills, trades, P&L and lead-in as the CLI lists them, and its price line.
    expect(result.markets.map(({ price: _, indicators: __, ...m }) => m)).toEqual(cli.portfolio.markets);
    expect(result.markets.map((m) => m.price.length > 100)).toEqual([true, true]);
    // Each market's chart carries the strategy's averages over that market's own closes (not the other's), at its price line's points.
    for (const m of result.markets) {
      expect(m.indicators?.map((c) => c.label)).toEqual(['SMA 12', 'SMA 40']);
      const closes = new Map(m.price);
      for (const c of m.indicators!) {
        // An average strays from the close in a crash (ETH's of May 2021 by a third), but not for long: its median ratio to the close is about 1.
        const ratios = c.points.map(([t, v]) => v / closes.get(t)!).sort((a, b) => a - b);
        expect(Math.abs(ratios[ratios.length >> 1]! - 1)).toBeLessThan(0.02);
      }
    }
    // Each market's line over its own bars: BTC from its listing, ETH from the run's start; the run's price line is its first market's.
    expect(result.markets.map((m) => m.price[0]![0])).toEqual([BTC_LISTED, FROM]);
    expect(result.price).toEqual(result.markets[0]!.price);
    expect(result.markets.every((m) => m.price.every(([, c]) => c > 0))).toBe(true);
    expect(new Set(result.fills.map((f) => f.symbol))).toEqual(new Set(['BTC/USDT', 'ETH/USDT']));
    expect(result.tradeCount).toBe(cli.trades.length);
    expect(result.trades.map((t) => t.symbol)).toEqual(cli.trades.slice(0, result.trades.length).map((t) => t.symbol));
    // The benchmark is the equal-weight basket bought with the capital at the first open, as a curve (its value at each close).
    expect(Math.abs(result.basket[0]![1] / 20_000 - 1)).toBeLessThan(0.05);
    // At the equity line's points, so the chart draws both on one set of times.
    expect(result.basket.map(([t]) => t)).toEqual(result.equity.map(([t]) => t));
    const basketEnd = result.basket.at(-1)![1];
    expect((basketEnd / 20_000 - 1) * 100).toBeCloseTo(cli.metrics['buyHoldReturnPct']!, 6);

    // The saved reports are the CLI's, byte for byte (the JSON once parsed).
    const json = await client.commands['backtest.report']({ runId, format: 'json' });
    expect(json.fileName).toBe(`keel-${runId}-sma-cross-fast12-slow40-BTCUSDT+ETHUSDT-1h-aggressive.json`);
    expect(JSON.parse(json.content)).toEqual(cli);
    expect(cli.source).toBe('local:BTC/USDT:1h; local:ETH/USDT:1h');
    const page = await client.commands['backtest.report']({ runId, format: 'html' });
    expect(page.content).toBe(readFileSync(html, 'utf8'));
    expect(page.content).toContain('Portfolio (2 markets, one account)');
    expect(page.content).toContain('Price and trades: ETH/USDT');
  }, 180_000);

  it('fills inside each market\'s hours on its own minutes, as keel backtest --portfolio --detail 1m does', async () => {
    const range = [Date.UTC(2023, 2, 2), Date.UTC(2023, 2, 20)] as const;
    const fine = { ...request, from: range[0], to: range[1], detail: '1m' as const, stopLossPct: 1, monteCarlo: 0 };
    let runId = '';
    const done = next(client, 'backtest.done', (d) => d.runId === runId);
    runId = (await client.commands['backtest.run'](fine)).runId;
    expect(await done).toMatchObject({ status: 'done' });
    const result = await client.commands['backtest.result']({ runId });
    const cli = cliDoc(['--detail', '1m', '--stop-loss', '1'], range);
    expect(cli.source).toBe('local:BTC/USDT:1h; local:ETH/USDT:1h, fills inside bars from 1m detail');
    expect(result.metrics).toEqual(cli.metrics);
    expect(result.markets.map(({ price: _, indicators: __, ...m }) => m)).toEqual(cli.portfolio.markets);
    // Both markets' stop-losses filled at minutes inside their hours.
    const stops = result.fills.filter((f) => f.exit === 'stop-loss');
    expect(new Set(stops.map((f) => f.symbol))).toEqual(new Set(['BTC/USDT', 'ETH/USDT']));
    expect(stops.every((f) => f.ts % 3_600_000 !== 0)).toBe(true);
    expect(result.notes.some((n) => n.startsWith('ETH/USDT: the 1m detail'))).toBe(true);
    const json = await client.commands['backtest.report']({ runId, format: 'json' });
    expect(JSON.parse(json.content)).toEqual(cli);
    // A market of the portfolio with no minutes stored is refused, naming it and what it has.
    const XRP = { exchange: 'local', symbol: 'XRP/USDT', timeframe: '1h' } as const;
    await expect(client.commands['backtest.run']({ ...fine, portfolio: [ETH, XRP] })).rejects.toThrow('no 1m candles of XRP/USDT on local are stored for the detail, nor shorter ones to make them from; no finer series of XRP/USDT on local is stored (import 1m candles, or choose no detail)');
  }, 120_000);

  it('splits the account by its weights as keel backtest --portfolio --weights does', async () => {
    const weighted = { ...request, weights: [1, 3], monteCarlo: 0 };
    let runId = '';
    const done = next(client, 'backtest.done', (d) => d.runId === runId);
    runId = (await client.commands['backtest.run'](weighted)).runId;
    expect(await done).toMatchObject({ status: 'done' });
    const result = await client.commands['backtest.result']({ runId });
    const cli = cliDoc(['--weights', '1,3']);
    expect(result.request.weights).toEqual([1, 3]);
    expect(result.markets.map((m) => m.weight)).toEqual([0.25, 0.75]);
    expect(result.metrics).toEqual(cli.metrics);
    expect(result.markets.map(({ price: _, indicators: __, ...m }) => m)).toEqual(cli.portfolio.markets);
    // Not the even split's run: the weights moved money.
    const even = (await client.commands['backtest.list']({})).runs.find((r) => r.request.weights.length === 0 && r.status === 'done')!;
    expect(result.metrics!['finalEquity']).not.toBe(even.metrics!['finalEquity']);
  }, 180_000);

  it('refuses what a portfolio cannot be before anything starts, saying what is valid', async () => {
    const before = (await client.commands['backtest.list']({})).runs.length;
    await expect(client.commands['backtest.run']({ ...request, portfolio: [{ ...ETH, timeframe: '4h' }] })).rejects.toThrow(
      "a portfolio's markets share one timeframe: local:ETH/USDT:4h is 4h, the run's local:BTC/USDT:1h is 1h",
    );
    await expect(client.commands['backtest.run']({ ...request, portfolio: [ETH, ETH] })).rejects.toThrow('ETH/USDT is in the portfolio twice; a portfolio holds each market once');
    await expect(client.commands['backtest.run']({ ...request, portfolio: [SERIES] })).rejects.toThrow('BTC/USDT is in the portfolio twice');
    await expect(client.commands['backtest.run']({ ...request, portfolio: [{ ...ETH, symbol: 'SOL/USDT' }] })).rejects.toThrow(
      'no candles stored for local:SOL/USDT:1h nor of a shorter timeframe to resample from; stored series: local:BTC/USDT:1h, local:BTC/USDT:1m, local:ETH/USDT:1h, local:ETH/USDT:1m, local:XRP/USDT:1h',
    );
    const eight = Array.from({ length: 8 }, (_, i) => ({ ...ETH, symbol: `C${i}/USDT` }));
    await expect(client.commands['backtest.run']({ ...request, portfolio: eight })).rejects.toThrow('a portfolio trades at most 8 markets');
    await expect(client.commands['backtest.runMany']({ runs: [request, { ...request, portfolio: [{ ...ETH, timeframe: '4h' }] }] })).rejects.toThrow(/^run 2 of 2 \(sma-cross · aggressive\): a portfolio's markets share one timeframe.*; none started$/);
    await expect(client.commands['backtest.run']({ ...request, weights: [1] })).rejects.toThrow('weights: give one for each of the 2 markets (BTC/USDT, ETH/USDT), in that order; got 1');
    await expect(client.commands['backtest.run']({ ...request, portfolio: [], weights: [1] })).rejects.toThrow('weights split a portfolio among its markets; a run of one market takes none');
    await expect(client.commands['backtest.run']({ ...request, weights: [1, 0] })).rejects.toThrow(/weights\.1: .*a number above 0/);
    // A search checks its portfolio as a run does.
    await expect(client.commands['backtest.optimize']({ ...searchBase, portfolio: [ETH, ETH], ranges: 'fast=5:10:5' })).rejects.toThrow('ETH/USDT is in the portfolio twice');
    expect((await client.commands['backtest.list']({})).runs.length).toBe(before);
  });

  it('searches and walks forward over the portfolio as keel backtest --portfolio --optimize does', async () => {
    const search = { ...searchBase, params: {}, ranges: 'fast=8|12,slow=30|40', method: 'grid' as const, objective: 'sharpe' as const, holdoutPct: 25 };
    const cliSearch = (extra: string[]) => {
      const file = path.join(bridge.dir, 'portfolio-search.json');
      execFileSync(process.execPath, [KEEL_BIN, 'backtest', '--strategy', 'sma-cross', '--symbol', 'BTC/USDT,ETH/USDT', '--timeframe', '1h', '--portfolio', '--from', String(FROM), '--to', String(TO), '--mode', 'aggressive', '--capital', '20000', '--fee', '0.1', '--data-dir', bridge.dataDir, '--optimize', 'grid', '--grid', 'fast=8|12,slow=30|40', '--objective', 'sharpe', '--workers', '0', '--json', file, ...extra], { cwd: REPO_ROOT, stdio: 'ignore' });
      return JSON.parse(readFileSync(file, 'utf8')) as { optimization: { ranked: { params: Record<string, number>; score: number | null }[]; outOfSample: { metrics: Record<string, number | null> } }; walkForward: { folds: { params: Record<string, number>; outOfSampleMetrics: Record<string, number | null> }[]; outOfSampleReturnPct: number } };
    };

    let done = next(client, 'backtest.optimized', () => true);
    const { runId } = await client.commands['backtest.optimize'](search);
    expect(await done).toMatchObject({ runId, status: 'done', request: { portfolio: [ETH] } });
    const held = await client.commands['backtest.optimization']({ runId });
    const cli = cliSearch(['--holdout', '25']).optimization;
    expect(held.sets.map((x) => x.params)).toEqual(cli.ranked.map((x) => x.params));
    expect(held.sets.map((x) => x.score)).toEqual(cli.ranked.map((x) => x.score));
    expect(held.outOfSample!.metrics).toEqual(cli.outOfSample.metrics);
    // The held-out dates are the portfolio's last quarter: ETH's timeline, which starts before BTC's.
    expect(held.inSample!.from).toBe(FROM);
    expect(held.outOfSample!.to).toBe(TO);

    done = next(client, 'backtest.optimized', () => true);
    const walk = await client.commands['backtest.optimize']({ ...search, walkForward: { folds: 3, isRatio: 2 } });
    expect(await done).toMatchObject({ runId: walk.runId, status: 'done' });
    const wf = (await client.commands['backtest.optimization']({ runId: walk.runId })).walkForward!;
    const cliWalk = cliSearch(['--walk-forward', '3', '--is-ratio', '2']).walkForward;
    expect(wf.folds.map((f) => [f.params, f.outOfSampleMetrics])).toEqual(cliWalk.folds.map((f) => [f.params, f.outOfSampleMetrics]));
    expect(wf.outOfSampleReturnPct).toBe(cliWalk.outOfSampleReturnPct);
    // The first fold's in-sample stretch starts before BTC was listed: the folds cut the shared timeline.
    expect(wf.folds[0]!.inSample.from).toBeLessThan(BTC_LISTED);
  }, 180_000);
});
