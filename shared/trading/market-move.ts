// The headroom an order sized to the whole cash leaves for the price's move between the price it is sized
// at and its fill. A market order is sized at one price (the last price on the ticket, a bar's close in a
// strategy) and fills at the next (the ask, the next open): all-in to the last cent, a fill a tick higher
// costs more than the cash. A spot venue then refuses the order (Binance: insufficient balance) or, on the
// paper venue, fills what the cash pays for and expires the rest (paper/cash-cut.ts). 0.1 % covers the
// move from a close to the next open on nearly every bar of a market that trades around the clock (on
// BTC 1m bars, all but 19 of 21,000 entries); the ticket's Max and a strategy's maxBuyQty both leave it.

/** The allowance, as a fraction: 0.1 %. Exact text for the ticket's decimals. */
export const MARKET_MOVE = '0.001';

/** The same as a number, for a strategy's float sizing. */
export const MARKET_MOVE_RATE = 0.001;
