// `keel` under a Node older than Keel needs (the machine's own Node 20, as a new user may have first on
// PATH): one line saying which Node it found and which it needs, exit 1. The shim's imports must load on
// that Node for the check to run at all: a named import an old Node lacks fails the whole file at link
// time with a SyntaxError about node:module, which says nothing about versions.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const KEEL = path.resolve(import.meta.dirname, '..', '..', 'bin', 'keel.js');

/** A node binary older than 22.12 on this machine (PATH, then the system's), or null. */
function oldNode(): { bin: string; version: string } | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/local/bin'];
  for (const dir of new Set(dirs)) {
    const bin = path.join(dir, 'node');
    if (!dir || !existsSync(bin)) continue;
    const r = spawnSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    const version = r.stdout?.trim() ?? '';
    const [major, minor] = version.split('.').map(Number);
    if (r.status === 0 && (major! < 22 || (major === 22 && minor! < 12))) return { bin, version };
  }
  return null;
}

const old = oldNode();

describe('keel on a Node that is too old', () => {
  it.runIf(old !== null)('names the Node it found and the one it needs, and exits 1', () => {
    const r = spawnSync(old!.bin, [KEEL, 'backtest', '--help'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toContain(`keel: Node ${old!.version} is too old; Keel needs Node 22.12 or newer`);
    expect(r.stderr).not.toContain('SyntaxError');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(1);
  });
});
