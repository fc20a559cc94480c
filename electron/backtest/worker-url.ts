// Where a worker thread's entry file is: its source (.ts) when Node runs the sources (keel serve, the CLI,
// tests), or the .js electron-vite built beside the bundled main process (the desktop app). The build
// makes every entry in WORKER_ENTRIES an entry of its own and writes every file, shared chunks too, flat
// into out/main (electron.vite.config.ts): so whichever built file this code lands in, `./<name>.js`
// beside it is the worker. A worker missing from the list is not built, and the desktop app would fail
// to start it (tests/integration/desktop-build.test.ts builds the app and checks each one).

/** Each worker thread's name (its built file's) and its source file, from electron/. */
export const WORKER_ENTRIES = {
  'run-worker': 'backtest/run-worker.ts',
  'eval-worker': 'backtest/eval-worker.ts',
  'optimize-worker': 'backtest/optimize-worker.ts',
  'run-pool-worker': 'backtest/run-pool-worker.ts',
  'window-worker': 'backtest/window-worker.ts',
  'strategy-worker': 'strategies/strategy-worker.ts',
  'strategy-probe-worker': 'strategies/strategy-probe-worker.ts',
  'strategy-relay-worker': 'strategies/strategy-relay-worker.ts',
  'fills-export-worker': 'journal/fills-export-worker.ts',
  // Not a worker thread but a process's entry (code-host.ts), built and found the same way.
  'code-host-process': 'strategies/code-host-process.ts',
  // The process the engine reaches the OS keychain through (secrets/child-keychain.ts), likewise.
  'keychain-host': 'secrets/keychain-host.ts',
} as const;

export type WorkerName = keyof typeof WORKER_ENTRIES;

export function workerUrl(name: WorkerName): URL {
  if (import.meta.url.endsWith('.ts')) return new URL(`../${WORKER_ENTRIES[name]}`, import.meta.url);
  return new URL(`./${name}.js`, import.meta.url);
}
