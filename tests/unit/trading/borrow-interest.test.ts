// Borrow interest on margin shorts: a short pays its account's yearly rate on what it borrowed, for the
// time it held it, when it is bought back (part or all); the account shows what the open ones owe, holds
// it out of the free cash, and a new engine on the same journal carries on with the rate, the totals and
// each short's borrow time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/journal/audit-log.ts';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import { SqliteTradingJournal } from '../../../electron/journal/trading-store.ts';
import { KeelError } from '../../../shared/contract/errors.ts';
import { borrowInterest, borrowRateFraction, parseBorrowRatePct, rateTimesMs, YEAR_MS } from '../../../shared/trading/borrow-interest.ts';
import { dec, format } from '../../../shared/trading/decimal.ts';
import { paperRig, USER } from './rig.ts';

const SYM = 'TST/USDT';
const DAY = 86_400_000;
type Rig = ReturnType<typeof paperRig>;
/** A one-minute bar at `ts` (every price the same): market orders placed before it fill at its open, at `ts`. */
const bar = (r: Rig, ts: number, price: number) => r.feed.onBar(SYM, ts, price, price, price, price, 1000, 60_000);
const usdt = (r: Rig) => r.engine.accountSnapshot().balances.find((b) => b.asset === 'USDT')!;
const sell = (r: Rig, qty: string) => r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty }, USER);
const buy = (r: Rig, qty: string) => r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty }, USER);

describe('borrowInterest', () => {
  it('is simple interest by the millisecond at a yearly rate, rounded up to 1e-8', () => {
    const tenPct = borrowRateFraction(dec('10'));
    expect(format(tenPct)).toBe('0.1');
    expect(format(borrowInterest(dec('10000'), tenPct, YEAR_MS))).toBe('1000');
    expect(format(borrowInterest(dec('100'), tenPct, 36.5 * DAY))).toBe('1');
    // 0.01 % a day (3.65 % a year) on 10,000 for an hour: 0.041666… → 0.04166667.
    expect(format(borrowInterest(dec('10000'), borrowRateFraction(dec('3.65')), 3_600_000))).toBe('0.04166667');
    expect(borrowInterest(dec('10000'), 0n, YEAR_MS)).toBe(0n);
    expect(borrowInterest(dec('10000'), tenPct, 0)).toBe(0n);
  });

  it('adds what the loan ran up at earlier rates, rounded up once', () => {
    const tenPct = borrowRateFraction(dec('10'));
    const twentyPct = borrowRateFraction(dec('20'));
    // 10 % for 36.5 days, then 20 % for 36.5 more, on 100: 1 + 2.
    expect(format(borrowInterest(dec('100'), twentyPct, 36.5 * DAY, rateTimesMs(tenPct, 36.5 * DAY)))).toBe('3');
    // At a rate of 0 now, what it ran up before is still owed.
    expect(format(borrowInterest(dec('100'), 0n, 36.5 * DAY, rateTimesMs(tenPct, 36.5 * DAY)))).toBe('1');
    expect(rateTimesMs(0n, DAY)).toBe(0n);
  });

  it('reads a rate as percent a year and says what is valid when it is not one', () => {
    expect(format(parseBorrowRatePct('3.65'))).toBe('3.65');
    expect(format(parseBorrowRatePct(0))).toBe('0');
    expect(() => parseBorrowRatePct('-1')).toThrow('the borrow rate "-1" is not a rate Keel takes; give percent a year, from 0 to 1000 (5 is 5% a year, 0.01% a day is 3.65)');
    expect(() => parseBorrowRatePct('5%')).toThrow(/"5%" is not a rate Keel takes/);
    expect(() => parseBorrowRatePct(' ')).toThrow('the borrow rate is empty; give percent a year, from 0 to 1000 (5 is 5% a year)');
  });
});

