// `keel backtest` over several markets, as a user runs it (node bin/keel.js in a child process) on the real
// BTC and ETH hourly files: every strategy runs on every market, each run giving to the last digit what a
// run on that market alone gives, from candle files (--data twice) and from stored series (--symbol A,B);
// the across-markets block lists each market; what cannot work over several markets is refused with exit 2,
// and a market without candles in the range stops the command; neither leaves a report.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BTC_1H as BTC, BTC_1M as M1, ETH_1H as ETH, runKeel } from '../helpers/keel-cli.ts';

const RANGE = ['--from', '2022-01-01', '--to', '2022-06-30'];

let dir: string;
let dataDir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-backtest-markets-'));
  dataDir = path.join(dir, 'data');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keel = (args: string[]) => runKeel(dir, args);

type Metrics = Record<string, number | null>;
interface Run {
  strategy: string;
  mode: string;
  symbol: string;
  timeframe: string;
  source: string;
  metrics: Metrics;
}
const report = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { symbol: string; metrics: Metrics; runs?: Run[] };

/** A run of one strategy on one market alone: its metrics. */
function alone(strategy: string, market: string[], name: string): Metrics {
  const r = keel(['backtest', '--strategy', strategy, ...market, ...RANGE, '--json', name]);
  expect(r.code, r.err).toBe(0);
  return report(name).metrics;
}

/** The printed across-markets block: its title to the first blank line after it. */
function acrossBlock(out: string): string[] {
  const lines = out.split('\n');
  const at = lines.indexOf('Across markets (return · max drawdown · Sharpe)');
  expect(at).toBeGreaterThan(0);
  const end = lines.findIndex((l, i) => i > at && l.trim() === '');
  return lines.slice(at, end === -1 ? undefined : end);
}

