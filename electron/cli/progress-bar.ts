// The CLI's progress bar: one line on stderr redrawn in place, at most ten times a second, and only when
// stderr is a terminal (a pipe or a log file gets nothing, so its lines stay clean).
export interface Progress {
  update(done: number, total: number, label?: string): void;
  end(): void;
}

export const NO_PROGRESS: Progress = { update: () => {}, end: () => {} };

export function progressBar(stream: NodeJS.WriteStream, label: string, width = 30): Progress {
  if (!stream.isTTY) return NO_PROGRESS;
  let last = 0;
  let shown = false;
  return {
    update(done, total, sub) {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      const f = total > 0 ? Math.min(1, done / total) : 0;
      const full = Math.round(f * width);
      stream.write(`\r${label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(f * 100).toFixed(0).padStart(3)}% ${sub ?? ''}\x1b[K`);
      shown = true;
    },
    end() {
      if (shown) stream.write('\n');
      shown = false;
    },
  };
}
