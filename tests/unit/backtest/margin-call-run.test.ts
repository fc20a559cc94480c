// A margin call in a backtest: a short held while the price runs away is closed by the risk room when the
// margin level reaches 1.1, at the next bar's open, as a margin venue would; the equity stays above zero,
// the run says so, and the kill switch stays engaged (new entries refused), as after a drawdown breach.
// With minute detail the risk room hears every minute's close, as it hears every tick in the app: a spike
// through the level and back inside an hour is called at its minute and closed at the next minute's open,
// where the hours alone never see it.
import { describe, expect, it } from 'vitest';
import { belowZeroNote } from '../../../electron/backtest/below-zero.ts';
import { NO_STOPS, riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { runPortfolio } from '../../../electron/backtest/run-portfolio.ts';
import { resample } from '../../../electron/market/candles/resample.ts';
import { defineStrategy } from '../../../electron/strategies/strategy.ts';
import { HAND_T0, HOUR, handBars } from '../../helpers/hand-bars.ts';

const MINUTE = 60_000;

/** Sells short with all it may on every bar it is flat: after the call, the engaged switch refuses it. */
const holdShort = defineStrategy({
  name: 'hold-short',
  description: 'short and hold',
  params: {},
  indicators: () => [],
  create: (_p, ctx) => ({
    onBar(bar) {
      if (ctx.hasOpenOrders() || ctx.position() !== 0) return;
      const qty = ctx.maxSellQty(bar.c);
      if (qty > 0) ctx.sell(qty);
    },
  }),
});

const closes = [100, 100, 150, 170, 185, 190, 260, 300];
const bars = handBars(closes.map((c, i) => [i === 0 ? 100 : closes[i - 1]!, Math.max(c, i === 0 ? 100 : closes[i - 1]!), Math.min(c, i === 0 ? 100 : closes[i - 1]!), c] as const));
const run = () =>
  runBacktest({
    def: holdShort,
    params: {},
    symbol: 'BTC/USDT',
    candles: bars,
    barMs: HOUR,
    risk: riskModeSettings('aggressive', undefined, NO_STOPS),
    capital: 10_000,
    feePct: 0,
    slippageBps: 0,
    direction: 'short',
  });

describe('a margin call in a backtest', () => {
  it('closes the short at the open after the close that reached the liquidation level; the equity stays above zero', () => {
    const r = run();
    // Sold 100 at bar 1's open (100): 20,000 of cash. At 185 it owes 18,500: level 1.081 at bar 4's close.
    expect(r.fills.map((f) => [(f.ts - HAND_T0) / HOUR, f.side, f.price, f.qty])).toEqual([
      [1, 'sell', 100, 100],
      [5, 'buy', 185, 100],
    ]);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ side: 'short', closed: true, pnl: -8_500 });
    expect(r.metrics.finalEquity).toBe(1_500);
    expect(Math.min(...r.equity)).toBeGreaterThan(0);
    const said = r.notes.join('\n');
    expect(said).toContain('kill switch at 2024-01-01T05:00:00Z: margin call: the margin level fell to 1.08 (20,000 USDT of assets against 18,500 USDT owed on shorts)');
    expect(said).toContain("the risk room's kill switch was pulled once (a margin call that closed every position) and never re-armed; engaged at the end");
    // It tried to short again at the close of each of the three bars after: refused, the switch engaged.
    expect(r.refusals).toBe(3);
    expect(r.halts).toEqual([{ from: HAND_T0 + 5 * HOUR, to: null, reason: expect.stringMatching(/^margin call: /) }]);
  });

  it('says so when a jump past the call ends the run below zero, and that Keel models no liquidation fee or insurance fund', () => {
    // Sold 100 at 100 (20,000 of cash). The close at 150 leaves the level at 1.33; the next hour opens at 260:
    // 26,000 owed against 20,000, equity −6,000 at its close. The call buys back at the next open, 260.
    const gap = [[100, 100, 100, 100], [100, 100, 100, 100], [100, 150, 100, 150], [260, 270, 250, 260], [260, 270, 250, 260], [260, 260, 260, 260]] as const;
    const r = runBacktest({ def: holdShort, params: {}, symbol: 'BTC/USDT', candles: handBars(gap), barMs: HOUR, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0, slippageBps: 0, direction: 'short' });
    expect(r.fills.map((f) => [(f.ts - HAND_T0) / HOUR, f.side, f.price])).toEqual([
      [1, 'sell', 100],
      [4, 'buy', 260],
    ]);
    expect(Array.from(r.equity)).toEqual([10_000, 10_000, 5_000, -6_000, -6_000, -6_000]);
    expect(belowZeroNote(r, 'USDT')).toBe(
      "the equity went below zero at 2024-01-01T04:00:00Z (-6,000.00 USDT): the price moved past the margin call level between two checks (bar closes, or with --detail the finer bars' closes), so a short lost more than the account held before the call could buy it back at the next open, where a margin venue would have liquidated it on its own engine; Keel does not model liquidation fees or the exchange's insurance fund, which covers such a shortfall, so a return below −100% and a drawdown above 100% are the fills' arithmetic, not a loss an account could take",
    );
    expect(r.notes).toContain(belowZeroNote(r, 'USDT'));
    // The lowest point is named when it is not the first, and the end when it is neither.
    expect(belowZeroNote({ t: [0, HOUR, 2 * HOUR, 3 * HOUR], equity: [5, -1, -7.5, -2], barMs: HOUR }, 'ETH')).toMatch(/^the equity went below zero at 1970-01-01T02:00:00Z \(-1\.00 ETH; the lowest -7\.50 ETH at 1970-01-01T03:00:00Z, -2\.00 ETH at the end\): /);
    // A run the call kept above zero says nothing.
    expect(belowZeroNote(run(), 'USDT')).toBeNull();
  });

  it('with minute detail, calls a spike through the level inside an hour at its minute, and closes at the next minute\'s open', () => {
    // Five hours at 100, but in hour 3 the price climbs 4.5 a minute from 110 to 200 by minute 20, then falls back to 105.
    const path = Array.from({ length: 5 * 60 }, (_, k) => {
      const m = k - 3 * 60;
      if (m < 0 || m >= 60) return 100;
      return m <= 20 ? 110 + 4.5 * m : 200 - (95 * (m - 20)) / 39;
    });
    const minutes = handBars(path.map((c, k) => {
      const o = k === 0 ? 100 : path[k - 1]!;
      return [o, Math.max(o, c), Math.min(o, c), c] as const;
    }), MINUTE);
    const hours = resample(minutes, '1m', '1h');
    expect(Array.from(hours.h)).toEqual([100, 100, 100, 200, 105]);
    const runOn = (detail?: { candles: typeof minutes; barMs: number }) =>
      runBacktest({ def: holdShort, params: {}, symbol: 'BTC/USDT', candles: hours, barMs: HOUR, detail, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0, slippageBps: 0, direction: 'short' });
    // The hours alone close at 105 after the spike: the level never reads below 1.1 at a close, the short survives.
    const hoursOnly = runOn();
    expect(hoursOnly.fills).toHaveLength(1);
    expect(hoursOnly.notes.join('\n')).not.toContain('margin call');
    // ... but it says the high went through the level (20,000 of assets against 100 × 200 owed: level 1), and how to check it.
    expect(hoursOnly.notes).toContain(
      "the margin level fell to 1 at the high of the bar closed at 2024-01-01T04:00Z, at or below the liquidation level of 1.1, and was above it again at the close: a margin venue would have closed the short inside the bar, and this run, which checks the level at bar closes, did not; give finer bars (keel backtest --detail 1m, the form's Fills inside bars) to check it at each of them",
    );
    // Sold 100 at 100 (hour 1's first minute). Minute 16 of hour 3 closes at 182: 20,000 against 18,200 owed,
    // level 1.099; the buy-back fills at minute 17's open, 182.
    const r = runOn({ candles: minutes, barMs: MINUTE });
    expect(r.fills.map((f) => [(f.ts - HAND_T0) / MINUTE, f.side, f.price, f.qty])).toEqual([
      [60, 'sell', 100, 100],
      [3 * 60 + 17, 'buy', 182, 100],
    ]);
    expect(r.trades[0]).toMatchObject({ side: 'short', closed: true, pnl: -8_200, exitTag: 'margin call' });
    expect(r.metrics.finalEquity).toBe(1_800);
    expect(r.notes.join('\n')).not.toContain('at the high of the bar');
    expect(r.notes.join('\n')).toContain('kill switch at 2024-01-01T03:17:00Z: margin call: the margin level fell to 1.099 (20,000 USDT of assets against 18,200 USDT owed on shorts)');
    // The switch stays engaged: the closes after it try to short again and are refused.
    expect(r.refusals).toBe(2);
    // A portfolio run hears the minutes the same way: over this one market, the same call at the same minute;
    // on the hours alone it names the market whose high went through the level.
    const portfolioOn = (detail?: { candles: typeof minutes; barMs: number }) =>
      runPortfolio({ def: holdShort, params: {}, markets: [{ symbol: 'BTC/USDT', candles: hours, detail }], barMs: HOUR, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0, slippageBps: 0, direction: 'short' });
    const pf = portfolioOn({ candles: minutes, barMs: MINUTE });
    expect(pf.fills.map(({ symbol: _, ...f }) => f)).toEqual(r.fills);
    expect(pf.notes).toEqual(r.notes);
    expect(portfolioOn().notes).toContain(hoursOnly.notes.find((n) => n.includes('at the high of'))!.replace('the high of the bar', "the high of BTC/USDT's bar"));
  });
});