describe('a margin short pays interest when bought back', () => {
  it('pays rate × value × time at the buy-back: on the fill, in cash, in the totals, never on a long', () => {
    const r = paperRig({ mode: 'margin', startBalance: '1000', borrowRatePct: '10', fill: { feeRate: 0 } });
    bar(r, 0, 100);
    buy(r, '1');
    bar(r, 60_000, 100);
    sell(r, '1');
    bar(r, 120_000, 100);
    // A long bought and sold: no interest.
    expect(r.of('trading.fill').map((f) => f.interest)).toEqual([undefined, undefined]);
    sell(r, '1');
    const shortAt = 180_000;
    bar(r, shortAt, 100);
    expect(r.engine.positions()[0]).toMatchObject({ qty: '-1' });
    // A tenth of a year later (at the close of this bar): 100 borrowed at 10 % a year owes 1.
    bar(r, shortAt + 36.5 * DAY - 60_000, 100);
    expect(r.engine.positions()[0]).toMatchObject({ interestOwed: '1' });
    buy(r, '1');
    bar(r, shortAt + 36.5 * DAY, 100);
    const fills = r.of('trading.fill');
    expect(fills.at(-1)).toMatchObject({ side: 'buy', price: '100', qty: '1', fee: '0', interest: '1' });
    expect(r.engine.positions()[0]).toMatchObject({ qty: '0', realizedPnl: '0', interestPaid: '1' });
    expect(r.engine.positions()[0]!.interestOwed).toBeUndefined();
    expect(r.engine.accountSnapshot()).toMatchObject({ equity: '999', borrowRatePct: '10', interestPaid: '1', interestOwed: '0' });
    expect(usdt(r)).toEqual({ asset: 'USDT', free: '999', locked: '0' });
  });

  it('a short grown in two sells is borrowed since their weighted time; a partial buy-back pays for its part and keeps the time', () => {
    const r = paperRig({ mode: 'margin', startBalance: '10000', borrowRatePct: '36.5', fill: { feeRate: 0 } });
    bar(r, 0, 100);
    sell(r, '2');
    bar(r, DAY, 100);
    sell(r, '2');
    bar(r, 11 * DAY, 100);
    // 2 borrowed at day 1 and 2 at day 11: as if 4 since day 6. At 36.5 % a year, 0.1 % a day.
    buy(r, '1');
    bar(r, 16 * DAY, 200);
    // 1 × 200 (the buy-back price: the loan is in coins) × 0.1 % × 10 days = 2.
    expect(r.of('trading.fill').at(-1)).toMatchObject({ side: 'buy', price: '200', interest: '2' });
    buy(r, '3');
    bar(r, 26 * DAY, 50);
    // 3 × 50 × 0.1 % × 20 days = 3.
    expect(r.of('trading.fill').at(-1)).toMatchObject({ side: 'buy', price: '50', interest: '3' });
    expect(r.engine.accountSnapshot()).toMatchObject({ interestPaid: '5' });
    // Realized P&L is the trade's, before fees and interest: sold 4 at 100, bought back 1 at 200 and 3 at 50.
    expect(r.engine.positions()[0]).toMatchObject({ qty: '0', realizedPnl: '50', interestPaid: '5' });
    expect(r.engine.accountSnapshot().equity).toBe('10045');
  });

  it('a sell through a long starts the short’s clock at that fill; a buy through a short pays for the short only', () => {
    const r = paperRig({ mode: 'margin', startBalance: '10000', borrowRatePct: '36.5', fill: { feeRate: 0 } });
    bar(r, 0, 100);
    buy(r, '1');
    bar(r, DAY, 100);
    sell(r, '3');
    bar(r, 2 * DAY, 100);
    expect(r.engine.positions()[0]).toMatchObject({ qty: '-2' });
    buy(r, '5');
    bar(r, 12 * DAY, 100);
    // 2 × 100 × 0.1 % × 10 days; the 3 long it opens borrow nothing.
    expect(r.of('trading.fill').at(-1)).toMatchObject({ side: 'buy', qty: '5', interest: '2' });
    expect(r.engine.positions()[0]).toMatchObject({ qty: '3' });
  });

  it('what the open shorts owe is held out of the free cash and out of the equity, and grows with time', () => {
    const r = paperRig({ mode: 'margin', startBalance: '1000', borrowRatePct: '36.5', fill: { feeRate: 0 } });
    bar(r, 0, 100);
    sell(r, '5');
    bar(r, DAY, 100);
    // At the close of the bar it filled in, the 500 borrowed owes a minute at 0.1 % a day: 0.00034723.
    expect(usdt(r)).toEqual({ asset: 'USDT', free: '499.99965277', locked: '1000.00034723' });
    bar(r, 11 * DAY - 60_000, 100);
    // Ten days on: 5.
    expect(r.engine.accountSnapshot()).toMatchObject({ interestOwed: '5', equity: '995' });
    expect(usdt(r)).toEqual({ asset: 'USDT', free: '495', locked: '1005' });
  });

  it('no rate, no interest: shorts borrow for free unless the account says otherwise', () => {
    const r = paperRig({ mode: 'margin', startBalance: '1000', fill: { feeRate: 0 } });
    bar(r, 0, 100);
    sell(r, '1');
    bar(r, DAY, 100);
    buy(r, '1');
    bar(r, 300 * DAY, 100);
    expect(r.of('trading.fill').at(-1)!.interest).toBeUndefined();
    expect(r.engine.accountSnapshot()).toMatchObject({ equity: '1000', borrowRatePct: '0', interestPaid: '0' });
  });
});

