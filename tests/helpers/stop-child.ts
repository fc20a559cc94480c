// Stopping a child process a test started: SIGTERM (servers close their files cleanly on it), then
// SIGKILL if it is still there after `graceMs`.
import type { ChildProcess } from 'node:child_process';

/** Resolves once the child has exited (and is reaped); at once if it already has. */
export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
