// How a CSV file of trades is told from a file of candles, and where its time, price and amount are.
// A header is a trades header when it names a price, an amount and a time but not the four candle
// prices (a candle header always wins), nor a column only an order book has. Binance's public data dumps also come without a header; their
// trade and aggTrade lines are told apart by where the true/false columns start, which no kline line has.
import { TIME_NAMES, unquote } from './column-names.ts';
import { allDigits, slowNumber } from './decimal-text.ts';
import { parseTime } from './parse-time.ts';

// Binance names its trade time `time` (trades) or `transact_time` (aggTrades); the candle names follow.
export const TRADE_TIME_NAMES = ['transact_time', 'trade_time', ...TIME_NAMES];
export const PRICE_NAMES = ['price', 'p', 'trade_price', 'rate'];
// The amount traded in the base asset. quote_qty (price × qty) is left out on purpose, as candle volumes in quote are.
export const AMOUNT_NAMES = ['amount', 'qty', 'quantity', 'q', 'size', 'base_qty', 'base_quantity', 'volume', 'vol', 'v'];

/** Where a trade's fields are among the columns. */
export interface TradeColumnMap {
  t: number;
  price: number;
  amount: number;
}

/** A trades header's columns, or the fields (time, price, amount) it has no column for. */
export function mapTradeColumns(names: readonly string[]): { columns: TradeColumnMap } | { missing: string[] } {
  const find = (accepted: readonly string[]) => accepted.map((a) => names.indexOf(a)).find((i) => i >= 0) ?? -1;
  const columns = { t: find(TRADE_TIME_NAMES), price: find(PRICE_NAMES), amount: find(AMOUNT_NAMES) };
  const missing = (
    [
      ['time', columns.t],
      ['price', columns.price],
      ['amount', columns.amount],
    ] as const
  )
    .filter(([, i]) => i < 0)
    .map(([field]) => field);
  return missing.length > 0 ? { missing } : { columns };
}

// Columns only an order book has: a depth snapshot or diff (Binance: first_update_id, update_type, pu;
// tardis: is_snapshot) also has a time, a price and a qty per line, but its lines are resting orders, not trades.
const BOOK_NAMES = ['update_type', 'first_update_id', 'last_update_id', 'update_id', 'pu', 'is_snapshot', 'bids', 'asks'];
/** A level of a flattened book snapshot (tardis book_snapshot_25: asks[0].price, bids[3].amount, ...). */
const BOOK_LEVEL = /^(asks|bids)\[\d+\]/;

/** The first column that says the file is an order book, not trades; null when there is none. */
export function bookColumn(names: readonly string[]): string | null {
  return BOOK_NAMES.find((n) => names.includes(n)) ?? names.find((n) => BOOK_LEVEL.test(n)) ?? null;
}

/** Whether a header has a price column: one that is not a candle header may then be meant as trades. */
export function hasPriceColumn(names: readonly string[]): boolean {
  return PRICE_NAMES.some((n) => names.includes(n));
}

/** For the message about a trades header that lacks columns: the names each missing field may have. */
export function tradeNamesHelp(missing: readonly string[]): string {
  const lists: Record<string, readonly string[]> = { time: TRADE_TIME_NAMES, price: PRICE_NAMES, amount: AMOUNT_NAMES };
  return missing.map((field) => `${field}: ${lists[field]!.join(', ')}`).join('; ');
}

export interface HeaderlessTrades {
  name: 'Binance trades' | 'Binance aggTrades';
  columns: TradeColumnMap;
}

/**
 * A first line that is a trade of Binance's data dumps, or null:
 * trades `id,price,qty,quote_qty,time,is_buyer_maker[,is_best_match]`,
 * aggTrades `agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker[,is_best_match]`.
 */
export function headerlessTrades(rawCells: readonly string[]): HeaderlessTrades | null {
  const cells = rawCells.map((c) => unquote(c.trim()));
  const firstFlag = cells.findIndex(isFlag);
  if (firstFlag < 0 || !cells.slice(firstFlag).every(isFlag) || cells.length - firstFlag > 2) return null;
  const [id, price, amount] = cells;
  if (!isInteger(id) || !isNumber(price) || !isNumber(amount)) return null;
  if (firstFlag === 5 && isNumber(cells[3]) && isEpoch(cells[4])) return { name: 'Binance trades', columns: { t: 4, price: 1, amount: 2 } };
  if (firstFlag === 6 && isInteger(cells[3]) && isInteger(cells[4]) && isEpoch(cells[5])) return { name: 'Binance aggTrades', columns: { t: 5, price: 1, amount: 2 } };
  return null;
}

function isFlag(cell: string): boolean {
  return /^(true|false)$/i.test(cell);
}

function isInteger(cell: string | undefined): boolean {
  return cell !== undefined && allDigits(cell, 0, cell.length);
}

function isNumber(cell: string | undefined): boolean {
  return cell !== undefined && !Number.isNaN(slowNumber(cell));
}

function isEpoch(cell: string | undefined): boolean {
  return isInteger(cell) && parseTime(cell!) !== null;
}
