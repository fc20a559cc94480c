import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/journal/audit-log.ts';
import { auditHash, GENESIS_HASH } from '../../../electron/journal/audit-hash.ts';
import { verifyAuditChain } from '../../../electron/journal/verify-chain.ts';
import { auditJournal, tamper } from '../../helpers/audit-journal.ts';

describe('verifyAuditChain', () => {
  let db: Database.Database;
  let hashes: string[];
  beforeEach(() => {
    db = auditJournal();
    const log = new AuditLog(db, { now: () => 1_700_000_000_000 });
    hashes = [];
    for (let i = 1; i <= 6; i++) hashes.push(log.append({ actor: 'user', action: 'order.submit', details: { i } }).hash);
  });
  afterEach(() => {
    db.close();
  });

  it('passes an intact chain and reports its head', () => {
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 6, head: { seq: 6, hash: hashes[5] } });
  });

  it('passes an empty log', () => {
    const empty = auditJournal();
    expect(verifyAuditChain(empty)).toEqual({ ok: true, rows: 0, head: undefined });
    empty.close();
  });

  it('finds edited details: a hash mismatch at that row', () => {
    tamper(db, `UPDATE audit_log SET details = '{"i":99}' WHERE seq = 4`);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, rows: 3, seq: 4, problem: 'hash', message: expect.stringMatching(/^hash mismatch: row 4 stores [0-9a-f]{64}, but its fields hash to [0-9a-f]{64}$/) });
  });

  it('finds an edited actor, action or ts', () => {
    for (const [column, value] of [['actor', 'ai'], ['action', 'order.cancel'], ['ts', 1]] as const) {
      const copy = auditJournal();
      new AuditLog(copy).append({ actor: 'user', action: 'order.submit', details: {} });
      tamper(copy, `UPDATE audit_log SET ${column} = ? WHERE seq = 1`, value);
      expect(verifyAuditChain(copy), column).toMatchObject({ ok: false, seq: 1, problem: 'hash' });
      copy.close();
    }
  });

  it('finds an edited hash at that row', () => {
    tamper(db, `UPDATE audit_log SET hash = ? WHERE seq = 2`, 'f'.repeat(64));
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, rows: 1, seq: 2, problem: 'hash' });
  });

  it('finds a row edited and re-hashed: the next row no longer links to it', () => {
    const r = db.prepare('SELECT ts, actor, action, prev_hash FROM audit_log WHERE seq = 3').get() as { ts: number; actor: string; action: string; prev_hash: string };
    const details = '{"i":42}';
    tamper(db, 'UPDATE audit_log SET details = ?, hash = ? WHERE seq = 3', details, auditHash({ seq: 3, ts: r.ts, actor: r.actor, action: r.action, details, prevHash: r.prev_hash }));
    expect(verifyAuditChain(db)).toMatchObject({
      ok: false,
      rows: 3,
      seq: 4,
      problem: 'prev_hash',
      message: expect.stringContaining(`prev_hash mismatch: row 4 links to ${hashes[2]}, but row 3's hash is`),
    });
  });

  it('finds a deleted row: a gap at the missing seq', () => {
    tamper(db, 'DELETE FROM audit_log WHERE seq = 3');
    expect(verifyAuditChain(db)).toEqual({ ok: false, rows: 2, seq: 3, problem: 'gap', message: 'gap in seq: row 3 is missing (row 2 is followed by row 4)' });
  });

  it('finds the first row deleted', () => {
    tamper(db, 'DELETE FROM audit_log WHERE seq = 1');
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, rows: 0, seq: 1, problem: 'gap', message: 'gap in seq: row 1 is missing (the log starts by row 2)' });
  });

  it('finds a first row that does not start from the genesis value', () => {
    const lone = auditJournal();
    tamper(lone, `INSERT INTO audit_log VALUES (1, 0, 'user', 'a.b', '{}', ?, ?)`, 'a'.repeat(64), auditHash({ seq: 1, ts: 0, actor: 'user', action: 'a.b', details: '{}', prevHash: 'a'.repeat(64) }));
    expect(verifyAuditChain(lone)).toMatchObject({ ok: false, seq: 1, problem: 'prev_hash', message: expect.stringContaining(`but the genesis value is ${GENESIS_HASH}`) });
    lone.close();
  });

  it('cannot see rows cut off the end (documented): the shorter chain is valid', () => {
    tamper(db, 'DELETE FROM audit_log WHERE seq >= 5');
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 4, head: { seq: 4, hash: hashes[3] } });
  });
});
