// A run's strategy indicators as lines beside its price chart (the app's and the HTML report's): the
// averages and bands a strategy crosses drawn over the price, an oscillator (RSI) or the ATR in a pane of
// its own, so a trader sees why each arrow is where it is, as TradingView's strategy tester and freqtrade's
// plots show them. They are computed again from the candles when a chart is drawn, by the kernels the run
// used (the same numbers the strategy read), rather than kept with every result: a comparison or a search
// holds many results, and two more columns of a million bars each would be most of their memory.
import type { CandleColumns } from '../journal/candle-columns.ts';
import { batchColumns, resolveUses, useLegend } from '../strategies/indicator-kinds.ts';
import type { ColumnSet } from '../strategies/bar-history.ts';
import type { IndicatorUse } from '../strategies/strategy.ts';
import { usesWarmup } from '../strategies/registry.ts';
import { joinLeadIn, leadInBars } from './lead-in.ts';
import { sampleAt } from './series-shapes.ts';

/** Lines a price chart draws at most: a strategy declaring a dozen would bury the price. */
export const MAX_INDICATOR_LINES = 6;

export interface IndicatorLine {
  /** "SMA 10", "BB 20 2 upper", "RSI 14". */
  label: string;
  /** On the price's scale; false: a pane of its own under the price. */
  overlay: boolean;
  /** One value per candle, NaN before the indicator's first. */
  values: Float64Array;
  /** The levels the strategy acts at on it (RSI 30 and 70), drawn dashed. */
  levels: number[];
}

/** [bar open time, value] at a thinned price line's points, the warm-up (no value yet) left out. */
export interface IndicatorCurve {
  label: string;
  overlay: boolean;
  points: [number, number][];
  levels: number[];
}

/** The declared indicators over the candles and the lead bars the run read before them (joinLeadIn). */
export interface LinesWithLead {
  /** Lead bars before the candles' first: the run's lead-in (lead-in.ts). */
  lead: number;
  /** The lead bars then the candles, `length` of them (the arrays may run on past it). */
  cols: ColumnSet;
  length: number;
  /** One value per bar of `cols`, lead bars first. */
  lines: IndicatorLine[];
}

/**
 * The declared indicators (bars `barMs` long: one on a longer timeframe is read as the strategy read it,
 * stepping at each longer bar's close), one line per distinct label, in declaration order, over the bars
 * the run read: its lead-in (the last of the candles' lead bars its warm-up needs) and then the candles.
 */
export function indicatorLinesWithLead(uses: readonly IndicatorUse[], strategy: string, candles: CandleColumns, barMs: number): LinesWithLead {
  const resolved = resolveUses(uses, strategy);
  const lead = leadInBars(candles, usesWarmup(uses, barMs));
  const { cols, length } = joinLeadIn(candles, lead);
  const bars = [cols.t, cols.o, cols.h, cols.l, cols.c, cols.v].map((a) => (a.length === length ? a : a.subarray(0, length)));
  const columns = batchColumns(resolved, bars, barMs, strategy);
  const lines: IndicatorLine[] = [];
  resolved.forEach((u, k) => {
    const { label, overlay } = useLegend(u);
    // A strategy may read one line twice (two views of one SMA): it is drawn once.
    if (lines.length < MAX_INDICATOR_LINES && !lines.some((l) => l.label === label)) lines.push({ label, overlay, values: columns[k]!, levels: [...(uses[k]!.levels ?? [])] });
  });
  return { lead, cols, length, lines };
}

/**
 * The declared indicators over the candles, one value per candle: started from the candles' lead bars, as
 * the run's were (lead-in.ts), and cut to the candles.
 */
export function indicatorLines(uses: readonly IndicatorUse[], strategy: string, candles: CandleColumns, barMs: number): IndicatorLine[] {
  const { lead, lines } = indicatorLinesWithLead(uses, strategy, candles, barMs);
  return lead === 0 ? lines : lines.map((l) => ({ ...l, values: l.values.subarray(lead) }));
}

/** The lines at the points a price line was thinned to (each one of the candles' times), as the charts draw them. */
export function indicatorCurves(uses: readonly IndicatorUse[], strategy: string, candles: CandleColumns, barMs: number, price: readonly (readonly [number, number])[]): IndicatorCurve[] {
  return indicatorLines(uses, strategy, candles, barMs).map((l) => ({
    label: l.label,
    overlay: l.overlay,
    points: sampleAt(candles.t, l.values, price).filter(([, v]) => Number.isFinite(v)),
    levels: l.levels,
  }));
}
