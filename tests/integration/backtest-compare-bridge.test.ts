// Several backtests at once through the real bridge (`keel serve` child, WebSocket client), as the backtest
// page's "Also run, to compare" starts them: every strategy in every mode, all checked before any starts,
// the same figures as `keel backtest --strategy a,b --mode x,y`; and the queue that keeps more runs than
// the machine runs at once waiting their turn (KEEL_BACKTEST_WORKERS=1 here, so the order is exact); the
// finished runs kept in the journal across a restart.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../shared/bridge/client.ts';
import { eventWaiter, openBridgeSession, type BridgeSession } from '../helpers/bridge-session.ts';
import { KEEL_BIN, REPO_ROOT } from '../helpers/keel-serve.ts';
import { FILE, FROM, SERIES, TO } from '../helpers/btc-1h-bridge.ts';

const next = eventWaiter(120_000);

let bridge: BridgeSession;
let client: BridgeClient;

beforeAll(async () => {
  bridge = await openBridgeSession({ name: 'backtest-compare', candles: { file: FILE, symbol: 'BTC/USDT', timeframe: '1h' }, env: { KEEL_BACKTEST_WORKERS: '1' } });
  client = bridge.client;
}, 60_000);

afterAll(async () => {
  await bridge?.close();
});

const base = { params: {}, series: SERIES, from: FROM, to: TO, capital: 25_000, feePct: 0.1, monteCarlo: 0 };

