// How the runs table writes each metric: percentages, ratios and days grouped by thousands as its money is;
// and each run's dates and money, once its runs differ in them.
import { describe, expect, it } from 'vitest';
import { METRIC_ROWS } from '../../../electron/backtest/summary-table.ts';
import type { Metrics } from '../../../electron/backtest/metrics.ts';
import { METRIC_COLUMNS, mixedAssets, withAsset } from '../../../renderer/src/features/backtest/metric-columns.ts';
import { moneyText, spanText, termsDiffer, termsText, type RunTerms } from '../../../renderer/src/features/backtest/run-terms.ts';

const format = (key: string, v: number | null) => METRIC_COLUMNS.find((c) => c.key === key)!.format(v);

describe('the runs table metrics', () => {
  it('groups large percentages, ratios and days by thousands, as the money beside them', () => {
    // A CAGR in the thousands, and a drawdown of three years in days: 4731.19% beside 12,499.45 read as another kind of number.
    expect(format('cagrPct', 4731.187)).toBe('4,731.19%');
    // The drawdown's duration reads as the Drawdowns tab writes each one's length.
    expect(format('maxDrawdownDays', 1088.25)).toBe('1088d 6h');
    expect(format('calmar', 746.08)).toBe('746.08');
    expect(format('totalReturnPct', -6.666)).toBe('-6.67%');
    expect(format('finalEquity', 12499.45)).toBe('12,499.45');
    expect(format('trades', 1234)).toBe('1,234');
    expect(format('sharpe', null)).toBe('–');
    // A run under a year has no CAGR or Calmar, and says why rather than a bare dash.
    expect(format('cagrPct', null)).toBe('n/a (<1y)');
    const calmar = METRIC_COLUMNS.find((c) => c.key === 'calmar')!;
    expect(calmar.format(null, { cagrPct: null })).toBe('n/a (<1y)');
    // A year without a drawdown (no trade) has a CAGR and no Calmar: a dash, not "under a year".
    expect(calmar.format(null, { cagrPct: 0 })).toBe('–');
  });

  it('writes a profit factor without a loser as ∞, and one without a trade as –, as the CLI does', () => {
    const pf = METRIC_COLUMNS.find((c) => c.key === 'profitFactor')!;
    // The JSON's null is both: one trade that won (win rate 100 %), or none at all.
    expect(pf.format(null, { winRatePct: 100, profitFactor: null })).toBe('∞');
    expect(pf.format(null, { winRatePct: 0, trades: 0 })).toBe('–');
    expect(pf.format(1.4213, { winRatePct: 40 })).toBe('1.42');
  });
});

describe('the runs table beside keel backtest', () => {
  // A run of two years (its CAGR and Calmar are figures), with every other metric at `v`.
  const YEAR2 = 2 * 365 * 86_400_000;
  const cliText = (key: string, v: number, over: Partial<Metrics> = {}) => {
    const row = METRIC_ROWS.find(([, k]) => k === key)!;
    return row[2](v, { from: 0, to: YEAR2, ...over } as Metrics);
  };
  // The JSON (and so the page) carries the engine's NaN and Infinity as null.
  const json = (v: number) => (Number.isFinite(v) ? v : null);

  it("writes every metric it shares with the CLI's summary as the summary prints the same number", () => {
    const shared = METRIC_COLUMNS.filter((c) => METRIC_ROWS.some(([, k]) => k === c.key));
    // Every column but borrow interest (a row the summary adds for runs that could short) is a summary row.
    expect(shared.map((c) => c.key)).toEqual(METRIC_COLUMNS.map((c) => c.key).filter((k) => k !== 'borrowInterest'));
    for (const c of shared) {
      for (const v of [4731.187, -6.666, 1088.25, 35.0514, 0.0312, 0, Number.NaN]) {
        // No CAGR is a run under a year (cagrPct): said in words, shorter in a column (docs/backtest.md, CAGR).
        if (Number.isNaN(v) && (c.key === 'cagrPct' || c.key === 'calmar')) continue;
        // The run's other figures, the same on both sides (a profit factor reads by the win rate).
        const of = { winRatePct: v === 0 ? 0 : 40, cagrPct: 12 };
        expect({ [c.key]: c.format(json(v), { ...of, [c.key]: json(v) }) }).toEqual({ [c.key]: cliText(c.key, v, of) });
      }
    }
    // A profit factor without a losing trade: Infinity in the engine, null (beside a win rate) in the JSON.
    expect(METRIC_COLUMNS.find((c) => c.key === 'profitFactor')!.format(null, { winRatePct: 100 })).toBe(cliText('profitFactor', Infinity));
  });
});

