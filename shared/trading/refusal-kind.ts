// What refused an order, as data, from where it was refused to whoever reads it: a run's notes group
// refusals by it, a strategy's row asks it whether its latest note is a block that may have lifted. The
// words of a refusal are for the trader; reading the kind back out of them merged two rules whose
// messages differed only by their numbers and split one rule whose messages named different things.

/**
 * The engine's own reasons for refusing a strategy's order, beside the risk rules (whose refusals are
 * kinded by the rule's id: 'kill-switch', 'loss-streak-cooldown', 'circuit-breaker', 'risk-per-trade', …).
 */
export const ENGINE_REFUSAL_KINDS = {
  /** Past flat to a side the run's direction does not allow. */
  direction: 'direction',
  /** A quantity that is not a finite number above 0. */
  invalidQty: 'invalid-quantity',
  /** A quantity below the market's minimum. */
  belowMinimum: 'below-minimum',
  /** The account cannot pay for it: the cash, the base a spot sell needs, a short's collateral. */
  insufficientFunds: 'insufficient-funds',
  /** No market price yet to size or check it at. */
  noPrice: 'no-price',
  /** A reduce-only order with nothing (or less than it) to reduce. */
  nothingToReduce: 'nothing-to-reduce',
  /** Anything else the order's own validation refused (a bracket's stop on the wrong side, a bad option). */
  invalidOrder: 'invalid-order',
  /** The broker (the venue) rejected it after the risk gate let it through. */
  venue: 'venue',
} as const;

/** A risk rule's id, or one of ENGINE_REFUSAL_KINDS. */
export type RefusalKind = string;

/** A refused order as data: what refused it, and the order's side and market. */
export interface OrderRefusalInfo {
  readonly kind: RefusalKind;
  readonly side: 'buy' | 'sell';
  readonly symbol: string;
}
