#!/usr/bin/env node
// The `keel` command. Keel's engine is TypeScript that Node runs as it is (type stripping),
// so this shim only checks the Node version and hands over to electron/cli/keel.ts.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`keel: Node ${process.versions.node} is too old; Keel needs Node 22.12 or newer (24 recommended, see .nvmrc).\n`);
  process.exit(1);
}

const entry = new URL('../electron/cli/keel.ts', import.meta.url);
if (process.features.typescript) {
  const { main } = await import(entry.href);
  process.exitCode = await main(process.argv.slice(2));
} else {
  // Node 22.12 to 22.17 strip types only when asked.
  const r = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', fileURLToPath(new URL('../electron/cli/run.ts', import.meta.url)), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
