// Fill marks (fill-marks.ts) as lightweight-charts markers: an arrow up under the line where it bought and
// down over it where it sold, a protective exit's in its exit's colour and named (SL, TS, TP) while the
// marks are few, several fills on one point with their count.
import type { SeriesMarker, UTCTimestamp } from 'lightweight-charts';
import type { ExitReason } from '../../../../shared/backtest/run-exits.ts';
import { chartTheme } from '../chart/chart-theme.ts';
import type { FillMark } from './fill-marks.ts';
import { EXIT_COLORS } from './run-colors.ts';

const EXIT_ABBREVIATIONS: Partial<Record<ExitReason, string>> = { 'stop-loss': 'SL', 'trailing-stop': 'TS', 'take-profit': 'TP' };

/** Marks up to which a protective exit's is named beside its arrow: past that the text is a smear, and the colours say it. */
const MAX_LABELLED = 60;

/** "SL", "TP 3" for a protective exit's mark (its name only when `named`); the count alone for several of the strategy's own; else nothing. */
function markText(m: FillMark, named: boolean): string {
  const name = m.exit === null || !named ? undefined : EXIT_ABBREVIATIONS[m.exit];
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
      // A protective exit in its exit's colour; the strategy's own fills green and red.
      color: m.exit !== null ? EXIT_COLORS[m.exit] : m.side === 'buy' ? chartTheme.up : chartTheme.down,
      ...(text ? { text } : {}),
    };
  });
}
