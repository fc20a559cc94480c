// An export written under `FILE.partial-PID` and renamed into place at the end, so a failed export leaves
// no half file under the name asked for. Ctrl+C is the one way out that cleans nothing: the export runs
// synchronously, so a SIGINT handler would not run until it ended, and without one Node stops at once. The
// partial files of exports that stopped that way are swept by the next export to the same name instead.
import { appendFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { processRunning } from '../risk/control/control-client.ts';

/** Calls `fill` with an append to `file`'s partial file and renames it to `file` when `fill` returns. */
export function writeThroughPartial<T>(file: string, fill: (append: (chunk: string) => void) => T): T {
  removeStalePartials(file);
  const partial = `${file}.partial-${process.pid}`;
  try {
    writeFileSync(partial, '');
    const result = fill((chunk) => appendFileSync(partial, chunk));
    renameSync(partial, file);
    return result;
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

/**
 * Removes `file`'s partial files (`FILE.partial-PID`) whose process no longer runs: exports to that name
 * interrupted by Ctrl+C or a kill. One of a running process (an export to the same name under way) is
 * kept. Returns the names removed.
 */
export function removeStalePartials(file: string): string[] {
  const dir = dirname(file);
  const prefix = `${basename(file)}.partial-`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // the folder is checked (and refused in words) before this
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (!/^\d+$/.test(name.slice(prefix.length)) || !Number.isSafeInteger(pid) || pid <= 0) continue;
    // This process's own is a leftover too: it has not started writing yet.
    if (pid !== process.pid && processRunning(pid)) continue;
    try {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // Not ours to remove (another user's): it stays, and the export goes on.
    }
  }
  return removed;
}
