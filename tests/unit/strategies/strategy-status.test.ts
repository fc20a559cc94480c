// A strategy's status as its row reads it: its code failing is said even while the account is halted, where
// "halted" alone hid the error for thousands of bars and re-arming would not have made it trade.
import { describe, expect, it } from 'vitest';
import { strategyStatus } from '../../../electron/strategies/strategy-status.ts';

const base = { series: { source: 'replay', exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' }, streaming: true, halt: null, bars: 100, warmup: 30 } as const;
const halt = { by: 'kill-switch', text: 'kill switch engaged (browser)' } as const;
const failing = { bars: 3, failure: 'TypeError: x is undefined (at mine.mjs:4:9)' };

describe('strategyStatus', () => {
  it('says halted while the account is halted and its code runs', () => {
    expect(strategyStatus({ ...base, halt } as Parameters<typeof strategyStatus>[0])).toEqual({ status: 'halted', statusText: 'halted: kill switch engaged (browser); new entries are refused, exits still pass', haltedBy: 'kill-switch' });
  });

  it('says failing first when its code fails while halted, and that re-arming will not help', () => {
    const s = strategyStatus({ ...base, halt, failing } as Parameters<typeof strategyStatus>[0]);
    expect(s.status).toBe('failing');
    expect(s.haltedBy).toBe('kill-switch');
    expect(s.statusText).toBe(
      'failing: its code failed at each of the last 3 bars (TypeError: x is undefined (at mine.mjs:4:9)); it keeps hearing bars and its position stays as it is: stop it, fix its code and start it again; it is halted too (kill switch engaged (browser)), and re-arming will not make it trade',
    );
  });

  it('says failing when not halted, as before', () => {
    expect(strategyStatus({ ...base, failing: { bars: 1, failure: 'boom' } } as Parameters<typeof strategyStatus>[0]).statusText).toMatch(/^failing: its code failed at the last bar \(boom\)/);
  });
});
