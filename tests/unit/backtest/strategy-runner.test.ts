// The live StrategyRunner runs the same strategy code as a backtest, fed by market.candle events on the
// bus: a cross at a closed candle becomes a market order through the engine and the risk gate, filled at
// the next price, and the strategy hears of its fill.
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../electron/app/logger.ts';
import { feedFromMarketCandles } from '../../../electron/trading/market-candle-feed.ts';
import { StrategyRunner, type StrategyRunnerOptions } from '../../../electron/strategies/strategy-runner.ts';
import { paperRig } from '../trading/rig.ts';
import { loadStrategyFile } from '../../../electron/strategies/own-strategies.ts';
import { dropOwnStrategies } from '../../../electron/strategies/registry.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-runner-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes one of the trader's strategy files and loads it as the app does; its path. */
async function strategyFile(name: string, text: string): Promise<string> {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, text);
  await loadStrategyFile(file);
  return file;
}

/** A paper rig with a StrategyRunner of `strategy` on TST/USDT 1m, and a replay pass over bar numbers (each bar's tick first, with `ticks`). */
function runnerOn(strategy: string, onMessage?: StrategyRunnerOptions['onMessage']) {
  const r = paperRig({ fill: { slippageBps: 0 }, startBalance: '1000' });
  const series = { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' as const };
  const runner = new StrategyRunner({ bus: r.bus, engine: r.engine, rules: r.rules, series, strategy, positionShare: 1, takerFee: 0.001, onMessage });
  const t0 = Date.UTC(2024, 0, 1);
  const pass = (bars: number[], ticks = false) => {
    for (const i of bars) {
      const candle = { t: t0 + i * 60_000, o: 10, h: 11, l: 9, c: 10, v: 100 };
      if (ticks) r.bus.emit('market.candle', { series, candle, closed: false, source: 'replay' });
      r.bus.emit('market.candle', { series, candle, closed: true, source: 'replay' });
    }
  };
  return { r, runner, pass };
}

describe('StrategyRunner (live and paper)', () => {
  it('acts on closed candles of its series only, and orders fill at the next price', () => {
    const r = paperRig({ fill: { slippageBps: 0 }, startBalance: '1000' });
    feedFromMarketCandles(r.bus, r.feed, () => {}, memoryLogger());
    const series = { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' as const };
    const runner = new StrategyRunner({ bus: r.bus, engine: r.engine, rules: r.rules, series, strategy: 'sma-cross', params: { fast: 2, slow: 3 }, positionShare: 1, takerFee: 0.001 });
    const closes = [10, 10, 9, 11, 11, 9, 9, 9];
    const opens = [10, 10, 10, 9.5, 11.5, 10.5, 8.8, 9];
    const t0 = Date.UTC(2024, 0, 1);
    for (let i = 0; i < closes.length; i++) {
      const candle = (c: number) => ({ t: t0 + i * 60_000, o: opens[i]!, h: 12, l: 8, c, v: 100 });
      // The forming candle's first tick (its open), then the close; another series' candles are ignored.
      r.bus.emit('market.candle', { series, candle: candle(opens[i]!), closed: false, source: 'replay' });
      r.bus.emit('market.candle', { series: { ...series, symbol: 'BTC/USDT' }, candle: { t: t0 + i * 60_000, o: 1, h: 1, l: 1, c: 1, v: 1 }, closed: true, source: 'replay' });
      r.bus.emit('market.candle', { series, candle: candle(closes[i]!), closed: true, source: 'replay' });
    }
    runner.stop();
    const fills = r.engine.fills({ limit: 10 }).reverse();
    // The cross up at bar 4's close fills at bar 5's first price (its open); the cross down at bar 5's close at bar 6's open.
    expect(fills.map((f) => [f.side, f.price, f.qty, f.origin])).toEqual([
      ['buy', '10.5', '90.727', { kind: 'strategy', id: 'sma-cross' }],
      ['sell', '8.8', '90.727', { kind: 'strategy', id: 'sma-cross' }],
    ]);
    expect(r.engine.positions()[0]).toMatchObject({ ledger: 'strategy:sma-cross', qty: '0' });
  });

  it('starts over when a replay starts over from an earlier candle, and trades the second pass too', () => {
    const r = paperRig({ fill: { slippageBps: 0 }, startBalance: '1000' });
    feedFromMarketCandles(r.bus, r.feed, () => {}, memoryLogger());
    const series = { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' as const };
    const runner = new StrategyRunner({ bus: r.bus, engine: r.engine, rules: r.rules, series, strategy: 'sma-cross', params: { fast: 2, slow: 3 }, positionShare: 1, takerFee: 0.001 });
    const closes = [10, 10, 9, 11, 11, 9, 9, 9];
    const opens = [10, 10, 10, 9.5, 11.5, 10.5, 8.8, 9];
    const t0 = Date.UTC(2024, 0, 1);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < closes.length; i++) {
        const candle = (c: number) => ({ t: t0 + i * 60_000, o: opens[i]!, h: 12, l: 8, c, v: 100 });
        r.bus.emit('market.candle', { series, candle: candle(opens[i]!), closed: false, source: 'replay' });
        r.bus.emit('market.candle', { series, candle: candle(closes[i]!), closed: true, source: 'replay' });
      }
    }
    runner.stop();
    const fills = r.engine.fills({ limit: 10 }).reverse();
    expect(fills.map((f) => [f.side, f.price])).toEqual([
      ['buy', '10.5'],
      ['sell', '8.8'],
      ['buy', '10.5'],
      ['sell', '8.8'],
    ]);
    expect(runner.notes.some((n) => n.includes('a replay started over'))).toBe(true);
  });

  it('starts over at the first tick of a replay gone back: the strategy before it hears none of the new pass', async () => {
    // A trader's strategy file that writes what each of its instances hears (each runs in a thread of its own).
    const heardFile = join(dir, 'heard.txt');
    const file = await strategyFile(
      'ticker',
      `import { appendFileSync } from 'node:fs';
const say = (line) => appendFileSync(${JSON.stringify(heardFile)}, line + '\\n');
export default {
  name: 'ticker', description: 'writes what it hears', params: {},
  create: () => {
    const me = Math.random().toString(36).slice(2);
    return {
      onTick(t) { say(me + ' tick ' + (t - Date.UTC(2024, 0, 1)) / 60000); },
      onBar(bar) { say(me + ' bar ' + (bar.t - Date.UTC(2024, 0, 1)) / 60000); },
    };
  },
};
`,
    );
    try {
      const { runner, pass } = runnerOn('ticker');
      pass([0, 1, 2], true);
      pass([0, 1], true);
      runner.stop();
      // The instances in the order they were heard from, numbered.
      const ids: string[] = [];
      const heard = readFileSync(heardFile, 'utf8').trim().split('\n').map((l) => {
        const [id, ...rest] = l.split(' ');
        if (!ids.includes(id!)) ids.push(id!);
        return `#${ids.indexOf(id!) + 1} ${rest.join(' ')}`;
      });
      // The second pass's first tick goes to a new instance, and so does everything after it: once.
      expect(heard).toEqual(['#1 tick 0', '#1 bar 0', '#1 tick 1', '#1 bar 1', '#1 tick 2', '#1 bar 2', '#2 tick 0', '#2 bar 0', '#2 tick 1', '#2 bar 1']);
      expect(runner.notes.filter((n) => n.includes('a replay started over'))).toHaveLength(1);
    } finally {
      dropOwnStrategies(file);
    }
  });

  it('keeps the code it started with when a replay starts it over, though its file changed meanwhile', async () => {
    const said = join(dir, 'said.txt');
    const version = (v: string) => `import { appendFileSync } from 'node:fs';
export default { name: 'versioned', description: 'says its version', params: {}, create: () => ({ onBar(bar) { appendFileSync(${JSON.stringify(said)}, '${v} ' + (bar.t - Date.UTC(2024, 0, 1)) / 60000 + '\\n'); } }) };
`;
    const file = await strategyFile('versioned', version('v1'));
    try {
      const { runner, pass } = runnerOn('versioned');
      pass([0, 1]);
      // The trader edits the file while it runs (the app would load the new one at the next Reload).
      writeFileSync(file, version('v2'));
      const later = Date.now() / 1000 + 5;
      utimesSync(file, later, later);
      pass([0, 1]);
      runner.stop();
      expect(readFileSync(said, 'utf8').trim().split('\n')).toEqual(['v1 0', 'v1 1', 'v1 0', 'v1 1']);
      expect(runner.notes.filter((n) => n.includes('a replay started over'))).toHaveLength(1);
    } finally {
      dropOwnStrategies(file);
    }
  });

  it('tells a strategy stuck as a replay starts it over (its second create() never returns), without throwing into the bus', async () => {
    const file = await strategyFile('stuck-restart', `let made = 0;\nexport default { name: 'stuck-restart', description: 'loops in its second create', params: {}, create: () => { if (++made === 2) for (;;) {} return { onBar() {} }; } };\n`);
    try {
      const told: [string, string][] = [];
      const { runner, pass } = runnerOn('stuck-restart', (kind, text) => told.push([kind, text]));
      pass([0, 1, 2]);
      expect(() => pass([0, 1])).not.toThrow();
      // Told once its thread has ended (which says whether it ran out of memory rather than looped).
      await vi.waitFor(() => expect(told.some(([kind]) => kind === 'stuck')).toBe(true));
      runner.stop();
      const stuck = told.filter(([kind]) => kind === 'stuck').map(([, text]) => text);
      expect(stuck).toHaveLength(1);
      expect(stuck[0]).toMatch(/^stuck-restart did not finish with create\(\) within 2 s \(stuck in a loop\?\)/);
    } finally {
      dropOwnStrategies(file);
    }
  }, 15_000);

  it("keeps a strategy's own mistakes to itself: a throwing onFill or onBar is told, the fill still reaches everyone else", async () => {
    // A trader's strategy file: buys at the first close, then throws on its fill and at bar 3.
    const file = await strategyFile(
      'clumsy',
      `export default {
  name: 'clumsy', description: 'makes mistakes', params: {},
  create: (_p, ctx) => ({
    onBar(bar) {
      if (bar.index === 0) ctx.buy(ctx.maxBuyQty(bar.c));
      if (bar.index === 3) throw new TypeError('bar.missing is undefined');
    },
    onFill() {
      throw new RangeError('no such field');
    },
  }),
};
`,
    );
    try {
      const r = paperRig({ fill: { slippageBps: 0 }, startBalance: '1000' });
      feedFromMarketCandles(r.bus, r.feed, () => {}, memoryLogger());
      const series = { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' as const };
      const told: string[] = [];
      const runner = new StrategyRunner({ bus: r.bus, engine: r.engine, rules: r.rules, series, strategy: 'clumsy', positionShare: 1, takerFee: 0.001, onMessage: (_kind, text) => told.push(text) });
      const heard: string[] = [];
      r.bus.on('trading.fill', (f) => heard.push(f.side));
      const t0 = Date.UTC(2024, 0, 1);
      for (let i = 0; i < 5; i++) {
        const candle = { t: t0 + i * 60_000, o: 10, h: 11, l: 9, c: 10, v: 100 };
        r.bus.emit('market.candle', { series, candle: { ...candle, c: 10 }, closed: false, source: 'replay' });
        r.bus.emit('market.candle', { series, candle, closed: true, source: 'replay' });
      }
      runner.stop();
      expect(r.engine.fills({ limit: 10 }).map((f) => f.side)).toEqual(['buy']);
      expect(heard).toEqual(['buy']);
      // Its errors cross back from its thread with the line of its file.
      expect(told).toEqual([
        expect.stringMatching(/^clumsy failed on its fill .*: no such field \(at clumsy\.mjs:9:\d+\)$/),
        expect.stringMatching(/^clumsy failed on the local:TST\/USDT:1m candle at 2024-01-01T00:03:00\.000Z: bar\.missing is undefined \(at clumsy\.mjs:6:\d+\)$/),
      ]);
    } finally {
      dropOwnStrategies(file);
    }
  });

  it('seeded with the market’s last closed bars, acts on the first bar it hears, the same orders as a run that heard them all', () => {
    const closes = [10, 10, 9, 11, 11, 9, 9, 9];
    const opens = [10, 10, 10, 9.5, 11.5, 10.5, 8.8, 9];
    const t0 = Date.UTC(2024, 0, 1);
    const candle = (i: number, c: number) => ({ t: t0 + i * 60_000, o: opens[i]!, h: 12, l: 8, c, v: 100 });
    const series = { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' as const };
    /** The bars from `from` on through a fresh rig, the ones before it seeded (or all heard with from 0). */
    const runFrom = (from: number) => {
      const r = paperRig({ fill: { slippageBps: 0 }, startBalance: '1000' });
      feedFromMarketCandles(r.bus, r.feed, () => {}, memoryLogger());
      const runner = new StrategyRunner({ bus: r.bus, engine: r.engine, rules: r.rules, series, strategy: 'sma-cross', params: { fast: 2, slow: 3 }, positionShare: 1, takerFee: 0.001 });
      expect(runner.seed(closes.slice(0, from).map((c, i) => candle(i, c)))).toBe(from);
      expect(runner.bars).toBe(from);
      for (let i = from; i < closes.length; i++) {
        r.bus.emit('market.candle', { series, candle: candle(i, opens[i]!), closed: false, source: 'replay' });
        r.bus.emit('market.candle', { series, candle: candle(i, closes[i]!), closed: true, source: 'replay' });
      }
      runner.stop();
      return { fills: r.engine.fills({ limit: 10 }).reverse().map((f) => [f.side, f.price]), bars: runner.bars, seeded: runner.seeded };
    };
    const heard = runFrom(0);
    // Bars 0-1 seeded (its warm-up): its averages have values at bar 2, the first it hears, as at the first
    // bar of a backtest from --from; it buys at the cross up at bar 4's close, as the run that heard them all.
    const seeded = runFrom(2);
    expect(heard.fills).toEqual([
      ['buy', '10.5'],
      ['sell', '8.8'],
    ]);
    expect(seeded.fills).toEqual(heard.fills);
    expect(seeded).toMatchObject({ bars: 8, seeded: 2 });
    // Seeded one bar more, it does not hear bar 2, where the fast average is first below the slow one (at
    // bar 3 they are equal), and still buys at bar 4's cross: the side the averages were on before the first
    // bar it hears is read back through the seeded bars (CrossTracker.seed). Before, it missed that cross,
    // and a run from one date missed a trade that a run from an earlier date made.
    expect(runFrom(3).fills).toEqual(heard.fills);
  });

  it('takes a seed only before the first bar it hears, in time order; a seeded bar arriving late is no replay starting over', () => {
    const r = paperRig({ fill: { slippageBps: 0 }, startBalance: '1000' });
    const notes: string[] = [];
    const series = { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' as const };
    const runner = new StrategyRunner({ bus: r.bus, engine: r.engine, rules: r.rules, series, strategy: 'sma-cross', params: { fast: 2, slow: 3 }, onMessage: (_k, m) => notes.push(m) });
    const t0 = Date.UTC(2024, 0, 1);
    const bar = (i: number) => ({ t: t0 + i * 60_000, o: 10, h: 11, l: 9, c: 10, v: null });
    expect(() => runner.seed([bar(1), bar(0)])).toThrow('the warm-up bars must be in time order, one per open time; 2024-01-01T00:00:00.000Z follows 2024-01-01T00:01:00.000Z');
    expect(runner.bars).toBe(0);
    expect(runner.seed([bar(0), bar(1), bar(2)])).toBe(3);
    expect(runner.lastBarAt).toBe(t0 + 2 * 60_000);
    // The stream's copy of a seeded bar, late: ignored, not a start over.
    r.bus.emit('market.candle', { series, candle: { ...bar(1), v: 1 }, closed: true, source: 'replay' });
    expect(runner.bars).toBe(3);
    expect(notes).toEqual([]);
    r.bus.emit('market.candle', { series, candle: { ...bar(3), v: 1 }, closed: true, source: 'replay' });
    expect(runner.bars).toBe(4);
    // A second seed, or one after a bar was heard, would leave a hole: none is taken.
    expect(runner.seed([bar(4)])).toBe(0);
    expect(runner.bars).toBe(4);
    runner.stop();
  });

  it('seeded, before it hears a bar: one before the first seeded bar is a replay gone back past the warm-up, not a late copy', () => {
    const r = paperRig({ fill: { slippageBps: 0 }, startBalance: '1000' });
    const notes: string[] = [];
    const series = { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' as const };
    const runner = new StrategyRunner({ bus: r.bus, engine: r.engine, rules: r.rules, series, strategy: 'sma-cross', params: { fast: 2, slow: 3 }, onMessage: (_k, m) => notes.push(m) });
    const t0 = Date.UTC(2024, 0, 1);
    const bar = (i: number) => ({ t: t0 + i * 60_000, o: 10, h: 11, l: 9, c: 10, v: 1 });
    expect(runner.seed([bar(10), bar(11), bar(12)])).toBe(3);
    r.bus.emit('market.candle', { series, candle: bar(5), closed: true, source: 'replay' });
    expect(runner.bars).toBe(1);
    expect(runner.lastBarAt).toBe(bar(5).t);
    expect(notes).toEqual([expect.stringContaining('market time went back to 2024-01-01T00:05:00.000Z (a replay started over)')]);
    runner.stop();
  });

  it('starting over, reads the warm-up before the new start from barsBefore: its last bars only, and none that do not open before it', () => {
    const r = paperRig({ fill: { slippageBps: 0 }, startBalance: '1000' });
    const series = { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' as const };
    const t0 = Date.UTC(2024, 0, 1);
    const bar = (i: number) => ({ t: t0 + i * 60_000, o: 10, h: 11, l: 9, c: 10, v: null });
    const asked: [number, number][] = [];
    let answer: (t: number) => ReturnType<typeof bar>[] = () => [];
    const runner = new StrategyRunner({
      bus: r.bus,
      engine: r.engine,
      rules: r.rules,
      series,
      strategy: 'sma-cross',
      params: { fast: 2, slow: 3 },
      barsBefore: (t, limit) => {
        asked.push([t, limit]);
        return answer(t);
      },
    });
    const hear = (i: number) => r.bus.emit('market.candle', { series, candle: bar(i), closed: true, source: 'replay' });
    for (let i = 0; i < 6; i++) hear(i);
    expect(asked).toEqual([]);
    // Going back to bar 4: asked for its warm-up's 3 bars before it (slow 3, and the bar before for the side
    // the averages were on); given 4, it takes the last 3.
    answer = (t) => [bar(0), bar(1), bar(2), bar(3)].filter((b) => b.t < t);
    hear(4);
    expect(asked).toEqual([[t0 + 4 * 60_000, 3]]);
    expect({ bars: runner.bars, seeded: runner.seeded, lastBarAt: runner.lastBarAt }).toEqual({ bars: 4, seeded: 3, lastBarAt: t0 + 4 * 60_000 });
    expect(runner.notes.at(-1)).toBe("sma-cross: market time went back to 2024-01-01T00:04:00.000Z (a replay started over): the strategy starts over from there, and read the 3 closed 1m bars before it for its indicators' warm-up");
    // A reader that gives the restart bar itself (or later) would let the strategy see it twice: none taken.
    answer = (t) => [bar(0), { ...bar(1), t }];
    hear(1);
    expect({ bars: runner.bars, seeded: runner.seeded }).toEqual({ bars: 1, seeded: 0 });
    expect(runner.notes.at(-1)).toBe(
      'sma-cross: market time went back to 2024-01-01T00:01:00.000Z (a replay started over): the strategy starts over from there; its warm-up bars were not used (the warm-up bars must open before 2024-01-01T00:01:00.000Z; the last opens at 2024-01-01T00:01:00.000Z): it warms up on the bars it hears',
    );
    // A reader that fails leaves it warming up on the bars it hears, saying why.
    answer = () => {
      throw new Error('the journal is closed');
    };
    hear(0);
    expect({ bars: runner.bars, seeded: runner.seeded }).toEqual({ bars: 1, seeded: 0 });
    expect(runner.notes.at(-1)).toMatch(/its warm-up bars were not used \(the journal is closed\): it warms up on the bars it hears$/);
    runner.stop();
  });

  it('refuses an unknown strategy with the list, as the CLI does', () => {
    const r = paperRig();
    expect(() => new StrategyRunner({ bus: r.bus, engine: r.engine, rules: r.rules, series: { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' }, strategy: 'nope' })).toThrow(/unknown strategy "nope"; strategies: sma-cross/);
  });
});
