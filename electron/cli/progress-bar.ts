// The CLI's progress bar: one line on stderr redrawn in place, at most ten times a second, and only when
// stderr is a terminal (a pipe or a log file gets nothing, so its lines stay clean). Past a second's work
// it says about how long is left, from the pace so far: a search over half a million sets takes minutes,
// and a bar alone does not say whether to wait or to narrow the ranges.
export interface Progress {
  update(done: number, total: number, label?: string): void;
  end(): void;
}

export const NO_PROGRESS: Progress = { update: () => {}, end: () => {} };

/** No estimate before this much work: the first moments (threads starting, a file opening) say little of the pace. */
const ESTIMATE_AFTER_MS = 1000;

export function progressBar(stream: Pick<NodeJS.WriteStream, 'isTTY' | 'write'>, label: string, width = 30, now: () => number = Date.now): Progress {
  if (!stream.isTTY) return NO_PROGRESS;
  let last = 0;
  let shown = false;
  let started: number | null = null;
  return {
    update(done, total, sub) {
      const t = now();
      started ??= t;
      if (done < total && t - last < 100) return;
      last = t;
      const f = total > 0 ? Math.min(1, done / total) : 0;
      const full = Math.round(f * width);
      const left = timeLeft(t - started, f);
      stream.write(`\r${label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(f * 100).toFixed(0).padStart(3)}%${left === '' ? '' : ` ${left}`} ${sub ?? ''}\x1b[K`);
      shown = true;
    },
    end() {
      if (shown) stream.write('\n');
      shown = false;
    },
  };
}

/** "about 4m 10s left" from the time spent and the share done; '' too early to tell, or when done. */
export function timeLeft(elapsedMs: number, fraction: number): string {
  if (elapsedMs < ESTIMATE_AFTER_MS || !(fraction > 0) || fraction >= 1) return '';
  const s = Math.ceil((elapsedMs * (1 - fraction)) / fraction / 1000);
  if (s < 60) return `about ${s}s left`;
  // A second unit of zero is left off ("about 3h left", not "3h 0m"), as hold times are (hold-time.ts).
  if (s < 3600) return `about ${twoUnits(Math.floor(s / 60), 'm', s % 60, 's')} left`;
  return `about ${twoUnits(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'm')} left`;
}

const twoUnits = (a: number, unitA: string, b: number, unitB: string) => (b > 0 ? `${a}${unitA} ${b}${unitB}` : `${a}${unitA}`);
