#!/usr/bin/env node
// Runs npm scripts side by side and fails if any fails: `node scripts/run-parallel.mjs typecheck:node lint`.
// The checks before the tests (three TypeScript projects, ESLint, the renderer's build) are each one
// single-threaded process; one after another they left a core idle for a minute of every `npm test`.
// Each script's output is held and printed whole when it ends, so two scripts' lines never interleave.
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  process.stderr.write('usage: node scripts/run-parallel.mjs SCRIPT [SCRIPT ...] (names of package.json scripts)\n');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(npm, ['run', script], { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    const out = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => out.push(b));
    child.on('error', (err) => out.push(Buffer.from(`${err.message}\n`)));
    child.on('close', (code, signal) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const status = code === 0 ? 'ok' : signal ? `killed by ${signal}` : `failed (exit ${code})`;
      process.stdout.write(`> ${script}: ${status}, ${seconds} s\n`);
      const text = Buffer.concat(out).toString('utf8');
      if (text.trim() !== '') process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(scripts.map(run));
const failed = scripts.filter((_, i) => !results[i]);
if (failed.length > 0) {
  process.stderr.write(`failed: ${failed.join(', ')}\n`);
  process.exit(1);
}
