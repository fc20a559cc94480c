// Where a bracket's stop and targets sit. A leg is a price, or a percent of the entry's fill: a percent
// is set when the entry fills (the engine places the children then, and moves them with the average as
// more of the entry fills), so "2 % stop" means 2 % under what the position cost, not under the price the
// order was decided at. Before the fill (validation, the risk
// gate's risk-to-stop, a preview) a percent leg is measured from the order's reference price instead.
import { ceilTo, dec, decFromNumber, div, floorTo, mul, type Dec } from '../../shared/trading/decimal.ts';
import type { Bracket, Side, StopLossLeg, TakeProfitLeg } from '../../shared/trading/orders.ts';

/** The volume-weighted price an order has filled at, or null before its first fill. */
export function averageFill(o: { filledQty: Dec; filledNotional: Dec }): Dec | null {
  return o.filledQty > 0n ? div(o.filledNotional, o.filledQty) : null;
}

/**
 * `percent` away from `base` on the entry's losing side (`losing`) or its winning side, on the tick and
 * rounded away from the entry (a long's stop down, its target up): never nearer than asked. At least one tick.
 */
export function percentLevel(base: Dec, percent: number, entrySide: Side, losing: boolean, tick: Dec): Dec {
  const offset = mul(base, decFromNumber(percent)) / 100n;
  const down = (entrySide === 'buy') === losing;
  const level = down ? floorTo(base - offset, tick) : ceilTo(base + offset, tick);
  return level > 0n ? level : tick;
}

/** A stop leg's trigger price, measured from `base` when it is a percent. */
export function stopTrigger(leg: StopLossLeg, entrySide: Side, base: Dec, tick: Dec): Dec {
  return 'percent' in leg ? percentLevel(base, leg.percent, entrySide, true, tick) : dec(leg.triggerPrice);
}

/** A take-profit leg's limit price, measured from `base` when it is a percent. */
export function targetPrice(leg: TakeProfitLeg, entrySide: Side, base: Dec, tick: Dec): Dec {
  return 'percent' in leg ? percentLevel(base, leg.percent, entrySide, false, tick) : dec(leg.price);
}

/**
 * The stop a bracket puts under (or over) its entry, or null without one: its stop-loss, or where its
 * trailing stop starts. `base` is the entry's fill (or, before it, its reference price); no tick rounding,
 * as the risk gate measures risk to it.
 */
export function bracketStop(b: Bracket, entrySide: Side, base: Dec): Dec | null {
  const long = entrySide === 'buy';
  let distance: Dec;
  if (b.stopLoss) {
    if (!('percent' in b.stopLoss)) return dec(b.stopLoss.triggerPrice);
    distance = mul(base, decFromNumber(b.stopLoss.percent)) / 100n;
  } else if (b.trailingStop) {
    const t = b.trailingStop;
    distance = 'amount' in t ? dec(t.amount) : mul(base, decFromNumber(t.percent)) / 100n;
  } else {
    return null;
  }
  return long ? base - distance : base + distance;
}
