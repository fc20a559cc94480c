// Reports are written whole or not at all: into temporary files beside the targets, then renamed over
// them, so a run that fails (or is interrupted) never leaves a half-written report behind. A run's reports
// (--json, --html, --trades-csv) go as a set: every one is written before any is renamed into place, so
// a full disk at the HTML does not leave the JSON of the same run looking like a finished one.
// (The CLI checks the targets before the run too; this is for what changed on disk meanwhile.)
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface ReportFile {
  file: string;
  text: string;
}

const tmpOf = (file: string, k: number) => join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.${k}.tmp`);

export function writeFilesAtomic(reports: readonly ReportFile[]): void {
  const tmps = reports.map((r, k) => tmpOf(r.file, k));
  let renamed = 0;
  try {
    reports.forEach((r, k) => writeFileSync(tmps[k]!, r.text));
    // A rename beside its own temporary file fails only over a folder: that is found before any lands.
    for (const r of reports) if (statSync(r.file, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${r.file} is a folder`);
    for (; renamed < reports.length; renamed++) renameSync(tmps[renamed]!, reports[renamed]!.file);
  } catch (err) {
    for (let k = renamed; k < tmps.length; k++) rmSync(tmps[k]!, { force: true });
    throw err;
  }
}
