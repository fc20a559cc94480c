// How a backtest's figures read as text, one way for `keel backtest`'s summary, breakdown and search tables
// (and the HTML report, which repeats them) and for the app's backtest page. Each side once had its own
// formatters and they drifted: the drawdown's duration in days to one decimal in the CLI and two in the app,
// a breakdown's win rate to two decimals and one, a search's score to two and three, a return of 4731.19%
// beside 4,731.19%. Both sides now read their figures through these functions, so they cannot drift again:
// the extra tables too (a walk-forward's folds and stitched return, the Monte Carlo bands, the worst
// drawdowns, a portfolio's markets: report-extras.ts and the app's tabs), which once wrote 1234.56%,
// "+12.34%" and "−3.20%" on one side and 1,234.56%, "12.34%" and "-3.20%" on the other.
//
// One sign convention for every figure: a loss has the ASCII "-" (what the CLI prints and people paste
// into a spreadsheet, which reads U+2212 "−" as text), a gain has no "+", and a drawdown is a depth, a
// positive percent ("12.50%"), as the max drawdown always was.
//
// A figure there is none of arrives as NaN from the engine and as null from the JSON (report-json.ts,
// the bridge), and reads "–" either way.
import { enNumber } from '../domain/en-number.ts';
import { holdTimeText } from './hold-time.ts';

/** What a cell says for a figure the run has none of. */
export const NO_FIGURE = '–';

const has = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

/**
 * A percent to two decimals, grouped by thousands as the money beside it is: "4,731.19%", "-6.67%". Every
 * percent a report or the app prints: returns (a run's, a fold's, the stitched walk-forward's, a band's),
 * drawdown depths, win rates, buy and hold.
 */
export const pctText = (v: number | null | undefined): string => (has(v) ? `${enNumber(v, 2, 2)}%` : NO_FIGURE);

/** A ratio (Sharpe, Sortino, Calmar, reward-to-risk, a walk-forward's efficiency) to two decimals, grouped: "1.42", "1,204.50". */
export const ratioText = (v: number | null | undefined): string => (has(v) ? enNumber(v, 2, 2) : NO_FIGURE);

/** An amount of the account's asset to two decimals, grouped: "12,499.45". */
export const moneyText = (v: number | null | undefined): string => (has(v) ? enNumber(v, 2, 2) : NO_FIGURE);

/** A count (trades, a streak), whole and grouped: "1,234". */
export const countText = (v: number | null | undefined): string => (has(v) ? enNumber(Math.round(v), 0, 0) : NO_FIGURE);

/**
 * A profit factor: "1.42"; "∞" for winners without a loser, which the engine holds as Infinity and the
 * JSON as null (told from "no trade won or lost" by the win rate, so a run that never lost does not read
 * as having no figure); "–" without a trade that won or lost.
 */
export function profitFactorText(v: number | null | undefined, winRatePct?: number | null): string {
  if (v === Infinity) return '∞';
  if (has(v)) return ratioText(v);
  return (winRatePct ?? 0) > 0 ? '∞' : NO_FIGURE;
}

/**
 * A Sortino ratio: "2.41"; "∞" for a gain without a losing day, which the engine holds as Infinity and the
 * JSON as null (told from "fewer than two days" by the Sharpe ratio beside it, which such a run has: its days
 * differ, all of them gains); "–" when there is none.
 */
export function sortinoText(v: number | null | undefined, sharpe?: number | null): string {
  if (v === Infinity) return '∞';
  if (has(v)) return ratioText(v);
  return has(sharpe) && sharpe > 0 ? '∞' : NO_FIGURE;
}

/**
 * The longest drawdown (metrics keep it in days): as the drawdown list writes each drawdown's length,
 * "1035d 3h", so the summary's figure is the list's longest one to the letter, and a minute run's "45m"
 * does not read as "0.0" days.
 */
export const drawdownLengthText = (days: number | null | undefined): string => holdTimeText(days ?? null);

/** A parameter search's score (the objective's value: a Sharpe, a return, ...), as its ranking and heat map write it: two decimals. */
export const scoreText = (v: number | null | undefined): string => (v === Infinity ? '∞' : ratioText(v));

/** A walk-forward fold's scores, the engine's (-Infinity or NaN for none) or the bridge's (null for none). */
export interface FoldScores {
  inSampleScore: number | null;
  outOfSampleScore: number | null;
}

/**
 * A walk-forward's efficiency, "0.42", as the app's tab and `keel backtest`'s Walk-forward title write it,
 * or why there is none: the ratio of the folds' mean out-of-sample score over their mean in-sample one
 * means nothing unless the in-sample mean is above 0, and there is no mean of no scores. The title once
 * said only "efficiency –" where the app gave the reason.
 */
export function efficiencyText(efficiency: number | null | undefined, folds: readonly FoldScores[]): string {
  if (has(efficiency)) return ratioText(efficiency);
  const scores = (pick: (f: FoldScores) => number | null) => folds.map(pick).filter(has);
  // The ratio is over the folds with a figure in and out of sample; an infinite one (no losing trade) is none.
  const measured = folds.filter((f) => has(f.inSampleScore) && has(f.outOfSampleScore)).length;
  if (measured === 0 && folds.some((f) => f.inSampleScore === Infinity || f.outOfSampleScore === Infinity)) {
    return 'n/a: every fold has an infinite score in or out of sample (no losing trade or day) or none, and no ratio holds an infinite one';
  }
  const inSample = scores((f) => f.inSampleScore);
  if (inSample.length === 0) return 'n/a: no fold has an in-sample score';
  if (inSample.reduce((s, x) => s + x, 0) <= 0) return 'n/a: the mean in-sample score is not above 0';
  if (scores((f) => f.outOfSampleScore).length === 0) return 'n/a: no fold has an out-of-sample score';
  return NO_FIGURE;
}

/** The figures of a group of closed trades (one exit, one side, one entry tag) every breakdown table gives. */
export interface GroupFigures {
  trades: number;
  winRatePct: number;
  pnl: number;
  avgPnl: number;
  avgReturnPct: number;
}

/**
 * A breakdown row's cells after its label, in the tables' order: trades, win rate, P&L, avg P&L, avg
 * return. `keel backtest`'s Exits, Sides and Entries tables and the app's print the same text.
 */
export function groupCells(g: GroupFigures): [trades: string, winRate: string, pnl: string, avgPnl: string, avgReturn: string] {
  return [countText(g.trades), pctText(g.winRatePct), moneyText(g.pnl), moneyText(g.avgPnl), pctText(g.avgReturnPct)];
}
