// Equity and drawdown of the ticked runs, drawn with lightweight-charts: one line per run on the equity
// chart, its drawdown below on a chart that scrolls with it. Where the risk room's kill switch was pulled
// (and re-armed) the equity line is marked: a curve that runs flat is explained on the chart itself. A run
// drawn alone has its benchmark beside it, as in its HTML report: its market bought and held, or for a
// portfolio the basket of its markets in the run's weights.
// Runs on different bars or dates are drawn on one evenly spaced time grid (curve-grid.ts), so the axis is
// time, not the count of points. A key above the charts names each line (curve-keys.ts); the equity axis
// reads money as the runs table does (12,499.45), and both charts' axes keep one width, so a time on the
// equity chart sits above the same time on the drawdown chart. The equity axis goes logarithmic (its "Log"
// toggle, log-scale.ts) when what it draws moved 10× or more, as the HTML report's does; drawdown stays linear.
import { useEffect, useMemo, useRef, useState } from 'react';
import { AreaSeries, createSeriesMarkers, LineSeries, LineStyle, type IChartApi, type ISeriesApi, type Time, type UTCTimestamp } from 'lightweight-charts';
import { alignPriceScales, makeChart, MONEY_FORMAT, PCT_FORMAT, points, setLogScale } from './bt-chart.ts';
import { logScale } from './log-scale.ts';
import { LogToggle, useLogChoice } from './LogToggle.tsx';
import { useBacktest } from './backtest-store.ts';
import { haltMarks } from './halt-marks.ts';
import { basketBenchmark, benchmarkName } from './run-markets.ts';
import { commonGrid, onGrid, type Curve } from './curve-grid.ts';
import { curveKeys, sharedMarket } from './curve-keys.ts';
import { drawdownAutoscale, DRAWDOWN_SCALE_MARGINS } from './drawdown-scale.ts';
import { BENCHMARK_COLOR, KILL_COLOR, REARM_COLOR, type RunStroke } from '../../../../shared/backtest/palette.ts';
import { formatMoney } from '../../lib/format.ts';
import { pctText } from '../../../../shared/backtest/figure-text.ts';
import { EndLabels, labelHeightFor, type EndLabel } from './EndLabels.tsx';
import { spreadLabels } from './end-labels.ts';

// The kill switch's marks and the benchmark in the colours the HTML report draws them in (palette.ts); the
// benchmark muted and dashed: not a run.
const BASKET_COLOR = BENCHMARK_COLOR;

/** A run's stroke (curve-keys.ts) as the library draws it: a colour's second use dashed, its third dotted, as the report's. */
const LINE_STYLE = { solid: LineStyle.Solid, dashed: LineStyle.Dashed, dotted: LineStyle.SparseDotted } as const;
/** The same on the drawdown's 1 px lines, where the library's dash (twice the width) read as dots: its long dash. */
const DD_LINE_STYLE = { ...LINE_STYLE, dashed: LineStyle.LargeDashed } as const;

/** Past this many runs drawn their key runs past the three lines the charts' layout leaves it on a laptop. */
const MANY_KEYS = 6;

