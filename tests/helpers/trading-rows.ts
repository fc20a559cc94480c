// Orders and fills written through the trading engine's own SQLite journal, for the export tests:
// a limit buy filled in two parts (its average price does not end: 63000.25 / 1.5), a strategy's order,
// tagged, cancelled a day later with a reason that needs CSV quoting, and another of its orders, tagged,
// filled the day after.
import type Database from 'better-sqlite3';
import type { FillRecord, OrderRecord } from '../../electron/journal/trading-journal.ts';
import { SqliteTradingJournal } from '../../electron/journal/trading-store.ts';
import { dec, mul } from '../../shared/trading/decimal.ts';

export const T0 = Date.UTC(2024, 2, 1);
const DAY = 86_400_000;

const base: OrderRecord = {
  seq: 1,
  id: 'paper-1',
  clientOrderId: 'c1',
  account: 'paper',
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  qty: dec('1.5'),
  filledQty: 0n,
  filledNotional: 0n,
  feesPaid: 0n,
  price: dec('42000.5'),
  triggerPrice: null,
  trail: null,
  trailExtreme: null,
  timeInForce: 'GTC',
  reduceOnly: false,
  postOnly: false,
  status: 'accepted',
  triggered: false,
  parentId: null,
  ocoGroup: null,
  bracket: null,
  origin: { kind: 'user' },
  ledger: 'user',
  reason: null,
  tag: null,
  exchangeOrderId: null,
  emulated: false,
  refPrice: dec('42000.5'),
  createdAt: T0,
  updatedAt: T0,
};

export function writeTradingRows(db: Database.Database): void {
  const j = new SqliteTradingJournal(db);
  j.openAccount({ account: 'paper', quoteAsset: 'USDT', startBalance: dec('100000'), mode: 'spot', borrowRatePct: 0n, createdAt: T0 });
  j.writeOrder(base, { orderId: base.id, ts: T0, kind: 'accepted', status: 'accepted', detail: null });

  const fill = (n: number, price: string, qty: string, fee: string, ts: number, order: OrderRecord): void => {
    const f: FillRecord = {
      seq: n, id: `fill-${n}`, orderId: order.id, clientOrderId: order.clientOrderId, account: 'paper', symbol: order.symbol, side: order.side,
      price: dec(price), qty: dec(qty), fee: dec(fee), feeAsset: 'USDT', interest: 0n, liquidity: 'maker', origin: order.origin, ledger: order.ledger, ts,
    };
    j.writeFill(f, order, { orderId: order.id, ts, kind: order.status === 'filled' ? 'filled' : 'partially_filled', status: order.status, detail: f.id }, {
      account: 'paper', symbol: order.symbol, ledger: order.ledger, qty: order.filledQty, costBasis: order.filledNotional, realizedPnl: 0n, feesPaid: order.feesPaid, interestPaid: 0n, borrowedSince: null, updatedAt: ts,
    }, { account: 'paper', ts, cash: dec('100000') - order.filledNotional, realizedPnl: 0n, feesPaid: order.feesPaid, interestPaid: 0n, cause: f.id });
  };
  const half = { ...base, filledQty: dec('0.5'), filledNotional: dec('21000.25'), feesPaid: dec('0.021'), status: 'partially_filled' as const, updatedAt: T0 + 1000 };
  fill(1, '42000.5', '0.5', '0.021', T0 + 1000, half);
  const full = { ...half, filledQty: dec('1.5'), filledNotional: dec('63000.25'), feesPaid: dec('0.063'), status: 'filled' as const, updatedAt: T0 + 2000 };
  fill(2, '42000', '1', '0.042', T0 + 2000, full);

  const cancelled: OrderRecord = {
    ...base, seq: 2, id: 'paper-2', clientOrderId: 'grid-7', side: 'sell', qty: dec('0.25'), price: dec('45000'), origin: { kind: 'strategy', id: 'grid' },
    ledger: 'strategy:grid', status: 'cancelled', reason: 'kill switch, all orders cancelled', tag: 'grid level 7', createdAt: T0 + DAY, updatedAt: T0 + DAY + 5,
  };
  j.writeOrder(cancelled, { orderId: cancelled.id, ts: cancelled.updatedAt, kind: 'cancelled', status: 'cancelled', detail: cancelled.reason });

  const level: OrderRecord = {
    ...base, seq: 3, id: 'paper-3', clientOrderId: 'grid-3', qty: dec('0.1'), price: dec('41000'), origin: { kind: 'strategy', id: 'grid' },
    ledger: 'strategy:grid', tag: 'grid level 3', createdAt: T0 + 2 * DAY, updatedAt: T0 + 2 * DAY,
  };
  j.writeOrder(level, { orderId: level.id, ts: level.createdAt, kind: 'accepted', status: 'accepted', detail: null });
  const filled = { ...level, filledQty: dec('0.1'), filledNotional: dec('4100'), feesPaid: dec('0.0041'), status: 'filled' as const, updatedAt: T0 + 2 * DAY + 1000 };
  fill(3, '41000', '0.1', '0.0041', T0 + 2 * DAY + 1000, filled);
}

/**
 * Another account beside paper (a live one, say "binance:main"): one market order per entry, each filled
 * at once, written as its engine writes them. Ids are the account's own (`<account>-<n>`, `<account>-fill-<n>`).
 */
export function writeAccountFills(db: Database.Database, account: string, fills: readonly { side: 'buy' | 'sell'; price: string; qty: string; ts: number; tag?: string }[]): void {
  const j = new SqliteTradingJournal(db);
  j.openAccount({ account, quoteAsset: 'USDT', startBalance: dec('1000'), mode: 'spot', borrowRatePct: 0n, createdAt: T0 });
  fills.forEach((f, i) => {
    const n = i + 1;
    const notional = mul(dec(f.price), dec(f.qty));
    const placed: OrderRecord = {
      ...base, seq: n, id: `${account}-${n}`, clientOrderId: `${account}-c${n}`, account, side: f.side, type: 'market', qty: dec(f.qty), price: null,
      tag: f.tag ?? null, refPrice: dec(f.price), createdAt: f.ts, updatedAt: f.ts,
    };
    j.writeOrder(placed, { orderId: placed.id, ts: f.ts, kind: 'accepted', status: 'accepted', detail: null });
    const filled: OrderRecord = { ...placed, filledQty: dec(f.qty), filledNotional: notional, status: 'filled' };
    const fill: FillRecord = {
      seq: n, id: `${account}-fill-${n}`, orderId: placed.id, clientOrderId: placed.clientOrderId, account, symbol: placed.symbol, side: f.side,
      price: dec(f.price), qty: dec(f.qty), fee: 0n, feeAsset: 'USDT', interest: 0n, liquidity: 'taker', origin: placed.origin, ledger: placed.ledger, ts: f.ts,
    };
    j.writeFill(fill, filled, { orderId: placed.id, ts: f.ts, kind: 'filled', status: 'filled', detail: fill.id }, {
      account, symbol: placed.symbol, ledger: placed.ledger, qty: 0n, costBasis: 0n, realizedPnl: 0n, feesPaid: 0n, interestPaid: 0n, borrowedSince: null, updatedAt: f.ts,
    }, { account, ts: f.ts, cash: dec('1000'), realizedPnl: 0n, feesPaid: 0n, interestPaid: 0n, cause: fill.id });
  });
}
