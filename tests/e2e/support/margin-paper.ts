// A data directory whose paper account is a margin account, which strategies that may short need: the
// openKeel `prepare` step that opens it so (tests/support/margin-paper-account.ts, in a child process)
// before keel serve first starts.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths.ts';

const run = promisify(execFile);

export async function marginPaperAccount(dataDir: string): Promise<void> {
  const script = path.join(repoRoot, 'tests', 'support', 'margin-paper-account.ts');
  // Node 22.12 to 22.17 strip types only when asked.
  const strip = process.features.typescript ? [] : ['--experimental-strip-types'];
  await run(process.execPath, [...strip, '--no-warnings', script, dataDir], { cwd: repoRoot, timeout: 30_000 });
}
