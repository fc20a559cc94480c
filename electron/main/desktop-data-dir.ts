// Which data directory the desktop app opens: the same rule as `keel serve` and `keel import`
// (--data-dir, then KEEL_DATA_DIR, then the platform default), so a CSV imported from the command line
// is on the chart when the app starts. Chromium's own profile stays in Electron's userData folder.
import path from 'node:path';

export function desktopDataDir(options: { argv: readonly string[]; env: NodeJS.ProcessEnv; cwd: string; fallback: () => string }): string {
  const { argv, env, cwd, fallback } = options;
  let fromArgs: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--data-dir=')) fromArgs = arg.slice('--data-dir='.length);
    else if (arg === '--data-dir' && i + 1 < argv.length) fromArgs = argv[++i];
  }
  const chosen = fromArgs || env.KEEL_DATA_DIR || fallback();
  return path.resolve(cwd, chosen);
}
