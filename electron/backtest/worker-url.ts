// Where a backtest worker's entry file is: beside this module as .ts when Node runs the sources (keel
// serve, the CLI, tests), or as .js beside the bundled main process (the desktop app; electron-vite builds
// the workers as entries of their own, electron.vite.config.ts).
export function workerUrl(name: 'run-worker' | 'eval-worker' | 'optimize-worker' | 'run-pool-worker' | 'window-worker'): URL {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, import.meta.url);
}
