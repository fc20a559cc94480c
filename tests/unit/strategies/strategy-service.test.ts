// The StrategyService: strategies started from the app on a series of the active market, on the active
// engine, with parameters checked by the registry; each run its own id and ledger; start and stop in the
// audit log; paper runs saved and started again by a new service (a restart), live ones never; arming or
// disarming stops them; the kill switch marks them halted; a run that may short trades both sides on a
// margin account and is refused up front on a spot one.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadStrategyFile } from '../../../electron/strategies/own-strategies.ts';
import { loadSavedStrategies } from '../../../electron/strategies/saved-strategies.ts';
import type { StrategyMarket } from '../../../electron/strategies/strategy-service.ts';
import { RunningStrategySchema } from '../../../shared/contract/commands/strategy.ts';
import { sqliteSettings } from '../../../electron/risk/settings-store.ts';
import { dropOwnStrategies } from '../../../electron/strategies/registry.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { SIM_NOW, strategyApp, type StrategyApp } from '../../helpers/strategy-app.ts';

const SERIES = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const T0 = Date.UTC(2024, 0, 1);

/** Ten bars up, ten down, again and again, around 100: sma 2/3 crosses at every turn. */
function zigzag(n: number): Candle[] {
  const out: Candle[] = [];
  let price = 100;
  for (let i = 0; i < n; i++) {
    const o = price;
    price = Math.round((price + (Math.floor(i / 10) % 2 === 0 ? 0.5 : -0.5)) * 100) / 100;
    out.push({ t: T0 + i * 60_000, o, h: Math.max(o, price) + 0.1, l: Math.min(o, price) - 0.1, c: price, v: 100 });
  }
  return out;
}

let app: StrategyApp;

/** Plays `candles` candles of the replay (four ticks each) synchronously. */
function play(candles: number): void {
  app.replay.step(candles * 4);
}

function auditRows(action: string) {
  return (app.journal.db.prepare('SELECT actor, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { actor: string; details: string }[]).map((r) => ({
    actor: r.actor,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

beforeEach(() => {
  app = strategyApp({ fillModel: { slippageBps: 0 } });
  app.candles.upsert(SERIES, zigzag(80));
});

afterEach(async () => {
  await app.close();
});

/**
 * A playing replay of the stored series from its first candle, ready to step: its clock is the manual one,
 * so no bar comes until the test plays it. Playing, not paused: a strategy on a paused replay is waiting.
 */
function startReplay(): void {
  app.market.startReplay(SERIES, { speed: 1, history: 0 });
}

describe('the catalog', () => {
  it('lists the six built-ins with their parameters', async () => {
    const { strategies } = await app.strategies.catalog();
    expect(strategies.map((s) => s.name)).toEqual(['sma-cross', 'ema-cross', 'rsi-reversion', 'bollinger-reversion', 'donchian-breakout', 'ai-assisted']);
    expect(strategies[0]!.params).toEqual([
      { name: 'fast', type: 'int', default: 10, min: 1, max: 1000, step: 1, description: 'fast SMA period (bars)' },
      { name: 'slow', type: 'int', default: 30, min: 2, max: 5000, step: 1, description: 'slow SMA period (bars)' },
    ]);
  });
});

describe('starting', () => {
  it('refuses what the registry refuses, saying what is valid, and needs an active market', async () => {
    startReplay();
    const s = app.strategies;
    await expect(s.start({ strategy: 'nope' })).rejects.toMatchObject({ code: 'invalid_request', message: 'unknown strategy "nope"; strategies: sma-cross, ema-cross, rsi-reversion, bollinger-reversion, donchian-breakout, ai-assisted' });
    await expect(s.start({ strategy: 'sma-cross', params: { fats: 2 } })).rejects.toMatchObject({
      code: 'invalid_request',
      message: 'sma-cross has no parameter "fats" (did you mean fast?); its parameters: fast (whole number 1..1000, default 10), slow (whole number 2..5000, default 30)',
    });
    await expect(s.start({ strategy: 'sma-cross', params: { fast: 2.5 } })).rejects.toMatchObject({ message: expect.stringContaining('fast must be a whole number, got 2.5') });
    await expect(s.start({ strategy: 'sma-cross', params: { slow: 9000 } })).rejects.toMatchObject({ message: 'sma-cross: slow = 9000 is outside its range 2..5000' });
    await expect(s.start({ strategy: 'sma-cross', params: { fast: 5, slow: 3 } })).rejects.toMatchObject({ message: 'sma-cross: fast (5) must be smaller than slow (3)' });
    // A replay plays one series.
    await expect(s.start({ strategy: 'sma-cross', series: { symbol: 'ETH/USDT', timeframe: '1m' } })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('a replay plays one series (local BTC/USDT 1m)') });
    expect(s.running()).toEqual([]);
    app.market.stopReplay();
    await new Promise((r) => setTimeout(r, 0));
    await expect(s.start({ strategy: 'sma-cross' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('no market is active') });
  });

  it('trades the active series with origin strategy:<id> on its own ledger; a second run gets id #2', async () => {
    startReplay();
    // Half of equity each (conservative): at moderate's 100 % the first entry would take all the cash.
    app.trading.risk.setMode('conservative', 'user');
    const a = await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } });
    expect(a).toMatchObject({
      id: 'sma-cross',
      strategy: 'sma-cross',
      params: { fast: 2, slow: 3 },
      series: { source: 'replay', exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' },
      account: 'paper',
      mode: 'conservative',
      positionShare: 0.5,
      status: 'warming',
      statusText: 'warming up: 0 of 4 bars',
      ledger: 'strategy:sma-cross',
      position: { qty: '0', realizedPnl: '0' },
    });
    const b = await app.strategies.start({ strategy: 'sma-cross', params: { fast: 3, slow: 5 } });
    expect(b.id).toBe('sma-cross#2');
    play(25);
    const orders = app.trading.engine.orders({ status: 'all', limit: 100 });
    expect(new Set(orders.map((o) => JSON.stringify(o.origin)))).toEqual(new Set([JSON.stringify({ kind: 'strategy', id: 'sma-cross' }), JSON.stringify({ kind: 'strategy', id: 'sma-cross#2' })]));
    const running = app.strategies.running();
    expect(running.map((r) => [r.id, r.status, r.bars])).toEqual([
      ['sma-cross', 'running', 25],
      ['sma-cross#2', 'running', 25],
    ]);
    // Each ledger holds its own position: the zigzag turned up again at bar 20, so both are long now.
    const positions = app.trading.engine.positions();
    for (const r of running) {
      const p = positions.find((x) => x.ledger === r.ledger)!;
      expect(Number(p.qty)).toBeGreaterThan(0);
      expect(r.position).toEqual({ qty: p.qty, avgEntryPrice: p.avgEntryPrice, realizedPnl: p.realizedPnl, unrealizedPnl: p.unrealizedPnl, feesPaid: p.feesPaid, markPrice: p.markPrice });
    }
    expect(app.of('strategy.state').filter((e) => e.id === 'sma-cross').length).toBeGreaterThan(25);
  });

  it('two starts at once take two ids: neither hides the other, and each stops', async () => {
    startReplay();
    const [a, b] = await Promise.all([app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } }), app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } })]);
    expect([a.id, b.id]).toEqual(['sma-cross', 'sma-cross#2']);
    expect(app.strategies.running().map((r) => r.id)).toEqual(['sma-cross', 'sma-cross#2']);
    app.strategies.stop('sma-cross');
    app.strategies.stop('sma-cross#2');
    // Nothing left listening: no order after both stopped.
    play(25);
    expect(app.trading.engine.orders({ status: 'all', limit: 100 })).toEqual([]);
  });

  it('runs on another series of the active source, which the market service streams beside the chart', async () => {
    await app.market.select({ source: 'simulated', symbol: 'BTC/USDT', timeframe: '1m' });
    await expect(app.strategies.start({ strategy: 'sma-cross', series: { symbol: 'XRP/USDT', timeframe: '1m' } })).rejects.toMatchObject({ code: 'not_found', message: 'unknown symbol "XRP/USDT" on simulated; valid symbols: BTC/USDT, ETH/USDT, SOL/USDT' });
    const s = await app.strategies.start({ strategy: 'sma-cross', params: { fast: 1, slow: 2 }, series: { symbol: 'ETH/USDT', timeframe: '1m' } });
    expect(s.series).toEqual({ source: 'simulated', exchange: 'simulated', symbol: 'ETH/USDT', timeframe: '1m' });
    // Its two bars of warm-up (the slow average's, and the bar before for the side it was on) came from the
    // simulated market's history of ETH/USDT: running at once.
    expect(s).toMatchObject({ status: 'running', bars: 2, lastBarAt: Math.floor(SIM_NOW / 60_000) * 60_000 - 60_000 });
    expect(s.notes).toEqual(["read the last 2 closed 1m bars of ETH/USDT for its indicators' warm-up"]);
    await new Promise((r) => setTimeout(r, 0));
    app.timers.advance(5 * 60_000);
    expect(app.strategies.running()[0]).toMatchObject({ id: 'sma-cross', bars: 7 });
    expect(app.of('market.candle').some((c) => c.series.symbol === 'ETH/USDT' && c.closed)).toBe(true);
  });
});

