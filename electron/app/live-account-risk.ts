// The live account's risk service: the paper one's, plus what only a live account has.
//
// Orders placed outside Keel: the kill switch cancels every order Keel placed, but orders placed outside
// Keel (the exchange's website, another bot) are never touched: Keel does not own them. A trader who pulls
// the switch believes everything is stopped, so the kill result says which of them are still open on the
// exchange and where to cancel them.
//
// Cancels are requests until the exchange answers: kill() sends them, confirmKill() waits (a few seconds at
// most) for the answers, and the report then counts only the cancels the exchange confirmed and names each
// order still working there with what the exchange said (cancel-batch.ts). Entries are blocked from the
// moment kill() returns; only the report waits.
import { format } from '../../shared/trading/decimal.ts';
import type { ForeignOrder } from '../trading/live/ccxt-live-broker.ts';
import type { AskedCancel, CancelBatch, CancelOutcome } from '../trading/live/cancel-batch.ts';
import type { LiveMonitor } from '../trading/live/live-monitor.ts';
import type { KillReport } from '../risk/kill-switch.ts';
import { RiskService, type RiskServiceOptions, type RiskState } from '../risk/risk-service.ts';

/** How long a kill waits for the exchange to answer its cancels: `keel kill` gives up on an answer after 5 s. */
const CONFIRM_CANCELS_MS = 3_000;

export interface LiveAccountRiskOptions extends RiskServiceOptions {
  /** "binance": named in the message. */
  exchange: string;
  /** The orders open on the exchange that Keel did not place, as of the last reconciliation. */
  foreignOrders: () => readonly ForeignOrder[];
  /** The live broker's monitor, once the live services are open (the kill's cancels are followed there). */
  monitor?: () => LiveMonitor | null;
  /** How long a kill waits for the exchange's answers to its cancels; default 3 s. */
  confirmCancelsMs?: number;
}

type KillResult = KillReport & { state: RiskState };

export class LiveAccountRisk extends RiskService {
  readonly #exchange: string;
  readonly #foreignOrders: () => readonly ForeignOrder[];
  readonly #monitor: () => LiveMonitor | null;
  readonly #confirmMs: number;
  /** Each kill's report and the cancels it sent to the exchange, until confirmKill reads them. */
  readonly #sent = new WeakMap<KillResult, CancelBatch>();

  constructor(options: LiveAccountRiskOptions) {
    super(options);
    this.#exchange = options.exchange;
    this.#foreignOrders = options.foreignOrders;
    this.#monitor = options.monitor ?? (() => null);
    this.#confirmMs = options.confirmCancelsMs ?? CONFIRM_CANCELS_MS;
  }

  override kill(request: Parameters<RiskService['kill']>[0]): KillResult {
    const monitor = this.#monitor();
    const { result: report, batch } = monitor ? monitor.collectCancels(() => super.kill(request)) : { result: super.kill(request), batch: null };
    const left = foreignOrdersLeftOpen(this.#exchange, this.#foreignOrders());
    const out = left === null ? report : { ...report, failures: [...report.failures, left] };
    if (batch && batch.size > 0) this.#sent.set(out, batch);
    return out;
  }

  override async confirmKill(report: KillResult): Promise<KillResult> {
    const batch = this.#sent.get(report);
    if (!batch) return report;
    this.#sent.delete(report);
    const outcomes = await batch.settled(this.#confirmMs);
    const failures = unconfirmedCancels(this.#exchange, outcomes, this.#confirmMs);
    if (failures.length === 0) return report;
    const cancelled = report.cancelled - failures.length;
    this.recordKillOutcome(`kill switch: ${this.#exchange} confirmed ${outcomes.length - failures.length} of the ${outcomes.length} cancel(s) sent to it; could not: ${failures.join('; ')}`, { cancelled, unconfirmed: failures.length });
    return { ...report, cancelled, failures: [...failures, ...report.failures] };
  }
}

/**
 * One line per order the exchange did not confirm cancelled, read after the kill result's "could not:"
 * ("cancel order a1 (BTC/USDT buy 0.01 limit at 60000): binance refused the cancel: …; it is still open on binance").
 */
export function unconfirmedCancels(exchange: string, outcomes: readonly CancelOutcome[], waitedMs: number): string[] {
  const out: string[] = [];
  const retry = `Keel tries again at every poll; cancel it on ${exchange} if it must not fill`;
  for (const { order, answer } of outcomes) {
    if (answer?.kind === 'ended' && answer.status === 'cancelled') continue;
    const what = `cancel order ${describeAskedCancel(order)}`;
    if (answer === null) out.push(`${what}: ${exchange} had not answered within ${waitedMs / 1000} s; it may still be open on ${exchange} (${retry})`);
    else if (answer.kind === 'refused') out.push(`${what}: ${exchange} refused the cancel: ${answer.reason.replace(/\.$/, '')}; it is still open on ${exchange} (${retry})`);
    else if (answer.kind === 'unanswered') out.push(`${what}: ${exchange} did not confirm it within ${waitedMs / 1000} s (the last try: ${answer.reason.replace(/\.$/, '')}); it may still be open on ${exchange} (${retry})`);
    else if (answer.status === 'filled') out.push(`${what}: it filled on ${exchange} before the cancel reached it`);
    else out.push(`${what}: it had already ended on ${exchange} (${answer.status}) before the cancel reached it`);
  }
  return out;
}

/** "a1 (BTC/USDT buy 0.01 limit at 60000)". */
export function describeAskedCancel(o: AskedCancel): string {
  return `${o.clientOrderId} (${o.symbol} ${o.side} ${format(o.qty)} ${o.type}${o.price !== null ? ` at ${format(o.price)}` : ''})`;
}

/** "cancel 2 orders placed outside Keel (…): …", read after the kill result's "could not:"; null when there are none. */
export function foreignOrdersLeftOpen(exchange: string, orders: readonly ForeignOrder[]): string | null {
  if (orders.length === 0) return null;
  const n = orders.length;
  const shown = orders.slice(0, 5).map(describeForeignOrder);
  if (n > shown.length) shown.push(`${n - shown.length} more`);
  return `cancel ${n} order${n === 1 ? '' : 's'} placed outside Keel (${shown.join('; ')}), open on ${exchange} at the last reconciliation: Keel never touches orders it did not place; ${n === 1 ? 'it is' : 'they are'} still open, cancel ${n === 1 ? 'it' : 'them'} on ${exchange} if ${n === 1 ? 'it' : 'they'} should not stay`;
}

/** "BTC/USDT sell 0.01 limit at 70000, client id web_1". */
export function describeForeignOrder(o: ForeignOrder): string {
  const what = [o.symbol, o.side, o.qty, o.type].filter((x) => x !== null).join(' ');
  return `${what}${o.price !== null ? ` at ${o.price}` : ''}, ${o.clientOrderId !== null ? `client id ${o.clientOrderId}` : `exchange id ${o.exchangeOrderId}`}`;
}
