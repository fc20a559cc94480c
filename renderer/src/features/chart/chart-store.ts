// What the chart shows and what it holds, for the chart itself and for the bars that report on it.
import { create } from 'zustand';
import type { SeriesKey } from '../../../../shared/domain/candle.ts';
import { EMPTY_TALLY, type Tally } from './candle-tally.ts';
import type { FeedReport } from './chart-feed.ts';

/** Where the candles on screen came from: the journal as stored, or a feed (replayed, simulated, live). */
export type DataSource = 'stored' | 'replay' | 'simulated' | 'live';

export interface ChartRequest {
  /** Grows with every request, so the chart can tell a new one from a repeat. */
  id: number;
  series: SeriesKey;
  /** Show the candles closed by this market time (a replay's clock); null shows the latest stored. */
  until: number | null;
  source: DataSource;
}

export type ChartPhase = 'idle' | 'loading' | 'ready' | 'error';

/** The loaded window of history, for the chart's paging indicator and its "latest" button. */
export interface HistoryState {
  /** A page of history is on its way: older (scrolled to the left edge) or newer (back towards live). */
  paging: 'older' | 'newer' | null;
  /** Nothing older is stored. */
  reachedStart: boolean;
  /** The newest bar is on the chart, so live candles draw; false after older history pushed the newest out. */
  atLiveEdge: boolean;
  /** Open time of the oldest bar on the chart. */
  firstTime: number | null;
}

export const INITIAL_HISTORY: HistoryState = { paging: null, reachedStart: false, atLiveEdge: true, firstTime: null };

/** Which way the last price moved on its latest change. */
export type TickDirection = 'up' | 'down' | 'flat';

interface ChartState {
  request: ChartRequest | null;
  phase: ChartPhase;
  tally: Tally;
  source: DataSource | null;
  tick: TickDirection;
  history: HistoryState;
}

export const useChart = create<ChartState>()(() => ({
  request: null,
  phase: 'idle',
  tally: EMPTY_TALLY,
  source: null,
  tick: 'flat',
  history: INITIAL_HISTORY,
}));

let nextRequestId = 1;

/** Points the chart at a series; the chart component loads it. */
export function showOnChart(series: SeriesKey, until: number | null, source: DataSource): void {
  useChart.setState({ request: { id: nextRequestId++, series, until, source } });
}

/** Takes in what the feed reports; a fresh history resets the tick direction. */
export function applyFeedReport(report: FeedReport): void {
  useChart.setState((s) => {
    const price = report.tally?.lastPrice ?? null;
    const before = s.tally.lastPrice;
    let tick = s.tick;
    if (report.phase === 'ready' || report.phase === 'loading') tick = 'flat';
    else if (price !== null && before !== null && price !== before) tick = price > before ? 'up' : 'down';
    return { ...report, tick };
  });
}
