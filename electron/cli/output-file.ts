// The files a command is told to write (--json, --html, --out …), checked before it does its work: a
// ten-minute optimization should not run to its end only to find that its report's folder does not exist.
// Node's own errors at write time ("ENOENT: … open '/x/.r.html.123.tmp'") name a temporary file the user
// never gave; these name the flag, the path as given and what would do instead.
import { accessSync, constants, existsSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { reportTarget } from '../backtest/write-report.ts';

/** A file to write that cannot be: the message says which flag, what is wrong and what would do. */
export class OutputFileError extends Error {}

function statOf(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * Throws an OutputFileError when `file` (an absolute path, given as `flag`) cannot be written: it is a
 * folder (`example` is the file name its message suggests in it), its folder does not exist or is a file, or its folder cannot be written. Whether an existing
 * file may be replaced is the command's own rule (--force), not checked here.
 */
export function checkOutputFile(flag: string, file: string, example: string, how: WriteHow = {}): void {
  const at = statOf(file);
  if (at?.isDirectory()) throw new OutputFileError(`${flag} ${file} is a folder; give a file name in it, e.g. ${join(file, example)}`);
  if (how.report) {
    // writeFilesAtomic writes a device or a pipe (/dev/stdout, >(jq .)) in place: it must take writes itself.
    if (reportTarget(file).stream) {
      try {
        accessSync(file, constants.W_OK);
      } catch {
        throw new OutputFileError(`${flag} ${file} cannot be written by this user`);
      }
      return;
    }
  } else if (at !== null && !at.isFile()) {
    // Written beside it and renamed into place: over a device or a pipe (as root, /dev/stdout itself) the
    // rename would put a plain file where it was.
    throw new OutputFileError(`${flag} ${file} is not a regular file (a device, a pipe or a socket); this command writes a file beside it and renames it into place, which would replace it: give a file name`);
  }
  // A report replaces the file a link names, in that file's folder.
  const dir = dirname(how.report && at !== null ? real(file) : file);
  const folder = statOf(dir);
  if (folder === null) throw new OutputFileError(`${flag} ${file}: the folder ${dir} does not exist; create it first, or give a file in a folder that does`);
  if (!folder.isDirectory()) throw new OutputFileError(`${flag} ${file}: ${dir} is a file, not a folder`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new OutputFileError(`${flag} ${file}: the folder ${dir} cannot be written by this user; give a file in a folder you can write`);
  }
}

/** How the command writes its outputs. */
export interface WriteHow {
  /** Through writeFilesAtomic (the backtest's reports): into a device or a pipe, through a link. */
  report?: boolean;
}

/** The path with its links resolved when it exists (a report named through a link to the data is still the data). */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export interface NamedFile {
  flag: string;
  file: string | undefined;
}

/**
 * Each of the outputs checked; no two of them the same file (the second would overwrite the first), and
 * none of them a file the command reads (`reads`: the --data file, the journal …), which the output would
 * replace. A read's `flag` names it in the message ("the --data file", "the journal file").
 */
export function checkOutputFiles(outputs: readonly (NamedFile & { example: string })[], reads: readonly NamedFile[] = [], how: WriteHow = {}): void {
  const readAt = new Map<string, string>();
  for (const r of reads) if (r.file !== undefined) readAt.set(real(r.file), r.flag);
  const writtenAt = new Map<string, string>();
  for (const o of outputs) {
    if (o.file === undefined) continue;
    const path = real(o.file);
    const read = readAt.get(path);
    if (read !== undefined) throw new OutputFileError(`${o.flag} ${o.file} is the ${read} file this command reads; writing there would replace it, so give another name`);
    const earlier = writtenAt.get(path);
    if (earlier !== undefined) throw new OutputFileError(`${earlier} and ${o.flag} both name ${o.file}; give each report its own file`);
    writtenAt.set(path, o.flag);
    checkOutputFile(o.flag, o.file, o.example, how);
  }
}

/** The journal's files (the database, its WAL and shared memory), which an export must never write over. */
export const journalFiles = (journal: string): NamedFile[] => ['', '-wal', '-shm', '-journal'].map((end) => ({ flag: 'journal', file: journal + end }));

/**
 * A CSV export's --out, past checkOutputFiles: the name ends in .csv (x.json or x.txt would hold CSV under a
 * name its programs misread) and an existing file is replaced only with --force. Both are the command
 * line's to fix: OutputFileError, exit 2, as every other --out refusal.
 */
export function checkCsvOut(file: string, force: boolean): void {
  const ext = extname(file);
  if (ext !== '' && ext.toLowerCase() !== '.csv') throw new OutputFileError(`--out ${file}: the export is CSV, not ${ext}; name it ${file.slice(0, -ext.length)}.csv`);
  if (existsSync(file) && !force) throw new OutputFileError(`${file} exists; pass --force to replace it`);
}
