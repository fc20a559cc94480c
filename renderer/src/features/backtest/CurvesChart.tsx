// Equity and drawdown of the ticked runs, drawn with lightweight-charts: one line per run on the equity
// chart, its drawdown below on a chart that scrolls with it.
import { useEffect, useRef } from 'react';
import { AreaSeries, LineSeries, type IChartApi, type ISeriesApi, type Time } from 'lightweight-charts';
import { makeChart, points } from './bt-chart.ts';
import { useBacktest } from './backtest-store.ts';
import { runLabel } from './run-form.ts';

const COLORS = ['#4c9aff', '#f0b90b', '#2ebd85', '#c678dd', '#f6465d', '#56b6c2'];

export function CurvesChart() {
  const { results, shown } = useBacktest();
  const equityEl = useRef<HTMLDivElement>(null);
  const ddEl = useRef<HTMLDivElement>(null);
  const charts = useRef<{ equity: IChartApi; dd: IChartApi } | null>(null);

  useEffect(() => {
    if (!equityEl.current || !ddEl.current) return;
    const equity = makeChart(equityEl.current);
    const dd = makeChart(ddEl.current);
    // Scroll and zoom together.
    equity.timeScale().subscribeVisibleLogicalRangeChange((r) => r && dd.timeScale().setVisibleLogicalRange(r));
    charts.current = { equity, dd };
    return () => {
      charts.current = null;
      equity.remove();
      dd.remove();
    };
  }, []);

  useEffect(() => {
    const c = charts.current;
    if (!c) return;
    const series: ISeriesApi<'Line' | 'Area', Time>[] = [];
    shown.forEach((runId, i) => {
      const r = results[runId];
      if (!r) return;
      const color = COLORS[i % COLORS.length]!;
      const eq = c.equity.addSeries(LineSeries, { color, lineWidth: 2, title: runLabel(r), priceLineVisible: false });
      eq.setData(points(r.equity));
      const dd = c.dd.addSeries(AreaSeries, { lineColor: color, topColor: 'rgba(0,0,0,0)', bottomColor: `${color}55`, lineWidth: 1, priceLineVisible: false, invertFilledArea: true });
      dd.setData(points(r.drawdown));
      series.push(eq, dd);
    });
    c.equity.timeScale().fitContent();
    c.dd.timeScale().fitContent();
    return () => {
      for (const s of series) {
        try {
          c.equity.removeSeries(s);
        } catch {
          c.dd.removeSeries(s);
        }
      }
    };
  }, [results, shown]);

  return (
    <div className="bt-charts" data-testid="bt-charts" data-shown={shown.filter((id) => results[id]).length}>
      <div className="bt-chart-title">Equity</div>
      <div className="bt-chart" ref={equityEl} />
      <div className="bt-chart-title">Drawdown %</div>
      <div className="bt-chart bt-chart-dd" ref={ddEl} />
    </div>
  );
}
