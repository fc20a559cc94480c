// Where in the trader's own code an error happened: the first frame of its stack in their strategy file,
// as " (at my-strategy.ts:12:5)" to put after the error's message, or "" when no frame is in the file.
// Only frames count: the message's own line may name the file too. When a helper of theirs beside the
// file (an import from the same folder, such as _helpers.mjs) threw, called from the file, both are named:
// the file's line alone pointed at the call, where nothing is wrong.
import { basename, dirname, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Keel's own folders: frames there are the engine's, even when a strategy file sits above them. */
const KEEL_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KEEL_CODE = ['electron', 'shared', 'out', 'node_modules'].map((d) => `${KEEL_ROOT}${d}${sep}`);

export function atLineOf(err: Error, file: string): string {
  const href = pathToFileURL(file).href;
  const frames = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  const own = frames.findIndex((l) => l.includes(file) || l.includes(href));
  if (own < 0) return '';
  const here = `${basename(file)}${positionOf(frames[own]!)}`;
  const folder = dirname(file) + sep;
  for (let k = 0; k < own; k++) {
    const path = pathOf(frames[k]!);
    if (path === null || !path.startsWith(folder) || path.includes(`${sep}node_modules${sep}`) || KEEL_CODE.some((d) => path.startsWith(d))) continue;
    return ` (at ${relative(dirname(file), path)}${positionOf(frames[k]!)}, called from ${here})`;
  }
  return ` (at ${here})`;
}

/** ":12:5" of a frame, or "" when it has none. */
function positionOf(frame: string): string {
  const pos = /:(\d+:\d+)\)?\s*$/.exec(frame)?.[1];
  return pos === undefined ? '' : `:${pos}`;
}

/** The file a frame is in, as a path (a file: URL's query, such as the reload's ?mtime=, dropped); null for node: and native frames. */
function pathOf(frame: string): string | null {
  const where = /\(([^()]+):\d+:\d+\)\s*$/.exec(frame)?.[1] ?? /^\s+at ([^\s()]+):\d+:\d+\s*$/.exec(frame)?.[1];
  if (where === undefined) return null;
  if (where.startsWith('file://')) {
    try {
      return fileURLToPath(where.replace(/\?[^/]*$/, ''));
    } catch {
      return null;
    }
  }
  return where.startsWith('/') || /^[A-Za-z]:\\/.test(where) ? where : null;
}
