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
  /** The first such bar's close (bar-stamp.ts), and the level at its high. */
  firstAt = 0.5;
  firstLevel = 0.5;
  /** The lowest level at such a high. */
  worst = Number.POSITIVE_INFINITY;

  /** Where the first one was: a portfolio's market (null: the run's one market). */
  firstMarket: string | null = null;

  /**
   * A bar closed with a short open: the margin level (assets over what is owed) had the bar's high been
   * the price, and at its close; `t` is the bar's close, `market` a portfolio's market whose bar it is.
   */
  see(atHigh: number, atClose: number, t: number, market: string | null = null): void {
    if (atHigh > LIQUIDATION_LEVEL || atClose <= LIQUIDATION_LEVEL) return;
    if (this.count++ === 0) {
      this.firstAt = t;
      this.firstLevel = atHigh;
      this.firstMarket = market;
    }
    if (atHigh < this.worst) this.worst = atHigh;
  }

  /** What the run's notes say, or null when no bar's high went through the level. */
  note(detailHint: string): string | null {
    if (this.count === 0) return null;
    const at = new Date(this.firstAt).toISOString().replace(':00.000Z', 'Z');
    const more = this.count === 1 ? '' : ` (${this.count.toLocaleString('en-US')} bars in all, the lowest at ${levelText(this.worst)})`;
    const bar = this.firstMarket === null ? 'the bar' : `${this.firstMarket}'s bar`;
    return `the margin level fell to ${levelText(this.firstLevel)} at the high of ${bar} closed at ${at}, at or below the liquidation level of ${LIQUIDATION_LEVEL}, and was above it again at the close${more}: a margin venue would have closed the short inside the bar, and this run, which checks the level at bar closes, did not; ${detailHint}`;
  }
}
