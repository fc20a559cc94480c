// The summary the CLI prints (and the HTML report repeats, compare-table.ts): one row per metric, one column per run, so
// several strategies, parameter sets or risk modes read side by side. When the runs span several markets
// each column also names its market; over one market the labels stay as they always were. Runs with
// protective exits get their rows too (exit-table.ts): the exits set, and in a comparison what each closed;
// so do runs that could short (side-table.ts): in a comparison each run's long and short trades and P&L.
import { accountQuote } from '../../shared/backtest/account-quote.ts';
import { countText, drawdownLengthText, moneyText, pctText, profitFactorText, ratioText, sortinoText } from '../../shared/backtest/figure-text.ts';
import { holdTimeText } from '../../shared/backtest/hold-time.ts';
import { exitSummaryRows, type ExitsOf } from './exit-table.ts';
import { directionTag, showsSides, sideSummaryRows, type SidesOf } from './side-table.ts';
import { CAGR_MIN_DAYS, DAY_MS, type Metrics } from './metrics.ts';
import { modeText } from './mode-text.ts';

interface RunLike extends Omit<ExitsOf, 'trades'>, Omit<SidesOf, 'trades'> {
  trades?: readonly (NonNullable<ExitsOf['trades']>[number] & NonNullable<SidesOf['trades']>[number])[] | undefined;
  strategy: string;
  params: Record<string, number>;
  mode: string;
  /** The share of equity per entry the mode took (custom's is named with it). */
  positionShare?: number | undefined;
  metrics: Metrics;
  /** The market the run is on (its symbol, or its file's name when two markets share a symbol). */
  market?: string | undefined;
  /** The symbol it traded, and a portfolio's every one: what its money is counted in (accountQuote). */
  symbol?: string | undefined;
  portfolio?: { parts: readonly { symbol: string }[] } | undefined;
}

// The figures read as the app's runs table writes them (figure-text.ts): one text for the same number.
const pct = (v: number) => pctText(v);
const ratio = (v: number) => ratioText(v);
const money = (v: number) => moneyText(v);
const int = (v: number) => countText(v);
/** A figure of the annualized return (CAGR, Calmar): a run under a year has none, and says why rather than a bare dash. */
const annual = (f: (v: number) => string) => (v: number, m: Metrics) => (Number.isFinite(v) || !(m.to - m.from < CAGR_MIN_DAYS * DAY_MS) ? f(v) : `n/a (run under ${CAGR_MIN_DAYS} days)`);

export const METRIC_ROWS: readonly [label: string, key: keyof Metrics, format: (v: number, m: Metrics) => string][] = [
  ['total return', 'totalReturnPct', pct],
  ['CAGR', 'cagrPct', annual(pct)],
  ['Sharpe (daily, ×√365)', 'sharpe', ratio],
  ['Sortino (daily, ×√365)', 'sortino', (v, m) => sortinoText(v, m.sharpe)],
  ['Calmar', 'calmar', annual(ratio)],
  ['max drawdown', 'maxDrawdownPct', pct],
  ['max drawdown duration', 'maxDrawdownDays', drawdownLengthText],
  ['win rate', 'winRatePct', pct],
  ['profit factor', 'profitFactor', (v, m) => profitFactorText(v, m.winRatePct)],
  ['expectancy (per trade)', 'expectancy', money],
  ['avg reward-to-risk', 'avgRewardToRisk', ratio],
  ['best trade', 'bestTradePct', pct],
  ['worst trade', 'worstTradePct', pct],
  ['longest winning streak', 'maxWinStreak', int],
  ['longest losing streak', 'maxLossStreak', int],
  ['avg time in trade', 'avgTradeDays', holdTimeText],
  ['avg time in winners', 'avgWinnerDays', holdTimeText],
  ['avg time in losers', 'avgLoserDays', holdTimeText],
  ['exposure', 'exposurePct', pct],
  ['trades (closed)', 'trades', int],
  ['open at end', 'openTrades', int],
  ['fees paid', 'feesPaid', money],
  ['final equity', 'finalEquity', money],
  ['buy and hold', 'buyHoldReturnPct', pct],
  // A difference of two percents: "-473.12%" read as a loss of nearly five times the capital.
  ['vs buy and hold (% points)', 'excessReturnPct', ratio],
];

