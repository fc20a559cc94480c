// Reference semantics: Keel's sma-cross, run through the engine, the risk gate and the paper broker, makes
// the same fills as grademark (an established npm backtesting library) given the same rules, on real data:
// same times, sides, prices, and, sizing each entry with all the cash as the runner does (less the 0.1 % a
// spot entry leaves for the move to its fill), the same quantities and 0.1 % fees. An entry is sized at the
// signal bar's close and fills at the next open: where that open is higher still, a spot account's cash
// pays for less, and the entry is cut to what it pays for there
// (as a spot venue fills a market buy), in Keel's fills and in the peer's sizing below alike. grademark has no risk limits, so the risk room's loss limits (daily loss,
// drawdown, losing streak) are opened wide for this comparison; the gate still checks every order.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { candlesFromFile } from '../../../electron/backtest/load-candles.ts';
import { NO_STOPS, riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { timeframeMs } from '../../../shared/domain/timeframe.ts';
import { ceilTo, dec, decFromNumber, floorTo, mul, toNumber, type Dec } from '../../../shared/trading/decimal.ts';
import { MARKET_MOVE_RATE } from '../../../shared/trading/market-move.ts';
import { grademarkInput, grademarkSmaCross } from '../../helpers/grademark-sma-cross.ts';

const DATA = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data');
const FEE = 0.001;
const STEP = dec('0.00001'); // BTC/USDT's step on the paper market table
const FEE_UNIT = dec('0.00000001');

interface Row {
  ts: number;
  side: 'buy' | 'sell';
  price: number;
  qty: number;
  fee: number;
}

/**
 * grademark's trades as fills, sized as the runner sizes an all-in entry: cash / (1 + the market move
 * allowance) / (signal close × (1 + fee)),
 * down to the step; then, at the entry price, no more than the cash pays for with the fee (a spot account
 * never spends more than it holds).
 */
function peerFills(trades: ReturnType<typeof grademarkSmaCross>, closeBefore: (ts: number) => number, capital: number): Row[] {
  let cash: Dec = decFromNumber(capital);
  const out: Row[] = [];
  for (const t of trades) {
    if (t.exitReason === 'finalize') {
      // Still open at the end: grademark closes it on paper; the runner keeps it open (no fill).
      const qty = paidFor(floorTo(decFromNumber(toNumber(cash) / (1 + MARKET_MOVE_RATE) / (closeBefore(t.entryTime.getTime()) * (1 + FEE))), STEP), t.entryPrice, cash);
      out.push(fill(t.entryTime.getTime(), 'buy', t.entryPrice, qty));
      break;
    }
    const qty = paidFor(floorTo(decFromNumber(toNumber(cash) / (1 + MARKET_MOVE_RATE) / (closeBefore(t.entryTime.getTime()) * (1 + FEE))), STEP), t.entryPrice, cash);
    const buy = fill(t.entryTime.getTime(), 'buy', t.entryPrice, qty);
    const sell = fill(t.exitTime.getTime(), 'sell', t.exitPrice, qty);
    cash += -mul(qty, decFromNumber(t.entryPrice)) - decFromNumber(buy.fee) + mul(qty, decFromNumber(t.exitPrice)) - decFromNumber(sell.fee);
    out.push(buy, sell);
  }
  return out;
}

/** `qty`, or a step less at a time until its cost and fee at `price` are within `cash`. */
function paidFor(qty: Dec, price: number, cash: Dec): Dec {
  const p = decFromNumber(price);
  const costOf = (q: Dec) => mul(q, p) + ceilTo(mul(mul(q, p), decFromNumber(FEE)), FEE_UNIT);
  while (qty > 0n && costOf(qty) > cash) qty -= STEP;
  return qty;
}

function fill(ts: number, side: 'buy' | 'sell', price: number, qty: Dec): Row {
  const fee = ceilTo(mul(mul(qty, decFromNumber(price)), decFromNumber(FEE)), FEE_UNIT);
  return { ts, side, price, qty: toNumber(qty), fee: toNumber(fee) };
}

async function compare(file: string, fast: number, slow: number) {
  const { candles, timeframe } = await candlesFromFile(path.join(DATA, file), {});
  const { def, params } = strategyWithParams('sma-cross', { fast, slow });
  const capital = 10_000;
  const keel = runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: timeframeMs(timeframe), risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital, feePct: FEE * 100, slippageBps: 0 });
  const peer = grademarkSmaCross(candles, grademarkInput(candles), fast, slow);
  const index = new Map<number, number>();
  for (let i = 0; i < candles.length; i++) index.set(candles.t[i]!, i);
  const closeBefore = (ts: number) => candles.c[index.get(ts)! - 1]!;
  return { keel: keel.fills, peer: peerFills(peer, closeBefore, capital) };
}

describe('sma-cross fills match grademark', () => {
  it('on 1h BTCUSDT mark prices, 2019-12 to 2024-01 (35,481 bars), fast 10 / slow 30', async () => {
    const { keel, peer } = await compare('binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv', 10, 30);
    expect(keel.length).toBeGreaterThan(1000);
    expect(keel.length).toBe(peer.length);
    for (let i = 0; i < keel.length; i++) {
      const k = keel[i]!;
      const p = peer[i]!;
      expect({ i, ts: k.ts, side: k.side, price: k.price, qty: k.qty }).toEqual({ i, ts: p.ts, side: p.side, price: p.price, qty: p.qty });
      expect(Math.abs(k.fee - p.fee)).toBeLessThanOrEqual(1e-8);
    }
  }, 60_000);

  it('on 1m BTC perpetual candles (45,031 bars), fast 20 / slow 50', async () => {
    const { keel, peer } = await compare('nautilus_btc-perp-20211231-20220201_1m.csv', 20, 50);
    expect(keel.length).toBeGreaterThan(500);
    expect(keel.map((f) => [f.ts, f.side, f.price, f.qty])).toEqual(peer.map((f) => [f.ts, f.side, f.price, f.qty]));
    expect(keel.every((f, i) => Math.abs(f.fee - peer[i]!.fee) <= 1e-8)).toBe(true);
  }, 60_000);
});
