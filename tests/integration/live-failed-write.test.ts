// A live account whose journal cannot save what the exchange did (a full disk, an I/O error): the engine
// does not move ahead of its journal; it reloads itself, and the broker asks the exchange again at its next
// poll, so the cancel or fill is journaled once the journal can take it, once. Against the local
// Binance-speaking server, with a real SQLite journal made to refuse one kind of write.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteTradingJournal } from '../../electron/journal/trading-store.ts';
import { format } from '../../shared/trading/decimal.ts';
import { journalView, openLiveRig, USER, type LiveRig } from '../helpers/live-rig.ts';
import { startBinanceServer, TEST_API_KEY, TEST_API_SECRET, type BinanceServer } from '../support/binance-server/index.ts';
import { waitFor } from '../support/binance-server/test-helpers.ts';

let server: BinanceServer;
const rigs: LiveRig[] = [];

beforeEach(async () => {
  server = await startBinanceServer({ account: { balances: { USDT: '100000', BTC: '0', ETH: '0' } } });
});

afterEach(async () => {
  for (const r of rigs.splice(0)) r.close();
  await server?.close();
});

const lastPrice = (symbol = 'BTCUSDT') => Number(format(server.exchange.matcher.price(symbol)));

async function rig(): Promise<LiveRig> {
  const r = await openLiveRig({ origin: server.origin, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, prices: { 'BTC/USDT': lastPrice() } });
  rigs.push(r);
  return r;
}

function refuse(r: LiveRig, table: 'order_events' | 'fills', when: string): () => void {
  r.journal.db.exec(`CREATE TRIGGER refuse_write BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
  return () => r.journal.db.exec('DROP TRIGGER refuse_write');
}

describe('a live account whose journal write fails', () => {
  it('keeps a cancelled order open until the journal can say so, then journals the cancel once', async () => {
    const r = await rig();
    const price = (Math.floor(lastPrice() * 0.8 * 100) / 100).toFixed(2);
    const order = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', price, qty: '0.001', clientOrderId: 'fw-cxl' }, USER);
    await waitFor('accepted', () => r.live.engine.order(order.id)?.status === 'accepted');
    const allow = refuse(r, 'order_events', "NEW.status = 'cancelled'");

    r.live.engine.cancel(order.id);
    await waitFor('the exchange cancelled it', () => server.exchange.ordersWithClientId('fw-cxl')[0]?.status === 'CANCELED');
    await waitFor('the failed write logged', () => (r.log.lines ?? []).some((l) => /reloaded from the journal/.test(l)));
    // The journal could not say it: the engine shows what the journal holds, an open order.
    expect(r.live.engine.order(order.id)?.status).toBe('accepted');
    expect(r.live.engine.openOrders().map((o) => o.id)).toEqual([order.id]);

    allow();
    await waitFor('cancelled, from the next poll', () => r.live.engine.order(order.id)?.status === 'cancelled');
    const trading = new SqliteTradingJournal(r.journal.db);
    expect(journalView(trading).get('fw-cxl')).toMatchObject({ status: 'cancelled', fills: 0 });
    expect(trading.orderEvents(order.id).filter((e) => e.kind === 'cancelled')).toHaveLength(1);
  });

  it('journals a fill it could not save once the journal can take it, once', async () => {
    const r = await rig();
    const allow = refuse(r, 'fills', '1');
    const order = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.002', clientOrderId: 'fw-fill' }, USER);
    await waitFor('the exchange filled it', () => server.exchange.ordersWithClientId('fw-fill')[0]?.status === 'FILLED');
    await waitFor('the failed write logged', () => (r.log.lines ?? []).some((l) => /reloaded from the journal/.test(l)));
    expect(r.live.engine.order(order.id)?.filledQty).toBe('0');
    expect(r.live.engine.positions().filter((p) => p.qty !== '0')).toEqual([]);
    // The trading screen is told, not only the log (trading.journalHealth).
    expect(r.live.engine.journalHealth).toMatchObject({ account: r.live.engine.account, status: 'failing', error: 'disk I/O error', reload: 'reloaded' });

    allow();
    await waitFor('filled, from the next poll', () => r.live.engine.order(order.id)?.status === 'filled');
    expect(r.live.engine.journalHealth).toMatchObject({ status: 'saving', error: 'disk I/O error', recoveredAt: expect.any(Number) });
    const trading = new SqliteTradingJournal(r.journal.db);
    const trades = server.exchange.matcher.trades.filter((t) => t.orderId === server.exchange.ordersWithClientId('fw-fill')[0]!.orderId);
    expect(journalView(trading).get('fw-fill')).toMatchObject({ status: 'filled', fills: trades.length });
    expect(r.live.engine.positions().find((p) => p.symbol === 'BTC/USDT')?.qty).toBe('0.002');
  });
});
