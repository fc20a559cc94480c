// A backtest from --from reads its strategy's warm-up from the bars before the range (lead-in.ts): the
// strategy's first bar is the range's first, its averages already have the values a run over all the data
// has there, it can trade at once, and still sees nothing after the current bar. The loaders keep exactly
// the bars a run needs; too few says so; the indicator lines a report draws start where the run's did.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { indicatorLines } from '../../../electron/backtest/indicator-lines.ts';
import { joinLeadIn, leadBarsFor, leadLength } from '../../../electron/backtest/lead-in.ts';
import { candlesFromFile, candlesFromJournal, cutRange } from '../../../electron/backtest/load-candles.ts';
import { CandleStore } from '../../../electron/journal/candle-store.ts';
import { openJournal } from '../../../electron/journal/open-journal.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { runPortfolio } from '../../../electron/backtest/run-portfolio.ts';
import { sliceColumns } from '../../../electron/backtest/run-setup.ts';
import { columnsBetween, shareColumns, type CandleColumns } from '../../../electron/journal/candle-columns.ts';
import { LookAheadError } from '../../../electron/strategies/bar-history.ts';
import { findStrategy } from '../../../electron/strategies/registry.ts';
import { defineStrategy } from '../../../electron/strategies/strategy.ts';

const DATA = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data');
const FILE = path.join(DATA, 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv');
const HOUR = 3_600_000;
const FROM = Date.UTC(2023, 0, 1);
const TO = Date.UTC(2023, 2, 1);

/** Equal to a part in 10^12: two running sums over the same bars, started at different ones. */
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.abs(b);

interface Seen {
  t: number;
  index: number;
  length: number;
  fast: number;
  slow: number;
  peeked: boolean;
}

/** A strategy that writes down what it sees at each bar, tries to read the next one, and buys on its first bar. */
function recorder(seen: Seen[]) {
  return defineStrategy({
    name: 'recorder',
    description: 'records its bars and averages',
    params: {},
    indicators: () => [
      { name: 'sma', params: { period: 10 }, warmup: 9 },
      { name: 'sma', params: { period: 30 }, warmup: 29 },
    ],
    create(_p, ctx) {
      return {
        onBar(bar) {
          let peeked = false;
          try {
            ctx.bars.c.get(bar.index + 1);
            peeked = true;
          } catch (err) {
            if (!(err instanceof LookAheadError)) throw err;
          }
          seen.push({ t: bar.t, index: bar.index, length: ctx.bars.length, fast: ctx.indicators[0]!.ago(0), slow: ctx.indicators[1]!.ago(0), peeked });
          if (seen.length === 1) ctx.buy(0.01);
        },
      };
    },
  });
}

function run(candles: CandleColumns, seen: Seen[]) {
  return runBacktest({ def: recorder(seen), params: {}, symbol: 'BTC/USDT', candles, barMs: HOUR, risk: riskModeSettings('aggressive'), capital: 10_000, feePct: 0.1, slippageBps: 0 });
}

describe('the warm-up before --from', () => {
  it('the strategy acts from the range’s first bar, its averages those of a run over all the data, and still cannot look ahead', async () => {
    const whole = (await candlesFromFile(FILE, { toExclusive: TO })).candles;
    const cut = (await candlesFromFile(FILE, { from: FROM, toExclusive: TO }, undefined, undefined, () => 29)).candles;
    expect(cut.t[0]).toBe(FROM);
    expect(cut.lead?.length).toBe(29);
    expect(cut.lead!.t[28]).toBe(FROM - HOUR);

    const all: Seen[] = [];
    run(whole, all);
    const seen: Seen[] = [];
    const r = run(cut, seen);
    // The first bar the strategy hears is the range's, with the 29 before it already in its history.
    expect(seen[0]).toMatchObject({ t: FROM, index: 29, length: 30, peeked: false });
    expect(seen.every((s) => !s.peeked)).toBe(true);
    expect(seen).toHaveLength(cut.length);
    // Both averages have values at once, the values the strategy reads at those times over all the data (to
    // the rounding of a running sum started at another bar).
    const byTime = new Map(all.map((s) => [s.t, s]));
    for (const s of seen) {
      expect(Number.isFinite(s.slow)).toBe(true);
      expect(same(s.fast, byTime.get(s.t)!.fast)).toBe(true);
      expect(same(s.slow, byTime.get(s.t)!.slow)).toBe(true);
    }
    // Its buy on the first bar fills at the second bar's open; the equity and metrics are the range's alone.
    expect(r.fills[0]).toMatchObject({ ts: FROM + HOUR, side: 'buy', price: cut.o[1] });
    expect(r.equity.length).toBe(cut.length);
    expect(r.metrics.from).toBe(FROM);
    expect(r.leadIn).toBe(29);
    expect(r.notes.some((n) => n.includes('bars before its first'))).toBe(false);
  });

  it('without bars before the range it warms up inside it, and says so when the data had too few', async () => {
    const whole = (await candlesFromFile(FILE, { toExclusive: TO })).candles;
    // The data's own start: nothing was cut off, so nothing to say.
    const fromStart: Seen[] = [];
    const r0 = run(whole, fromStart);
    expect(fromStart[0]).toMatchObject({ index: 0, length: 1 });
    expect(fromStart[0]!.slow).toBeNaN();
    expect(r0.leadIn).toBe(0);
    expect(r0.notes.some((n) => n.includes('bars before its first'))).toBe(false);
    // 10 bars into the data: 10 before the range, 19 short of the warm-up.
    const short = cutRange(whole, { from: whole.t[10] }, 'file', 29);
    expect(short.lead?.length).toBe(10);
    const seen: Seen[] = [];
    const r = run(short, seen);
    expect(seen[0]).toMatchObject({ index: 10, length: 11 });
    expect(seen.findIndex((s) => Number.isFinite(s.slow))).toBe(19);
    expect(r.leadIn).toBe(10);
    expect(r.notes).toContain(`recorder needs 29 bars before its first for its indicators; the data has 10 before ${new Date(whole.t[10]!).toISOString().replace('.000Z', 'Z')}, so they have values from the range's bar 20 on`);
    // A range too short for the rest of the warm-up: its indicators never have values, and the run says so
    // (before, it said "from the range's bar 20 on" of a range of 12, or nothing at the data's start).
    const tooShort = run({ ...columnsBetween(short, 0, 12), lead: short.lead }, []);
    expect(tooShort.notes).toContain(`recorder needs 29 bars before its first for its indicators; the data has 10 before ${new Date(whole.t[10]!).toISOString().replace('.000Z', 'Z')} and the range holds only 12 bars, so they never have values and it cannot trade: give a longer range`);
    const first = run(columnsBetween(whole, 0, 29), []);
    expect(first.notes).toContain(`recorder needs 29 bars before its first for its indicators; the data has none before ${new Date(whole.t[0]!).toISOString().replace('.000Z', 'Z')} and the range holds only 29 bars, so they never have values and it cannot trade: give a longer range`);
    expect(run(columnsBetween(whole, 0, 30), []).notes.some((n) => n.includes('bars before its first'))).toBe(false);
  });

  it('a cross on the range’s first bar is traded, as the run from an earlier date trades it', async () => {
    // BTC hourly, April 2020: SMA 10 crosses above SMA 30 at the close of the 2020-04-02 00:00 bar. A run from
    // that bar read its averages' values there, but not the side they were on the bar before, so it took the
    // cross for its first side and bought two days later; the run from an hour earlier bought at 01:00.
    const def = findStrategy('sma-cross');
    const params = { fast: 10, slow: 30 };
    const to = Date.UTC(2020, 3, 30);
    const from = async (t: number) => {
      const candles = (await candlesFromFile(FILE, { from: t, toExclusive: to }, undefined, undefined, () => leadBarsFor([{ strategy: 'sma-cross', params }], HOUR))).candles;
      const limits = { dailyLossLimitPct: 100, maxDrawdownPct: 100, lossStreakLimit: 100 };
      return runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: HOUR, risk: riskModeSettings('aggressive', undefined, limits), capital: 10_000, feePct: 0.1, slippageBps: 0 });
    };
    const atCross = await from(Date.UTC(2020, 3, 2));
    const hourBefore = await from(Date.UTC(2020, 3, 1, 23));
    expect(atCross.leadIn).toBe(30);
    expect(atCross.fills[0]).toMatchObject({ ts: Date.UTC(2020, 3, 2, 1), side: 'buy' });
    expect(atCross.fills).toEqual(hourBefore.fills);
    expect(atCross.metrics.trades).toBe(hourBefore.metrics.trades);
  });

  it('a run reads only its own warm-up of a longer lead, so a set searched beside slower ones gives its own run’s numbers', async () => {
    const def = findStrategy('sma-cross');
    expect(leadBarsFor([{ strategy: 'sma-cross', params: { fast: 10, slow: 30 } }, { strategy: 'sma-cross', params: { fast: 5, slow: 80 } }, { strategy: 'ema-cross', params: { fast: 12, slow: 26 } }], HOUR)).toBe(80);
    const params = { fast: 10, slow: 30 };
    const run30 = (candles: CandleColumns) => runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: HOUR, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 0 });
    const own = run30((await candlesFromFile(FILE, { from: FROM, toExclusive: TO }, undefined, undefined, () => 30)).candles);
    const wide = run30((await candlesFromFile(FILE, { from: FROM, toExclusive: TO }, undefined, undefined, () => 80)).candles);
    expect(own.leadIn).toBe(30);
    expect(wide.leadIn).toBe(30);
    expect(wide.fills).toEqual(own.fills);
    expect(wide.metrics).toEqual(own.metrics);
  });

  it('a stretch of the range (a holdout, a fold) reads its warm-up from the bars before it, the range’s lead too', async () => {
    const c = (await candlesFromFile(FILE, { from: FROM, toExclusive: TO }, undefined, undefined, () => 29)).candles;
    expect(sliceColumns(c, 0, c.length)).toBe(c);
    const later = sliceColumns(c, 100, 200);
    expect(later.lead!.length).toBe(100);
    expect(later.lead!.lead).toBe(c.lead);
    expect(leadLength(later)).toBe(129);
    // Its lead lies just before it in the file's memory: read without a copy.
    expect(joinLeadIn(later, 29).cols.c.buffer).toBe(c.c.buffer);
    // Five bars into the range: the range's first five and the last 24 of its own lead, copied into one.
    const all: Seen[] = [];
    run(c, all);
    const seen: Seen[] = [];
    run(sliceColumns(c, 5, 60), seen);
    expect(seen[0]).toMatchObject({ t: c.t[5], index: 29, length: 30 });
    const byTime = new Map(all.map((s) => [s.t, s]));
    for (const s of seen) expect(same(s.slow, byTime.get(s.t)!.slow)).toBe(true);
    // Shared with a search's worker threads: the lead just before the bars in the same memory, read without a copy.
    const shared = shareColumns(c);
    expect(shared.c.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...shared.lead!.c]).toEqual([...c.lead!.c]);
    expect([...shared.c]).toEqual([...c.c.subarray(0, c.length)]);
    expect(joinLeadIn(shared, 29).cols.c.buffer).toBe(shared.c.buffer);
  });

  it('each market of a portfolio reads its own bars before the range', async () => {
    const eth = path.join(DATA, 'binance_futures_markprice_ETHUSDT_1h_20191223_20240109.csv');
    const btc = (await candlesFromFile(FILE, { from: FROM, toExclusive: TO }, undefined, undefined, () => 29)).candles;
    const eh = (await candlesFromFile(eth, { from: FROM, toExclusive: TO }, undefined, undefined, () => 29)).candles;
    const firsts: { index: number; slow: number }[] = [];
    const def = defineStrategy({
      name: 'first-bar',
      description: 'records its first bar on each market',
      params: {},
      indicators: () => [{ name: 'sma', params: { period: 30 }, warmup: 29 }],
      create(_p, ctx) {
        let first = true;
        return {
          onBar(bar) {
            if (first) firsts.push({ index: bar.index, slow: ctx.indicators[0]!.ago(0) });
            first = false;
          },
        };
      },
    });
    const r = runPortfolio({ def, params: {}, markets: [{ symbol: 'BTC/USDT', candles: btc }, { symbol: 'ETH/USDT', candles: eh }], barMs: HOUR, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 0 });
    expect(firsts).toHaveLength(2);
    for (const f of firsts) {
      expect(f.index).toBe(29);
      expect(Number.isFinite(f.slow)).toBe(true);
    }
    expect(r.leadIn).toBe(29);
  });

  it('the report’s indicator lines start where the run’s did: values from the range’s first bar, those over all the data', async () => {
    const whole = (await candlesFromFile(FILE, { toExclusive: TO })).candles;
    const cut = (await candlesFromFile(FILE, { from: FROM, toExclusive: TO }, undefined, undefined, () => 29)).candles;
    const uses = findStrategy('sma-cross').indicators({ fast: 10, slow: 30 });
    const [fast, slow] = indicatorLines(uses, 'sma-cross', cut, HOUR);
    const [, wholeSlow] = indicatorLines(uses, 'sma-cross', whole, HOUR);
    expect(fast!.values.length).toBe(cut.length);
    expect(slow!.values.length).toBe(cut.length);
    const offset = whole.length - cut.length;
    for (let i = 0; i < cut.length; i++) expect(same(slow!.values[i]!, wholeSlow!.values[offset + i]!)).toBe(true);
  });

  it('a stored series gives the same lead as its file: the last bars before --from, across a gap', async () => {
    const file = await candlesFromFile(FILE, { toExclusive: TO });
    const all = file.candles;
    const journal = openJournal(':memory:');
    try {
      const store = new CandleStore(journal.db);
      const key = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' } as const;
      // Stored with an outage of a day 40 hours before the range: the lead reaches past it for its 29 bars.
      const gapFrom = FROM - 40 * HOUR;
      const candles = Array.from(all.t, (t, i) => ({ t, o: all.o[i]!, h: all.h[i]!, l: all.l[i]!, c: all.c[i]!, v: null })).filter((c) => c.t < gapFrom - 24 * HOUR || c.t >= gapFrom);
      store.upsert(key, candles);
      const stored = candlesFromJournal(store, key, { from: FROM, toExclusive: TO }, 29).candles;
      expect(stored.t[0]).toBe(FROM);
      expect(stored.lead?.length).toBe(29);
      expect(stored.lead!.t[28]).toBe(FROM - HOUR);
      expect(stored.lead!.t[0]).toBe(FROM - 29 * HOUR);
      const wide = candlesFromJournal(store, key, { from: FROM, toExclusive: TO }, 60).candles;
      expect(wide.lead?.length).toBe(60);
      expect(wide.lead!.t[0]).toBe(gapFrom - 24 * HOUR - 20 * HOUR);
      // No --from, or none asked: no lead.
      expect(candlesFromJournal(store, key, { toExclusive: TO }, 29).candles.lead).toBeUndefined();
      expect(candlesFromJournal(store, key, { from: FROM, toExclusive: TO }).candles.lead).toBeUndefined();
    } finally {
      journal.close();
    }
  });
});
