// A strategy file of the trader's own runs on an account in a worker thread of its own (strategy-thread.ts):
// its orders still go through the one engine and risk gate, its errors still come back as its own, and an
// onBar that never returns stops the strategy after STUCK_AFTER_MS instead of holding the engine's thread,
// with it the kill switch, for ever. The replay here is the app's, stepped by hand; the strategies are real
// files, imported by the service's thread as the app imports them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadOwnStrategies, loadStrategyFile } from '../../../electron/strategies/own-strategies.ts';
import { dropOwnStrategies } from '../../../electron/strategies/registry.ts';
import { loadSavedStrategies } from '../../../electron/strategies/saved-strategies.ts';
import { sqliteSettings } from '../../../electron/risk/settings-store.ts';
import type { StrategyContext } from '../../../electron/strategies/strategy.ts';
import { StrategyThread, STUCK_AFTER_MS } from '../../../electron/strategies/strategy-thread.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { strategyApp, type StrategyApp } from '../../helpers/strategy-app.ts';

const SERIES = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const OOM_CHILD = fileURLToPath(new URL('../../helpers/strategy-thread-oom-child.ts', import.meta.url));
const T0 = Date.UTC(2024, 0, 1);

function rising(n: number): Candle[] {
  return Array.from({ length: n }, (_, i) => ({ t: T0 + i * 60_000, o: 100 + i, h: 101 + i, l: 99 + i, c: 100.5 + i, v: 10 }));
}

let app: StrategyApp;
let dir: string;
const files: string[] = [];

/** Writes a strategy file and loads it as the app loads the data directory's strategies. */
async function strategyFile(name: string, body: string): Promise<string> {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, `export default { name: ${JSON.stringify(name)}, description: 'a test strategy', params: {}, create: (_p, ctx) => { let n = 0; ${body} } };\n`);
  files.push(file);
  return loadStrategyFile(file);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-strategy-thread-'));
  app = strategyApp({ fillModel: { slippageBps: 0 } });
  app.candles.upsert(SERIES, rising(40));
  // Playing on the manual clock: no bar comes until a test steps it (a paused replay leaves strategies waiting).
  app.market.startReplay(SERIES, { speed: 1, history: 0 });
});

afterEach(async () => {
  await app.close();
  for (const f of files.splice(0)) dropOwnStrategies(f);
  rmSync(dir, { recursive: true, force: true });
});

/** Plays `candles` candles of the replay (four ticks each). */
const play = (candles: number) => app.replay.step(candles * 4);
const byId = (id: string) => app.strategies.running().find((r) => r.id === id);
const strategyFills = () => app.trading.engine.fills({ limit: 100 }).filter((f) => f.origin.kind === 'strategy');

