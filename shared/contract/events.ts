// Every event stream the renderer may subscribe to, with the schema of its payload.
import { z } from 'zod';
import { CandleSchema, ReplayStateSchema, SeriesKeySchema } from './schemas.ts';
import { AccountSchema, FillSchema, OrderSchema, PositionsSchema } from '../trading/orders.ts';
import { JournalHealthSchema } from './journal-health.ts';
import { RiskEventSchema, RiskStateSchema } from './risk-schemas.ts';
import { BookEventSchema, MarketStatusSchema, TickerEventSchema, TradesEventSchema, WatchlistSchema } from './market-schemas.ts';
import { backtestEvents } from './commands/backtest.ts';
import { marketEvents } from './commands/market.ts';
import { strategyEvents } from './commands/strategy.ts';
import { tradingModeEvents } from './commands/trading-mode.ts';

export const events = {
  /** A candle changed: the forming candle got a tick (closed: false) or a candle closed (closed: true). */
  'market.candle': z.strictObject({
    series: SeriesKeySchema,
    candle: CandleSchema,
    closed: z.boolean(),
    /** Where the data comes from, so the UI never shows replayed or simulated data as live. */
    source: z.enum(['replay', 'simulated', 'live']),
  }),
  /** The active market source's health changed (live, delayed, stale, offline), with the reason. */
  'market.status': MarketStatusSchema,
  /** New trades of the active symbol, oldest first, batched (at most ~10 events a second). */
  'market.trades': TradesEventSchema,
  /** The active symbol's ticker, coalesced to the latest. */
  'market.ticker': TickerEventSchema,
  /** The active symbol's order book, coalesced to the latest. */
  'market.book': BookEventSchema,
  /** The watchlist's prices and 24 h changes, at most about once a second. */
  'market.watchlist': WatchlistSchema,
  /** A file import's progress, and its end (a series stored). */
  ...marketEvents,
  /** The replay changed state (started, paused, speed, finished). */
  'replay.state': ReplayStateSchema,
  // The paper engine and an armed live account's engine both publish the four trading events below; each
  // names the account it is of (`account`: "paper", "binance:main"), so a view shows only the account the
  // trading.* commands act on (trading.mode's armed account, else paper).
  /** An order changed (placed, accepted, filled, cancelled, ...): its state after the change, already journaled. */
  'trading.order': OrderSchema,
  /** A fill, already journaled. */
  'trading.fill': FillSchema,
  /** Every position of the account after a fill, or after a price moved an open one. */
  'trading.positions': PositionsSchema,
  /** The account after a fill, or after a price moved an open position. */
  'trading.account': AccountSchema,
  /**
   * An account's journal stopped saving (a write failed: the error, and that the account was reloaded from
   * the journal or that the reload failed too), or saves again. Once per change, never per failed write;
   * trading.journalHealth answers the state of every account whose journal failed.
   */
  'trading.journalHealth': JournalHealthSchema,
  /** Live trading armed or disarmed (trading.arm / trading.disarm). */
  ...tradingModeEvents,
  /** The risk engine's state: mode, limits, kill switch, circuit breaker and gauges (on change; usage at most twice a second). */
  'risk.state': RiskStateSchema,
  /** A refusal, a kill switch trigger or re-arm, a breach, the circuit breaker, a mode or limits change (already in the audit log). */
  'risk.event': RiskEventSchema,
  /** A backtest run moved on; backtest.done when it ends. */
  ...backtestEvents,
  /** A running strategy's state (started, a bar, a fill, a note, halted, stopped). */
  ...strategyEvents,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
