// Where a running Keel's control channel is: a JSON file in the data directory with the port it listens
// on (127.0.0.1 only) and the token a caller must present. The file is created 0600 (owner only): being
// able to read it is what proves the caller is the user who runs Keel. Written atomically (temporary file,
// then rename) so a reader never sees half a file; removed on a clean stop.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const CONTROL_FILE = 'control.json';

export interface ControlInfo {
  port: number;
  token: string;
  pid: number;
  shell: 'electron' | 'browser';
}

export function controlFilePath(dataDir: string): string {
  return path.join(dataDir, CONTROL_FILE);
}

export function newToken(): string {
  return randomBytes(32).toString('hex');
}

export function writeControlFile(dataDir: string, info: ControlInfo): string {
  const file = controlFilePath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(info) + '\n', { mode: 0o600 });
  // The mode given to writeFileSync is filtered by the umask; say it again.
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return file;
}

export type ControlFileRead = { ok: true; info: ControlInfo } | { ok: false; reason: string };

export function readControlFile(dataDir: string): ControlFileRead {
  const file = controlFilePath(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { ok: false, reason: `no running Keel uses ${dataDir} (no ${CONTROL_FILE} there); start Keel, or pass the --data-dir it uses` };
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    return { ok: false, reason: `${file} may be read by other users (mode ${(statSync(file).mode & 0o777).toString(8)}); Keel writes it 0600, so it was changed or is not Keel's` };
  }
  try {
    const info = JSON.parse(text) as Partial<ControlInfo>;
    if (!Number.isInteger(info.port) || typeof info.token !== 'string' || !Number.isInteger(info.pid)) throw new Error('fields missing');
    return { ok: true, info: info as ControlInfo };
  } catch {
    return { ok: false, reason: `${file} is not a Keel control file` };
  }
}

/** Removes the file if it is still the one this process wrote (another Keel may have replaced it). */
export function removeControlFile(dataDir: string, token: string): void {
  const r = readControlFile(dataDir);
  if (r.ok && r.info.token === token) rmSync(controlFilePath(dataDir), { force: true });
}
