// A walk-forward's stitched out-of-sample equity: one line per fold in alternating colours, each fold's
// first bar marked F1, F2, ... in a band along the chart's top edge, clear of the curve (every few folds
// only, when there are more than their marks have room for), with the starting capital as a dashed line and
// the value it ends at in the key (not on the price axis, where its label hid a tick), so a user sees which
// fold's winner made or lost what.
import { useEffect, useMemo, useRef, useState } from 'react';
import { createSeriesMarkers, LineSeries, LineStyle } from 'lightweight-charts';
import { chartTheme } from '../chart/chart-theme.ts';
import { makeChart, MONEY_FORMAT, points } from './bt-chart.ts';
import { edgeWhitespace } from './edge-whitespace.ts';
import { formatMoney } from '../../lib/format.ts';
import { FOLD_COLORS } from './run-colors.ts';
import { endEquity, FOLD_MARK_SCALE, foldEquityTopMargin, foldLabelStep, foldMarks, foldMarksText, foldSegments, type WalkForward } from './walk-forward-view.ts';

export function WalkForwardChart({ wf, capital }: { wf: WalkForward; capital: number }) {
  const el = useRef<HTMLDivElement>(null);
  const segments = useMemo(() => foldSegments(wf.equity, wf.folds), [wf]);
  // Every how many folds a mark is named, for the chart's width when drawn (the key says which are).
  const [step, setStep] = useState(1);
  const end = endEquity(segments);
  useEffect(() => {
    if (!el.current) return;
    const labelStep = foldLabelStep(segments.length, el.current.clientWidth);
    setStep(labelStep);
    const chart = makeChart(el.current);
    // Its range kept whole when the page's width changes (the first fold was cut off at 1280 px).
    chart.applyOptions({ timeScale: { lockVisibleTimeRangeOnResize: true } });
    const height = el.current.clientHeight;
    // The curve kept under the band the fold marks sit in.
    chart.priceScale('right').applyOptions({ scaleMargins: { top: foldEquityTopMargin(height), bottom: 0.1 } });
    const times: number[] = [];
    segments.forEach((s, k) => {
      const color = FOLD_COLORS[k % FOLD_COLORS.length]!;
      const line = chart.addSeries(LineSeries, { color, lineWidth: 2, priceLineVisible: false, lastValueVisible: false, priceFormat: MONEY_FORMAT });
      const data = points(s.points);
      for (const d of data) times.push(d.time);
      line.setData(data);
      if (k === 0) line.createPriceLine({ price: capital, color: chartTheme.text, lineStyle: LineStyle.Dashed, lineWidth: 1, axisLabelVisible: true, title: 'capital' });
    });
    // The fold marks on a series of their own, unseen, on a scale of their own fixed from 0 (the bottom) to 1
    // (the top): each mark's text in the top band, its arrow pointing down at its fold's first bar.
    const marks = foldMarks(segments, labelStep, height);
    const holder = chart.addSeries(LineSeries, { priceScaleId: FOLD_MARK_SCALE, lineVisible: false, pointMarkersVisible: false, crosshairMarkerVisible: false, lastValueVisible: false, priceLineVisible: false, autoscaleInfoProvider: () => ({ priceRange: { minValue: 0, maxValue: 1 } }) });
    chart.priceScale(FOLD_MARK_SCALE).applyOptions({ scaleMargins: { top: 0, bottom: 0 }, visible: false });
    // Fitted with a few empty bars on either side (whitespace on the marks' series), the time axis's edges
    // fixed there so its end labels are drawn whole: F1 sits on the very first point, and its mark would be
    // cut in half by the left edge.
    times.sort((a, b) => a - b);
    const edges = edgeWhitespace(times, Math.max(2, Math.round(times.length * 0.01)));
    holder.setData([...edges.before.map((time) => ({ time })), ...marks.map((m) => ({ time: m.time, value: m.price })), ...edges.after.map((time) => ({ time }))]);
    createSeriesMarkers(holder, marks.map((m) => ({ time: m.time, position: 'atPriceTop', price: m.price, shape: 'arrowDown', color: FOLD_COLORS[m.segment % FOLD_COLORS.length]!, text: m.text })), { autoScale: false });
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [segments, capital]);
  return (
    <div className="bt-wf-equity" data-testid="bt-wf-chart" data-folds={segments.length} data-label-step={step} data-points={segments.reduce((n, s) => n + s.points.length, 0)}>
      <div className="bt-chart-title">
        Out-of-sample equity, stitched
        <span className="bt-legend">
          <i style={{ background: FOLD_COLORS[0] }} />
          <i style={{ background: FOLD_COLORS[1] }} /> folds in turn; {foldMarksText(segments.length, step)}
          {end !== null && (
            <>
              ; ends at <b data-testid="bt-wf-end">{formatMoney(end)}</b>
            </>
          )}
        </span>
      </div>
      <div className="bt-wf-chart" ref={el} />
    </div>
  );
}
