// One trade up close: the run's candles around it at full resolution (the run's price line is thinned to a
// few thousand points, so a trade of a few bars is a dot on it), with the strategy's indicators as they
// stood at each bar, every fill in the stretch as an arrow, and the trade's entry and exit prices as dashed
// lines. Opened by clicking a trade in the list; the bars come from backtest.window, read in a worker.
// Asked with the run's lead-in: a trade near the range's start shows the bars before it that the
// indicators read first (lead-in-view.ts), shaded and their candles in grey as on the run's price chart,
// rather than a chart cut off at the range's first bar.
import { useEffect, useMemo, useRef, useState } from 'react';
import { CandlestickSeries, createSeriesMarkers, LineStyle, type UTCTimestamp } from 'lightweight-charts';
import { pctText } from '../../../../shared/backtest/figure-text.ts';
import type { Api } from '../../../../shared/contract/index.ts';
import { timeframeMs } from '../../../../shared/domain/timeframe.ts';
import { useApi } from '../../api/api-context.tsx';
import { chartTheme } from '../chart/chart-theme.ts';
import type { RunResult, RunTrade } from './backtest-store.ts';
import { makeChart } from './bt-chart.ts';
import { priceFormatFor } from '../../lib/chart-price-format.ts';
import { chartHeight, drawIndicators } from './chart-indicators.ts';
import { fillMarkers } from './fill-markers.ts';
import { fillMarks } from './fill-marks.ts';
import { IndicatorLegend } from './IndicatorLegend.tsx';
import { drawLeadInBand, LEAD_LINE } from './lead-in-band.ts';
import { leadInCaption, windowLeadIn } from './lead-in-view.ts';
import { tradeSpan, tradeTime } from './trade-view.ts';

type TradeWindow = Awaited<ReturnType<Api['commands']['backtest.window']>>;
type Loaded = { status: 'loading' } | { status: 'ready'; window: TradeWindow } | { status: 'error'; message: string };

export function TradeChart({ run, n, trade, onClose }: { run: RunResult; n: number; trade: RunTrade; onClose: () => void }) {
  const api = useApi();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const section = useRef<HTMLElement>(null);
  // Opened from far down the list, the chart (above it) comes into view. A block body: Chromium's
  // scrollIntoView returns a promise, which React would take for the effect's cleanup.
  useEffect(() => {
    void section.current?.scrollIntoView?.({ block: 'nearest' });
  }, [n]);
  const { from, to } = tradeSpan(trade, timeframeMs(run.request.series.timeframe));
  useEffect(() => {
    let live = true;
    setLoaded({ status: 'loading' });
    api.commands['backtest.window']({ runId: run.runId, symbol: trade.symbol, from, to, withLeadIn: true }).then(
      (window) => live && setLoaded({ status: 'ready', window }),
      (err: unknown) => live && setLoaded({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, run.runId, trade.symbol, from, to]);
  const w = loaded.status === 'ready' ? loaded.window : null;
  const marks = useMemo(() => (w ? windowMarks(run, w) : []), [run, w]);
  const lead = useMemo(() => (w ? windowLeadIn(w) : null), [w]);
  return (
    <section ref={section} className="bt-trade-chart" data-testid="bt-trade-chart" data-trade={n} data-status={loaded.status} data-bars={w?.candles.length ?? 0} data-from={w?.candles[0]?.[0]} data-to={w?.candles.at(-1)?.[0]} data-marks={marks.reduce((k, m) => k + m.count, 0)} data-lead-in={lead?.bars ?? 0}>
      <header className="bt-chart-title">
        Trade {n} · {trade.side}
        {trade.symbol !== undefined && ` · ${trade.symbol}`} · {tradeTime(trade.entryTs)} → {trade.closed ? tradeTime(trade.exitTs) : 'open at the end'} ·{' '}
        <span className={trade.pnl > 0 ? 'tick-up' : trade.pnl < 0 ? 'tick-down' : ''}>{pctText(trade.returnPct)}</span>
        <button type="button" className="bt-trade-close" data-testid="bt-trade-close" onClick={onClose} aria-label="Close the trade chart">
          ✕
        </button>
      </header>
      {loaded.status === 'loading' && <p className="bt-hint">Reading the bars around the trade…</p>}
      {loaded.status === 'error' && (
        <p className="bt-error" role="alert">
          {loaded.message}
        </p>
      )}
      {w && (
        <>
          <IndicatorLegend curves={w.indicators} />
          <TradeCandles window={w} trade={trade} marks={marks} />
          {lead && (
            <p className="bt-hint" data-testid="bt-trade-lead-in">
              {leadInCaption(lead)}
            </p>
          )}
          {w.cut && <p className="bt-hint">The trade's first {w.candles.length.toLocaleString('en-US')} bars: it is longer than the chart holds.</p>}
        </>
      )}
    </section>
  );
}

/** The fills of the window's market inside it, on its bars. */
function windowMarks(run: RunResult, w: TradeWindow) {
  const first = w.candles[0]?.[0] ?? 0;
  const last = w.candles.at(-1)?.[0] ?? 0;
  const fills = run.fills.filter((f) => (f.symbol ?? run.request.series.symbol) === w.symbol && f.ts >= first && f.ts <= last);
  return fillMarks(
    w.candles.map(([t, , , , c]) => [t, c] as const),
    fills,
  );
}

function TradeCandles({ window: w, trade, marks }: { window: TradeWindow; trade: RunTrade; marks: ReturnType<typeof fillMarks> }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = makeChart(el.current);
    // Grouped, with the decimals of the stretch's highest price, as the run's price chart.
    const priceFormat = priceFormatFor(w.candles.reduce((hi, c) => Math.max(hi, Math.abs(c[2])), 0));
    // The bars before the range, if the stretch reaches them, on a shaded band under everything else.
    if (w.leadIn > 0) drawLeadInBand(chart, w.candles.slice(0, w.leadIn).map(([t]) => t));
    drawIndicators(chart, w.indicators, priceFormat);
    const candles = chart.addSeries(CandlestickSeries, {
      priceFormat,
      upColor: chartTheme.up,
      downColor: chartTheme.down,
      wickUpColor: chartTheme.up,
      wickDownColor: chartTheme.down,
      borderVisible: false,
      priceLineVisible: false,
      lastValueVisible: false,
    });
    // The lead-in's candles in its grey, whichever way they closed: nothing traded on them.
    const grey = { color: LEAD_LINE, wickColor: LEAD_LINE, borderColor: LEAD_LINE };
    candles.setData(w.candles.map(([t, open, high, low, close], i) => ({ time: (t / 1000) as UTCTimestamp, open, high, low, close, ...(i < w.leadIn && grey) })));
    // Where the trade got in and out, across the stretch: how far the bars went beyond each.
    if (trade.entryPrice !== null) candles.createPriceLine({ price: trade.entryPrice, color: chartTheme.text, lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: true, title: 'entry' });
    if (trade.closed && trade.exitPrice !== null) {
      candles.createPriceLine({ price: trade.exitPrice, color: trade.pnl >= 0 ? chartTheme.up : chartTheme.down, lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: true, title: 'exit' });
    }
    createSeriesMarkers(candles, fillMarkers(marks));
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [w, trade, marks]);
  return <div className="bt-price-chart" ref={el} style={{ height: chartHeight(w.indicators) }} />;
}
