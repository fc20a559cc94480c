// Risk: how long one order takes through the whole gate (all fifteen rules, exposure and correlations over
// 100 open positions), and how long the kill switch takes to cancel 1,000 open paper orders with the
// journal on disk as the app runs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal } from '../../electron/journal/open-journal.ts';
import { SqliteTradingJournal } from '../../electron/journal/trading-store.ts';
import type { TradingJournal } from '../../electron/journal/trading-journal.ts';
import { MemoryTradingJournal } from '../../electron/journal/memory-trading-journal.ts';
import type { RiskContext, RiskOrder } from '../../electron/risk/risk-gate.ts';
import { RiskService } from '../../electron/risk/risk-service.ts';
import { memorySettings } from '../../electron/risk/settings-store.ts';
import { ExecutionEngine } from '../../electron/trading/execution-engine.ts';
import { MarketFeed } from '../../electron/trading/market-feed.ts';
import { PaperMarketRules, type MarketRules } from '../../electron/trading/market-rules.ts';
import { FillModel } from '../../electron/trading/paper/fill-model.ts';
import { PaperBroker } from '../../electron/trading/paper/paper-broker.ts';
import { DEFAULT_LIMITS } from '../../shared/risk/risk-limits.ts';
import { dec, decFromNumber } from '../../shared/trading/decimal.ts';
import type { Origin } from '../../shared/trading/orders.ts';
import type { BenchSuite } from './bench-types.ts';
import { quantile, round } from './stats.ts';

const USER: Origin = { kind: 'user' };
const T0 = Date.UTC(2024, 0, 2);

function market(symbol: string): MarketRules {
  return { symbol, base: symbol.split('/')[0]!, quote: 'USDT', tickSize: dec('0.01'), stepSize: dec('0.001'), minQty: dec('0.001'), minNotional: 0n };
}

/** A paper stack with the app's rule set, limits wide enough that the orders measured all pass every rule. */
function stack(symbols: string[], journal: TradingJournal) {
  // As the app runs it: the kill switch's cancels in one journal transaction.
  const feed = new MarketFeed();
  const rules = new PaperMarketRules({ table: symbols.map(market) });
  const risk = new RiskService({
    store: memorySettings({
      'risk.settings': {
        mode: 'custom',
        limits: { ...DEFAULT_LIMITS, riskPerTradePct: 10, riskPerTradeMaxPct: 10, maxConcurrentPositions: 1000, maxOrdersPerMinute: 10_000, maxLeverage: 100, maxTotalExposure: 1e12, maxCorrelatedExposure: 1e12, correlationThreshold: 0.5 },
      },
    }),
    symbols: feed.symbols,
    clock: feed.clock,
    timer: () => performance.now(),
    batch: (fn) => journal.atomically(fn),
    publishEveryMs: 0,
  });
  const gate = risk.gate(() => new PaperBroker({ feed, rules, clock: feed.clock, model: new FillModel({ slippageBps: 0 }) }));
  const engine = new ExecutionEngine({ gate, journal, rules, feed, events: null, mode: 'margin', startBalance: dec('100000000') });
  risk.attach(engine);
  feed.subscribe(risk.history);
  return { feed, risk, gate, engine };
}

/**
 * One order through the gate, p99 in µs, with 100 open positions in 100 markets that have 2 hours of
 * 1-minute history (so the correlated exposure rule has 100 correlations to consult). Each check gets a
 * fresh context, as the engine builds one per order, so nothing is memoized across checks. `fresh`: every
 * market gets a new 1-minute bucket before each check, so every correlation is computed again.
 */