describe('a strategy of the trader\u2019s own on an account', () => {
  it('trades through the engine from its thread: its buy fills, and it reads its position back', async () => {
    await strategyFile(
      'thread-buyer',
      `return { onBar(bar) { n++; if (n === 3) ctx.buy(0.1, { tag: 'third' }); if (n === 6) { ctx.note('position ' + ctx.position() + ' at bar ' + bar.index); ctx.note({ at: bar.index }); } } };`,
    );
    await app.strategies.start({ strategy: 'thread-buyer' });
    play(8);
    const fills = strategyFills();
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ side: 'buy', qty: '0.1', origin: { kind: 'strategy', id: 'thread-buyer' } });
    // Placed at the third bar's close, filled at the fourth's open, as inline.
    expect(fills[0]!.ts).toBe(T0 + 3 * 60_000);
    expect(byId('thread-buyer')!.notes).toContain('position 0.1 at bar 5');
    // An object note crosses as JSON, as a backtest keeps it (note-text.ts), not "[object Object]".
    expect(byId('thread-buyer')!.notes).toContain('{"at":5}');
  });

  it('sees a refused call as the error its own code can catch, of the same class', async () => {
    await strategyFile(
      'thread-catcher',
      `return { onBar() { n++; if (n === 2 || n === 3) { try { if (n === 2) ctx.buy(0.1, { stopLoss: 90, stopLossPct: 5 }); else ctx.buy(0.1, 'breakout'); } catch (e) { ctx.note((e instanceof RangeError ? 'RangeError: ' : 'other: ') + e.message); } } } };`,
    );
    await app.strategies.start({ strategy: 'thread-catcher' });
    play(4);
    const notes = byId('thread-catcher')!.notes.filter((m) => m.startsWith('RangeError: ') || m.startsWith('other: '));
    expect(notes[0]).toBe("RangeError: thread-catcher: give an entry's stopLoss or its stopLossPct, not both (got 90 and 5%)");
    // Options that are not an object cross as they are, and are refused as inline (spread, the text crossed as { 0: 'b', … }).
    expect(notes[1]).toBe(`RangeError: thread-catcher: buy(qty, options): options must be an object such as { stopLoss: 41200, tag: 'breakout' }, got text "breakout"`);
    expect(strategyFills()).toHaveLength(0);
  });

  it('tells a failure in its code with the line of its file, and goes on with the next bar', async () => {
    await strategyFile('thread-thrower', `return { onBar() {\n n++;\n if (n === 2) throw new Error('no such level');\n if (n === 4) ctx.note('still here'); } };`);
    await app.strategies.start({ strategy: 'thread-thrower' });
    play(5);
    const notes = byId('thread-thrower')!.notes;
    expect(notes.find((m) => m.startsWith('error: '))).toMatch(/^error: thread-thrower failed on the local:BTC\/USDT:1m candle at 2024-01-01T00:01:00\.000Z: no such level \(at thread-thrower\.mjs:\d+:\d+\)$/);
    expect(notes).toContain('still here');
    expect(byId('thread-thrower')!.status).not.toBe('stopped');
  });

  it('says a thrown value that is not an Error is one, from its thread too, where it printed as the bare value', async () => {
    await strategyFile('thread-stringer', `return { onBar() {\n n++;\n if (n === 2) throw 'no such level';\n } };`);
    await app.strategies.start({ strategy: 'thread-stringer' });
    play(4);
    expect(byId('thread-stringer')!.notes.find((m) => m.startsWith('error: '))).toMatch(
      /^error: thread-stringer failed on the local:BTC\/USDT:1m candle at 2024-01-01T00:01:00\.000Z: onBar\(bar\) threw a string, not an Error: "no such level" \(a thrown value that is not an Error has no stack/,
    );
  });

  it('says failing, not running, while its code throws at every bar, with one note for the same error, and running again once a bar goes through', async () => {
    await strategyFile('thread-failer', `return { onBar() {\n n++;\n if (n >= 2 && n <= 5) throw new Error('no such level');\n } };`);
    await app.strategies.start({ strategy: 'thread-failer' });
    play(2);
    expect(byId('thread-failer')).toMatchObject({ status: 'failing' });
    expect(byId('thread-failer')!.statusText).toMatch(/^failing: its code failed at the last bar \(the local:BTC\/USDT:1m candle at 2024-01-01T00:01:00\.000Z: no such level \(at thread-failer\.mjs:\d+:\d+\)\); it keeps hearing bars and its position stays as it is: stop it, fix its code and start it again$/);
    play(3);
    const failing = byId('thread-failer')!;
    expect(failing.status).toBe('failing');
    expect(failing.statusText).toMatch(/^failing: its code failed at each of the last 4 bars \(the local:BTC\/USDT:1m candle at 2024-01-01T00:04:00\.000Z: no such level/);
    // The same error at each bar: one note and one stack in the log, the count in the status.
    expect(failing.notes.filter((m) => m.startsWith('error: '))).toHaveLength(1);
    expect(app.log.lines.filter((l) => l.includes('thread-failer failed on'))).toHaveLength(1);
    play(1);
    expect(byId('thread-failer')).toMatchObject({ status: 'running', statusText: 'running: 6 bars' });
  });

  it('writes its console lines into the app\u2019s log under its id, each as it is written', async () => {
    await strategyFile('thread-talker', `return { onBar(bar) { n++; console.log('bar %d closed at %s', bar.index, bar.c); if (n === 2) console.warn('two bars'); } };`);
    await app.strategies.start({ strategy: 'thread-talker' });
    play(3);
    const said = app.log.lines.filter((l) => l.includes('thread-talker: '));
    expect(said).toHaveLength(4);
    expect(said[0]).toMatch(/INFO.*strategy.*thread-talker: bar 0 closed at 100\.5$/i);
    expect(said[2]).toMatch(/WARN.*thread-talker: two bars$/i);
    expect(said[3]).toMatch(/thread-talker: bar 2 closed at 102\.5$/);
  });

  it('writes console.table and console.dir as Node would render them, into the same log', async () => {
    // Before, they went to the thread's own stdout, which is never flushed (its event loop does not turn).
    await strategyFile('thread-tabler', `return { onBar(bar) { n++; if (n === 1) { console.table([{ bar: bar.index, close: bar.c }]); console.dir({ levels: [1, 2] }); } } };`);
    await app.strategies.start({ strategy: 'thread-tabler' });
    play(2);
    const said = app.log.lines.filter((l) => l.includes('thread-tabler: ')).map((l) => l.slice(l.indexOf('thread-tabler: ') + 'thread-tabler: '.length));
    const table = said.find((l) => l.includes('close'));
    expect(table).toBeDefined();
    expect(table!.split('\n')).toEqual(expect.arrayContaining([expect.stringMatching(/│ \(index\) │ bar │ close │/), expect.stringMatching(/│ 0\s+│ 0\s+│ 100\.5\s+│/)]));
    expect(said).toContain('{ levels: [ 1, 2 ] }');
  });

  it('starts the file as it is now: edited since it was loaded, the new code runs; broken since, it is not started and says why', async () => {
    const file = join(dir, 'edited.mjs');
    // The second version reads an SMA 3 its first did not declare: its warm-up is the new one's.
    const text = (v: string, indicators: string) => `export default { name: 'edited', description: 'says its version', params: {}, indicators: () => [${indicators}], create: (_p, ctx) => ({ onBar() { ctx.note('${v}'); } }) };\n`;
    writeFileSync(file, text('v1', ''));
    files.push(file);
    await loadStrategyFile(file);
    const service = app.newService({ ownStrategies: async () => (await loadOwnStrategies(dir, { probe: true })).problems });
    try {
      writeFileSync(file, text('v2', "{ name: 'sma', params: { period: 3 }, warmup: 2 }"));
      const later = Date.now() / 1000 + 5;
      utimesSync(file, later, later);
      expect(await service.start({ strategy: 'edited' })).toMatchObject({ status: 'warming', statusText: 'warming up: 0 of 3 bars' });
      play(1);
      expect(service.running()[0]!.notes).toContain('v2');
      service.stop('edited');
      writeFileSync(file, 'export default { name: "edited", create( {\n');
      utimesSync(file, later + 5, later + 5);
      await expect(service.start({ strategy: 'edited' })).rejects.toThrow(/^edited was not started: .*edited\.mjs: could not be loaded: /);
    } finally {
      await service.close();
    }
  });

  it(
    'stuck in a loop on a later bar, it is stopped within the time it has; the engine and the kill switch go on',
    async () => {
      await strategyFile('thread-stuck', `return { onBar() { n++; if (n === 2) ctx.buy(0.1); if (n === 5) for (;;) {} } };`);
      await app.strategies.start({ strategy: 'thread-stuck' });
      expect(loadSavedStrategies(sqliteSettings(app.journal.db)).map((s) => s.id)).toEqual(['thread-stuck']);
      const before = performance.now();
      play(6);
      const held = performance.now() - before;
      // Its stop waits for the bus's handler to return, and its thread to end (which says why it did).
      await vi.waitFor(() => expect(byId('thread-stuck')).toBeUndefined(), { timeout: 3_000 });
      expect(held).toBeGreaterThanOrEqual(STUCK_AFTER_MS - 50);
      expect(held).toBeLessThan(STUCK_AFTER_MS + 2_000);
      expect(byId('thread-stuck')).toBeUndefined();
      const stopped = app.of('strategy.state').filter((s) => s.id === 'thread-stuck').at(-1)!;
      expect(stopped.status).toBe('stopped');
      expect(stopped.statusText).toMatch(/^stopped: thread-stuck did not finish with the bar at 2024-01-01T00:04:00\.000Z within 2 s \(stuck in a loop\?\)/);
      // Stuck is not failing: its row never read "failing … at each of the last 3 bars" on its way to stopped.
      expect(app.of('strategy.state').filter((s) => s.id === 'thread-stuck').map((s) => s.status)).not.toContain('failing');
      const audit = app.journal.db.prepare("SELECT actor, details FROM audit_log WHERE action = 'strategy.stop'").all() as { actor: string; details: string }[];
      expect(audit.map((a) => a.actor)).toEqual(['system']);
      expect(JSON.parse(audit[0]!.details)).toMatchObject({ id: 'thread-stuck', position: { qty: '0.1' } });
      // Not started again at the next start-up.
      expect(loadSavedStrategies(sqliteSettings(app.journal.db))).toEqual([]);
      // The engine's thread is free: the replay plays on, and the kill switch engages.
      play(2);
      const report = app.trading.risk.kill({ flatten: true, actor: 'user', via: 'ui', reason: 'after the stuck strategy' });
      expect(report.state.kill.engaged).toBe(true);
      // Its flatten fills at the next price: the stopped strategy's coins are sold.
      play(1);
      expect(app.trading.engine.portfolio.qtyFloat('BTC/USDT', 'strategy:thread-stuck')).toBe(0);
    },
    STUCK_AFTER_MS + 10_000,
  );
});

