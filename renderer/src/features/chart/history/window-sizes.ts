// How much history the chart asks for at a time.
import { MAX_CANDLES_PER_CALL } from '../../../../../shared/contract/index.ts';
import { MAX_BARS } from './candle-window.ts';

/**
 * The first load of a series: as much as the window holds, so a stored series opens with weeks of
 * 1m bars and the status bar's count reads the same as before windows existed (20,000).
 */
export const INITIAL_WINDOW = Math.min(MAX_BARS, MAX_CANDLES_PER_CALL);
/** Each step back (or forward, when detached) as the user scrolls near an edge. */
export const PAGE_WINDOW = 5_000;
/** How close (in bars) the visible range may come to an edge of the loaded bars before the next page loads. */
export const EDGE_BARS = 120;
