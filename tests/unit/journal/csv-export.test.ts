import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvField, csvRecord } from '../../../electron/journal/csv.ts';
import { parseExportRange } from '../../../electron/journal/export-range.ts';
import { exportCsv, ExportError, journalAccounts, UnknownAccountError } from '../../../electron/journal/csv-export.ts';
import { migrate } from '../../../electron/journal/migrate.ts';
import { MIGRATIONS } from '../../../electron/journal/migrations/index.ts';
import { AuditLog } from '../../../electron/journal/audit-log.ts';
import { auditJournal } from '../../helpers/audit-journal.ts';
import { T0, writeAccountFills, writeTradingRows } from '../../helpers/trading-rows.ts';

const DAY = 86_400_000;

describe('csv (RFC 4180)', () => {
  it('quotes only fields with a comma, a quote, CR or LF, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(' padded ')).toBe(' padded ');
    expect(csvField(null)).toBe('');
    expect(csvField(0.1)).toBe('0.1');
    expect(csvRecord(['a', 1, null, '{"k":"v,w"}'])).toBe('a,1,,"{""k"":""v,w""}"\r\n');
  });
});

describe('parseExportRange', () => {
  it('reads a UTC day, including the whole day as --to', () => {
    expect(parseExportRange('2024-03-01', '2024-03-02')).toEqual({ from: T0, toExclusive: T0 + 2 * DAY });
  });

  it('reads date-times with a zone and epoch ms as instants, --to included', () => {
    expect(parseExportRange('2024-03-01T12:00:00Z', undefined)).toEqual({ from: T0 + DAY / 2 });
    expect(parseExportRange(undefined, '2024-03-01T14:00+02:00')).toEqual({ toExclusive: T0 + DAY / 2 + 1 });
    expect(parseExportRange(String(T0), String(T0 + 5))).toEqual({ from: T0, toExclusive: T0 + 6 });
    expect(parseExportRange(undefined, undefined)).toEqual({});
  });

  it('refuses what it cannot read for sure', () => {
    expect(() => parseExportRange('2024-03-01T12:00:00', undefined)).toThrow(/--from 2024-03-01T12:00:00: give a UTC date/);
    expect(() => parseExportRange('2024-02-30', undefined)).toThrow(/not a calendar date/);
    expect(() => parseExportRange(undefined, 'yesterday')).toThrow(/--to yesterday/);
    expect(() => parseExportRange('2024-03-02', '2024-03-01')).toThrow(/--from 2024-03-02 is not before --to 2024-03-01/);
    // Epoch seconds, which read as ms would be a day in 1970 and export nothing without a word.
    expect(() => parseExportRange('1709251200', undefined)).toThrow('--from 1709251200 would be epoch ms 1970-01-20T18:47:31.200Z; for epoch seconds give ms (1709251200000), or a date such as 2024-03-01');
  });

  it('a date that is not in the calendar says why, and what is valid, as text that is no date does', () => {
    const valid = 'give a UTC date (2024-03-01), a date-time with a zone (2024-03-01T12:00:00Z) or epoch ms';
    // Before, only "--from 2022-13-01 is not a calendar date": which dates, then?
    expect(() => parseExportRange('2022-13-01', undefined)).toThrow(`--from 2022-13-01 is not a calendar date (there is no month 13); ${valid}`);
    expect(() => parseExportRange(undefined, '2023-02-29')).toThrow(`--to 2023-02-29 is not a calendar date (February 2023 has 28 days); ${valid}`);
    expect(() => parseExportRange('2024-04-00', undefined)).toThrow(`--from 2024-04-00 is not a calendar date (there is no day 0); ${valid}`);
    expect(() => parseExportRange('2024-01-01T25:00Z', undefined)).toThrow(`--from 2024-01-01T25:00Z is not a valid date-time; ${valid}`);
    // A date-time on a day that does not exist was read as the next month's (2024-02-30 as 2024-03-01).
    expect(() => parseExportRange('2024-02-30T12:00:00Z', undefined)).toThrow(`--from 2024-02-30T12:00:00Z is not a calendar date (February 2024 has 29 days); ${valid}`);
    expect(() => parseExportRange(undefined, 'yesterday')).toThrow(`--to yesterday: ${valid}`);
  });
});

