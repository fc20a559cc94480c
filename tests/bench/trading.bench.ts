// Trading: how fast the engine acknowledges an order (journaled in a WAL file journal, as the app runs
// it), how many fills per second the paper broker and the engine push through, how long marking 10,000
// positions takes, and the per-bar path a backtest drives (feed → paper broker → portfolio marks).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../../electron/app/event-bus.ts';
import { MemoryTradingJournal } from '../../electron/journal/memory-trading-journal.ts';
import { checkpointWhenIdle } from '../../electron/journal/idle-checkpoint.ts';
import { openJournal } from '../../electron/journal/open-journal.ts';
import type { TradingJournal } from '../../electron/journal/trading-journal.ts';
import { SqliteTradingJournal } from '../../electron/journal/trading-store.ts';
import { RiskGate } from '../../electron/risk/risk-gate.ts';
import { maxPositionNotional } from '../../electron/risk/max-position-notional.ts';
import { ExecutionEngine, type TradingEventSink } from '../../electron/trading/execution-engine.ts';
import { MarketFeed } from '../../electron/trading/market-feed.ts';
import { PaperMarketRules } from '../../electron/trading/market-rules.ts';
import { FillModel } from '../../electron/trading/paper/fill-model.ts';
import { PaperBroker } from '../../electron/trading/paper/paper-broker.ts';
import { Portfolio } from '../../electron/trading/portfolio.ts';
import { SymbolTable } from '../../electron/trading/symbol-table.ts';
import { dec } from '../../shared/trading/decimal.ts';
import type { Origin } from '../../shared/trading/orders.ts';
import type { BenchSuite } from './bench-types.ts';
import { quantile, round } from './stats.ts';
import { strategyBarMicros } from './strategy-thread-bars.ts';

const USER: Origin = { kind: 'user' };

function engine(journal: TradingJournal, events: TradingEventSink | null) {
  const feed = new MarketFeed();
  const rules = new PaperMarketRules();
  const gate = new RiskGate(() => new PaperBroker({ feed, rules, clock: feed.clock, model: new FillModel() }), [maxPositionNotional(dec('1000000000000'))]);
  return { feed, engine: new ExecutionEngine({ gate, journal, rules, feed, events, startBalance: dec('1000000000000') }) };
}

/**
 * Submit → accepted and journaled (two commits: "new", then "accepted"), with the bus serializing events
 * as the bridge does, and WAL checkpoints on the idle timer as the app runs them. Orders arrive in bursts
 * of 50 with a 2 ms pause between bursts, a brisk user or strategy, so the timer gets its idle moments.
 */
async function orderAckP99(n: number, dir: string): Promise<{ wall: number; cpu: number }> {
  const journal = openJournal(join(dir, 'journal.sqlite'));
  const stopCheckpoints = checkpointWhenIdle(journal.db, { intervalMs: 100 });
  try {
    const bus = new EventBus();
    let bytes = 0;
    bus.onAny((name, payload) => (bytes += JSON.stringify({ event: name, payload }).length));
    const { feed, engine: e } = engine(new SqliteTradingJournal(journal.db), bus);
    feed.onPrice('BTC/USDT', 0, 60_000, 1);
    const warmup = Math.min(500, n);
    const samples = new Float64Array(n);
    // CPU time beside wall time: on a busy shared machine the wall tail is mostly the neighbours' turn.
    const cpu = new Float64Array(n);
    for (let i = 0; i < warmup + n; i++) {
      if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      const price = (50_000 - (i % 1000)).toFixed(2);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const o = e.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.001', price }, USER);
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (o.status !== 'accepted') throw new Error(`order ${o.id} is ${o.status}`);
      if (i >= warmup) {
        samples[i - warmup] = ms;
        cpu[i - warmup] = (c.user + c.system) / 1000;
      }
    }
    if (bytes === 0) throw new Error('no events were sent');
    e.close();
    return { wall: quantile(samples, 0.99), cpu: quantile(cpu, 0.99) };
  } finally {
    stopCheckpoints();
    journal.close();
  }
}

/** Market orders placed in batches, then one tick fills each batch: fills per second of tick time. */
function fillsPerSecond(batches: number, batch: number): number {
  const { feed, engine: e } = engine(new MemoryTradingJournal({ keepEvents: false }), null);
  let t = 0;
  feed.onPrice('BTC/USDT', t, 60_000, Number.NaN);
  let fillMs = 0;
  for (let b = 0; b < batches; b++) {
    const side = b % 2 === 0 ? 'buy' : 'sell';
    for (let i = 0; i < batch; i++) e.place({ symbol: 'BTC/USDT', side, type: 'market', qty: '0.001' }, USER);
    const t0 = performance.now();
    feed.onPrice('BTC/USDT', ++t, 60_000 + (b % 7), Number.NaN);
    fillMs += performance.now() - t0;
  }
  if (e.openOrders().length !== 0) throw new Error('some orders did not fill');
  e.close();
  return (batches * batch) / (fillMs / 1000);
}

