// Fill marks (fill-marks.ts) as lightweight-charts markers: an arrow up under the line where it bought and
// down over it where it sold, a protective exit's in its exit's colour; while the marks are few, a protective
// exit's named (SL, TS, TP) and several fills on one point with their count.
import type { SeriesMarker, UTCTimestamp } from 'lightweight-charts';
import type { ExitReason } from '../../../../shared/backtest/run-exits.ts';
import { FILL_COLORS } from '../../../../shared/backtest/palette.ts';
import type { FillMark } from './fill-marks.ts';
import { EXIT_COLORS } from './run-colors.ts';

const EXIT_ABBREVIATIONS: Partial<Record<ExitReason, string>> = { 'stop-loss': 'SL', 'trailing-stop': 'TS', 'take-profit': 'TP' };

/**
 * Marks up to which an arrow has its text (an exit's name, a count) beside it: past that the arrows are a
 * pixel or two apart and the texts ran into one another as a smear over the price; the colours say the exit.
 */
export const MAX_LABELLED = 60;

/** "SL", "TP 3" for a protective exit's mark; the count alone for several of the strategy's own; else nothing; nothing at all unless `labelled`. */
function markText(m: FillMark, labelled: boolean): string {
  if (!labelled) return '';
  const name = m.exit === null ? undefined : EXIT_ABBREVIATIONS[m.exit];
  const count = m.count > 1 ? String(m.count) : '';
  return name === undefined ? count : count ? `${name} ${count}` : name;
}

export function fillMarkers(marks: readonly FillMark[]): SeriesMarker<UTCTimestamp>[] {
  const labelled = marks.length <= MAX_LABELLED;
  return marks.map((m) => {
    const text = markText(m, labelled);
    return {
      time: Math.floor(m.time / 1000) as UTCTimestamp,
      position: m.side === 'buy' ? 'belowBar' : 'aboveBar',
      shape: m.side === 'buy' ? 'arrowUp' : 'arrowDown',
      // A protective exit in its exit's colour; the strategy's own fills green and red, as the HTML report's.
      color: m.exit !== null ? EXIT_COLORS[m.exit] : FILL_COLORS[m.side],
      ...(text ? { text } : {}),
    };
  });
}
