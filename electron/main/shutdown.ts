// Quitting without losing the journal: the first `before-quit` is held back until Keel has stopped
// its clocks and closed the journal (WAL checkpointed), then the app quits for real. Pure: index.ts
// passes app.quit / app.exit in, tests/unit/electron/shutdown.test.ts drives it with fakes.
import type { Logger } from '../app/logger.ts';

export interface QuitGuardOptions {
  /** keel.close(): safe to call twice, resolves when the journal is closed. */
  close: () => Promise<void>;
  /** app.quit(): runs `before-quit` again, which this guard then lets through. */
  quit: () => void;
  /** app.exit(code): the way out when closing failed or hung. */
  exit: (code: number) => void;
  log: Logger;
  /** Past this, quit anyway: a hung close must not leave a window-less zombie (default 10 s). */
  timeoutMs?: number;
}

export interface QuitEvent {
  preventDefault(): void;
}

/** The `before-quit` listener. */
export function createQuitGuard(options: QuitGuardOptions): (event: QuitEvent) => void {
  const { close, quit, exit, log, timeoutMs = 10_000 } = options;
  let state: 'running' | 'closing' | 'closed' = 'running';
  return (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    log.info('app', 'quitting: closing the journal');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    Promise.race([close().then(() => 'closed' as const), timeout]).then(
      (how) => {
        clearTimeout(timer);
        state = 'closed';
        if (how === 'timeout') {
          log.error('app', `closing took longer than ${timeoutMs} ms; exiting anyway`);
          exit(1);
          return;
        }
        quit();
      },
      (err: unknown) => {
        clearTimeout(timer);
        state = 'closed';
        log.error('app', 'closing failed', err);
        exit(1);
      },
    );
  };
}
