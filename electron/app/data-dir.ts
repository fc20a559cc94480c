// Where Keel keeps its data when no --data-dir or KEEL_DATA_DIR says otherwise: the platform's
// per-user application-data folder, so the journal survives reinstalls and is backed up with the profile.
import { homedir } from 'node:os';
import path from 'node:path';

export interface DataDirContext {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

const hostContext = (): DataDirContext => ({ platform: process.platform, env: process.env, home: homedir() });

/** `$XDG_DATA_HOME/keel` or `~/.local/share/keel` on Linux, `~/Library/Application Support/Keel` on macOS, `%APPDATA%\Keel` on Windows. */
export function defaultDataDir(ctx: DataDirContext = hostContext()): string {
  const { platform, env, home } = ctx;
  if (platform === 'win32') return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'Keel');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'Keel');
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  return path.posix.join(xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.local', 'share'), 'keel');
}

/** The journal (SQLite) inside a data directory. */
export function journalPath(dataDir: string): string {
  return path.join(dataDir, 'journal.sqlite');
}