describe('the warm-up from the market\'s history', () => {
  it('reads the bars the replay has played before the start, none after its clock, and acts on the first bar it hears', async () => {
    // 38 bars played before the start: sma 3/5 reads the last 5 (33-37) as its warm-up, and the first bar it
    // hears (38) has both averages, and the bar before it the side they were on.
    app.market.startReplay(SERIES, { speed: 1, history: 38 });
    const heard: number[] = [];
    app.bus.on('market.candle', (c) => {
      if (c.closed) heard.push(c.candle.t);
    });
    const s = await app.strategies.start({ strategy: 'sma-cross', params: { fast: 3, slow: 5 } });
    expect(s).toMatchObject({ status: 'running', statusText: 'running: 5 bars', bars: 5, warmup: 5, lastBarAt: T0 + 37 * 60_000 });
    expect(s.notes).toEqual(["read the last 5 closed 1m bars of BTC/USDT for its indicators' warm-up"]);
    play(6);
    expect(heard[0]).toBe(T0 + 38 * 60_000);
    // The zigzag turns up at bar 40; the fast average crosses the slow one at bar 42's close, bought at bar
    // 43's open. A strategy started without the history would still be warming up on bars 38-42 then: no
    // order yet.
    const fills = app.trading.engine.fills({ limit: 10 });
    expect(fills.map((f) => [f.side, f.ts, f.origin])).toEqual([['buy', T0 + 43 * 60_000, { kind: 'strategy', id: 'sma-cross' }]]);
    expect(app.strategies.running()[0]).toMatchObject({ bars: 11 });
  });

  it('a market slow to give its history does not hold the start: the warm-up goes on behind, and is told when read', async () => {
    await app.market.select({ source: 'simulated', symbol: 'BTC/USDT', timeframe: '1m' });
    let answer!: (candles: Awaited<ReturnType<typeof app.market.strategyHistory>>) => void;
    const asked: number[] = [];
    // The app's market, but its history slow to come.
    const market: StrategyMarket = {
      strategySeries: (request) => app.market.strategySeries(request),
      followSeries: (selection) => app.market.followSeries(selection),
      strategyBarsBefore: (selection, t, limit) => app.market.strategyBarsBefore(selection, t, limit),
      strategyHistory: (_selection, limit) => {
        asked.push(limit);
        return new Promise((resolve) => (answer = resolve));
      },
    };
    app.strategies.close();
    app.strategies = app.newService({ market, warmUpWaitMs: 20 });
    const s = await app.strategies.start({ strategy: 'sma-cross', params: { fast: 3, slow: 5 } });
    expect(asked).toEqual([5]);
    expect(s).toMatchObject({ status: 'warming', bars: 0, notes: [] });
    const bars = (await app.market.strategyHistory(s.series, 5))!;
    answer(bars);
    await expect.poll(() => app.of('strategy.state').at(-1)).toMatchObject({ id: 'sma-cross', status: 'running', bars: 5, barsNeeded: 5, notes: ["read the last 5 closed 1m bars of BTC/USDT for its indicators' warm-up"] });
  });

  it('stopped while its warm-up is read, the start answers with its stopped state, not a running one', async () => {
    await app.market.select({ source: 'simulated', symbol: 'BTC/USDT', timeframe: '1m' });
    let asked!: () => void;
    const asking = new Promise<void>((resolve) => (asked = resolve));
    const market: StrategyMarket = {
      strategySeries: (request) => app.market.strategySeries(request),
      followSeries: (selection) => app.market.followSeries(selection),
      strategyBarsBefore: (selection, t, limit) => app.market.strategyBarsBefore(selection, t, limit),
      // A history that never comes (an exchange slow to answer): the start waits its time for it.
      strategyHistory: () => {
        asked();
        return new Promise(() => {});
      },
    };
    app.strategies.close();
    app.strategies = app.newService({ market, warmUpWaitMs: 50 });
    const starting = app.strategies.start({ strategy: 'sma-cross', params: { fast: 3, slow: 5 } });
    await asking;
    // Its row is listed already (its first state): the trader presses its Stop.
    app.strategies.stop('sma-cross');
    expect(await starting).toMatchObject({ id: 'sma-cross', status: 'stopped', statusText: 'stopped: by the user', stoppedBy: 'user' });
    expect(app.strategies.running()).toEqual([]);
  });

  it('a replay at its first bar has nothing before it to read: the strategy warms up on the bars it hears', async () => {
    startReplay();
    const s = await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } });
    // The replay is at its first bar: nothing played before, nothing to read.
    expect(s).toMatchObject({ status: 'warming', statusText: 'warming up: 0 of 4 bars', bars: 0, barsNeeded: 4, notes: [] });
  });
});

