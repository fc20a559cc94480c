// A portfolio run with lower-timeframe detail: each market's minutes decide the fills inside its hours,
// as they do in a single-market run. Over one market it is runBacktest with the same detail to the last
// digit; over two, the markets' minutes go to the broker merged in time order, so the account's fills come
// in the order they would at a venue, and a stop in one market fills at its minute, between the other's.
// A search over such a portfolio fills every set's window on its markets' minutes too, in worker threads
// as inline.
//
// The markets are real minutes: Binance.US BTCUSDT from March 2023, and a BTC perpetual's January 2022
// minutes moved onto the same dates (a second market on the same clock; its prices are its own).
import { beforeAll, describe, expect, it } from 'vitest';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { EvalPool } from '../../../electron/backtest/eval-pool.ts';
import { runPortfolio, type PortfolioRun } from '../../../electron/backtest/run-portfolio.ts';
import { runPortfolioSetup, type RunSetup, type SetupMarket } from '../../../electron/backtest/run-setup.ts';
import { portfolioSubject, runWindow, subjectTimes } from '../../../electron/backtest/search-subject.ts';
import { allocateColumns, columnsBetween, type CandleColumns } from '../../../electron/journal/candle-columns.ts';
import { resample } from '../../../electron/market/candles/resample.ts';
import { readCandleFile } from '../../../electron/market/import/read-candle-file.ts';
import { defineStrategy } from '../../../electron/strategies/strategy.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { BTC_1M, SHARED_DATA_DIR } from '../../helpers/keel-cli.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const PERP_1M = `${SHARED_DATA_DIR}/nautilus_btc-perp-20211231-20220201_1m.csv`;

let btcMinutes: CandleColumns;
let perpMinutes: CandleColumns;
let btcHours: CandleColumns;
let perpHours: CandleColumns;

/** The columns with every time moved by `by` ms. */
function shifted(c: CandleColumns, by: number): CandleColumns {
  const out = allocateColumns(c.length);
  for (const k of ['o', 'h', 'l', 'c', 'v'] as const) out[k].set(c[k]);
  for (let i = 0; i < c.length; i++) out.t[i] = c.t[i]! + by;
  return out;
}

beforeAll(async () => {
  btcMinutes = (await readCandleFile(BTC_1M)).columns;
  const perp = (await readCandleFile(PERP_1M)).columns;
  // From its first whole hour (2022-01-01 00:00), onto 2023-03-01 00:00, as long as the BTC minutes.
  const start = perp.t.findIndex((t) => t === Date.UTC(2022, 0, 1));
  perpMinutes = shifted(columnsBetween(perp, start, start + btcMinutes.length), Date.UTC(2023, 2, 1) - Date.UTC(2022, 0, 1));
  btcHours = resample(btcMinutes, '1m', '1h');
  perpHours = resample(perpMinutes, '1m', '1h');
});

const { def, params } = strategyWithParams('sma-cross', { fast: 5, slow: 20 });
const exits = { stopLossPct: 0.5, takeProfitPct: 1, trailingStopPct: null };
const terms = { def, params, barMs: HOUR, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 0, exits };
const base = (over: Partial<PortfolioRun> = {}): PortfolioRun => ({ ...terms, markets: [], ...over });

