// What the page's own SVG plots share (return against drawdown of runs, and of one run's trades): axes on
// round numbers that hold every value, and the box and scales that turn values into points. Their axes are
// not time, which lightweight-charts draws, so they are SVG of their own.
import { niceTicks } from '../../../../shared/backtest/nice-ticks.ts';

export interface Axis {
  min: number;
  max: number;
  ticks: number[];
}

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

const STEPS = [1, 2, 2.5, 5, 10];

/** About `count` round ticks from at or below `lo` to at or above `hi` (a range of at least one step). */
export function niceAxis(lo: number, hi: number, count = 5): Axis {
  const span = hi - lo > 0 ? hi - lo : Math.max(Math.abs(hi), 1);
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = STEPS.find((s) => s * mag >= raw)! * mag;
  const min = Math.floor(lo / step) * step;
  let max = Math.ceil(hi / step) * step;
  if (max <= min) max = min + step;
  const ticks: number[] = [];
  // Rounded to the step's decimals, so 0.30000000000000004 reads 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let k = 0; min + k * step <= max + step / 1e6; k++) ticks.push(Number((min + k * step).toFixed(decimals)));
  return { min, max, ticks };
}

/** A fitted axis's margin beyond its values, each side, as a share of their span: room for a marker's size. */
const FIT_PAD = 0.06;

/**
 * An axis fitted to the values: from `lo` to `hi` and a little padding, with round ticks inside it
 * (niceTicks). Unlike niceAxis its ends need not be ticks, so a value just past a round step does not
 * stretch the axis by most of a step (-34 % to 270 % read -200 % to 600 % on steps of 200).
 */
export function fitAxis(lo: number, hi: number): Axis {
  const span = hi - lo > 0 ? hi - lo : Math.max(Math.abs(hi), 1);
  const min = lo - span * FIT_PAD;
  const max = hi + span * FIT_PAD;
  return { min, max, ticks: niceTicks(min, max).values };
}

/** The axes' ranges stretched over the box inside its margins. */
export function plotScale(box: PlotBox, x: Axis, y: Axis): PlotScale {
  return {
    px: (v) => box.left + ((v - x.min) / (x.max - x.min)) * (box.width - box.left - box.right),
    py: (v) => box.height - box.bottom - ((v - y.min) / (y.max - y.min)) * (box.height - box.top - box.bottom),
  };
}
