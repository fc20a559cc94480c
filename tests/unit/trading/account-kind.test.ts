// The paper account's kind, switched while Keel runs (ExecutionEngine.setKind): refused with orders open,
// to spot with a short held, and on a live account; a switch to margin lets the next sell go short with
// its 1× collateral held, and the journal keeps the kind for the next engine, with its audit row.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/journal/audit-log.ts';
import { MemoryTradingJournal } from '../../../electron/journal/memory-trading-journal.ts';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import { SqliteTradingJournal } from '../../../electron/journal/trading-store.ts';
import { RiskGate } from '../../../electron/risk/risk-gate.ts';
import { ExecutionEngine } from '../../../electron/trading/execution-engine.ts';
import { MarketFeed } from '../../../electron/trading/market-feed.ts';
import { DEFAULT_PAPER_RULES, PaperMarketRules } from '../../../electron/trading/market-rules.ts';
import { FillModel } from '../../../electron/trading/paper/fill-model.ts';
import { PaperBroker } from '../../../electron/trading/paper/paper-broker.ts';
import { KeelError } from '../../../shared/contract/errors.ts';
import { paperRig, TEST_RULES, USER } from './rig.ts';

const SYM = 'TST/USDT';
type Rig = ReturnType<typeof paperRig>;
const bar = (r: Rig, i: number, price: number) => r.feed.onBar(SYM, i * 60_000, price, price, price, price, 1000, 60_000);
const usdt = (r: Rig) => r.engine.accountSnapshot().balances.find((b) => b.asset === 'USDT')!;
const refusal = (fn: () => unknown): KeelError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof KeelError) return err;
    throw err;
  }
  throw new Error('not refused');
};

describe('switching the paper account between spot and margin', () => {
  it('spot → margin: the next sell goes short, with its proceeds and 1× collateral held; the snapshot and its event say margin', () => {
    const r = paperRig({ startBalance: '1000', fill: { feeRate: 0 } });
    bar(r, 0, 100);
    // An order on spot first: what validation reads is built, and must follow the switch.
    r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '1' }, USER);
    bar(r, 1, 100);
    expect(() => r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '2' }, USER)).toThrow(/spot accounts cannot go short/);
    expect(r.engine.accountSnapshot()).toMatchObject({ kind: 'spot', kindChangeRefusal: null });

    r.events.length = 0;
    r.engine.setKind('margin');
    expect(r.engine.mode).toBe('margin');
    expect(r.of('trading.account')).toEqual([expect.objectContaining({ account: 'paper', kind: 'margin', kindChangeRefusal: null })]);
    // Sells the 1 long and 5 more short: 100 in, then 500 of proceeds, all of it and as much again held.
    r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '6' }, USER);
    bar(r, 2, 100);
    expect(r.engine.positions()[0]).toMatchObject({ qty: '-5' });
    expect(usdt(r)).toEqual({ asset: 'USDT', free: '500', locked: '1000' });
    expect(() => r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '6' }, USER)).toThrow('a short of 6 TST at 100 needs 600 USDT of collateral (1×, fee included); 500 USDT is free');
    // Reverse is a margin account's too now.
    r.engine.reversePosition(SYM, 'user', USER);
    bar(r, 3, 100);
    expect(r.engine.positions()[0]).toMatchObject({ qty: '5' });
    expect(usdt(r)).toEqual({ asset: 'USDT', free: '500', locked: '0' });
  });

  it('is refused with any order open, naming how many: cancel them first', () => {
    const r = paperRig({ startBalance: '1000' });
    bar(r, 0, 100);
    const a = r.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price: '90' }, USER);
    const b = r.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price: '80' }, USER);
    const message = 'the paper account cannot switch to margin with 2 open orders; cancel them first';
    expect(r.engine.accountSnapshot().kindChangeRefusal).toBe(message);
    expect(refusal(() => r.engine.setKind('margin'))).toMatchObject({ code: 'conflict', message });
    r.engine.cancel(a.id);
    expect(() => r.engine.setKind('margin')).toThrow('the paper account cannot switch to margin with 1 open order; cancel it first');
    expect(r.engine.mode).toBe('spot');
    r.engine.cancel(b.id);
    expect(r.engine.accountSnapshot().kindChangeRefusal).toBeNull();
    r.engine.setKind('margin');
    expect(r.engine.mode).toBe('margin');
    // The same kind again is nothing to do.
    r.engine.setKind('margin');
    expect(r.engine.accountSnapshot()).toMatchObject({ kind: 'margin', kindChangeRefusal: null });
  });

  it('margin → spot is refused while a short is held, naming it: buy it back first', () => {
    const r = paperRig({ mode: 'margin', startBalance: '1000', fill: { feeRate: 0 } });
    bar(r, 0, 100);
    r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '2' }, USER);
    bar(r, 1, 100);
    const message = 'the paper account cannot switch to spot while it holds a short (user TST/USDT -2); buy it back first';
    expect(r.engine.accountSnapshot().kindChangeRefusal).toBe(message);
    expect(refusal(() => r.engine.setKind('spot'))).toMatchObject({ code: 'conflict', message });
    expect(r.engine.mode).toBe('margin');
    r.engine.closePosition(SYM, 'user', USER);
    bar(r, 2, 100);
    // A long is no obstacle.
    r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '1' }, USER);
    bar(r, 3, 100);
    r.engine.setKind('spot');
    expect(r.engine.accountSnapshot()).toMatchObject({ kind: 'spot', balances: [{ asset: 'USDT', free: '900', locked: '0' }, { asset: 'TST', free: '1', locked: '0' }] });
    expect(() => r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '2' }, USER)).toThrow(/spot accounts cannot go short/);
  });

  it('is refused on a live account: its kind (and borrow rate) is the exchange’s', () => {
    const feed = new MarketFeed();
    const rules = new PaperMarketRules({ table: [...DEFAULT_PAPER_RULES, TEST_RULES] });
    const journal = new MemoryTradingJournal();
    const gate = new RiskGate(() => {
      const broker = new PaperBroker({ feed, rules, clock: feed.clock, model: new FillModel() });
      // A venue outside the process, as an exchange is.
      Object.defineProperty(broker, 'info', { value: { ...broker.info, kind: 'live', account: 'binance:main', inProcess: false, feeRates: broker.info.feeRates } });
      return broker;
    }, []);
    const engine = new ExecutionEngine({ gate, journal, rules, feed });
    const message = "binance:main is a live exchange account: it is spot as the exchange keeps it; only the paper account's kind can be changed here";
    expect(engine.accountSnapshot()).toMatchObject({ mode: 'live', kind: 'spot', kindChangeRefusal: message });
    expect(refusal(() => engine.setKind('margin'))).toMatchObject({ code: 'conflict', message });
    expect(engine.mode).toBe('spot');
    // So are its borrow rates.
    expect(refusal(() => engine.setBorrowRate(10n ** 18n))).toMatchObject({
      code: 'conflict',
      message: "binance:main is a live exchange account: its borrow rates are the exchange's; only the paper account's rate is set here",
    });
    expect(journal.openAccount({ account: 'binance:main', quoteAsset: 'USDT', startBalance: 0n, mode: 'margin', borrowRatePct: 0n, createdAt: 0 }).mode).toBe('spot');
  });
});

