// Walks the audit log from row 1 and re-checks every link: seq runs 1, 2, 3 ... with no gap, each
// prev_hash is the hash of the row before (GENESIS_HASH for row 1), and each hash is what
// audit-hash.ts computes from the row's own fields. The first row that fails is reported, since
// every row after a break fails too.
//
// What a chain cannot show on its own: rows cut off the end (the shorter log is a valid chain), or
// a log rewritten and re-hashed from some row on. Write the head hash it reports somewhere else
// (a backup, a note) and compare later to catch those.
import type Database from 'better-sqlite3';
import { auditHash, GENESIS_HASH } from './audit-hash.ts';

export type ChainProblem = 'gap' | 'prev_hash' | 'hash';

export type ChainReport =
  | { ok: true; rows: number; head: { seq: number; hash: string } | undefined }
  | {
      ok: false;
      /** Rows checked and found good before the break. */
      rows: number;
      /** The first broken row: for a gap, the first missing seq. */
      seq: number;
      problem: ChainProblem;
      message: string;
    };

type Row = [seq: number, ts: number, actor: string, action: string, details: string, prevHash: string, hash: string];

export function hasAuditLog(db: Database.Database): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'`).get() !== undefined;
}

/** Checks the whole chain. Iterating one statement reads one snapshot, so appends made meanwhile by a running Keel are not half-seen. */
export function verifyAuditChain(db: Database.Database): ChainReport {
  const rows = db.prepare<[], Row>('SELECT seq, ts, actor, action, details, prev_hash, hash FROM audit_log ORDER BY seq').raw();
  let checked = 0;
  let prev: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  for (const [seq, ts, actor, action, details, prevHash, hash] of rows.iterate()) {
    const expectedSeq = prev.seq + 1;
    if (seq !== expectedSeq) {
      const after = prev.seq === 0 ? 'the log starts' : `row ${prev.seq} is followed`;
      return broken(checked, expectedSeq, 'gap', `gap in seq: row ${expectedSeq} is missing (${after} by row ${seq})`);
    }
    if (prevHash !== prev.hash) {
      const what = seq === 1 ? 'the genesis value' : `row ${prev.seq}'s hash`;
      return broken(checked, seq, 'prev_hash', `prev_hash mismatch: row ${seq} links to ${prevHash}, but ${what} is ${prev.hash}`);
    }
    const computed = auditHash({ seq, ts, actor, action, details, prevHash });
    if (computed !== hash) {
      return broken(checked, seq, 'hash', `hash mismatch: row ${seq} stores ${hash}, but its fields hash to ${computed}`);
    }
    checked++;
    prev = { seq, hash };
  }
  return { ok: true, rows: checked, head: checked === 0 ? undefined : prev };
}

function broken(rows: number, seq: number, problem: ChainProblem, message: string): ChainReport {
  return { ok: false, rows, seq, problem, message };
}
