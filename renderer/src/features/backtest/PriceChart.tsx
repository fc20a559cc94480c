// A market's close as a line with a run's fills on it: an arrow up under it where it bought and down over
// it where it sold (one arrow for the fills of a side on one point of the thinned line, with their count
// beside it when there are several and the arrows few enough to read it); a stop-loss's, trailing stop's or take-profit's in that exit's colour,
// named SL, TS or TP. A single-market run draws one; a portfolio run one per market, each
// with that market's own fills. The strategy's indicators go with it: averages and bands over the price,
// an oscillator or the ATR each in a pane under it, every line named in the legend above. Before the
// range, shaded, the bars the indicators read first (the run's lead-in, lead-in-view.ts), the lines carried
// back over them: where an average starts, and what it averaged. Where arrows crowd closer than read apart
// (years of hours at full zoom-out, a burst of trades), they are left off and the chart says to zoom
// in: they hid the price line under them. Density is judged around each arrow: a burst of trades in a quiet
// stretch is left off (and counted in the words) while the lone arrows either side of it are drawn. The
// price axis goes logarithmic (its "Log" toggle, log-scale.ts) when the market moved 10× or more over what
// is drawn, as the HTML report's does; the panes under it stay linear.
import { useEffect, useMemo, useRef, useState } from 'react';
import { createSeriesMarkers, LineSeries, LineStyle, type IChartApi, type PriceFormatCustom, type UTCTimestamp } from 'lightweight-charts';
import type { IndicatorCurve } from '../../../../shared/contract/commands/backtest.ts';
import type { ExitReason } from '../../../../shared/backtest/run-exits.ts';
import { chartTheme } from '../chart/chart-theme.ts';
import { makeChart, points, setLogScale } from './bt-chart.ts';
import { priceFormatFor } from '../../lib/chart-price-format.ts';
import { logScale } from './log-scale.ts';
import { LogToggle, useLogChoice } from './LogToggle.tsx';
import { chartHeight, drawIndicators, panesUnder } from './chart-indicators.ts';
import { fillMarkers } from './fill-markers.ts';
import { fillMarks, fillsLeftOff, MAX_MARKS, readableMarks } from './fill-marks.ts';
import { IndicatorLegend } from './IndicatorLegend.tsx';
import { curvesWithLeadIn, leadInCaption, leadInOf, leadInPoints, type LeadIn } from './lead-in-view.ts';
import { drawLeadInBand, LEAD_LINE } from './lead-in-band.ts';
import { useLeadIn, type LeadInAsk } from './use-lead-in.ts';

type Curve = readonly (readonly [number, number])[];
type Fill = { ts: number; side: 'buy' | 'sell'; exit?: ExitReason | undefined };

const NO_INDICATORS: readonly IndicatorCurve[] = [];

/**
 * `price`, `fills` and `indicators` should keep their identity between renders (the chart is rebuilt when
 * they change); `symbol` tags a portfolio market's chart. `run`: the finished run whose bars before the
 * range to ask for and draw, when it read some (its `leadIn` above 0).
 */