describe('a replay that starts over', () => {
  // A strategy file of the trader's own, so it runs in a thread of its own as on an account: with a declared
  // warm-up (SMA 5: 4 bars) and no orders, it writes the open time of each bar at which its SMA had a value
  // into a file beside it, which the test reads.
  let dir = '';
  let probeFile = '';
  let valuedFile = '';
  const valued = {
    read: (): number[] => (existsSync(valuedFile) ? readFileSync(valuedFile, 'utf8').split('\n').filter(Boolean).map(Number) : []),
    splice: (): number[] => {
      const got = valued.read();
      rmSync(valuedFile, { force: true });
      return got;
    },
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keel-warm-probe-'));
    probeFile = join(dir, 'warm-probe.mjs');
    valuedFile = join(dir, 'valued.txt');
    writeFileSync(
      probeFile,
      `import { appendFileSync } from 'node:fs';
export default {
  name: 'warm-probe',
  description: 'writes the bars at which its SMA 5 has a value',
  params: {},
  indicators: () => [{ name: 'sma', params: { period: 5 }, warmup: 4 }],
  create: (_p, ctx) => ({
    onBar(bar) {
      if (!Number.isNaN(ctx.indicators[0].ago(0))) appendFileSync(${JSON.stringify(valuedFile)}, bar.t + '\\n');
    },
  }),
};
`,
    );
    await loadStrategyFile(probeFile);
  });

  afterEach(() => {
    dropOwnStrategies(probeFile);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts (or starts over) the replay with `history` bars played; no more until the test plays them. */
  function replayFrom(history: number): void {
    app.market.startReplay(SERIES, { speed: 1, history });
  }

  const bar = (i: number) => T0 + i * 60_000;
  const fills = () => app.trading.engine.fills({ limit: 100 }).reverse().map((f) => [f.side, f.ts, f.price]);
  const byId = (id: string) => app.strategies.running().find((r) => r.id === id)!;

  it('reads the bars before its new start again: the second pass has its values and its orders at the same bars as the first', async () => {
    replayFrom(38);
    await app.strategies.start({ strategy: 'warm-probe' });
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 3, slow: 5 } });
    // Bars 38-59: bought at bar 43's open (the zigzag turned up at 40), sold at bar 53's (it turned down at 50), flat at the end.
    play(22);
    const first = { valued: valued.splice(), fills: fills() };
    expect(first.valued).toEqual(Array.from({ length: 22 }, (_, k) => bar(38 + k)));
    expect(first.fills.map(([side, ts]) => [side, ts])).toEqual([
      ['buy', bar(43)],
      ['sell', bar(53)],
    ]);

    // The journal's bars strictly before the restart, the warm-up's worth; none for a source that never goes back.
    const replayed = byId('sma-cross').series;
    expect(app.market.strategyBarsBefore(replayed, bar(38), 4).map((c) => c.t)).toEqual([bar(34), bar(35), bar(36), bar(37)]);
    expect(app.market.strategyBarsBefore({ ...replayed, source: 'simulated', exchange: 'simulated' }, bar(38), 4)).toEqual([]);

    replayFrom(38);
    play(1);
    // The strategies started over at bar 38 with their warm-up read again (the probe's bars 34-37, sma-cross's
    // 33-37): running at once, as at their start.
    for (const [id, read] of [['warm-probe', 4], ['sma-cross', 5]] as const) {
      expect(byId(id)).toMatchObject({ status: 'running', statusText: `running: ${read + 1} bars`, bars: read + 1, lastBarAt: bar(38) });
      expect(byId(id).notes.at(-1)).toBe(`${id}: market time went back to 2024-01-01T00:38:00.000Z (a replay started over): the strategy starts over from there, and read the ${read} closed 1m bars before it for its indicators' warm-up`);
    }
    play(21);
    // Without the bars before it, the SMA 5 would have no value before bar 42, and the cross up would come later.
    expect(valued.read()).toEqual(first.valued);
    expect(fills().slice(first.fills.length)).toEqual(first.fills);
    expect(byId('sma-cross')).toMatchObject({ status: 'running', bars: 27 });
  });

  it('started over at the first stored bar, it has nothing before it to read: it warms up on the bars it hears, and says so', async () => {
    replayFrom(10);
    await app.strategies.start({ strategy: 'warm-probe' });
    play(3);
    expect(valued.read()).toEqual([bar(10), bar(11), bar(12)]);
    replayFrom(0);
    play(1);
    expect(byId('warm-probe')).toMatchObject({ status: 'warming', statusText: 'warming up: 1 of 5 bars', bars: 1, lastBarAt: bar(0) });
    expect(byId('warm-probe').notes.at(-1)).toBe(
      'warm-probe: market time went back to 2024-01-01T00:00:00.000Z (a replay started over): the strategy starts over from there; there is no bar before it to read for its warm-up: it warms up on the bars it hears',
    );
    play(4);
    expect(byId('warm-probe')).toMatchObject({ status: 'running', statusText: 'running: 5 bars' });
    // Its first value at the fifth bar it heard, as a run that starts at the series' first bar has.
    expect(valued.read().slice(3)).toEqual([bar(4)]);
  });

  it('started over at the second stored bar, it reads the one before it and the rest of its warm-up comes as bars close', async () => {
    replayFrom(10);
    await app.strategies.start({ strategy: 'warm-probe' });
    play(1);
    replayFrom(1);
    play(1);
    expect(byId('warm-probe').notes.at(-1)).toBe(
      "warm-probe: market time went back to 2024-01-01T00:01:00.000Z (a replay started over): the strategy starts over from there, and read the closed 1m bar before it for its indicators' warm-up; 3 more come as bars close",
    );
    // Read bars count as the start's do: ready once it holds its warm-up's 4 bars, the next one valued.
    expect(byId('warm-probe')).toMatchObject({ status: 'warming', statusText: 'warming up: 2 of 4 bars', bars: 2 });
    play(2);
    expect(byId('warm-probe')).toMatchObject({ status: 'running', statusText: 'running: 4 bars' });
    play(1);
    expect(valued.read()).toEqual([bar(10), bar(4)]);
  });
});

