// Opens a live exchange account for the arming step: a risk service of its own (scoped to the account: its
// own kill switch, day start, peak and losing streak; the same saved mode and limits as paper; its circuit
// breaker fed by the live broker's venue health), the live engine through live-trading-services.ts on the app's journal and market feed,
// and the first reconciliation. Also reads an account's balances for the arming preview. What that
// reconciliation found that Keel did not do (foreign orders, balance drift) goes back to the arming step,
// which shows it to the trader; the kill switch says which foreign orders it left open (live-account-risk.ts).
import type Database from 'better-sqlite3';
import { AuditLog } from '../journal/audit-log.ts';
import { SqliteBalanceAdjustments } from '../journal/balance-adjustments.ts';
import type { CandleStore } from '../journal/candle-store.ts';
import { SqliteTradingJournal } from '../journal/trading-store.ts';
import { localTimeZone } from '../risk/day-clock.ts';
import type { RiskService } from '../risk/risk-service.ts';
import { sqliteSettings } from '../risk/settings-store.ts';
import { parseAccountId } from '../secrets/exchange-account.ts';
import type { ExchangeCredentials } from '../secrets/credentials.ts';
import { balanceRows } from '../trading/live/balance-rows.ts';
import { createLiveExchange, type LiveExchangeConfig } from '../trading/live/live-exchange.ts';
import type { MarketFeed } from '../trading/market-feed.ts';
import type { EventBus } from './event-bus.ts';
import { LiveAccountRisk } from './live-account-risk.ts';
import { storedMinutes } from './stored-minutes.ts';
import { openLiveTrading, type LiveTradingOptions, type LiveTradingServices } from './live-trading-services.ts';
import type { Logger } from './logger.ts';
import type { OpenedLive } from './trading-mode-service.ts';

export interface LiveOpenerOptions {
  db: Database.Database;
  candles: CandleStore;
  /** The app's trading feed (prices from the market service), shared with the paper engine. */
  feed: MarketFeed;
  bus: EventBus;
  log: Logger;
  /** URLs and timeouts; tests point it at the local Binance server. */
  connection?: Omit<LiveExchangeConfig, 'exchange' | 'credentials'>;
  broker?: LiveTradingOptions['broker'];
}

export interface LiveOpener {
  open(account: string, credentials: () => Promise<ExchangeCredentials | null>): Promise<OpenedLive & { readonly risk: RiskService }>;
  balances(account: string, credentials: ExchangeCredentials): Promise<Record<string, { free: string; locked: string }>>;
}

export function liveAccountOpener(options: LiveOpenerOptions): LiveOpener {
  const { db, candles, feed, bus, log } = options;
  return {
    async open(account, credentials) {
      const { exchange } = parseAccountId(account);
      const journal = new SqliteTradingJournal(db);
      // Set once the live services are open; the risk service (the gate) exists before them.
      let live: LiveTradingServices | null = null;
      const risk = new LiveAccountRisk({
        exchange,
        foreignOrders: () => live?.monitor.last?.foreignOpenOrders ?? [],
        monitor: () => live?.monitor ?? null,
        // Its own kill switch, day start, peak and losing streak; the mode and limits are paper's too.
        scope: account,
        store: sqliteSettings(db),
        symbols: feed.symbols,
        clock: feed.clock,
        audit: new AuditLog(db),
        auditDb: db,
        events: bus,
        log,
        defaults: { timeZone: localTimeZone() },
        timer: () => performance.now(),
        // A kill's cancels of engine-held (emulated) orders in one commit; exchange cancels are sent after.
        batch: (fn) => journal.atomically(fn),
        // Correlations and ATR start from the stored 1-minute candles of a symbol.
        history: storedMinutes(candles),
      });
      try {
        live = await openLiveTrading({
          account,
          exchange,
          credentials,
          connection: options.connection,
          journal,
          feed,
          clock: feed.clock,
          events: bus,
          log,
          gate: (broker) => risk.gate(broker),
          broker: options.broker,
          adjustments: new SqliteBalanceAdjustments(db),
        });
      } catch (err) {
        risk.close();
        throw err;
      }
      risk.attach(live.engine);
      const stopHistory = feed.subscribe(risk.history);
      // As for paper: daily loss and drawdown watched, and open positions marked on screen, on every price.
      const engine = live.engine;
      const onPrice = () => {
        engine.publishMarks();
        risk.observe();
      };
      const stopObserve = feed.subscribe({ price: onPrice, bar: onPrice, book: () => {} });
      const balances = live.monitor.last?.balances ?? (await live.balances());
      const drift = live.drift();
      if (drift.length > 0) log.warn('trading', `${account}: the exchange's balances differ from the journal's: ${drift.map((d) => `${d.asset} ${d.difference}`).join(', ')} (deposits, withdrawals or trades Keel did not make)`);
      const opened = live;
      return {
        engine: live.engine,
        balances,
        risk,
        rules: live.rules,
        findings: () => opened.findings(),
        acknowledgeDrift: (seen) => opened.acknowledgeDrift(seen),
        onFindings: (listener) => opened.monitor.onChange(listener),
        close() {
          stopObserve();
          stopHistory();
          risk.close();
          live.close();
        },
      };
    },
    async balances(account, credentials) {
      const { exchange } = parseAccountId(account);
      const ex = await createLiveExchange({ ...options.connection, exchange, credentials });
      try {
        return balanceRows(await ex.fetchBalance());
      } finally {
        await ex.close().catch(() => {});
      }
    },
  };
}
