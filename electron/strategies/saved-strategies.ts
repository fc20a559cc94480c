// The paper strategies running when Keel stopped, in the journal's settings table, so start-up runs them
// again. Strategies on a live account are never saved: a restart must not trade a live account unattended.
// A saved entry that does not have the expected shape is skipped, never trusted.
import { z } from 'zod';
import { StrategyDirectionSchema, StrategyIdSchema } from '../../shared/contract/commands/strategy.ts';
import { MarketSelectionSchema } from '../../shared/contract/market-schemas.ts';
import { StopLossPctSchema, TakeProfitPctSchema, TrailingStopPctSchema } from '../../shared/contract/commands/backtest.ts';
import type { SettingsStore } from '../risk/settings-store.ts';

export const SAVED_STRATEGIES_KEY = 'strategies.running';

const SavedStrategySchema = z.strictObject({
  id: StrategyIdSchema,
  strategy: z.string().min(1).max(64),
  params: z.record(z.string(), z.number()),
  series: MarketSelectionSchema,
  /** Its protective exits; absent in entries saved before strategies had them (none). */
  exits: z.strictObject({ stopLossPct: StopLossPctSchema, takeProfitPct: TakeProfitPctSchema, trailingStopPct: TrailingStopPctSchema.optional() }).optional(),
  /** The sides it may take; absent in entries saved before strategies could short (long). */
  direction: StrategyDirectionSchema.optional(),
});
export type SavedStrategy = z.infer<typeof SavedStrategySchema>;

export function loadSavedStrategies(store: SettingsStore): SavedStrategy[] {
  const v = store.read(SAVED_STRATEGIES_KEY);
  if (!Array.isArray(v)) return [];
  const out: SavedStrategy[] = [];
  for (const item of v) {
    const parsed = SavedStrategySchema.safeParse(item);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

export function saveStrategies(store: SettingsStore, list: readonly SavedStrategy[]): void {
  store.write(SAVED_STRATEGIES_KEY, list);
}
