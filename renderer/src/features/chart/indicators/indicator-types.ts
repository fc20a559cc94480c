// The shapes every indicator on the chart is described by. A spec says what an indicator is (its
// parameters, its lines, where it draws); an instance is one the user added, with the numbers they chose.
import type { Candle } from '../../../../../shared/domain/candle.ts';

/** Overlays draw on the price pane; pane indicators get a pane of their own below the volume. */
export type Placement = 'overlay' | 'pane';

export type IndicatorKind =
  | 'sma'
  | 'ema'
  | 'wma'
  | 'bollinger'
  | 'donchian'
  | 'keltner'
  | 'supertrend'
  | 'vwap'
  | 'rsi'
  | 'macd'
  | 'atr'
  | 'stochastic'
  | 'adx'
  | 'obv';

export interface ParamSpec {
  key: string;
  label: string;
  default: number;
  min: number;
  max: number;
  /** Periods are whole numbers; multipliers are not. */
  integer: boolean;
}

export interface LineSpec {
  key: string;
  /** Shown in the legend before the value when an indicator has several lines. */
  label: string;
  color: string;
  /** MACD's histogram draws as columns; everything else as a line. */
  style: 'line' | 'histogram';
  /** Dashed for secondary lines (a signal line, a middle band). */
  dashed?: boolean;
  /**
   * The line exists only on some bars (SuperTrend draws its up and down lines in turn), so the legend
   * leaves it out where it has no value instead of printing a dash.
   */
  sparse?: boolean;
  /**
   * Drawn in the instance's own palette colour, picked when it was added so no two overlays share a hue;
   * `color` is then only the fallback for an instance saved without one (an older version).
   */
  ownColor?: boolean;
  /** Histograms: each column's colour from its value and the one before (MACD's four shades). */
  columnColor?: (value: number, previous: number) => string;
}

/** How the legend and the axis write an indicator's values. */
export type ValueFormat = 'price' | 'percent-like' | 'volume';

/** Candles as columns, the indicators' input: NaN for a missing volume. */
export interface CandleColumns {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export type Params = Readonly<Record<string, number>>;

/** Line values for one bar, in the spec's line order (reused between calls). */
export type BarValues = Float64Array;

/** The streaming form: add() a new bar, replace() the forming last one; both write each line's value into `out`. */
export interface IndicatorStream {
  add(bar: Candle, out: BarValues): void;
  replace(bar: Candle, out: BarValues): void;
}

export interface IndicatorSpec {
  kind: IndicatorKind;
  /** "Exponential moving average": the menu's wording. */
  name: string;
  /** "EMA": the legend's. */
  short: string;
  placement: Placement;
  params: readonly ParamSpec[];
  lines: readonly LineSpec[];
  format: ValueFormat;
  /** Horizontal guides in the indicator's pane (RSI 30 and 70). */
  levels?: readonly number[];
  /** The line whose value labels the price axis (default the first): MACD's line, not its histogram. */
  labelLine?: number;
  /** Checks across parameters (MACD's fast period below its slow one); null when they agree. */
  check?: (p: Params) => string | null;
  /** Every line over the whole history, one array per line in spec order, NaN in warm-up. */
  batch(cols: CandleColumns, p: Params): Float64Array[];
  stream(p: Params): IndicatorStream;
}

/** One indicator the user put on the chart. */
export interface IndicatorInstance {
  /** Unique on the chart, stable across reloads: "ema-2". */
  id: string;
  kind: IndicatorKind;
  params: Params;
  /** The colour of an overlay drawn in a palette hue (lines with `ownColor`), picked when added so no two overlays share one. */
  color?: string;
}
