// Orders, fills, positions and accounts as they cross the bridge. Amounts are decimal strings
// (exact; see decimal.ts), times are epoch ms. The engine keeps amounts as bigint internally.
import { z } from 'zod';
import { EpochMs, SymbolSchema } from '../contract/schemas.ts';

export const DecimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal number written like 0.015 or 42');
export const PositiveDecimalString = DecimalString.refine((s) => /[1-9]/.test(s) && !s.startsWith('-'), 'must be greater than 0');

export const SIDES = ['buy', 'sell'] as const;
export const SideSchema = z.enum(SIDES);
export type Side = z.infer<typeof SideSchema>;

export const ORDER_TYPES = ['market', 'limit', 'stop-market', 'stop-limit', 'take-profit', 'take-profit-limit', 'trailing-stop'] as const;
export const OrderTypeSchema = z.enum(ORDER_TYPES);
export type OrderType = z.infer<typeof OrderTypeSchema>;

export const TIME_IN_FORCE = ['GTC', 'IOC', 'FOK'] as const;
export const TimeInForceSchema = z.enum(TIME_IN_FORCE);
export type TimeInForce = z.infer<typeof TimeInForceSchema>;

/** Every order goes through these; the state machine in the engine allows only the documented moves. */
export const ORDER_STATUSES = ['new', 'accepted', 'partially_filled', 'filled', 'cancelled', 'rejected', 'expired'] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;
export const OPEN_STATUSES: readonly OrderStatus[] = ['new', 'accepted', 'partially_filled'];

/**
 * Who placed an order: each keeps its own sub-ledger of positions and P&L on one account. "system" is
 * the risk room acting on its own (a margin call, or a loss limit's kill switch set to flatten): its
 * closing orders go into the ledger of the position they close, and `via` says what pulled the switch.
 */
export const OriginSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('user') }),
  z.strictObject({ kind: z.literal('system'), via: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('strategy'), id: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('ai'), confidence: z.number().min(0).max(1), decisionId: z.string().max(64).optional() }),
]);
export type Origin = z.infer<typeof OriginSchema>;

/** Client order ids make submission idempotent: the same id twice is one order. */
export const ClientOrderIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,36}$/, 'letters, digits, - and _, at most 36 characters');

/**
 * A label a strategy (or the trader) gives an order, saying why it was placed: "breakout", "rsi<30",
 * "margin call". Trades carry the tag of the order that opened them and of the one that closed them, and
 * backtest reports break their results down by tag. Words of letters, digits and _ . : < > = + - / % #,
 * one space between them, at most 40 characters.
 */
