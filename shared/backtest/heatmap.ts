// A parameter search's scores on a grid of the two parameters its sets vary, as the app's search results
// and the HTML report draw it: a plateau of good scores is a setting that holds up, a lone peak among poor
// neighbours is one fitted to the data. One shape and one colour scale for both.
import type { OptimizeObjective } from '../contract/commands/backtest.ts';
import { objectiveText } from './objective-label.ts';

export interface Heatmap {
  /** The parameter down the side and the one across the top. */
  row: string;
  col: string;
  rowValues: number[];
  colValues: number[];
  /** score[r][c]; null where no set was tried (it broke the strategy's rules) or its score is not a number. */
  score: (number | null)[][];
  /** tried[r][c]: a set was run there; false where the strategy's rules refused the pair (fast ≥ slow), or a random or cancelled search never ran it. */
  tried: boolean[][];
}

/**
 * What a blank cell is, in words (a grid's key): not tried, or tried without a score. A grid search tries
 * every pair its ranges make but those the strategy's rules refuse; a random search also leaves out the
 * pairs it did not draw, and a search cancelled partway (`cancelled`) the pairs it had not reached.
 */
export function blankCellText(tried: boolean, objective: OptimizeObjective, random = false, cancelled = false): string {
  if (tried) return `tried, but its ${objectiveText(objective)} has no value (no closed trade, or too few days for it)`;
  if (cancelled) return "not tried: the search was cancelled before it (or the strategy's rules refuse the pair)";
  return random ? "not tried: the random search did not draw the pair (or the strategy's rules refuse it)" : "not tried: the strategy's rules refuse the pair";
}

/** A blank cell's mark: '–' where no set was tried, 'n/a' where one was and has no score. */
export const blankCellMark = (tried: boolean): string => (tried ? 'n/a' : '–');

/** The key to a grid's blank cells, each kind it has ("– not tried: …; n/a tried, but …"); '' when it has none. */
export function blankCellsKey(map: Heatmap, objective: OptimizeObjective, random = false, cancelled = false): string {
  const kinds = [false, true].filter((t) => map.score.some((row, r) => row.some((v, c) => v === null && map.tried[r]![c] === t)));
  return kinds.map((t) => `${blankCellMark(t)} ${blankCellText(t, objective, random, cancelled)}`).join('; ');
}

/** The scores on a grid of the two parameters the sets vary; null unless exactly two vary. */
export function heatmap(sets: readonly { params: Record<string, number>; score: number | null }[]): Heatmap | null {
  if (sets.length === 0) return null;
  const names = Object.keys(sets[0]!.params).filter((k) => new Set(sets.map((s) => s.params[k])).size > 1);
  if (names.length !== 2) return null;
  const [row, col] = names as [string, string];
  const values = (k: string) => [...new Set(sets.map((s) => s.params[k]!))].sort((a, b) => a - b);
  const rowValues = values(row);
  const colValues = values(col);
  const score: (number | null)[][] = rowValues.map(() => colValues.map(() => null));
  const tried: boolean[][] = rowValues.map(() => colValues.map(() => false));
  for (const s of sets) {
    const r = rowValues.indexOf(s.params[row]!);
    const c = colValues.indexOf(s.params[col]!);
    // An infinite score (a profit factor without a losing trade) is the best there is, not a blank.
    score[r]![c] = s.score !== null && (Number.isFinite(s.score) || s.score === Number.POSITIVE_INFINITY) ? s.score : null;
    tried[r]![c] = true;
  }
  return { row, col, rowValues, colValues, score, tried };
}

/** The lowest and highest score on the grid (the colour scale's ends). */
export function heatmapRange(map: Heatmap): { lo: number; hi: number } {
  const all = map.score.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  return { lo: Math.min(...all), hi: Math.max(...all) };
}

/** Green for the best scores, red for the worst, on a scale from the lowest score to the highest. */
export function heatColor(v: number | null, lo: number, hi: number): string {
  if (v === null) return 'transparent';
  const x = v === Number.POSITIVE_INFINITY ? 1 : hi > lo ? (v - lo) / (hi - lo) : 0.5;
  const hue = Math.round(x * 130);
  return `hsl(${hue} 55% 32%)`;
}