export function CurvesChart() {
  const { results, shown } = useBacktest();
  // Once per change of the runs drawn: a new curve each render would redraw the chart each render.
  const drawn = useMemo(() => shown.flatMap((id) => results[id] ?? []), [results, shown]);
  const basket = useMemo(() => basketBenchmark(drawn), [drawn]);
  const keys = useMemo(() => curveKeys(shown, results), [results, shown]);
  const market = sharedMarket(keys);
  // The equity lines as drawn: on one time grid when the runs' times differ (curve-grid.ts).
  const placed = useMemo(() => {
    const grid = commonGrid(keys.map((k) => results[k.runId]!.equity));
    const on = (curve: Curve, pick: 'last' | 'least') => (grid === null ? curve : onGrid(curve, grid, pick));
    return { grid, on, equity: keys.map((k) => on(results[k.runId]!.equity, 'last')), basket: basket && on(basket, 'last') };
  }, [keys, results, basket]);
  // Log or linear over every line on the equity axis, the benchmark's too (as the report judges its own); the
  // user's flip holds while the same runs are drawn.
  const [logChoice, setLogChoice] = useLogChoice(keys.map((k) => k.runId).join(' '));
  const scale = useMemo(() => logScale(placed.basket ? [...placed.equity, placed.basket] : placed.equity, logChoice), [placed, logChoice]);
  const equityEl = useRef<HTMLDivElement>(null);
  const ddEl = useRef<HTMLDivElement>(null);
  const charts = useRef<{ equity: IChartApi; dd: IChartApi } | null>(null);
  // Lays the end labels out again (set by the drawing effect): a switch of scale moves every line's end.
  const relabel = useRef<() => void>(() => {});
  // Each drawn run's end value on the equity axis, spread so none overlap (end-labels.ts).
  const [labels, setLabels] = useState<PaneLabels>(NO_LABELS);
  // And each one's drawdown at its end on the drawdown axis, spread the same way (the library's own ran off the pane).
  const [ddLabels, setDdLabels] = useState<PaneLabels>(NO_LABELS);

  useEffect(() => {
    if (!equityEl.current || !ddEl.current) return;
    const equity = makeChart(equityEl.current);
    const dd = makeChart(ddEl.current);
    // 0 % at the pane's top (drawdown-scale.ts): no empty room above it.
    dd.priceScale('right').applyOptions({ scaleMargins: DRAWDOWN_SCALE_MARGINS });
    // Linear for good, whatever the equity chart above is on: a drawdown is 0 at its best.
    setLogScale(dd, ddEl.current, false);
    // Scroll and zoom together.
    equity.timeScale().subscribeVisibleLogicalRangeChange((r) => r && dd.timeScale().setVisibleLogicalRange(r));
    const unalign = alignPriceScales(equity, dd);
    charts.current = { equity, dd };
    return () => {
      charts.current = null;
      unalign();
      equity.remove();
      dd.remove();
    };
  }, []);

  useEffect(() => {
    const c = charts.current;
    if (!c) return;
    const series: ISeriesApi<'Line' | 'Area', Time>[] = [];
    const ends: { runId: string; color: string; stroke: RunStroke; line: ISeriesApi<'Line', Time>; value: number }[] = [];
    const ddEnds: { runId: string; color: string; stroke: RunStroke; line: ISeriesApi<'Area', Time>; value: number }[] = [];
    for (const [i, key] of keys.entries()) {
      const r = results[key.runId]!;
      const color = key.color;
      // Its end value is labelled by EndLabels, not the library: its labels ran over one another (end-labels.ts).
      const eq = c.equity.addSeries(LineSeries, { color, lineWidth: 2, lineStyle: LINE_STYLE[key.stroke], priceLineVisible: false, lastValueVisible: false, priceFormat: MONEY_FORMAT });
      const equity = placed.equity[i]!;
      eq.setData(points(equity));
      const last = equity.at(-1);
      if (last) ends.push({ runId: key.runId, color, stroke: key.stroke, line: eq, value: last[1] });
      createSeriesMarkers(
        eq,
        haltMarks(equity, r.halts).map((m) => ({
          time: Math.floor(m.time / 1000) as UTCTimestamp,
          position: 'aboveBar' as const,
          // The pull never re-armed is an arrow, not words: words centred on a mark print over the line
          // and its neighbours; the legend says what the arrow means.
          shape: m.kind === 'rearmed' ? ('circle' as const) : m.final ? ('arrowDown' as const) : ('square' as const),
          color: m.kind === 'pulled' ? KILL_COLOR : REARM_COLOR,
        })),
        // The scale's own margin leaves room; markers in the autoscale squash the lines (see PriceChart).
        { autoScale: false },
      );
      const dd = c.dd.addSeries(AreaSeries, { lineColor: color, topColor: 'rgba(0,0,0,0)', bottomColor: `${color}55`, lineWidth: 1, lineStyle: DD_LINE_STYLE[key.stroke], priceLineVisible: false, lastValueVisible: false, invertFilledArea: true, priceFormat: PCT_FORMAT, autoscaleInfoProvider: drawdownAutoscale });
      const drawdown = placed.on(r.drawdown, 'least');
      dd.setData(points(drawdown));
      const ddLast = drawdown.at(-1);
      if (ddLast) ddEnds.push({ runId: key.runId, color, stroke: key.stroke, line: dd, value: ddLast[1] });
      series.push(eq, dd);
    }
    if (placed.grid !== null) {
      // Every grid time on both axes, as a time with no value: the library spaces points by their order, so
      // runs of 2021 and 2023 met edge to edge, the years between gone, and the time labels (which read the
      // axis as linear in time, tick-stand-in.ts) named the wrong months. The stretch between reads as empty.
      const times = points(placed.grid.map((t) => [t, 0] as const)).map((p) => ({ time: p.time }));
      for (const chart of [c.equity, c.dd]) {
        const blank = chart.addSeries(LineSeries, { visible: false, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false });
        blank.setData(times);
        series.push(blank);
      }
    }
    if (placed.basket) {
      const b = c.equity.addSeries(LineSeries, { color: BASKET_COLOR, lineWidth: 1, lineStyle: LineStyle.Dashed, priceLineVisible: false, lastValueVisible: false, priceFormat: MONEY_FORMAT, crosshairMarkerVisible: false });
      b.setData(points(placed.basket));
      series.push(b);
    }
    c.equity.timeScale().fitContent();
    c.dd.timeScale().fitContent();
    // Where each end sits moves with a scroll, a zoom (the price scale refits) and a resize: laid out again
    // after the chart has drawn so, the next frame.
    let frame = 0;
    const layOut = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (charts.current !== c) return;
        setLabels(paneLabels(c.equity, ends, formatMoney));
        setDdLabels(paneLabels(c.dd, ddEnds, pctText));
      });
    };
    c.equity.timeScale().subscribeVisibleLogicalRangeChange(layOut);
    c.equity.timeScale().subscribeSizeChange(layOut);
    c.dd.timeScale().subscribeSizeChange(layOut);
    layOut();
    relabel.current = layOut;
    return () => {
      relabel.current = () => {};
      cancelAnimationFrame(frame);
      c.equity.timeScale().unsubscribeVisibleLogicalRangeChange(layOut);
      c.equity.timeScale().unsubscribeSizeChange(layOut);
      c.dd.timeScale().unsubscribeSizeChange(layOut);
      setLabels(NO_LABELS);
      setDdLabels(NO_LABELS);
      // Leaving the page, the charts' own cleanup (declared first, so run first) has removed them with
      // their series: removing a series of a removed chart throws, and the throw blanked the whole window.
      if (charts.current !== c) return;
      for (const s of series) {
        try {
          c.equity.removeSeries(s);
        } catch {
          c.dd.removeSeries(s);
        }
      }
    };
  }, [results, keys, placed]);

  useEffect(() => {
    const c = charts.current;
    if (!c || !equityEl.current) return;
    setLogScale(c.equity, equityEl.current, scale.on);
    relabel.current();
  }, [scale.on]);

  const halts = shown.reduce((n, id) => n + (results[id]?.halts.length ?? 0), 0);
  const forGood = shown.some((id) => results[id]?.halts.at(-1)?.to === null);
  // The key names only the marks on the chart: a run pulled once and never re-armed has an arrow alone.
  const rearmed = shown.some((id) => results[id]?.halts.some((h) => h.to !== null));
  return (
    // Many runs drawn (their key several lines long): the runs table above gives up some of its height (backtest.css).
    <div className={keys.length > MANY_KEYS ? 'bt-charts is-many' : 'bt-charts'} data-testid="bt-charts" data-shown={shown.filter((id) => results[id]).length} data-halts={halts} data-basket={basket?.length ?? 0}>
      <div className="bt-chart-head">
        <div className="bt-chart-title">
          Equity
          <LogToggle scale={scale} onFlip={setLogChoice} testId="bt-equity-log" />
          {basket && (
            <span className="bt-legend" data-testid="bt-basket-legend">
              <b style={{ color: BASKET_COLOR }}>- -</b> {drawn[0] && benchmarkName(drawn[0])}
            </span>
          )}
          {halts > 0 && (
            <span className="bt-legend">
              {rearmed && (
                <>
                  <i style={{ background: KILL_COLOR }} /> kill switch pulled (no new entries) <i className="is-round" style={{ background: REARM_COLOR }} /> re-armed
                </>
              )}
              {forGood && (
                <>
                  {' '}
                  <b style={{ color: KILL_COLOR }}>▼</b> kill switch pulled, never re-armed: no new entries to the end
                </>
              )}
            </span>
          )}
        </div>
        {keys.length > 0 ? (
          <ul className="bt-curve-keys" data-testid="bt-curve-keys" aria-label="Runs drawn">
            {market !== null && (
              <li className="bt-curve-keys-market" data-testid="bt-curve-keys-market">
                all on {market}:
              </li>
            )}
            {keys.map((k) => (
              <li key={k.runId} data-run-id={k.runId} data-stroke={k.stroke} title={`${k.label} · ${k.market}`}>
                <i style={{ background: k.swatch }} />
                {k.label}
                {market === null && <span> · {k.market}</span>}
              </li>
            ))}
          </ul>
        ) : (
          // The charts stay mounted (switching tabs does not rebuild them), so they would sit empty without a word.
          <p className="bt-empty bt-curve-keys" data-testid="bt-curve-keys">
            No run drawn: tick a finished run in the table above to draw its equity and drawdown.
          </p>
        )}
      </div>
      <div className="bt-chart-eq">
        <div className="bt-chart" ref={equityEl} data-testid="bt-equity-chart" />
        <EndLabels labels={labels.items} axis={labels.axis} height={labels.height} />
      </div>
      <div className="bt-chart-title">Drawdown %</div>
      <div className="bt-chart-eq bt-chart-dd-pane">
        <div className="bt-chart bt-chart-dd" ref={ddEl} />
        <EndLabels labels={ddLabels.items} axis={ddLabels.axis} height={ddLabels.height} testId="bt-dd-end-labels" />
      </div>
    </div>
  );
}

interface PaneLabels {
  items: EndLabel[];
  axis: number;
  height: number;
}

const NO_LABELS: PaneLabels = { items: [], axis: 0, height: 0 };

/**
 * A pane's end labels: each series' last value where the scale puts it, spread so none overlap and none
 * leave the pane; those it has no room for are left off (end-labels.ts), the key naming every run still.
 */
function paneLabels(chart: IChartApi, ends: readonly { runId: string; color: string; stroke: RunStroke; line: ISeriesApi<'Line' | 'Area', Time>; value: number }[], text: (v: number) => string): PaneLabels {
  const at = ends.map((e) => e.line.priceToCoordinate(e.value));
  const height = chart.paneSize(0).height;
  const h = labelHeightFor(ends.length, height);
  const ys = spreadLabels(at.map((y) => y ?? height), h, height);
  return { axis: chart.priceScale('right').width(), height: h, items: ends.flatMap((e, i) => {
      const y = ys[i] ?? null;
      return y === null ? [] : [{ runId: e.runId, color: e.color, stroke: e.stroke, text: text(e.value), end: at[i] ?? null, y }];
    }) };
}
