// The run page's line on a run's warm-up: how many bars before its range its indicators read first, said
// only when it read some (a range at the data's start, or a run stored before runs read them, says nothing),
// in the HTML report header's words (tests/unit/backtest/report-html-lead-in.test.ts holds them alike).
import { describe, expect, it } from 'vitest';
import { warmUpLine } from '../../../renderer/src/features/backtest/warm-up-view.ts';

describe('the warm-up line', () => {
  it('counts the bars read before the range', () => {
    expect(warmUpLine({ leadIn: 39 })).toBe("The indicators read the 39 bars before the range first (the strategy's warm-up), so it could trade from the range's first bar.");
    expect(warmUpLine({ leadIn: 1 })).toBe("The indicators read the bar before the range first (the strategy's warm-up), so it could trade from the range's first bar.");
    expect(warmUpLine({ leadIn: 28_799 })).toContain('the 28,799 bars before the range');
  });

  it('says nothing of a run that read none, or was stored before runs did', () => {
    expect(warmUpLine({ leadIn: 0 })).toBeNull();
    expect(warmUpLine({})).toBeNull();
  });
});