/** 200 of TST sold short at day 1 at 0.1 % a day (36.5 % a year), the clock at day 11: 2 run up. */
function shortTenDays(): Rig {
  const r = paperRig({ mode: 'margin', startBalance: '10000', borrowRatePct: '36.5', fill: { feeRate: 0 } });
  bar(r, 0, 100);
  sell(r, '2');
  bar(r, DAY, 100);
  bar(r, 11 * DAY - 60_000, 100);
  return r;
}

describe('the borrow rate of the paper account', () => {
  const open: Journal[] = [];
  let dir: string | undefined;
  afterEach(() => {
    for (const j of open.splice(0)) j.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is set by the trader with an audit row, and a new engine on the journal keeps the rate, the totals and an open short’s borrow time', () => {
    dir = mkdtempSync(join(tmpdir(), 'keel-borrow-'));
    const file = join(dir, 'journal.sqlite');
    const start = () => {
      const j = openJournal(file);
      open.push(j);
      return { rig: paperRig({ journal: new SqliteTradingJournal(j.db), audit: new AuditLog(j.db), mode: 'margin', startBalance: '1000', fill: { feeRate: 0 } }), db: j.db };
    };
    const a = start();
    a.rig.engine.setBorrowRate(dec('36.5'));
    bar(a.rig, 0, 100);
    sell(a.rig, '2');
    bar(a.rig, DAY, 100);
    buy(a.rig, '1');
    bar(a.rig, 11 * DAY, 100);
    expect(a.rig.engine.accountSnapshot()).toMatchObject({ borrowRatePct: '36.5', interestPaid: '1' });
    a.rig.engine.close();

    const b = start();
    expect(b.rig.engine.accountSnapshot()).toMatchObject({ borrowRatePct: '36.5', interestPaid: '1' });
    // The 1 still short was borrowed at day 1: bought back at day 21 it pays 20 days.
    bar(b.rig, 20 * DAY, 100);
    buy(b.rig, '1');
    bar(b.rig, 21 * DAY, 100);
    expect(b.rig.of('trading.fill').at(-1)).toMatchObject({ interest: '2' });
    expect(b.rig.engine.accountSnapshot()).toMatchObject({ interestPaid: '3', equity: '997' });
    expect(b.db.prepare('SELECT interest FROM fills ORDER BY seq').pluck().all()).toEqual(['0', '1', '2']);

    const rows = b.db.prepare<[], { action: string; details: string }>("SELECT action, details FROM audit_log WHERE action = 'trading.borrow-rate'").all();
    expect(rows.map((row) => JSON.parse(row.details) as unknown)).toEqual([{ account: 'paper', from: '0', to: '36.5' }]);
  });

  it('changed under an open short, counts from the change: the old rate for the time before, the new one after', () => {
    const r = shortTenDays();
    // Ten days at 0.1 % a day on 200: 2 run up when the rate doubles.
    expect(r.engine.accountSnapshot().interestOwed).toBe('2');
    r.engine.setBorrowRate(dec('73'));
    expect(r.engine.accountSnapshot()).toMatchObject({ borrowRatePct: '73', interestOwed: '2' });
    bar(r, 21 * DAY - 60_000, 100);
    // Ten more at 0.2 % a day: 4 more, not 0.2 % over all twenty days (8).
    expect(r.engine.accountSnapshot().interestOwed).toBe('6');
    buy(r, '2');
    bar(r, 21 * DAY, 100);
    expect(r.of('trading.fill').at(-1)).toMatchObject({ side: 'buy', interest: '6' });
    expect(r.engine.accountSnapshot()).toMatchObject({ interestPaid: '6', interestOwed: '0', equity: '9994' });
  });

  it('set to 0 under an open short, leaves what it ran up owed; a short grown after pays it on the old part only', () => {
    const r = shortTenDays();
    r.engine.setBorrowRate(0n);
    // The 2 it ran up stay owed; borrowing is free from here.
    bar(r, 31 * DAY - 60_000, 100);
    expect(r.engine.accountSnapshot()).toMatchObject({ borrowRatePct: '0', interestOwed: '2', equity: '9998' });
    // 2 more sold at day 31 ran up nothing: the 4 owe the same 2 between them.
    sell(r, '2');
    bar(r, 31 * DAY, 100);
    expect(r.engine.positions()[0]).toMatchObject({ qty: '-4', interestOwed: '2' });
    // Half bought back pays half of it; the rest still owes the other half.
    buy(r, '2');
    bar(r, 40 * DAY, 100);
    expect(r.of('trading.fill').at(-1)).toMatchObject({ side: 'buy', qty: '2', interest: '1' });
    expect(r.engine.positions()[0]).toMatchObject({ qty: '-2', interestOwed: '1' });
    buy(r, '2');
    bar(r, 41 * DAY, 100);
    expect(r.engine.accountSnapshot()).toMatchObject({ interestPaid: '2', interestOwed: '0', equity: '9998' });
  });

  it('changed under an open short, keeps what it ran up through a restart', () => {
    dir = mkdtempSync(join(tmpdir(), 'keel-borrow-'));
    const file = join(dir, 'journal.sqlite');
    const start = () => {
      const j = openJournal(file);
      open.push(j);
      return { rig: paperRig({ journal: new SqliteTradingJournal(j.db), audit: new AuditLog(j.db), mode: 'margin', startBalance: '10000', borrowRatePct: '36.5', fill: { feeRate: 0 } }), db: j.db };
    };
    const a = start();
    a.rig.engine.setBorrowRate(dec('36.5'));
    bar(a.rig, 0, 100);
    sell(a.rig, '2');
    bar(a.rig, DAY, 100);
    bar(a.rig, 11 * DAY - 60_000, 100);
    a.rig.engine.setBorrowRate(dec('73'));
    expect(a.db.prepare('SELECT borrowed_since, borrow_rate_ms FROM positions').raw().get()).toEqual([11 * DAY, (borrowRateFraction(dec('36.5')) * BigInt(10 * DAY)).toString()]);
    a.rig.engine.close();

    const b = start();
    bar(b.rig, 21 * DAY - 60_000, 100);
    expect(b.rig.engine.accountSnapshot()).toMatchObject({ borrowRatePct: '73', interestOwed: '6' });
    buy(b.rig, '2');
    bar(b.rig, 21 * DAY, 100);
    expect(b.rig.of('trading.fill').at(-1)).toMatchObject({ interest: '6' });
    // Bought back: the position's row keeps nothing run up.
    expect(b.db.prepare('SELECT qty, borrowed_since, borrow_rate_ms FROM positions').raw().get()).toEqual(['0', null, '0']);
  });

  it('refuses a rate outside 0 to 1000 (a live account refuses any: account-kind.test.ts)', () => {
    const r = paperRig({ mode: 'margin' });
    expect(() => r.engine.setBorrowRate(dec('1001'))).toThrow(new KeelError('invalid_request', 'a borrow rate of 1001% a year is outside 0 to 1000'));
    expect(r.engine.borrowRatePct).toBe(0n);
  });
});