describe('several backtests at once over the bridge', () => {
  it('runs every strategy in every mode, one at a time past the limit, with the figures keel backtest gives the same matrix', async () => {
    const requests = [
      { ...base, strategy: 'sma-cross', mode: 'conservative' as const },
      { ...base, strategy: 'sma-cross', mode: 'aggressive' as const },
      { ...base, strategy: 'ema-cross', mode: 'conservative' as const },
      { ...base, strategy: 'ema-cross', mode: 'aggressive' as const },
      { ...base, strategy: 'donchian-breakout', mode: 'moderate' as const },
    ];
    // What the runs do, in the order the engine says it: a run's progress, its end.
    const seen: string[] = [];
    const offProgress = client.events['backtest.progress']((p) => {
      if (seen.at(-1) !== `progress ${p.runId}`) seen.push(`progress ${p.runId}`);
    });
    const offDone = client.events['backtest.done']((d) => seen.push(`${d.status} ${d.runId}`));
    try {
      const { runIds } = await client.commands['backtest.runMany']({ runs: requests });
      expect(runIds).toHaveLength(5);
      const lastDone = next(client, 'backtest.done', (d) => d.runId === runIds[3]);
      // One worker: the first runs, the others wait their turn.
      const listed = (await client.commands['backtest.list']({})).runs;
      expect(runIds.map((id) => listed.find((r) => r.runId === id)!.status)).toEqual(['running', 'queued', 'queued', 'queued', 'queued']);
      expect(listed.find((r) => r.runId === runIds[1])).toMatchObject({ progress: 0, metrics: null, request: { strategy: 'sma-cross', mode: 'aggressive' } });
      // A queued run cancelled ends at once, never having started.
      expect(await client.commands['backtest.cancel']({ runId: runIds[4]! })).toMatchObject({ runId: runIds[4], status: 'cancelled', progress: 0 });
      await lastDone;
      // Each started only when the one before had ended: never two at once.
      const order = seen.filter((e) => !e.endsWith(runIds[4]!));
      expect(order).toEqual(runIds.slice(0, 4).flatMap((id) => [`progress ${id}`, `done ${id}`]));
      expect(seen).toContain(`cancelled ${runIds[4]}`);
      expect(seen).not.toContain(`progress ${runIds[4]}`);
    } finally {
      offProgress();
      offDone();
    }

    // The CLI's matrix over the same journal: strategy by strategy, each in every mode, the same figures.
    const file = path.join(bridge.dir, 'matrix.json');
    execFileSync(process.execPath, [KEEL_BIN, 'backtest', '--strategy', 'sma-cross,ema-cross', '--mode', 'conservative,aggressive', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', String(FROM), '--to', String(TO), '--capital', '25000', '--fee', '0.1', '--data-dir', bridge.dataDir, '--json', file], { cwd: REPO_ROOT, stdio: 'ignore' });
    const cli = JSON.parse(readFileSync(file, 'utf8')) as { runs: { strategy: string; mode: string; params: Record<string, number>; metrics: Record<string, number | null> }[] };
    const runs = (await client.commands['backtest.list']({})).runs.filter((r) => r.status === 'done');
    expect(runs.map((r) => [r.request.strategy, r.request.mode, r.request.params])).toEqual(cli.runs.map((r) => [r.strategy, r.mode, r.params]));
    expect(runs.map((r) => r.metrics)).toEqual(cli.runs.map((r) => r.metrics));
    // The modes differ: conservative sizes a position at half of the equity, aggressive at all of it.
    expect(runs[0]!.metrics!['totalReturnPct']).not.toBe(runs[1]!.metrics!['totalReturnPct']);
  }, 240_000);

  it('checks every run before starting any: a refusal names the run and starts none', async () => {
    const before = (await client.commands['backtest.list']({})).runs.length;
    const good = { ...base, strategy: 'sma-cross', mode: 'moderate' as const };
    await expect(client.commands['backtest.runMany']({ runs: [good, { ...good, strategy: 'rsi-reversion', params: { period: 1 } }, good] })).rejects.toThrow(
      /^run 2 of 3 \(rsi-reversion · moderate\): .*period.*; none started$/,
    );
    await expect(client.commands['backtest.runMany']({ runs: [good, { ...good, series: { ...SERIES, timeframe: '5m' } }] })).rejects.toThrow(
      'run 2 of 2 (sma-cross · moderate): no candles stored for local:BTC/USDT:5m nor of a shorter timeframe to resample from; stored series: local:BTC/USDT:1h; none started',
    );
    await expect(client.commands['backtest.runMany']({ runs: [] })).rejects.toThrow('runs: give at least one run');
    await expect(client.commands['backtest.runMany']({ runs: Array.from({ length: 33 }, () => good) })).rejects.toThrow('runs: at most 32 runs at once');
    expect((await client.commands['backtest.list']({})).runs.length).toBe(before);
  });

  it('keeps the finished runs across a restart (list, results, reports), new ids after them; a run Keel closed on says so', async () => {
    const before = (await client.commands['backtest.list']({})).runs;
    const sample = before.filter((r) => r.status === 'done')[1]!;
    const result = await client.commands['backtest.result']({ runId: sample.runId });
    // Still going when Keel closes: every bar of the series, then 100,000 simulations of its trades.
    const { runId: cut } = await client.commands['backtest.run']({ strategy: 'bollinger-reversion', params: {}, series: SERIES, monteCarlo: 100_000 });
    await bridge.restart();
    client = bridge.client;
    const after = (await client.commands['backtest.list']({})).runs;
    expect(after.filter((r) => r.runId !== cut)).toEqual(before);
    expect(after.find((r) => r.runId === cut)).toMatchObject({ status: 'cancelled', error: 'Keel was closed while this backtest run ran', metrics: null });
    expect(await client.commands['backtest.result']({ runId: sample.runId })).toEqual(result);
    // A kept run's whole report is made again from its request, as for a run of this session.
    const report = JSON.parse((await client.commands['backtest.report']({ runId: sample.runId, format: 'json' })).content) as { metrics: unknown };
    expect(report.metrics).toEqual(sample.metrics);
    const { runId } = await client.commands['backtest.run']({ ...base, strategy: 'sma-cross', mode: 'moderate' });
    expect(Number(runId.slice(3))).toBe(Number(cut.slice(3)) + 1);
    await client.commands['backtest.cancel']({ runId });
  }, 120_000);
});
