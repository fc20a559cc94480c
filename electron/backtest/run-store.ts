// The app's finished backtest runs in the journal (table backtest_runs, migration 006), so the backtest
// page shows them again after a restart: written once when a run ends, the newest `keep` kept. A row
// whose request no longer parses (written by another Keel) is left out, never served half-read.
import type Database from 'better-sqlite3';
import { BacktestRequestSchema, type BacktestRequest } from '../../shared/contract/commands/backtest.ts';
import type { RunOutcome } from './run-worker.ts';
import type { JobStatus } from './worker-jobs.ts';

export interface StoredRun {
  seq: number;
  status: Exclude<JobStatus, 'queued' | 'running'>;
  request: BacktestRequest;
  startedAt: number;
  error: string | null;
  outcome: RunOutcome | null;
}

interface Row {
  seq: number;
  status: StoredRun['status'];
  request: string;
  started_at: number;
  error: string | null;
  outcome: string | null;
}

export class BacktestRunStore {
  readonly #insert: Database.Statement;
  readonly #trim: Database.Statement;
  readonly #all: Database.Statement;

  constructor(db: Database.Database) {
    this.#insert = db.prepare('INSERT OR REPLACE INTO backtest_runs (seq, status, request, started_at, error, outcome) VALUES (?, ?, ?, ?, ?, ?)');
    this.#trim = db.prepare('DELETE FROM backtest_runs WHERE seq NOT IN (SELECT seq FROM backtest_runs ORDER BY seq DESC LIMIT ?)');
    this.#all = db.prepare('SELECT seq, status, request, started_at, error, outcome FROM backtest_runs ORDER BY seq');
  }

  /** Writes an ended run and drops all but the newest `keep`. */
  save(run: StoredRun, keep: number): void {
    this.#insert.run(run.seq, run.status, JSON.stringify(run.request), run.startedAt, run.error, run.outcome === null ? null : JSON.stringify(run.outcome));
    this.#trim.run(keep);
  }

  /** The stored runs, oldest first. */
  load(): StoredRun[] {
    const runs: StoredRun[] = [];
    for (const row of this.#all.all() as Row[]) {
      try {
        const request = BacktestRequestSchema.safeParse(JSON.parse(row.request));
        if (!request.success) continue;
        runs.push({ seq: row.seq, status: row.status, request: request.data, startedAt: row.started_at, error: row.error, outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as RunOutcome) });
      } catch {
        // Text that is not JSON: not a run this Keel can show.
      }
    }
    return runs;
  }
}
