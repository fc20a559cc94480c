// The market picker: streaming sources' symbols and the journal's series, grouped; what a choice
// shows; and the chart following the engine's active market.
import { beforeEach, describe, expect, it } from 'vitest';
import type { SeriesInfo } from '../../../shared/contract/schemas.ts';
import { showOnChart, useChart } from '../../../renderer/src/features/chart/chart-store.ts';
import { useSeries } from '../../../renderer/src/features/chart/series-store.ts';
import { followEngine } from '../../../renderer/src/features/chart/switchers/market-actions.ts';
import { MAX_LIVE_SYMBOLS, offeredSymbols, type SourceMarkets } from '../../../renderer/src/features/chart/switchers/market-catalog.ts';
import { findOption, marketGroups, pickSourceOf, seriesFor } from '../../../renderer/src/features/chart/switchers/market-choices.ts';

const info = (exchange: string, symbol: string, timeframe: SeriesInfo['timeframe']): SeriesInfo => ({ exchange, symbol, timeframe, count: 1, firstTs: 0, lastTs: 0 });
const SIMULATED: SourceMarkets = { source: 'simulated', exchange: 'simulated', available: true, note: 'generated', symbols: ['BTC/USDT', 'ETH/USDT'], timeframes: ['1m', '5m', '1h'] };
const LIVE_DOWN: SourceMarkets = { source: 'live', exchange: 'binance', available: false, note: 'api.binance.com unreachable', symbols: [], timeframes: [] };

describe('market choices', () => {
  it('groups streaming sources first, then the journal per exchange label', () => {
    const groups = marketGroups([info('local', 'BTC/USDT', '1m'), info('local', 'ETH/USDT', '1h')], [SIMULATED, LIVE_DOWN]);
    expect(groups.map((g) => [g.label, g.available, g.options.map((o) => o.id)])).toEqual([
      ['Simulated', true, ['simulated|simulated|BTC/USDT', 'simulated|simulated|ETH/USDT']],
      ['Live · binance', false, []],
      ['Stored · local', true, ['stored|local|BTC/USDT', 'stored|local|ETH/USDT']],
    ]);
    expect(groups[1]!.note).toBe('api.binance.com unreachable');
  });

  it('keeps the timeframe the market serves, else takes the nearest', () => {
    const groups = marketGroups([info('local', 'ETH/USDT', '1h')], [SIMULATED]);
    expect(seriesFor(findOption(groups, 'simulated|simulated|ETH/USDT')!, '5m')).toEqual({ exchange: 'simulated', symbol: 'ETH/USDT', timeframe: '5m' });
    expect(seriesFor(findOption(groups, 'stored|local|ETH/USDT')!, '5m')).toEqual({ exchange: 'local', symbol: 'ETH/USDT', timeframe: '1h' });
    expect(seriesFor(findOption(groups, 'simulated|simulated|BTC/USDT')!, null)?.timeframe).toBe('1m');
    expect(findOption(groups, 'live|binance|BTC/USDT')).toBeNull();
  });

  it('reads a replay as stored candles for the picker', () => {
    expect(pickSourceOf('replay')).toBe('stored');
    expect(pickSourceOf('stored')).toBe('stored');
    expect(pickSourceOf('simulated')).toBe('simulated');
    expect(pickSourceOf(undefined)).toBe('stored');
  });

  it('offers active markets, and only active spot ones (capped) from a live exchange', () => {
    const market = (symbol: string, type: 'spot' | 'swap', active = true) => ({ symbol, base: '', quote: '', type, active, tickSize: null, stepSize: null, minNotional: null });
    expect(offeredSymbols({ source: 'simulated', markets: [market('ETH/USDT', 'spot'), market('BTC/USDT', 'spot'), market('OLD/USDT', 'spot', false)] })).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(offeredSymbols({ source: 'live', markets: [market('BTC/USDT:USDT', 'swap'), market('BTC/USDT', 'spot')] })).toEqual(['BTC/USDT']);
    const many = Array.from({ length: MAX_LIVE_SYMBOLS + 50 }, (_, i) => market(`C${i}/USDT`, 'spot'));
    expect(offeredSymbols({ source: 'live', markets: many })).toHaveLength(MAX_LIVE_SYMBOLS);
  });
});

describe('following the engine', () => {
  const status = (patch: Partial<Parameters<typeof followEngine>[0]> = {}) => ({ source: 'simulated' as const, exchange: 'simulated', symbol: 'BTC/USDT', timeframe: '1m' as const, ...patch });

  beforeEach(() => {
    followEngine({ source: null, exchange: null, symbol: null, timeframe: null });
    useChart.setState({ request: null });
    useSeries.setState({ selected: null });
  });

  it('shows the engine’s streaming market when it changes, once', () => {
    followEngine(status());
    expect(useChart.getState().request).toMatchObject({ series: { exchange: 'simulated', symbol: 'BTC/USDT', timeframe: '1m' }, source: 'simulated', until: null });
    const id = useChart.getState().request!.id;
    // The same market reporting a new health is not a change.
    followEngine(status());
    expect(useChart.getState().request!.id).toBe(id);
    followEngine(status({ symbol: 'ETH/USDT' }));
    expect(useSeries.getState().selected).toEqual({ exchange: 'simulated', symbol: 'ETH/USDT', timeframe: '1m' });
  });

  it('leaves a replay to the replay controls', () => {
    showOnChart({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' }, 1000, 'replay');
    followEngine(status({ source: 'replay', exchange: 'local' }));
    expect(useChart.getState().request?.source).toBe('replay');
  });

  it('after a replay, takes the engine’s market back even if it did not change (forced)', () => {
    followEngine(status());
    showOnChart({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' }, null, 'stored');
    followEngine(status());
    expect(useChart.getState().request?.source).toBe('stored');
    followEngine(status(), true);
    expect(useChart.getState().request?.source).toBe('simulated');
  });
});
