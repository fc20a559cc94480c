// Reports are written whole or not at all: into temporary files beside the targets, then renamed over
// them, so a run that fails (or is interrupted) never leaves a half-written report behind. A run's reports
// (--json, --html, --trades-csv) go as a set: every one is written before any is renamed into place, so
// a full disk at the HTML does not leave the JSON of the same run looking like a finished one.
// (The CLI checks the targets before the run too; this is for what changed on disk meanwhile.)
//
// Two kinds of target are not renamed over. A device or a pipe (--json /dev/stdout, --json >(jq .)) is
// written into: a file renamed over /dev/stdout replaced the device itself, for every later process (a
// user who may write /dev, root, did that), and a pipe cannot take a rename at all. A link to a file is
// written through: its target is replaced and the link stays (a `latest.json` that points into a folder
// of reports still points there).
import { realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface ReportFile {
  file: string;
  text: string;
}

const tmpOf = (file: string, k: number) => join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.${k}.tmp`);

const PROCESS_STREAM = /^\/(dev\/(stdout|stderr|fd\/\d+)|proc\/(self|\d+)\/fd\/\d+)$/;

/**
 * Where a report goes: `stream` when it is written straight into the target (a device, a pipe, or a
 * name for one of the process's own streams, /dev/stdout or /dev/fd/3, whatever it is redirected to);
 * otherwise the file a rename replaces, through any links.
 */
export function reportTarget(file: string): { path: string; stream: boolean } {
  // /dev/stdout, /dev/fd/N and /proc/self/fd/N name what the stream is now: a terminal, a pipe, or a file
  // the shell opened (> out.txt), which a rename would unlink from under the very output it holds.
  if (PROCESS_STREAM.test(file)) return { path: file, stream: true };
  const at = statSync(file, { throwIfNoEntry: false });
  if (at !== undefined && !at.isFile() && !at.isDirectory()) return { path: file, stream: true };
  if (at?.isFile()) {
    try {
      return { path: realpathSync(file), stream: false };
    } catch {
      // Gone between the two calls: the name as given.
    }
  }
  return { path: file, stream: false };
}

/** The descriptor of this process a name stands for (/dev/stdout: 1, /dev/fd/3: 3), or null. */
function ownDescriptor(file: string): number | null {
  if (file === '/dev/stdout') return 1;
  if (file === '/dev/stderr') return 2;
  const m = /^\/(?:dev\/fd|proc\/(?:self|(\d+))\/fd)\/(\d+)$/.exec(file);
  if (m === null || (m[1] !== undefined && Number(m[1]) !== process.pid)) return null;
  return Number(m[2]);
}

/**
 * A report written into a stream. One of this process's own descriptors is written as it stands, where
 * it stands: opening /dev/stdout anew fails on a socket (ENXIO: a parent that spawned Keel with pipes
 * gives it one), and on a file the shell opened (> out.txt) would start again at its first byte, over
 * the summary. Anything else (a named pipe, a device) is opened and written.
 */
function writeStream(file: string, text: string): void {
  const fd = ownDescriptor(file);
  if (fd === null) {
    writeFileSync(file, text, { flag: 'a' });
    return;
  }
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (err) {
      // A non-blocking pipe or socket whose reader has not caught up: wait a little and go on.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(PAUSE, 0, 0, 5);
    }
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * A report that could not be written: `file` as the caller gave it (not the temporary file beside it, which
 * the trader never named), `reason` what the system said, in words and its code.
 */
export class ReportWriteError extends Error {
  readonly file: string;
  readonly reason: string;
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'ReportWriteError';
    this.file = file;
    this.reason = reason;
  }
}

/** "no space left on device (ENOSPC)" from Node's "ENOSPC: no space left on device, write '/x/.r.html.1.tmp'". */
function reasonOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as NodeJS.ErrnoException).code;
  const words = code === undefined ? null : new RegExp(`^${code}: (.*?), \\w+(?: '.*')?$`).exec(err.message)?.[1];
  return words ? `${words} (${code})` : err.message;
}

/** Runs one step of writing `file`, its failure a ReportWriteError naming it. */
function step(file: string, act: () => void): void {
  try {
    act();
  } catch (err) {
    throw err instanceof ReportWriteError ? err : new ReportWriteError(file, reasonOf(err));
  }
}

/** Writes every report or none; a failure throws a ReportWriteError naming the report. */
export function writeFilesAtomic(reports: readonly ReportFile[]): void {
  const targets = reports.map((r) => ({ ...reportTarget(r.file), text: r.text, given: r.file }));
  const files = targets.filter((t) => !t.stream);
  const tmps = files.map((t, k) => tmpOf(t.path, k));
  let renamed = 0;
  try {
    files.forEach((t, k) => step(t.given, () => writeFileSync(tmps[k]!, t.text)));
    // A rename beside its own temporary file fails only over a folder: that is found before any lands.
    for (const t of files) if (statSync(t.path, { throwIfNoEntry: false })?.isDirectory()) throw new ReportWriteError(t.given, t.path === t.given ? 'it is a folder' : `${t.path} is a folder`);
    // Streams take their text before any file lands: one that cannot be written stops the set too.
    for (const t of targets) if (t.stream) step(t.given, () => writeStream(t.path, t.text));
    for (; renamed < files.length; renamed++) step(files[renamed]!.given, () => renameSync(tmps[renamed]!, files[renamed]!.path));
  } catch (err) {
    for (let k = renamed; k < tmps.length; k++) rmSync(tmps[k]!, { force: true });
    throw err;
  }
}
