// Moves WAL checkpoints off the commit path. With synchronous=NORMAL a commit only appends to the WAL;
// the fsyncs happen when the WAL is copied back into the database file (a checkpoint), which SQLite by
// default runs inside whichever commit pushes the WAL past 1,000 pages, so every hundred-odd orders one
// order acknowledgement would wait 5-50 ms for the disk. Instead: a timer checkpoints (PASSIVE: never
// blocks readers or writers) while the app is idle, and the automatic checkpoint stays only as a backstop
// for very large WALs (a big import between two timer runs). journal.close() still folds the WAL in.
import type Database from 'better-sqlite3';

export interface IdleCheckpointOptions {
  /** How often to checkpoint (default 1,000 ms). */
  intervalMs?: number;
  /** WAL pages past which a commit still checkpoints itself (default 10,000, about 40 MB). */
  backstopPages?: number;
}

/** Starts checkpointing on a timer; returns the stop, which restores the automatic checkpoint. */
export function checkpointWhenIdle(db: Database.Database, options: IdleCheckpointOptions = {}): () => void {
  const previous = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${options.backstopPages ?? 10_000}`);
  const timer = setInterval(() => {
    if (!db.open) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or closing: the next run (or close) checkpoints.
    }
  }, options.intervalMs ?? 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (db.open) db.pragma(`wal_autocheckpoint = ${previous}`);
  };
}
