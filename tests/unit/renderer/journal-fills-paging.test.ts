// The fills tab's "Load older": the first read shows the newest 200; each load asks the engine for the
// 200 before the oldest shown (by time, then id) and adds them below, so nothing is skipped or shown twice;
// the tab says how many it shows and whether older ones are left; a fill arriving live still goes on top.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Fill } from '../../../shared/trading/orders.ts';
import { applyFills, useFills } from '../../../renderer/src/features/fills/fills-store.ts';
import { loadOlderFills, shownText } from '../../../renderer/src/features/fills/fills-paging.ts';
import { useTradingModeState } from '../../../renderer/src/features/ticket/live/trading-mode-store.ts';
import { followTrading } from '../../../renderer/src/features/orders/trading-feed.ts';
import { fakeApi } from './fake-api.ts';

const fill = (n: number): Fill => ({ id: `f${n}`, orderId: 'o1', clientOrderId: 'c1', account: 'paper', symbol: 'BTC/USDT', side: 'buy', price: '45000', qty: '0.1', fee: '4.5', feeAsset: 'USDT', liquidity: 'taker', origin: { kind: 'user' }, ts: 1_000 + Math.floor(n / 3) });
/** 450 fills in the journal, newest first by (ts, id) as the engine orders them. */
const journal = Array.from({ length: 450 }, (_, i) => fill(i)).sort((a, b) => b.ts - a.ts || (b.id < a.id ? -1 : 1));

function engine() {
  return fakeApi({
    'trading.fills': ({ limit, before }) => ({ fills: journal.filter((f) => !before || f.ts < before.ts || (f.ts === before.ts && f.id < before.id)).slice(0, limit) }),
    'trading.orders': () => ({ orders: [] }),
    'trading.positions': () => ({ account: 'paper', positions: [] }),
    'trading.mode': () => ({ mode: 'paper', account: 'paper', armedAt: null, accounts: [] }),
  });
}

const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  useTradingModeState.setState({ state: null });
  useFills.setState({ fills: [], loaded: false, olderLeft: false, loadingOlder: false });
});

describe('loading older fills', () => {
  it('pages back from the newest 200 to the first fill, each once, and says how many are shown', async () => {
    const api = engine();
    const off = followTrading(api);
    await settle();
    expect(useFills.getState().fills).toHaveLength(200);
    expect(shownText(useFills.getState())).toBe('Newest 200 fills shown');
    await loadOlderFills(api);
    expect(api.calls.filter((c) => c.name === 'trading.fills').at(-1)!.request).toEqual({ limit: 200, before: { ts: journal[199]!.ts, id: journal[199]!.id } });
    expect(shownText(useFills.getState())).toBe('Newest 400 fills shown');
    await loadOlderFills(api);
    expect(useFills.getState().fills.map((f) => f.id)).toEqual(journal.map((f) => f.id));
    expect(useFills.getState().olderLeft).toBe(false);
    expect(shownText(useFills.getState())).toBe('All 450 fills shown');
    off();
  });

  it('keeps the older fills loaded when a new one arrives live', async () => {
    const api = engine();
    const off = followTrading(api);
    await settle();
    await loadOlderFills(api);
    await loadOlderFills(api);
    applyFills([{ ...fill(999), ts: 9_999 }]);
    expect(useFills.getState().fills).toHaveLength(451);
    expect(useFills.getState().fills[0]!.id).toBe('f999');
    off();
  });

  it('says so when the journal holds fewer than a page', async () => {
    applyFills(journal.slice(0, 3), { loaded: true, pageSize: 200 });
    expect(useFills.getState().olderLeft).toBe(false);
    expect(shownText(useFills.getState())).toBe('All 3 fills shown');
  });
});
