// Whatever write fails, wherever: a seeded run of random orders (market, limit, stop, trailing, brackets,
// emulated triggers), cancels, modifies and prices on a SQLite journal whose writes fail now and then.
// After every step, failed or not, the engine must show exactly what a restart on the same file would
// find: the open orders, the positions and the balances.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import type { TradingJournal } from '../../../electron/journal/trading-journal.ts';
import { mulberry32 } from '../../../electron/risk/projection/prng.ts';
import { SqliteTradingJournal } from '../../../electron/journal/trading-store.ts';
import { OrderRefusedError } from '../../../electron/trading/order-refused.ts';
import type { OrderRequest } from '../../../shared/trading/orders.ts';
import { paperRig, USER } from './rig.ts';

const SYM = 'TST/USDT';

/** The SQLite journal, with its next write made to fail when armed (as a full disk fails it: nothing written). */
function failing(inner: SqliteTradingJournal): { journal: TradingJournal; arm: () => void; failures: () => number } {
  let armed = false;
  let failures = 0;
  const fail = () => {
    if (!armed) return;
    armed = false;
    failures++;
    throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  };
  const journal = new Proxy(inner, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function') return value;
      if (key === 'writeOrder' || key === 'writeFill' || key === 'updateOrder') {
        return (...args: unknown[]) => {
          fail();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return { journal, arm: () => (armed = true), failures: () => failures };
}

describe('failed writes at random', () => {
  let dir: string;
  const open: Journal[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-failed-write-fuzz-'));
  });
  afterEach(() => {
    for (const j of open.splice(0)) if (j.db.open) j.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: the engine always shows what a restart would find`, () => {
      const file = join(dir, `journal-${seed}.sqlite`);
      const db = openJournal(file);
      open.push(db);
      const f = failing(new SqliteTradingJournal(db.db));
      // Stops and trailing stops held by the engine (emulated), limits and markets by the venue.
      const a = paperRig({ journal: f.journal, mode: 'margin', nativeTypes: ['market', 'limit'], quiet: seed === 3 });
      const rand = mulberry32(seed);
      let price = 100;
      let ts = 1_000;
      a.feed.onPrice(SYM, ts, price, 5);

      const snapshot = (r: { engine: typeof a.engine }) => ({
        open: r.engine
          .orders({ status: 'open', limit: 500 })
          .map((o) => [o.id, o.type, o.side, o.status, o.qty, o.filledQty, o.price, o.triggerPrice, o.trailingStopPrice, o.parentId, o.triggered].join(':'))
          .sort(),
        positions: r.engine.positions().map((p) => `${p.ledger}:${p.symbol}:${p.qty}:${p.avgEntryPrice}:${p.realizedPnl}`),
        // What is held for open orders is priced at the marks, which a restart has not heard yet: the cash is exact either way.
        cash: [r.engine.portfolio.cash, r.engine.portfolio.realizedPnl, r.engine.portfolio.feesPaid].join(':'),
        fills: r.engine.fills({ limit: 10_000 }).length,
      });
      const restarted = () => {
        const other = openJournal(file);
        try {
          const b = paperRig({ journal: new SqliteTradingJournal(other.db), nativeTypes: ['market', 'limit'], quiet: true });
          const s = snapshot(b);
          b.engine.close();
          return s;
        } finally {
          other.close();
        }
      };

      const px = (k: number) => (Math.round(price * (1 + k) * 100) / 100).toFixed(2);
      for (let step = 0; step < 160; step++) {
        if (rand() < 0.3) f.arm();
        const roll = rand();
        try {
          if (roll < 0.45) {
            const side = rand() < 0.5 ? 'buy' : 'sell';
            const s = side === 'buy' ? 1 : -1;
            const kind = rand();
            let req: OrderRequest;
            if (kind < 0.25) req = { symbol: SYM, side, type: 'market', qty: '1' };
            else if (kind < 0.55) req = { symbol: SYM, side, type: 'limit', qty: '1', price: px(-s * 0.01) };
            else if (kind < 0.7) req = { symbol: SYM, side, type: 'stop-market', qty: '1', triggerPrice: px(s * 0.02) };
            else if (kind < 0.8) req = { symbol: SYM, side, type: 'trailing-stop', qty: '1', trail: { percent: 2 } };
            else req = { symbol: SYM, side, type: 'limit', qty: '2', price: px(-s * 0.005), bracket: { stopLoss: { percent: 3 }, takeProfits: [{ percent: 2, fraction: 0.5 }, { percent: 4, fraction: 0.5 }] } };
            a.engine.submit(req, USER);
          } else if (roll < 0.6) {
            const list = a.engine.orders({ status: 'open', limit: 500 }).filter((o) => o.status !== 'new');
            const o = list[Math.floor(rand() * list.length)];
            if (o) a.engine.cancel(o.id);
          } else if (roll < 0.68) {
            const list = a.engine.orders({ status: 'open', limit: 500 }).filter((o) => o.type === 'limit' && o.parentId === null && o.status !== 'new');
            const o = list[Math.floor(rand() * list.length)];
            if (o) a.engine.modify(o.id, { price: px(o.side === 'buy' ? -0.02 : 0.02) });
          } else if (roll < 0.7) {
            a.engine.cancelAll();
          } else {
            price = Math.max(50, price * (1 + (rand() - 0.5) * 0.04));
            a.feed.onPrice(SYM, (ts += 1_000), Math.round(price * 100) / 100, 3);
          }
        } catch (e) {
          // A refusal is the engine saying no before anything is written; anything else must be the failed write.
          if (!(e instanceof OrderRefusedError)) expect(String(e)).toMatch(/database or disk is full/);
        }
        expect(snapshot(a), `step ${step}`).toEqual(restarted());
      }
      expect(f.failures()).toBeGreaterThan(10);
      a.engine.close();
    });
  }
});
