// A paper trading rig for tests: feed, paper broker behind a risk gate, engine, memory (or given)
// journal, and every event the engine emits.
import { EventBus } from '../../../electron/app/event-bus.ts';
import type { Logger } from '../../../electron/app/logger.ts';
import { MemoryTradingJournal } from '../../../electron/journal/memory-trading-journal.ts';
import type { TradingJournal } from '../../../electron/journal/trading-journal.ts';
import type { PendingBook } from '../../../electron/risk/pending-book.ts';
import { RiskGate, type RiskRule } from '../../../electron/risk/risk-gate.ts';
import { ExecutionEngine, type TradingAuditSink } from '../../../electron/trading/execution-engine.ts';
import { MarketFeed } from '../../../electron/trading/market-feed.ts';
import { DEFAULT_PAPER_RULES, PaperMarketRules, type MarketRules } from '../../../electron/trading/market-rules.ts';
import { FillModel, type FillModelOptions } from '../../../electron/trading/paper/fill-model.ts';
import { PaperBroker } from '../../../electron/trading/paper/paper-broker.ts';
import type { EventName, EventPayload } from '../../../shared/contract/index.ts';
import { dec } from '../../../shared/trading/decimal.ts';
import type { OrderType, Origin } from '../../../shared/trading/orders.ts';

export const USER: Origin = { kind: 'user' };

/** A test market with round numbers: tick 0.01, step 0.001, no minimum value. */
export const TEST_RULES: MarketRules = { symbol: 'TST/USDT', base: 'TST', quote: 'USDT', tickSize: dec('0.01'), stepSize: dec('0.001'), minQty: dec('0.001'), minNotional: 0n };

export interface RigOptions {
  fill?: FillModelOptions;
  journal?: TradingJournal;
  mode?: 'spot' | 'margin';
  startBalance?: string;
  /** Percent a year a short pays on what it borrows. */
  borrowRatePct?: string;
  risk?: RiskRule[];
  /** The risk gate's book of orders it sent (to look at what it still counts as pending). */
  book?: PendingBook;
  nativeTypes?: OrderType[];
  feed?: MarketFeed;
  /** No event sink, as in a backtest. */
  quiet?: boolean;
  audit?: TradingAuditSink;
  log?: Logger;
}

export function paperRig(options: RigOptions = {}) {
  const feed = options.feed ?? new MarketFeed();
  const rules = new PaperMarketRules({ table: [...DEFAULT_PAPER_RULES, TEST_RULES] });
  const bus = new EventBus();
  const events: { name: EventName; payload: unknown }[] = [];
  bus.onAny((name, payload) => events.push({ name, payload }));
  const gate = new RiskGate(
    () => new PaperBroker({ feed, rules, clock: feed.clock, model: new FillModel({ slippageBps: 0, ...options.fill }), nativeTypes: options.nativeTypes }),
    options.risk ?? [],
    options.book ? { book: options.book } : {},
  );
  const journal = options.journal ?? new MemoryTradingJournal();
  const engine = new ExecutionEngine({
    gate,
    journal,
    rules,
    feed,
    events: options.quiet ? null : bus,
    audit: options.audit,
    log: options.log,
    mode: options.mode,
    startBalance: options.startBalance === undefined ? undefined : dec(options.startBalance),
    borrowRatePct: options.borrowRatePct === undefined ? undefined : dec(options.borrowRatePct),
  });
  const of = <E extends EventName>(name: E) => events.filter((e) => e.name === name).map((e) => e.payload as EventPayload<E>);
  return { feed, rules, bus, events, of, gate, journal, engine };
}
