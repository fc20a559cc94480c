// Fees paid in a third asset on the live path, against the local Binance server with "pay fees with BNB"
// on: the engine keeps fees in the quote asset, so a commission in BNB is valued at BNB/USDT's last price
// (read from the exchange's ticker, once a minute at most) and the fill, the position, cash and fees paid
// show that value; an asset the exchange has no market for, or a ticker that cannot be read, leaves the
// fill recorded with a fee of 0 and a warning that says why. Fills keep their trade-id order and come in
// once each while the ticker is slow.
import { afterEach, describe, expect, it } from 'vitest';
import { balanceDrift } from '../../electron/trading/live/balance-drift.ts';
import { FeeAssetPrices } from '../../electron/trading/live/fee-asset-prices.ts';
import { createLiveExchange } from '../../electron/trading/live/live-exchange.ts';
import { dec, format, mul, type Dec } from '../../shared/trading/decimal.ts';
import type { Fill } from '../../shared/trading/orders.ts';
import { openLiveRig, USER, type LiveRig } from '../helpers/live-rig.ts';
import { startBinanceServer, TEST_API_KEY, TEST_API_SECRET, type BinanceServer, type FlatMarket } from '../support/binance-server/index.ts';
import type { SpotTrade } from '../support/binance-server/order-matching.ts';
import { waitFor } from '../support/binance-server/test-helpers.ts';

const BNB_USDT = '312.45';

let server: BinanceServer | undefined;
let r: LiveRig | undefined;

afterEach(async () => {
  r?.close();
  r = undefined;
  await server?.close();
  server = undefined;
});

/** An exchange whose account pays commission in `asset` (at `price` USDT), listing `markets` beside BTCUSDT and ETHUSDT. */
async function start(asset: string, price: string, markets: FlatMarket[]): Promise<{ server: BinanceServer; r: LiveRig }> {
  server = await startBinanceServer({ markets, account: { balances: { USDT: '100000', BTC: '0', ETH: '0', [asset]: '10' }, commissionIn: { asset, price } } });
  r = await openLiveRig({ origin: server.origin, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, prices: { 'BTC/USDT': btcPrice(server) } });
  return { server, r };
}

function btcPrice(s: BinanceServer): number {
  return Number(format(s.exchange.matcher.price('BTCUSDT')));
}

/** A market order through the engine, waited until filled; its fills as the journal holds them, and the exchange's trades. */
async function marketOrder(s: BinanceServer, rig: LiveRig, side: 'buy' | 'sell', clientOrderId: string): Promise<{ fills: Fill[]; trades: SpotTrade[] }> {
  const order = rig.live.engine.submit({ symbol: 'BTC/USDT', side, type: 'market', qty: '0.01', clientOrderId }, USER);
  await waitFor(`${clientOrderId} filled`, () => rig.live.engine.order(order.id)?.status === 'filled');
  await rig.live.monitor.idle();
  return { fills: journaledFills(rig, order.id), trades: tradesOf(s, clientOrderId) };
}

/** The order's fills as the journal holds them (and the fills table shows them), oldest first. */
function journaledFills(rig: LiveRig, orderId: string): Fill[] {
  return rig.live.engine
    .fills({ limit: 1000 })
    .filter((f) => f.orderId === orderId)
    .reverse();
}

function tradesOf(s: BinanceServer, clientOrderId: string): SpotTrade[] {
  const ids = new Set(s.exchange.ordersWithClientId(clientOrderId).map((o) => o.orderId));
  return s.exchange.matcher.trades.filter((t) => ids.has(t.orderId)).sort((a, b) => a.id - b.id);
}

function tickerReads(s: BinanceServer, symbol: string): number {
  return s.requests.filter((q) => q.path === '/api/v3/ticker/24hr' && q.query.get('symbol') === symbol).length;
}

const sum = (xs: readonly Dec[]): Dec => xs.reduce((a, b) => a + b, 0n);

