// The composition root of trading: the one file (with electron/risk) that builds a broker. The paper
// broker is made inside the risk gate's constructor from the factory below, so after this function
// returns, the gate holds the only reference to it; the engine gets the gate.
import type Database from 'better-sqlite3';
import { dec, type Dec } from '../../shared/trading/decimal.ts';
import type { CandleStore } from '../journal/candle-store.ts';
import { checkpointWhenIdle } from '../journal/idle-checkpoint.ts';
import { SqliteTradingJournal } from '../journal/trading-store.ts';
import { maxPositionNotional } from '../risk/max-position-notional.ts';
import { RiskGate } from '../risk/risk-gate.ts';
import { MarketClock, wallClock } from '../trading/clock.ts';
import { ExecutionEngine } from '../trading/execution-engine.ts';
import { feedFromMarketCandles } from '../trading/market-candle-feed.ts';
import { MarketFeed } from '../trading/market-feed.ts';
import { PaperMarketRules } from '../trading/market-rules.ts';
import { FillModel, type FillModelOptions } from '../trading/paper/fill-model.ts';
import { PaperBroker } from '../trading/paper/paper-broker.ts';
import type { EventBus } from './event-bus.ts';
import type { Logger } from './logger.ts';

export interface TradingServices {
  readonly engine: ExecutionEngine;
  readonly feed: MarketFeed;
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
  /** The one risk rule for now: the most one ledger's position in one market may be worth (default 1,000,000). */
  maxPositionNotional?: Dec;
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
  const gate = new RiskGate(() => new PaperBroker({ feed, rules, clock, model }), [maxPositionNotional(options.maxPositionNotional ?? dec('1000000'))]);
  const engine = new ExecutionEngine({ gate, journal: new SqliteTradingJournal(options.db), rules, feed, clock, events: bus, log, startBalance: options.startBalance });
  const detach = feedFromMarketCandles(bus, feed, () => engine.publishMarks(), log);
  // Order acknowledgements must not wait for the disk: checkpoints run when the app is idle.
  const stopCheckpoints = checkpointWhenIdle(options.db);
  return {
    engine,
    feed,
    close() {
      detach();
      engine.close();
      stopCheckpoints();
    },
  };
}