describe('exportCsv audit', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = auditJournal();
    let t = T0 - 1;
    const log = new AuditLog(db, { now: () => (t += DAY / 2) });
    log.append({ actor: 'user', action: 'order.submit', details: { note: 'a, "quoted"\nline' } });
    log.append({ actor: 'strategy:grid', action: 'order.cancel', details: { orderId: 'o1' } });
    log.append({ actor: 'system', action: 'kill.trigger', details: {} });
  });
  afterEach(() => {
    db.close();
  });

  function run(range = {}): { text: string; rows: number } {
    let text = '';
    const rows = exportCsv(db, 'audit', range, (chunk) => (text += chunk));
    return { text, rows };
  }

  it('writes a header and one record per row, times as ISO UTC and epoch ms', () => {
    const { text, rows } = run();
    expect(rows).toBe(3);
    const records = text.split('\r\n');
    expect(records[0]).toBe('seq,time,time_ms,actor,action,details,prev_hash,hash');
    expect(records[1]).toMatch(/^1,2024-03-01T11:59:59\.999Z,1709294399999,user,order\.submit,"\{""note"":""a, \\""quoted\\""\\nline""\}",0{64},[0-9a-f]{64}$/);
    expect(records[2]).toMatch(/^2,2024-03-01T23:59:59\.999Z,1709337599999,strategy:grid,order\.cancel,"\{""orderId"":""o1""\}",[0-9a-f]{64},[0-9a-f]{64}$/);
    expect(records[4]).toBe('');
    expect(records).toHaveLength(5);
  });

  it('keeps to the range', () => {
    expect(run(parseExportRange('2024-03-01', '2024-03-01')).rows).toBe(2);
    expect(run(parseExportRange('2024-03-02', undefined)).rows).toBe(1);
    expect(run(parseExportRange('2025-01-01', undefined))).toEqual({ rows: 0, text: 'seq,time,time_ms,actor,action,details,prev_hash,hash\r\n' });
  });
});

describe('exportCsv orders and fills (the trading engine\'s tables)', () => {
  let db: Database.Database;
  beforeEach(() => {
    // The trading tables as this Keel writes them: every migration.
    db = auditJournal();
    migrate(db, ':memory:', MIGRATIONS);
    writeTradingRows(db);
  });
  afterEach(() => {
    db.close();
  });

  function run(kind: 'orders' | 'fills', range = {}): string[] {
    let text = '';
    exportCsv(db, kind, range, (chunk) => (text += chunk));
    return text.split('\r\n');
  }

  it('orders: one row per order by creation time, exact average fill price, booleans spelled out, the tag a strategy gave', () => {
    const records = run('orders');
    expect(records[0]).toBe(
      'created,created_ms,updated,updated_ms,account,seq,id,client_order_id,symbol,side,type,status,qty,filled_qty,avg_fill_price,fees_paid,price,trigger_price,trail,time_in_force,reduce_only,post_only,triggered,parent_id,oco_group,ledger,origin,reason,tag,exchange_order_id',
    );
    expect(records[1]).toBe(
      `2024-03-01T00:00:00.000Z,${T0},2024-03-01T00:00:02.000Z,${T0 + 2000},paper,1,paper-1,c1,BTC/USDT,buy,limit,filled,1.5,1.5,42000.166666666666666666,0.063,42000.5,,,GTC,false,false,false,,,user,"{""kind"":""user""}",,,`,
    );
    expect(records[2]).toBe(
      `2024-03-02T00:00:00.000Z,${T0 + DAY},2024-03-02T00:00:00.005Z,${T0 + DAY + 5},paper,2,paper-2,grid-7,BTC/USDT,sell,limit,cancelled,0.25,0,,0,45000,,,GTC,false,false,false,,,strategy:grid,"{""kind"":""strategy"",""id"":""grid""}","kill switch, all orders cancelled",grid level 7,`,
    );
    expect(records[3]).toBe(
      `2024-03-03T00:00:00.000Z,${T0 + 2 * DAY},2024-03-03T00:00:01.000Z,${T0 + 2 * DAY + 1000},paper,3,paper-3,grid-3,BTC/USDT,buy,limit,filled,0.1,0.1,41000,0.0041,41000,,,GTC,false,false,false,,,strategy:grid,"{""kind"":""strategy"",""id"":""grid""}",,grid level 3,`,
    );
    expect(records).toHaveLength(5);
    expect(run('orders', parseExportRange('2024-03-02', undefined))).toHaveLength(4);
  });

  it('fills: by time, with the exact notional and the tag of the order each filled', () => {
    const records = run('fills');
    expect(records[0]).toBe('time,time_ms,account,seq,id,order_id,client_order_id,symbol,side,price,qty,notional,fee,fee_asset,interest,liquidity,ledger,origin,tag');
    expect(records[1]).toBe(`2024-03-01T00:00:01.000Z,${T0 + 1000},paper,1,fill-1,paper-1,c1,BTC/USDT,buy,42000.5,0.5,21000.25,0.021,USDT,0,maker,user,"{""kind"":""user""}",`);
    expect(records[2]).toBe(`2024-03-01T00:00:02.000Z,${T0 + 2000},paper,2,fill-2,paper-1,c1,BTC/USDT,buy,42000,1,42000,0.042,USDT,0,maker,user,"{""kind"":""user""}",`);
    expect(records[3]).toBe(`2024-03-03T00:00:01.000Z,${T0 + 2 * DAY + 1000},paper,3,fill-3,paper-3,grid-3,BTC/USDT,buy,41000,0.1,4100,0.0041,USDT,0,maker,strategy:grid,"{""kind"":""strategy"",""id"":""grid""}",grid level 3`);
    expect(records).toHaveLength(5);
    expect(run('fills', parseExportRange(undefined, String(T0 + 1000)))).toHaveLength(3);
  });

  it('writes a tag that starts like a formula with an apostrophe, so a spreadsheet shows it rather than runs it', () => {
    for (const [tag, cell] of [
      ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
      ['-5% stop', "'-5% stop"],
      ['+1R', "'+1R"],
      ['@risk', "'@risk"],
      ['grid level 3', 'grid level 3'],
      ['rsi 30-70', 'rsi 30-70'],
    ] as const) {
      db.prepare(`UPDATE orders SET tag = ? WHERE id = 'paper-3'`).run(tag);
      expect(run('fills')[3]!.endsWith(`,${cell}`)).toBe(true);
      expect(run('orders').find((r) => r.includes('paper-3'))).toContain(`,${cell},`);
    }
  });

  it('fills: finds each fill\'s order by its id even when the statistics say the orders table is tiny', () => {
    // What PRAGMA optimize leaves when it last analyzed a journal with two orders.
    db.exec('ANALYZE');
    db.prepare(`UPDATE sqlite_stat1 SET stat = ? WHERE tbl = 'orders' AND idx = 'sqlite_autoindex_orders_1'`).run('2 1');
    db.exec('ANALYZE sqlite_schema');
    const plans: string[] = [];
    const spy = new Proxy(db, {
      get: (target, key) =>
        key === 'prepare'
          ? (sql: string) => {
              if (/FROM fills/.test(sql)) plans.push(...target.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(0, 1).map((r) => (r as { detail: string }).detail));
              return target.prepare(sql);
            }
          : Reflect.get(target, key, target),
    });
    exportCsv(spy, 'fills', {}, () => {});
    expect(plans.some((p) => /SEARCH orders USING .*INDEX/.test(p))).toBe(true);
    expect(plans.filter((p) => /SCAN orders/.test(p))).toEqual([]);
  });

  it('says so when the journal predates the table', () => {
    const old = new Database(':memory:');
    migrate(old, ':memory:', MIGRATIONS.slice(0, 2));
    expect(() => exportCsv(old, 'fills', {}, () => {})).toThrow(new ExportError('this journal has no fills table yet, so there are no fills to export'));
    old.close();
  });
});

