// Which sides a strategy may trade: long or flat (the default, and all a spot account can do), short or
// flat, or both. Shorts trade on a margin account with 1× collateral; the built-in strategies turn their
// one signal into either side (electron/strategies/builtins/signal-orders.ts).

export const DIRECTIONS = ['long', 'short', 'both'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const DIRECTION_LABELS: Readonly<Record<Direction, string>> = { long: 'long only', short: 'short only', both: 'long and short' };

/** Short enough for a run's label, a table row or a legend: "" for long only, so long runs are named as they always were. */
export const DIRECTION_TAGS: Readonly<Record<Direction, string>> = { long: '', short: 'short', both: 'long+short' };

export const isDirection = (text: string): text is Direction => (DIRECTIONS as readonly string[]).includes(text);

/** A direction from text (a flag, a form), or a RangeError naming the valid ones. */
export function parseDirection(text: string): Direction {
  const t = text.trim().toLowerCase();
  if (isDirection(t)) return t;
  throw new RangeError(`unknown direction "${text}"; valid: long (long or flat), short (short or flat), both`);
}

/** The account a direction needs: shorts need margin. */
export const accountFor = (d: Direction): 'spot' | 'margin' => (d === 'long' ? 'spot' : 'margin');
