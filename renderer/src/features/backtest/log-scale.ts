// Whether a backtest chart's price axis is a log one: on by itself when what it draws moved 10× or more (the
// HTML report's rule, autoLog), or as the user set its toggle, and never when a value is at or below 0 (an
// account wiped out): a log axis has no place for it, so the chart stays linear and the toggle says why.
import { autoLog, LOG_RATIO, valueRange } from '../../../../shared/backtest/nice-ticks.ts';
import { enNumber } from '../../../../shared/domain/en-number.ts';

type Curve = readonly (readonly [number, number])[];

export interface LogScale {
  /** The axis is drawn logarithmic. */
  on: boolean;
  /** What the rule alone says (before the user's choice). */
  auto: boolean;
  /** A log axis can draw these values: every one above 0. */
  possible: boolean;
  /** The toggle's tooltip: what the axis is and why. */
  title: string;
}

/** The lowest and highest finite values of the curves (shared with the HTML report's rule, nice-ticks.ts). */
export { valueRange };

/** A ratio as the tooltip writes it: 16×, 2.5×. */
const times = (r: number) => `${enNumber(r, 0, r < 10 ? 1 : 0)}×`;

/**
 * The axis for these curves: `choice` is the user's flip of the toggle (null while they have not), which
 * wins over the rule as long as a log axis can draw the values.
 */
export function logScale(curves: readonly Curve[], choice: boolean | null): LogScale {
  const range = valueRange(curves);
  if (range === null) return { on: false, auto: false, possible: false, title: 'Nothing drawn yet' };
  const { lo, hi } = range;
  if (!(lo > 0)) {
    return { on: false, auto: false, possible: false, title: `Linear only: the lowest value drawn is ${enNumber(lo, 0, 2)}, and a log scale draws only values above 0` };
  }
  const auto = autoLog(lo, hi);
  const on = choice ?? auto;
  const moved = `the highest value drawn is ${times(hi / lo)} the lowest`;
  const why = auto ? `on by itself: ${moved} (${LOG_RATIO}× or more)` : `${moved} (on by itself from ${LOG_RATIO}×)`;
  return {
    on,
    auto,
    possible: true,
    title: on ? `Log scale: each step up the axis is the same percent move; ${why}. Click for a linear scale` : `Linear scale; ${why}. Click for a log scale: each step up the axis is the same percent move`,
  };
}