describe('a portfolio run with detail', () => {
  it('over one market is runBacktest with the same detail: the same fills, equity and metrics', () => {
    const detail = { candles: btcMinutes, barMs: MINUTE };
    const one = runBacktest({ ...terms, symbol: 'BTC/USDT', candles: btcHours, detail });
    const pf = runPortfolio(base({ markets: [{ symbol: 'BTC/USDT', candles: btcHours, detail }] }));
    // The minutes decided something: exits at minutes inside the hours, unlike the hours' own paths.
    const hoursOnly = runBacktest({ ...terms, symbol: 'BTC/USDT', candles: btcHours });
    expect(one.fills).not.toEqual(hoursOnly.fills);
    expect(one.fills.some((f) => f.ts % HOUR !== 0)).toBe(true);
    expect(pf.fills.map(({ symbol, ...f }) => (expect(symbol).toBe('BTC/USDT'), f))).toEqual(one.fills);
    expect(Array.from(pf.equity)).toEqual(Array.from(one.equity));
    expect(pf.metrics).toEqual(one.metrics);
  });

  it('over two markets walks their minutes merged in time order: the fills come in the order of their minutes', () => {
    const pf = runPortfolio(
      base({
        markets: [
          { symbol: 'BTC/USDT', candles: btcHours, detail: { candles: btcMinutes, barMs: MINUTE } },
          { symbol: 'PERP/USDT', candles: perpHours, detail: { candles: perpMinutes, barMs: MINUTE } },
        ],
      }),
    );
    const [b, p] = pf.portfolio.parts;
    expect(b!.fills).toBeGreaterThan(10);
    expect(p!.fills).toBeGreaterThan(10);
    // Each market's exits fill at minutes inside its hours.
    for (const symbol of ['BTC/USDT', 'PERP/USDT']) expect(pf.fills.some((f) => f.symbol === symbol && f.ts % HOUR !== 0)).toBe(true);
    // One market's minutes after the other's would put a later minute's fill before an earlier one's.
    const ts = pf.fills.map((f) => f.ts);
    expect(ts).toEqual([...ts].sort((x, y) => x - y));
    // Within some hour both markets filled, interleaved by minute rather than one market's hour after the other's.
    const hours = new Map<number, string[]>();
    for (const f of pf.fills) hours.set(Math.floor(f.ts / HOUR), [...(hours.get(Math.floor(f.ts / HOUR)) ?? []), f.symbol!]);
    expect([...hours.values()].some((s) => new Set(s).size === 2)).toBe(true);
    expect(b!.pnl + p!.pnl).toBeCloseTo(pf.metrics.finalEquity - pf.capital, 4);
  });

  it('tells each market\'s strategy onTick per minute of its own, and notes a market whose detail covers only part of the run', () => {
    const ticks = new Map<string, number>();
    const counting = defineStrategy({
      name: 'counting',
      description: 'counts its ticks',
      params: {},
      indicators: () => [],
      create: (_p, ctx) => ({
        onBar() {},
        onTick() {
          ticks.set(ctx.symbol, (ticks.get(ctx.symbol) ?? 0) + 1);
        },
      }),
    });
    // PERP's minutes of the first week only: its other hours fill along their own path.
    const week = 7 * 24 * 60;
    const pf = runPortfolio({
      ...terms,
      def: counting,
      params: {},
      markets: [
        { symbol: 'BTC/USDT', candles: btcHours, detail: { candles: btcMinutes, barMs: MINUTE } },
        { symbol: 'PERP/USDT', candles: perpHours, detail: { candles: columnsBetween(perpMinutes, 0, week), barMs: MINUTE } },
      ],
    });
    expect(ticks.get('BTC/USDT')).toBe(btcMinutes.length);
    expect(ticks.get('PERP/USDT')).toBe(week);
    expect(pf.notes.some((n) => n.startsWith('PERP/USDT: the 1m detail covered 168 of the 504 1h bars'))).toBe(true);
    expect(pf.notes.some((n) => n.startsWith('BTC/USDT:'))).toBe(false);
  });

  it('refuses detail bars no shorter than the run\'s', () => {
    expect(() => runPortfolio(base({ markets: [{ symbol: 'BTC/USDT', candles: btcHours, detail: { candles: btcHours, barMs: HOUR } }] }))).toThrow(
      "BTC/USDT's detail bars must be shorter than the run's bars (3600000 ms), got 3600000 ms",
    );
  });

  it('a search\'s window of it fills on the minutes as the whole run does, and worker threads score its sets as inline runs do', async () => {
    const setup: RunSetup = { strategy: 'sma-cross', symbol: 'BTC/USDT', barMs: HOUR, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 0, exits };
    const markets: SetupMarket[] = [
      { symbol: 'BTC/USDT', candles: btcHours, detail: { candles: btcMinutes, barMs: MINUTE } },
      { symbol: 'PERP/USDT', candles: perpHours, detail: { candles: perpMinutes, barMs: MINUTE } },
    ];
    const subject = portfolioSubject(markets);
    const whole = runPortfolioSetup(setup, markets, params);
    const end = 300;
    const part = runWindow(setup, subject, params, 0, end);
    const until = subjectTimes(subject)[end - 1]! + HOUR;
    expect(part.fills.some((f) => f.ts % HOUR !== 0)).toBe(true);
    expect(part.fills).toEqual(whole.fills.filter((f) => f.ts < until));
    const jobs = [{ params, from: 0, to: 250 }, { params: { fast: 8, slow: 30 }, from: 100, to: 504 }];
    const inline = new EvalPool(setup, subject, 0);
    const threads = new EvalPool(setup, subject, 1);
    try {
      const [a, b] = [await threads.evaluate(jobs), await inline.evaluate(jobs)];
      expect(a.map((r) => r.metrics)).toEqual(b.map((r) => r.metrics));
      // The minutes reached the threads: their runs are not the hours' own.
      const hoursOnly = await new EvalPool(setup, portfolioSubject(markets.map(({ detail: _, ...m }) => m)), 0).evaluate(jobs);
      expect(a.map((r) => r.metrics)).not.toEqual(hoursOnly.map((r) => r.metrics));
    } finally {
      await threads.close();
    }
  }, 30_000);
});