describe('exportCsv kept to one account (keel journal export --account, the Fills tab\'s export)', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = auditJournal();
    migrate(db, ':memory:', MIGRATIONS);
    writeTradingRows(db); // paper: fills at T0+1s, T0+2s, T0+2d+1s
    // A live account trading between paper's fills, so a filter that did nothing would mix them in.
    writeAccountFills(db, 'binance:main', [
      { side: 'buy', price: '42010.12', qty: '0.00100000', ts: T0 + 1500 },
      { side: 'sell', price: '42500', qty: '0.001', ts: T0 + DAY, tag: '=1+1' },
    ]);
  });
  afterEach(() => {
    db.close();
  });

  function run(kind: 'orders' | 'fills' | 'audit', account?: string): string[] {
    let text = '';
    exportCsv(db, kind, {}, (chunk) => (text += chunk), account === undefined ? {} : { account });
    return text.split('\r\n').slice(1, -1);
  }
  const accountOf = (record: string) => record.split(',')[2];

  it('fills: only that account\'s, oldest first, its amounts as the exact text written and a formula-like tag defused', () => {
    const live = run('fills', 'binance:main');
    expect(live).toEqual([
      `2024-03-01T00:00:01.500Z,${T0 + 1500},binance:main,1,binance:main-fill-1,binance:main-1,binance:main-c1,BTC/USDT,buy,42010.12,0.001,42.01012,0,USDT,0,taker,user,"{""kind"":""user""}",`,
      `2024-03-02T00:00:00.000Z,${T0 + DAY},binance:main,2,binance:main-fill-2,binance:main-2,binance:main-c2,BTC/USDT,sell,42500,0.001,42.5,0,USDT,0,taker,user,"{""kind"":""user""}",'=1+1`,
    ]);
    const paper = run('fills', 'paper');
    expect(paper.map(accountOf)).toEqual(['paper', 'paper', 'paper']);
    expect(paper.map((r) => r.split(',')[4])).toEqual(['fill-1', 'fill-2', 'fill-3']);
  });

  it('without an account, every account\'s rows as before, by time', () => {
    expect(run('fills').map(accountOf)).toEqual(['paper', 'binance:main', 'paper', 'binance:main', 'paper']);
    expect(run('fills')).toEqual([...run('fills', 'paper'), ...run('fills', 'binance:main')].sort((a, b) => Number(a.split(',')[1]) - Number(b.split(',')[1])));
  });

  it('orders: only that account\'s', () => {
    expect(run('orders', 'binance:main').map((r) => r.split(',')[4])).toEqual(['binance:main', 'binance:main']);
    expect(run('orders', 'paper')).toHaveLength(3);
  });

  it('refuses an account the journal has none of, naming the ones it has, and the audit log, which is every account\'s', () => {
    expect(journalAccounts(db)).toEqual(['binance:main', 'paper']);
    expect(() => run('fills', 'papr')).toThrow(new UnknownAccountError('no account "papr" in this journal; its accounts: binance:main, paper'));
    expect(() => run('audit', 'paper')).toThrow(new ExportError('the audit log is one log for every account, so it cannot be kept to paper; an account applies to orders and fills'));
  });
});
