// Set up before each unit test file. The unit files share their worker processes (isolate: false in
// vitest.config.ts: a process per file spent most of the unit run loading zod, React and the engine again),
// so each file starts from fresh copies of Keel's own modules: a registry, a store or a vi.mock that one
// file leaves behind is not the next file's. Packages under node_modules stay loaded (they hold no state a
// test sets); what a file may change in them, or in the process, is put back when it ends.
import { afterAll, vi } from 'vitest';

vi.resetModules();

afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});
