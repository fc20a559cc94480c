// The symbol and timeframe switchers' choices and what each switch selects.
import { describe, expect, it } from 'vitest';
import type { SeriesInfo } from '../../../shared/contract/schemas.ts';
import { nearestTimeframe, switchSymbol, switchTimeframe, symbolChoices } from '../../../renderer/src/features/chart/switchers/series-choices.ts';

const info = (exchange: string, symbol: string, timeframe: SeriesInfo['timeframe']): SeriesInfo => ({ exchange, symbol, timeframe, count: 10, firstTs: 0, lastTs: 1 });
const LIST = [info('local', 'ETH/USDT', '30m'), info('local', 'BTC/USDT', '1h'), info('local', 'BTC/USDT', '1m'), info('binance', 'BTC/USDT', '1m'), info('local', 'ETH/USDT', '4h')];

describe('series choices', () => {
  it('lists each symbol once per exchange with its timeframes shortest first', () => {
    expect(symbolChoices(LIST)).toEqual([
      { id: 'binance|BTC/USDT', exchange: 'binance', symbol: 'BTC/USDT', timeframes: ['1m'] },
      { id: 'local|BTC/USDT', exchange: 'local', symbol: 'BTC/USDT', timeframes: ['1m', '1h'] },
      { id: 'local|ETH/USDT', exchange: 'local', symbol: 'ETH/USDT', timeframes: ['30m', '4h'] },
    ]);
  });

  it('finds the nearest timeframe on a log scale', () => {
    expect(nearestTimeframe(['30m', '4h'], '1h')).toBe('30m');
    expect(nearestTimeframe(['30m', '4h'], '2h')).toBe('4h');
    expect(nearestTimeframe(['1m'], '1d')).toBe('1m');
    expect(nearestTimeframe([], '1d')).toBeNull();
  });

  it('keeps the timeframe across a symbol switch when it can, else takes the nearest', () => {
    const choices = symbolChoices(LIST);
    expect(switchSymbol(choices, { exchange: 'local', symbol: 'ETH/USDT', timeframe: '30m' }, 'local|BTC/USDT')).toEqual({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' });
    expect(switchSymbol(choices, { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' }, 'binance|BTC/USDT')).toEqual({ exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' });
    expect(switchSymbol(choices, null, 'local|ETH/USDT')).toEqual({ exchange: 'local', symbol: 'ETH/USDT', timeframe: '30m' });
    expect(switchSymbol(choices, null, 'kraken|XRP/USD')).toBeNull();
  });

  it('switches timeframe only to one stored for the symbol', () => {
    const choices = symbolChoices(LIST);
    const btc = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
    expect(switchTimeframe(choices, btc, '1h')).toEqual({ ...btc, timeframe: '1h' });
    expect(switchTimeframe(choices, btc, '4h')).toBeNull();
    expect(switchTimeframe(choices, null, '1h')).toBeNull();
  });
});
