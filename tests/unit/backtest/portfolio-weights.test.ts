// A portfolio's weights as the CLI, the app's checks and the page read them: relative numbers become shares
// that sum to 1 (none: equal shares); a count that does not match the markets, a weight that is not above 0,
// or weights on a single market are refused with a message naming the markets and what is valid.
import { describe, expect, it } from 'vitest';
import { basketName, equalShares, sharePct, weightShares, weightsProblem } from '../../../shared/backtest/portfolio-weights.ts';

describe('portfolio weights', () => {
  it('turns relative weights into shares of the account, equal shares when none are given', () => {
    expect(weightShares(2, [60, 40])).toEqual([0.6, 0.4]);
    expect(weightShares(2, [3, 1])).toEqual([0.75, 0.25]);
    expect(weightShares(3, [])).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(weightShares(4, [1, 1, 1, 1])).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('refuses weights that do not fit the portfolio, naming its markets', () => {
    expect(weightsProblem(2, [3], ['BTC/USDT', 'ETH/USDT'])).toBe('weights: give one for each of the 2 markets (BTC/USDT, ETH/USDT), in that order; got 1');
    expect(weightsProblem(2, [3, 0], ['BTC/USDT', 'ETH/USDT'])).toBe('weights: 0 for ETH/USDT is not a number above 0 and at most 1,000,000; weights are relative (60,40 or 3,2)');
    expect(weightsProblem(2, [-1, 1])).toMatch(/^weights: -1 for market 1 is not a number above 0/);
    expect(weightsProblem(2, [1, Number.NaN], ['BTC/USDT', 'ETH/USDT'])).toBe('weights: the weight for ETH/USDT is not a number; weights are relative numbers above 0 (60,40 or 3,2)');
    expect(weightsProblem(1, [1])).toBe('weights split a portfolio among its markets; a run of one market takes none');
    expect(weightsProblem(2, [])).toBeNull();
    expect(() => weightShares(2, [1, Number.NaN])).toThrow(RangeError);
  });

  it('prints shares as the tables show them and names the basket', () => {
    expect([0.75, 0.25, 1 / 3, 0.125, 1].map(sharePct)).toEqual(['75%', '25%', '33.3%', '12.5%', '100%']);
    expect(equalShares([0.5, 0.5])).toBe(true);
    expect(equalShares([0.75, 0.25])).toBe(false);
    expect(basketName([{ weight: 0.5 }, { weight: 0.5 }])).toBe('equal weights');
    expect(basketName([{ weight: 0.6 }, { weight: 0.4 }])).toBe("the run's weights");
  });
});
