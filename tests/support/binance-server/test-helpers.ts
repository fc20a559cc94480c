// Small helpers for tests that drive a live source against the local server: polling for a condition,
// moving the server clock while a test waits, reading the real data for expected values.
import { readFileSync } from 'node:fs';
import type { Candle } from '../../../shared/domain/candle.ts';
import { dataFile } from './market-data.ts';
import type { BinanceServer } from './index.ts';

/** Polls `check` every 10 ms until it returns a truthy value (returned), or fails after `timeoutMs` saying `what`. */
export async function waitFor<T>(what: string, check: () => T | undefined | null | false, timeoutMs = 5_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Advances the server clock by `stepMs` every `everyMs` wall ms until stopped: a market that keeps moving. */
export function keepTicking(server: BinanceServer, stepMs = 1_000, everyMs = 25): () => void {
  const timer = setInterval(() => server.clock.advance(stepMs), everyMs);
  return () => clearInterval(timer);
}

/** The real BTCUSDT minutes as Keel candles, for expected values. */
export function btcMinutes(): Candle[] {
  const lines = readFileSync(dataFile('binanceus_BTCUSDT_1m_20230301_20230321.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [ts, o, h, l, c, v] = line.split(',');
    return { t: Date.parse(ts!.replace(' ', 'T')), o: Number(o), h: Number(h), l: Number(l), c: Number(c), v: Number(v) };
  });
}

/** Collects unhandled rejections while a suite runs: the live source must never leave one behind. */
export function trackUnhandledRejections(): { list: unknown[]; stop(): void } {
  const list: unknown[] = [];
  const onRejection = (reason: unknown) => list.push(reason);
  process.on('unhandledRejection', onRejection);
  return { list, stop: () => process.off('unhandledRejection', onRejection) };
}
