// The CLI's progress bar on a terminal: the share done, and past a second's work about how long is left
// at the pace so far; nothing at all on a pipe.
import { describe, expect, it } from 'vitest';
import { progressBar, timeLeft } from '../../../electron/cli/progress-bar.ts';

function terminal(isTTY = true) {
  const written: string[] = [];
  return { stream: { isTTY, write: (s: string) => written.push(s) > 0 }, written };
}

describe('progressBar', () => {
  it('says about how long is left once a second of work shows the pace', () => {
    const { stream, written } = terminal();
    let t = 0;
    const bar = progressBar(stream, 'searching', 10, () => t);
    bar.update(0, 1000);
    t = 500;
    bar.update(100, 1000);
    expect(written.at(-1)).toBe('\rsearching [#.........]  10% \x1b[K');
    // 2 s for a quarter: 6 s for the rest.
    t = 2000;
    bar.update(250, 1000);
    expect(written.at(-1)).toBe('\rsearching [###.......]  25% about 6s left \x1b[K');
    t = 120_000;
    bar.update(400, 1000);
    expect(written.at(-1)).toContain('40% about 3m left');
    bar.update(1000, 1000);
    expect(written.at(-1)).toBe('\rsearching [##########] 100% \x1b[K');
    bar.end();
    expect(written.at(-1)).toBe('\n');
  });

  it('writes nothing to a pipe or a file', () => {
    const { stream, written } = terminal(false);
    const bar = progressBar(stream, 'reading', 10, () => 5000);
    bar.update(1, 2);
    bar.end();
    expect(written).toEqual([]);
  });
});

describe('timeLeft', () => {
  it('gives seconds, minutes or hours, and nothing too early or when done', () => {
    expect(timeLeft(999, 0.5)).toBe('');
    expect(timeLeft(10_000, 0)).toBe('');
    expect(timeLeft(10_000, 1)).toBe('');
    expect(timeLeft(10_000, 0.5)).toBe('about 10s left');
    expect(timeLeft(60_000, 0.1)).toBe('about 9m left');
    expect(timeLeft(3_600_000, 0.25)).toBe('about 3h left');
    expect(timeLeft(61_000, 0.25)).toBe('about 3m 3s left');
    expect(timeLeft(3_660_000, 0.25)).toBe('about 3h 3m left');
  });
});
