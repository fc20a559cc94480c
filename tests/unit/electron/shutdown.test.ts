import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../electron/app/logger.ts';
import { createQuitGuard } from '../../../electron/main/shutdown.ts';

function quitEvent() {
  return { preventDefault: vi.fn() };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('quit guard', () => {
  it('holds the first quit until the journal is closed, then quits and lets that quit through', async () => {
    let finishClose!: () => void;
    const close = vi.fn(() => new Promise<void>((resolve) => (finishClose = resolve)));
    const quit = vi.fn();
    const exit = vi.fn();
    const guard = createQuitGuard({ close, quit, exit, log: memoryLogger() });

    const first = quitEvent();
    guard(first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);

    // A second quit while closing (window-all-closed, Ctrl+C) waits too, without closing twice.
    const second = quitEvent();
    guard(second);
    expect(second.preventDefault).toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);
    expect(quit).not.toHaveBeenCalled();

    finishClose();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    expect(exit).not.toHaveBeenCalled();

    // The quit it started goes through.
    const last = quitEvent();
    guard(last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('exits with 1 when closing fails', async () => {
    const log = memoryLogger();
    const exit = vi.fn();
    const guard = createQuitGuard({ close: () => Promise.reject(new Error('disk gone')), quit: vi.fn(), exit, log });
    guard(quitEvent());
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
    expect(log.lines.some((l) => l.includes('closing failed') && l.includes('disk gone'))).toBe(true);
  });

  it('exits with 1 when closing hangs past the timeout', async () => {
    vi.useFakeTimers();
    const exit = vi.fn();
    const quit = vi.fn();
    const guard = createQuitGuard({ close: () => new Promise<void>(() => {}), quit, exit, log: memoryLogger(), timeoutMs: 500 });
    guard(quitEvent());
    await vi.advanceTimersByTimeAsync(499);
    expect(exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(exit).toHaveBeenCalledWith(1);
    expect(quit).not.toHaveBeenCalled();
  });
});
