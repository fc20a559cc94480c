// How long a first look at a trader's strategy file may take (import-probe.ts), in a file of its own: the
// stall watch (electron/backtest/stall-watch.ts) gives a worker's load of the file the same, and importing
// it from the probe would pull the probe's threads into everything that imports the watch (the page's tests too).
export const PROBE_BUDGET_MS = 5_000;
