// Time-axis labels of the backtest charts without strays. lightweight-charts places the coarse marks
// first (years, then months, then days, then hours) and drops one that comes closer than a label's width to
// a placed neighbour; a finer mark that has room then stands in its place. February's 28 days are a few
// pixels narrower than the other months, so on the walk-forward chart at 1440 px "Mar" was dropped and the
// 2nd of March drew "2" between "Feb" and "Apr" (on shorter runs, "15:00" among the days). Where the axis
// has no room for a finer label between two coarse ones at all, a finer mark can only be such a stand-in:
// it is named as the coarse mark nearest to it ("Mar" for the 2nd of March), which is where it is drawn.

/** lightweight-charts' TickMarkType, as numbers: the library's enum is not loaded by pure code. */
export const TICK = { year: 0, month: 1, day: 2, time: 3, timeWithSeconds: 4 } as const;

const DAY_S = 86_400;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The finest kind of label the axis has room for between two coarser ones: a day between two months only
 * when the longest month (31 days) spans two labels' widths, an hour between two days when a day does, a
 * month between two years when a leap year does. Time (3) when even a day is that wide.
 */
export function finestTick(pxPerSecond: number, labelPx: number): number {
  const room = 2 * labelPx;
  if (DAY_S * pxPerSecond >= room) return TICK.time;
  if (31 * DAY_S * pxPerSecond >= room) return TICK.day;
  if (366 * DAY_S * pxPerSecond >= room) return TICK.month;
  return TICK.year;
}

/**
 * A tick's label when it is a stand-in (a finer kind than the axis has room for, see finestTick), as the
 * coarse mark nearest `time` (seconds, UTC) would be labelled: "2022" at the 1st of January, "Mar" at the
 * 1st of another month, else the day ("15"). Null for any other tick, or before the axis has a width per
 * second (0): the library's own label stands.
 */
export function standInTickLabel(time: number, type: number, pxPerSecond: number, labelPx: number): string | null {
  const finest = finestTick(pxPerSecond, labelPx);
  if (!Number.isFinite(time) || !(pxPerSecond > 0) || finest === TICK.time || type <= finest) return null;
  const at = nearestBoundary(time, finest);
  if (at.getUTCMonth() === 0 && at.getUTCDate() === 1) return String(at.getUTCFullYear());
  if (at.getUTCDate() === 1) return MONTHS[at.getUTCMonth()]!;
  return String(at.getUTCDate());
}

/** The start of the day, month or year (`unit`, a TICK) nearest `time`: before it or after. */
function nearestBoundary(time: number, unit: number): Date {
  const d = new Date(time * 1000);
  const y = d.getUTCFullYear();
  const [before, after] =
    unit === TICK.day
      ? [Date.UTC(y, d.getUTCMonth(), d.getUTCDate()), Date.UTC(y, d.getUTCMonth(), d.getUTCDate() + 1)]
      : unit === TICK.month
        ? [Date.UTC(y, d.getUTCMonth(), 1), Date.UTC(y, d.getUTCMonth() + 1, 1)]
        : [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
  return new Date(time * 1000 - before <= after - time * 1000 ? before : after);
}
