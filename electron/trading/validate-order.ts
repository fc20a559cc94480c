// The checks every order passes before anything is sent or journaled as sent: the numbers are numbers,
// on the market's grids and above its minimums, the order type has what it needs and nothing that
// contradicts it, a bracket's stop and targets sit on the right sides of the entry, and the account can
// pay for it. Each refusal says what is wrong, with the numbers, and what would be right.
import { dec, div, floorTo, format, mul, ONE, toNumber, type Dec } from '../../shared/trading/decimal.ts';
import { enNumber } from '../../shared/domain/en-number.ts';
import type { OrderParams } from '../../shared/trading/orders.ts';
import type { MarketRules } from './market-rules.ts';
import { isTakeProfitType, isTriggered } from './triggers.ts';
import { ENGINE_REFUSAL_KINDS, type RefusalKind } from '../../shared/trading/refusal-kind.ts';

export interface Refusal {
  /** Which request field is at fault ("qty", "price", "bracket.stopLoss.triggerPrice", "symbol", ...). */
  field: string;
  message: string;
  /** invalid_request: the order itself is wrong; conflict: it is fine but the account cannot take it now. */
  code: 'invalid_request' | 'conflict';
  /** What refused it, as data (shared/trading/refusal-kind.ts); absent: 'invalid-order'. */
  kind?: RefusalKind;
}

export interface ValidationContext {
  /** The account's cash asset; orders in other quotes cannot be paid for. */
  quoteAsset: string;
  /** spot: no shorting, sells need the base held; margin: shorts allowed (1× collateral for now). */
  mode: 'spot' | 'margin';
  /** The symbol's last traded price, or null before any market data. */
  lastPrice: Dec | null;
  /** Cash not reserved by open orders. */
  quoteFree: Dec;
  /** The ordering ledger's position in the symbol (signed). */
  positionQty: Dec;
  /** That position less what the ledger's open sell orders already reserve. */
  baseFree: Dec;
  takerRate: Dec;
  ledger: string;
  knownSymbols: () => readonly string[];
}

const LIMIT_PRICED = new Set(['limit', 'stop-limit', 'take-profit-limit']);
const FEE_UNIT = 10n ** 10n;

function refuse(field: string, message: string, code: Refusal['code'] = 'invalid_request', kind?: RefusalKind): Refusal {
  return kind === undefined ? { field, message, code } : { field, message, code, kind };
}

const { insufficientFunds: FUNDS } = ENGINE_REFUSAL_KINDS;

/** Parses a decimal field that should be > 0; a refusal when it is not. */
function positive(field: string, text: unknown): Dec | Refusal {
  if (typeof text !== 'string') return refuse(field, `${field} must be a decimal number written like 0.015, got ${text === undefined ? 'nothing' : JSON.stringify(text)}`);
  let v: Dec;
  try {
    v = dec(text);
  } catch {
    return refuse(field, `${field} "${text}" is not a decimal number; write it like 0.015 or 42`);
  }
  if (v <= 0n) return refuse(field, `${field} must be greater than 0, got ${text}`);
  return v;
}

function onGrid(field: string, value: Dec, step: Dec, what: string, symbol: string): Refusal | null {
  if (step <= 0n || value % step === 0n) return null;
  const lo = floorTo(value, step);
  const hi = lo + step;
  return refuse(field, `${field} ${format(value)} is not a multiple of the ${what} ${format(step)} for ${symbol}; use ${lo > 0n ? `${format(lo)} or ` : ''}${format(hi)}`);
}

/** The price an order is sized at: its limit price, its trigger, or the last price for market and trailing orders. */
export function referencePrice(p: Pick<OrderParams, 'type' | 'price' | 'triggerPrice'>, lastPrice: Dec | null): Dec | null {
  if (LIMIT_PRICED.has(p.type) && p.price !== undefined) return dec(p.price);
  if (p.triggerPrice !== undefined && p.type !== 'trailing-stop') return dec(p.triggerPrice);
  return lastPrice;
}

/**
 * Cash a buy of qty at price takes, the taker fee (rounded up to 1e-8) included. The last answer is
 * kept: validating an order and reserving for it ask the same question one after the other.
 */
export function costWithFee(qty: Dec, price: Dec, takerRate: Dec, notional: Dec | null = null): Dec {
  if (qty === lastCost.qty && price === lastCost.price && takerRate === lastCost.rate) return lastCost.cost;
  // `notional`, when the caller has qty × price already (validation does), saves a multiplication.
  let cost = notional ?? mul(qty, price);
  if (takerRate !== 0n) {
    const fee = mul(cost, takerRate);
    const r = fee % FEE_UNIT;
    cost += r === 0n ? fee : fee - r + FEE_UNIT;
  }
  lastCost.qty = qty;
  lastCost.price = price;
  lastCost.rate = takerRate;
  lastCost.cost = cost;
  return cost;
}

