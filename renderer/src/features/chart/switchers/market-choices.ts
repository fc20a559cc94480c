// The market picker's choices: the stored series (per exchange label) and each streaming source's
// symbols, grouped the way the select shows them, and which choice the chart shows now.
import type { SeriesInfo } from '../../../../../shared/contract/schemas.ts';
import type { SeriesKey } from '../../../../../shared/domain/candle.ts';
import type { Timeframe } from '../../../../../shared/domain/timeframe.ts';
import type { DataSource } from '../chart-store.ts';
import type { SourceMarkets } from './market-catalog.ts';
import { nearestTimeframe, symbolChoices } from './series-choices.ts';

export type PickSource = 'stored' | 'live' | 'simulated';

export interface MarketOption {
  /** "simulated|simulated|BTC/USDT": the option's value. */
  id: string;
  source: PickSource;
  exchange: string;
  symbol: string;
  /** Stored: the timeframes stored for it; streaming: the source's. */
  timeframes: Timeframe[];
}

export interface MarketGroup {
  label: string;
  available: boolean;
  note: string;
  options: MarketOption[];
}

export const optionId = (source: PickSource, exchange: string, symbol: string) => `${source}|${exchange}|${symbol}`;

const SOURCE_LABEL: Record<'live' | 'simulated', string> = { live: 'Live', simulated: 'Simulated' };

/** Streaming sources first (what trades), then the journal. */
export function marketGroups(stored: readonly SeriesInfo[], sources: readonly SourceMarkets[] | null): MarketGroup[] {
  const groups: MarketGroup[] = [];
  for (const s of sources ?? []) {
    groups.push({
      label: s.source === 'simulated' ? SOURCE_LABEL.simulated : `${SOURCE_LABEL.live} · ${s.exchange}`,
      available: s.available && s.symbols.length > 0,
      note: s.note,
      options: s.symbols.map((symbol) => ({ id: optionId(s.source, s.exchange, symbol), source: s.source, exchange: s.exchange, symbol, timeframes: s.timeframes })),
    });
  }
  const byExchange = new Map<string, MarketOption[]>();
  for (const c of symbolChoices(stored)) {
    const list = byExchange.get(c.exchange) ?? [];
    list.push({ id: optionId('stored', c.exchange, c.symbol), source: 'stored', exchange: c.exchange, symbol: c.symbol, timeframes: c.timeframes });
    byExchange.set(c.exchange, list);
  }
  for (const [exchange, options] of byExchange) groups.push({ label: `Stored · ${exchange}`, available: true, note: 'candles in the local journal', options });
  return groups;
}

/** The picker's source for what the chart shows: a replay is of stored candles. */
export function pickSourceOf(source: DataSource | undefined): PickSource {
  return source === 'live' || source === 'simulated' ? source : 'stored';
}

export function findOption(groups: readonly MarketGroup[], id: string): MarketOption | null {
  for (const g of groups) for (const o of g.options) if (o.id === id) return o;
  return null;
}

/** The series to show for `option`: the current timeframe when it serves it, else the nearest. */
export function seriesFor(option: MarketOption, current: Timeframe | null): SeriesKey | null {
  const timeframe = current && option.timeframes.includes(current) ? current : current ? nearestTimeframe(option.timeframes, current) : (option.timeframes[0] ?? null);
  return timeframe ? { exchange: option.exchange, symbol: option.symbol, timeframe } : null;
}
