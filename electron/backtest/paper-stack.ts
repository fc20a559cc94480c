// The backtest's composition root: the same trading stack as paper trading (market feed, paper broker
// inside the risk gate, execution engine), on a memory journal and the feed's market clock. Like
// electron/app/trading-services.ts it is one of the few files allowed to build a broker, and it builds it
// inside the gate's constructor, so after this function returns only the gate holds it.
import { dec, decFromNumber, type Dec } from '../../shared/trading/decimal.ts';
import type { FillRecord, OrderRecord } from '../journal/trading-journal.ts';
import { RiskService } from '../risk/risk-service.ts';
import { runSettings } from '../risk/settings-store.ts';
import { ExecutionEngine } from '../trading/execution-engine.ts';
import { MarketFeed } from '../trading/market-feed.ts';
import { inferRules, PaperMarketRules, type MarketRules } from '../trading/market-rules.ts';
import { accountQuote } from '../../shared/backtest/account-quote.ts';
import { FillModel } from '../trading/paper/fill-model.ts';
import { PaperBroker } from '../trading/paper/paper-broker.ts';
import { BacktestJournal } from './backtest-journal.ts';
import { limitsForCapital, type RiskModeSettings } from './risk-modes.ts';

export interface PaperStackOptions {
  symbol: string;
  /** Prices to infer the market's tick and step from when the paper table does not list the symbol. */
  samplePrices: ArrayLike<number>;
  /** More markets the same account trades (a portfolio backtest), each with its own sample prices. */
  others?: readonly { symbol: string; samplePrices: ArrayLike<number> }[];
  capital: number;
  /** Fee per fill as a fraction (0.001 = 0.1 %), maker and taker alike. */
  feeRate: number;
  slippageBps: number;
  risk: RiskModeSettings;
  /** spot (the default: long or flat) or margin (shorts with 1× collateral). */
  account?: 'spot' | 'margin';
  /** What a short pays on what it borrowed, percent a year (default 0). */
  borrowRatePct?: number;
  /**
   * Every fill, as the engine journals it: called from inside the engine's fill handling, after the
   * portfolio has taken it, so it must only read (never place or cancel orders). `order` is the engine's
   * record of the order it filled (a bracket child has a parentId).
   */
  onFill: (fill: FillRecord, order: Readonly<OrderRecord>) => void;
  /** Every order that ends expired (one the cash cut among them: cash-cut-notes.ts), as the engine journals it; only reads. */
  onExpired?: (order: Readonly<OrderRecord>) => void;
}

export interface PaperStack {
  feed: MarketFeed;
  engine: ExecutionEngine;
  /** The first market's rules. */
  rules: MarketRules;
  /** Any of the stack's markets' rules (the first, or one of `others`). */
  rulesOf(symbol: string): MarketRules;
  risk: RiskService;
  close(): void;
}

export function paperStack(o: PaperStackOptions): PaperStack {
  const feed = new MarketFeed();
  const table = new PaperMarketRules();
  const rules = marketRules(table, o.symbol, o.samplePrices);
  const all = new Map([[o.symbol, rules]]);
  for (const m of o.others ?? []) all.set(m.symbol, marketRules(table, m.symbol, m.samplePrices));
  const model = new FillModel({ feeRate: o.feeRate, slippageBps: o.slippageBps });
  // The risk room as the app builds it, on settings holding the mode and its limits (what it saves as it
  // goes is dropped: nothing reads it back); no audit log and no events (nothing listens), and no
  // publishing timer.
  const risk = new RiskService({
    store: runSettings({ 'risk.settings': { mode: o.risk.mode, limits: limitsForCapital(o.risk, o.capital) } }),
    symbols: feed.symbols,
    clock: feed.clock,
    publishEveryMs: 0,
  });
  const gate = risk.gate(() => new PaperBroker({ feed, rules: table, clock: feed.clock, model }));
  // No event sink (nothing listens; the engine then builds no wire objects): fills are heard at the journal.
  const journal = new BacktestJournal(o.onFill, o.onExpired ?? null);
  const engine = new ExecutionEngine({
    gate,
    journal,
    rules: table,
    feed,
    events: null,
    quoteAsset: accountQuote(all.keys()),
    startBalance: capitalDec(o.capital),
    mode: o.account ?? 'spot',
    borrowRatePct: decFromNumber(o.borrowRatePct ?? 0),
  });
  risk.attach(engine);
  // ATR-based default stops need the market history the app feeds the risk room; only then is it fed.
  const stopHistory = o.risk.limits.defaultStopAtr !== null ? feed.subscribe(risk.history) : () => {};
  return {
    feed,
    engine,
    rules,
    rulesOf: (symbol) => {
      const r = all.get(symbol);
      if (!r) throw new RangeError(`${symbol} is not one of this backtest's markets (${[...all.keys()].join(', ')})`);
      return r;
    },
    risk,
    close: () => {
      stopHistory();
      engine.close();
      risk.close();
    },
  };
}

/** The paper table's rules for the symbol, or rules inferred from its prices (and added to the table). */
function marketRules(table: PaperMarketRules, symbol: string, samplePrices: ArrayLike<number>): MarketRules {
  let rules = table.rules(symbol);
  if (!rules) {
    rules = inferRules(symbol, samplePrices);
    if (!rules) throw new RangeError(`cannot infer market rules for ${symbol}: no valid prices`);
    table.set(rules);
  }
  return rules;
}

function capitalDec(capital: number): Dec {
  if (!(capital > 0) || !Number.isFinite(capital)) throw new RangeError(`capital must be a number above 0, got ${capital}`);
  return capital === Math.floor(capital) ? dec(String(capital)) : decFromNumber(capital);
}
