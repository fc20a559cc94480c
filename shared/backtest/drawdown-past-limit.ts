// When a backtest's drawdown ran well past the drawdown limit of its risk mode. By default a breach pulls
// the kill switch, which blocks new entries and leaves an open position to its stop and the strategy's
// exit, so a position without a stop can ride a crash far past the limit (61% under a 20% limit), and a
// trader reading "max drawdown 20%" in the mode would take the limit for a cap on the loss. Both shells say
// so, each naming its own control for closing positions at the breach (keel backtest --limits
// closeOnLossLimit=true, the form's "Close positions at a loss limit").

/**
 * Past the limit by less than this share of it goes unremarked: a bar's gap takes any limit a little past
 * its level, whichever way the breach is handled.
 */
export const OVERSHOOT_WORTH_A_HINT = 0.25;

export interface DrawdownPastLimit {
  /** The run's maximum drawdown, percent. */
  drawdownPct: number;
  /** The drawdown limit it ran under, percent. */
  limitPct: number;
}

/**
 * The run's drawdown and its limit when the drawdown went past the limit by OVERSHOOT_WORTH_A_HINT of it or
 * more and the breach left the positions open (`closeOnLossLimit` false); else null.
 */
export function drawdownPastLimit(drawdownPct: number | null | undefined, limitPct: number, closeOnLossLimit: boolean): DrawdownPastLimit | null {
  if (closeOnLossLimit || typeof drawdownPct !== 'number' || !(limitPct > 0) || limitPct >= 100) return null;
  return drawdownPct >= limitPct * (1 + OVERSHOOT_WORTH_A_HINT) ? { drawdownPct, limitPct } : null;
}

/** The common opening of both shells' hint: how far past the limit, and why. */
export function drawdownPastLimitWords(d: DrawdownPastLimit): string {
  return `the drawdown reached ${round(d.drawdownPct)}%, past the ${round(d.limitPct)}% limit: a breach blocks new entries and leaves an open position to its stop and the strategy's exit`;
}

const round = (pct: number) => Number(pct.toFixed(2));
