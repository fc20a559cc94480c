// The stored series as the switchers offer them: one entry per symbol (and exchange), each with the
// timeframes stored for it, shortest first. Switching symbol keeps the timeframe when the new symbol
// has it, else takes the nearest one, so BTC 1h → ETH shows ETH 1h, or ETH 30m if that is all there is.
import type { SeriesInfo } from '../../../../../shared/contract/schemas.ts';
import type { SeriesKey } from '../../../../../shared/domain/candle.ts';
import { timeframeMs, type Timeframe } from '../../../../../shared/domain/timeframe.ts';

export interface SymbolChoice {
  /** "local|BTC/USDT": the select's option value. */
  id: string;
  exchange: string;
  symbol: string;
  timeframes: Timeframe[];
}

export const symbolId = (exchange: string, symbol: string) => `${exchange}|${symbol}`;

export function symbolChoices(list: readonly SeriesInfo[]): SymbolChoice[] {
  const byId = new Map<string, SymbolChoice>();
  for (const s of list) {
    const id = symbolId(s.exchange, s.symbol);
    let choice = byId.get(id);
    if (!choice) byId.set(id, (choice = { id, exchange: s.exchange, symbol: s.symbol, timeframes: [] }));
    if (!choice.timeframes.includes(s.timeframe)) choice.timeframes.push(s.timeframe);
  }
  const choices = [...byId.values()];
  for (const c of choices) c.timeframes.sort((a, b) => timeframeMs(a) - timeframeMs(b));
  return choices.sort((a, b) => a.symbol.localeCompare(b.symbol) || a.exchange.localeCompare(b.exchange));
}

/** Of `offered`, the timeframe closest to `wanted` on a log scale (1h is nearer 30m than 4h). */
export function nearestTimeframe(offered: readonly Timeframe[], wanted: Timeframe): Timeframe | null {
  let best: Timeframe | null = null;
  let bestDistance = Infinity;
  for (const tf of offered) {
    const d = Math.abs(Math.log(timeframeMs(tf) / timeframeMs(wanted)));
    if (d < bestDistance) {
      best = tf;
      bestDistance = d;
    }
  }
  return best;
}

/** The series to show after choosing symbol `id`, or null when the list has no such symbol. */
export function switchSymbol(choices: readonly SymbolChoice[], current: SeriesKey | null, id: string): SeriesKey | null {
  const choice = choices.find((c) => c.id === id);
  if (!choice) return null;
  const timeframe = current ? nearestTimeframe(choice.timeframes, current.timeframe) : choice.timeframes[0];
  return timeframe ? { exchange: choice.exchange, symbol: choice.symbol, timeframe } : null;
}

/** The series to show after choosing `timeframe` for the current symbol, or null when it is not stored. */
export function switchTimeframe(choices: readonly SymbolChoice[], current: SeriesKey | null, timeframe: Timeframe): SeriesKey | null {
  if (!current) return null;
  const choice = choices.find((c) => c.id === symbolId(current.exchange, current.symbol));
  return choice?.timeframes.includes(timeframe) ? { exchange: current.exchange, symbol: current.symbol, timeframe } : null;
}
