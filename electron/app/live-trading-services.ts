// The composition root of LIVE trading: builds an execution engine on a real exchange account. Like
// trading-services.ts for paper, this is one of the few files that may build a broker: the live broker is
// made inside the risk gate's constructor, so the gate holds the only reference to it; the engine gets
// the gate, and the app keeps only a monitor (live-monitor.ts), which cannot trade.
//
// Opening takes a round trip to the exchange: the markets (for the rules every order is checked against
// before it is journaled), the balances (the account's opening cash the first time it is seen, and what
// the arming step shows), then the first reconciliation of the journal's open orders. The first time an
// account is armed, what the exchange holds beyond the journal (coins from before Keel) is taken as its
// opening balance (balance-adjustments.ts) and said once; later armings report only drift since.
import type { LiveFindings } from '../../shared/contract/commands/trading-mode.ts';
import { KeelError } from '../../shared/contract/errors.ts';
import type { Dec } from '../../shared/trading/decimal.ts';
import { dec } from '../../shared/trading/decimal.ts';
import type { TradingJournal } from '../journal/trading-journal.ts';
import type { Broker } from '../trading/broker.ts';
import { maxPositionNotional } from '../risk/max-position-notional.ts';
import { RiskGate } from '../risk/risk-gate.ts';
import type { Clock } from '../trading/clock.ts';
import { ExecutionEngine, type TradingEventSink } from '../trading/execution-engine.ts';
import { MemoryBalanceAdjustments, type BalanceAdjustments } from '../journal/balance-adjustments.ts';
import { balanceDrift, balanceTotals, differing, type BalanceDrift } from '../trading/live/balance-drift.ts';
import { balanceRows } from '../trading/live/balance-rows.ts';
import { CcxtLiveBroker, type CcxtLiveBrokerOptions, type CredentialsProvider, type ReconcileReport } from '../trading/live/ccxt-live-broker.ts';
import { CcxtMarketRules } from '../trading/live/ccxt-market-rules.ts';
import type { MarketRulesProvider } from '../trading/market-rules.ts';
import { createLiveExchange, type LiveExchange, type LiveExchangeConfig } from '../trading/live/live-exchange.ts';
import { LiveMonitor } from '../trading/live/live-monitor.ts';
import type { MarketFeed } from '../trading/market-feed.ts';
import type { Logger } from './logger.ts';

export interface LiveTradingOptions {
  /** "binance:main": the journal account and the keychain entry. */
  account: string;
  /** The ccxt id ("binance"). */
  exchange: string;
  credentials: CredentialsProvider;
  connection?: Omit<LiveExchangeConfig, 'exchange' | 'credentials'>;
  journal: TradingJournal;
  feed: MarketFeed;
  clock: Clock;
  events?: TradingEventSink | null;
  log: Logger;
  /** The account's cash asset; default USDT. */
  quoteAsset?: string;
  /**
   * Makes the risk gate around the broker factory: the app passes its risk service's (rules, kill switch,
   * circuit breaker fed by the broker's venue health). Default: a gate with one position-size rule.
   */
  gate?: (broker: () => Broker) => RiskGate;
  /** The default gate's limit on one ledger's position in one market (default 1,000,000). */
  maxPositionNotional?: Dec;
  /** Broker tuning and test hooks. */
  broker?: Pick<CcxtLiveBrokerOptions, 'pollMs' | 'backoff' | 'probe'>;
  /** How long the first reconciliation may take before opening fails; default 30 s. */
  reconcileTimeoutMs?: number;
  /** Where the balances taken as given are kept (the app: the journal's; default: memory, this run only). */
  adjustments?: BalanceAdjustments;
  /** Builds the exchange (default ccxt); tests may pass their own. */
  createExchange?: (config: LiveExchangeConfig) => Promise<LiveExchange>;
}

export interface LiveTradingServices {
  readonly engine: ExecutionEngine;
  readonly account: string;
  readonly monitor: LiveMonitor;
  /** The exchange's market rules (tick, step, minimum): strategies size their orders with them. */
  readonly rules: MarketRulesProvider;
  /** The exchange's balances now, read fresh. */
  balances(): Promise<Record<string, { free: string; locked: string }>>;
  /** The engine's account against the exchange's, as of the last reconciliation (empty when they agree). */
  drift(): BalanceDrift[];
  /** What this opening took as the account's opening balance (the first arming only; else empty). */
  readonly opening: readonly BalanceDrift[];
  /** What the trader must hear of: foreign open orders and drift (last reconciliation), cancels refused again and again. */
  findings(): LiveFindings;
  /**
   * The trader says the drift is theirs (a deposit, a withdrawal): the exchange's balances of the last
   * reconciliation are taken as right, a row per differing asset in one commit. Returns what was taken.
   */
  acknowledgeDrift(seen: readonly DriftSeen[]): LiveFindings['balanceDrift'];
  /** Stops polling; open orders stay on the exchange and are reconciled the next time. */
  close(): void;
}