describe("the runs table's money of runs in different assets", () => {
  const series = (symbol: string) => ({ exchange: 'local', symbol, timeframe: '1m' });
  const usdt = { request: { series: series('BTC/USDT'), portfolio: [] } };
  const eth = { request: { series: series('XRP/ETH'), portfolio: [] } };

  it("names each amount's asset once the runs hold different ones, as keel backtest's summary does", () => {
    // A run of XRP/ETH holds ETH: its final equity of 9,101.75 read as the BTC/USDT run's dollars beside it.
    const assets = mixedAssets([eth, usdt]);
    expect(assets).toEqual(['ETH', 'USDT']);
    expect(withAsset(format('finalEquity', 9101.75), 'finalEquity', assets![0])).toBe('9,101.75 ETH');
    expect(withAsset(format('feesPaid', 1921.14), 'feesPaid', assets![1])).toBe('1,921.14 USDT');
    // Percentages and counts are no amounts; a dash stays a dash.
    expect(withAsset(format('totalReturnPct', -8.98), 'totalReturnPct', 'ETH')).toBe('-8.98%');
    expect(withAsset(format('expectancy', null), 'expectancy', 'ETH')).toBe('–');
    // Runs that hold one asset read as before; a portfolio of USDT markets holds USDT.
    expect(mixedAssets([usdt, { request: { series: series('ETH/USDT'), portfolio: [series('BTC/USDT')] } }])).toBeNull();
    expect(withAsset('12,499.45', 'finalEquity', undefined)).toBe('12,499.45');
  });
});

describe("the runs table's dates and money", () => {
  const base = { capital: 10_000, feePct: 0.1, slippageBps: 0 };
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`);

  it("says a run's dates (its To day whole), capital, fee and slippage", () => {
    expect(termsText({ ...base, from: day('2021-01-01'), to: day('2022-12-31') + 86_400_000 - 1 })).toBe('2021-01-01 → 2022-12-31 · 10,000 · fee 0.1%');
    expect(termsText({ ...base, capital: 1000.5, slippageBps: 5 })).toBe('all bars · 1,000.5 · fee 0.1% · slippage 5 bps');
    expect(termsText({ ...base, to: day('2024-01-09') + 86_400_000 - 1 })).toBe('first bar → 2024-01-09 · 10,000 · fee 0.1%');
  });

  it("splits them in the table's two lines: the dates, then the money", () => {
    const q = { ...base, from: day('2024-01-03'), to: day('2024-06-30') + 86_400_000 - 1, slippageBps: 5 };
    expect(spanText(q)).toBe('2024-01-03 → 2024-06-30');
    expect(moneyText(q)).toBe('10,000 · fee 0.1% · slippage 5 bps');
    expect(termsText(q)).toBe(`${spanText(q)} · ${moneyText(q)}`);
  });

  it('shows them once two runs differ in them: sma-cross over four years and over one day, or with 1,000 and 10,000, read the same', () => {
    const run = (over: Partial<RunTerms>) => ({ request: { ...base, ...over } });
    expect(termsDiffer([run({}), run({})])).toBe(false);
    expect(termsDiffer([run({}), run({ capital: 1000 })])).toBe(true);
    expect(termsDiffer([run({}), run({ from: day('2024-01-09') })])).toBe(true);
    expect(termsDiffer([run({}), run({ feePct: 0.05 })])).toBe(true);
    expect(termsDiffer([run({})])).toBe(false);
  });
});