const lastCost: { qty: Dec; price: Dec; rate: Dec; cost: Dec } = { qty: -1n, price: 0n, rate: 0n, cost: 0n };

/** An order's quantity text parsed: the exact amount, or the refusal validateOrder reports for it. */
export function parseQty(text: unknown): Dec | Refusal {
  return positive('qty', text);
}

/** What validateOrder reads of an order: everything but the quantity, which comes parsed (parseQty). */
export type OrderShape = Omit<OrderParams, 'qty'>;

/**
 * Checks an order, the quantity given exactly: parsed from the request's text by parseQty (its refusal,
 * if any, is reported in its place among the checks) or built exactly by the caller (the strategy API).
 */
export function validateOrder(p: OrderShape, qty: Dec | Refusal, rules: MarketRules | null, ctx: ValidationContext): Refusal | null {
  if (!rules) {
    const valid = ctx.knownSymbols();
    const shown = valid.length > 40 ? `${valid.slice(0, 40).join(', ')} and ${valid.length - 40} more` : valid.join(', ');
    return refuse('symbol', `unknown symbol "${p.symbol}"; valid symbols: ${shown || '(none: import candles or start a feed first)'}`);
  }
  const sym = p.symbol;
  if (rules.quote !== ctx.quoteAsset) {
    return refuse('symbol', `${sym} is quoted in ${rules.quote}, but the account holds ${ctx.quoteAsset}; trade a ${ctx.quoteAsset} market such as ${rules.base}/${ctx.quoteAsset}`);
  }

  if (typeof qty !== 'bigint') return qty;
  const offStep = onGrid('qty', qty, rules.stepSize, 'step size', sym);
  if (offStep) return offStep;
  if (qty < rules.minQty) return refuse('qty', `qty ${format(qty)} is below the minimum quantity ${format(rules.minQty)} for ${sym}`);

  // What each type needs, and what it must not have.
  let price: Dec | null = null;
  if (LIMIT_PRICED.has(p.type)) {
    if (p.price === undefined) return refuse('price', `a ${p.type} order needs a price (the limit price)`);
    const v = positive('price', p.price);
    if (typeof v !== 'bigint') return v;
    price = v;
  } else if (p.price !== undefined) {
    return refuse('price', `a ${p.type} order takes no limit price; use ${p.type === 'market' ? 'a limit' : p.type === 'take-profit' ? 'a take-profit-limit' : 'a stop-limit'} order to set one`);
  }
  let trigger: Dec | null = null;
  if (isTriggered(p.type) && p.type !== 'trailing-stop') {
    if (p.triggerPrice === undefined) return refuse('triggerPrice', `a ${p.type} order needs a triggerPrice`);
  } else if (p.type !== 'trailing-stop' && p.triggerPrice !== undefined) {
    return refuse('triggerPrice', `a ${p.type} order takes no triggerPrice; use a stop or take-profit order`);
  }
  if (p.triggerPrice !== undefined) {
    const v = positive('triggerPrice', p.triggerPrice);
    if (typeof v !== 'bigint') return v;
    trigger = v;
  }
  if (p.type === 'trailing-stop') {
    if (!p.trail) return refuse('trail', 'a trailing-stop order needs a trail: { amount } in price units or { percent }');
    if ('amount' in p.trail) {
      const v = positive('trail.amount', p.trail.amount);
      if (typeof v !== 'bigint') return v;
      const off = onGrid('trail.amount', v, rules.tickSize, 'tick size', sym);
      if (off) return off;
    }
  } else if (p.trail) {
    return refuse('trail', `a ${p.type} order takes no trail; use a trailing-stop order`);
  }
  if (price !== null) {
    const off = onGrid('price', price, rules.tickSize, 'tick size', sym);
    if (off) return off;
  }
  if (trigger !== null) {
    const off = onGrid('triggerPrice', trigger, rules.tickSize, 'tick size', sym);
    if (off) return off;
  }

  // Flags.
  if (p.postOnly && p.type !== 'limit') return refuse('postOnly', `postOnly applies to limit orders only; a ${p.type} order ${p.type === 'market' ? 'always takes liquidity' : 'cannot promise to rest'}`);
  if (p.postOnly && p.timeInForce !== 'GTC') return refuse('postOnly', `postOnly with ${p.timeInForce} contradicts itself: a post-only order must rest (GTC)`);

  // A trigger that has already been passed would fire at once; the exchange would refuse it too.
  const last = ctx.lastPrice;
  if (trigger !== null && last !== null && p.type !== 'trailing-stop') {
    const up = isTakeProfitType(p.type) ? p.side === 'sell' : p.side === 'buy';
    if (up ? trigger <= last : trigger >= last) {
      return refuse('triggerPrice', `a ${p.side} ${p.type} triggers when the price ${up ? 'rises' : 'falls'} to its trigger, and ${format(trigger)} is already ${up ? 'at or below' : 'at or above'} the last price ${format(last)}, so it would fire at once; put the trigger ${up ? 'above' : 'below'} ${format(last)}`);
    }
  }

  const ref = referencePrice(p, last);
  if (ref === null) return refuse('symbol', `no market price for ${sym} yet, so a ${p.type} order cannot be sized or checked; start a replay or a live feed of ${sym}, or use a limit order`, 'conflict', ENGINE_REFUSAL_KINDS.noPrice);

  // Reduce-only: only toward a flat position, never past it.
  const pos = ctx.positionQty;
  if (p.reduceOnly) {
    const reduces = p.side === 'sell' ? pos > 0n : pos < 0n;
    if (!reduces) return refuse('reduceOnly', `reduce-only ${p.side} has nothing to reduce: the ${ctx.ledger} ledger's ${sym} position is ${format(pos)}`, 'conflict', ENGINE_REFUSAL_KINDS.nothingToReduce);
    const abs = pos < 0n ? -pos : pos;
    if (qty > abs) return refuse('qty', `reduce-only ${p.side} of ${format(qty)} is more than the ${ctx.ledger} ledger's ${sym} position of ${format(abs)}`, 'conflict', ENGINE_REFUSAL_KINDS.nothingToReduce);
  }

  // Bracket: a stop on the losing side of the entry and targets on the winning side.
  if (p.bracket) {
    if (p.reduceOnly) return refuse('bracket', 'a reduce-only order cannot carry a bracket; brackets protect a new entry');
    const b = p.bracket;
    const long = p.side === 'buy';
    if (!b.stopLoss && !b.trailingStop && !(b.takeProfits && b.takeProfits.length)) return refuse('bracket', 'a bracket needs a stopLoss (or a trailingStop), takeProfits or both');
    if (b.stopLoss && b.trailingStop) return refuse('bracket.trailingStop', 'a bracket takes a stopLoss or a trailingStop, not both: the trailing stop is its stop');
    if (b.trailingStop && 'amount' in b.trailingStop) {
      const amount = positive('bracket.trailingStop.amount', b.trailingStop.amount);
      if (typeof amount !== 'bigint') return amount;
    }
    // A percent leg is set from the entry's fill, on the side it names: only a short's target can fall off the scale.
    if (b.stopLoss && !('percent' in b.stopLoss)) {
      const sl = positive('bracket.stopLoss.triggerPrice', b.stopLoss.triggerPrice);
      if (typeof sl !== 'bigint') return sl;
      const off = onGrid('bracket.stopLoss.triggerPrice', sl, rules.tickSize, 'tick size', sym);
      if (off) return off;
      if (long ? sl >= ref : sl <= ref) {
        return refuse('bracket.stopLoss.triggerPrice', `the stop-loss of a ${long ? 'long' : 'short'} must be ${long ? 'below' : 'above'} the entry ${format(ref)}; ${format(sl)} is not`);
      }
      if (b.stopLoss.price !== undefined) {
        const slp = positive('bracket.stopLoss.price', b.stopLoss.price);
        if (typeof slp !== 'bigint') return slp;
        const offp = onGrid('bracket.stopLoss.price', slp, rules.tickSize, 'tick size', sym);
        if (offp) return offp;
      }
    }
    let fractions = 0;
    for (const [i, tp] of (b.takeProfits ?? []).entries()) {
      fractions += tp.fraction;
      if ('percent' in tp) {
        if (!long && tp.percent >= 100) return refuse(`bracket.takeProfits.${i}.percent`, `take-profit ${i + 1} of a short is a percent below the entry's fill, so below 100; ${tp.percent} is not`);
        continue;
      }
      const field = `bracket.takeProfits.${i}.price`;
      const v = positive(field, tp.price);
      if (typeof v !== 'bigint') return v;
      const off = onGrid(field, v, rules.tickSize, 'tick size', sym);
      if (off) return off;
      if (long ? v <= ref : v >= ref) return refuse(field, `take-profit ${i + 1} of a ${long ? 'long' : 'short'} must be ${long ? 'above' : 'below'} the entry ${format(ref)}; ${format(v)} is not`);
    }
    if (fractions > 1 + 1e-9) return refuse('bracket.takeProfits', `take-profit fractions add up to ${Math.round(fractions * 1e9) / 1e9}, more than the whole entry (1)`);
  }

  // Reduce-only orders may be smaller than the minimum value, so a dust remainder can still be closed.
  const notional = mul(qty, ref);
  if (notional < rules.minNotional && !p.reduceOnly) {
    return refuse('qty', `order value ${format(notional)} ${rules.quote} (${format(qty)} × ${format(ref)}) is below the minimum ${format(rules.minNotional)} ${rules.quote} for ${sym}; the smallest qty at this price is ${format(minQtyFor(rules, ref))}`);
  }

  // Can the account pay? Reducing a position frees money; anything else needs it.
  const reducing = p.reduceOnly || (p.side === 'sell' ? pos > 0n && qty <= pos : pos < 0n && qty <= -pos);
  if (ctx.mode === 'margin') {
    if (!reducing) {
      const refusal = marginCheck(p.side, qty, ref, notional, pos, rules, ctx);
      if (refusal) return refusal;
    }
  } else if (p.side === 'buy') {
    const need = costWithFee(qty, ref, ctx.takerRate, notional);
    if (need > ctx.quoteFree) {
      const [needs, free] = amountsText(need, ctx.quoteFree, rules.quote);
      return refuse('qty', `buying ${format(qty)} ${rules.base} at ${format(ref)} needs ${needs} (fee included); ${free} is free`, 'conflict', FUNDS);
    }
  } else if (!p.reduceOnly && qty > ctx.baseFree) {
    // Reduce-only sells were checked against the position above and shrink with it; others need free coins.
    const locked = pos - ctx.baseFree;
    return refuse('qty', `selling ${format(qty)} ${rules.base} needs it held: the ${ctx.ledger} ledger holds ${format(pos > 0n ? pos : 0n)} ${rules.base}${locked > 0n ? ` (${format(locked)} reserved by open orders)` : ''}; spot accounts cannot go short`, 'conflict', FUNDS);
  }
  return null;
}