describe('the strategy thread on its own', () => {
  it('hands the strategy a fill its own buy set off on the engine’s thread inside that buy, as inline', async () => {
    const file = join(dir, 'nested-fill.mjs');
    writeFileSync(file, `export default { name: 'nested-fill', description: 'notes around its buy', params: {}, create: (_p, ctx) => ({ onBar() { ctx.note('before'); ctx.note('bought ' + ctx.buy(1)); }, onFill(f) { ctx.note('filled ' + f.qty); } }) };\n`);
    files.push(file);
    const said: string[] = [];
    let thread: StrategyThread | null = null;
    // A venue that fills a market order as it is placed: the fill reaches the strategy before buy returns.
    const ctx = {
      id: 'nested-fill',
      symbol: 'BTC/USDT',
      direction: 'long',
      note: (m: string) => said.push(m),
      buy: (qty: number) => {
        thread!.onFill({ ts: 1, side: 'buy', price: 100, qty, fee: 0 });
        return true;
      },
    } as unknown as StrategyContext;
    thread = new StrategyThread({ file, strategy: 'nested-fill', params: {}, barMs: 60_000, ctx });
    try {
      thread.onBar({ t: 0, o: 1, h: 1, l: 1, c: 1, v: 1, index: 0 });
      expect(said).toEqual(['before', 'filled 1', 'bought true']);
    } finally {
      thread.close();
    }
  });

  it('tells a strategy that ran out of memory mid-bar as such, and one stuck in a loop as that', () => {
    // Before, both were "stuck in a loop?": the engine's thread, waiting on the line, cannot tell a thread
    // that died from one that loops; the worker's error comes after, and says which.
    const file = join(dir, 'hoarder.mjs');
    writeFileSync(file, `export default { name: 'hoarder', description: 'keeps everything', params: {}, create: () => { const kept = []; return { onBar(bar) { if (bar.index === 1) for (;;) {} for (;;) { const chunk = []; for (let i = 0; i < 10000; i++) chunk.push({ t: i, c: bar.c }); kept.push(chunk); } } }; } };\n`);
    files.push(file);
    // In a child process (strategy-thread-oom-child.ts): the allocation that is usually stopped cleanly at the
    // thread's limit can abort its whole process instead (nodejs/node#47224), which once took the test runner
    // with it. A child that aborted so says nothing of the wording; it is run again, up to 3 times.
    // The thread filling its 128 MB is given 10 s before it counts as stuck: on a busy two-core machine it
    // took longer than the 1.5 s the loop is given, and was stopped as a loop before its heap ran out.
    const stopped = (index: number, stuckAfterMs: number): string => {
      for (let tries = 0; tries < 3; tries++) {
        const r = spawnSync(process.execPath, [OOM_CHILD, file, 'hoarder', String(index), '128', String(stuckAfterMs)], { encoding: 'utf8', timeout: 30_000 });
        if (r.status === 0) return (JSON.parse(r.stdout) as { reason: string }).reason;
        expect(r.signal === 'SIGABRT' || r.status === 134, `the child ended otherwise: ${r.status ?? r.signal} ${r.stderr.slice(-500)}`).toBe(true);
      }
      throw new Error('the child aborted 3 times out of 3');
    };
    expect(stopped(0, 10_000)).toBe("hoarder ran out of memory with the bar at 2024-01-01T00:00:00.000Z (a strategy's thread may use 128 MB; does it keep every bar or order it sees?): its thread ended, and so is the strategy stopped, so the engine and the kill switch go on");
    expect(stopped(1, 1_500)).toMatch(/^hoarder did not finish with the bar at 2024-01-01T00:01:00\.000Z within 1\.5 s \(stuck in a loop\?\)/);
  }, 60_000);

  it('says at once when its thread cannot make it with the parameters given (the file changed its ranges), not after the time to load', () => {
    const file = join(dir, 'ranged.mjs');
    writeFileSync(file, "export default { name: 'ranged', description: 'one parameter', params: { n: { type: 'int', default: 5, min: 1, max: 9 } }, create: () => ({ onBar() {} }) };\n");
    files.push(file);
    const ctx = { id: 'ranged', symbol: 'BTC/USDT', direction: 'long' } as unknown as StrategyContext;
    const started = performance.now();
    expect(() => new StrategyThread({ file, strategy: 'ranged', params: { n: 50 }, barMs: 60_000, ctx })).toThrow(/^ranged: .*n.*50/);
    // Not the 5 s a start may take (START_WITHIN_MS): the thread's own starting, slower beside a browser file, is all.
    expect(performance.now() - started).toBeLessThan(4_500);
  });
});