describe('stopping', () => {
  it('stops a run, leaves its position, publishes its last state and audits start and stop', async () => {
    startReplay();
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } });
    play(25);
    const stopped = app.strategies.stop('sma-cross');
    expect(stopped).toMatchObject({ id: 'sma-cross', status: 'stopped', statusText: 'stopped: by the user', stoppedBy: 'user' });
    expect(app.of('strategy.state').at(-1)).toEqual(stopped);
    const orders = app.trading.engine.orders({ status: 'all', limit: 100 }).length;
    play(20);
    expect(app.trading.engine.orders({ status: 'all', limit: 100 }).length).toBe(orders);
    expect(app.strategies.running()).toEqual([]);
    expect(() => app.strategies.stop('sma-cross')).toThrow(/no running strategy sma-cross; running: none/);
    expect(auditRows('strategy.start')).toEqual([{ actor: 'user', details: expect.objectContaining({ id: 'sma-cross', strategy: 'sma-cross', params: { fast: 2, slow: 3 }, account: 'paper', mode: 'moderate', positionShare: 1 }) }]);
    expect(auditRows('strategy.stop')).toEqual([{ actor: 'user', details: expect.objectContaining({ id: 'sma-cross', reason: 'by the user', bars: 25, position: expect.objectContaining({ qty: stopped.position.qty }) }) }]);
  });

  it('a new run under the freed id says it takes over the position the stopped one left', async () => {
    startReplay();
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } });
    play(25);
    const left = app.strategies.stop('sma-cross').position.qty;
    expect(Number(left)).not.toBe(0);
    const again = await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } });
    expect(again.position.qty).toBe(left);
    expect(again.notes).toContain(`takes over a position of ${left} BTC/USDT that an earlier run under the id sma-cross left in ledger strategy:sma-cross: their fills come to this run (stopping a strategy closes nothing)`);
    // A first run on an empty ledger says nothing of the kind.
    const other = await app.strategies.start({ strategy: 'ema-cross' });
    expect(other.notes.join('\n')).not.toMatch(/takes over/);
  });
});

