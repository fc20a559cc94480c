// What the page's own SVG plots share (return against drawdown of runs, and of one run's trades): axes on
// round numbers that hold every value, and the box and scales that turn values into points. Their axes are
// not time, which lightweight-charts draws, so they are SVG of their own.
import type { Axis } from '../../../../shared/backtest/nice-ticks.ts';

// The axes themselves are fitted and ticked by the code the HTML report's charts use (nice-ticks.ts).
export { fitAxis, pctTickText, type Axis } from '../../../../shared/backtest/nice-ticks.ts';

/** A plot's size in viewBox units and the margins its tick labels and axis names sit in. */
export interface PlotBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface PlotScale {
  /** A value on the x axis to its distance from the left edge. */
  px: (v: number) => number;
  /** A value on the y axis to its distance from the top (up is more). */
  py: (v: number) => number;
}

/** The axes' ranges stretched over the box inside its margins. */
export function plotScale(box: PlotBox, x: Axis, y: Axis): PlotScale {
  return {
    px: (v) => box.left + ((v - x.min) / (x.max - x.min)) * (box.width - box.left - box.right),
    py: (v) => box.height - box.bottom - ((v - y.min) / (y.max - y.min)) * (box.height - box.top - box.bottom),
  };
}
