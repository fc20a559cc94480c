// A count and its noun in plain English, for messages a trader reads: "no orders", "1 order", "3 orders",
// where "0 order(s)" made the reader do the grammar. Regular nouns only (noun + "s"), which is all the
// messages need; give `plural` for another.
import { enNumber } from './en-number.ts';

/** `n` `noun`s: "no orders" (or `zero`), "1 order", "1,200 orders". */
export function countOf(n: number, noun: string, o: { plural?: string; zero?: string } = {}): string {
  const many = o.plural ?? `${noun}s`;
  if (n === 0) return `${o.zero ?? 'no'} ${many}`;
  return `${enNumber(n, 0, 0)} ${n === 1 ? noun : many}`;
}

/** The text with its first letter upper-case, for a count that starts a sentence ("No orders cancelled"). */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
