// The app's finished jobs in the journal, so the backtest page shows them again after a restart: backtest
// runs (table backtest_runs, migration 006) and parameter searches (parameter_searches, 007; 013 lets a
// search cancelled partway keep what it ran; 014 how far a job had got when it ended). A job is
// written once, when it ends, and only the newest `keep` are kept. A row whose request no longer parses
// (written by another Keel) is left out, never served half-read.
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { BacktestRequestSchema, OptimizeRequestSchema, type BacktestRequest, type OptimizeRequest } from '../../shared/contract/commands/backtest.ts';
import type { OptimizeOutcome } from './optimize-worker.ts';
import type { RunOutcome } from './run-worker.ts';
import type { JobStatus } from './worker-jobs.ts';

export interface StoredJob<R, O> {
  seq: number;
  status: Exclude<JobStatus, 'queued' | 'running'>;
  request: R;
  startedAt: number;
  error: string | null;
  outcome: O | null;
  /**
   * How far it had got when it ended, 0..1 (1 when done); null for a row written before Keel kept it
   * (migration 014): not known.
   */
  progress: number | null;
}

export type StoredRun = StoredJob<BacktestRequest, RunOutcome>;

interface Row {
  seq: number;
  status: StoredJob<unknown, unknown>['status'];
  request: string;
  started_at: number;
  error: string | null;
  outcome: string | null;
  progress: number | null;
}

export class JobStore<R, O> {
  readonly #schema: z.ZodType<R>;
  readonly #insert: Database.Statement;
  readonly #trim: Database.Statement;
  readonly #all: Database.Statement;

  constructor(db: Database.Database, table: 'backtest_runs' | 'parameter_searches', schema: z.ZodType<R>) {
    this.#schema = schema;
    this.#insert = db.prepare(`INSERT OR REPLACE INTO ${table} (seq, status, request, started_at, error, outcome, progress) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.#trim = db.prepare(`DELETE FROM ${table} WHERE seq NOT IN (SELECT seq FROM ${table} ORDER BY seq DESC LIMIT ?)`);
    this.#all = db.prepare(`SELECT seq, status, request, started_at, error, outcome, progress FROM ${table} ORDER BY seq`);
  }

  /** Writes an ended job and drops all but the newest `keep`. */
  save(job: StoredJob<R, O>, keep: number): void {
    this.#insert.run(job.seq, job.status, JSON.stringify(job.request), job.startedAt, job.error, job.outcome === null ? null : JSON.stringify(job.outcome), job.progress);
    this.#trim.run(keep);
  }

  /** The stored jobs, oldest first. */
  load(): StoredJob<R, O>[] {
    const jobs: StoredJob<R, O>[] = [];
    for (const row of this.#all.all() as Row[]) {
      try {
        const request = this.#schema.safeParse(JSON.parse(row.request));
        if (!request.success) continue;
        jobs.push({ seq: row.seq, status: row.status, request: request.data, startedAt: row.started_at, error: row.error, outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as O), progress: row.progress });
      } catch {
        // Text that is not JSON: not a job this Keel can show.
      }
    }
    return jobs;
  }
}

export type BacktestRunStore = JobStore<BacktestRequest, RunOutcome>;
export type SearchStore = JobStore<OptimizeRequest, OptimizeOutcome>;

export const backtestRunStore = (db: Database.Database): BacktestRunStore => new JobStore(db, 'backtest_runs', BacktestRequestSchema);
export const searchStore = (db: Database.Database): SearchStore => new JobStore(db, 'parameter_searches', OptimizeRequestSchema);
