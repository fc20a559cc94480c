// A search or walk-forward over a portfolio cuts its shared timeline by time: a window of it is the
// portfolio run over those dates (the bars before its end trade exactly as in the run over all of them, a
// market listed later sitting the early windows out while the others keep their 1/N share), worker threads
// score a portfolio's sets as inline runs do, and a walk-forward's folds are the same dates for every market.
import { beforeAll, describe, expect, it } from 'vitest';
import { hourlyPair } from '../../helpers/hourly-pair.ts';
import { EvalPool } from '../../../electron/backtest/eval-pool.ts';
import { search } from '../../../electron/backtest/optimize.ts';
import { gridSets } from '../../../electron/backtest/param-space.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runPortfolioSetup, runSetup, sliceColumns, type RunSetup, type SetupMarket } from '../../../electron/backtest/run-setup.ts';
import { portfolioSubject, runWindow, subjectTimes } from '../../../electron/backtest/search-subject.ts';
import { walkForward } from '../../../electron/backtest/walk-forward.ts';
import type { CandleColumns } from '../../../electron/journal/candle-columns.ts';
import { findStrategy } from '../../../electron/strategies/registry.ts';

const HOUR = 3_600_000;
let btc: CandleColumns;
let eth: CandleColumns;
beforeAll(async () => {
  ({ btc, eth } = await hourlyPair(8_760));
});

const setup: RunSetup = { strategy: 'sma-cross', symbol: 'BTC/USDT', barMs: HOUR, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 0 };
const params = { fast: 10, slow: 30 };
/** BTC over the whole year, ETH listed 3,000 hours later. */
const lateEth = (): SetupMarket[] => [
  { symbol: 'BTC/USDT', candles: btc },
  { symbol: 'ETH/USDT', candles: sliceColumns(eth, 3_000, eth.length) },
];

describe('a portfolio as what a search runs over', () => {
  it('a window from the start trades as the run over all the bars did until the window ends', () => {
    const markets = lateEth();
    const subject = portfolioSubject(markets);
    const whole = runPortfolioSetup(setup, markets, params);
    const end = 6_000;
    const part = runWindow(setup, subject, params, 0, end);
    const until = subjectTimes(subject)[end - 1]!;
    expect(part.fills.filter((f) => f.symbol === 'ETH/USDT').length).toBeGreaterThan(10);
    // An order placed at the window's last close fills after it in the whole run only.
    expect(part.fills).toEqual(whole.fills.filter((f) => f.ts <= until));
    expect(Array.from(part.equity)).toEqual(Array.from(whole.equity.subarray(0, end)));
  });

  it('a window before a market is listed trades the others at their 1/N share, not the whole account', () => {
    const subject = portfolioSubject(lateEth());
    const part = runWindow(setup, subject, params, 500, 2_500);
    expect(part.symbol).toBe('BTC/USDT');
    // BTC alone over the same bars: the same signals, so the same first entry, from the same capital.
    const alone = runSetup(setup, btc, params, 500, 2_500);
    const [a, b] = [part.fills[0]!, alone.fills[0]!];
    expect(a.ts).toBe(b.ts);
    expect(a.side).toBe('buy');
    // Half the size (to the lot step): ETH's half of the share waits for ETH.
    expect(a.qty / b.qty).toBeCloseTo(0.5, 2);
  });

  it('a window before a market is listed keeps the others at their weight\'s share of the whole portfolio', () => {
    const weighted = lateEth().map((m, i) => ({ ...m, weight: i === 0 ? 3 : 1 }));
    const part = runWindow(setup, portfolioSubject(weighted), params, 500, 2_500);
    const alone = runSetup(setup, btc, params, 500, 2_500);
    expect(part.fills[0]!.ts).toBe(alone.fills[0]!.ts);
    // Three quarters of what BTC alone takes: ETH's quarter waits for ETH.
    expect(part.fills[0]!.qty / alone.fills[0]!.qty).toBeCloseTo(0.75, 2);
    expect(part.fills.every((f) => f.symbol === 'BTC/USDT')).toBe(true);
  });

  it('worker threads score a portfolio\'s sets as inline runs do', async () => {
    const subject = portfolioSubject(lateEth());
    const jobs = [{ params, from: 0, to: 4_000 }, { params: { fast: 20, slow: 60 }, from: 2_000, to: 8_760 }];
    const inline = new EvalPool(setup, subject, 0);
    const threads = new EvalPool(setup, subject, 1);
    try {
      expect((await threads.evaluate(jobs)).map((r) => r.metrics)).toEqual((await inline.evaluate(jobs)).map((r) => r.metrics));
    } finally {
      await threads.close();
    }
  }, 30_000);

  it('a search holds out the portfolio\'s last dates, and a walk-forward\'s folds are the same dates for every market', async () => {
    const markets = lateEth();
    const subject = portfolioSubject(markets);
    const pool = new EvalPool(setup, subject, 0);
    const sets = gridSets(findStrategy('sma-cross'), params, { fast: [5, 10], slow: [30, 60] });
    const s = await search(pool, sets, subjectTimes(subject).length, 'sharpe', 0.25);
    expect(s.inSample).toEqual({ from: 0, to: 6_570 });
    // The held-out check is the best set's portfolio run over the last quarter's dates.
    expect(s.outOfSample!.metrics).toEqual(runWindow(setup, subject, s.ranked[0]!.params, 6_570, 8_760).metrics);

    const w = await walkForward(pool, setup, subject, sets, { folds: 3, isRatio: 2, anchored: false }, 'sharpe');
    const times = subjectTimes(subject);
    // Stitched out-of-sample equity: one point per date of the out-of-sample stretches, in time order.
    expect(w.equity.map(([t]) => t)).toEqual(w.folds.flatMap((f) => Array.from(times.subarray(f.outOfSample.from, f.outOfSample.to))));
    const last = w.folds[2]!;
    const oos = runWindow(setup, subject, last.params, last.outOfSample.from, last.outOfSample.to);
    expect(oos.symbol).toBe('BTC/USDT+ETH/USDT');
    expect(last.outOfSampleMetrics).toEqual(oos.metrics);
  }, 60_000);
});