describe('fees paid in a third asset', () => {
  it('a commission in BNB is valued at the BNB/USDT price: fill, position, fees paid and cash show it; one ticker read serves a burst', async () => {
    const { server: s, r: rig } = await start('BNB', BNB_USDT, [{ base: 'BNB', quote: 'USDT', price: BNB_USDT }]);
    const buy = await marketOrder(s, rig, 'buy', 'bnb-buy');
    const sell = await marketOrder(s, rig, 'sell', 'bnb-sell');
    const trades = [...buy.trades, ...sell.trades];
    expect(trades.map((t) => t.commissionAsset)).toEqual(['BNB', 'BNB']);
    expect(trades.every((t) => t.commission > 0n)).toBe(true);

    // Each fill's fee is the BNB commission × 312.45, exactly, in USDT.
    const valued = trades.map((t) => mul(t.commission, dec(BNB_USDT)));
    const fills = [...buy.fills, ...sell.fills];
    expect(fills.map((f) => [f.fee, f.feeAsset])).toEqual(valued.map((v) => [format(v), 'USDT']));
    const [position] = rig.live.engine.positions().filter((p) => p.symbol === 'BTC/USDT');
    expect(position?.feesPaid).toBe(format(sum(valued)));
    const account = rig.live.engine.accountSnapshot();
    expect(account.feesPaid).toBe(format(sum(valued)));
    // Cash: the opening 100000 USDT, less what the buy cost, plus what the sell brought, less both fees.
    const cash = dec('100000') - mul(buy.trades[0]!.qty, buy.trades[0]!.price) + mul(sell.trades[0]!.qty, sell.trades[0]!.price) - sum(valued);
    expect(account.balances.find((b) => b.asset === 'USDT')).toEqual({ asset: 'USDT', free: format(cash), locked: '0' });
    // The exchange took BNB, not USDT: the engine's USDT differs from the exchange's by exactly the fees it valued.
    const drift = balanceDrift(account, await rig.live.balances());
    expect(drift.find((d) => d.asset === 'USDT')?.difference).toBe(format(sum(valued)));

    // Two fills a moment apart: the BNB/USDT price was read once.
    expect(tickerReads(s, 'BNBUSDT')).toBe(1);
    const lines = rig.log.lines!.join('\n');
    expect(lines).toContain(`paid its fee in BNB: ${format(trades[0]!.commission)} BNB at 312.45 USDT (BNB/USDT) is recorded as ${format(valued[0]!)} USDT`);
    expect(lines).not.toContain('counted as 0');
  });

  it('only USDT/ASSET is listed: the fee is valued at 1 ÷ its price', async () => {
    const { server: s, r: rig } = await start('KEEL', '0.25', [{ base: 'USDT', quote: 'KEEL', price: '4' }]);
    const { fills, trades } = await marketOrder(s, rig, 'buy', 'inv-buy');
    expect(trades.map((t) => t.commissionAsset)).toEqual(['KEEL']);
    expect(fills.map((f) => [f.fee, f.feeAsset])).toEqual([[format(mul(trades[0]!.commission, dec('0.25'))), 'USDT']]);
    expect(tickerReads(s, 'USDTKEEL')).toBe(1);
  });

  it('an asset with no market: the fill is recorded with a fee of 0 and a warning says which asset and why', async () => {
    const { server: s, r: rig } = await start('KEEL', '2', []);
    const { fills, trades } = await marketOrder(s, rig, 'buy', 'nomkt-buy');
    expect(trades.map((t) => t.commissionAsset)).toEqual(['KEEL']);
    expect(fills.map((f) => [f.qty, f.fee, f.feeAsset])).toEqual([['0.01', '0', 'USDT']]);
    expect(rig.live.engine.accountSnapshot().feesPaid).toBe('0');
    const warning = rig.log.lines!.find((l) => l.includes('WARN') && l.includes('KEEL'));
    expect(warning).toContain(`paid its fee of ${format(trades[0]!.commission)} KEEL, which Keel cannot value in USDT: binance lists neither KEEL/USDT nor USDT/KEEL; the fee is counted as 0`);
    expect(s.requests.filter((q) => q.path === '/api/v3/ticker/24hr')).toEqual([]);
  });

  it('a ticker that cannot be read: the fill is recorded with a fee of 0 and a warning; the next fill reads it again', async () => {
    const { server: s, r: rig } = await start('BNB', BNB_USDT, [{ base: 'BNB', quote: 'USDT', price: BNB_USDT }]);
    s.faults.status(503, { path: '/api/v3/ticker/24hr', count: 1 });
    const first = await marketOrder(s, rig, 'buy', 'down-buy');
    expect(first.fills.map((f) => [f.qty, f.fee])).toEqual([['0.01', '0']]);
    const warning = rig.log.lines!.find((l) => l.includes('WARN') && l.includes('BNB'));
    expect(warning).toMatch(/paid its fee of [0-9.]+ BNB, which Keel cannot value in USDT: reading the BNB\/USDT ticker from binance failed \(.+\); the fee is counted as 0$/);
    // A failed read is not kept: the next fill asks again and gets the price.
    const second = await marketOrder(s, rig, 'sell', 'down-sell');
    expect(second.fills.map((f) => f.fee)).toEqual([format(mul(second.trades[0]!.commission, dec(BNB_USDT)))]);
    expect(tickerReads(s, 'BNBUSDT')).toBe(2);
  });

  it('a price is reused for a minute, shared by reads under way, and read again once older', async () => {
    server = await startBinanceServer({ markets: [{ base: 'BNB', quote: 'USDT', price: BNB_USDT }] });
    const s = server;
    const ex = await createLiveExchange({ exchange: 'binance', credentials: { apiKey: TEST_API_KEY, secret: TEST_API_SECRET }, endpoints: { rest: s.origin, ws: s.wsOrigin }, rateLimitMs: 1 });
    try {
      await ex.loadMarkets();
      let now = 1_000_000;
      const prices = new FeeAssetPrices({ exchange: async () => ex, clock: { now: () => now } });
      const expected = { ok: true, price: dec(BNB_USDT), market: 'BNB/USDT' };
      expect(await Promise.all([prices.priceIn('BNB', 'USDT'), prices.priceIn('BNB', 'USDT')])).toEqual([expected, expected]);
      now += 59_999;
      expect(await prices.priceIn('BNB', 'USDT')).toEqual(expected);
      expect(tickerReads(s, 'BNBUSDT')).toBe(1);
      now += 1;
      expect(await prices.priceIn('BNB', 'USDT')).toEqual(expected);
      expect(tickerReads(s, 'BNBUSDT')).toBe(2);
    } finally {
      await ex.close();
    }
  });

  it('a resting limit filling in parts while the ticker is slow: every part once, in trade-id order, each fee valued', async () => {
    const { server: s, r: rig } = await start('BNB', BNB_USDT, [{ base: 'BNB', quote: 'USDT', price: BNB_USDT }]);
    s.faults.delay(300, { path: '/api/v3/ticker/24hr' });
    const limit = (Math.floor(btcPrice(s) * 100) / 100 - 10).toFixed(2);
    const order = rig.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: limit, qty: '3', clientOrderId: 'parts-1' }, USER);
    await waitFor('accepted', () => rig.live.engine.order(order.id)?.status === 'accepted');
    for (let k = 0; k < 40 && rig.live.engine.order(order.id)?.status !== 'filled'; k++) {
      s.clock.advance(60_000);
      await new Promise((res) => setTimeout(res, 80));
    }
    await waitFor('the limit filled', () => rig.live.engine.order(order.id)?.status === 'filled', 10_000);
    await rig.live.monitor.idle();
    const trades = tradesOf(s, 'parts-1');
    expect(trades.length).toBeGreaterThan(1);
    const fills = journaledFills(rig, order.id);
    expect(fills.map((f) => [f.qty, f.fee, f.liquidity])).toEqual(trades.map((t) => [format(t.qty), format(mul(t.commission, dec(BNB_USDT))), 'maker']));
    expect(rig.live.engine.order(order.id)!.filledQty).toBe('3');
  });
});
