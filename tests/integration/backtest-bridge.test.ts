// Backtests through the real bridge (`keel serve` child, WebSocket client): the strategies and their
// parameters, a run in a worker thread with progress and done events while the engine keeps answering,
// the same numbers as `keel backtest --json` for the same request (the Monte Carlo bands too, seed for
// seed) and the whole report it writes (--json, --html), refusals that say what is valid, cancellation,
// and the list.
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../shared/bridge/client.ts';
import { KeelError } from '../../shared/contract/index.ts';
import { eventWaiter, openBridgeSession, type BridgeSession } from '../helpers/bridge-session.ts';
import { KEEL_BIN, REPO_ROOT } from '../helpers/keel-serve.ts';
import { BTC_1M } from '../helpers/keel-cli.ts';
import { FILE, FROM, SERIES, TO } from '../helpers/btc-1h-bridge.ts';

const next = eventWaiter(60_000);
const HOUR = 3_600_000;

type CliMonteCarlo = { runs: number; trades: number; actual: Record<string, number>; reorder: Record<string, Record<string, number>>; resample: Record<string, Record<string, number>> };

/** `keel backtest --json` over the bridge's journal for the runs below (sma-cross 12/40, conservative, 2021–2022), with `extra` flags. */
function cliJson(name: string, extra: string[]): { metrics: Record<string, number | null>; equity: unknown[]; trades: { closed: boolean }[]; monteCarlo?: CliMonteCarlo } {
  const file = path.join(bridge.dir, name);
  execFileSync(process.execPath, [KEEL_BIN, 'backtest', '--strategy', 'sma-cross', '--params', 'fast=12,slow=40', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', String(FROM), '--to', String(TO), '--mode', 'conservative', '--capital', '25000', '--fee', '0.1', '--data-dir', bridge.dataDir, '--json', file, ...extra], { cwd: REPO_ROOT, stdio: 'ignore' });
  return JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof cliJson>;
}

/** Runs `request` through the bridge to its end; its result and the progress events it sent. */
async function runToEnd(request: Parameters<BridgeClient['commands']['backtest.run']>[0]) {
  const progress: { done: number; total: number }[] = [];
  let runId = '';
  const off = client.events['backtest.progress']((p) => {
    if (p.runId === runId) progress.push({ done: p.done, total: p.total });
  });
  try {
    const done = next(client, 'backtest.done', (d) => d.runId === runId);
    runId = (await client.commands['backtest.run'](request)).runId;
    expect(await done).toMatchObject({ status: 'done', progress: 1 });
    return { result: await client.commands['backtest.result']({ runId }), progress };
  } finally {
    off();
  }
}

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
    // A run from the app has Monte Carlo bands without asking: 1,000 simulations, seed 1, as the CLI's flags write them.
    execFileSync(process.execPath, [KEEL_BIN, 'backtest', '--strategy', 'sma-cross', '--params', 'fast=12,slow=40', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', String(FROM), '--to', String(TO), '--mode', 'conservative', '--capital', '25000', '--fee', '0.1', '--data-dir', bridge.dataDir, '--json', path.join(bridge.dir, 'cli.json'), '--monte-carlo', '1000', '--seed', '1'], { cwd: REPO_ROOT, stdio: 'ignore' });
    const cli = JSON.parse(readFileSync(path.join(bridge.dir, 'cli.json'), 'utf8')) as { leadIn: number; metrics: Record<string, number | null>; fills: unknown[]; equity: [number, number][]; trades: unknown[]; notes: string[]; halts: { from: number; to: number | null; reason: string }[]; monteCarlo: CliMonteCarlo };
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
    // The strategy's averages come with the price line, at its points from their first value on.
    expect(result.indicators?.map((c) => [c.label, c.overlay])).toEqual([
      ['SMA 12', true],
      ['SMA 40', true],
    ]);
    // The slow average's 39-bar warm-up and the bar before (the side the averages were on) are read from the
    // bars before 2021 (as keel backtest reads them), so both lines have a value at every point of the price,
    // its first included.
    expect(result.leadIn).toBe(40);
    expect(cli.leadIn).toBe(40);
    const priceTimes = new Set(result.price.map(([t]) => t));
    for (const c of result.indicators!) {
      expect(c.points.length).toBe(result.price.length);
      expect(c.points.every(([t, v]) => priceTimes.has(t) && Number.isFinite(v))).toBe(true);
    }
    expect(result.request).toMatchObject({ monteCarlo: 1000, seed: 1 });
    expect(cli.monteCarlo.runs).toBe(1000);
    // The JSON writes the seed beside the bands; the app keeps it in the run's request.
    expect({ seed: result.request.seed, ...result.monteCarlo }).toEqual(cli.monteCarlo);
    const list = await client.commands['backtest.list']({});
    expect(list.runs.map((r) => r.runId)).toContain(runId);
  }, 120_000);

  it('puts the Monte Carlo bands of keel backtest --monte-carlo N --seed S on a run, after the run, from every trade', async () => {
    const request = { strategy: 'sma-cross', params: { fast: 12, slow: 40 }, series: SERIES, from: FROM, to: TO, mode: 'conservative' as const, capital: 25_000, feePct: 0.1, monteCarlo: 3000, seed: 7 };
    const { result, progress } = await runToEnd(request);
    const cli = cliJson('mc-7.json', ['--monte-carlo', '3000', '--seed', '7']);
    const closed = cli.trades.filter((t) => t.closed).length;
    expect({ seed: 7, ...result.monteCarlo }).toEqual(cli.monteCarlo);
    expect(result.monteCarlo).toMatchObject({ runs: 3000, trades: closed });
    const mc = result.monteCarlo!;
    // Reordering keeps the return (to rounding); only the drawdown moves. Resampling moves both.
    expect(mc.reorder.returnPct.p95! - mc.reorder.returnPct.p5!).toBeLessThan(1e-9);
    expect(mc.reorder.returnPct.p50).toBeCloseTo(mc.actual.returnPct!, 9);
    expect(mc.reorder.maxDrawdownPct.p95!).toBeGreaterThan(mc.reorder.maxDrawdownPct.p5!);
    expect(mc.resample.returnPct.p95!).toBeGreaterThan(mc.resample.returnPct.p5!);
    // The runs list carries the resampled drawdown's 95th percentile, so the runs table shows it for every run, not only those whose whole result the page loaded.
    const listed = (await client.commands['backtest.list']({})).runs.find((r) => r.runId === result.runId)!;
    expect(listed.mcDrawdownP95).toBe(mc.resample.maxDrawdownPct.p95);
    expect(result.mcDrawdownP95).toBe(mc.resample.maxDrawdownPct.p95);
    // Progress counts the bars, then the simulations: the run's last bar is not the end.
    const bars = cli.equity.length;
    expect(progress.at(-1)).toEqual({ done: bars + 3000, total: bars + 3000 });
    expect(progress.every((p) => p.total === bars + 3000)).toBe(true);

    // The same seed draws the same bands; another seed others, with the run's own figures unchanged.
    expect((await runToEnd(request)).result.monteCarlo).toEqual(mc);
    const other = (await runToEnd({ ...request, seed: 8 })).result.monteCarlo!;
    expect(other).not.toEqual(mc);
    expect(other.actual).toEqual(mc.actual);
    expect({ seed: 8, ...other }).toEqual(cliJson('mc-8.json', ['--monte-carlo', '3000', '--seed', '8']).monteCarlo);

    // No bands: none asked for, or too few closed trades to reorder (one day of 1h bars, fewer than the 40 the slow SMA needs).
    const none = (await runToEnd({ ...request, monteCarlo: 0 })).result;
    expect(none.monteCarlo).toBeNull();
    expect((await client.commands['backtest.list']({})).runs.find((r) => r.runId === none.runId)!.mcDrawdownP95).toBeNull();
    const day = (await runToEnd({ ...request, to: FROM + 23 * 3_600_000 })).result;
    expect(day.trades.filter((t) => t.closed).length).toBeLessThan(2);
    expect(day.monteCarlo).toBeNull();
  }, 120_000);

  it("saves a finished run's whole report: the JSON, the HTML and the trades' CSV keel backtest writes for the same run", async () => {
    const request = { strategy: 'sma-cross', params: { fast: 12, slow: 40 }, series: SERIES, from: FROM, to: TO, mode: 'conservative' as const, capital: 25_000, feePct: 0.1, monteCarlo: 500, seed: 3 };
    const { result } = await runToEnd(request);
    // The run made again for the report tells how far it has got, ending at all of it.
    const progress: { done: number; total: number; format: string }[] = [];
    const off = client.events['backtest.reportProgress']((p) => {
      if (p.runId === result.runId) progress.push(p);
    });
    const json = await client.commands['backtest.report']({ runId: result.runId, format: 'json' });
    off();
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.format === 'json' && p.done <= p.total)).toBe(true);
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    expect(json.fileName).toBe(`keel-${result.runId}-sma-cross-fast12-slow40-BTCUSDT-1h-conservative.json`);
    const html = path.join(bridge.dir, 'report.html');
    const csvFile = path.join(bridge.dir, 'trades.csv');
    const cli = cliJson('report.json', ['--monte-carlo', '500', '--seed', '3', '--html', html, '--trades-csv', csvFile]);
    // Every fill and every bar, not the page's sample: the CLI's document, byte for byte once parsed.
    expect(JSON.parse(json.content)).toEqual(cli);
    expect(cli.equity.length).toBeGreaterThan(result.equity.length);
    const page = await client.commands['backtest.report']({ runId: result.runId, format: 'html' });
    expect(page.fileName).toMatch(/\.html$/);
    expect(page.content).toBe(readFileSync(html, 'utf8'));
    expect(page.content).toContain('Monte Carlo (500 runs of');
    expect(page.content).not.toContain('<script');
    // The trades as CSV: every round trip, the file keel backtest --trades-csv writes.
    const csv = await client.commands['backtest.report']({ runId: result.runId, format: 'csv' });
    expect(csv.fileName).toBe(`keel-${result.runId}-sma-cross-fast12-slow40-BTCUSDT-1h-conservative-trades.csv`);
    expect(csv.content).toBe(readFileSync(csvFile, 'utf8'));
    const rows = csv.content.trim().split('\r\n');
    expect(rows).toHaveLength(cli.trades.length + 1);
    expect(rows[1]!.startsWith('"sma-cross(fast=12,slow=40) conservative",BTC/USDT,1,long,')).toBe(true);

    // A report cancelled while it is being made fails saying so, and the run's report can be asked for again.
    const making = client.commands['backtest.report']({ runId: result.runId, format: 'html' });
    const refused = expect(making).rejects.toThrow('the HTML report was cancelled; nothing was saved');
    expect(await client.commands['backtest.reportCancel']({ runId: result.runId })).toEqual({ cancelled: true });
    await refused;
    expect(await client.commands['backtest.reportCancel']({ runId: result.runId })).toEqual({ cancelled: false });
    expect((await client.commands['backtest.report']({ runId: result.runId, format: 'html' })).content).toBe(page.content);

    // Only a finished run has a report; an unknown one says which runs there are.
    const running = (await client.commands['backtest.run']({ strategy: 'bollinger-reversion', params: {}, series: SERIES })).runId;
    await expect(client.commands['backtest.report']({ runId: running, format: 'html' })).rejects.toThrow(`backtest ${running} is running; a report is made from a finished run`);
    await client.commands['backtest.cancel']({ runId: running });
    await expect(client.commands['backtest.report']({ runId: 'bt-999', format: 'json' })).rejects.toThrow(/no backtest run bt-999/);
    // @ts-expect-error: a format the contract does not have is refused before the engine sees it.
    await expect(client.commands['backtest.report']({ runId: result.runId, format: 'pdf' })).rejects.toThrow(/format/);
  }, 120_000);

  it('re-arms a drawdown kill the given days later as keel backtest --rearm-after does', async () => {
    const request = { strategy: 'sma-cross', params: { fast: 12, slow: 40 }, series: SERIES, from: FROM, to: TO, mode: 'conservative' as const, capital: 25_000, feePct: 0.1, monteCarlo: 0 };
    const stays = (await runToEnd(request)).result;
    const { result } = await runToEnd({ ...request, rearmAfterDays: 5 });
    const cli = cliJson('rearm-5.json', ['--rearm-after', '5']) as ReturnType<typeof cliJson> & { fills: unknown[]; notes: string[]; halts: { from: number; to: number | null; reason: string }[] };
    expect(result.request.rearmAfterDays).toBe(5);
    expect(result.metrics).toEqual(cli.metrics);
    expect(result.fills).toEqual(cli.fills);
    expect(result.halts).toEqual(cli.halts);
    expect(result.notes).toEqual(cli.notes);
    // Left pulled, the run's last halt is its drawdown kill, open to the end; re-armed, that one closes five
    // UTC days after the day it was pulled on, and the strategy trades on.
    const first = stays.halts.at(-1)!;
    expect(first).toMatchObject({ to: null, reason: expect.stringMatching(/drawdown/) });
    const same = result.halts.find((h) => h.from === first.from)!;
    expect(Math.floor((same.to! - 1) / 86_400_000) - Math.floor((first.from - 1) / 86_400_000)).toBe(5);
    expect(result.fills.filter((f) => f.ts > same.to!).length).toBeGreaterThan(0);
    expect(stays.fills.filter((f) => f.ts > first.from && f.side === 'buy')).toEqual([]);
    expect(result.notes.join('\n')).toMatch(/5 days later \(after a drawdown breach\)/);
  }, 120_000);

  it("gives a finished run's bars around a trade at full resolution, with the SMAs the strategy read at each", async () => {
    const { result } = await runToEnd({ strategy: 'sma-cross', params: { fast: 12, slow: 40 }, series: SERIES, from: FROM, to: TO, mode: 'aggressive', capital: 25_000, feePct: 0.1, monteCarlo: 0 });
    const trade = result.trades[3]!;
    const from = trade.entryTs - 20 * HOUR;
    const to = trade.exitTs + 20 * HOUR;
    const w = await client.commands['backtest.window']({ runId: result.runId, from, to });
    expect(w.symbol).toBe('BTC/USDT');
    expect(w.cut).toBe(false);
    // Every hour from the first to the last, the trade's own fills on two of them at the prices they filled at (the bar's open).
    expect(w.candles.map(([t]) => t)).toEqual(Array.from({ length: (to - from) / HOUR + 1 }, (_, k) => from + k * HOUR));
    const bar = new Map(w.candles.map((c) => [c[0], c]));
    expect(bar.get(trade.entryTs)![1]).toBe(trade.entryPrice);
    expect(bar.get(trade.exitTs)![1]).toBe(trade.exitPrice);
    // The averages from the run's first bar: the mean of the 12 and 40 closes before each bar, the window's first bars included.
    const csv = readFileSync(FILE, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    const closes = new Map(csv.map((r) => [r[0]!, r[4]!]));
    const sma = (t: number, n: number) => Array.from({ length: n }, (_, k) => closes.get(t - k * HOUR)!).reduce((a, b) => a + b, 0) / n;
    expect(w.indicators.map((l) => l.label)).toEqual(['SMA 12', 'SMA 40']);
    for (const [k, n] of [[0, 12], [1, 40]] as const) {
      expect(w.indicators[k]!.points.length).toBe(w.candles.length);
      for (const [t, v] of w.indicators[k]!.points) expect(v).toBeCloseTo(sma(t, n), 6);
    }
    // Plain, a window stops at the range's first bar; with its lead-in it starts in the bars the run's
    // averages read before 2021 (SMA 40: 40 of them), the stored ones, the SMA 12 valued over most of them.
    const plain = await client.commands['backtest.window']({ runId: result.runId, from: FROM - 100 * HOUR, to: FROM + 2 * HOUR });
    expect([plain.leadIn, plain.candles[0]![0], plain.candles.length]).toEqual([0, FROM, 3]);
    expect(result.leadIn).toBe(40);
    const lead = await client.commands['backtest.window']({ runId: result.runId, from: 0, to: FROM, withLeadIn: true });
    expect(lead.leadIn).toBe(result.leadIn);
    expect(lead.candles.length).toBe(result.leadIn! + 1);
    const rows = new Map(csv.map((r) => [r[0]!, r.slice(0, 5)]));
    expect(lead.candles).toEqual(Array.from({ length: 41 }, (_, k) => rows.get(FROM - (40 - k) * HOUR)));
    expect(lead.indicators.map((l) => [l.label, l.points.length])).toEqual([['SMA 12', 41 - 11], ['SMA 40', 2]]);
    for (const [t, v] of lead.indicators[0]!.points) expect(v).toBeCloseTo(sma(t, 12), 6);
    // What it cannot give: a market the run did not trade, a stretch without its bars, a run not finished.
    await expect(client.commands['backtest.window']({ runId: result.runId, symbol: 'ETH/USDT', from, to })).rejects.toThrow(`backtest ${result.runId} traded BTC/USDT, not ETH/USDT`);
    await expect(client.commands['backtest.window']({ runId: result.runId, from: Date.UTC(2023, 5, 1), to: Date.UTC(2023, 5, 2) })).rejects.toThrow(
      'the run has no bars from 2023-06-01T00:00:00Z to 2023-06-02T00:00:00Z; its bars open from 2021-01-01T00:00:00Z to 2022-12-31T23:00:00Z',
    );
    await expect(client.commands['backtest.window']({ runId: 'bt-999', from, to })).rejects.toThrow(KeelError);
  }, 120_000);

  it('says when the candles end before the dates asked for, in the words keel backtest prints', async () => {
    // The file's hours end on 2024-01-09; the range asked runs to the end of February.
    const from = Date.UTC(2023, 11, 1);
    const to = Date.UTC(2024, 1, 29, 23);
    const { result } = await runToEnd({ strategy: 'sma-cross', params: {}, series: SERIES, from, to });
    const said = result.notes.filter((n) => n.startsWith('the range asked for'));
    expect(said).toHaveLength(1);
    const end = new Date(result.metrics!.to!).toISOString().slice(0, 16).replace('T', ' ');
    expect(end.startsWith('2024-01-')).toBe(true);
    expect(said[0]).toMatch(new RegExp(`^the range asked for is 2023-12-01 00:00 to 2024-02-29 23:00; the candles in it run from 2023-12-01 00:00 to ${end}: they end 5\\dd( \\d+h)? before it ends, so the run, its metrics and buy and hold cover their span only$`));
    const cli = execFileSync(process.execPath, [KEEL_BIN, 'backtest', '--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', String(from), '--to', String(to), '--data-dir', bridge.dataDir], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(cli).toContain(`note: ${said[0]}`);
  }, 60_000);

  it('refuses a bad request with what is valid', async () => {
    const base = { strategy: 'sma-cross', params: {}, series: SERIES };
    await expect(client.commands['backtest.run']({ ...base, strategy: 'nope' })).rejects.toThrow(/unknown strategy "nope"; strategies: sma-cross/);
    await expect(client.commands['backtest.run']({ ...base, params: { fats: 3 } })).rejects.toThrow(/no parameter "fats" \(did you mean fast\?\); its parameters: fast/);
    await expect(client.commands['backtest.run']({ ...base, series: { ...SERIES, timeframe: '5m' } })).rejects.toThrow(/no candles stored for local:BTC\/USDT:5m nor of a shorter timeframe to resample from; stored series: local:BTC\/USDT:1h/);
    await expect(client.commands['backtest.run']({ ...base, from: Date.UTC(2030, 0, 1) })).rejects.toThrow(/no candles of local:BTC\/USDT:1h from 2030-01-01T00:00:00Z/);
    // In the run form's words: both ends named, the capital's limit in grouped digits.
    await expect(client.commands['backtest.run']({ ...base, from: Date.UTC(2023, 1, 2), to: Date.UTC(2023, 1, 1) })).rejects.toThrow('from 2023-02-02T00:00:00Z is after to 2023-02-01T00:00:00Z: give a from on or before the to');
    for (const capital of [0, 1e15]) await expect(client.commands['backtest.run']({ ...base, capital })).rejects.toThrow('capital: the starting capital, a number above 0 and below 1,000,000,000,000,000');
    // A short's take-profit at 100 % or more would refuse every short's entry: refused where the run may short.
    await expect(client.commands['backtest.run']({ ...base, direction: 'short', takeProfitPct: 150 })).rejects.toThrow("take-profit 150: a short's take-profit is a percent below its entry, so below 100 (a short gains 100% only at a price of 0), and direction short only lets the strategy short; every short's entry would be refused. Give one below 100");
    for (const monteCarlo of [2.5, -1, 100_001]) {
      await expect(client.commands['backtest.run']({ ...base, monteCarlo })).rejects.toThrow('invalid request for backtest.run: monteCarlo: the number of Monte Carlo simulations, a whole number from 0 (none) to 100000');
    }
    await expect(client.commands['backtest.run']({ ...base, monteCarlo: '500' as unknown as number })).rejects.toThrow(/monteCarlo: the number of Monte Carlo simulations, a whole number from 0 \(none\) to 100000/);
    await expect(client.commands['backtest.run']({ ...base, seed: 1.5 })).rejects.toThrow('seed: the seed of the random draws (Monte Carlo, a random search), a whole number');
    for (const rearmAfterDays of [0, 1.5, 366]) {
      await expect(client.commands['backtest.run']({ ...base, rearmAfterDays })).rejects.toThrow('rearmAfterDays: days after which a kill switch a drawdown breach pulled is re-armed, a whole number from 1 to 365, or null for never');
    }
    const err = await client.commands['backtest.result']({ runId: 'bt-999' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeelError);
    expect((err as KeelError).code).toBe('not_found');
  });

  it('fills inside the hours from stored minutes as keel backtest --detail 1m does, and says the minutes are another price', async () => {
    execFileSync(process.execPath, [KEEL_BIN, 'import', BTC_1M, '--symbol', 'BTC/USDT', '--timeframe', '1m', '--data-dir', bridge.dataDir], { cwd: REPO_ROOT, stdio: 'ignore' });
    const from = Date.UTC(2023, 2, 2);
    const to = Date.UTC(2023, 2, 20, 23);
    const request = { strategy: 'sma-cross', params: { fast: 12, slow: 40 }, series: SERIES, from, to, mode: 'aggressive' as const, feePct: 0.1, slippageBps: 5, stopLossPct: 1, takeProfitPct: 1.5, detail: '1m' as const, monteCarlo: 0 };
    const { result } = await runToEnd(request);
    const file = path.join(bridge.dir, 'detail.json');
    execFileSync(process.execPath, [KEEL_BIN, 'backtest', '--strategy', 'sma-cross', '--params', 'fast=12,slow=40', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', String(from), '--to', String(to), '--mode', 'aggressive', '--fee', '0.1', '--slippage', '5', '--stop-loss', '1', '--take-profit', '1.5', '--detail', '1m', '--data-dir', bridge.dataDir, '--json', file], { cwd: REPO_ROOT, stdio: 'ignore' });
    const cli = JSON.parse(readFileSync(file, 'utf8')) as { metrics: Record<string, number | null>; fills: unknown[]; notes: string[]; source: string };
    expect(result.fills.length).toBeGreaterThan(0);
    expect(result.fills).toEqual(cli.fills);
    expect(result.metrics).toEqual(cli.metrics);
    expect(result.notes).toEqual(cli.notes);
    expect(cli.source).toBe('local:BTC/USDT:1h, fills inside bars from 1m detail');
    // The hours are the futures mark price, the minutes a spot market's trades: both say so.
    expect(result.notes.find((n) => n.includes('detail disagrees'))).toMatch(/^the 1m detail disagrees with \d+ of the 1h bars it covers/);
    // Without the detail the same run fills elsewhere: the minutes did decide.
    const { result: own } = await runToEnd({ ...request, detail: null });
    expect(own.fills).not.toEqual(result.fills);
    expect(own.notes.some((n) => n.includes('detail'))).toBe(false);
  }, 120_000);

  it('scores a search\'s sets on the stored minutes as keel backtest --optimize --detail 1m does', async () => {
    // The minutes the test before imported.
    const from = Date.UTC(2023, 2, 2);
    const to = Date.UTC(2023, 2, 20, 23);
    const done = next(client, 'backtest.optimized', () => true);
    const request = { strategy: 'sma-cross', params: {}, series: SERIES, from, to, mode: 'aggressive' as const, stopLossPct: 1, takeProfitPct: 1.5, detail: '1m' as const, ranges: 'fast=8|12,slow=40', method: 'grid' as const, objective: 'sharpe' as const, holdoutPct: 0 };
    const { runId } = await client.commands['backtest.optimize'](request);
    expect(await done).toMatchObject({ runId, status: 'done' });
    const result = await client.commands['backtest.optimization']({ runId });
    const file = path.join(bridge.dir, 'search-detail.json');
    execFileSync(process.execPath, [KEEL_BIN, 'backtest', '--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', String(from), '--to', String(to), '--mode', 'aggressive', '--stop-loss', '1', '--take-profit', '1.5', '--detail', '1m', '--optimize', 'grid', '--grid', 'fast=8|12,slow=40', '--holdout', '0', '--data-dir', bridge.dataDir, '--json', file], { cwd: REPO_ROOT, stdio: 'ignore' });
    const cli = JSON.parse(readFileSync(file, 'utf8')) as { optimization: { ranked: { params: Record<string, number>; score: number | null; metrics: Record<string, number | null> }[] } };
    expect(result.sets.map((x) => ({ params: x.params, score: x.score, metrics: x.metrics }))).toEqual(cli.optimization.ranked);
    // Each set's figures are its own run's on the minutes: the fast=12 set is the run the test before made.
    const { ranges: _r, method: _m, objective: _o, holdoutPct: _h, ...run } = request;
    const { result: twelve } = await runToEnd({ ...run, params: { fast: 12, slow: 40 }, monteCarlo: 0 });
    expect(result.sets.find((x) => x.params.fast === 12)!.metrics.totalReturnPct).toBe(twelve.metrics!.totalReturnPct);
    // A search with detail that is not finer than its bars is refused as a run is.
    await expect(client.commands['backtest.optimize']({ ...request, detail: '4h' })).rejects.toThrow("the detail must be a shorter timeframe than the run's 1h, not 4h");
  }, 120_000);

  it('refuses detail that is not finer bars of the run\'s own market, naming the ones stored', async () => {
    const base = { strategy: 'sma-cross', params: {}, series: SERIES, from: Date.UTC(2023, 2, 2), to: Date.UTC(2023, 2, 20) };
    await expect(client.commands['backtest.run']({ ...base, detail: '4h' })).rejects.toThrow("the detail must be a shorter timeframe than the run's 1h, not 4h; the finer series stored for BTC/USDT on local: 1m");
    await expect(client.commands['backtest.run']({ ...base, detail: '2m' as '1m' })).rejects.toThrow(/detail: /);
    await expect(client.commands['backtest.run']({ ...base, from: Date.UTC(2022, 0, 1), to: Date.UTC(2022, 1, 1), detail: '1m' })).rejects.toThrow('the 1m detail of BTC/USDT has no candles from 2022-01-01T00:00:00Z to 2022-02-01T00:00:00Z; it holds candles from 2023-03-01T00:00:00Z to 2023-03-21T23:59:00Z: choose dates inside them, or no detail');
    await expect(client.commands['backtest.run']({ ...base, detail: '1m', portfolio: [{ ...SERIES, symbol: 'ETH/USDT' }] })).rejects.toThrow('no candles stored for local:ETH/USDT:1h');
  });

  it('says in the list when the journal could not keep a finished run (a full disk), which is gone after a restart otherwise unannounced', async () => {
    // The journal's disk full for the runs' table, from another connection as a second program would see it.
    const db = new Database(path.join(bridge.dataDir, 'journal.sqlite'));
    db.exec("CREATE TRIGGER full_runs BEFORE INSERT ON backtest_runs BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    try {
      const { result } = await runToEnd({ strategy: 'sma-cross', params: { fast: 12, slow: 40 }, series: SERIES, from: FROM, to: TO, mode: 'conservative', capital: 25_000, feePct: 0.1 });
      const listed = (await client.commands['backtest.list']({})).runs.find((r) => r.runId === result.runId)!;
      expect(listed.status).toBe('done');
      expect(listed.notKept).toBe('the journal could not keep it (database or disk is full), so it is listed only until Keel closes');
      // A run kept as usual says nothing.
      expect((await client.commands['backtest.list']({})).runs.filter((r) => r.runId !== result.runId).every((r) => (r.notKept ?? null) === null)).toBe(true);
    } finally {
      db.exec('DROP TRIGGER full_runs');
      db.close();
    }
  }, 60_000);

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
