// What a strategy file of the trader's own costs per bar on an account: the same file run inline, in its
// own thread (strategy-thread.ts) and in that thread in the process for the trader's code (code-host.ts), fed closed candles on the bus through a StrategyRunner over a paper
// engine, as the app feeds it. Each bar the strategy reads its position and its open orders (two calls
// back to the engine's thread) and crosses an SMA now and then (an order through the risk gate).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryLogger } from '../../electron/app/logger.ts';
import { CodeHost } from '../../electron/strategies/code-host.ts';
import type { HostLine } from '../../electron/strategies/code-host-protocol.ts';
import { loadStrategyFile } from '../../electron/strategies/own-strategies.ts';
import { dropOwnStrategies } from '../../electron/strategies/registry.ts';
import { StrategyRunner } from '../../electron/strategies/strategy-runner.ts';
import { feedFromMarketCandles } from '../../electron/trading/market-candle-feed.ts';
import { paperRig } from '../unit/trading/rig.ts';
import { quantile } from './stats.ts';

const STRATEGY = `export default {
  name: 'bench-thread-sma',
  description: 'sma 5/20 cross, reading its position and open orders every bar',
  params: {},
  indicators: () => [{ name: 'sma', params: { period: 5 }, warmup: 4 }, { name: 'sma', params: { period: 20 }, warmup: 19 }],
  create: (_p, ctx) => ({
    onBar(bar) {
      const [fast, slow] = ctx.indicators;
      const held = ctx.position();
      if (ctx.hasOpenOrders()) return;
      if (held === 0 && fast.ago(0) > slow.ago(0) && fast.ago(1) <= slow.ago(1)) ctx.buy(1);
      else if (held > 0 && fast.ago(0) < slow.ago(0)) ctx.closePosition();
    },
  }),
};
`;

/**
 * Microseconds a bar, median of the runs after the first, inline, in the strategy's thread in this process,
 * and in its thread in the process for the trader's code as the app runs it (over `bars / 10` bars: each
 * crossing goes through a socket); and the fills each made.
 */
export async function strategyBarMicros(dir: string, bars: number): Promise<{ inline: number; thread: number; host: number; fills: { inline: number; thread: number; host: number } }> {
  const file = join(dir, 'bench-thread-sma.mjs');
  writeFileSync(file, STRATEGY);
  await loadStrategyFile(file);
  const codeHost = new CodeHost();
  try {
    const inline = perBar(bars, false);
    const thread = perBar(bars, true);
    const host = perBar(Math.ceil(bars / 10), true, await codeHost.line());
    return { inline: inline.us, thread: thread.us, host: host.us, fills: { inline: inline.fills, thread: thread.fills, host: host.fills } };
  } finally {
    codeHost.close();
    dropOwnStrategies(file);
  }
}

function perBar(bars: number, ownThread: boolean, host?: HostLine): { us: number; fills: number } {
  const samples: number[] = [];
  let fills = 0;
  for (let run = 0; run < 4; run++) {
    const r = paperRig({ fill: { slippageBps: 0 }, startBalance: '1000000', quiet: false });
    feedFromMarketCandles(r.bus, r.feed, () => {}, memoryLogger());
    const series = { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' as const };
    const runner = new StrategyRunner({ bus: r.bus, engine: r.engine, rules: r.rules, series, strategy: 'bench-thread-sma', positionShare: 1, takerFee: 0.001, ownThread, host });
    const t0 = Date.UTC(2024, 0, 1);
    const started = performance.now();
    for (let i = 0; i < bars; i++) {
      const c = 100 + 10 * Math.sin(i / 15);
      r.bus.emit('market.candle', { series, candle: { t: t0 + i * 60_000, o: c, h: c + 0.5, l: c - 0.5, c, v: 10 }, closed: true, source: 'replay' });
    }
    samples.push(((performance.now() - started) * 1000) / bars);
    runner.stop();
    fills = r.engine.fills({ limit: 100_000 }).length;
  }
  return { us: quantile(samples.slice(1), 0.5), fills };
}
