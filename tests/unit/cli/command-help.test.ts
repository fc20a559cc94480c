// `keel <command> --help`: every command answers with what it does and its usage on stdout, exit 0; before,
// import, export, kill, serve and bench refused it as an unknown option (exit 2, on stderr).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../../electron/cli/keel.ts';
import type { CliIo } from '../../../electron/cli/io.ts';

function captured(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = mkdtempSync(join(tmpdir(), 'keel-help-'));
  const io: CliIo = { out: (s) => void out.push(s), err: (s) => void err.push(s), env: { KEEL_DATA_DIR: join(cwd, 'data') }, cwd };
  return { io, out, err };
}

describe('keel COMMAND --help', () => {
  for (const name of ['import', 'export', 'kill', 'serve', 'bench']) {
    it(`keel ${name} --help prints its summary and usage and exits 0`, async () => {
      const { io, out, err } = captured();
      expect(await main([name, '--help'], io)).toBe(0);
      expect(err).toEqual([]);
      expect(out.join('\n')).toBe(`keel ${name}: ${COMMANDS[name]!.summary}\nusage: ${COMMANDS[name]!.usage}`);
      const short = captured();
      expect(await main([name, '-h'], short.io)).toBe(0);
      expect(short.out).toEqual(out);
    });
  }

  it('leaves a --help after -- to the command (a file may be named so)', async () => {
    const { io, out, err } = captured();
    expect(await main(['import', '--', '--help'], io)).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([`keel import: ${join(io.cwd, '--help')}: no such file`]);
  });
});
