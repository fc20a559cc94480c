import Database from 'better-sqlite3';
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { audit } from '../../../electron/journal/migrations/004-audit.ts';
import { migrate, schemaVersion } from '../../../electron/journal/migrate.ts';
import { AuditLog, AuditSecretError, actorOf, MAX_DETAILS_BYTES } from '../../../electron/journal/audit-log.ts';
import { auditHash, GENESIS_HASH } from '../../../electron/journal/audit-hash.ts';
import { verifyAuditChain } from '../../../electron/journal/verify-chain.ts';
import { canonicalJson } from '../../../electron/journal/canonical-json.ts';
import { isSecretKeyName } from '../../../electron/journal/audit-secret-guard.ts';
import { auditJournal as journal, UP_TO_AUDIT } from '../../helpers/audit-journal.ts';

function columnsOf(db: Database.Database, table: string): string[] {
  return db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
}

function count(db: Database.Database): number {
  return db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
}

describe('migration 004 (audit)', () => {
  it('creates audit_log with its columns, ts index and triggers', () => {
    const db = journal();
    expect(schemaVersion(db)).toBe(4);
    expect(UP_TO_AUDIT[3]).toBe(audit);
    expect(columnsOf(db, 'audit_log')).toEqual(['seq', 'ts', 'actor', 'action', 'details', 'prev_hash', 'hash']);
    const triggers = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log' ORDER BY name`).pluck().all();
    expect(triggers).toEqual(['audit_log_append_at_tail', 'audit_log_no_delete', 'audit_log_no_update']);
    expect(db.prepare(`SELECT name FROM pragma_index_list('audit_log')`).pluck().all()).toContain('audit_log_ts');
    db.close();
  });

  it('upgrades a journal at version 3 to an empty, verifiable log', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', UP_TO_AUDIT.slice(0, 3));
    expect(migrate(db, ':memory:', UP_TO_AUDIT)).toEqual({ from: 3, to: 4 });
    expect(count(db)).toBe(0);
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 0, head: undefined });
    db.close();
  });

  it('uses the same genesis value as the hash code', () => {
    const db = journal();
    const row = (prev: string) => db.prepare('INSERT INTO audit_log VALUES (1, 0, ?, ?, ?, ?, ?)').run('system', 'a.b', '{}', prev, 'x');
    expect(() => row('1'.repeat(64))).toThrow(/appends only at its tail/);
    row(GENESIS_HASH);
    expect(count(db)).toBe(1);
    db.close();
  });
});

