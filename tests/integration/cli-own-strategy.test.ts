// `keel backtest` with a strategy of the trader's own, as a user runs it (node bin/keel.js in a child
// process): the example file named with --strategy gives the built-in sma-cross's fills to the last
// digit (the same engine, only the strategy's code is theirs); a file in the data directory's strategies
// folder is found by name, also by a parameter search's worker threads; a broken file stops the command
// with what to change and writes no report; a strategy that throws mid-run says at which bar and line; one
// whose onBar never returns is stopped after KEEL_STRATEGY_TIMEOUT_S, saying where, instead of hanging.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const KEEL = path.join(repoRoot, 'bin', 'keel.js');
const EXAMPLE = path.join(repoRoot, 'examples', 'strategies', 'my-sma-cross.ts');
const M1 = path.resolve(repoRoot, '..', 'shared', 'data', 'binanceus_BTCUSDT_1m_20230301_20230321.csv');
const H1 = path.resolve(repoRoot, '..', 'shared', 'data', 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv');
const ETH_H1 = path.resolve(repoRoot, '..', 'shared', 'data', 'binance_futures_markprice_ETHUSDT_1h_20191223_20240109.csv');

let dir: string;
let dataDir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-own-strategy-'));
  dataDir = path.join(dir, 'data');
  mkdirSync(path.join(dataDir, 'strategies'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keel(args: string[], extraEnv: Record<string, string> = {}, timeout = 120_000) {
  const env = { ...process.env, ...extraEnv };
  delete env.KEEL_DATA_DIR;
  const r = spawnSync(process.execPath, [KEEL, 'backtest', '--data-dir', dataDir, ...args], { cwd: dir, env, encoding: 'utf8', timeout });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * keel() without holding this thread: for runs that spend their time waiting out a stall limit (a blocked
 * call, 1 to 5 s), started together so the test waits out those limits once rather than one after another.
 */
function keelAsync(args: string[], extraEnv: Record<string, string> = {}, timeout = 120_000): Promise<{ code: number | null; out: string; err: string }> {
  const env = { ...process.env, ...extraEnv };
  delete env.KEEL_DATA_DIR;
  const child = spawn(process.execPath, [KEEL, 'backtest', '--data-dir', dataDir, ...args], { cwd: dir, env, timeout });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });
}

type Report = { metrics: Record<string, number | null>; fills: unknown[]; equity: [number, number][]; notes: string[] };
/** What the JSON report says of tags: the entry-tag rows and each trade's tags. */
type Tagged = { entryTags: { tag: string | null; trades: number; pnl: number }[]; trades: { closed: boolean; pnl: number; entryTag?: string; exitTag?: string }[]; fills: object[] };
const report = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Report;

describe('keel backtest with your own strategy', () => {
  it('runs a strategy file named with --strategy through the same engine: the built-in twin gives the same fills', () => {
    const common = ['--params', 'fast=12,slow=40', '--data', M1, '--mode', 'aggressive', '--fee', '0.1'];
    const own = keel(['--strategy', EXAMPLE, ...common, '--json', 'own.json', '--html', 'own.html']);
    expect(own.err).toBe(`backtest: 30,240 1m candles of BTC/USDT (read from the file name; --symbol sets it) from ${M1} (csv: open_time,open,high,low,close,volume)\nbacktest: wrote ${path.join(dir, 'own.json')}\nbacktest: wrote ${path.join(dir, 'own.html')}\n`);
    expect(own.code).toBe(0);
    expect(own.out).toMatch(/my-sma-cross\(fast=12,slow=40\) aggressive/);
    const builtin = keel(['--strategy', 'sma-cross', ...common, '--json', 'builtin.json']);
    expect(builtin.code).toBe(0);
    const [a, b] = [report('own.json'), report('builtin.json')];
    expect(a.fills.length).toBeGreaterThan(50);
    expect(a.fills).toEqual(b.fills);
    expect(a.metrics).toEqual(b.metrics);
    expect(a.equity).toEqual(b.equity);
    expect(readFileSync(path.join(dir, 'own.html'), 'utf8')).toContain('my-sma-cross');
    // Both tag their orders alike ("cross up" enters, "cross down" exits): every closed trade is in the one
    // entry-tag row of the JSON. One tag each way is what the summary says already: no tables for them.
    const doc = JSON.parse(readFileSync(path.join(dir, 'own.json'), 'utf8')) as Tagged;
    const closed = doc.trades.filter((t) => t.closed);
    expect(doc.entryTags).toEqual([expect.objectContaining({ tag: 'cross up', trades: closed.length })]);
    expect(doc.entryTags[0]!.pnl).toBeCloseTo(closed.reduce((sum, t) => sum + t.pnl, 0), 6);
    expect(new Set(closed.map((t) => `${t.entryTag} → ${t.exitTag}`))).toEqual(new Set(['cross up → cross down']));
    // The fills keep the five keys of the documented shape; the trades carry the tags.
    expect(doc.fills.every((f) => !('tag' in f))).toBe(true);
    expect(own.out).not.toContain('Entries by tag');
    expect(own.out).not.toContain('\nExits');
    // From the bar of a cross inside the file: both read the same 40 bars of warm-up and the side before that
    // bar, so both buy at the next open, as the run over the whole file did.
    const buy = (b.fills as { ts: number; side: string }[]).filter((f) => f.side === 'buy')[3]!;
    const later = ['--from', String(buy.ts - 60_000), '--to', '2023-03-21'];
    const ownLater = keel(['--strategy', EXAMPLE, ...common, ...later, '--json', 'own-later.json']);
    const builtinLater = keel(['--strategy', 'sma-cross', ...common, ...later, '--json', 'builtin-later.json']);
    expect(ownLater.err).toContain("(and 40 before them for the indicators' warm-up)");
    expect(builtinLater.code).toBe(0);
    // The same buy (its size is the capital's then, not the whole run's equity at that time).
    expect(report('builtin-later.json').fills[0]).toMatchObject({ ts: buy.ts, side: 'buy', price: (buy as unknown as { price: number }).price });
    expect(report('own-later.json').fills).toEqual(report('builtin-later.json').fills);
    expect(report('own-later.json').metrics).toEqual(report('builtin-later.json').metrics);
  });

  it('breaks the trades down by the tags a strategy gives its entries and exits, in the summary and both reports', () => {
    // Enters on every bar it is flat, tagged by the bar's colour; exits after 5 bars, tagged by whether the close is above the entry's.
    const file = path.join(dir, 'two-tags.mjs');
    writeFileSync(
      file,
      `export default { name: 'two-tags', params: {}, create(_p, ctx) { let held = 0; let paid = 0; return { onBar(bar) {
        if (ctx.hasOpenOrders()) return;
        if (ctx.position() > 0) { if (++held >= 5) ctx.closePosition(bar.c > paid ? 'in profit' : 'at a loss'); return; }
        held = 0; paid = bar.c; const q = ctx.maxBuyQty(bar.c); if (q > 0) ctx.buy(q, { tag: bar.c >= bar.o ? 'green bar' : 'red bar' });
      } }; } };\n`,
    );
    const r = keel(['--strategy', file, '--data', M1, '--to', '2023-03-02', '--mode', 'aggressive', '--fee', '0', '--json', 'tags.json', '--html', 'tags.html']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(path.join(dir, 'tags.json'), 'utf8')) as Tagged;
    const closed = doc.trades.filter((t) => t.closed);
    const of = (tag: string) => closed.filter((t) => t.entryTag === tag);
    // Each row is its trades, counted and summed by hand from the trade list.
    for (const tag of ['green bar', 'red bar']) {
      expect(of(tag).length).toBeGreaterThan(10);
      const row = doc.entryTags.find((x) => x.tag === tag)!;
      expect(row.trades).toBe(of(tag).length);
      expect(row.pnl).toBeCloseTo(of(tag).reduce((sum, t) => sum + t.pnl, 0), 6);
    }
    expect(doc.entryTags.map((x) => x.trades).reduce((a, b) => a + b, 0)).toBe(closed.length);
    const green = doc.entryTags.find((x) => x.tag === 'green bar')!;
    expect(r.out).toMatch(new RegExp(`\\nEntries by tag\\nentry tag +trades +win rate +P&L +avg P&L +avg return +profit factor\\n`));
    expect(r.out).toMatch(new RegExp(`\\ngreen bar +${green.trades} `));
    // The Exits table splits the strategy's exits by their tags; with the one still open at the end.
    const exits = (tag: string) => closed.filter((t) => t.exitTag === tag).length;
    expect(r.out).toMatch(new RegExp(`\\nin profit +${exits('in profit')} `));
    expect(r.out).toMatch(new RegExp(`\\nat a loss +${exits('at a loss')} `));
    const html = readFileSync(path.join(dir, 'tags.html'), 'utf8');
    expect(html).toContain('<h2>Entries by tag</h2>');
    expect(html).toContain('<th>entry tag</th>');
    expect(html).toContain('<td>in profit</td>');
  });

  it('reads an indicator on a longer timeframe, and refuses one the bars do not make up, writing no report', () => {
    // Buys 1h RSI dips above the 50-day average; out when the RSI runs hot or the price loses the average.
    const source = (tf: string) => `export default { name: 'trend-dips', params: {},
      indicators: () => [{ name: 'rsi', params: { period: 14 } }, { name: 'sma', params: { period: 50 }, timeframe: '${tf}' }],
      create(_p, ctx) { const [rsi, trend] = ctx.indicators; return { onBar(bar) {
        if (ctx.hasOpenOrders()) return;
        if (ctx.position() === 0 && rsi.ago(0) < 30 && bar.c > trend.ago(0)) { const q = ctx.maxBuyQty(bar.c); if (q > 0) ctx.buy(q, { tag: 'dip in uptrend' }); }
        else if (ctx.position() > 0 && (rsi.ago(0) > 70 || bar.c < trend.ago(0))) ctx.closePosition(rsi.ago(0) > 70 ? 'rsi>70' : 'trend lost');
      } }; } };\n`;
    const daily = path.join(dir, 'trend-dips.mjs');
    writeFileSync(daily, source('1d'));
    // As docs/backtest.md runs it: without a re-arm, the drawdown kill of January 2021 ends it after 2 trades.
    const r = keel(['--strategy', daily, '--data', H1, '--from', '2021-01-01', '--to', '2023-12-31', '--rearm-after', '7', '--json', 'trend.json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(path.join(dir, 'trend.json'), 'utf8')) as Tagged & { fills: { ts: number; side: string }[] };
    // It traded, and only above the daily average (the close under it ends a trade as "trend lost").
    expect(doc.trades.length).toBeGreaterThan(10);
    expect(new Set(doc.trades.filter((t) => t.closed).map((t) => t.exitTag))).toEqual(new Set(['rsi>70', 'trend lost']));
    expect(r.out).toMatch(/\nExits\nexit +trades[^\n]*\nrsi>70 +\d+ /);

    const quarter = path.join(dir, 'trend-15m.mjs');
    writeFileSync(quarter, source('15m'));
    const bad = keel(['--strategy', quarter, '--data', H1, '--json', 'bad-tf.json', '--html', 'bad-tf.html']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('keel backtest: trend-dips: indicator 2 is on 15m, which is not a longer timeframe of whole 1h bars; on 1h bars an indicator can be on 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w');
    expect(existsSync(path.join(dir, 'bad-tf.json')) || existsSync(path.join(dir, 'bad-tf.html'))).toBe(false);
  });

  it("finds a file in the data directory's strategies folder by name, in a search's worker threads too", () => {
    copyFileSync(EXAMPLE, path.join(dataDir, 'strategies', 'my-sma-cross.ts'));
    const grid = ['--strategy', 'my-sma-cross', '--data', M1, '--optimize', 'grid', '--grid', 'fast=5:15:5,slow=20:40:10', '--json'];
    const inWorkers = keel([...grid, 'workers.json', '--workers', '2']);
    expect(inWorkers.code, inWorkers.err).toBe(0);
    expect(inWorkers.err).toContain('grid search over 9 parameter sets in 2 worker threads');
    const inline = keel([...grid, 'inline.json', '--workers', '0']);
    expect(inline.code, inline.err).toBe(0);
    type Search = { optimization: { ranked: { params: Record<string, number>; metrics: Record<string, number> }[] } };
    const [w, i] = [JSON.parse(readFileSync(path.join(dir, 'workers.json'), 'utf8')) as Search, JSON.parse(readFileSync(path.join(dir, 'inline.json'), 'utf8')) as Search];
    expect(w.optimization.ranked).toHaveLength(9);
    expect(w.optimization.ranked).toEqual(i.optimization.ranked);
    expect(new Set(w.optimization.ranked.map((r) => r.metrics.fills)).size).toBeGreaterThan(1);
  }, 120_000);

  it('stops at a broken strategy file with what to change, and writes no report', () => {
    const bad = path.join(dir, 'bad-range.mjs');
    writeFileSync(bad, 'export default { name: "bad-range", params: { n: { type: "int", default: 50, min: 1, max: 20 } }, create: () => ({ onBar() {} }) };\n');
    const r = keel(['--strategy', bad, '--data', M1, '--json', 'bad.json', '--html', 'bad.html']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`keel backtest: ${bad}: bad-range: parameter n: default 50 is outside its range 1..20`);
    expect(existsSync(path.join(dir, 'bad.json')) || existsSync(path.join(dir, 'bad.html'))).toBe(false);
  });

  it("names the line and column of a .mjs's syntax error, which Node's own message leaves out", () => {
    const bad = path.join(dir, 'bad-syntax.mjs');
    writeFileSync(bad, ['export default {', '  name: "bad-syntax",', '  create() {', '    return { onBar() { if (1) } };', '  },', '};', ''].join('\n'));
    const r = keel(['--strategy', bad, '--data', M1, '--json', 'syntax.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`keel backtest: ${bad}: could not be loaded: Unexpected token '}' (bad-syntax.mjs:4:31)`);
    expect(existsSync(path.join(dir, 'syntax.json'))).toBe(false);
  });

  it("reports a broken file in the folder and runs the strategy asked for anyway", () => {
    const broken = path.join(dataDir, 'strategies', 'half-written.ts');
    writeFileSync(broken, 'export default { name: "half-written", create(params, ctx) {\n');
    try {
      const r = keel(['--strategy', 'my-sma-cross', '--data', M1, '--to', '2023-03-02']);
      expect(r.code).toBe(0);
      expect(r.err).toMatch(new RegExp(`^keel backtest: skipped ${broken}: could not be loaded: .*half-written\\.ts:\\d`, 'm'));
      expect(r.out).toContain('my-sma-cross(fast=10,slow=30) moderate');
      // Asked for by name, it is the skipped file, with its problem, not an unknown strategy.
      const asked = keel(['--strategy', 'half-written', '--data', M1, '--to', '2023-03-02']);
      expect(asked.code).toBe(2);
      expect(asked.err).toMatch(new RegExp(`keel backtest: strategy "half-written" is not loaded: its file was skipped: ${broken}: could not be loaded: .*half-written\\.ts:\\d.*; fix the file, or run one of the strategies: sma-cross, .*my-sma-cross`));
      expect(asked.err).not.toContain('unknown strategy');
    } finally {
      rmSync(broken);
    }
  });

  it('says at which bar and which line of the file a strategy threw, and writes no report', () => {
    const file = path.join(dir, 'throws.mjs');
    writeFileSync(file, ['export default {', '  name: "throws",', '  create: () => ({', '    onBar(bar) {', '      if (bar.index === 700) bar.missing.field = 1;', '    },', '  }),', '};', ''].join('\n'));
    const r = keel(['--strategy', file, '--data', M1, '--json', 'throws.json']);
    expect(r.code).toBe(1);
    // Bar 700 of the file's 1m bars opens 11:40 after its first, 2023-03-01T00:00Z, and closes a minute later:
    // the run's clock then, the time a refusal at that bar is stamped with.
    expect(r.err).toMatch(/keel backtest: throws stopped the run at bar 700, closed at 2023-03-01T11:41:00Z: Cannot set properties of undefined \(setting 'field'\) \(at throws\.mjs:5:\d+\)/);
    expect(existsSync(path.join(dir, 'throws.json'))).toBe(false);
  });

  it("numbers the bar it threw at as the strategy's bar.index, its warm-up bars counted, in a run from --from too", () => {
    const file = path.join(dir, 'throws-warm.mjs');
    // SMA 20: 19 bars of warm-up read before 06:00, so the range's first bar is bar.index 19 and 06:30 is 49.
    writeFileSync(file, ['export default {', '  name: "throws-warm",', '  indicators: () => [{ name: "sma", params: { period: 20 } }],', '  create: () => ({', '    onBar(bar) {', '      if (bar.index === 49) throw new Error("at 49");', '    },', '  }),', '};', ''].join('\n'));
    const r = keel(['--strategy', file, '--data', M1, '--from', '2023-03-01T06:00:00Z', '--to', '2023-03-02']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/keel backtest: throws-warm stopped the run at bar 49, closed at 2023-03-01T06:31:00Z: at 49 \(at throws-warm\.mjs:6:\d+\)/);
  });

  it('says a .ts or .js file with no export at all has no default export, as a .mjs one', () => {
    for (const name of ['no-export.ts', 'no-export.js', 'no-export.mjs']) {
      const file = path.join(dir, name);
      writeFileSync(file, 'const def = { name: "no-export", create: () => ({ onBar() {} }) };\n');
      const r = keel(['--strategy', file, '--data', M1, '--json', 'none.json']);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toContain(`keel backtest: ${file}: has no strategy as its default export; write export default { name, description, params, indicators, create }`);
    }
    expect(existsSync(path.join(dir, 'none.json'))).toBe(false);
  });

  it('refuses an indicator the given parameters make invalid before reading any data, naming the set (exit 2)', () => {
    const file = path.join(dir, 'trend-gap.mjs');
    writeFileSync(
      file,
      [
        'export default {',
        '  name: "trend-gap",',
        '  params: { trend: { type: "int", default: 200, min: 10, max: 1000 } },',
        '  indicators: (p) => [{ name: "sma", params: { period: p.trend - 150 } }],',
        '  create: () => ({ onBar() {} }),',
        '};',
        '',
      ].join('\n'),
    );
    const said = `keel backtest: ${file}: trend-gap: indicator 1 with trend=100: sma: period must be a whole number from 1 to 1000000, got -50`;
    for (const args of [['--params', 'trend=100'], ['--optimize', 'grid', '--grid', 'trend=100:200:50']]) {
      const r = keel(['--strategy', file, ...args, '--data', M1, '--json', 'gap.json']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trimEnd(), args.join(' ')).toBe(said);
    }
    expect(existsSync(path.join(dir, 'gap.json'))).toBe(false);
  });

  it('names the parameter set that threw in a search, a walk-forward and a portfolio search, so it can be run again with --params', () => {
    const file = path.join(dir, 'throws-at-seven.mjs');
    writeFileSync(
      file,
      [
        'export default {',
        '  name: "throws-at-seven",',
        '  params: { fast: { type: "int", default: 10, min: 1, max: 100 }, slow: { type: "int", default: 30, min: 2, max: 500 } },',
        '  create: (p) => ({',
        '    onBar(bar) {',
        '      if (p.fast === 7 && bar.index === 700) throw new Error("seven is unlucky");',
        '    },',
        '  }),',
        '};',
        '',
      ].join('\n'),
    );
    const said = /keel backtest: throws-at-seven with fast=7, slow=30 stopped the run at bar 700, closed at 2023-03-01T11:41:00Z: seven is unlucky \(at throws-at-seven\.mjs:6:\d+\)/;
    for (const workers of ['0', '2']) {
      const r = keel(['--strategy', file, '--data', M1, '--optimize', 'grid', '--grid', 'fast=5:8', '--workers', workers, '--json', 'seven.json']);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(said);
    }
    const walk = keel(['--strategy', file, '--data', M1, '--optimize', 'grid', '--grid', 'fast=5:8', '--walk-forward', '2', '--workers', '0', '--json', 'seven.json']);
    expect(walk.code, walk.err).toBe(1);
    // The fold and stretch are named first: the bar alone does not say which of the folds' runs it was.
    expect(walk.err).toMatch(/keel backtest: walk-forward fold 1 of 2, in-sample 2023-03-01 00:00 to 2023-03-13 14:23: throws-at-seven with fast=7, slow=30 stopped the run at bar 700, closed at /);
    // In a portfolio the market whose strategy threw is named too (ETH's strategy hears each time's bar first).
    const pf = keel(['--strategy', file, '--data', ETH_H1, '--data', H1, '--portfolio', '--from', '2023-01-01', '--to', '2023-03-01', '--optimize', 'grid', '--grid', 'fast=5:8', '--workers', '0', '--json', 'seven.json']);
    expect(pf.code, pf.err).toBe(1);
    // Bar 700 of the hourly bars from 2023-01-01 is 29 days and 4 hours in, closed an hour later.
    expect(pf.err).toMatch(/keel backtest: throws-at-seven with fast=7, slow=30 on ETH\/USDT stopped the run at the bar closed at 2023-01-30T05:00:00Z: seven is unlucky \(at throws-at-seven\.mjs:6:\d+\)/);
    expect(existsSync(path.join(dir, 'seven.json'))).toBe(false);
  }, 60_000);

  it('stops a strategy whose onBar never returns, in a run, a comparison, a search and a portfolio, saying where, and writes no report', async () => {
    // Loops in the 50th call of onBar in its module (so in a portfolio, in whichever market's strategy that call is).
    const file = path.join(dir, 'loopy.mjs');
    writeFileSync(file, ['let n = 0;', 'export default {', '  name: "loopy",', '  params: { fast: { type: "int", default: 10, min: 1, max: 100 } },', '  create: () => ({', '    onBar() {', '      if (++n === 50) for (;;) {}', '    },', '  }),', '};', ''].join('\n'));
    const fast = { KEEL_STRATEGY_TIMEOUT_S: '0.5' };
    const reports = ['--json', 'loopy.json', '--html', 'loopy.html', '--trades-csv', 'loopy.csv'];
    const hint = 'One call may take up to KEEL_STRATEGY_TIMEOUT_S seconds (default 30).';
    const started = Date.now();
    // Five commands side by side, each stopped by its own watch; each checked below as if run alone.
    const [one, exits, two, search, pf] = await Promise.all([
      keelAsync(['--strategy', file, '--data', M1, ...reports], fast),
      keelAsync(['--strategy', file, '--data', M1, '--stop-loss', '2', ...reports], fast),
      keelAsync(['--strategy', `${file},sma-cross`, '--data', M1, '--workers', '0', ...reports], fast),
      keelAsync(['--strategy', file, '--data', M1, '--optimize', 'grid', '--grid', 'fast=5:6', '--workers', '0', ...reports], fast),
      keelAsync(['--strategy', file, '--data', ETH_H1, '--data', H1, '--portfolio', '--from', '2023-01-01', '--to', '2023-03-01', ...reports], fast),
    ]);
    expect(one.err).toContain(`keel backtest: loopy with fast=10: onBar did not return within 0.5 s (at bar 49, closed at 2023-03-01T00:50:00Z): a loop in it? Keel stopped the run; no report was written. ${hint}\n`);
    expect(one.code).toBe(1);
    // Named as a run that threw is (runWho): with the exits the run set, which a search may vary beside the parameters.
    expect(exits.err).toContain('keel backtest: loopy with fast=10, stopLossPct=2: onBar did not return within 0.5 s (at bar 49, closed at 2023-03-01T00:50:00Z)');
    expect(exits.code).toBe(1);
    // A comparison with a strategy that does return: the loop still stops the command (--workers 0 too: an own file runs in a worker).
    expect(two.err).toContain('keel backtest: loopy with fast=10: onBar did not return within 0.5 s (at bar 49, closed at 2023-03-01T00:50:00Z)');
    expect(two.code).toBe(1);
    expect(search.err).toContain('keel backtest: loopy with fast=5: onBar did not return within 0.5 s (at bar 49, closed at 2023-03-01T00:50:00Z): a loop in it? Keel stopped the run; no report was written.');
    expect(search.code).toBe(1);
    // The two markets' strategies share the module's count, ETH's hearing each time's bar first: the 50th call is BTC's 25th bar (index 24).
    expect(pf.err).toContain('keel backtest: loopy with fast=10 on BTC/USDT: onBar did not return within 0.5 s (at bar 24, closed at 2023-01-02T01:00:00Z)');
    expect(pf.code).toBe(1);
    for (const f of ['loopy.json', 'loopy.html', 'loopy.csv']) expect(existsSync(path.join(dir, f))).toBe(false);
    // Each stopped about half a second into its loop, not at the test's timeout.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it("stops a walk-forward stuck in a fold's out-of-sample run, naming the fold's set, and writes no report", () => {
    // Loops from 22:00 on the second day: only the last fold's out-of-sample stretch gets there (its in-sample one ends at 14:24).
    const file = path.join(dir, 'late-loop.mjs');
    const late = Date.parse('2023-03-02T22:00:00Z');
    writeFileSync(file, ['export default {', '  name: "late-loop",', '  params: { fast: { type: "int", default: 10, min: 1, max: 100 } },', '  create: () => ({', '    onBar(bar) {', `      if (bar.t >= ${late}) for (;;) {}`, '    },', '  }),', '};', ''].join('\n'));
    const started = Date.now();
    const walk = keel(['--strategy', file, '--data', M1, '--to', '2023-03-02', '--optimize', 'grid', '--grid', 'fast=5:6', '--walk-forward', '2', '--workers', '0', '--json', 'late.json'], { KEEL_STRATEGY_TIMEOUT_S: '1' }, 40_000);
    expect(walk.err).toMatch(/keel backtest: walk-forward fold 2 of 2, out-of-sample 2023-03-02 14:24 to 2023-03-02 23:59: late-loop with fast=5: onBar did not return within 1 s \(at bar \d+, closed at 2023-03-02T22:01:00Z\): a loop in it\? Keel stopped the run; no report was written\. One call may take up to KEEL_STRATEGY_TIMEOUT_S seconds \(default 30\)\.\n/);
    expect(walk.code).toBe(1);
    expect(existsSync(path.join(dir, 'late.json'))).toBe(false);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('stops a check(), an indicators() or top-level code that never returns, naming the function, the file and the set, and writes no report', async () => {
    // check() loops for fast=7, indicators() for fast=8; every other set is answered at once.
    const file = path.join(dir, 'loopy-definition.mjs');
    writeFileSync(
      file,
      [
        'export default {',
        '  name: "loopy-definition",',
        '  params: { fast: { type: "int", default: 10, min: 1, max: 100 } },',
        // A blocked wait, not a loop: the same to the watch, without a core spun for the limit's seconds (the onBar tests above loop).
        '  check: (p) => { if (p.fast === 7) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return null; },',
        '  indicators: (p) => { if (p.fast === 8) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return [{ name: "sma", params: { period: p.fast } }]; },',
        '  create: () => ({ onBar() {} }),',
        '};',
        '',
      ].join('\n'),
    );
    // The file itself never finishes loading: it is imported in a thread of its own, given 5 s at least.
    const stuck = path.join(dir, 'loopy-import.mjs');
    writeFileSync(stuck, 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);\nexport default { name: "loopy-import", create: () => ({ onBar() {} }) };\n');
    // A check() that loops only at the defaults (fast=10) stops the load itself: named, with the defaults, not blamed on the top-level code.
    const atDefaults = path.join(dir, 'loopy-defaults.mjs');
    writeFileSync(atDefaults, readFileSync(file, 'utf8').replace('"loopy-definition"', '"loopy-defaults"').replace('p.fast === 7', 'p.fast === 10'));
    const started = Date.now();
    // Four commands, each stopped by its own watch (the blocked calls take no core): run side by side.
    const [check, indicators, load, defaults] = await Promise.all([
      keelAsync(['--strategy', file, '--params', 'fast=7', '--data', M1, '--to', '2023-03-02', '--json', 'definition.json'], { KEEL_STRATEGY_TIMEOUT_S: '1' }, 40_000),
      keelAsync(['--strategy', file, '--params', 'fast=8', '--data', M1, '--to', '2023-03-02', '--json', 'definition.json'], { KEEL_STRATEGY_TIMEOUT_S: '1' }, 40_000),
      keelAsync(['--strategy', stuck, '--data', M1, '--to', '2023-03-02', '--json', 'definition.json'], { KEEL_STRATEGY_TIMEOUT_S: '1' }, 40_000),
      keelAsync(['--strategy', atDefaults, '--data', M1, '--to', '2023-03-02', '--json', 'definition.json'], { KEEL_STRATEGY_TIMEOUT_S: '1' }, 40_000),
    ]);
    expect(check.err).toMatch(/keel backtest: loopy-definition: check\(\) with fast=7 did not return within 1 s \(a loop in it\?\), so Keel stopped it.*Fix check\(\) in loopy-definition\.mjs/);
    expect(check.code).toBe(2);
    expect(indicators.err).toMatch(/keel backtest: loopy-definition: indicators\(\) with fast=8 did not return within 1 s \(a loop in it\?\), so Keel stopped it.*Fix indicators\(\) in loopy-definition\.mjs/);
    // As check()'s: every planned set's indicators are asked before any data is read, a problem with the file (exit 2).
    expect(indicators.code).toBe(2);
    expect(load.err).toMatch(/^keel backtest: \S*loopy-import\.mjs: did not finish loading within 5 s \(a loop in its top-level code\?\), so it was not loaded/);
    expect(load.code).toBe(2);
    expect(defaults.err).toMatch(/^keel backtest: \S*loopy-defaults\.mjs: loopy-defaults: check\(\) with its default parameters fast=10 did not return within 5 s \(a loop in it\?\), so the file was not loaded.*fix check\(\)/);
    expect(defaults.code).toBe(2);
    expect(existsSync(path.join(dir, 'definition.json'))).toBe(false);
    expect(Date.now() - started).toBeLessThan(50_000);
  }, 80_000);

  it('lets a slow onBar that keeps returning run to its end, and refuses a limit that is no number of seconds', () => {
    // Each of its first four bars takes 0.3 s: longer than the limit in all, never in one call.
    const file = path.join(dir, 'slow.mjs');
    writeFileSync(file, ['export default {', '  name: "slow",', '  create: () => ({', '    onBar(bar) {', '      if (bar.index < 4) { const end = Date.now() + 300; while (Date.now() < end); }', '    },', '  }),', '};', ''].join('\n'));
    const slow = keel(['--strategy', file, '--data', M1, '--to', '2023-03-02', '--json', 'slow.json'], { KEEL_STRATEGY_TIMEOUT_S: '0.5' });
    expect(slow.err).not.toContain('did not return');
    expect(slow.code).toBe(0);
    expect(existsSync(path.join(dir, 'slow.json'))).toBe(true);
    const bad = keel(['--strategy', file, '--data', M1], { KEEL_STRATEGY_TIMEOUT_S: '30s' });
    expect(bad.err).toBe('keel backtest: KEEL_STRATEGY_TIMEOUT_S must be the seconds one call of your strategy\'s code may take before Keel stops it, above 0 and at most 86400 (unset: 30), got "30s"\n');
    expect(bad.code).toBe(2);
  });

  it('refuses an async onBar before the first bar, not with a stack trace after the report (its orders landed after the run)', () => {
    const file = path.join(dir, 'awaits.mjs');
    writeFileSync(file, ['export default {', '  name: "awaits",', '  create: (_p, ctx) => ({', '    async onBar(bar) {', '      await null;', '      if (bar.index === 50) throw new Error("late");', '    },', '  }),', '};', ''].join('\n'));
    const r = keel(['--strategy', file, '--data', M1, '--json', 'awaits.json']);
    expect(r.err).toContain('keel backtest: awaits: create() failed: create(params, ctx) in awaits.mjs returned a strategy whose onBar is async: Keel calls it and goes on without waiting');
    expect(r.err).not.toMatch(/^\s+at /m);
    expect(r.out).toBe('');
    expect(r.code).toBe(2);
    expect(existsSync(path.join(dir, 'awaits.json'))).toBe(false);
  });

  it('gives no later bar to an index that only pretends to be a closed one', () => {
    const file = path.join(dir, 'sly.mjs');
    // valueOf says bar 0 to the range test, toString names bar 110 to the array: it read bar 110's close at bar 9.
    writeFileSync(file, ['export default {', '  name: "sly",', '  create: (_p, ctx) => ({', '    onBar(bar) {', '      if (bar.index === 9) ctx.note("bar 110 closed at " + ctx.bars.c.get({ valueOf: () => 0, toString: () => "110" }));', '    },', '  }),', '};', ''].join('\n'));
    const r = keel(['--strategy', file, '--data', M1]);
    expect(r.err).toMatch(/keel backtest: sly stopped the run at bar 9, closed at 2023-03-01T00:10:00Z: get\(i\) takes a bar index, a whole number from 0 to 9 \(ago\(k\) counts back from the current bar\), got an object \(at sly\.mjs:5:\d+\)/);
    expect(r.out).not.toContain('bar 110 closed at');
    expect(r.code).not.toBe(0);
  });
});
