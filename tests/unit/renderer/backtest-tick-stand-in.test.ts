// The walk-forward chart's time axis at 1440 px read "Feb  2  Apr": lightweight-charts dropped "Mar" (February
// is a few pixels narrower than the 80 a label needs) and the 2nd of March's day mark stood in for it. On an
// axis with no room for a day label between two months, a day mark can only be such a stand-in, and it is
// named as the month (or year) it stands for; where there is room, the library's own labels stand.
import { describe, expect, it } from 'vitest';
import { finestTick, standInTickLabel, TICK } from '../../../renderer/src/features/backtest/tick-stand-in.ts';

const DAY = 86_400;
const LABEL = 80;
const at = (iso: string) => Date.parse(iso) / 1000;
// The walk-forward chart at 1440 px: a year over about 1,050 pixels.
const yearOn1440 = 1050 / (365 * DAY);

describe('the finest time label an axis has room for between coarser ones', () => {
  it('is a month on a year-long chart, a day on a two-month one, an hour on a few days, a year on decades', () => {
    expect(finestTick(yearOn1440, LABEL)).toBe(TICK.month);
    expect(finestTick(1000 / (60 * DAY), LABEL)).toBe(TICK.day);
    expect(finestTick(1000 / (5 * DAY), LABEL)).toBe(TICK.time);
    expect(finestTick(1000 / (30 * 365 * DAY), LABEL)).toBe(TICK.year);
  });
});

describe('a time label standing in for a dropped coarser one', () => {
  it('names the 2nd of March "Mar" on a year-long chart, and a day just before a month its next month', () => {
    expect(standInTickLabel(at('2022-03-02T00:00:00Z'), TICK.day, yearOn1440, LABEL)).toBe('Mar');
    expect(standInTickLabel(at('2022-11-29T00:00:00Z'), TICK.day, yearOn1440, LABEL)).toBe('Dec');
    expect(standInTickLabel(at('2022-03-02T15:00:00Z'), TICK.time, yearOn1440, LABEL)).toBe('Mar');
  });

  it('names a month next to New Year by the year, as the library labels the 1st of January', () => {
    expect(standInTickLabel(at('2023-01-03T00:00:00Z'), TICK.day, yearOn1440, LABEL)).toBe('2023');
    const decades = 1000 / (30 * 365 * DAY);
    expect(standInTickLabel(at('2019-12-01T00:00:00Z'), TICK.month, decades, LABEL)).toBe('2020');
  });

  it('names "15:00" among days by its nearest day, or the month when that is the 1st', () => {
    const twoMonths = 1000 / (60 * DAY);
    expect(standInTickLabel(at('2022-01-05T15:00:00Z'), TICK.time, twoMonths, LABEL)).toBe('6');
    expect(standInTickLabel(at('2022-01-05T09:00:00Z'), TICK.time, twoMonths, LABEL)).toBe('5');
    expect(standInTickLabel(at('2022-01-31T20:00:00Z'), TICK.time, twoMonths, LABEL)).toBe('Feb');
  });

  it('leaves the library its labels where the axis has room for them, and before the axis has a width', () => {
    // Months on a year-long chart, days on a two-month one, hours on a few days.
    expect(standInTickLabel(at('2022-03-01T00:00:00Z'), TICK.month, yearOn1440, LABEL)).toBeNull();
    expect(standInTickLabel(at('2022-01-05T00:00:00Z'), TICK.day, 1000 / (60 * DAY), LABEL)).toBeNull();
    expect(standInTickLabel(at('2022-01-05T15:00:00Z'), TICK.time, 1000 / (5 * DAY), LABEL)).toBeNull();
    expect(standInTickLabel(at('2022-01-05T15:00:00Z'), TICK.time, 0, LABEL)).toBeNull();
  });
});
