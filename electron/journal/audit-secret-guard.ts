// The audit log is kept forever, exported to CSV and copied into backups, and it cannot be edited
// (that is its point): a secret written into it once could never be removed. So details are
// refused, before anything is written, when any key at any depth is named like a credential.
// This is a net for mistakes, not a filter: it looks at key names only, so callers must still
// never put a secret in a value (log "keys.set" with the exchange and account, never the key).
import { isCredentialName } from '../secrets/secret-names.ts';

export class AuditSecretError extends Error {
  /** Where the key sits in the details, e.g. `$.exchange.apiKey`. The value is never repeated. */
  readonly path: string;

  constructor(path: string) {
    super(`audit details must not hold secrets: refusing the key at ${path}; log which credential changed (exchange, account), never the credential`);
    this.name = 'AuditSecretError';
    this.path = path;
  }
}

/** Key names are refused when they name a credential (electron/secrets/secret-names.ts). */
export const isSecretKeyName = isCredentialName;

/** Throws AuditSecretError at the first key named like a credential. */
export function assertNoSecrets(details: object): void {
  walk(details, '$');
}

function walk(value: unknown, path: string): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`));
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if (isSecretKeyName(key)) throw new AuditSecretError(`${path}.${key}`);
    walk(v, `${path}.${key}`);
  }
}
