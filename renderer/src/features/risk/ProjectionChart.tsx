// Account growth per mode: the balance after N trades from a small start (100), as a fan of percentiles
// (5/25/50/75/95) from a Monte Carlo over the trade returns, with the chances of reaching 500, 1,000 and
// 5,000, the risk of ruin and the drawdowns. When the returns are an assumption, it says so first.
import { useEffect, useRef, useState } from 'react';
import { AreaSeries, createChart, LineSeries, type IChartApi, type ISeriesApi, type Time, type UTCTimestamp } from 'lightweight-charts';
import { useApi } from '../../api/api-context.tsx';
import { RISK_MODES, type RiskMode } from '../../../../shared/risk/risk-limits.ts';
import { countOf } from '../../../../shared/domain/plural.ts';
import { chartTheme } from '../chart/chart-theme.ts';
import { AMBER_COLOR, GAIN_COLOR, INK_COLOR, LOSS_COLOR, runColor } from '../../../../shared/backtest/palette.ts';
import type { CommandResponse } from '../../../../shared/contract/index.ts';
import { backtestReturns, MIN_BACKTEST_TRADES, runLabel } from './backtest-returns.ts';
import { drawdownPctText, fanSeries, medianEndText, pctText, tradeLabel } from './fan-chart-data.ts';
import { loadProjection } from './risk-actions.ts';
import { useRisk, type Projection } from './risk-store.ts';

const BAND_STYLE = {
  p95: { color: GAIN_COLOR, area: true },
  p75: { color: runColor(0), area: false },
  p50: { color: INK_COLOR, area: false },
  p25: { color: AMBER_COLOR, area: false },
  p5: { color: LOSS_COLOR, area: true },
} as const;

function drawFan(chart: IChartApi, p: Projection): ISeriesApi<'Line' | 'Area', Time>[] {
  const data = fanSeries(p);
  const series: ISeriesApi<'Line' | 'Area', Time>[] = [];
  for (const band of ['p95', 'p75', 'p50', 'p25', 'p5'] as const) {
    const style = BAND_STYLE[band];
    const points = data[band].map((d) => ({ time: d.time as UTCTimestamp, value: d.value }));
    const s = style.area
      ? chart.addSeries(AreaSeries, { lineColor: style.color, topColor: `${style.color}33`, bottomColor: `${style.color}05`, lineWidth: 1, priceLineVisible: false, lastValueVisible: false, title: band })
      : chart.addSeries(LineSeries, { color: style.color, lineWidth: band === 'p50' ? 2 : 1, priceLineVisible: false, lastValueVisible: band === 'p50', title: band });
    s.setData(points);
    series.push(s);
  }
  chart.timeScale().fitContent();
  return series;
}

export function ProjectionChart() {
  const api = useApi();
  const current = useRisk((s) => s.state?.mode ?? 'moderate');
  const projection = useRisk((s) => s.projection);
  const [mode, setMode] = useState<RiskMode>(current);
  const [open, setOpen] = useState(false);
  /** Where the trade returns come from: the journal (the engine decides), or a finished backtest run. */
  const [source, setSource] = useState<string>('journal');
  const [runs, setRuns] = useState<CommandResponse<'backtest.list'>['runs']>([]);
  const [sourceNote, setSourceNote] = useState<string | null>(null);
  const defaultStopPct = useRisk((s) => s.state?.limits.defaultStopPct ?? 2);
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);

  useEffect(() => {
    if (!open) return;
    api.commands['backtest.list']({}).then(
      (r) => setRuns(r.runs.filter((run) => run.status === 'done')),
      () => setRuns([]),
    );
  }, [api, open]);

  useEffect(() => {
    if (!open) return;
    setSourceNote(null);
    if (source === 'journal') {
      void loadProjection(api, mode);
      return;
    }
    let stale = false;
    api.commands['backtest.result']({ runId: source }).then(
      (result) => {
        if (stale) return;
        const returns = backtestReturns(result, defaultStopPct);
        if (returns.length < MIN_BACKTEST_TRADES) {
          setSourceNote(`That backtest closed ${countOf(returns.length, 'trade')}; at least ${MIN_BACKTEST_TRADES} are needed. Showing the journal's instead.`);
          void loadProjection(api, mode);
        } else void loadProjection(api, mode, returns);
      },
      (err: unknown) => !stale && setSourceNote(`Could not read the backtest: ${err instanceof Error ? err.message : String(err)}`),
    );
    return () => {
      stale = true;
    };
  }, [api, mode, open, source, defaultStopPct]);

  useEffect(() => {
    if (!open || !el.current) return;
    const c = createChart(el.current, {
      autoSize: true,
      // No attribution logo: it injects an inline <style> the strict CSP refuses.
      layout: { background: { color: chartTheme.background }, textColor: chartTheme.text, fontFamily: chartTheme.font, attributionLogo: false },
      grid: { vertLines: { color: chartTheme.grid }, horzLines: { color: chartTheme.grid } },
      rightPriceScale: { borderColor: chartTheme.border, mode: 1 },
      timeScale: { borderColor: chartTheme.border, tickMarkFormatter: (t: Time) => tradeLabel(Number(t)) },
      localization: { timeFormatter: (t: Time) => `trade ${tradeLabel(Number(t))}` },
    });
    chart.current = c;
    return () => {
      chart.current = null;
      c.remove();
    };
  }, [open]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !projection) return;
    const series = drawFan(c, projection);
    return () => {
      // The chart may already be gone (the section closed): then its series went with it.
      if (chart.current === c) for (const s of series) c.removeSeries(s);
    };
  }, [projection, open]);

  return (
    <details className="risk-projection" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="risk-projection">
      <summary>Growth projection and risk of ruin</summary>
      <label className="risk-projection-mode">
        Mode{' '}
        <select value={mode} onChange={(e) => setMode(e.target.value as RiskMode)}>
          {RISK_MODES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>{' '}
      <label className="risk-projection-mode">
        Returns from{' '}
        <select value={source} onChange={(e) => setSource(e.target.value)} data-testid="projection-returns">
          <option value="journal">your closed trades</option>
          {runs.map((run) => (
            <option key={run.runId} value={run.runId}>
              {runLabel(run)}
            </option>
          ))}
        </select>
      </label>
      {sourceNote && <p className="muted small">{sourceNote}</p>}
      {projection && (
        <p className={`risk-projection-source${projection.source.kind === 'assumption' ? ' assumption' : ''}`} data-testid="projection-source">
          {projection.source.kind === 'assumption' ? '' : 'From '}
          {projection.source.label}
        </p>
      )}
      <div className="risk-fan" ref={el} />
      {projection && (
        <table className="risk-projection-table">
          <tbody>
            <tr>
              <th>Start</th>
              <td>
                {projection.startBalance} over {projection.trades} trades at {projection.riskPerTradePct}% risk ({projection.paths.toLocaleString('en-US')} paths); median end {medianEndText(projection.medianFinal)}
              </td>
            </tr>
            {projection.targets.map((t) => (
              <tr key={t.target}>
                <th>Reach {t.target.toLocaleString('en-US')}</th>
                <td>{pctText(t.probability)}</td>
              </tr>
            ))}
            <tr>
              <th>Ruin (≤ {projection.ruinPct}% of start)</th>
              <td>{pctText(projection.ruinProbability)}</td>
            </tr>
            <tr>
              <th>Max drawdown</th>
              <td>
                expected {drawdownPctText(projection.expectedMaxDrawdownPct)}, worst 5% {drawdownPctText(projection.worst5MaxDrawdownPct)}
              </td>
            </tr>
          </tbody>
        </table>
      )}
    </details>
  );
}
