// `keel backtest --portfolio` as a user runs it (node bin/keel.js in a child process) on the real BTC and
// ETH hourly files: one account trades both markets; the summary is one column, the portfolio table lists
// each market beside the whole; the JSON tags each fill and trade with its market and lists the markets;
// the HTML draws a price chart per market; --weights splits the account (and the benchmark basket) 3:1; a search (and a walk-forward) tunes one parameter set for the
// whole portfolio; and what a portfolio cannot be (one market, markets of different timeframes) is refused
// with exit 2 and no report.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hourlyPair } from '../helpers/hourly-pair.ts';
import { BTC_1H as BTC, BTC_1M as M1, ETH_1H as ETH, runKeel } from '../helpers/keel-cli.ts';
const RANGE = ['--from', '2020-01-01', '--to', '2021-12-31'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-backtest-portfolio-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keel = (args: string[]) => runKeel(dir, args);

interface Doc {
  symbol: string;
  metrics: Record<string, number | null>;
  fills: { ts: number; side: string; price: number; qty: number; fee: number; symbol?: string }[];
  trades: { symbol?: string; pnl: number }[];
  portfolio?: { markets: { symbol: string; weight: number; bars: number; fills: number; trades: number; pnl: number; buyHoldReturnPct: number; buyHoldQuote?: string }[] };
}

describe('keel backtest --portfolio', () => {
  it('trades both markets from one account and reports each market beside the whole', () => {
    const r = keel(['backtest', '--strategy', 'sma-cross', '--params', 'fast=10,slow=30', '--data', BTC, '--data', ETH, '--portfolio', ...RANGE, '--json', 'pf.json', '--html', 'pf.html']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('one account of 10,000 trading 2 markets');
    expect(r.out).toContain('Portfolio (2 markets, one account)');
    const table = r.out.split('\n').filter((l) => /^(BTC\/USDT|ETH\/USDT|all) /.test(l));
    expect(table).toHaveLength(3);

    const doc = JSON.parse(readFileSync(path.join(dir, 'pf.json'), 'utf8')) as Doc;
    expect(doc.symbol).toBe('BTC/USDT+ETH/USDT');
    expect(new Set(doc.fills.map((f) => f.symbol))).toEqual(new Set(['BTC/USDT', 'ETH/USDT']));
    expect(doc.trades.every((t) => t.symbol === 'BTC/USDT' || t.symbol === 'ETH/USDT')).toBe(true);
    const markets = doc.portfolio!.markets;
    expect(markets.map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(markets[0]!.fills + markets[1]!.fills).toBe(doc.fills.length);
    expect(markets[0]!.pnl + markets[1]!.pnl).toBeCloseTo(doc.metrics.finalEquity! - 10_000, 4);
    // The benchmark is the equal-weight basket: the mean of the two markets' buy-and-hold returns.
    expect(doc.metrics.buyHoldReturnPct).toBeCloseTo((markets[0]!.buyHoldReturnPct + markets[1]!.buyHoldReturnPct) / 2, 9);
    // The printed P&L of each market is the JSON's, written as money is everywhere (thousands separated).
    const money = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(table[0]).toContain(money(markets[0]!.pnl));
    expect(table[1]).toContain(money(markets[1]!.pnl));

    const html = readFileSync(path.join(dir, 'pf.html'), 'utf8');
    expect(html).toContain('Price and trades: BTC/USDT');
    expect(html).toContain('Price and trades: ETH/USDT');
    expect(html).toContain('buy and hold (equal weights)');
  });

  it('leaves a market quoted in another asset (ETH/BTC beside BTC/USDT, a USDT account) out of the buy-and-hold benchmark, and says so', async () => {
    // ETH in BTC, from the two real files: its closes are BTC, which a USDT basket cannot count as USDT.
    const { btc, eth } = await hourlyPair(2_000);
    const rows = Array.from({ length: btc.length }, (_, i) => {
      const [o, c] = [eth.o[i]! / btc.o[i]!, eth.c[i]! / btc.c[i]!];
      return `${btc.t[i]},${o},${Math.max(o, c, eth.h[i]! / btc.l[i]!)},${Math.min(o, c, eth.l[i]! / btc.h[i]!)},${c}`;
    });
    writeFileSync(path.join(dir, 'ETHBTC_1h.csv'), ['open_time_ms,open,high,low,close', ...rows].join('\n') + '\n');
    const r = keel(['backtest', '--strategy', 'sma-cross', '--params', 'fast=10,slow=30', '--data', BTC, '--data', 'ETHBTC_1h.csv', '--portfolio', '--to', new Date(btc.t[btc.length - 1]!).toISOString().slice(0, 10), '--json', 'mixed.json', '--html', 'mixed.html']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("note: the buy-and-hold benchmark leaves out ETH/BTC, quoted in BTC, not in the account's USDT (its prices are no USDT amounts, and its orders are refused): the basket holds BTC/USDT alone");
    const doc = JSON.parse(readFileSync(path.join(dir, 'mixed.json'), 'utf8')) as Doc;
    const [btcPart, ethBtcPart] = doc.portfolio!.markets;
    expect(doc.metrics.buyHoldReturnPct).toBeCloseTo(btcPart!.buyHoldReturnPct, 9);
    expect(doc.metrics.buyHoldReturnPct).not.toBeCloseTo((btcPart!.buyHoldReturnPct + ethBtcPart!.buyHoldReturnPct) / 2, 1);
    // ETH/BTC's own buy and hold is a return in BTC: the table, the HTML and the JSON say so, so it is not
    // read as a USDT return beside BTC/USDT's.
    const inBtc = `${ethBtcPart!.buyHoldReturnPct.toFixed(2)}% (in BTC)`;
    const row = (symbol: string) => r.out.split('\n').find((l) => l.startsWith(`${symbol} `))!;
    expect(row('ETH/BTC')).toContain(inBtc);
    expect(row('BTC/USDT')).not.toContain('(in ');
    expect(readFileSync(path.join(dir, 'mixed.html'), 'utf8')).toContain(`<td>${inBtc}</td>`);
    expect(ethBtcPart!.buyHoldQuote).toBe('BTC');
    expect(btcPart!.buyHoldQuote).toBeUndefined();
  });

  it('splits the account by --weights: each market sized to its share, the basket bought in the same shares', () => {
    const r = keel(['backtest', '--strategy', 'sma-cross', '--params', 'fast=10,slow=30', '--data', BTC, '--data', ETH, '--portfolio', '--weights', '3,1', ...RANGE, '--json', 'pf-w.json', '--html', 'pf-w.html']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain("each market's entries are sized to its weight's part of the mode's share of equity: BTC/USDT 75%, ETH/USDT 25%");
    const rows = r.out.split('\n').filter((l) => /^(BTC\/USDT|ETH\/USDT|all) /.test(l));
    expect(rows.map((l) => l.split(/\s+/)[1])).toEqual(['75%', '25%', '100%']);
    expect(rows[2]).toContain("(the run's weights)");
    const doc = JSON.parse(readFileSync(path.join(dir, 'pf-w.json'), 'utf8')) as Doc;
    const markets = doc.portfolio!.markets;
    expect(markets.map((m) => m.weight)).toEqual([0.75, 0.25]);
    // The benchmark is the 3:1 basket.
    expect(doc.metrics.buyHoldReturnPct).toBeCloseTo(0.75 * markets[0]!.buyHoldReturnPct + 0.25 * markets[1]!.buyHoldReturnPct, 9);
    // BTC's first entry takes about three times ETH's share of the equity: compare with the even split.
    const even = keel(['backtest', '--strategy', 'sma-cross', '--params', 'fast=10,slow=30', '--data', BTC, '--data', ETH, '--portfolio', ...RANGE, '--json', 'pf-even.json']);
    expect(even.code, even.err).toBe(0);
    const evenDoc = JSON.parse(readFileSync(path.join(dir, 'pf-even.json'), 'utf8')) as Doc;
    expect(evenDoc.portfolio!.markets.map((m) => m.weight)).toEqual([0.5, 0.5]);
    const firstBtc = (d: Doc) => d.fills.find((f) => f.symbol === 'BTC/USDT')!;
    expect(firstBtc(doc).ts).toBe(firstBtc(evenDoc).ts);
    expect(firstBtc(doc).qty / firstBtc(evenDoc).qty).toBeCloseTo(1.5, 2);
    expect(readFileSync(path.join(dir, 'pf-w.html'), 'utf8')).toContain("buy and hold (the run's weights)");
  });

  it("runs each strategy as a portfolio of its own, each run's tables and notes saying whose they are", () => {
    const r = keel(['backtest', '--strategy', 'sma-cross,ema-cross', '--data', BTC, '--data', ETH, '--portfolio', '--monte-carlo', '100', ...RANGE, '--json', 'pf-two.json']);
    expect(r.code, r.err).toBe(0);
    // Each compared run's JSON carries its markets, as a single portfolio run's does.
    const doc = JSON.parse(readFileSync(path.join(dir, 'pf-two.json'), 'utf8')) as Doc & { runs: (Pick<Doc, 'portfolio' | 'metrics'> & { strategy: string })[] };
    expect(doc.runs.map((x) => x.strategy)).toEqual(['sma-cross', 'ema-cross']);
    expect(doc.runs[0]!.portfolio).toEqual(doc.portfolio);
    const second = doc.runs[1]!.portfolio!.markets;
    expect(second.map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(second[0]!.pnl + second[1]!.pnl).toBeCloseTo(doc.runs[1]!.metrics.finalEquity! - 10_000, 4);
    expect(r.out).toContain('Portfolio (2 markets, one account): sma-cross(fast=10,slow=30) moderate\n');
    expect(r.out).toContain('Portfolio (2 markets, one account): ema-cross(fast=12,slow=26) moderate\n');
    // The bands are of the first run's trades, and say so.
    expect(r.out).toMatch(/Monte Carlo \(100 runs of \d+ trades\) of sma-cross\(fast=10,slow=30\) moderate\n/);
    const notes = r.out.split('\n').filter((l) => l.startsWith('note'));
    // Kill-switch pulls and refusals in both runs: each says which run it was.
    expect(notes.some((l) => l.startsWith('note (sma-cross(fast=10,slow=30) moderate): '))).toBe(true);
    expect(notes.some((l) => l.startsWith('note (ema-cross(fast=12,slow=26) moderate): '))).toBe(true);
    expect(notes.filter((l) => !/^note \((sma|ema)-cross\(/.test(l))).toEqual([]);
  });

  it('searches one parameter set for both markets, each set a portfolio run, and reports the best as one', () => {
    const r = keel(['backtest', '--strategy', 'sma-cross', '--data', BTC, '--data', ETH, '--portfolio', ...RANGE, '--optimize', 'grid', '--grid', 'fast=5|10,slow=30|60', '--workers', '0', '--json', 'pf-search.json']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('grid search over 4 parameter sets, each a portfolio run');
    expect(r.out).toMatch(/Optimization \(4 sets, in sample: \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d, bars 0\.\.\d+\)/);
    const doc = JSON.parse(readFileSync(path.join(dir, 'pf-search.json'), 'utf8')) as Doc & { optimization: { ranked: { params: Record<string, number>; score: number }[]; outOfSample: { metrics: Record<string, number | null> } } };
    const best = doc.optimization.ranked[0]!;
    expect(doc.optimization.ranked).toHaveLength(4);
    // The report's run is the best set, over all the dates, trading both markets from one account.
    expect(doc.symbol).toBe('BTC/USDT+ETH/USDT');
    expect(new Set(doc.fills.map((f) => f.symbol))).toEqual(new Set(['BTC/USDT', 'ETH/USDT']));
    expect(r.out).toContain(`Portfolio (2 markets, one account)`);
    // The same set given as parameters runs the same portfolio: the search scored what a run trades.
    const again = keel(['backtest', '--strategy', 'sma-cross', '--params', `fast=${best.params.fast},slow=${best.params.slow}`, '--data', BTC, '--data', ETH, '--portfolio', ...RANGE, '--json', 'pf-best.json']);
    expect(again.code, again.err).toBe(0);
    expect((JSON.parse(readFileSync(path.join(dir, 'pf-best.json'), 'utf8')) as Doc).metrics).toEqual(doc.metrics);

    const walk = keel(['backtest', '--strategy', 'sma-cross', '--data', BTC, '--data', ETH, '--portfolio', ...RANGE, '--optimize', 'grid', '--grid', 'fast=5|10,slow=30|60', '--walk-forward', '3', '--workers', '0', '--json', 'pf-walk.json']);
    expect(walk.code, walk.err).toBe(0);
    expect(walk.out).toMatch(/Walk-forward \(3 folds, efficiency/);
    // Its score columns named by the objective, as the app heads them (shared/backtest/objective-label.ts).
    expect(walk.out).toMatch(/fold +in sample +out of sample +params +IS Sharpe +OOS Sharpe +IS return +OOS return/);
    const w = (JSON.parse(readFileSync(path.join(dir, 'pf-walk.json'), 'utf8')) as { walkForward: { folds: { outOfSample: { from: number; to: number } }[]; equity: [number, number][] } }).walkForward;
    // The stitched out-of-sample equity covers each fold's stretch of the shared timeline once.
    expect(w.equity).toHaveLength(w.folds.reduce((n, f) => n + f.outOfSample.to - f.outOfSample.from, 0));
  }, 60_000);

  it('refuses what a portfolio cannot be, writing no report', () => {
    const cases: [string[], number, RegExp][] = [
      [['--data', BTC], 2, /--portfolio trades several markets from one account/],
      [['--data', ETH, '--data', M1], 2, /a portfolio's markets share one timeframe; these are ETH\/USDT 1h, BTC\/USDT 1m/],
      // Two files of one market: refused before either is read, naming both.
      [['--data', BTC, '--data', M1], 2, new RegExp(`--portfolio: --data ${BTC} and --data ${M1} are both BTC/USDT \\(read from their file names\\); a portfolio trades each market once from one account: give one file per market`)],
      [['--data', BTC, '--data', ETH, '--weights', '3'], 2, /--weights 3: weights: give one for each of the 2 markets \(BTC\/USDT, ETH\/USDT\), in that order; got 1/],
      [['--data', BTC, '--data', ETH, '--weights', '3,0'], 2, /--weights 3,0: weights: 0 for ETH\/USDT is not a number above 0/],
      [['--data', BTC, '--data', ETH, '--weights', '3,x'], 2, /--weights 3,x: "x" for ETH\/USDT is not a number; weights are relative numbers above 0/],
    ];
    for (const [args, code, message] of cases) {
      const r = keel(['backtest', '--strategy', 'sma-cross', ...args, '--portfolio', '--json', 'bad.json']);
      expect(r.code, r.err).toBe(code);
      expect(r.err).toMatch(message);
      expect(existsSync(path.join(dir, 'bad.json'))).toBe(false);
    }
    // Refused before the files are read (a year of 1m candles takes seconds to read).
    expect(keel(['backtest', '--strategy', 'sma-cross', '--data', BTC, '--data', M1, '--portfolio']).err).not.toContain('candles of');
    const alone = keel(['backtest', '--strategy', 'sma-cross', '--data', BTC, '--data', ETH, '--weights', '3,1', '--json', 'bad.json']);
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('--weights splits a portfolio among its markets; add --portfolio');
    expect(existsSync(path.join(dir, 'bad.json'))).toBe(false);
  });
});
