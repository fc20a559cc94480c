// A short's margin level at a bar's high, where the run reads only its close. A run without finer bars
// checks the margin call at bar closes (the risk room hears each close), so a spike through the
// liquidation level and back inside one bar is not called, where a margin venue watching every trade
// would have closed the short at the spike. The run cannot say at what price it would have been closed
// (the bar's path has no time inside it), but it can say that it happened, when, and how to check it:
// with --detail, the risk room hears every finer bar's close.
import { LIQUIDATION_LEVEL, levelText } from '../risk/margin-call.ts';

export class MarginSpikes {
  /** Bars whose high took the level to the liquidation level while their close stayed above it. */
  count = 0;
  /** The first such bar's open, and the level at its high. */
  firstAt = 0.5;
  firstLevel = 0.5;
  /** The lowest level at such a high. */
  worst = Number.POSITIVE_INFINITY;

  /**
   * A bar closed with a single-market short open: `cash` (the short's proceeds and the rest, all the assets
   * there are), `qty` (negative) and `grow` (1 + the borrow interest per unit of value so far) at the bar's
   * close; `high` and `close` its prices, `t` its open.
   */
  see(cash: number, qty: number, grow: number, high: number, close: number, t: number): void {
    const owedPerPrice = -qty * grow;
    const atHigh = cash / (owedPerPrice * high);
    if (atHigh > LIQUIDATION_LEVEL || cash / (owedPerPrice * close) <= LIQUIDATION_LEVEL) return;
    if (this.count++ === 0) {
      this.firstAt = t;
      this.firstLevel = atHigh;
    }
    if (atHigh < this.worst) this.worst = atHigh;
  }

  /** What the run's notes say, or null when no bar's high went through the level. */
  note(detailHint: string): string | null {
    if (this.count === 0) return null;
    const at = new Date(this.firstAt).toISOString().replace(':00.000Z', 'Z');
    const more = this.count === 1 ? '' : ` (${this.count.toLocaleString('en-US')} bars in all, the lowest at ${levelText(this.worst)})`;
    return `the margin level fell to ${levelText(this.firstLevel)} at the high of the bar at ${at}, at or below the liquidation level of ${LIQUIDATION_LEVEL}, and was above it again at the close${more}: a margin venue would have closed the short inside the bar, and this run, which checks the level at bar closes, did not; ${detailHint}`;
  }
}
