// The metrics the runs table shows side by side, with how each reads. Borrow interest is one of them
// only while a run in the table could short (or paid some): a table of long-only runs reads as before.
import { accountQuote } from '../../../../shared/backtest/account-quote.ts';
import { countText, drawdownLengthText, moneyText, pctText, profitFactorText, ratioText, sortinoText } from '../../../../shared/backtest/figure-text.ts';
import { holdTimeText } from '../../../../shared/backtest/hold-time.ts';
import { showsBorrowInterest } from './borrow-view.ts';
import type { RunSummary } from './backtest-store.ts';

export interface MetricColumn {
  key: string;
  label: string;
  /** `of`: the run's other metrics, for a figure that reads by them (a profit factor without losses). */
  format: (v: number | null, of?: Readonly<Record<string, number | null | undefined>>) => string;
  /**
   * A less-read figure: the runs table keeps it out of its columns (twenty figures did not fit a laptop's
   * window: it scrolled sideways) and says it under the table for the run clicked (RunsTable's details line).
   */
  more?: true;
}

// Each figure reads as `keel backtest`'s summary prints the same number (figure-text.ts, shared by both):
// a return of 4,731.19% or a ratio of 1,204.50 grouped by thousands as the money beside it.
const pct = (v: number | null) => pctText(v);
const ratio = (v: number | null) => ratioText(v);
// A run under a year has no CAGR or Calmar (metrics.ts: annualizing days extrapolates them); said so, not
// "–". A year's run without a drawdown has a CAGR and no Calmar: that one is a dash.
const UNDER_A_YEAR = 'n/a (<1y)';
const cagr = (v: number | null) => (v === null ? UNDER_A_YEAR : pct(v));
const calmar = (v: number | null, of?: Readonly<Record<string, number | null | undefined>>) => (v === null && of?.cagrPct === null ? UNDER_A_YEAR : ratio(v));
const whole = (v: number | null) => countText(v);
const money = (v: number | null) => moneyText(v);
// The JSON writes an infinite profit factor (winners and no loser) as null, as it writes none (no trade):
// told apart by the win rate, so a run that never lost does not read as "no value".
const profitFactor = (v: number | null, of?: Readonly<Record<string, number | null | undefined>>) => profitFactorText(v, of?.winRatePct);
// An infinite Sortino (gains, no losing day) goes as null too: told apart by the Sharpe ratio such a run has.
const sortino = (v: number | null, of?: Readonly<Record<string, number | null | undefined>>) => sortinoText(v, of?.sharpe);

export const METRIC_COLUMNS: readonly MetricColumn[] = [
  { key: 'totalReturnPct', label: 'Return', format: pct },
  { key: 'cagrPct', label: 'CAGR', format: cagr, more: true },
  { key: 'sharpe', label: 'Sharpe', format: ratio },
  { key: 'sortino', label: 'Sortino', format: sortino, more: true },
  { key: 'calmar', label: 'Calmar', format: calmar, more: true },
  { key: 'maxDrawdownPct', label: 'Max DD', format: pct },
  { key: 'maxDrawdownDays', label: 'DD length', format: drawdownLengthText, more: true },
  { key: 'winRatePct', label: 'Win rate', format: pct },
  { key: 'profitFactor', label: 'PF', format: profitFactor },
  { key: 'expectancy', label: 'Expectancy', format: money, more: true },
  { key: 'avgRewardToRisk', label: 'R:R', format: ratio, more: true },
  { key: 'maxLossStreak', label: 'Loss streak', format: whole, more: true },
  { key: 'avgTradeDays', label: 'Avg hold', format: holdTimeText, more: true },
  { key: 'exposurePct', label: 'Exposure', format: pct, more: true },
  { key: 'trades', label: 'Trades', format: whole },
  { key: 'feesPaid', label: 'Fees', format: money, more: true },
  { key: 'borrowInterest', label: 'Borrow interest', format: money, more: true },
  { key: 'buyHoldReturnPct', label: 'Buy & hold', format: pct, more: true },
  { key: 'finalEquity', label: 'Final equity', format: money },
];

/** The columns for these runs: every metric, borrow interest only when one of them could short or paid some. */
export function metricColumnsFor(runs: readonly Pick<RunSummary, 'request' | 'metrics'>[]): readonly MetricColumn[] {
  return runs.some(showsBorrowInterest) ? METRIC_COLUMNS : METRIC_COLUMNS.filter((c) => c.key !== 'borrowInterest');
}

/** The columns whose figures are amounts of the account's asset (USDT, or ETH for a run of XRP/ETH). */
export const MONEY_KEYS: ReadonlySet<string> = new Set(['expectancy', 'feesPaid', 'borrowInterest', 'finalEquity']);

/** What a run's asset is read from: the symbols of its markets. */
type MarketsOf = { request: { series: { symbol: string }; portfolio?: readonly { symbol: string }[] | undefined } };

/** The asset a run's account holds: what its markets are quoted in (accountQuote), as the CLI's summary says it. */
export function runAsset(run: MarketsOf): string {
  const q = run.request;
  return accountQuote([q.series, ...(q.portfolio ?? [])].map((s) => s.symbol));
}

/**
 * Each run's asset when the table's runs hold different ones (a run of XRP/ETH beside one of BTC/USDT), so
 * their money reads "9,101.75 ETH" beside "8,137.55 USDT" as `keel backtest` writes such a comparison rather
 * than as amounts of one thing; null when they hold one.
 */
export function mixedAssets(runs: readonly MarketsOf[]): string[] | null {
  const assets = runs.map(runAsset);
  return new Set(assets).size > 1 ? assets : null;
}

/** A money cell with its asset after it when the table mixes assets (a dash stays a dash). */
export function withAsset(text: string, key: string, asset: string | undefined): string {
  return asset === undefined || !MONEY_KEYS.has(key) || text === '–' ? text : `${text} ${asset}`;
}
