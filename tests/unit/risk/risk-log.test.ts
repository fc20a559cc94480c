// The risk room's memory log (backtests, and the app before its audit log opens): the newest 500 events,
// newest first, however many were recorded (a backtest refused at every bar records tens of thousands).
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/journal/audit-log.ts';
import { RiskLog } from '../../../electron/risk/risk-log.ts';
import { auditJournal } from '../../helpers/audit-journal.ts';

describe('RiskLog in memory', () => {
  it('keeps the newest 500 events, newest first, through any number recorded', () => {
    let now = 0;
    const log = new RiskLog({ now: () => now });
    for (let i = 0; i < 1_777; i++) {
      now = i * 1000;
      log.record('refusal', 'system', `refusal ${i}`);
      if (i === 2) expect(log.recent(10).map((e) => e.message)).toEqual(['refusal 2', 'refusal 1', 'refusal 0']);
    }
    expect(log.recent(3).map((e) => e.message)).toEqual(['refusal 1776', 'refusal 1775', 'refusal 1774']);
    const all = log.recent(10_000);
    expect(all).toHaveLength(500);
    expect(all[0]!.message).toBe('refusal 1776');
    expect(all[499]!.message).toBe('refusal 1277');
    expect(all[0]).toMatchObject({ kind: 'refusal', level: 'info', ts: 1_776_000, seq: null });
    expect(log.recent(0)).toEqual([]);
  });
});

describe('RiskLog on the audit log', () => {
  it("names each event's account, paper's and a live account's in one log, and reads older rows without one as null", () => {
    const db = auditJournal();
    const audit = new AuditLog(db);
    // A row from before events named their account, as the audit log holds it.
    audit.append({ actor: 'system', action: 'risk.breach', details: { kind: 'breach', rule: 'max-drawdown', level: 'alert', message: 'old breach' } });
    const paper = new RiskLog({ audit, db, now: () => 0 });
    const live = new RiskLog({ audit, db, now: () => 0, account: 'binance:main' });
    expect(paper.record('refusal', 'user', 'paper refusal').account).toBe('paper');
    expect(live.record('kill', 'system', 'live kill').account).toBe('binance:main');
    // Either account's room reads the whole log back, each event with its account.
    expect(paper.recent(10).map((e) => [e.message, e.account])).toEqual([
      ['live kill', 'binance:main'],
      ['paper refusal', 'paper'],
      ['old breach', null],
    ]);
  });
});