describe('protective exits', () => {
  it("puts the run's stop-loss and take-profit on each entry as its bracket, and keeps them across a restart", async () => {
    startReplay();
    app.trading.risk.setMode('conservative', 'user');
    // The zigzag moves 0.5 a bar around 100: a 0.4 % target (about 0.4) is reached in the bar after an entry.
    const a = await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 }, stopLossPct: 1, takeProfitPct: 0.4 });
    expect(a.exits).toEqual({ stopLossPct: 1, takeProfitPct: 0.4, trailingStopPct: null });
    play(30);
    const orders = app.trading.engine.orders({ status: 'all', limit: 200 });
    const entries = orders.filter((o) => o.parentId === null && o.side === 'buy');
    const children = orders.filter((o) => o.parentId !== null);
    expect(entries.length).toBeGreaterThan(0);
    // Every filled entry got a stop-market under it and a limit over it, selling for its ledger.
    for (const e of entries.filter((o) => o.status === 'filled')) {
      const mine = children.filter((c) => c.parentId === e.id);
      expect(mine.map((c) => c.type).sort()).toEqual(['limit', 'stop-market']);
      for (const c of mine) expect([c.side, c.origin]).toEqual(['sell', e.origin]);
      expect(Number(mine.find((c) => c.type === 'stop-market')!.triggerPrice)).toBeLessThan(Number(e.avgFillPrice));
      expect(Number(mine.find((c) => c.type === 'limit')!.price)).toBeGreaterThan(Number(e.avgFillPrice));
    }
    // The first entry was closed by its target, filled in parts (the volume at its price allowed 25 at a
    // time): the stop shrank to what was still held, then was cancelled with the position closed.
    const hit = children.find((c) => c.type === 'limit' && c.status === 'filled')!;
    const entry = entries.find((e) => e.id === hit.parentId)!;
    const stop = children.find((c) => c.parentId === hit.parentId && c.type === 'stop-market')!;
    expect(hit.filledQty).toBe(entry.filledQty);
    expect([stop.status, Number(stop.qty) < Number(entry.filledQty)]).toEqual(['cancelled', true]);
    expect(auditRows('strategy.start')[0]!.details.exits).toEqual({ stopLossPct: 1, takeProfitPct: 0.4, trailingStopPct: null });
    expect(loadSavedStrategies(sqliteSettings(app.journal.db))[0]!.exits).toEqual({ stopLossPct: 1, takeProfitPct: 0.4, trailingStopPct: null });
    app.strategies.close();
    app.strategies = app.newService();
    app.strategies.restore();
    expect(app.strategies.running().map((r) => r.exits)).toEqual([{ stopLossPct: 1, takeProfitPct: 0.4, trailingStopPct: null }]);
  });

  it('with a trailing stop, each entry is protected by a trailing-stop order in place of the fixed stop', async () => {
    startReplay();
    app.trading.risk.setMode('conservative', 'user');
    const a = await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 }, trailingStopPct: 1 });
    expect(a.exits).toEqual({ stopLossPct: null, takeProfitPct: null, trailingStopPct: 1 });
    play(30);
    const orders = app.trading.engine.orders({ status: 'all', limit: 200 });
    const children = orders.filter((o) => o.parentId !== null);
    expect(children.length).toBeGreaterThan(0);
    expect(new Set(children.map((c) => c.type))).toEqual(new Set(['trailing-stop']));
    expect(children.every((c) => c.side === 'sell' && c.reduceOnly)).toBe(true);
  });

  it('refuses exits out of range, saying what is valid, and starts nothing', async () => {
    startReplay();
    await expect(app.strategies.start({ strategy: 'sma-cross', stopLossPct: 0 })).rejects.toMatchObject({ code: 'invalid_request', message: 'stop-loss 0: the stop-loss is a percent below the entry, above 0 and below 100 (2 = 2%)' });
    await expect(app.strategies.start({ strategy: 'sma-cross', takeProfitPct: 5000 })).rejects.toMatchObject({ message: expect.stringContaining('take-profit 5000: the take-profit is a percent above the entry, above 0 and at most 1000') });
    expect(app.strategies.running()).toEqual([]);
  });
});

