// When stop, take-profit and trailing-stop orders trigger, as pure functions on prices. The paper broker
// uses them on its intrabar path and the engine uses them to emulate triggers a live exchange cannot hold.
//
// A move from `from` to `to` is either continuous (a segment of a bar's intrabar path: every price in
// between traded, so a trigger inside it fires at the trigger price) or discrete (a tick after a tick, or a
// bar opening away from the last close: nothing traded in between, so a trigger jumped over fires at `to`,
// the worse price, never at the trigger).
import { ceilTo, decFromNumber, floorTo, mul, ONE, type Dec } from '../../shared/trading/decimal.ts';
import type { OrderType, Side, Trail } from '../../shared/trading/orders.ts';

export function isStopType(type: OrderType): boolean {
  return type === 'stop-market' || type === 'stop-limit';
}

export function isTakeProfitType(type: OrderType): boolean {
  return type === 'take-profit' || type === 'take-profit-limit';
}

/** Types whose execution waits for a trigger. */
export function isTriggered(type: OrderType): boolean {
  return type !== 'market' && type !== 'limit';
}

/** What a triggered order becomes: a market order, or a limit at its price. */
export function becomesLimit(type: OrderType): boolean {
  return type === 'stop-limit' || type === 'take-profit-limit';
}

/**
 * +1 when the order triggers on a rise to its trigger (buy stops, sell take-profits), -1 on a fall
 * (sell stops, buy take-profits).
 */
export function triggerDirection(type: OrderType, side: Side): 1 | -1 {
  const stopLike = isStopType(type) || type === 'trailing-stop';
  return stopLike === (side === 'buy') ? 1 : -1;
}

/** Whether the move from → to reaches the trigger. */
export function reaches(direction: 1 | -1, trigger: number, from: number, to: number, continuous: boolean): boolean {
  if (direction === 1) return (continuous && from > to ? from : to) >= trigger;
  return (continuous && from < to ? from : to) <= trigger;
}

/** The float stop level of a trailing stop whose best price so far is `extreme`. */
export function trailLevel(side: Side, extreme: number, trail: Trail): number {
  if ('amount' in trail) return side === 'sell' ? extreme - Number(trail.amount) : extreme + Number(trail.amount);
  return side === 'sell' ? extreme * (1 - trail.percent / 100) : extreme * (1 + trail.percent / 100);
}

/** The exact stop level, on the tick grid, rounded so the stop never sits closer than the trail asked. */
export function trailLevelDec(side: Side, extreme: number, trail: Trail, amount: Dec | null, tick: Dec): Dec {
  const x = decFromNumber(extreme);
  let level: Dec;
  if (amount !== null) level = side === 'sell' ? x - amount : x + amount;
  else {
    const pct = decFromNumber('percent' in trail ? trail.percent : 0) / 100n;
    level = mul(x, side === 'sell' ? ONE - pct : ONE + pct);
  }
  if (side === 'sell') {
    const l = floorTo(level, tick);
    return l > 0n ? l : tick;
  }
  return ceilTo(level, tick);
}
