// Canonical JSON: one text per value, so the same details always hash the same. Object keys are
// sorted (by UTF-16 code unit, as Array.prototype.sort does), there is no whitespace, and only
// values JSON can carry exactly are accepted: a bigint, a Date, a Map, NaN or a function would
// otherwise be dropped or changed silently by JSON.stringify, and the log would not say what the
// caller meant. Amounts go in as decimal strings (as they cross the contract), times as epoch ms.

export class CanonicalJsonError extends TypeError {
  readonly path: string;

  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'CanonicalJsonError';
    this.path = path;
  }
}

/** The canonical text of a JSON value; throws CanonicalJsonError naming the path of anything else. */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((v, i) => write(v, `${path}[${i}]`)).join(',')}]`;
      if (!isPlainObject(value)) throw new CanonicalJsonError(path, `a ${value.constructor?.name ?? 'non-plain'} object is not JSON; pass plain objects, arrays and primitives`);
      return writeObject(value as Record<string, unknown>, path);
    case 'bigint':
      throw new CanonicalJsonError(path, 'a bigint is not JSON; pass amounts as decimal strings');
    default:
      throw new CanonicalJsonError(path, `a ${typeof value} is not JSON`);
  }
}

function writeObject(obj: Record<string, unknown>, path: string): string {
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    // Like JSON.stringify, an absent optional field (undefined) is left out rather than refused.
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${write(v, `${path}.${key}`)}`);
  }
  return `{${parts.join(',')}}`;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
