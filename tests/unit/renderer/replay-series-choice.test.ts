// Replay after Stop: Stop goes back to the simulated market, which has no stored candles; Replay then
// answered "no candles stored for simulated:BTC/USDT:1m" to a trader who had just replayed BTC/USDT · local.
import { describe, expect, it } from 'vitest';
import { seriesToReplay } from '../../../renderer/src/features/replay/replay-actions.ts';

const local = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const simulated = { exchange: 'simulated', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const eth = { exchange: 'local', symbol: 'ETH/USDT', timeframe: '1h' } as const;

describe('the series Replay plays', () => {
  it('is the last one replayed while the simulated market is selected', () => {
    expect(seriesToReplay(simulated, local)).toEqual(local);
  });

  it('is the selected one otherwise: a stored series picked, or nothing replayed yet', () => {
    expect(seriesToReplay(eth, local)).toEqual(eth);
    expect(seriesToReplay(simulated, null)).toEqual(simulated);
    expect(seriesToReplay(null, local)).toBeNull();
  });
});