describe('saved and started again', () => {
  it('a restart runs the saved paper strategies again under their ids; a stopped one is forgotten', async () => {
    startReplay();
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } });
    await app.strategies.start({ strategy: 'ema-cross' });
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 3, slow: 5 } });
    app.strategies.stop('ema-cross');
    expect(loadSavedStrategies(sqliteSettings(app.journal.db)).map((s) => s.id)).toEqual(['sma-cross', 'sma-cross#2']);
    // The app closes: the runners stop, the list stays.
    app.strategies.close();
    expect(loadSavedStrategies(sqliteSettings(app.journal.db))).toHaveLength(2);
    app.strategies = app.newService();
    app.strategies.restore();
    expect(app.strategies.running().map((r) => [r.id, r.params, r.series.source])).toEqual([
      ['sma-cross', { fast: 2, slow: 3 }, 'replay'],
      ['sma-cross#2', { fast: 3, slow: 5 }, 'replay'],
    ]);
    expect(auditRows('strategy.start').slice(-2).map((r) => [r.actor, r.details.id, r.details.restored])).toEqual([
      ['system', 'sma-cross', true],
      ['system', 'sma-cross#2', true],
    ]);
    // Each says it was started again, and what carries on and what does not (before, its notes were empty:
    // the row looked like a fresh start).
    expect(app.strategies.running()[1]!.notes).toEqual([
      'started again at start-up: it was running when Keel last stopped; its position carries on in ledger strategy:sma-cross#2, and the strategy itself starts afresh (its indicators read their warm-up again; what it kept in its own variables is gone)',
    ]);
    play(25);
    expect(app.trading.engine.orders({ status: 'all', limit: 100 }).length).toBeGreaterThan(0);
  });

  it('a start or stop the journal cannot save still happens, and says what a restart would do', async () => {
    startReplay();
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } });
    // The saved list can no longer be written: the start happens, and its notes say a restart would not run it.
    app.journal.db.exec("CREATE TRIGGER full_settings BEFORE INSERT ON settings WHEN NEW.key = 'strategies.running' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    const started = await app.strategies.start({ strategy: 'ema-cross' });
    expect(started.notes).toContain('the journal could not save that it runs, so a restart would not start it again (database or disk is full)');
    // Nor the audit log: a start it cannot record is refused, and nothing runs.
    app.journal.db.exec("CREATE TRIGGER full_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    await expect(app.strategies.start({ strategy: 'rsi-reversion' })).rejects.toThrow('rsi-reversion was not started: the journal could not record its start (database or disk is full)');
    expect(app.strategies.running().map((r) => r.id)).toEqual(['sma-cross', 'ema-cross']);
    // A stop always stops.
    const stopped = app.strategies.stop('sma-cross');
    expect(stopped).toMatchObject({ status: 'stopped', statusText: 'stopped: by the user; the journal could not save that it stopped, so a restart would start it again (database or disk is full)' });
    // It did stop: no order of its comes after, and it is not listed.
    expect(app.strategies.running().map((r) => r.id)).toEqual(['ema-cross']);
    expect(app.log.lines.some((l) => l.includes("could not write sma-cross's stop to the audit log"))).toBe(true);
    // What is saved is what was saved last: sma-cross alone.
    expect(loadSavedStrategies(sqliteSettings(app.journal.db)).map((s) => s.id)).toEqual(['sma-cross']);
    app.journal.db.exec('DROP TRIGGER full_settings');
    app.journal.db.exec('DROP TRIGGER full_audit');
    app.strategies.stop('ema-cross');
    expect(loadSavedStrategies(sqliteSettings(app.journal.db))).toEqual([]);
  });

  it('a saved strategy started again before its market is chosen reads its warm-up once the market streams', async () => {
    const settings = sqliteSettings(app.journal.db);
    settings.write('strategies.running', [{ id: 'sma-cross', strategy: 'sma-cross', params: { fast: 3, slow: 5 }, series: { source: 'simulated', exchange: 'simulated', symbol: 'BTC/USDT', timeframe: '1m' } }]);
    // No market yet, as at start-up: it waits, with nothing read.
    app.strategies.restore();
    await new Promise((r) => setTimeout(r, 0));
    expect(app.strategies.running()[0]).toMatchObject({ status: 'waiting', bars: 0, notes: [expect.stringMatching(/^started again at start-up: /)] });
    await app.market.select({ source: 'simulated', symbol: 'BTC/USDT', timeframe: '1m' });
    await expect.poll(() => app.strategies.running()[0]!.bars).toBe(5);
    expect(app.strategies.running()[0]).toMatchObject({ status: 'running', notes: [expect.stringMatching(/^started again at start-up: /), "read the last 5 closed 1m bars of BTC/USDT for its indicators' warm-up"] });
  });

  it('a saved strategy that no longer checks out is dropped with the reason; nothing runs on a live account at start-up', async () => {
    const settings = sqliteSettings(app.journal.db);
    const series = { source: 'replay', exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' };
    settings.write('strategies.running', [
      { id: 'sma-cross', strategy: 'sma-cross', params: { fast: 50, slow: 3 }, series },
      { id: 'ema-cross', strategy: 'ema-cross', params: {}, series },
      { nonsense: true },
    ]);
    app.arm();
    app.strategies.restore();
    expect(app.strategies.running()).toEqual([]);
    app.disarm();
    app.strategies.restore();
    expect(app.strategies.running().map((r) => r.id)).toEqual(['ema-cross']);
    expect(auditRows('strategy.restore-failed')).toEqual([{ actor: 'system', details: { id: 'sma-cross', strategy: 'sma-cross', reason: 'sma-cross: fast (50) must be smaller than slow (3)' } }]);
    expect(loadSavedStrategies(settings).map((s) => s.id)).toEqual(['ema-cross']);
    // The app is told, not only the log: a page open now hears it stopped, with why (its panel's message),
    // and one opened later finds it among the catalog's problems.
    const why = 'was running when Keel last stopped and was not started again: sma-cross: fast (50) must be smaller than slow (3)';
    const told = app.of('strategy.state').filter((e) => e.id === 'sma-cross');
    expect(told.map((e) => [e.status, e.statusText])).toEqual([['stopped', `stopped: it ${why}`]]);
    expect(RunningStrategySchema.safeParse(told[0]).success).toBe(true);
    expect((await app.strategies.catalog()).problems).toEqual([{ file: 'sma-cross', message: `sma-cross ${why}` }]);
  });

  it("one of the trader's own whose file is gone since is told to the app with the reason, its open position named", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-gone-'));
    const file = join(dir, 'gone-soon.mjs');
    writeFileSync(file, `export default { name: 'gone-soon', description: 'buys at its second bar', params: {}, create: (_p, ctx) => { let n = 0; return { onBar() { if (++n === 2) ctx.buy(0.1); } }; } };\n`);
    try {
      await loadStrategyFile(file);
      startReplay();
      await app.strategies.start({ strategy: 'gone-soon' });
      play(5);
      expect(app.strategies.running()[0]!.position.qty).toBe('0.1');
      app.strategies.close();
    } finally {
      // The file deleted while Keel was closed: it is no longer a strategy at the next start-up.
      dropOwnStrategies(file);
      rmSync(dir, { recursive: true, force: true });
    }
    app.strategies = app.newService();
    app.strategies.restore();
    expect(app.strategies.running()).toEqual([]);
    const why =
      'was running when Keel last stopped and was not started again: unknown strategy "gone-soon"; strategies: sma-cross, ema-cross, rsi-reversion, bollinger-reversion, donchian-breakout, ai-assisted; its position of 0.1 BTC/USDT stays open in ledger strategy:gone-soon';
    expect(app.of('strategy.state').at(-1)).toMatchObject({ id: 'gone-soon', status: 'stopped', statusText: `stopped: it ${why}`, position: { qty: '0.1' } });
    expect((await app.strategies.catalog()).problems).toEqual([{ file: 'gone-soon', message: `gone-soon ${why}` }]);
  });
});

