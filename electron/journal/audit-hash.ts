// The audit log's chain: each row's hash covers its own fields and the previous row's hash, so
// editing, removing or reordering any row breaks every link after it. The serialization is fixed
// and written down here so anyone can re-check a journal without Keel:
//
//   hash = hex(SHA-256(UTF-8(JSON.stringify([seq, ts, actor, action, details, prev_hash]))))
//
// where seq and ts are integers, details is the stored canonical JSON text (hashed as a string,
// not re-parsed), and the first row's prev_hash is GENESIS_HASH. A JSON array of primitives has
// exactly one JSON.stringify text, so no field can bleed into its neighbour.
import { createHash } from 'node:crypto';

/** The prev_hash of row 1: 64 zeros, the width of a SHA-256 hex digest. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  ts: number;
  actor: string;
  action: string;
  /** Canonical JSON text, exactly as stored. */
  details: string;
  prevHash: string;
}

export function auditHash(row: ChainedFields): string {
  const text = JSON.stringify([row.seq, row.ts, row.actor, row.action, row.details, row.prevHash]);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
