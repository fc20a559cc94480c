// A running strategy's status and the words for it, from what the service knows at the moment: whether
// its market's source is the active one and sends candles, whether the risk room halts new entries, whether its code threw at
// its latest bars, and how many bars it has seen against how many its indicators need. Halted comes first:
// it is what the user must act on.
import type { StrategyHaltKind } from '../../shared/contract/commands/strategy.ts';
import type { MarketSelection } from '../../shared/contract/market-schemas.ts';

export type StrategyStatus = 'warming' | 'running' | 'failing' | 'waiting' | 'halted';

export interface StatusInputs {
  series: MarketSelection;
  /** Its candles reach the bus: its source and exchange are the active ones. */
  streaming: boolean;
  /** What refuses new entries (the kill switch, the circuit breaker, a cooldown) and why in words, or null. */
  halt: { by: StrategyHaltKind; text: string } | null;
  /**
   * Why its source, though the active one, sends no candles now (a replay paused or finished, an exchange
   * offline), in the market's words; null or absent while it does.
   */
  sourceDown?: string | null | undefined;
  bars: number;
  warmup: number;
  /** Bars of the market's history read at the start for the warm-up (0: none). */
  seeded?: number | undefined;
  /** Closed bars in a row its code threw at, up to the latest, and the latest failure (StrategyRunner.failing). */
  failing?: { bars: number; failure: string } | undefined;
}

/** The status, its words, and what halts it as data (null unless halted): the row reads that, not the words. */
export interface StatusOf {
  status: StrategyStatus;
  statusText: string;
  haltedBy: StrategyHaltKind | null;
}

export function strategyStatus(s: StatusInputs): StatusOf {
  if (s.halt !== null) {
    // Its code failing is said first: "halted" alone hid the error for thousands of bars, and re-arming
    // would not make it trade.
    if ((s.failing?.bars ?? 0) > 0) return { status: 'failing', statusText: `${failingText(s.failing!)}; it is halted too (${s.halt.text}), and re-arming will not make it trade`, haltedBy: s.halt.by };
    return { status: 'halted', statusText: `halted: ${s.halt.text}; new entries are refused, exits still pass`, haltedBy: s.halt.by };
  }
  return { ...unhalted(s), haltedBy: null };
}

function failingText(f: { bars: number; failure: string }): string {
  const at = f.bars === 1 ? 'the last bar' : `each of the last ${f.bars} bars`;
  return `failing: its code failed at ${at} (${f.failure}); it keeps hearing bars and its position stays as it is: stop it, fix its code and start it again`;
}

function unhalted(s: StatusInputs): { status: StrategyStatus; statusText: string } {
  if (!s.streaming) {
    const where = s.series.source === 'simulated' ? 'the simulated market' : s.series.source === 'replay' ? `the replay of ${s.series.exchange} ${s.series.symbol} ${s.series.timeframe}` : `live ${s.series.exchange}`;
    return { status: 'waiting', statusText: `waiting: ${where} is not the active market source; it runs again when it is` };
  }
  // The active source, but no candle comes: "running" would promise bars that never come.
  if (s.sourceDown) return { status: 'waiting', statusText: `waiting: its market sends no candles now (${s.sourceDown}); it runs again when they come` };
  // Its code throwing at every bar since some bar is not the strategy running as written: said before the
  // bar counts, though it keeps hearing bars (the next may go through) and its position stays as it is.
  if ((s.failing?.bars ?? 0) > 0) return { status: 'failing', statusText: failingText(s.failing!) };
  const need = barsNeeded(s.warmup, s.seeded);
  if (s.bars < need) return { status: 'warming', statusText: `warming up: ${s.bars} of ${need} bars` };
  return { status: 'running', statusText: `running: ${s.bars} bars` };
}

/**
 * Closed bars a strategy holds before it is running. A bar's indicators have values from bar index `warmup`
 * on: warmup + 1 closed bars. A run whose warm-up was read from the market's history at the start is ready
 * once it holds `warmup` of them: the next bar it hears has its values, as the first bar of a backtest from
 * --from has.
 */
export function barsNeeded(warmup: number, seeded: number | undefined): number {
  return (seeded ?? 0) > 0 ? warmup : warmup + 1;
}