describe('AuditLog', () => {
  let db: Database.Database;
  let clock: number;
  let log: AuditLog;
  beforeEach(() => {
    db = journal();
    clock = 1_700_000_000_000;
    log = new AuditLog(db, { now: () => clock++ });
  });
  afterEach(() => {
    db.close();
  });

  it('chains rows from the genesis value, each hash over its fields and the previous hash', () => {
    const a = log.append({ actor: 'user', action: 'order.submit', details: { symbol: 'BTC/USDT', qty: '0.5', side: 'buy' } });
    const b = log.append({ actor: 'strategy:ema-cross', action: 'order.cancel', details: { orderId: 'o1' } });
    const c = log.append({ actor: 'system', action: 'kill.trigger', details: {} });
    expect([a.seq, b.seq, c.seq]).toEqual([1, 2, 3]);
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(b.prevHash).toBe(a.hash);
    expect(c.prevHash).toBe(b.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    // The documented serialization, recomputed by hand.
    expect(a.hash).toBe(auditHash({ seq: 1, ts: 1_700_000_000_000, actor: 'user', action: 'order.submit', details: a.details, prevHash: GENESIS_HASH }));
    expect(a.details).toBe('{"qty":"0.5","side":"buy","symbol":"BTC/USDT"}');
    const stored = db.prepare('SELECT seq, ts, actor, action, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq').all();
    expect(stored).toEqual([a, b, c]);
    expect(log.head()).toEqual({ seq: 3, hash: c.hash });
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 3, head: { seq: 3, hash: c.hash } });
  });

  it('stores details as canonical JSON: sorted keys at every depth, undefined fields left out', () => {
    const r = log.append({ actor: 'ai', action: 'order.submit', details: { z: 1, a: { y: [true, null, 'x'], b: -0.5 }, skipped: undefined } });
    expect(r.details).toBe('{"a":{"b":-0.5,"y":[true,null,"x"]},"z":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it('refuses values JSON cannot carry exactly, writing nothing', () => {
    expect(() => log.append({ actor: 'user', action: 'order.submit', details: { qty: 5n } })).toThrow(/\$\.qty: a bigint is not JSON; pass amounts as decimal strings/);
    expect(() => log.append({ actor: 'user', action: 'order.submit', details: { at: new Date() } })).toThrow(/\$\.at: a Date object/);
    expect(() => log.append({ actor: 'user', action: 'order.submit', details: { p: [1, NaN] } })).toThrow(/\$\.p\[1\]: NaN/);
    expect(() => log.append({ actor: 'user', action: 'order.submit', details: { m: new Map() } })).toThrow(/Map/);
    expect(() => log.append({ actor: 'user', action: 'order.submit', details: { big: 'x'.repeat(MAX_DETAILS_BYTES) } })).toThrow(/at most/);
    expect(count(db)).toBe(0);
  });

  it('checks actor and action', () => {
    expect(() => log.append({ actor: 'root' as 'user', action: 'order.submit', details: {} })).toThrow(/audit actor/);
    expect(() => log.append({ actor: 'strategy:' as 'user', action: 'order.submit', details: {} })).toThrow(/audit actor/);
    expect(() => log.append({ actor: 'user', action: 'submit', details: {} })).toThrow(/domain\.verb/);
    expect(() => log.append({ actor: 'user', action: 'Order.Submit', details: {} })).toThrow(/domain\.verb/);
    expect(() => log.append({ actor: 'user', action: 'order.submit', details: [] as unknown as Record<string, unknown> })).toThrow(/must be an object/);
    expect(actorOf({ kind: 'user' })).toBe('user');
    expect(actorOf({ kind: 'strategy', id: 'grid-1' })).toBe('strategy:grid-1');
    expect(actorOf({ kind: 'ai', confidence: 0.7 })).toBe('ai');
    expect(count(db)).toBe(0);
  });

  describe('secret guard', () => {
    it('refuses keys named like credentials at any depth, naming the path but never the value', () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ apiKey: 'AKIA123' }, '$.apiKey'],
        [{ exchange: 'binance', creds: { API_KEY: 'AKIA123' } }, '$.creds.API_KEY'],
        [{ headers: [{ 'x-api-key': 'AKIA123' }] }, '$.headers[0].x-api-key'],
        [{ secret: 's' }, '$.secret'],
        [{ clientSecret: 's' }, '$.clientSecret'],
        [{ password: 'hunter2' }, '$.password'],
        [{ walletPassphrase: 'p' }, '$.walletPassphrase'],
        [{ private_key: 'k' }, '$.private_key'],
        [{ privateKey: 'k' }, '$.privateKey'],
      ];
      for (const [details, path] of cases) {
        let thrown: unknown;
        try {
          log.append({ actor: 'user', action: 'keys.set', details });
        } catch (err) {
          thrown = err;
        }
        expect(thrown, path).toBeInstanceOf(AuditSecretError);
        expect((thrown as AuditSecretError).path).toBe(path);
        expect((thrown as Error).message).not.toMatch(/AKIA123|hunter2/);
      }
      expect(count(db)).toBe(0);
    });

    it('lets ordinary keys through', () => {
      for (const key of ['exchange', 'account', 'keyId', 'clientOrderId', 'symbol', 'reason', 'keys']) expect(isSecretKeyName(key), key).toBe(false);
      log.append({ actor: 'user', action: 'keys.set', details: { exchange: 'binance', account: 'main', keyId: 'label-1' } });
      expect(count(db)).toBe(1);
    });
  });

  describe('triggers', () => {
    beforeEach(() => {
      log.append({ actor: 'user', action: 'order.submit', details: { n: 1 } });
      log.append({ actor: 'user', action: 'order.submit', details: { n: 2 } });
    });

    it('refuse UPDATE', () => {
      expect(() => db.prepare(`UPDATE audit_log SET details = '{"n":9}' WHERE seq = 1`).run()).toThrow('audit_log is append-only');
      expect(() => db.prepare(`UPDATE audit_log SET ts = ts`).run()).toThrow('audit_log is append-only');
    });

    it('refuse DELETE', () => {
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow('audit_log is append-only');
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('audit_log is append-only');
      expect(count(db)).toBe(2);
    });

    it('refuse an insert anywhere but the tail, including INSERT OR REPLACE over an old row', () => {
      const head = log.head()!;
      const insert = (verb: string, seq: number, prev: string) => db.prepare(`${verb} INTO audit_log VALUES (?, 0, 'user', 'a.b', '{}', ?, 'h')`).run(seq, prev);
      expect(() => insert('INSERT OR REPLACE', 1, GENESIS_HASH)).toThrow('audit_log appends only at its tail');
      expect(() => insert('INSERT', 4, head.hash)).toThrow('audit_log appends only at its tail');
      expect(() => insert('INSERT', 3, GENESIS_HASH)).toThrow('audit_log appends only at its tail');
      expect(() => db.prepare(`INSERT INTO audit_log (ts, actor, action, details, prev_hash, hash) VALUES (0, 'user', 'a.b', '{}', ?, 'h')`).run(head.hash)).toThrow(
        'audit_log appends only at its tail',
      );
      expect(verifyAuditChain(db)).toMatchObject({ ok: true, rows: 2 });
    });
  });

  describe('inside a caller transaction', () => {
    it('commits with the caller', () => {
      db.exec('CREATE TABLE orders_stand_in (id TEXT)');
      const submit = db.transaction(() => {
        db.prepare(`INSERT INTO orders_stand_in VALUES ('o1')`).run();
        return log.append({ actor: 'user', action: 'order.submit', details: { orderId: 'o1' } });
      });
      expect(submit().seq).toBe(1);
      expect(count(db)).toBe(1);
      expect(log.append({ actor: 'user', action: 'order.cancel', details: { orderId: 'o1' } }).seq).toBe(2);
      expect(verifyAuditChain(db)).toMatchObject({ ok: true, rows: 2 });
    });

    it('a rollback leaves nothing, and the next append builds on the real tail', () => {
      const first = log.append({ actor: 'user', action: 'order.submit', details: { n: 1 } });
      const failing = db.transaction(() => {
        log.append({ actor: 'user', action: 'order.submit', details: { n: 2 } });
        log.append({ actor: 'user', action: 'order.submit', details: { n: 3 } });
        throw new Error('the order write failed');
      });
      expect(() => failing()).toThrow('the order write failed');
      expect(count(db)).toBe(1);
      expect(log.head()).toEqual({ seq: 1, hash: first.hash });

      const next = log.append({ actor: 'user', action: 'order.submit', details: { n: 4 } });
      expect(next.seq).toBe(2);
      expect(next.prevHash).toBe(first.hash);
      // Several rollbacks in a row, then appends outside any transaction: still one unbroken chain.
      for (let i = 0; i < 3; i++) {
        db.exec('BEGIN');
        log.append({ actor: 'ai', action: 'order.submit', details: { i } });
        db.exec('ROLLBACK');
      }
      log.append({ actor: 'system', action: 'mode.arm', details: { mode: 'live' } });
      log.append({ actor: 'system', action: 'mode.disarm', details: {} });
      expect(verifyAuditChain(db)).toMatchObject({ ok: true, rows: 4 });
    });

    it('a rolled-back savepoint inside a committed transaction leaves the chain whole', () => {
      const outer = db.transaction(() => {
        log.append({ actor: 'user', action: 'order.submit', details: { n: 1 } });
        try {
          db.transaction(() => {
            log.append({ actor: 'user', action: 'order.submit', details: { n: 2 } });
            throw new Error('inner');
          })();
        } catch {
          // the inner savepoint rolled back; the outer goes on
        }
        log.append({ actor: 'user', action: 'order.submit', details: { n: 3 } });
      });
      outer();
      expect(db.prepare('SELECT details FROM audit_log ORDER BY seq').pluck().all()).toEqual(['{"n":1}', '{"n":3}']);
      expect(verifyAuditChain(db)).toMatchObject({ ok: true, rows: 2 });
    });
  });

  it('builds on rows another AuditLog on the same journal appended', () => {
    const other = new AuditLog(db);
    log.append({ actor: 'user', action: 'order.submit', details: {} });
    other.append({ actor: 'system', action: 'kill.trigger', details: {} });
    const r = log.append({ actor: 'user', action: 'order.cancel', details: {} });
    expect(r.seq).toBe(3);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, rows: 3 });
  });

  it('is fast enough for the order path', () => {
    const n = 5000;
    const started = performance.now();
    for (let i = 0; i < n; i++) db.transaction(() => log.append({ actor: 'user', action: 'order.submit', details: { i, symbol: 'BTC/USDT', qty: '0.01' } }))();
    const perAppend = (performance.now() - started) / n;
    // Generous for a shared CI core; measured at a few microseconds in memory.
    expect(perAppend).toBeLessThan(0.5);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, rows: n });
  });
});
