// Each metric on a case small enough to work out by hand (the numbers in the comments).
import { describe, expect, it } from 'vitest';
import { buyHoldReturnPct, cagrPct, computeMetrics, dailyReturns, DAY_MS, maxDrawdown, sharpe, sortino, timeInMarketPct, tradeStatistics } from '../../../electron/backtest/metrics.ts';
import type { Trade } from '../../../electron/backtest/trades.ts';
import { heldText, holdTimeText } from '../../../shared/backtest/hold-time.ts';
import { mulberry32 } from '../../../electron/risk/projection/prng.ts';

const day = (i: number) => Date.UTC(2024, 0, 1) + i * DAY_MS;
const days = (n: number) => Array.from({ length: n }, (_, i) => day(i));

function trade(pnl: number, closed = true): Trade {
  return { side: 'long', entryTs: 0, exitTs: 1, entryPrice: 100, exitPrice: 100 + pnl, qty: 1, fees: 0, pnl, returnPct: pnl, closed, exit: closed ? 'signal' : 'open' };
}

describe('metrics', () => {
  it('daily returns sample the last bar of each UTC day; the first from the starting capital', () => {
    // 12h bars: two a day. Day 1 ends at 102, day 2 at 100.98.
    const t = [day(0), day(0) + DAY_MS / 2, day(1), day(1) + DAY_MS / 2];
    const r = dailyReturns(t, [101, 102, 99, 100.98], DAY_MS / 2, 100);
    expect(r.length).toBe(2);
    expect(r[0]).toBeCloseTo(0.02, 12);
    expect(r[1]).toBeCloseTo(-0.01, 12);
  });

  it('daily returns over irregular bars (gaps of minutes to days, 1d bars opening at midnight) pick the same last bar of each day as a bar-by-bar walk', () => {
    // A bar-by-bar walk, the plain statement of the rule: a new day starts where a bar's close passes
    // the end of the day the previous bar closed in; a day no bar closed in (a gap) returns 0.
    const walk = (t: number[], eq: number[], barMs: number, start: number) => {
      const out: number[] = [];
      let prev = start;
      const dayOf = (i: number) => Math.floor((t[i]! + barMs - 1) / DAY_MS);
      let last = Math.floor(t[0]! / DAY_MS) - 1;
      for (let i = 0; i < t.length; i++) {
        if (i + 1 === t.length || dayOf(i + 1) !== dayOf(i)) {
          for (let d = last + 1; d < dayOf(i); d++) out.push(0);
          last = dayOf(i);
          out.push(eq[i]! / prev - 1);
          prev = eq[i]!;
        }
      }
      return out;
    };
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const barMs of [60_000, 3_600_000, DAY_MS]) {
      const t: number[] = [];
      const eq: number[] = [];
      let ts = day(0);
      for (let i = 0; i < 20_000; i++) {
        t.push(ts);
        eq.push(100 + 10 * Math.sin(i / 50) + rnd());
        // Mostly the next bar; sometimes a gap of hours or days.
        const gap = rnd() < 0.995 ? 1 : 1 + Math.floor(rnd() * (rnd() < 0.5 ? 90 : 3 * DAY_MS / barMs));
        ts += gap * barMs;
      }
      const expected = walk(t, eq, barMs, 100);
      expect(expected.length).toBeGreaterThan(barMs === DAY_MS ? 10_000 : 10);
      expect(dailyReturns(Float64Array.from(t), Float64Array.from(eq), barMs, 100)).toEqual(expected);
    }
  });

  it('daily returns inside bars longer than a day: a day no bar closes in returns 0, from the first open', () => {
    // 2d bars from day 0: the first closes at the end of day 1 (102), the second at the end of day 3
    // (100.98). Days 0 and 2 close no bar: the equity stands, 0.
    const r = dailyReturns([day(0), day(2)], [102, 100.98], 2 * DAY_MS, 100);
    expect(r.length).toBe(4);
    expect(r[0]).toBe(0);
    expect(r[1]).toBeCloseTo(0.02, 12);
    expect(r[2]).toBe(0);
    expect(r[3]).toBeCloseTo(-0.01, 12);
  });

  it('Sharpe of 1w bars is annualized as weeks are, not as if each week were a day', () => {
    // Weekly returns alternating +4 % and −2 %: their own Sharpe × √(365 / 7) (weeks a year), give or take
    // the zero days' small share of the variance; counting each week as a day (× √365) read √7 ≈ 2.65 too high.
    const weeks = 52;
    const t = Array.from({ length: weeks }, (_, i) => day(i * 7));
    const eq: number[] = [];
    let e = 100;
    for (let i = 0; i < weeks; i++) eq.push((e *= i % 2 ? 0.98 : 1.04));
    const weekly = eq.map((v, i) => v / (i ? eq[i - 1]! : 100) - 1);
    const perWeek = (sharpe(weekly) / Math.sqrt(365)) * Math.sqrt(365 / 7);
    const s = sharpe(dailyReturns(t, eq, 7 * DAY_MS, 100));
    expect(s).toBeGreaterThan(perWeek * 0.9);
    expect(s).toBeLessThan(perWeek * 1.1);
    // A run of one such bar has one return, and no ratio, as a run of one day has none.
    const one = computeMetrics({ t: [day(0)], equity: [104], barMs: 7 * DAY_MS, startEquity: 100, trades: [], fills: [], exposedBars: 0, firstOpen: 100, lastClose: 104, feeRate: 0 });
    expect(one.sharpe).toBeNaN();
    expect(one.sortino).toBeNaN();
  });

  it('Sharpe and Sortino, annualized over 365 days, risk-free 0', () => {
    // r = +2 %, −1 %, +2 %, −1 %: mean 0.005; sample sd √(4 × 0.015² / 3) = 0.0173205;
    // Sharpe = 0.005 / 0.0173205 × √365 = 5.5151. Downside deviation √((2 × 0.01²) / 4) = 0.0070711;
    // Sortino = 0.005 / 0.0070711 × √365 = 13.5093.
    const r = [0.02, -0.01, 0.02, -0.01];
    expect(sharpe(r)).toBeCloseTo(5.5151, 3);
    expect(sortino(r)).toBeCloseTo(13.5093, 3);
    expect(sharpe([0.01])).toBeNaN();
    expect(sharpe([0.01, 0.01])).toBeNaN(); // no variation: undefined
  });

  it('Sortino without a losing day: infinite for a gain (nothing on the downside), none for days of 0', () => {
    // Before, both were NaN, and a search by Sortino ranked the set that never lost a day last, below one
    // that made no trade.
    expect(sortino([0.01, 0.002, 0, 0.03])).toBe(Number.POSITIVE_INFINITY);
    expect(sortino([0, 0, 0])).toBeNaN();
    expect(sortino([0.01])).toBeNaN();
  });

  it('CAGR: 100 → 121 over two years of 365 days is 10 %', () => {
    expect(cagrPct(100, 121, 730 * DAY_MS)).toBeCloseTo(10, 10);
    expect(cagrPct(100, 50, 365 * DAY_MS)).toBeCloseTo(-50, 10);
  });

  it('CAGR and Calmar only over a year or more: a shorter run\'s return raised to a year\'s is an extrapolation', () => {
    const input = (n: number, barMs: number, final: number) => ({
      t: Array.from({ length: n }, (_, i) => day(0) + i * barMs),
      equity: Array.from({ length: n }, (_, i) => (i === n - 1 ? final : i === 0 ? 90 : 100)),
      barMs,
      startEquity: 100,
      trades: [],
      fills: [],
      firstOpen: 1,
      lastClose: 1,
      feeRate: 0,
    });
    // +5 % over six hours annualized: 1.05^1460 − 1, some 1.6e31 %. Not a figure a trader can use: none.
    expect(cagrPct(100, 105, DAY_MS / 4)).toBeGreaterThan(1e31);
    const hours = computeMetrics(input(6, 3_600_000, 105));
    expect(hours.totalReturnPct).toBeCloseTo(5, 10);
    expect(hours.cagrPct).toBeNaN();
    expect(hours.calmar).toBeNaN();
    // 364 days: still none; 365 days (100 → 110): 10 %, and Calmar 10 / the 10 % drawdown to 90.
    expect(computeMetrics(input(364, DAY_MS, 110)).cagrPct).toBeNaN();
    const year = computeMetrics(input(365, DAY_MS, 110));
    expect(year.cagrPct).toBeCloseTo(10, 10);
    expect(year.calmar).toBeCloseTo(1, 10);
  });

  it('exposure is the time a position was open: the union of the trades\' spans over the run\'s', () => {
    const held = (entryTs: number, exitTs: number, closed = true): Trade => ({ ...trade(1, closed), entryTs, exitTs });
    // Four days. A trade from day 0's open to day 1's (a whole bar), and one a stop closed 6 h after day 2's
    // open, inside the bar it entered in: 30 h of 96, 31.25 %. Counting the bars that closed with a position
    // open gave 1 of 4 (25 %): the stopped trade's six hours counted as none.
    expect(timeInMarketPct([held(day(0), day(1)), held(day(2), day(2) + DAY_MS / 4)], day(0), day(4))).toBeCloseTo(31.25, 10);
    // A portfolio's trades overlap: their union counts once (day 0 to day 2, 50 %); one open at the end runs to it.
    expect(timeInMarketPct([held(day(0), day(1)), held(day(0) + DAY_MS / 2, day(2))], day(0), day(4))).toBeCloseTo(50, 10);
    expect(timeInMarketPct([held(day(1), day(2)), held(day(0), day(1) + DAY_MS / 2), held(day(3), day(4), false)], day(0), day(4))).toBeCloseTo(75, 10);
    expect(timeInMarketPct([], day(0), day(4))).toBe(0);
    // On 1d bars a run whose every trade a take-profit closed the day it entered was reported 0 % exposed.
    const m = computeMetrics({ t: days(4), equity: [100, 101, 101, 102], barMs: DAY_MS, startEquity: 100, trades: [held(day(1), day(1) + DAY_MS / 3), held(day(3), day(3) + DAY_MS / 3)], fills: [], exposedBars: 0, firstOpen: 1, lastClose: 1, feeRate: 0 });
    expect(m.exposurePct).toBeCloseTo((100 * 2) / 3 / 4, 10);
  });

  it('max drawdown and its duration: 120 → 90 is 25 %, under water from day 1 to day 4', () => {
    // Daily bars closing at 120, 90, 110, 130, 117 (start 100). Peak 120 (close of day 0), trough 90,
    // regained at day 3's close: 3 days under water. Then 130 → 117 (10 %) for 1 day to the end.
    const dd = maxDrawdown(days(5), [120, 90, 110, 130, 117], DAY_MS, 100);
    expect(dd.pct).toBeCloseTo(25, 10);
    expect(dd.durationMs).toBe(3 * DAY_MS);
    // Never regained: the drawdown lasts to the end.
    expect(maxDrawdown(days(3), [90, 95, 80], DAY_MS, 100)).toEqual({ pct: 20, durationMs: 3 * DAY_MS });
  });

  it('max drawdown over long random runs equals the bar-by-bar definition, to the last bit', () => {
    // The definition, one bar at a time: the fall from the running peak at every bar under water, and
    // the time from the peak's close to each bar's close while under water.
    const reference = (t: number[], eq: Float64Array, barMs: number, start: number) => {
      let peak = start;
      let peakTs = t[0]!;
      let worst = 0;
      let longest = 0;
      let under = false;
      for (let i = 0; i < eq.length; i++) {
        const ts = t[i]! + barMs;
        if (eq[i]! >= peak) {
          if (under) longest = Math.max(longest, ts - peakTs);
          under = false;
          peak = eq[i]!;
          peakTs = ts;
        } else {
          under = true;
          worst = Math.max(worst, (peak - eq[i]!) / peak);
          longest = Math.max(longest, ts - peakTs);
        }
      }
      return { pct: worst * 100, durationMs: longest };
    };
    const rand = mulberry32(11);
    for (const n of [1, 2, 4095, 4096, 4097, 20_000]) {
      for (const drift of [-0.0002, 0, 0.0003]) {
        const t = Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 60_000);
        const eq = new Float64Array(n);
        let e = 10_000;
        for (let i = 0; i < n; i++) eq[i] = e *= 1 + drift + (rand() - 0.5) * 0.004;
        expect(maxDrawdown(t, eq, 60_000, 10_000)).toEqual(reference(t, eq, 60_000, 10_000));
      }
    }
  });

  it('trade statistics: win rate, profit factor, expectancy, average reward-to-risk', () => {
    // P&L +10, −5, +20, −5: 2 of 4 win (50 %); profit factor 30 / 10 = 3; expectancy 20 / 4 = 5;
    // average win 15 / average loss 5 = 3.
    expect(tradeStatistics([trade(10), trade(-5), trade(20), trade(-5)])).toMatchObject({ winRatePct: 50, profitFactor: 3, expectancy: 5, avgRewardToRisk: 3 });
    expect(tradeStatistics([trade(10)]).profitFactor).toBe(Infinity);
    expect(tradeStatistics([]).winRatePct).toBeNaN();
  });

  it('best and worst trade, winning and losing streaks, and the time in trades', () => {
    const HOUR = 3_600_000;
    let at = 0;
    // Closed one after another: P&L (return %) and hours held.
    const held = ([pnl, ret, hours]: [number, number, number]): Trade => {
      const t = { ...trade(pnl), returnPct: ret, entryTs: at, exitTs: at + hours * HOUR };
      at += 10 * HOUR;
      return t;
    };
    const trades = ([[10, 10, 2], [20, 20, 6], [-5, -5, 1], [-5, -2.5, 3], [0, 0, 1], [-1, -1, 0.5]] as [number, number, number][]).map(held);
    // Best 20 %, worst −5 %. Two winners in a row (trades 1, 2); two losers (3, 4), then a 0 ends the run.
    // Held 2 + 6 + 1 + 3 + 1 + 0.5 = 13.5 h over 6 trades: 2.25 h; winners (2 + 6) / 2 = 4 h; losers (1 + 3 + 0.5) / 3 = 1.5 h.
    expect(tradeStatistics(trades)).toMatchObject({ bestTradePct: 20, worstTradePct: -5, maxWinStreak: 2, maxLossStreak: 2, avgTradeDays: 2.25 / 24, avgWinnerDays: 4 / 24, avgLoserDays: 1.5 / 24 });
    // A portfolio's trades come market by market: the streaks follow the order they closed in.
    const [a, b, c, d, e, f] = trades;
    expect(tradeStatistics([c!, d!, f!, a!, b!, e!])).toMatchObject({ maxWinStreak: 2, maxLossStreak: 2 });
    // No trade, or no loser: nothing to say, and no streak.
    expect(tradeStatistics([])).toMatchObject({ bestTradePct: NaN, worstTradePct: NaN, maxWinStreak: 0, maxLossStreak: 0, avgTradeDays: NaN });
    expect(tradeStatistics([a!, b!])).toMatchObject({ maxLossStreak: 0, avgLoserDays: NaN, avgWinnerDays: 4 / 24 });
  });

  it('time in a trade reads as its two largest units, to the minute', () => {
    expect([2.25 / 24, 4 / 24, 3.2, 47 / 1440, 10 / 86_400, 0, Number.NaN, null].map(holdTimeText)).toEqual(['2h 15m', '4h', '3d 4h', '47m', '<1m', '0m', '–', '–']);
    // A zero second unit is left off: "9h", not "9h 0m"; "1d", not "1d 0h" (what rounds away to the minute counts as zero).
    expect([9 / 24, 1, 20 / 24, 45 / 1440, 2 + 59.6 / 1440, 1 + 1 / 1440].map(holdTimeText)).toEqual(['9h', '1d', '20h', '45m', '2d 1h', '1d']);
    // A trade's: entry to exit.
    expect(heldText(Date.UTC(2024, 0, 1, 22, 0), Date.UTC(2024, 0, 3, 1, 30))).toBe('1d 3h');
  });

  it('buy and hold pays one fee on top of the purchase, as a buy does: 100 → 150 at 0.1 % is 49.850 %', () => {
    // 10,000 buys 10,000 / (100 × 1.001) = 99.9001 units, worth 14,985.01 at 150.
    expect(buyHoldReturnPct(100, 150, 0.001)).toBeCloseTo((150 / 100.1 - 1) * 100, 10);
    expect(buyHoldReturnPct(100, 150, 0.001)).toBeCloseTo(49.8501, 4);
    // At 5 % the two ways of charging it part: 150 / 105 = 1.428571, not 1.5 × 0.95 = 1.425.
    expect(buyHoldReturnPct(100, 150, 0.05)).toBeCloseTo(42.8571, 4);
  });

  it('puts it together: totals, exposure, fees, Calmar, open trades apart', () => {
    const m = computeMetrics({
      t: days(5),
      equity: [120, 90, 110, 130, 117],
      barMs: DAY_MS,
      startEquity: 100,
      // Held day 1, half of day 3, and the last half day (open at the end): 2 of the 5 days.
      trades: [
        { ...trade(10), entryTs: day(1), exitTs: day(2) },
        { ...trade(-5), entryTs: day(3), exitTs: day(3) + DAY_MS / 2 },
        { ...trade(20, false), entryTs: day(4) + DAY_MS / 2, exitTs: day(5) },
      ],
      fills: [
        { ts: 0, side: 'buy', price: 1, qty: 1, fee: 0.25 },
        { ts: 1, side: 'sell', price: 1, qty: 1, fee: 0.5 },
      ],
      firstOpen: 100,
      lastClose: 150,
      feeRate: 0.001,
    });
    expect(m.totalReturnPct).toBeCloseTo(17, 10);
    expect(m.finalEquity).toBe(117);
    expect(m.maxDrawdownPct).toBeCloseTo(25, 10);
    expect(m.maxDrawdownDays).toBe(3);
    // Five days: too short to annualize, so no CAGR and no Calmar (CAGR over a year: the test above).
    expect(m.cagrPct).toBeNaN();
    expect(m.calmar).toBeNaN();
    expect(m.exposurePct).toBeCloseTo(40, 10);
    expect(m.trades).toBe(2);
    expect(m.openTrades).toBe(1);
    expect(m.winRatePct).toBe(50);
    expect(m.fills).toBe(2);
    expect(m.feesPaid).toBe(0.75);
    expect(m.buyHoldReturnPct).toBeCloseTo((150 / 100.1 - 1) * 100, 10);
    expect(m.excessReturnPct).toBeCloseTo(17 - (150 / 100.1 - 1) * 100, 10);
    expect(m.from).toBe(day(0));
    expect(m.to).toBe(day(5));
  });
});