describe('the account changes', () => {
  it('arming stops the paper strategies and says so; a live run is never saved; disarming stops it', async () => {
    startReplay();
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } });
    app.arm();
    expect(app.strategies.running()).toEqual([]);
    expect(app.of('strategy.state').at(-1)).toMatchObject({
      id: 'sma-cross',
      status: 'stopped',
      statusText: 'stopped: live trading was armed on binance:main; a strategy stays on the account it started on (paper), so start it again to run on binance:main',
      stoppedBy: 'keel',
    });
    expect(auditRows('strategy.stop').at(-1)).toMatchObject({ actor: 'system' });
    expect(loadSavedStrategies(sqliteSettings(app.journal.db))).toEqual([]);

    const live = await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } });
    expect(live).toMatchObject({ id: 'sma-cross', account: 'binance:main' });
    expect(loadSavedStrategies(sqliteSettings(app.journal.db))).toEqual([]);
    play(25);
    expect(app.active.engine.orders({ status: 'all', limit: 100 }).every((o) => o.origin.kind === 'strategy')).toBe(true);
    expect(app.active.engine.orders({ status: 'all', limit: 100 }).length).toBeGreaterThan(0);
    expect(app.trading.engine.orders({ status: 'all', limit: 100 })).toEqual([]);
    app.disarm();
    expect(app.strategies.running()).toEqual([]);
    expect(app.of('strategy.state').at(-1)).toMatchObject({ status: 'stopped', statusText: expect.stringContaining('live trading on binance:main was disarmed') });
  });

  it('a replay that has played its last candle leaves it waiting, saying so, not running; played again it runs', async () => {
    startReplay();
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } });
    play(10);
    expect(app.strategies.running()[0]!.status).toBe('running');
    play(80);
    expect(app.replay.state().status).toBe('finished');
    expect(app.strategies.running()[0]).toMatchObject({ status: 'waiting', statusText: expect.stringMatching(/^waiting: its market sends no candles now \(replay of local:BTC\/USDT:1m finished: the stored candles end .*\); it runs again when they come$/) });
    expect(app.of('strategy.state').at(-1)).toMatchObject({ status: 'waiting' });
    startReplay();
    await new Promise((r) => setTimeout(r, 0));
    expect(app.strategies.running()[0]!.status).not.toBe('waiting');
  });

  it('a paused replay leaves it waiting, saying the replay is paused, not running; resumed it runs again', async () => {
    startReplay();
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } });
    play(10);
    expect(app.strategies.running()[0]).toMatchObject({ status: 'running', statusText: 'running: 10 bars' });
    // The trader pauses the replay: no bar comes, so its row must not read "running".
    app.replay.pause();
    expect(app.strategies.running()[0]).toMatchObject({ status: 'waiting', statusText: 'waiting: its market sends no candles now (replay of local:BTC/USDT:1m paused at 2024-01-01T00:10:00.000Z); it runs again when they come' });
    expect(app.of('strategy.state').at(-1)).toMatchObject({ id: 'sma-cross', status: 'waiting', bars: 10 });
    app.replay.resume();
    expect(app.strategies.running()[0]).toMatchObject({ status: 'running', statusText: 'running: 10 bars' });
    expect(app.of('strategy.state').at(-1)).toMatchObject({ id: 'sma-cross', status: 'running' });
  });

  it('the kill switch marks strategies halted until it is re-armed', async () => {
    startReplay();
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } });
    play(5);
    app.trading.risk.kill({ flatten: false, actor: 'user', via: 'ui', reason: 'enough' });
    expect(app.strategies.running()[0]).toMatchObject({ status: 'halted', statusText: 'halted: kill switch engaged (enough); new entries are refused, exits still pass', haltedBy: 'kill-switch' });
    expect(app.of('strategy.state').at(-1)).toMatchObject({ status: 'halted', haltedBy: 'kill-switch' });
    app.trading.risk.rearm('user', 'ui');
    expect(app.strategies.running()[0]).toMatchObject({ status: 'running', haltedBy: null });
    expect(app.of('strategy.state').at(-1)).toMatchObject({ status: 'running', haltedBy: null });
  });

  it('an entry refused while the kill switch is engaged: its note, and the rule that refused it as data', async () => {
    startReplay();
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } });
    play(5);
    expect(app.strategies.running()[0]!.refusedBy).toBeNull();
    app.trading.risk.kill({ flatten: true, actor: 'user', via: 'ui', reason: 'enough' });
    play(30);
    const s = app.strategies.running()[0]!;
    expect(s.notes.at(-1)).toMatch(/^refusal: sma-cross: buy [\d.]+ BTC\/USDT refused: risk: kill-switch: the kill switch is engaged \(enough\)/);
    expect(s.refusedBy).toBe('kill-switch');
    expect(app.of('strategy.state').at(-1)).toMatchObject({ refusedBy: 'kill-switch' });
  });

  it('a losing streak\'s cooldown marks strategies halted until it ends, as the kill switch does', async () => {
    startReplay();
    app.trading.risk.setLimits({ lossStreakLimit: 1, lossStreakCooldownMinutes: 5 }, 'user');
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } });
    // Into the zigzag's falling ten bars: a user's long there loses (the streak of one starts a five-minute cooldown).
    play(11);
    const user = { kind: 'user' } as const;
    app.trading.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '1' }, user);
    play(1);
    app.trading.engine.submit({ symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '1' }, user);
    play(1);
    expect(app.trading.risk.cooldownUntil).not.toBeNull();
    expect(app.strategies.running()[0]).toMatchObject({ status: 'halted', statusText: expect.stringMatching(/^halted: cooling down after 1 losing trade in a row, until 2024-01-01T00:\d\d:\d\dZ market time; new entries are refused, exits still pass$/), haltedBy: 'loss-streak-cooldown' });
    play(6);
    expect(app.trading.risk.cooldownUntil).toBeNull();
    expect(app.strategies.running()[0]).toMatchObject({ status: 'running', haltedBy: null });
  });
});