export async function openLiveTrading(options: LiveTradingOptions): Promise<LiveTradingServices> {
  const { account, log } = options;
  const credentials = await options.credentials();
  if (!credentials) throw new Error(`no API key is stored for ${account}; add one with \`keel keys set ${account.replace(':', ' ')}\``);
  const create = options.createExchange ?? createLiveExchange;
  const exchange = await create({ ...options.connection, exchange: options.exchange, credentials });
  try {
    const markets = await exchange.loadMarkets();
    const rules = new CcxtMarketRules(markets);
    const quoteAsset = options.quoteAsset ?? 'USDT';
    const quote = balanceRows(await exchange.fetchBalance())[quoteAsset];
    const monitor = new LiveMonitor();
    const makeGate = options.gate ?? ((broker) => new RiskGate(broker, [maxPositionNotional(options.maxPositionNotional ?? dec('1000000'))]));
    const gate = makeGate(
      () =>
        new CcxtLiveBroker({
          account,
          exchangeId: options.exchange,
          credentials: options.credentials,
          // The broker shares the instance whose markets are loaded: one set of markets, one rate limiter.
          createExchange: async () => exchange,
          rules,
          clock: options.clock,
          feeRates: (s) => rules.fees(s),
          log,
          monitor,
          ...options.broker,
        }),
    );
    const engine = new ExecutionEngine({
      gate,
      journal: options.journal,
      rules,
      feed: options.feed,
      clock: options.clock,
      events: options.events ?? null,
      log,
      quoteAsset,
      // Only the first time this account is opened; after that the journal's own opening balance stands.
      startBalance: quote ? dec(quote.free) + dec(quote.locked) : 0n,
    });
    const limit = options.reconcileTimeoutMs ?? 30_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), limit)));
    const first = await Promise.race([monitor.firstReconcile(), timedOut]).finally(() => clearTimeout(timer));
    if (first === 'timeout') {
      engine.close();
      throw new Error(`${options.exchange} did not let Keel reconcile ${account} within ${Math.round(limit / 1000)} s (see the log for why); live trading was not started`);
    }
    const adjustments = options.adjustments ?? new MemoryBalanceAdjustments();
    let opening: BalanceDrift[] = [];
    if (adjustments.offsets(account) === null && monitor.last) {
      // First arming: a row per asset either side holds (so the opening is recorded even when all agree).
      const totals = balanceTotals(engine.accountSnapshot(), monitor.last.balances);
      adjustments.record(account, totals, 'opening', options.clock.now());
      opening = differing(totals);
      if (opening.length > 0) log.info('trading', `${account}: first arming; took ${options.exchange}'s balances as the opening balance: ${opening.map((d) => `${d.asset} ${d.exchange}`).join(', ')}`);
    }
    // Read once, and again after an acknowledgement: nothing else writes them while this account is open.
    let offsets = adjustments.offsets(account);
    const drift = () => (monitor.last ? balanceDrift(engine.accountSnapshot(), monitor.last.balances, offsets) : []);
    const asFinding = (d: BalanceDrift) => ({ asset: d.asset, expected: d.engine, exchange: d.exchange, difference: d.difference });
    return {
      engine,
      account,
      monitor,
      rules,
      balances: async () => balanceRows(await exchange.fetchBalance()),
      drift,
      opening,
      findings: () => ({
        reconciledAt: monitor.last?.at ?? null,
        foreignOpenOrders: monitor.last?.foreignOpenOrders.map((o) => ({ ...o })) ?? [],
        balanceDrift: drift().map(asFinding),
        openingBalances: opening.map(asFinding),
        refusedCancels: monitor.refusedCancels,
      }),
      acknowledgeDrift: (seen) => {
        if (!monitor.last) return [];
        const taken = balanceTotals(engine.accountSnapshot(), monitor.last.balances, offsets).filter((t) => t.expected !== t.exchange);
        // Only the drift the trader looked at: what a reconciliation since found (another deposit, a fill) is not theirs to wave through unseen.
        const now = differing(taken).map(asFinding);
        if (!sameDrift(now, seen)) throw new KeelError('conflict', `the balance drift is no longer what was shown (${describeDrift(seen)}); it is now ${describeDrift(now)}: look at it again before taking ${options.exchange}'s balances as right`);
        if (taken.length === 0) return [];
        adjustments.record(account, taken, 'acknowledged', options.clock.now());
        offsets = adjustments.offsets(account);
        return differing(taken).map(asFinding);
      },
      close: () => engine.close(),
    };
  } catch (err) {
    await exchange.close().catch(() => {});
    throw err;
  }
}

export type { ReconcileReport };

/** What the arming dialog showed of one asset's drift, sent back with an acknowledgement. */
export interface DriftSeen {
  asset: string;
  exchange: string;
}

/** The same assets, each at the same exchange balance. */
export function sameDrift(now: readonly DriftSeen[], seen: readonly DriftSeen[]): boolean {
  return now.length === seen.length && now.every((d) => seen.some((s) => s.asset === d.asset && s.exchange === d.exchange));
}

function describeDrift(rows: readonly DriftSeen[]): string {
  return rows.length === 0 ? 'none' : rows.map((r) => `${r.asset} ${r.exchange} on the exchange`).join(', ');
}
