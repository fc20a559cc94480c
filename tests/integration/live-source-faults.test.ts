// The live source when the exchange misbehaves: rate limits, 5xx, garbage, slowness, silence, disappearance.
// Whatever happens the source backs off, says what is wrong in its status, recovers when the exchange does,
// never emits a broken candle, never crashes and never leaves an unhandled rejection.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CcxtLiveSource, type CcxtLiveSourceOptions } from '../../electron/market/live/ccxt-live-source.ts';
import type { CandleUpdate, SourceStatus } from '../../electron/market/market-source.ts';
import { candleProblem } from '../../shared/domain/candle.ts';
import { startBinanceServer, type BinanceServer } from '../support/binance-server/index.ts';
import { keepTicking, trackUnhandledRejections, waitFor } from '../support/binance-server/test-helpers.ts';

let server: BinanceServer;
const sources: CcxtLiveSource[] = [];
const rejections = trackUnhandledRejections();

beforeAll(async () => {
  server = await startBinanceServer();
});

afterEach(async () => {
  server.faults.clear();
  await Promise.all(sources.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await server?.close();
  rejections.stop();
  expect(rejections.list).toEqual([]);
});

/** A source with small timings; `rest` polls klines every 50 ms instead of streaming. */
function sourceFor(options: Partial<CcxtLiveSourceOptions> = {}, target: BinanceServer = server): { source: CcxtLiveSource; statuses: SourceStatus[]; updates: CandleUpdate[] } {
  const source = new CcxtLiveSource({
    exchange: 'binance',
    endpoints: { rest: target.origin, ws: target.wsOrigin },
    historyCandles: 5,
    pollMs: 50,
    backoff: { baseMs: 50, maxMs: 400 },
    expectedEveryMs: { candles: 2_000, ticker: 2_000, book: 2_000 },
    ...options,
  });
  sources.push(source);
  const statuses: SourceStatus[] = [];
  source.onStatus((s) => statuses.push(s));
  return { source, statuses, updates: [] };
}

async function watchCandles(source: CcxtLiveSource, updates: CandleUpdate[]): Promise<void> {
  await source.watch({ symbol: 'BTC/USDT', timeframe: '1m' }, { onCandle: (u) => updates.push(u) });
}

function klineRequestsSince(index: number) {
  return server.requests.slice(index).filter((r) => r.path === '/api/v3/klines');
}

/**
 * Waits until the source has reported `status` (after the first `after` reports) and returns that report.
 * Reading the history rather than the current status keeps a busy machine from racing past a short state.
 */
function reported(statuses: SourceStatus[], status: SourceStatus['status'], after = 0, timeoutMs = 5_000): Promise<SourceStatus> {
  return waitFor(status, () => statuses.slice(after).find((s) => s.status === status), timeoutMs);
}

describe('rate limits and server errors', () => {
  it('a 429 burst: delayed with the reason, waits out Retry-After, then live again', async () => {
    const { source, statuses, updates } = sourceFor({ transport: 'rest' });
    await watchCandles(source, updates);
    await waitFor('the first polled candle', () => updates.length > 0 && source.status().status === 'live');
    const from = server.requests.length;
    const mark = statuses.length;
    server.faults.rateLimit({ count: 2, retryAfterSec: 1, path: '/api/v3/klines' });

    expect((await reported(statuses, 'delayed', mark)).reason).toBe('BTC/USDT 1m candles: rate limited by binance (HTTP 429); retrying in 1.0s');
    await reported(statuses, 'live', mark);

    // Retry-After (1 s) wins over the 50 ms backoff: the two retries each waited at least a second.
    const [first, second, third] = klineRequestsSince(from);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(third!.at - second!.at).toBeGreaterThanOrEqual(950);
    expect(statuses.some((s) => s.status === 'offline')).toBe(false);
    expect(statuses.find((s) => s.status === 'delayed' && s.reason.includes('2 failures in a row'))).toBeDefined();
  });

  it('5xx: exponential backoff while delayed, offline after repeated failures, then recovery', async () => {
    const { source, statuses, updates } = sourceFor({ transport: 'rest', backoff: { baseMs: 100, maxMs: 1_000, jitter: 0 }, offlineAfterFailures: 3 });
    await watchCandles(source, updates);
    await waitFor('live', () => updates.length > 0 && source.status().status === 'live');
    const from = server.requests.length;
    const mark = statuses.length;
    server.faults.status(503, { count: 4, path: '/api/v3/klines' });

    expect((await reported(statuses, 'offline', mark)).reason).toBe('BTC/USDT 1m candles: binance is unavailable (HTTP 503) (3 failures in a row); retrying in 400 ms');
    await reported(statuses, 'live', mark);

    const delayed = statuses.filter((s) => s.status === 'delayed').map((s) => s.reason);
    expect(delayed).toContain('BTC/USDT 1m candles: binance is unavailable (HTTP 503); retrying in 100 ms');
    expect(delayed).toContain('BTC/USDT 1m candles: binance is unavailable (HTTP 503) (2 failures in a row); retrying in 200 ms');
    // Waits of 100, 200, 400, 800 ms between the five tries: each gap at least the backoff.
    const at = klineRequestsSince(from).slice(0, 5).map((r) => r.at);
    [100, 200, 400, 800].forEach((wait, i) => expect(at[i + 1]! - at[i]!).toBeGreaterThanOrEqual(wait - 5));
  });
});

describe('garbage', () => {
  it('malformed JSON from REST: delayed with the reason, no broken candle emitted, then live', async () => {
    const { source, statuses, updates } = sourceFor({ transport: 'rest' });
    await watchCandles(source, updates);
    await waitFor('live', () => updates.length > 0 && source.status().status === 'live');
    const mark = statuses.length;
    server.faults.malformed({ count: 3, path: '/api/v3/klines' });

    expect((await reported(statuses, 'delayed', mark)).reason).toMatch(/^BTC\/USDT 1m candles: unreadable answer from binance: BTC\/USDT 1m candles: candle 0 has no valid open time/);
    await reported(statuses, 'live', mark);
    expect(updates.every((u) => candleProblem(u.candle) === null && Number.isSafeInteger(u.candle.t))).toBe(true);
  });

  it('a market list that does not parse is retried until it does', async () => {
    server.faults.malformed({ count: 1, path: '/api/v3/exchangeInfo' });
    const { source, statuses } = sourceFor();
    expect((await source.markets()).map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(statuses.map((s) => s.status)).toEqual(['delayed', 'live']);
    expect(statuses[0]!.reason).toMatch(/^markets: unreadable answer from binance: no markets in the answer; retrying in \d+ ms$/);
  });

  it('broken websocket frames and unsound klines: delayed, then live with the next good push', async () => {
    const { source, statuses, updates } = sourceFor();
    await watchCandles(source, updates);
    await waitFor('the kline subscription', () => server.ws.subscriptions().includes('btcusdt@kline_1m'));
    server.clock.advance(1_000);
    await waitFor('a streamed candle', () => updates.length > 0);

    const recover = async (mark: number) => {
      const count = updates.length;
      const stop = keepTicking(server);
      try {
        await reported(statuses, 'live', mark);
        await waitFor('a good candle after the bad one', () => updates.length > count);
      } finally {
        stop();
      }
    };
    // A frame cut in half: ccxt cannot parse it and its handler throws on the raw text.
    let mark = statuses.length;
    server.ws.sendRaw('{"e":"kline","E":1,"s":"BTCUSDT","k":{"t":');
    expect((await reported(statuses, 'delayed', mark)).reason).toMatch(/^BTC\/USDT 1m candles: unreadable answer from binance: /);
    await recover(mark);

    // A well-formed kline whose prices are nonsense: caught by Keel's own check, never emitted.
    mark = statuses.length;
    server.ws.pushKlineBody('BTCUSDT', '1m', { t: updates.at(-1)!.candle.t, s: 'BTCUSDT', i: '1m', o: 'abc', h: '-1', l: 'x', c: '1', v: '1', x: false });
    expect((await reported(statuses, 'delayed', mark)).reason).toMatch(/^BTC\/USDT 1m candles: unreadable answer from binance: BTC\/USDT 1m candles: candle at .* is unsound \(open is not a number\)/);
    await recover(mark);
    expect(updates.every((u) => candleProblem(u.candle) === null)).toBe(true);
  });
});

describe('slowness and silence', () => {
  it('slow answers make polled candles stale, with the reason; fast answers make them live again', async () => {
    const { source, statuses, updates } = sourceFor({ transport: 'rest', pollMs: 100, staleAfterIntervals: 3 });
    await watchCandles(source, updates);
    await waitFor('live', () => updates.length > 0 && source.status().status === 'live');
    server.faults.delay(1_500, { path: '/api/v3/klines' });

    expect((await reported(statuses, 'stale')).reason).toBe('no BTC/USDT 1m candles from binance for over 300 ms (expected every 100 ms)');
    server.faults.clear();
    await waitFor('live again', () => source.status().status === 'live', 5_000);
  });

  it('an answer slower than the request timeout is a failure: delayed, then live', async () => {
    const { source, statuses, updates } = sourceFor({ transport: 'rest', requestTimeoutMs: 300 });
    await watchCandles(source, updates);
    await waitFor('live', () => updates.length > 0 && source.status().status === 'live');
    const mark = statuses.length;
    server.faults.delay(1_000, { path: '/api/v3/klines', count: 1 });

    expect((await reported(statuses, 'delayed', mark)).reason).toMatch(/^BTC\/USDT 1m candles: binance did not answer in time: .*; retrying in \d+ ms$/);
    await reported(statuses, 'live', mark);
  });

  it('a silent websocket stream goes stale, and live again when pushes resume', async () => {
    const { source, statuses, updates } = sourceFor({ expectedEveryMs: { candles: 100 }, staleAfterIntervals: 3 });
    await watchCandles(source, updates);
    await waitFor('the kline subscription', () => server.ws.subscriptions().includes('btcusdt@kline_1m'));
    server.clock.advance(1_000);
    await waitFor('live', () => updates.length > 0 && source.status().status === 'live');

    expect((await reported(statuses, 'stale')).reason).toBe('no BTC/USDT 1m candles from binance for over 300 ms (expected every 100 ms)');
    server.clock.advance(1_000);
    await waitFor('live again', () => source.status().status === 'live');
  });
});

describe('the exchange disappears', () => {
  it('server stopped entirely: delayed, then offline with the reason; no crash; closing still works', async () => {
    const doomed = await startBinanceServer();
    const { source, statuses, updates } = sourceFor({ offlineAfterFailures: 3 }, doomed);
    await watchCandles(source, updates);
    await waitFor('the kline subscription', () => doomed.ws.subscriptions().includes('btcusdt@kline_1m'));
    doomed.clock.advance(1_000);
    await waitFor('live', () => updates.length > 0 && source.status().status === 'live');

    await doomed.close();
    expect((await reported(statuses, 'offline', 0, 10_000)).reason).toMatch(/^BTC\/USDT 1m candles: cannot reach binance: .*ECONNREFUSED.* \(3 failures in a row\); retrying (in \d+ ms|now)$/);
    expect(statuses.some((s) => s.status === 'delayed' && s.reason.startsWith('BTC/USDT 1m candles: cannot reach binance: connection closed by remote server'))).toBe(true);

    await source.close();
    expect(source.status()).toMatchObject({ status: 'offline', reason: 'closed' });
    await expect(source.watch({ symbol: 'BTC/USDT', timeframe: '1m' }, {})).rejects.toThrow('the binance live source is closed');
  });
});