function riskCheck(checks: number, fresh: boolean): { p50: number; p99: number } {
  const symbols = Array.from({ length: 101 }, (_, i) => `S${i}/USDT`);
  const s = stack(symbols, new MemoryTradingJournal({ keepEvents: false }));
  // History: 120 one-minute buckets per market, loosely correlated random walks.
  let x = 7;
  const rand = () => ((x = (x * 16807) % 2147483647) / 2147483647) - 0.5;
  const prices = symbols.map(() => 100);
  for (let m = 0; m < 120; m++) {
    const common = rand() * 0.01;
    symbols.forEach((sym, i) => {
      prices[i] = prices[i]! * Math.exp(common + rand() * 0.01);
      s.feed.onPrice(sym, T0 + m * 60_000, prices[i]!, 1);
    });
  }
  // 100 open positions (market orders fill at the next price).
  for (let i = 0; i < 100; i++) s.engine.place({ symbol: symbols[i]!, side: i % 2 ? 'sell' : 'buy', type: 'market', qty: '1' }, USER);
  symbols.forEach((sym, i) => s.feed.onPrice(sym, T0 + 120 * 60_000, prices[i]!, 1));
  const open = s.engine.portfolio.positions().filter((p) => p.qty !== 0n).length;
  if (open !== 100) throw new Error(`expected 100 open positions, have ${open}`);
  const target = symbols[100]!;
  const targetId = s.feed.symbols.id(target);
  const order: RiskOrder = { id: 'bench', symbol: target, side: 'buy', type: 'limit', qty: dec('1'), refPrice: decFromNumber(Math.round(prices[100]! * 100) / 100), reduceOnly: false, ledger: 'user', origin: USER, stopPrice: null };
  // The account view as the engine hands it to the rules (see ExecutionEngine's #riskAccount).
  const pf = s.engine.portfolio;
  const account = { positions: () => pf.positions(), position: (a: string, b: string) => pf.position(a, b), markOf: (id: number) => pf.markOf(id), equityFloat: () => pf.equityFloat(), protectiveStop: () => null };
  const lastPrice = decFromNumber(s.engine.portfolio.markOf(targetId));
  const samples = new Float64Array(checks);
  const warmup = Math.min(2000, checks);
  let now = T0 + 121 * 60_000;
  for (let k = 0; k < warmup + checks; k++) {
    now += 10;
    if (fresh) {
      now += 60_000;
      for (let i = 0; i <= 100; i++) s.risk.history.price(i, now, prices[i]! * (1 + rand() * 1e-3));
    }
    const ctx: RiskContext = {
      quoteAsset: 'USDT',
      positionQty: 0n,
      pendingBuyQty: 0n,
      pendingSellQty: 0n,
      lastPrice,
      cash: 0n,
      get equity() {
        return 0n;
      },
      now,
      account,
    };
    const t0 = performance.now();
    const refusal = s.gate.check(order, ctx);
    const us = (performance.now() - t0) * 1000;
    if (refusal) throw new Error(`the bench order was refused: ${refusal.message}`);
    if (k >= warmup) samples[k - warmup] = us;
  }
  s.engine.close();
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
}

/** Kill switch: 1,000 open paper orders in a WAL journal on disk; from the trigger until all are cancelled, ms. */
function killSwitchMs(rounds: number, orders: number, dir: string): number {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const journal = openJournal(join(dir, `kill-${r}.sqlite`));
    try {
      const s = stack(['BTC/USDT'], new SqliteTradingJournal(journal.db));
      s.feed.onPrice('BTC/USDT', T0, 60_000, 1);
      for (let i = 0; i < orders; i++) s.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.001', price: (59_000 - (i % 500)).toFixed(2) }, USER);
      if (s.engine.openOrders().length !== orders) throw new Error('the orders did not all rest');
      const t0 = performance.now();
      const report = s.risk.kill({ flatten: false, actor: 'user', via: 'bench' });
      const ms = performance.now() - t0;
      if (report.cancelled !== orders || s.engine.openOrders().length !== 0) throw new Error(`the kill switch left ${s.engine.openOrders().length} orders open`);
      times.push(ms);
      s.engine.close();
    } finally {
      journal.close();
    }
  }
  return quantile(times, 0.5);
}

const suite: BenchSuite = {
  name: 'risk',
  async run({ quick, log }) {
    const checks = quick ? 5_000 : 50_000;
    log(`one order through the gate with 100 open positions, ${checks.toLocaleString('en-US')} checks...`);
    const warm = riskCheck(checks, false);
    log('the same, every market with a new 1-minute bucket before each check (correlations recomputed)...');
    const fresh = riskCheck(quick ? 200 : 2_000, true);
    const dir = mkdtempSync(join(tmpdir(), 'keel-bench-risk-'));
    try {
      log('kill switch over 1,000 open paper orders (SQLite journal, WAL)...');
      const kill = killSwitchMs(quick ? 2 : 5, 1000, dir);
      return {
        risk_check_p99_us: round(warm.p99, 2),
        risk_check_p50_us: round(warm.p50, 2),
        risk_check_new_bucket_p99_us: round(fresh.p99, 1),
        kill_switch_ms: round(kill, 2),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
