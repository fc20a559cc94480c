// The data status badge never calls data live unless it is live and still arriving.
import { describe, expect, it } from 'vitest';
import { dataStatus, STALE_AFTER_MS } from '../../../renderer/src/features/market/data-status.ts';
import type { MarketStatus } from '../../../renderer/src/features/market/market-types.ts';

const NOW = 1_000_000;
const engine = (patch: Partial<MarketStatus>): MarketStatus => ({ source: 'live', exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m', status: 'live', reason: 'streaming', since: 0, ...patch });
const input = { source: 'live' as const, engine: null, lastEventAt: NOW - 1_000, now: NOW, connected: true };

describe('data status', () => {
  it('labels replayed, simulated and stored data as what it is', () => {
    expect(dataStatus({ ...input, source: 'replay' }).label).toBe('REPLAY');
    expect(dataStatus({ ...input, source: 'simulated' }).label).toBe('SIMULATED');
    expect(dataStatus({ ...input, source: 'stored' }).label).toBe('STORED');
    expect(dataStatus({ ...input, source: null }).label).toBe('NO DATA');
    // The engine's status of a live market says nothing about a stored series on the chart.
    expect(dataStatus({ ...input, source: 'stored', engine: engine({}) }).label).toBe('STORED');
  });

  it('is LIVE only while live data arrives', () => {
    expect(dataStatus(input)).toMatchObject({ level: 'live', label: 'LIVE' });
    expect(dataStatus({ ...input, lastEventAt: NOW - STALE_AFTER_MS - 1 })).toMatchObject({ level: 'stale', label: 'STALE', reason: 'No market data for 30 s; prices on screen may be out of date.' });
  });

  it("passes on the engine's delayed, stale and offline with its reason", () => {
    expect(dataStatus({ ...input, engine: engine({ status: 'delayed', reason: 'rate limited by binance (HTTP 429); retrying in 1.0s' }) })).toEqual({
      level: 'delayed',
      label: 'DELAYED',
      reason: 'rate limited by binance (HTTP 429); retrying in 1.0s',
    });
    expect(dataStatus({ ...input, engine: engine({ status: 'stale', reason: 'no candles for 3 intervals' }) }).label).toBe('STALE');
    expect(dataStatus({ ...input, engine: engine({ status: 'offline', reason: '' }) })).toMatchObject({ level: 'offline', reason: 'The exchange is unreachable; nothing is coming.' });
    // The engine says live but nothing came for a minute: stale all the same.
    expect(dataStatus({ ...input, engine: engine({}), lastEventAt: NOW - 60_000 }).level).toBe('stale');
  });

  it('is OFFLINE when the link to Keel is gone, whatever the source', () => {
    expect(dataStatus({ ...input, source: 'replay', connected: false }).level).toBe('offline');
  });
});
