// Switching what the chart shows. A stored series just loads from the journal; a streaming market
// (live or simulated) is first made the engine's active market (market.select), which the paper
// broker then trades against, and only then shown. The chart also follows the engine when its
// active market changes elsewhere (another window, start-up).
import type { Api, MarketStatus } from '../../../../../shared/contract/index.ts';
import type { SeriesKey } from '../../../../../shared/domain/candle.ts';
import { sameSeries } from '../../../lib/series-key.ts';
import { reportError } from '../../../state/notices-store.ts';
import { showOnChart, useChart } from '../chart-store.ts';
import { selectSeries } from '../series-actions.ts';
import { useSeries } from '../series-store.ts';
import type { PickSource } from './market-choices.ts';

/** Shows a streaming market the engine is already serving. */
export function showMarket(series: SeriesKey, source: 'live' | 'simulated'): void {
  useSeries.setState({ selected: series });
  showOnChart(series, null, source);
}

export async function chooseMarket(api: Api, source: PickSource, series: SeriesKey): Promise<void> {
  if (source === 'stored') {
    selectSeries(series);
    return;
  }
  try {
    await api.commands['market.select']({ source, exchange: series.exchange, symbol: series.symbol, timeframe: series.timeframe });
    lastEngineMarket = keyOf(source, series);
    showMarket(series, source);
  } catch (err) {
    reportError(`Switch to ${series.symbol} ${series.timeframe} (${source})`, err);
  }
}

let lastEngineMarket: string | null = null;
const keyOf = (source: string, s: SeriesKey) => `${source}|${s.exchange}|${s.symbol}|${s.timeframe}`;

/**
 * The engine reported its market. When it changed to another streaming market (start-up's choice,
 * another window's switch, the market a stopped replay returns to), the chart follows it. A replay is
 * left to the replay controls, and the same market reporting a new health is not a change (unless
 * `force`: after a replay the controls put the stored series back, and the engine's market wins).
 */
export function followEngine(status: Pick<MarketStatus, 'source' | 'exchange' | 'symbol' | 'timeframe'>, force = false): void {
  const { source, exchange, symbol, timeframe } = status;
  if (source === null || exchange === null || symbol === null || timeframe === null) {
    lastEngineMarket = null;
    return;
  }
  const series = { exchange, symbol, timeframe };
  const key = keyOf(source, series);
  if (key === lastEngineMarket && !force) return;
  lastEngineMarket = key;
  if (source === 'replay') return;
  const request = useChart.getState().request;
  if (request && request.source === source && sameSeries(request.series, series)) return;
  showMarket(series, source);
}