describe('keel backtest over several markets', () => {
  const fileRuns = new Map<string, Metrics>();

  it('runs every strategy on every --data file, each run as on that market alone', () => {
    const r = keel(['backtest', '--strategy', 'sma-cross,ema-cross', '--data', BTC, '--data', ETH, ...RANGE, '--json', 'multi.json']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('4,344 1h candles of BTC/USDT');
    expect(r.err).toContain('4,344 1h candles of ETH/USDT');
    const doc = report('multi.json');
    const runs = doc.runs!;
    expect(runs.map((x) => `${x.strategy} ${x.symbol}`)).toEqual(['sma-cross BTC/USDT', 'sma-cross ETH/USDT', 'ema-cross BTC/USDT', 'ema-cross ETH/USDT']);
    for (const x of runs) {
      expect(x.timeframe).toBe('1h');
      expect(x.source).toContain(x.symbol === 'BTC/USDT' ? BTC : ETH);
      const m = alone(x.strategy, ['--data', x.symbol === 'BTC/USDT' ? BTC : ETH], `alone-${x.strategy}-${x.symbol.replace('/', '')}.json`);
      expect(x.metrics).toEqual(m);
      fileRuns.set(`${x.strategy} ${x.symbol}`, m);
    }
    // The top of the document is still the first run, in full.
    expect(doc.symbol).toBe('BTC/USDT');
    expect(doc.metrics).toEqual(runs[0]!.metrics);
    // Each market's own buy and hold: the same for every strategy on it, different between the markets.
    const bh = (symbol: string) => new Set(runs.filter((x) => x.symbol === symbol).map((x) => x.metrics.buyHoldReturnPct));
    expect(bh('BTC/USDT').size).toBe(1);
    expect(bh('ETH/USDT').size).toBe(1);
    expect([...bh('BTC/USDT')][0]).not.toBe([...bh('ETH/USDT')][0]);

    // The summary table's columns name their market; the across-markets block has a column per market,
    // a buy-and-hold row and a row per strategy ending with its tally.
    expect(r.out.split('\n')[0]).toContain('sma-cross(fast=10,slow=30) moderate ETH/USDT');
    const block = acrossBlock(r.out);
    expect(block[1]).toMatch(/^\s+BTC\/USDT\s+ETH\/USDT\s+markets$/);
    const pct = (v: number | null | undefined) => `${v!.toFixed(2)}%`;
    expect(block[2]).toMatch(new RegExp(`^buy and hold\\s+${pct(runs[0]!.metrics.buyHoldReturnPct)}\\s+${pct(runs[1]!.metrics.buyHoldReturnPct)}\\s*$`));
    const sma = runs[0]!.metrics;
    expect(block[3]).toContain(`sma-cross(fast=10,slow=30) moderate  ${pct(sma.totalReturnPct)} · ${pct(sma.maxDrawdownPct)} · ${sma.sharpe!.toFixed(2)}`);
    for (const row of block.slice(3)) expect(row).toMatch(/\d\/2 beat B&H, \d\/2 > 0$/);
    expect(block.length).toBe(5);
  });

  it('runs stored series named by --symbol A,B the same as their files', () => {
    for (const [file, symbol] of [[BTC, 'BTC/USDT'], [ETH, 'ETH/USDT']] as const) {
      const imp = keel(['import', file, '--symbol', symbol, '--timeframe', '1h', '--data-dir', dataDir]);
      expect(imp.code, imp.err).toBe(0);
    }
    const r = keel(['backtest', '--strategy', 'sma-cross,ema-cross', '--symbol', 'BTC/USDT,ETH/USDT', '--timeframe', '1h', '--data-dir', dataDir, ...RANGE, '--json', 'stored.json']);
    expect(r.code, r.err).toBe(0);
    const runs = report('stored.json').runs!;
    expect(runs.map((x) => `${x.strategy} ${x.symbol} ${x.source}`)).toEqual([
      'sma-cross BTC/USDT local:BTC/USDT:1h',
      'sma-cross ETH/USDT local:ETH/USDT:1h',
      'ema-cross BTC/USDT local:BTC/USDT:1h',
      'ema-cross ETH/USDT local:ETH/USDT:1h',
    ]);
    for (const x of runs) expect(x.metrics).toEqual(fileRuns.get(`${x.strategy} ${x.symbol}`));
    expect(acrossBlock(r.out)[1]).toMatch(/BTC\/USDT\s+ETH\/USDT/);
  });

  it('reads each stored symbol\'s own finer series with --detail TF', () => {
    // ETH's finer candles: the BTC minute file scaled to ETH's price of the time, so the two differ.
    const [head, ...rows] = readFileSync(M1, 'utf8').trim().split('\n');
    const scaled = rows.map((l) => l.split(',').map((v, i) => (i >= 1 && i <= 4 ? (Number(v) * 0.0705).toFixed(4) : v)).join(','));
    writeFileSync(path.join(dir, 'eth_1m.csv'), [head, ...scaled].join('\n') + '\n');
    expect(keel(['import', M1, '--symbol', 'BTC/USDT', '--timeframe', '1m', '--data-dir', dataDir]).code).toBe(0);
    // Before ETH's minutes are stored the run is refused as --detail's, not as if ETH's hours were missing.
    const lacking = keel(['backtest', '--strategy', 'ema-cross', '--timeframe', '1h', '--detail', '1m', '--from', '2023-03-02', '--to', '2023-03-20', '--data-dir', dataDir, '--symbol', 'BTC/USDT,ETH/USDT', '--json', 'lacking.json']);
    expect(lacking.code).toBe(1);
    expect(lacking.err).toMatch(/^keel backtest: --detail 1m \(the finer candles fills are decided on\): no candles stored for local:ETH\/USDT:1m nor of a shorter timeframe to resample from; stored series: .*; import that market's 1m candles over the run's dates, or leave out --detail$/m);
    expect(existsSync(path.join(dir, 'lacking.json'))).toBe(false);
    expect(keel(['import', path.join(dir, 'eth_1m.csv'), '--symbol', 'ETH/USDT', '--timeframe', '1m', '--data-dir', dataDir]).code).toBe(0);
    const common = ['--strategy', 'ema-cross', '--timeframe', '1h', '--detail', '1m', '--from', '2023-03-02', '--to', '2023-03-20', '--data-dir', dataDir];
    const both = keel(['backtest', ...common, '--symbol', 'BTC/USDT,ETH/USDT', '--json', 'detail.json']);
    expect(both.code, both.err).toBe(0);
    const runs = report('detail.json').runs!;
    // The hourly file is the futures mark price, the minute file a spot market's trades: the run says the
    // detail is not the same price, so nobody reads its fills as the hours' own minutes.
    expect(both.out).toMatch(/note \(ema-cross\(fast=12,slow=26\) moderate BTC\/USDT\): the 1m detail disagrees with \d+ of the 1h bars it covers \(closes, highs or lows up to \d+\.\d\d% apart, the first the bar closed at 2023-03-02T01:00Z\): is it the same market and the same price \(trades, not a mark or index price\)\?/);
    for (const [k, symbol] of ['BTC/USDT', 'ETH/USDT'].entries()) {
      const one = keel(['backtest', ...common, '--symbol', symbol, '--json', `detail-${k}.json`]);
      expect(one.code, one.err).toBe(0);
      expect(runs[k]!.metrics).toEqual(report(`detail-${k}.json`).metrics);
    }
    // As one portfolio, each market's stop-losses fill at its own minutes, the two markets' in time order.
    const pf = keel(['backtest', ...common, '--symbol', 'BTC/USDT,ETH/USDT', '--portfolio', '--stop-loss', '1', '--json', 'detail-pf.json']);
    expect(pf.code, pf.err).toBe(0);
    const basket = report('detail-pf.json') as unknown as { source: string; fills: { ts: number; symbol: string; exit?: string }[]; metrics: Metrics };
    expect(basket.source).toBe('local:BTC/USDT:1h; local:ETH/USDT:1h, fills inside bars from 1m detail');
    expect(pf.out).toMatch(/note: BTC\/USDT: the 1m detail disagrees with \d+ of the 1h bars it covers/);
    const stops = basket.fills.filter((f) => f.exit === 'stop-loss');
    expect(stops.length).toBeGreaterThan(0);
    expect(stops.every((f) => f.ts % 3_600_000 !== 0)).toBe(true);
    const ts = basket.fills.map((f) => f.ts);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    const hours = keel(['backtest', ...common.filter((a) => a !== '--detail' && a !== '1m'), '--symbol', 'BTC/USDT,ETH/USDT', '--portfolio', '--stop-loss', '1', '--json', 'hours-pf.json']);
    expect(hours.code, hours.err).toBe(0);
    expect(report('hours-pf.json').metrics).not.toEqual(basket.metrics);
  });

  describe('refusals: exit 2, what is wrong and what is valid, no report', () => {
    const refused = (args: string[], message: string) => {
      const json = path.join(dir, 'refused.json');
      const r = keel(['backtest', '--strategy', 'sma-cross', ...args, ...RANGE, '--json', json]);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(message);
      expect(existsSync(json)).toBe(false);
    };

    it('a search over several markets', () => {
      refused(['--data', BTC, '--data', ETH, '--optimize', 'grid', '--grid', 'fast=5:15:5'], '--optimize searches one market, or several traded as one portfolio (add --portfolio); 2 markets are given: BTC/USDT, ETH/USDT');
      refused(['--symbol', 'BTC/USDT,ETH/USDT', '--timeframe', '1h', '--data-dir', dataDir, '--optimize', 'random', '--grid', 'fast=5:15'], '--optimize searches one market, or several traded as one portfolio (add --portfolio)');
    });

    it('one --detail-data file for several markets', () => {
      refused(['--data', BTC, '--data', ETH, '--detail-data', M1], "--detail-data FILE holds one market's finer candles, and 2 markets are given; run each market on its own with its --detail-data, or use stored series with --detail TF");
    });

    it('a detail of another period, or of bars not shorter than the run\'s, naming both spans and what would do', () => {
      const json = path.join(dir, 'refused-detail.json');
      // Exit 1 throughout: each is found in the files' candles, not in the command line (exit 2).
      const longer = keel(['backtest', '--strategy', 'sma-cross', '--data', M1, '--detail-data', BTC, '--json', json]);
      expect(longer.code, longer.err).toBe(1);
      expect(longer.err).toContain("the detail's bars (1h, from");
      expect(longer.err).toContain("must be shorter than the run's 1m bars: give finer candles of the same market, such as 1m inside 1h");
      // The 1m file's first hour, moved to 2024 (after the hourly file's end, before now: a candle dated after now
      // is refused) and to 2019 (before its start).
      const hour = readFileSync(M1, 'utf8').split('\n').slice(0, 61);
      const moved = (year: string) => {
        const file = path.join(dir, `detail-${year}.csv`);
        writeFileSync(file, [hour[0], ...hour.slice(1).map((l) => l.replace(/^2023/, year))].join('\n') + '\n');
        return file;
      };
      const after = keel(['backtest', '--strategy', 'sma-cross', '--data', ETH, '--detail-data', moved('2024'), '--json', json]);
      expect(after.code, after.err).toBe(1);
      expect(after.err).toMatch(/the detail .*detail-2024\.csv holds no candles over the run's bars \(from the start to 2024-01-09T\d\d:00:00Z\); its 60 candles run from 2024-03-01T00:00:00Z to 2024-03-01T00:59:00Z: give finer candles of the same market over the run's dates, or leave the detail out/);
      // Before the run's bars, a file the range does not cut away: refused before the run, not run as without detail.
      const before = keel(['backtest', '--strategy', 'sma-cross', '--data', ETH, '--from', '2023-01-01', '--detail-data', moved('2019'), '--json', json]);
      expect(before.code, before.err).toBe(1);
      const early = keel(['backtest', '--strategy', 'sma-cross', '--data', M1, '--timeframe', '1h', '--detail-data', moved('2019'), '--json', json]);
      expect(early.code, early.err).toBe(1);
      expect(early.err).toMatch(/the detail .*detail-2019\.csv .* holds no 1m candles inside the run's 1h bars \(2023-03-01T00:00:00Z to 2023-03-22T00:00:00Z\); its candles run from 2019-03-01T00:00:00Z to 2019-03-01T00:59:00Z/);
      expect(existsSync(json)).toBe(false);
    });

    it('--symbol with several --data files', () => {
      refused(['--data', BTC, '--data', ETH, '--symbol', 'BTC/USDT'], '--symbol names the market of one --data file; with several --data files the symbols come from the file names');
    });
  });

  it('a market without candles in the range stops the command, naming it, before any run', () => {
    const json = path.join(dir, 'partial.json');
    const r = keel(['backtest', '--strategy', 'sma-cross', '--data', BTC, '--data', M1, ...RANGE, '--json', json]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`no candles from 2022-01-01T00:00:00Z to the end of 2022-06-30 in ${M1.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; it holds 30,240 candles`));
    expect(r.out).toBe('');
    expect(existsSync(json)).toBe(false);
  });

  it('tells two files of the same symbol apart by their names', () => {
    const part = path.join(dir, 'BTCUSDT_2022.csv');
    writeFileSync(part, readFileSync(BTC, 'utf8').split('\n').slice(0, 25_000).join('\n') + '\n');
    const r = keel(['backtest', '--strategy', 'sma-cross', '--data', BTC, '--data', part, ...RANGE]);
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n')[0]).toContain(`moderate ${path.basename(BTC)}`);
    expect(r.out.split('\n')[0]).toContain('moderate BTCUSDT_2022.csv');
    expect(acrossBlock(r.out)[1]).toMatch(new RegExp(`${path.basename(BTC).replace(/\./g, '\\.')}\\s+BTCUSDT_2022\\.csv\\s+markets$`));
  });
});
