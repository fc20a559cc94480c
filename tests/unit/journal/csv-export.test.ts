import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvField, csvRecord } from '../../../electron/journal/csv.ts';
import { parseExportRange } from '../../../electron/journal/export-range.ts';
import { exportCsv } from '../../../electron/journal/csv-export.ts';
import { AuditLog } from '../../../electron/journal/audit-log.ts';
import { auditJournal } from '../../helpers/audit-journal.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 2, 1);

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
