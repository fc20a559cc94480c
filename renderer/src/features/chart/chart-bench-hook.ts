// window.__keelChartBench: what the chart benchmark and the e2e tests read from inside the page. The
// timings are taken where the work happens (performance.now around each coalesced update), so they
// measure the chart, not the test's round trips. Read-only figures, plus a way to set indicators.
import type { ChartStats } from './chart-view.ts';
import type { IndicatorInstance } from './indicators/indicator-types.ts';

export interface ChartBenchHook {
  /** Milliseconds each coalesced live update took (candles, volume and every indicator), oldest first. */
  updates(): number[];
  /** Forgets the timings so far. */
  reset(): void;
  /** Bars on the chart. */
  bars(): number;
  /** Series, panes, price lines and fill arrows drawn. */
  stats(): ChartStats;
  /** Where `price` sits on the price pane, pixels down from its top (null before there are candles). */
  priceY(price: number): number | null;
  /** How the price axis writes `price` (80,300.00 on a BTC chart). */
  priceText(price: number): string;
  /** Replaces the chart's indicators (and the saved set). */
  setIndicators(list: IndicatorInstance[]): void;
}

declare global {
  interface Window {
    __keelChartBench?: ChartBenchHook;
  }
}

/** Timings kept; a long benchmark reads them as it goes. */
const MAX_SAMPLES = 20_000;

export function createUpdateLog() {
  let samples: number[] = [];
  return {
    record(ms: number) {
      samples.push(ms);
      if (samples.length > MAX_SAMPLES) samples = samples.slice(-MAX_SAMPLES / 2);
    },
    all: () => samples.slice(),
    reset() {
      samples = [];
    },
  };
}

export function installBenchHook(hook: ChartBenchHook): () => void {
  window.__keelChartBench = hook;
  return () => {
    if (window.__keelChartBench === hook) delete window.__keelChartBench;
  };
}
