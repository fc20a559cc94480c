// How many of a comparison's runs the HTML report draws on its chart: no more than have a colour and stroke
// each no other drawn run has (palette.ts RUN_LINES, the most the app's backtest page draws at once,
// curve-keys.ts MAX_DRAWN). Run 19 drawn again as run 1's blue solid line, its legend swatch the same, could
// not be told from it; the table still lists every run, and a line under the chart says which are left out.
import { RUN_LINES } from '../../shared/backtest/palette.ts';

/** How many runs the note names before it counts the rest ("and 7 more"). */
const MAX_NAMED = 5;

/** How many of `runs` runs are drawn: the first, in the table's order, up to RUN_LINES. */
export const drawnRuns = (runs: number): number => Math.min(runs, RUN_LINES);

/**
 * The line under the chart when runs are left out of it (null when every run is drawn): which, by their
 * place in the table and their names, and that the table lists them all. Plain text; the caller escapes it.
 */
export function notDrawnNote(labels: readonly string[]): string | null {
  const drawn = drawnRuns(labels.length);
  const left = labels.slice(drawn);
  if (left.length === 0) return null;
  const which = left.length === 1 ? `Run ${drawn + 1} of ${labels.length} is` : left.length === 2 ? `Runs ${drawn + 1} and ${drawn + 2} of ${labels.length} are` : `Runs ${drawn + 1} to ${labels.length} of ${labels.length} are`;
  const shown = left.length > MAX_NAMED ? [...left.slice(0, MAX_NAMED), `${left.length - MAX_NAMED} more`] : left;
  const names = shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)!}`;
  return `${which} not drawn (${names}): ${RUN_LINES} lines is the most that each have a colour and stroke of their own, as in the app. The table lists every run.`;
}