/** Marking 10,000 positions (100 markets × 100 ledgers) from their markets' last prices. */
function markToMarketMs(runs: number): number {
  const symbols = new SymbolTable();
  const p = new Portfolio({ account: 'bench', quoteAsset: 'USDT', startBalance: dec('1000000'), mode: 'margin', symbols });
  for (let i = 0; i < 10_000; i++) p.applyFill(`C${i % 100}/USDT`, `strategy:s${Math.floor(i / 100)}`, i % 3 ? 'buy' : 'sell', dec('0.5'), dec('100'), 0n, i);
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    for (let s = 0; s < 100; s++) p.mark(symbols.id(`C${s}/USDT`), 100 + ((r + s) % 10));
    const t0 = performance.now();
    p.markAll();
    samples.push(performance.now() - t0);
  }
  return quantile(samples, 0.5);
}

/** The backtest's per-bar path: bars through the feed, the paper broker (nothing resting) and the marks of one open position. */
function barsPerSecond(n: number): number {
  const { feed, engine: e } = engine(new MemoryTradingJournal({ keepEvents: false }), null);
  feed.onPrice('BTC/USDT', 0, 60_000, 1);
  e.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' }, USER);
  feed.onPrice('BTC/USDT', 1, 60_000, 1);
  const id = feed.symbols.id('BTC/USDT');
  const rates: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const o = 60_000 + (i % 200);
      feed.barById(id, i * 60_000, o, o + 12.5, o - 9.25, o + 3, 10, 60_000);
    }
    rates.push(n / ((performance.now() - t0) / 1000));
  }
  if (e.portfolio.markOf(id) !== 60_000 + ((n - 1) % 200) + 3) throw new Error('the marks did not follow the bars');
  e.close();
  return quantile(rates.slice(1), 0.5);
}

const suite: BenchSuite = {
  name: 'trading',
  async run({ quick, log }) {
    const dir = mkdtempSync(join(tmpdir(), 'keel-bench-trading-'));
    try {
      const acks = quick ? 2_000 : 10_000;
      const ack = await orderAckP99(acks, dir);
      log(`trading: ${acks} limit orders acknowledged through the risk gate into a WAL journal, p99 ${ack.wall.toFixed(3)} ms (${ack.cpu.toFixed(3)} ms of CPU time)`);
      const [batches, batch] = quick ? [20, 1_000] : [100, 2_000];
      const fills = fillsPerSecond(batches, batch);
      log(`trading: ${batches * batch} market orders filled by the paper broker and booked by the engine (memory journal)`);
      const mtm = markToMarketMs(quick ? 50 : 200);
      const bars = quick ? 1_000_000 : 5_000_000;
      const barRate = barsPerSecond(bars);
      log(`trading: ${bars.toLocaleString('en-US')} bars per run through feed, paper broker and marks, median of 4 runs`);
      const strategyBars = quick ? 2_000 : 20_000;
      const own = await strategyBarMicros(dir, strategyBars);
      if (own.fills.inline !== own.fills.thread || own.fills.inline === 0) throw new Error(`the strategy made ${own.fills.inline} fills inline and ${own.fills.thread} in its thread`);
      if (own.fills.host === 0) throw new Error('the strategy made no fills in its thread in the process for strategies\u2019 code');
      log(`trading: a strategy file of yours over ${strategyBars.toLocaleString('en-US')} closed bars on the bus (2 ctx reads a bar, ${own.fills.thread} fills): ${own.inline.toFixed(1)} µs a bar inline, ${own.thread.toFixed(1)} µs in its own thread, ${own.host.toFixed(1)} µs in its thread in the process for strategies' code (as the app runs it; ${Math.ceil(strategyBars / 10).toLocaleString('en-US')} bars)`);
      return {
        paper_order_ack_p99_ms: round(ack.wall, 4),
        paper_order_ack_cpu_p99_ms: round(ack.cpu, 4),
        fills_per_s: Math.round(fills),
        mark_to_market_10k_positions_ms: round(mtm, 4),
        paper_bars_per_s: Math.round(barRate),
        strategy_bar_inline_us: round(own.inline, 2),
        strategy_bar_thread_us: round(own.thread, 2),
        strategy_bar_host_us: round(own.host, 2),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
