// A paper trading stack with the whole risk room in front of it, for risk tests: feed, risk service (memory
// settings, audit rows kept in an array), the gate it makes around a paper broker, the engine, and every
// event. The limits start loose so a test turns on only the one it is about.
import { EventBus } from '../../../electron/app/event-bus.ts';
import { MemoryTradingJournal } from '../../../electron/journal/memory-trading-journal.ts';
import type { TradingJournal } from '../../../electron/journal/trading-journal.ts';
import { RiskService } from '../../../electron/risk/risk-service.ts';
import { memorySettings, type SettingsStore } from '../../../electron/risk/settings-store.ts';
import type { Broker } from '../../../electron/trading/broker.ts';
import { ExecutionEngine } from '../../../electron/trading/execution-engine.ts';
import { MarketFeed } from '../../../electron/trading/market-feed.ts';
import { DEFAULT_PAPER_RULES, PaperMarketRules } from '../../../electron/trading/market-rules.ts';
import { FillModel } from '../../../electron/trading/paper/fill-model.ts';
import { PaperBroker } from '../../../electron/trading/paper/paper-broker.ts';
import type { EventName, EventPayload } from '../../../shared/contract/index.ts';
import type { RiskLimits } from '../../../shared/risk/risk-limits.ts';
import type { OrderType } from '../../../shared/trading/orders.ts';
import { dec } from '../../../shared/trading/decimal.ts';
import { TEST_RULES } from '../trading/rig.ts';

/** Limits that refuse nothing a test does not ask them to. */
export const LOOSE: RiskLimits = {
  riskPerTradePct: 10,
  riskPerTradeMaxPct: 10,
  defaultStopPct: 1,
  defaultStopAtr: null,
  maxPositionNotional: 1e12,
  maxTotalExposure: 1e12,
  maxConcurrentPositions: 1000,
  maxOrdersPerMinute: 10_000,
  dailyLossLimitPct: 100,
  maxDrawdownPct: 100,
  closeOnLossLimit: false,
  symbolAllowlist: null,
  maxLeverage: 125,
  fatFingerPct: 100,
  minAiConfidencePct: 0,
  lossStreakLimit: 100,
  lossStreakCooldownMinutes: 0,
  correlationThreshold: 1,
  maxCorrelatedExposure: 1e12,
  timeZone: 'UTC',
};

export interface RiskRigOptions {
  limits?: Partial<RiskLimits>;
  mode?: 'conservative' | 'moderate' | 'aggressive' | 'custom';
  store?: SettingsStore;
  journal?: TradingJournal;
  startBalance?: string;
  accountMode?: 'spot' | 'margin';
  /** What a margin account's shorts pay to borrow, percent a year (default 0). */
  borrowRatePct?: string;
  /** Wraps the broker the gate builds (a spy). */
  wrapBroker?: (b: Broker) => Broker;
  circuitErrorThreshold?: number;
  /** Order types the paper venue holds itself (default all); fewer makes the engine emulate the rest. */
  nativeTypes?: OrderType[];
  /** The risk service's scope (a live account beside paper). */
  scope?: string;
  /** No event bus (faster: nothing builds wire objects), as in a backtest. */
  quiet?: boolean;
  /** How the kill switch's cancels become one commit (the app's: the journal's `atomically`). */
  batch?: <T>(fn: () => T) => T;
}

export function riskRig(options: RiskRigOptions = {}) {
  const feed = new MarketFeed();
  const rules = new PaperMarketRules({ table: [...DEFAULT_PAPER_RULES, TEST_RULES] });
  const bus = new EventBus();
  const events: { name: EventName; payload: unknown }[] = [];
  bus.onAny((name, payload) => events.push({ name, payload }));
  const audit: { actor: string; action: string; details: Record<string, unknown> }[] = [];
  const store = options.store ?? memorySettings({ 'risk.settings': { mode: options.mode ?? 'custom', limits: { ...LOOSE, ...options.limits } } });
  const risk = new RiskService({
    store,
    symbols: feed.symbols,
    clock: feed.clock,
    audit: { append: (e) => (audit.push(e), { seq: audit.length, ts: audit.length }) },
    events: options.quiet ? null : bus,
    publishEveryMs: 0,
    circuitErrorThreshold: options.circuitErrorThreshold,
    scope: options.scope ?? null,
    batch: options.batch,
  });
  const gate = risk.gate(() => {
    const paper = new PaperBroker({ feed, rules, clock: feed.clock, model: new FillModel({ slippageBps: 0 }), nativeTypes: options.nativeTypes });
    return options.wrapBroker ? options.wrapBroker(paper) : paper;
  });
  const journal = options.journal ?? new MemoryTradingJournal();
  const engine = new ExecutionEngine({ gate, journal, rules, feed, events: options.quiet ? null : bus, mode: options.accountMode, startBalance: dec(options.startBalance ?? '10000'), borrowRatePct: dec(options.borrowRatePct ?? '0') });
  risk.attach(engine);
  feed.subscribe(risk.history);
  const of = <E extends EventName>(name: E) => events.filter((e) => e.name === name).map((e) => e.payload as EventPayload<E>);
  /** A price tick, then what the app does after one. */
  const tick = (symbol: string, ts: number, price: number) => {
    feed.onPrice(symbol, ts, price, 1);
    risk.observe();
  };
  return { feed, rules, bus, events, of, audit, store, risk, gate, journal, engine, tick };
}
