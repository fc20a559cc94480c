// Chart benchmark: the real renderer in Debian's Chromium against a real `keel serve` holding the
// 45,031 imported 1m BTC candles. A replay starts at 1000x with 20,000 bars of history, so the chart
// holds 20,000 bars plus five indicators (EMA 20, EMA 50, Bollinger 20/2, RSI 14, MACD 12/26/9: 11
// series in four panes) while candles stream in.
//
// chart_update_ms: the median time of one coalesced update (candles, volume and every indicator's
//   streaming step and series update), taken inside the page with performance.now() around the feed's
//   apply (window.__keelChartBench). Painting happens later in the frame and is not part of it. The
//   feed holds the 20,000 bars and every indicator value over them; the chart library is handed the
//   slice around the view (history/render-slice.ts), as in the app.
// chart_fps_20k: frames per second the page managed meanwhile, counted with requestAnimationFrame.
//   Headless Chromium here renders in software, on a machine with two cores that also runs keel serve.
// chart_frame_cpu_ms: the page's main-thread CPU time per frame (Chromium's ThreadTime: script,
//   style, layout, paint), the part of a frame's budget (16.7 ms at 60 fps) the page itself uses. Being
//   CPU time, it holds when other processes compete for the cores; fps does not, and the log line
//   gives the machine's load average.
import { loadavg } from 'node:os';
import WebSocket from 'ws';
import { createBridgeClient, type SocketLike } from '../../shared/bridge/client.ts';
import { BRIDGE_PATH, TOKEN_PARAM } from '../../shared/bridge/protocol.ts';
import { launchChromium } from '../e2e/support/browser.ts';
import { importBtcMinutes, tempDataDir } from '../e2e/support/keel-cli.ts';
import { startKeelServe } from '../e2e/support/keel-serve.ts';
import { assertRendererBuilt } from '../e2e/support/paths.ts';
import type { BenchSuite } from './bench-types.ts';
import { quantile, round } from './stats.ts';

const SERIES = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const BARS = 20_000;

/** The indicator set the page starts with (the renderer's localStorage format). */
const INDICATORS = [
  { id: 'ema-1', kind: 'ema', params: { period: 20 }, color: '#f0b90b' },
  { id: 'ema-2', kind: 'ema', params: { period: 50 }, color: '#3b82f6' },
  { id: 'bollinger-1', kind: 'bollinger', params: { period: 20, mult: 2 } },
  { id: 'rsi-1', kind: 'rsi', params: { period: 14 } },
  { id: 'macd-1', kind: 'macd', params: { fast: 12, slow: 26, signal: 9 } },
];

/** What the evaluated functions find in the page (they run there, not in Node). */
interface PageGlobals {
  __keelChartBench?: { updates(): number[]; reset(): void; bars(): number; stats(): { series: number; panes: number } };
  requestAnimationFrame(cb: (t: number) => void): number;
  performance: { now(): number };
}

const suite: BenchSuite = {
  name: 'chart',
  async run({ quick, log }) {
    assertRendererBuilt();
    const measureMs = quick ? 3_000 : 10_000;
    const data = await tempDataDir();
    log('chart: importing 45,031 1m BTC candles');
    await importBtcMinutes(data.dir);
    // No market source of the engine's own (the network or the simulated market) competing with the replay.
    const market = process.env.KEEL_MARKET;
    process.env.KEEL_MARKET = 'none';
    const keel = await startKeelServe(data.dir).finally(() => {
      if (market === undefined) delete process.env.KEEL_MARKET;
      else process.env.KEEL_MARKET = market;
    });
    const browser = await launchChromium();
    const socket = new WebSocket(`ws://${new URL(keel.origin).host}${BRIDGE_PATH}?${TOKEN_PARAM}=${keel.token}`, { origin: keel.origin });
    const client = createBridgeClient(socket as unknown as SocketLike);
    try {
      await client.ready;
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addInitScript((list) => localStorage.setItem('keel.chart.indicators.v1', JSON.stringify(list)), INDICATORS);
      const page = await context.newPage();
      await page.goto(keel.url);
      await page.locator('[data-testid="chart"] canvas').first().waitFor();

      await client.commands['replay.start']({ series: SERIES, speed: 1000, history: BARS });
      // The page joins the replay: 20,000 bars of history, then the stream on top.
      await page.waitForFunction(
        (n) => {
          const hook = (globalThis as unknown as PageGlobals).__keelChartBench;
          return hook !== undefined && hook.bars() >= n && hook.updates().length > 10;
        },
        BARS,
        { timeout: 60_000 },
      );
      const stats = await page.evaluate(() => (globalThis as unknown as PageGlobals).__keelChartBench!.stats());
      log(`chart: ${BARS} bars, ${stats.series} series in ${stats.panes} panes, replay at 1000x; measuring ${measureMs / 1000} s`);

      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const threadSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN;
      const load = loadavg()[0]!;
      await page.evaluate(() => (globalThis as unknown as PageGlobals).__keelChartBench!.reset());
      const cpuBefore = await threadSeconds();
      const frames = await page.evaluate(
        (ms) =>
          new Promise<{ frames: number; ms: number; bars: number }>((resolve) => {
            const g = globalThis as unknown as PageGlobals;
            let frames = 0;
            const start = g.performance.now();
            const tick = () => {
              frames++;
              const elapsed = g.performance.now() - start;
              if (elapsed < ms) g.requestAnimationFrame(tick);
              else resolve({ frames, ms: elapsed, bars: g.__keelChartBench!.bars() });
            };
            g.requestAnimationFrame(tick);
          }),
        measureMs,
      );
      const cpu = (await threadSeconds()) - cpuBefore;
      const updates = await page.evaluate(() => (globalThis as unknown as PageGlobals).__keelChartBench!.updates());
      await client.commands['replay.stop']({});
      await context.close();

      log(`chart: ${frames.frames} frames in ${round(frames.ms, 0)} ms, ${updates.length} coalesced updates, ${frames.bars} bars at the end`);
      log(`chart: update p95 ${round(quantile(updates, 0.95), 3)} ms, max ${round(Math.max(...updates), 3)} ms; main-thread CPU ${round(cpu * 1000, 0)} ms; load average ${round(load, 2)} on 2 cores`);
      return {
        chart_update_ms: round(quantile(updates, 0.5), 4),
        chart_update_p95_ms: round(quantile(updates, 0.95), 4),
        chart_fps_20k: round((frames.frames * 1000) / frames.ms, 1),
        chart_frame_cpu_ms: round((cpu * 1000) / frames.frames, 2),
      };
    } finally {
      client.close();
      await browser.close();
      await keel.stop();
      await data.remove();
    }
  },
};

export default suite;
