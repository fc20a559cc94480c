// The audit log's writer. Every action that matters (an order submitted or cancelled, a risk
// refusal, the kill switch, keys set, live mode armed) appends one row through here, in the same
// transaction as the change it records, so the two commit or roll back together.
//
// Appending is on the hot path of order handling, so the tail (last seq and hash) is cached and the
// statements are prepared once. The cache is only trusted when it cannot be stale:
// - an append made outside any transaction committed when it returned, so the cache is exact;
// - an append made inside a caller's transaction may still be rolled back, so the next append
//   re-reads the tail (one lookup at the end of the primary key) before building on it;
// - another AuditLog or connection may have appended: the table's tail trigger refuses a row that
//   does not link to the real tail, and the append re-reads the tail and tries once more.
import type Database from 'better-sqlite3';
import { ledgerOf, type Origin } from '../../shared/trading/orders.ts';
import { auditHash, GENESIS_HASH } from './audit-hash.ts';
import { assertNoSecrets } from './audit-secret-guard.ts';
import { canonicalJson } from './canonical-json.ts';

export { AuditSecretError } from './audit-secret-guard.ts';

/** Who acted: the user, one strategy, the AI, or Keel itself (start-up, the kill switch's timer...). */
export type AuditActor = 'user' | 'ai' | 'system' | `strategy:${string}`;

/** What happened, as JSON: plain objects, arrays, strings, finite numbers, booleans, null. */
export type AuditDetails = Record<string, unknown>;

export interface AuditEntry {
  actor: AuditActor;
  /** `domain.verb` in lower case: order.submit, order.cancel, risk.refuse, kill.trigger, keys.set, mode.arm. */
  action: string;
  details: AuditDetails;
}

/** A row as stored. */
export interface AuditRecord {
  seq: number;
  ts: number;
  actor: AuditActor;
  action: string;
  /** Canonical JSON text. */
  details: string;
  prevHash: string;
  hash: string;
}

export interface AuditLogOptions {
  /** Epoch-ms clock for `ts`; replay and tests pass their own. */
  now?: () => number;
}

const ACTOR = /^(user|ai|system|strategy:[^\s\p{Cc}]{1,64})$/u;
const ACTION = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/;
const MAX_ACTION_LENGTH = 64;
/** The log keeps what happened, not payloads: a bigger details object is a caller's mistake. */
export const MAX_DETAILS_BYTES = 64 * 1024;

type Tail = { seq: number; hash: string };

/** The actor for an order's origin: the same names as the position sub-ledgers. */
export function actorOf(origin: Origin): AuditActor {
  return ledgerOf(origin) as AuditActor;
}

export class AuditLog {
  readonly db: Database.Database;
  readonly #now: () => number;
  readonly #stmt;
  #tail: Tail | undefined;
  /** False after an append inside a caller's transaction, which may yet roll back. */
  #tailCommitted = false;

  constructor(db: Database.Database, options: AuditLogOptions = {}) {
    this.db = db;
    this.#now = options.now ?? Date.now;
    this.#stmt = {
      tail: db.prepare<[], Tail>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare<[number, number, string, string, string, string, string]>(
        'INSERT INTO audit_log (seq, ts, actor, action, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  /**
   * Appends one row and returns it. Inside a caller's transaction the row commits or rolls back
   * with it. Throws, writing nothing, when the actor or action is malformed, the details are not
   * plain JSON or larger than MAX_DETAILS_BYTES, or any details key is named like a credential
   * (AuditSecretError: see audit-secret-guard.ts).
   */
  append(entry: AuditEntry): AuditRecord {
    const { actor, action } = entry;
    if (typeof actor !== 'string' || !ACTOR.test(actor)) throw new TypeError(`audit actor must be user, ai, system or strategy:<id>, got ${JSON.stringify(actor)}`);
    if (typeof action !== 'string' || action.length > MAX_ACTION_LENGTH || !ACTION.test(action)) {
      throw new TypeError(`audit action must look like domain.verb (order.submit), got ${JSON.stringify(action)}`);
    }
    if (entry.details === null || typeof entry.details !== 'object' || Array.isArray(entry.details)) throw new TypeError('audit details must be an object');
    assertNoSecrets(entry.details);
    const details = canonicalJson(entry.details);
    if (Buffer.byteLength(details, 'utf8') > MAX_DETAILS_BYTES) throw new RangeError(`audit details are ${Buffer.byteLength(details, 'utf8')} bytes; at most ${MAX_DETAILS_BYTES}`);
    const ts = this.#now();
    if (!Number.isSafeInteger(ts)) throw new RangeError(`audit ts must be an integer of epoch ms, got ${ts}`);

    const inCallerTransaction = this.db.inTransaction;
    let record: AuditRecord;
    try {
      record = this.#insert(this.#trustedTail(), ts, actor, action, details);
    } catch (err) {
      if (!isTailRefusal(err)) throw err;
      // Someone else appended since the cache was filled: build on the real tail instead.
      record = this.#insert(this.#readTail(), ts, actor, action, details);
    }
    this.#tail = { seq: record.seq, hash: record.hash };
    this.#tailCommitted = !inCallerTransaction;
    return record;
  }

  /** The last row's seq and hash as this connection sees them now; undefined for an empty log. */
  head(): { seq: number; hash: string } | undefined {
    const tail = this.#readTail();
    return tail.seq === 0 ? undefined : { ...tail };
  }

  #trustedTail(): Tail {
    if (this.#tail !== undefined && this.#tailCommitted) return this.#tail;
    return this.#readTail();
  }

  #readTail(): Tail {
    const tail = this.#stmt.tail.get() ?? { seq: 0, hash: GENESIS_HASH };
    this.#tail = tail;
    // What is read is either committed or part of the transaction now open; either way it is the
    // tail for the insert that follows in this same call.
    this.#tailCommitted = !this.db.inTransaction;
    return tail;
  }

  #insert(tail: Tail, ts: number, actor: AuditActor, action: string, details: string): AuditRecord {
    const seq = tail.seq + 1;
    const prevHash = tail.hash;
    const hash = auditHash({ seq, ts, actor, action, details, prevHash });
    this.#stmt.insert.run(seq, ts, actor, action, details, prevHash, hash);
    return { seq, ts, actor, action, details, prevHash, hash };
  }
}

function isTailRefusal(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return (code === 'SQLITE_CONSTRAINT_TRIGGER' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') && /appends only at its tail|UNIQUE|PRIMARY KEY/.test(err.message);
}
