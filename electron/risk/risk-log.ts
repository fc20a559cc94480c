// Risk events: every refusal, kill switch trigger and re-arm, breach, circuit breaker change and mode or
// limits change goes to the audit log (hash-chained, append-only) and out as a `risk.event`. The panel's
// log reads them back from the audit log, so it shows what happened before a restart too. Without an
// audit log (backtests, tests) the last events are kept in memory.
import type Database from 'better-sqlite3';
import type { EventPayload } from '../../shared/contract/index.ts';
import type { AuditActor, AuditDetails } from '../journal/audit-log.ts';
import type { EventBus } from '../app/event-bus.ts';
import type { Logger } from '../app/logger.ts';

export type RiskEvent = EventPayload<'risk.event'>;
export type RiskEventKind = RiskEvent['kind'];

/** AuditLog.append, as this needs it. */
export interface AuditSink {
  append(entry: { actor: AuditActor; action: string; details: AuditDetails }): { seq: number; ts: number };
}

const ACTION: Record<RiskEventKind, string> = {
  refusal: 'risk.refuse',
  kill: 'kill.trigger',
  rearm: 'kill.rearm',
  breach: 'risk.breach',
  circuit: 'risk.circuit',
  mode: 'risk.mode',
  limits: 'risk.limits',
};
const KIND_OF = new Map(Object.entries(ACTION).map(([k, a]) => [a, k as RiskEventKind]));

const MEMORY_EVENTS = 500;

export interface RiskLogOptions {
  audit?: AuditSink | null;
  /** The database the audit log is in, to read the events back. */
  db?: Database.Database | null;
  events?: Pick<EventBus, 'emit'> | null;
  log?: Logger | null;
  now: () => number;
  /** The account the events are about (its risk service's scope): paper unless given. */
  account?: string;
}

export class RiskLog {
  readonly #audit: AuditSink | null;
  readonly #events: Pick<EventBus, 'emit'> | null;
  readonly #log: Logger | null;
  readonly #now: () => number;
  readonly #account: string;
  readonly #recent: RiskEvent[] = [];
  readonly #read: Database.Statement<[number], { seq: number; ts: number; actor: string; action: string; details: string }> | null;

  constructor(options: RiskLogOptions) {
    this.#audit = options.audit ?? null;
    this.#events = options.events ?? null;
    this.#log = options.log ?? null;
    this.#now = options.now;
    this.#account = options.account ?? 'paper';
    const actions = Object.values(ACTION)
      .map((a) => `'${a}'`)
      .join(', ');
    this.#read = options.db ? options.db.prepare(`SELECT seq, ts, actor, action, details FROM audit_log WHERE action IN (${actions}) ORDER BY seq DESC LIMIT ?`) : null;
  }

  record(kind: RiskEventKind, actor: AuditActor, message: string, extra: { rule?: string | null; level?: RiskEvent['level']; details?: AuditDetails } = {}): RiskEvent {
    const level = extra.level ?? (kind === 'refusal' || kind === 'mode' || kind === 'limits' || kind === 'rearm' ? 'info' : 'alert');
    const rule = extra.rule ?? null;
    let seq: number | null = null;
    let ts = this.#now();
    if (this.#audit) {
      try {
        const row = this.#audit.append({ actor, action: ACTION[kind], details: { ...extra.details, kind, rule, level, message, account: this.#account } });
        seq = row.seq;
        ts = row.ts;
      } catch (err) {
        // The event still goes out; a broken audit log is an error the user must hear of.
        this.#log?.error('risk', `could not write the ${kind} to the audit log`, err);
      }
    }
    const event: RiskEvent = { seq, ts: Math.max(0, Math.floor(ts)), kind, actor, rule, level, message, account: this.#account };
    this.#recent.push(event);
    // Trimmed in batches, not at every event: a backtest refused at every bar records tens of thousands,
    // and moving 500 events down one slot at each cost more than the refusal.
    if (this.#recent.length >= 2 * MEMORY_EVENTS) this.#recent.splice(0, this.#recent.length - MEMORY_EVENTS);
    this.#events?.emit('risk.event', event);
    return event;
  }

  /** Newest first. */
  recent(limit: number): RiskEvent[] {
    if (!this.#read) return limit <= 0 ? [] : this.#recent.slice(-Math.min(limit, MEMORY_EVENTS)).reverse();
    return this.#read.all(limit).map((row) => {
      let d: { rule?: unknown; level?: unknown; message?: unknown; account?: unknown } = {};
      try {
        d = JSON.parse(row.details) as typeof d;
      } catch {
        // a row that is not JSON still shows, with its action as the message
      }
      const level = d.level === 'info' || d.level === 'warn' || d.level === 'alert' ? d.level : 'info';
      return { seq: row.seq, ts: row.ts, kind: KIND_OF.get(row.action) ?? 'refusal', actor: row.actor, rule: typeof d.rule === 'string' ? d.rule : null, level, message: typeof d.message === 'string' ? d.message : row.action, account: typeof d.account === 'string' ? d.account : null };
    });
  }
}
