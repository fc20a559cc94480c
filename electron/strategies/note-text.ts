// A strategy's note as text, the same in a backtest (engine-context.ts) and from its thread on an account
// (strategy-worker.ts): an object or a list as JSON (`{"level":3}`, where String gave "[object Object]"),
// an Error as its name and message, anything else as String gives it.

export function noteText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && !(v instanceof Error)) {
    try {
      const json = JSON.stringify(v);
      if (json !== undefined) return json;
    } catch {
      // A cycle or a BigInt inside: its kind, below.
    }
  }
  try {
    return String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}
