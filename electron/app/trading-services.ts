// The composition root of trading: the one file (with electron/risk) that builds a broker. The paper
// broker is made inside the risk gate's constructor from the factory below, so after this function
// returns, the gate holds the only reference to it; the engine gets the gate. The risk service (the
// rules, the kill switch, the circuit breaker) is built first and makes the gate.
import type Database from 'better-sqlite3';
import { toNumber, type Dec } from '../../shared/trading/decimal.ts';
import type { CandleStore } from '../journal/candle-store.ts';
import { AuditLog } from '../journal/audit-log.ts';
import { checkpointWhenIdle } from '../journal/idle-checkpoint.ts';
import { SqliteTradingJournal } from '../journal/trading-store.ts';
import { localTimeZone } from '../risk/day-clock.ts';
import { Projector } from '../risk/projection/projector.ts';
import { RiskService } from '../risk/risk-service.ts';
import { sqliteSettings } from '../risk/settings-store.ts';
import { averageFill, bracketStop } from '../trading/bracket-levels.ts';
import { MarketClock, wallClock } from '../trading/clock.ts';
import { ExecutionEngine } from '../trading/execution-engine.ts';
import { feedFromMarketCandles } from '../trading/market-candle-feed.ts';
import { MarketFeed } from '../trading/market-feed.ts';
import { PaperMarketRules, type MarketRulesProvider } from '../trading/market-rules.ts';
import { FillModel, type FillModelOptions } from '../trading/paper/fill-model.ts';
import { PaperBroker } from '../trading/paper/paper-broker.ts';
import type { EventBus } from './event-bus.ts';
import type { Logger } from './logger.ts';
import { storedMinutes } from './stored-minutes.ts';

export interface TradingServices {
  readonly engine: ExecutionEngine;
  readonly feed: MarketFeed;
  readonly risk: RiskService;
  /** Account growth projections per risk mode. */
  readonly projector: Projector;
  /** The paper markets' rules (tick, step, minimum) and fill model (fees, slippage): strategies size entries with them. */
  readonly rules: MarketRulesProvider;
  readonly fillModel: FillModel;
  /** Stops listening to the market and closes the broker. */
  close(): void;
}

export interface TradingServicesOptions {
  db: Database.Database;
  candles: CandleStore;
  bus: EventBus;
  log: Logger;
  fillModel?: FillModelOptions;
  /** The paper account's opening cash (default 10,000 USDT). */
  startBalance?: Dec;
}

/** How many stored candles are sampled to infer a market's tick size. */
const RULES_SAMPLE = 500;

export function createTradingServices(options: TradingServicesOptions): TradingServices {
  const { candles, bus, log } = options;
  // Market time once data flows (replay or live), wall time before the first tick.
  const clock = new MarketClock(wallClock);
  const feed = new MarketFeed({ clock });
  const rules = new PaperMarketRules({
    samplePrices: (symbol) => {
      const series = candles.listSeries().find((s) => s.symbol === symbol);
      if (!series) return null;
      const cols = candles.readColumns(series, { limit: RULES_SAMPLE });
      return cols.length ? Float64Array.from([...cols.o, ...cols.h, ...cols.l, ...cols.c]) : null;
    },
    storedSymbols: () => candles.listSeries().map((s) => s.symbol),
  });
  const model = new FillModel(options.fillModel);
  const journal = new SqliteTradingJournal(options.db);
  const risk = new RiskService({
    store: sqliteSettings(options.db),
    symbols: feed.symbols,
    clock,
    audit: new AuditLog(options.db),
    auditDb: options.db,
    events: bus,
    log,
    defaults: { timeZone: localTimeZone() },
    timer: () => performance.now(),
    batch: (fn) => journal.atomically(fn),
    // Correlations and ATR start from the stored 1-minute candles of a symbol.
    history: storedMinutes(candles),
  });
  const gate = risk.gate(() => new PaperBroker({ feed, rules, clock, model }));
  // The paper account opens as spot; the journal keeps the kind the trader switches it to (setKind,
  // trading.setAccountKind), audited in the same commit.
  const engine = new ExecutionEngine({ gate, journal, rules, feed, clock, events: bus, audit: new AuditLog(options.db), log, startBalance: options.startBalance });
  risk.attach(engine);
  const projector = new Projector(risk.settings, {
    fills: (limit) => journal.fills(engine.account, { limit }),
    stopOf: (id) => {
      const entry = journal.findOrder(engine.account, id);
      const stop = entry?.bracket ? bracketStop(entry.bracket, entry.side, averageFill(entry) ?? entry.refPrice) : null;
      return stop === null ? null : toNumber(stop);
    },
  });
  const stopHistory = feed.subscribe(risk.history);
  const detach = feedFromMarketCandles(
    bus,
    feed,
    () => {
      engine.publishMarks();
      risk.observe();
    },
    log,
    engine,
    // A replay started over: the rewind's re-marks are no loss for the loss limits.
    () => risk.marketWentBack(),
  );
  // Order acknowledgements must not wait for the disk: checkpoints run when the app is idle.
  const stopCheckpoints = checkpointWhenIdle(options.db);
  return {
    engine,
    feed,
    risk,
    projector,
    rules,
    fillModel: model,
    close() {
      detach();
      stopHistory();
      risk.close();
      engine.close();
      stopCheckpoints();
    },
  };
}