export const ORDER_TAG_VALID = 'a tag is 1 to 40 characters: words of letters, digits and _ . : < > = + - / % #, one space between words (like "breakout" or "rsi<30")';
const ORDER_TAG_RE = /^[A-Za-z0-9_.:<>=+\-/%#]+(?: [A-Za-z0-9_.:<>=+\-/%#]+)*$/;
export const OrderTagSchema = z.string().max(40, ORDER_TAG_VALID).regex(ORDER_TAG_RE, ORDER_TAG_VALID);

/** Whether `tag` is one OrderTagSchema takes, without building an error: the strategy API checks each new tag once. */
export function isOrderTag(tag: string): boolean {
  return tag.length <= 40 && ORDER_TAG_RE.test(tag);
}

export const TrailSchema = z.union([
  z.strictObject({ amount: PositiveDecimalString }),
  z.strictObject({ percent: z.number().gt(0).lt(100) }),
]);
export type Trail = z.infer<typeof TrailSchema>;

/**
 * A bracket level as a percent of the entry's average fill price: the engine sets it when the entry fills
 * (a long's stop that far below, its target that far above), on the market's tick away from the entry.
 */
export const LevelPercentSchema = z.number().gt(0).lt(100);

export const StopLossLegSchema = z.union([
  /** A stop-market at triggerPrice, or a stop-limit when price is given. */
  z.strictObject({ triggerPrice: PositiveDecimalString, price: PositiveDecimalString.optional() }),
  /** A stop-market `percent` away from the entry's fill. */
  z.strictObject({ percent: LevelPercentSchema }),
]);
export type StopLossLeg = z.infer<typeof StopLossLegSchema>;

export const TakeProfitLegSchema = z.union([
  z.strictObject({ price: PositiveDecimalString, fraction: z.number().gt(0).max(1) }),
  /** A limit `percent` away from the entry's fill, on its winning side (a short's below 100). */
  z.strictObject({ percent: z.number().gt(0).max(1000), fraction: z.number().gt(0).max(1) }),
]);
export type TakeProfitLeg = z.infer<typeof TakeProfitLegSchema>;

export const BracketSchema = z.strictObject({
  /** Stop-loss: at a price, or a percent from the entry's fill. */
  stopLoss: StopLossLegSchema.optional(),
  /**
   * A trailing stop instead of the fixed stop-loss: a trailing-stop order that follows the best price since
   * the entry filled, `trail` behind it (an amount in price units or a percent).
   */
  trailingStop: TrailSchema.optional(),
  /** Take-profits: limit orders, each for a fraction of the entry (fractions sum to at most 1). */
  takeProfits: z.array(TakeProfitLegSchema).max(5).optional(),
});
export type Bracket = z.infer<typeof BracketSchema>;

export const OrderRequestSchema = z.strictObject({
  clientOrderId: ClientOrderIdSchema.optional(),
  symbol: SymbolSchema,
  side: SideSchema,
  type: OrderTypeSchema,
  qty: PositiveDecimalString,
  /** Limit price (limit, stop-limit, take-profit-limit). */
  price: PositiveDecimalString.optional(),
  /** Trigger price (stop-market, stop-limit, take-profit, take-profit-limit; optional activation for trailing-stop). */
  triggerPrice: PositiveDecimalString.optional(),
  trail: TrailSchema.optional(),
  timeInForce: TimeInForceSchema.default('GTC'),
  reduceOnly: z.boolean().default(false),
  postOnly: z.boolean().default(false),
  bracket: BracketSchema.optional(),
  /** Why the order was placed (ORDER_TAG_VALID); trades and reports are broken down by it. */
  tag: OrderTagSchema.optional(),
});
export type OrderRequest = z.input<typeof OrderRequestSchema>;
export type OrderParams = z.output<typeof OrderRequestSchema>;

/**
 * The account an order, fill or position belongs to: "paper", or the live exchange account ("binance:main").
 * Paper and an armed live account publish on the same event streams; this is how they are told apart.
 */
export const AccountNameSchema = z.string().min(1);

export const OrderSchema = z.strictObject({
  id: z.string(),
  clientOrderId: z.string(),
  account: AccountNameSchema,
  symbol: z.string(),
  side: SideSchema,
  type: OrderTypeSchema,
  qty: DecimalString,
  filledQty: DecimalString,
  /** Volume-weighted fill price, or null before the first fill. */
  avgFillPrice: DecimalString.nullable(),
  price: DecimalString.nullable(),
  triggerPrice: DecimalString.nullable(),
  trail: TrailSchema.nullable(),
  /** Trailing stops: the stop level the trail has reached so far (null until it is live). */
  trailingStopPrice: DecimalString.nullable().optional(),
  timeInForce: TimeInForceSchema,
  reduceOnly: z.boolean(),
  postOnly: z.boolean(),
  status: OrderStatusSchema,
  /** Stop and take-profit orders: whether the trigger has been touched. */
  triggered: z.boolean(),
  /** Bracket children point at their entry; one-cancels-other siblings share a group. */
  parentId: z.string().nullable(),
  ocoGroup: z.string().nullable(),
  origin: OriginSchema,
  /** The sub-ledger the order trades for; ledgerOf(origin) unless the user closes another ledger's position. */
  ledger: z.string().optional(),
  /** Why the order was rejected, cancelled or expired. */
  reason: z.string().nullable(),
  /** Why it was placed, as its placer tagged it ("breakout", "margin call"); absent without a tag. */
  tag: z.string().optional(),
  exchangeOrderId: z.string().nullable(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type Order = z.infer<typeof OrderSchema>;

export const FillSchema = z.strictObject({
  id: z.string(),
  orderId: z.string(),
  clientOrderId: z.string(),
  account: AccountNameSchema,
  symbol: z.string(),
  side: SideSchema,
  price: DecimalString,
  qty: DecimalString,
  fee: DecimalString,
  feeAsset: z.string(),
  /** Borrow interest paid on top of the fee, in the quote asset: a buy that took back a margin short. Absent when none. */
  interest: DecimalString.optional(),
  liquidity: z.enum(['maker', 'taker']),
  origin: OriginSchema,
  ledger: z.string().optional(),
  /** The tag of the order it filled (why that order was placed); absent when it had none. */
  tag: OrderTagSchema.optional(),
  ts: EpochMs,
});
export type Fill = z.infer<typeof FillSchema>;

export const PositionSchema = z.strictObject({
  symbol: z.string(),
  /** Which sub-ledger: "user", "strategy:<id>" or "ai". */
  ledger: z.string(),
  /** Signed: positive long, negative short. */
  qty: DecimalString,
  avgEntryPrice: DecimalString.nullable(),
  realizedPnl: DecimalString,
  unrealizedPnl: DecimalString,
  feesPaid: DecimalString,
  /** Borrow interest its shorts paid when bought back; absent when none. */
  interestPaid: DecimalString.optional(),
  /** A short's interest so far, paid when it is bought back (at the mark, to now); absent when none. */
  interestOwed: DecimalString.optional(),
  markPrice: DecimalString.nullable(),
  updatedAt: EpochMs,
});
export type Position = z.infer<typeof PositionSchema>;

/** Every position of one account (the trading.positions answer and event). */
export const PositionsSchema = z.strictObject({ account: AccountNameSchema, positions: z.array(PositionSchema) });
export type Positions = z.infer<typeof PositionsSchema>;

export const BalanceSchema = z.strictObject({ asset: z.string(), free: DecimalString, locked: DecimalString });
export type Balance = z.infer<typeof BalanceSchema>;

export const AccountSchema = z.strictObject({
  mode: z.enum(['paper', 'live']),
  /** For live: the exchange account ("binance:main"); for paper: "paper". */
  account: z.string(),
  /**
   * spot holds only what it bought; margin can go short (a short's proceeds and as much again, 1×, are
   * held as collateral). The paper account's is the trader's choice (trading.setAccountKind); a live
   * account's is the exchange's.
   */
  kind: z.enum(['spot', 'margin']),
  /** Why the account cannot switch to the other kind now (open orders, a short on margin, a live account), or null when it can. */
  kindChangeRefusal: z.string().nullable(),
  quoteAsset: z.string(),
  balances: z.array(BalanceSchema),
  /** Cash plus positions marked to market, less the interest the shorts owe, in the quote asset. */
  equity: DecimalString,
  realizedPnl: DecimalString,
  unrealizedPnl: DecimalString,
  feesPaid: DecimalString,
  /** What a short pays on what it borrowed, percent a year (margin; the paper account's is the trader's: trading.setBorrowRate). */
  borrowRatePct: DecimalString,
  /** Borrow interest paid by shorts bought back, and what the open ones owe so far. */
  interestPaid: DecimalString,
  interestOwed: DecimalString,
  updatedAt: EpochMs,
});
export type Account = z.infer<typeof AccountSchema>;

export function ledgerOf(origin: Origin): string {
  return origin.kind === 'strategy' ? `strategy:${origin.id}` : origin.kind;
}
