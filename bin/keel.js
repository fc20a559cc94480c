#!/usr/bin/env node
// The `keel` command. Keel's engine is TypeScript that Node runs as it is (type stripping),
// so this shim only checks the Node version and hands over to electron/cli/keel.ts.
import { spawnSync } from 'node:child_process';
// The namespace, not named imports: a name an old Node lacks would fail the whole file at link time,
// before the version check below could say what is wrong.
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`keel: Node ${process.versions.node} is too old; Keel needs Node 22.12 or newer (24 recommended, see .nvmrc).\n`);
  process.exit(1);
}

// Every run of keel strips the types of a few hundred files and compiles them before it does anything;
// Node's compile cache keeps both on disk (keyed by each file's content, so an edited file is compiled
// afresh), which takes about a third off a short command's time. Worker threads and child processes
// (searches, strategy threads, the host for a trader's own code) inherit it through the environment.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off; NODE_COMPILE_CACHE=DIR moves it.
nodeModule.enableCompileCache?.();
const cacheDir = nodeModule.getCompileCacheDir?.();
if (cacheDir !== undefined && process.env.NODE_COMPILE_CACHE === undefined) process.env.NODE_COMPILE_CACHE = cacheDir;

const entry = new URL('../electron/cli/keel.ts', import.meta.url);
if (process.features.typescript) {
  const { main } = await import(entry.href);
  process.exitCode = await main(process.argv.slice(2));
} else {
  // Node 22.12 to 22.17 strip types only when asked.
  const r = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', fileURLToPath(new URL('../electron/cli/run.ts', import.meta.url)), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