/**
 * A margin order that adds exposure: 1× collateral (fee included) for what it opens. An order through
 * zero (selling more than the long, buying back more than the short) first closes the position, which
 * frees that part's value, and only the rest needs collateral; the fee is on the whole order.
 */
function marginCheck(side: 'buy' | 'sell', qty: Dec, ref: Dec, notional: Dec, pos: Dec, rules: MarketRules, ctx: ValidationContext): Refusal | null {
  const closing = side === 'sell' ? (pos > 0n ? pos : 0n) : pos < 0n ? -pos : 0n;
  const freed = closing === 0n ? 0n : mul(closing, ref);
  // What the part beyond the position costs (the whole order's fee on it), against what is free once the position is closed.
  const need = costWithFee(qty, ref, ctx.takerRate, notional) - freed;
  const free = ctx.quoteFree + freed;
  if (need <= free) return null;
  const rest = format(qty - closing);
  const what = side === 'buy' ? `buying ${rest} ${rules.base} at ${format(ref)}` : `a short of ${rest} ${rules.base} at ${format(ref)}`;
  const paid = side === 'buy' ? '(fee included)' : 'of collateral (1×, fee included)';
  const [needs, freeText] = amountsText(need, free, rules.quote);
  if (closing === 0n) return refuse('qty', `${what} needs ${needs} ${paid}; ${freeText} is free`, 'conflict', FUNDS);
  const first = side === 'buy' ? `buying back the ${format(closing)} ${rules.base} short` : `selling the ${format(closing)} ${rules.base} long`;
  return refuse('qty', `${what} after ${first} needs ${needs} ${paid}; ${freeText} is free after it`, 'conflict', FUNDS);
}

/**
 * What an order needs and what is free, as money reads: to the cent, grouped ("36,937.08 USDT"). A cash
 * balance after many fills carries a fee's long decimals ("36923.9905927652623"); exact figures are kept
 * only when the cents would show the two as equal, where the difference is all there is to read.
 */
export function amountsText(need: Dec, free: Dec, quote: string): [string, string] {
  const cents = (a: Dec) => `${enNumber(toNumber(a), 0, 2)} ${quote}`;
  const [n, f] = [cents(need), cents(free)];
  return n === f ? [`${format(need)} ${quote}`, `${format(free)} ${quote}`] : [n, f];
}

/** The smallest step-multiple quantity whose value reaches the minimum notional at `price`. */
function minQtyFor(rules: MarketRules, price: Dec): Dec {
  const raw = div(rules.minNotional, price);
  const q = floorTo(raw, rules.stepSize);
  const atLeast = q * price < rules.minNotional * ONE ? q + rules.stepSize : q;
  return atLeast < rules.minQty ? rules.minQty : atLeast;
}