/** The markets a run traded: a portfolio's every market, else its one symbol (none for a run that names none). */
export function runSymbols(r: Pick<RunLike, 'symbol' | 'portfolio'>): string[] {
  return r.portfolio ? r.portfolio.parts.map((p) => p.symbol) : r.symbol === undefined ? [] : [r.symbol];
}

/** Rows whose cells are amounts of the account's asset: the metrics formatted as money, and the rows other tables add. */
const MONEY_ROWS = new Set([...METRIC_ROWS.filter(([, , f]) => f === money).map(([label]) => label), 'borrow interest', 'long P&L', 'short P&L']);

/**
 * `rows` with the asset their amounts are in: in the label when every run counts in one ("fees paid
 * (USDT)", "expectancy (per trade, ETH)"), else after each amount ("945.14 ETH"), so a run of XRP/ETH
 * never reads as dollars. Runs that name no market are left as they are.
 */
export function withUnits(runs: readonly Pick<RunLike, 'symbol' | 'portfolio'>[], rows: string[][]): string[][] {
  if (runs.some((r) => runSymbols(r).length === 0)) return rows;
  const quotes = runs.map((r) => accountQuote(runSymbols(r)));
  const one = quotes.every((q) => q === quotes[0]) ? quotes[0]! : null;
  return rows.map(([label, ...cells]) => {
    if (!MONEY_ROWS.has(label!)) return [label!, ...cells];
    if (one !== null) return [label!.endsWith(')') ? `${label!.slice(0, -1)}, ${one})` : `${label} (${one})`, ...cells];
    return [label!, ...cells.map((c, i) => (c === '–' ? c : `${c} ${quotes[i]}`))];
  });
}

/** strategy(params) mode, the direction when it is not long only, and the market when asked (the runs span several). */
export function runLabel(r: Pick<RunLike, 'strategy' | 'params' | 'mode' | 'positionShare' | 'market' | 'direction'>, withMarket = false): string {
  const p = Object.entries(r.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `${r.strategy}${p ? `(${p})` : ''} ${modeText(r)}${directionTag(r.direction)}${withMarket && r.market !== undefined ? ` ${r.market}` : ''}`;
}

/** Whether the runs are on more than one market, so their labels must say which. */
export const spansMarkets = (runs: readonly Pick<RunLike, 'market'>[]) => new Set(runs.map((r) => r.market)).size > 1;

/** Rows of [label, value per run...]. */
export function metricRows(runs: readonly RunLike[]): string[][] {
  return METRIC_ROWS.map(([label, key, f]) => [label, ...runs.map((r) => f(r.metrics[key], r.metrics))]);
}

/**
 * The metric rows with the exit rows where they belong: the exits set first, the trades each protective
 * exit closed after the trade counts. Without exits, exactly metricRows.
 */
export function summaryRows(runs: readonly RunLike[]): string[][] {
  const rows = metricRows(runs);
  const { setup, counts } = exitSummaryRows(runs);
  const afterTrades = rows.findIndex(([label]) => label === 'open at end') + 1;
  return withUnits(runs, withBorrowRow(runs, [...setup, ...rows.slice(0, afterTrades), ...counts, ...sideSummaryRows(runs), ...rows.slice(afterTrades)]));
}

/**
 * `rows` with a "borrow interest" row after the fees when any of the runs could short (what their borrowing
 * cost: --borrow-rate); a long-only table reads as it always has. Runs stored before it was measured count 0.
 */
export function withBorrowRow(runs: readonly RunLike[], rows: string[][]): string[][] {
  if (!runs.some((r) => showsSides(r) || (r.metrics.borrowInterest ?? 0) !== 0)) return rows;
  const fees = rows.findIndex(([label]) => label === 'fees paid');
  return [...rows.slice(0, fees + 1), ['borrow interest', ...runs.map((r) => money(r.metrics.borrowInterest ?? 0))], ...rows.slice(fees + 1)];
}

/** The summary's column heads: each run's label, with its market when the runs span several. */
export function summaryLabels(runs: readonly RunLike[]): string[] {
  const withMarket = spansMarkets(runs);
  return runs.map((r) => runLabel(r, withMarket));
}

/** A plain-text table: a header of run labels over the summary rows. */
export function summaryTable(runs: readonly RunLike[]): string {
  const rows = [['', ...summaryLabels(runs)], ...summaryRows(runs)];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r, ri) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ') + (ri === 0 ? '\n' + widths.map((w) => '-'.repeat(w)).join('  ') : '')).join('\n');
}