describe('direction', () => {
  /** The same app with its paper account a margin account (the app's is spot). */
  async function marginApp(): Promise<void> {
    await app.close();
    app = strategyApp({ fillModel: { slippageBps: 0 }, paperAccount: 'margin' });
    app.candles.upsert(SERIES, zigzag(80));
  }

  it('long and short on a margin paper account: short on the bearish cross, long on the bullish one, each turn an exit then an entry', async () => {
    await marginApp();
    expect(app.trading.engine.mode).toBe('margin');
    startReplay();
    app.trading.risk.setMode('conservative', 'user');
    // A take-profit no short can reach (a short gains at most 100 %) is refused where it may short.
    await expect(app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 }, direction: 'both', takeProfitPct: 100 })).rejects.toThrow(/^take-profit 100: a short's take-profit is a percent below its entry, so below 100 .*, and direction long and short lets the strategy short; every short's entry would be refused, and only the longs would trade\. Give one below 100$/);
    const started = await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 }, direction: 'both' });
    expect(started).toMatchObject({ id: 'sma-cross', account: 'paper', direction: 'both' });
    const held: number[] = [];
    const off = app.bus.on('strategy.state', (s) => {
      if (s.id === 'sma-cross') held.push(Number(s.position.qty));
    });
    play(45);
    off();
    // The zigzag turns down at bar 10 and up at bar 20, down again at 30: short, then long, then short.
    const sides = held.filter((q, i) => q !== 0 && Math.sign(q) !== Math.sign(held[i - 1] ?? 0)).map(Math.sign);
    expect(sides.slice(0, 3)).toEqual([-1, 1, -1]);
    // Through the one engine, with the strategy's origin; a reversal is two orders: the exit (the whole
    // position) at the open after the cross, then the entry at the open after that, never one order through zero.
    const fills = app.of('trading.fill').filter((f) => f.origin.kind === 'strategy' && f.origin.id === 'sma-cross');
    expect(fills.every((f) => f.account === 'paper')).toBe(true);
    expect(fills.map((f) => [f.side, (f.ts - T0) / 60_000])).toEqual([
      ['sell', 12],
      ['buy', 22],
      ['buy', 23],
      ['sell', 32],
      ['sell', 33],
      ['buy', 42],
      ['buy', 43],
    ]);
    expect(new Set(fills.map((f) => f.orderId)).size).toBe(fills.length);
    // Each exit buys back (or sells) exactly what the entry before it took.
    expect([fills[1]!.qty, fills[3]!.qty, fills[5]!.qty]).toEqual([fills[0]!.qty, fills[2]!.qty, fills[4]!.qty]);
    const log = app.log.lines.find((l) => l.includes('sma-cross started on'));
    expect(log).toMatch(/account paper, long and short, conservative \(entries up to 50% of equity\)/);
    expect(auditRows('strategy.start').at(-1)!.details).toMatchObject({ id: 'sma-cross', direction: 'both' });
    expect(app.strategies.running()[0]!.direction).toBe('both');
  });

  it('names the strategies that may short on an account: the paper account cannot become spot under them', async () => {
    await marginApp();
    startReplay();
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 }, direction: 'both' });
    await app.strategies.start({ strategy: 'ema-cross', direction: 'short' });
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 3, slow: 5 } });
    expect(app.strategies.mayShortOn('paper')).toEqual(['sma-cross (long and short)', 'ema-cross (short only)']);
    expect(app.strategies.mayShortOn('binance:main')).toEqual([]);
    app.strategies.stop('sma-cross');
    app.strategies.stop('ema-cross');
    expect(app.strategies.mayShortOn('paper')).toEqual([]);
    // Flat, no order open, no strategy that may short: spot again, and a long-only one runs on.
    app.trading.engine.setKind('spot');
    expect(app.trading.engine.mode).toBe('spot');
  });

  it('short or both on a spot account is refused up front, naming the account and what would work; nothing starts', async () => {
    startReplay();
    expect(app.trading.engine.mode).toBe('spot');
    for (const direction of ['short', 'both'] as const) {
      const words = direction === 'short' ? 'short only' : 'long and short';
      await expect(app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 }, direction })).rejects.toMatchObject({
        code: 'conflict',
        message: `sma-cross was not started: ${words} needs a margin account (shorts are sold with 1× collateral), and the paper account is spot, which cannot go short; start it long only on paper, or ${words} on a margin account`,
      });
    }
    expect(app.strategies.running()).toEqual([]);
    expect(loadSavedStrategies(sqliteSettings(app.journal.db))).toEqual([]);
    expect(auditRows('strategy.start')).toEqual([]);
    expect(app.of('strategy.state')).toEqual([]);
    play(25);
    expect(app.trading.engine.orders({ status: 'all', limit: 100 })).toEqual([]);
    // Long only still starts there, and says so.
    expect(await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 } })).toMatchObject({ id: 'sma-cross', direction: 'long' });
  });

  it('a restart keeps the direction; a strategy saved before directions is long; a saved short on a spot account is dropped with the reason', async () => {
    await marginApp();
    startReplay();
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 2, slow: 3 }, direction: 'both' });
    await app.strategies.start({ strategy: 'ema-cross', direction: 'short' });
    await app.strategies.start({ strategy: 'sma-cross', params: { fast: 3, slow: 5 } });
    const settings = sqliteSettings(app.journal.db);
    expect(loadSavedStrategies(settings).map((s) => [s.id, s.direction])).toEqual([
      ['sma-cross', 'both'],
      ['ema-cross', 'short'],
      ['sma-cross#2', 'long'],
    ]);
    app.strategies.close();
    app.strategies = app.newService();
    app.strategies.restore();
    expect(app.strategies.running().map((r) => [r.id, r.direction])).toEqual([
      ['sma-cross', 'both'],
      ['ema-cross', 'short'],
      ['sma-cross#2', 'long'],
    ]);
    expect(auditRows('strategy.start').at(-3)!.details).toMatchObject({ id: 'sma-cross', direction: 'both', restored: true });

    // On the app's spot paper account: an entry saved before strategies had a direction starts long; a
    // saved short cannot run there, and is dropped with the reason.
    await app.close();
    app = strategyApp({ fillModel: { slippageBps: 0 } });
    app.candles.upsert(SERIES, zigzag(80));
    const series = { source: 'replay', exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' };
    sqliteSettings(app.journal.db).write('strategies.running', [
      { id: 'sma-cross', strategy: 'sma-cross', params: { fast: 2, slow: 3 }, series },
      { id: 'ema-cross', strategy: 'ema-cross', params: {}, series, direction: 'short' },
    ]);
    app.strategies.restore();
    expect(app.strategies.running().map((r) => [r.id, r.direction])).toEqual([['sma-cross', 'long']]);
    expect(auditRows('strategy.restore-failed')).toEqual([
      { actor: 'system', details: { id: 'ema-cross', strategy: 'ema-cross', reason: expect.stringMatching(/^ema-cross was not started: short only needs a margin account .*the paper account is spot/) } },
    ]);
    expect(loadSavedStrategies(sqliteSettings(app.journal.db)).map((s) => [s.id, s.direction])).toEqual([['sma-cross', 'long']]);
  });
});