export function PriceChart({
  price,
  fills,
  indicators = NO_INDICATORS,
  symbol,
  run,
}: {
  price: Curve;
  fills: readonly Fill[];
  indicators?: readonly IndicatorCurve[] | undefined;
  symbol?: string | undefined;
  run?: { runId: string; leadIn?: number | undefined } | undefined;
}) {
  const el = useRef<HTMLDivElement>(null);
  const marks = useMemo(() => fillMarks(price, fills), [price, fills]);
  const rangeStart = price[0]?.[0];
  const ask = useMemo<LeadInAsk | undefined>(() => (run && (run.leadIn ?? 0) > 0 && rangeStart !== undefined ? { runId: run.runId, symbol, rangeStart } : undefined), [run, symbol, rangeStart]);
  const load = useLeadIn(ask);
  const lead = useMemo(() => (load.status === 'ready' ? leadInOf(load.window, leadInPoints(price.length)) : null), [load, price.length]);
  const drawn = useMemo(() => curvesWithLeadIn(indicators, lead), [indicators, lead]);
  // The fills in view whose arrows are left off for crowding one another, and all the fills in view; null while every one in view is drawn.
  const [crowded, setCrowded] = useState<{ leftOff: number; inView: number } | null>(null);
  // Over the lines on the price axis: the closes, the lead-in's and the overlays (the oscillators have panes
  // of their own). The user's flip holds while the same price is drawn.
  const [logChoice, setLogChoice] = useLogChoice(`${run?.runId ?? ''} ${symbol ?? ''} ${rangeStart ?? ''}`);
  const scale = useMemo(() => logScale([price, ...(lead ? [lead.closes] : []), ...drawn.filter((c) => c.overlay).map((c) => c.points)], logChoice), [price, lead, drawn, logChoice]);
  const chartRef = useRef<IChartApi | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = makeChart(el.current);
    // Grouped, with the decimals of the market's highest close (ETH from 730 to 4,800 reads 4,800.00, not 4,800.0000).
    const priceFormat = priceFormatFor(price.reduce((hi, [, v]) => Math.max(hi, Math.abs(v)), 0));
    if (lead) drawLeadIn(chart, lead, priceFormat);
    drawIndicators(chart, drawn, priceFormat);
    const line = chart.addSeries(LineSeries, { color: chartTheme.text, lineWidth: 1, priceLineVisible: false, lastValueVisible: false, priceFormat });
    line.setData(points(price));
    // Not in the autoscale: lightweight-charts sizes the markers' room by the default bar spacing, not the
    // fitted one, and on a long run that room squashed the line into its top third with the axis down to
    // 0. The price scale's own margins leave space for the arrows.
    const markers = createSeriesMarkers(line, [], { autoScale: false });
    // Which marks are drawn, as last set: markers are set again only when that changes.
    let drawnBefore: boolean[] | null = null;
    // Each mark drawn where its arrows read apart and left off where they crowd one another (fill-marks.ts
    // readableMarks), judged again as the chart is zoomed, scrolled or resized.
    const thin = () => {
      const scale = chart.timeScale();
      const xs = marks.map((m) => scale.timeToCoordinate(Math.floor(m.time / 1000) as UTCTimestamp));
      const drawn = readableMarks(xs);
      const { inView, leftOff } = fillsLeftOff(marks, xs, drawn, scale.width());
      // Unchanged, the same state: the range changes many times a second while the chart is dragged.
      setCrowded((was) => (leftOff === 0 ? null : was?.leftOff === leftOff && was.inView === inView ? was : { leftOff, inView }));
      if (drawnBefore && drawn.every((d, i) => d === drawnBefore![i])) return;
      drawnBefore = drawn;
      markers.setMarkers(fillMarkers(marks.filter((_, i) => drawn[i])));
    };
    chart.timeScale().subscribeVisibleTimeRangeChange(thin);
    chart.timeScale().subscribeSizeChange(thin);
    chart.timeScale().fitContent();
    thin();
    chartRef.current = chart;
    return () => {
      chartRef.current = null;
      chart.timeScale().unsubscribeVisibleTimeRangeChange(thin);
      chart.timeScale().unsubscribeSizeChange(thin);
      chart.remove();
    };
  }, [price, marks, drawn, lead]);
  // After the drawing (declared after it): a rebuilt chart starts linear and is set again.
  useEffect(() => {
    if (chartRef.current && el.current) setLogScale(chartRef.current, el.current, scale.on);
  }, [scale.on, price, marks, drawn, lead]);
  return (
    <div
      className="bt-price"
      data-testid="bt-price"
      data-symbol={symbol}
      data-marks={marks.reduce((n, m) => n + m.count, 0)}
      data-exit-marks={marks.reduce((n, m) => n + (m.exit === null ? 0 : m.count), 0)}
      data-arrows={marks.length}
      data-markers={marks.length === 0 ? 'none' : crowded === null ? 'shown' : 'crowded'}
      data-markers-left-off={crowded?.leftOff ?? 0}
      data-panes={1 + panesUnder(indicators)}
      data-lead-in-status={load.status}
      data-lead-in={lead?.bars ?? 0}
      data-lead-in-points={lead?.closes.length ?? 0}
      data-lead-in-lines={drawn.reduce((n, c, i) => n + c.points.length - (indicators[i]?.points.length ?? 0), 0)}
    >
      <div className="bt-price-head">
        <LogToggle scale={scale} onFlip={setLogChoice} testId="bt-price-log" />
        <IndicatorLegend curves={indicators} />
      </div>
      <div className="bt-price-chart" ref={el} data-testid="bt-price-chart" style={{ height: chartHeight(indicators) }} />
      {lead && (
        <p className="bt-hint" data-testid="bt-lead-in">
          {leadInCaption(lead)}
        </p>
      )}
      {crowded !== null && (
        <p className="bt-hint" data-testid="bt-price-crowded">
          {crowdedText(crowded)}
        </p>
      )}
      {marks.length === 0 && fills.length > MAX_MARKS && <p className="bt-hint">{fills.length.toLocaleString('en-US')} fills: too many to mark on the line.</p>}
    </div>
  );
}

/** What the chart says of the fills whose arrows it leaves off: all those in view, or the bunched part of them. */
function crowdedText({ leftOff, inView }: { leftOff: number; inView: number }): string {
  const n = (v: number) => v.toLocaleString('en-US');
  return leftOff === inView
    ? `Zoom in to see the markers of the ${n(leftOff)} fills in view: too many to tell apart at this zoom.`
    : `Zoom in to see the markers of ${n(leftOff)} of the ${n(inView)} fills in view: bunched too close to tell apart at this zoom.`;
}

/**
 * The lead-in under everything else: a band shaded across its bars (lead-in-band.ts), and its closes as a
 * faded dashed line on the price's scale, apart from the range's solid one.
 */
function drawLeadIn(chart: IChartApi, lead: LeadIn, priceFormat: PriceFormatCustom): void {
  drawLeadInBand(chart, lead.closes.map(([t]) => t));
  const line = chart.addSeries(LineSeries, { color: LEAD_LINE, lineWidth: 1, lineStyle: LineStyle.Dashed, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false, priceFormat });
  line.setData(points(lead.closes));
}
