// A run's closed trades by the tag of the order that opened them (ctx.buy(qty, { tag: 'breakout' })): which
// of a strategy's reasons to enter pays, as the Entries table shows it beside the metrics. Most trades
// first; trades opened by an untagged order are one row (tag null). A run whose entries carry no tag has
// no rows, and its reports read as they always have.
import { tagsAreSides, type TradeSide } from './sides.ts';
import { factorJson, groupStats, type GroupStats } from './trade-group.ts';

export interface EntryTagRow extends GroupStats {
  /** The entry's tag; null for the trades whose entry had none. */
  tag: string | null;
}

/** An EntryTagRow as JSON carries it (the bridge, `--json`): a profit factor without a losing trade is null. */
export type EntryTagRowJson = Omit<EntryTagRow, 'profitFactor'> & { profitFactor: number | null };

type Tagged = { entryTag?: string | undefined; closed: boolean; pnl: number; returnPct: number };

/** Rows a table shows at most: past them, the tags with the fewest trades share one row. */
export const MAX_ENTRY_TAG_ROWS = 20;

export function entryTagBreakdown(trades: readonly Tagged[]): EntryTagRow[] {
  const groups = new Map<string | null, Tagged[]>();
  let tagged = false;
  for (const t of trades) {
    if (!t.closed) continue;
    const tag = t.entryTag ?? null;
    if (tag !== null) tagged = true;
    const list = groups.get(tag);
    if (list) list.push(t);
    else groups.set(tag, [t]);
  }
  if (!tagged) return [];
  // Most trades first; ties by tag, the untagged last.
  const order = [...groups].sort(([a, x], [b, y]) => y.length - x.length || (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  const all = () => true;
  const rows: EntryTagRow[] = order.slice(0, MAX_ENTRY_TAG_ROWS).map(([tag, list]) => ({ tag, ...groupStats(list, all)! }));
  const rest = order.slice(MAX_ENTRY_TAG_ROWS);
  if (rest.length > 0) rows[rows.length - 1] = { tag: `(${rest.length + 1} other tags)`, ...groupStats([...order[MAX_ENTRY_TAG_ROWS - 1]![1], ...rest.flatMap(([, list]) => list)], all)! };
  return rows;
}

export function entryTagRowsJson(trades: readonly Tagged[]): EntryTagRowJson[] {
  return entryTagBreakdown(trades).map((r) => ({ ...r, profitFactor: factorJson(r.profitFactor) }));
}

/** A row's tag as a table cell: the untagged trades' row says so. */
export const entryTagLabel = (tag: string | null): string => tag ?? '(untagged)';

/**
 * Whether the entries' tags tell more than the summary and the Sides table do: the trades were entered by
 * orders tagged in more than one way (untagged counting as one), and not one tag per side. Then the
 * reports show the Entries table and the trade list an entry-tag column; each built-in, with one tag each
 * way, shows neither.
 */
export function entryTagsTell(trades: readonly { side?: TradeSide | undefined; entryTag?: string | undefined; closed: boolean }[]): boolean {
  let differ = false;
  const first = trades[0]?.entryTag;
  for (const t of trades) {
    if (t.entryTag !== first) {
      differ = true;
      break;
    }
  }
  return differ && !tagsAreSides(trades, (t) => t.entryTag ?? null);
}

