import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Three projects: unit (pure and in-process), integration (real files, real servers on 127.0.0.1,
// child processes) and e2e (Playwright driving Debian's Chromium against `keel serve`).
export default defineConfig({
  test: {
    // No test opens a live exchange because the machine happens to have a network: tests that want a
    // market source (simulated, or live against the local Binance server) ask for it. Child processes
    // (keel serve, keel import) inherit this.
    env: { KEEL_MARKET: 'none' },
    // At least two files at once, where vitest's default (cores - 1) would run one at a time on a
    // two-core machine: most integration and e2e time is spent waiting on child processes, local servers
    // and the browser. Browser files share the workers with the rest (each opens its own keel serve on
    // its own port and data directory, and its own Chromium profile): kept one at a time, they ran as a
    // group of their own after everything else, ~325 s of the suite's ~660 s there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      // 30 s, not vitest's 5: a property test of a few thousand random upserts takes 3 s alone and twice
      // that beside a browser file on two cores, and a timeout there says nothing about the code.
      // The renderer's components use React's automatic JSX runtime (as tsconfig.web.json and the renderer's
      // build do), so a unit test may render one with react-dom/server.
      // Child processes (vitest's default pool), not worker threads: threads were measured faster on two
      // cores (122 s against 136 s), but every test file's thread shares one process's V8, and its registry
      // of JIT pages races when threads compile and drop code at once (WebAssembly included: Node's own
      // module lexer is one). A CI run died of it, the whole suite with it ("Check failed:
      // jit_page.has_value()", SIGTRAP; nodejs/node#64500). A process per worker has a V8 of its own.
      // One process serves many unit files (isolate: false): a fresh process per file spent 54 s of the
      // unit run's 126 s loading zod, React and the engine again; sharing, the run took 71-76 s. Each file
      // still gets fresh copies of Keel's own modules (tests/unit/fresh-modules.ts), so no registry, store
      // or vi.mock passes from one file to the next; the files passed in six different orders so.
      { esbuild: { jsx: 'automatic' }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000, pool: 'forks', isolate: false, setupFiles: ['tests/unit/fresh-modules.ts'] } },
      { test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // What the page shows after the engine has worked (a run's trade window, a report) can take
          // seconds beside another test file on two cores; vitest's 1 s poll failed such checks there.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