describe('the kind in the journal', () => {
  const open: Journal[] = [];
  let dir: string | undefined;
  afterEach(() => {
    for (const j of open.splice(0)) j.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a new engine on the same journal keeps margin; the switch is one audit row, trading.account-kind, from and to', () => {
    dir = mkdtempSync(join(tmpdir(), 'keel-account-kind-'));
    const file = join(dir, 'journal.sqlite');
    const start = () => {
      const j = openJournal(file);
      open.push(j);
      return { rig: paperRig({ journal: new SqliteTradingJournal(j.db), audit: new AuditLog(j.db), startBalance: '1000' }), db: j.db };
    };
    const a = start();
    expect(a.rig.engine.mode).toBe('spot');
    a.rig.engine.setKind('margin');
    a.rig.engine.close();

    // Opened as spot by default: the journal's margin stands.
    const b = start();
    expect(b.rig.engine.mode).toBe('margin');
    expect(b.rig.engine.accountSnapshot()).toMatchObject({ kind: 'margin', equity: '1000' });
    bar(b.rig, 0, 100);
    b.rig.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '1' }, USER);
    bar(b.rig, 1, 100);
    expect(b.rig.engine.positions()[0]).toMatchObject({ qty: '-1' });

    const rows = b.db.prepare<[], { actor: string; action: string; details: string }>("SELECT actor, action, details FROM audit_log WHERE action LIKE 'trading.%' ORDER BY seq").all();
    expect(rows.map((row) => ({ ...row, details: JSON.parse(row.details) as unknown }))).toEqual([{ actor: 'user', action: 'trading.account-kind', details: { account: 'paper', from: 'spot', to: 'margin' } }]);
  });

  it('a failed audit write leaves the journal and the engine as they were', () => {
    dir = mkdtempSync(join(tmpdir(), 'keel-account-kind-'));
    const j = openJournal(join(dir, 'journal.sqlite'));
    open.push(j);
    const journal = new SqliteTradingJournal(j.db);
    const r = paperRig({
      journal,
      audit: {
        append: () => {
          throw new Error('disk full');
        },
      },
    });
    expect(() => r.engine.setKind('margin')).toThrow('disk full');
    expect(r.engine.mode).toBe('spot');
    expect(journal.openAccount({ account: 'paper', quoteAsset: 'USDT', startBalance: 0n, mode: 'margin', borrowRatePct: 0n, createdAt: 0 }).mode).toBe('spot');
  });
});
