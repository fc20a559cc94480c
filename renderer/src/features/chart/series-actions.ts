// Listing the stored series (again when a file is imported) and choosing one to look at.
import type { Api } from '../../../../shared/contract/index.ts';
import type { SeriesKey } from '../../../../shared/domain/candle.ts';
import { keyOf, sameSeries } from '../../lib/series-key.ts';
import { reportError } from '../../state/notices-store.ts';
import { showOnChart, useChart } from './chart-store.ts';
import { useSeries } from './series-store.ts';

/**
 * Asks the journal what it holds. Keeps the current choice if it still exists (or is a streaming
 * market, which the journal need not hold), else picks the first.
 */
export async function refreshSeries(api: Api): Promise<void> {
  try {
    const { series } = await api.commands['market.series']({});
    const current = useSeries.getState().selected;
    const streaming = ['live', 'simulated'].includes(useChart.getState().request?.source ?? '');
    const keep = current !== null && (streaming || series.some((s) => sameSeries(s, current)));
    useSeries.setState({ list: series });
    const first = series[0];
    if (!keep && first) selectSeries(keyOf(first));
  } catch (err) {
    // An empty list would tell the user to import data they may already have; leave it unknown.
    reportError('List stored series', err);
  }
}

/** Shows a series' latest stored candles. */
export function selectSeries(series: SeriesKey): void {
  useSeries.setState({ selected: series });
  showOnChart(series, null, 'stored');
}

/** A file imported from the chart's market picker: its series listed, and shown. */
export async function showImportedSeries(api: Api, series: SeriesKey): Promise<void> {
  await refreshSeries(api);
  selectSeries(series);
}

/** Lists the stored series again whenever a file is imported, here or in another window; returns the unsubscribe. */
export function followStoredSeries(api: Api): () => void {
  return api.events['market.imported'](() => void refreshSeries(api));
}
