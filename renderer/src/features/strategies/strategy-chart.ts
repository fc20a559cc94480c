// A running strategy's indicators on the terminal's chart, as chart indicators of the same kind and
// parameters (its two SMAs as the chart's SMA 2 and SMA 5, its Bollinger band as the chart's BB), so the
// trader watching the chart sees what the strategy acts on. The ones the chart already shows are not added
// twice; an indicator of another bar field than the close (an SMA of the volume) or on a longer timeframe
// than the strategy's bars (an SMA of 4h closes) has no chart twin and is left out, and the message says so.
import type { RunningStrategy, StrategyIndicator } from '../../../../shared/contract/commands/strategy.ts';
import { addIndicator, useIndicators } from '../chart/indicators/indicator-store.ts';
import { instanceLabel } from '../chart/indicators/indicator-catalog.ts';
import type { IndicatorKind } from '../chart/indicators/indicator-types.ts';

export interface ChartTwin {
  kind: IndicatorKind;
  params: Record<string, number>;
}

/** The chart indicators a strategy's declared ones are, each once (a band's lines are one band), and those without one. */
export function chartTwins(uses: readonly StrategyIndicator[]): { twins: ChartTwin[]; without: StrategyIndicator[] } {
  const twins: ChartTwin[] = [];
  const without: StrategyIndicator[] = [];
  for (const u of uses) {
    const twin = twinOf(u);
    if (!twin) without.push(u);
    else if (!twins.some((t) => sameIndicator(t, twin))) twins.push(twin);
  }
  return { twins, without };
}

function twinOf(u: StrategyIndicator): ChartTwin | null {
  const period = u.params.period;
  // The chart computes its indicators on the bars it shows, not on a longer timeframe's.
  if (period === undefined || (u.timeframe ?? null) !== null) return null;
  switch (u.name) {
    case 'sma':
    case 'ema':
    case 'wma':
    case 'rsi':
      return u.source === 'c' ? { kind: u.name, params: { period } } : null;
    case 'atr':
    case 'donchian':
      return { kind: u.name, params: { period } };
    case 'bollinger':
      return u.source === 'c' ? { kind: 'bollinger', params: { period, mult: u.params.mult ?? 2 } } : null;
    default:
      return null;
  }
}

const sameIndicator = (a: ChartTwin, b: ChartTwin) => a.kind === b.kind && Object.entries(b.params).every(([k, v]) => a.params[k] === v);

/** Adds the strategy's indicators the chart does not show yet; what to tell the trader. */
export function chartStrategyIndicators(r: RunningStrategy, chart: { symbol: string | null; timeframe: string | null }): { kind: 'ok' | 'error'; text: string } {
  const { twins, without } = chartTwins(r.indicators);
  const shown = useIndicators.getState().list;
  const added: string[] = [];
  const already: string[] = [];
  let full = false;
  for (const t of twins) {
    const label = instanceLabel({ id: '', kind: t.kind, params: t.params });
    if (shown.some((i) => sameIndicator({ kind: i.kind, params: i.params }, t))) already.push(label);
    else if (addIndicator(t.kind, t.params)) added.push(label);
    else full = true;
  }
  const parts: string[] = [];
  if (added.length > 0) parts.push(`${added.join(', ')} added to the chart`);
  if (already.length > 0) parts.push(`${already.join(', ')} already on it`);
  if (full) parts.push('the chart holds no more indicators: remove one first');
  if (without.length > 0) parts.push(`${without.map((u) => `${u.name} of ${u.source}${u.timeframe ? ` on ${u.timeframe}` : ''}`).join(', ')} has no chart indicator`);
  if (twins.length === 0 && without.length === 0) parts.push(`${r.id} declares no indicators`);
  const other = chart.symbol !== null && (chart.symbol !== r.series.symbol || chart.timeframe !== r.series.timeframe);
  if (other && added.length + already.length > 0) parts.push(`the chart shows ${chart.symbol} ${chart.timeframe}, ${r.id} trades ${r.series.symbol} ${r.series.timeframe}`);
  return { kind: full && added.length === 0 ? 'error' : 'ok', text: `${r.id}: ${parts.join('; ')}` };
}
