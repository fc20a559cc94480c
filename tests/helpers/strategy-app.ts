// The app's trading slice in one process, as createKeel wires it, for strategy tests: a journal (memory or a
// file), the stored candles, the bus, the paper trading services, the market service with its replay and
// simulated market on a manual clock, and the StrategyService on the active engine. A test can swap the
// active account for a stand-in live one (a paper broker under another account name) to play arming, and
// can make the paper account a margin account (it is spot by default, as in the app; switched as the
// trader switches it, setKind).
import { EventBus } from '../../electron/app/event-bus.ts';
import { memoryLogger } from '../../electron/app/logger.ts';
import { createTradingServices } from '../../electron/app/trading-services.ts';
import { AuditLog } from '../../electron/journal/audit-log.ts';
import { CandleStore } from '../../electron/journal/candle-store.ts';
import { MemoryTradingJournal } from '../../electron/journal/memory-trading-journal.ts';
import { openJournal, type Journal } from '../../electron/journal/open-journal.ts';
import { MarketService } from '../../electron/market/market-service.ts';
import { ReplayService } from '../../electron/market/replay/replay-service.ts';
import { SimulatedSource } from '../../electron/market/simulated/simulated-source.ts';
import { memoryWatchlist } from '../../electron/market/watchlist-settings.ts';
import { RiskGate } from '../../electron/risk/risk-gate.ts';
import { RiskService } from '../../electron/risk/risk-service.ts';
import { memorySettings, sqliteSettings } from '../../electron/risk/settings-store.ts';
import { StrategyService, type ActiveTrading, type StrategyServiceOptions } from '../../electron/strategies/strategy-service.ts';
import { ExecutionEngine } from '../../electron/trading/execution-engine.ts';
import { DEFAULT_PAPER_RULES, PaperMarketRules } from '../../electron/trading/market-rules.ts';
import { FillModel, type FillModelOptions } from '../../electron/trading/paper/fill-model.ts';
import { PaperBroker } from '../../electron/trading/paper/paper-broker.ts';
import { toNumber } from '../../shared/trading/decimal.ts';
import type { EventName, EventPayload } from '../../shared/contract/index.ts';
import { manualTimers } from './manual-timers.ts';

export const SIM_ORIGIN = Date.UTC(2024, 0, 1);
export const SIM_NOW = SIM_ORIGIN + 3 * 86_400_000 + 15_000;

export interface StrategyApp {
  journal: Journal;
  candles: CandleStore;
  bus: EventBus;
  timers: ReturnType<typeof manualTimers>;
  trading: ReturnType<typeof createTradingServices>;
  market: MarketService;
  replay: ReplayService;
  audit: AuditLog;
  log: ReturnType<typeof memoryLogger>;
  /** The account strategies start on: paper unless a test armed the stand-in live one. */
  active: ActiveTrading;
  paper: ActiveTrading;
  strategies: StrategyService;
  /** A new StrategyService over the same journal and market (a restart of the strategy room); `options` replace its own. */
  newService(options?: Partial<StrategyServiceOptions>): StrategyService;
  /** Makes a stand-in live account active and tells the bus, as trading.arm does. */
  arm(): ActiveTrading;
  disarm(): void;
  of<E extends EventName>(name: E): EventPayload<E>[];
  close(): Promise<void>;
}

export function strategyApp(options: { file?: string; fillModel?: FillModelOptions; paperAccount?: 'spot' | 'margin' } = {}): StrategyApp {
  const journal = openJournal(options.file ?? ':memory:');
  const candles = new CandleStore(journal.db);
  const bus = new EventBus();
  const events: { name: EventName; payload: unknown }[] = [];
  bus.onAny((name, payload) => events.push({ name, payload }));
  const timers = manualTimers();
  const log = memoryLogger();
  const trading = createTradingServices({ db: journal.db, candles, bus, log, fillModel: options.fillModel });
  if (options.paperAccount) trading.engine.setKind(options.paperAccount);
  const replay = new ReplayService(candles, bus, timers);
  const market = new MarketService({
    bus,
    store: candles,
    replay,
    log,
    mode: 'none',
    createSimulated: () => new SimulatedSource({ seed: 11, origin: SIM_ORIGIN, now: () => SIM_NOW + timers.now(), timers }),
    createLive: () => {
      throw new Error('no live source in tests');
    },
    probe: async () => ({ ok: false, reason: 'tests' }),
    watchlist: memoryWatchlist([]),
    throttle: { timers, flushMs: 100, watchlistEveryMs: 1_000 },
  });
  const audit = new AuditLog(journal.db);
  const paper: ActiveTrading = { engine: trading.engine, risk: trading.risk, rules: trading.rules };
  let live: { active: ActiveTrading; close(): void } | null = null;
  const newService = (options: Partial<StrategyServiceOptions> = {}) =>
    new StrategyService({
      bus,
      market,
      active: () => app.active,
      settings: sqliteSettings(journal.db),
      audit,
      log,
      sizing: { takerFee: toNumber(trading.fillModel.rates.taker), slippage: trading.fillModel.slippageBps / 10_000 },
      ...options,
    });
  const app: StrategyApp = {
    journal,
    candles,
    bus,
    timers,
    trading,
    market,
    replay,
    audit,
    log,
    active: paper,
    paper,
    strategies: undefined as unknown as StrategyService,
    newService,
    arm() {
      const rules = new PaperMarketRules({ table: [...DEFAULT_PAPER_RULES] });
      const risk = new RiskService({ store: memorySettings(), symbols: trading.feed.symbols, clock: trading.feed.clock, publishEveryMs: 0 });
      const gate: RiskGate = risk.gate(() => new PaperBroker({ feed: trading.feed, rules, clock: trading.feed.clock, model: new FillModel(), account: 'binance:main' }));
      const engine = new ExecutionEngine({ gate, journal: new MemoryTradingJournal(), rules, feed: trading.feed, events: bus });
      risk.attach(engine);
      live = { active: { engine, risk, rules }, close: () => engine.close() };
      app.active = live.active;
      bus.emit('trading.mode', { mode: 'live', account: 'binance:main', armedAt: 1, accounts: ['binance:main'] });
      return live.active;
    },
    disarm() {
      live?.close();
      live = null;
      app.active = paper;
      bus.emit('trading.mode', { mode: 'paper', account: null, armedAt: null, accounts: ['binance:main'] });
    },
    of: <E extends EventName>(name: E) => events.filter((e) => e.name === name).map((e) => e.payload as EventPayload<E>),
    async close() {
      app.strategies.close();
      await market.close();
      live?.close();
      trading.close();
      journal.close();
    },
  };
  app.strategies = newService();
  return app;
}
