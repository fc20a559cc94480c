// The run's closed trades by the tag of the order that opened them (the strategy's ctx.buy(qty, { tag })),
// as the Trades tab shows them: the engine's rows (counted over every trade) or, for a run stored before
// it sent them, the rows of the trades listed. Shown only when the entries were tagged more than one way
// and not one tag per side, as the reports do: one row would repeat the summary, a tag per side the Sides
// table (judged on the trades listed).
import { entryTagRowsJson, entryTagsTell, type EntryTagRowJson } from '../../../../shared/backtest/entry-tags.ts';
import type { TradeSide } from '../../../../shared/backtest/sides.ts';

interface TaggedRun {
  entryTagRows?: readonly EntryTagRowJson[] | undefined;
  trades: readonly { side: TradeSide; entryTag?: string | undefined; closed: boolean; pnl: number; returnPct: number }[];
}

export function entryTagRows(run: TaggedRun): EntryTagRowJson[] {
  return run.entryTagRows ? [...run.entryTagRows] : entryTagRowsJson(run.trades);
}

export function showsEntryTags(run: TaggedRun): boolean {
  return entryTagRows(run).length > 1 && entryTagsTell(run.trades);
}
