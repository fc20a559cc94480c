// The live account's risk service: the paper one's, plus one thing only a live account has. The kill
// switch cancels every order Keel placed, but orders placed outside Keel (the exchange's website, another
// bot) are never touched: Keel does not own them. A trader who pulls the switch believes everything is
// stopped, so the kill result says which of them are still open on the exchange and where to cancel them.
import type { ForeignOrder } from '../trading/live/ccxt-live-broker.ts';
import type { KillReport } from '../risk/kill-switch.ts';
import { RiskService, type RiskServiceOptions, type RiskState } from '../risk/risk-service.ts';

export interface LiveAccountRiskOptions extends RiskServiceOptions {
  /** "binance": named in the message. */
  exchange: string;
  /** The orders open on the exchange that Keel did not place, as of the last reconciliation. */
  foreignOrders: () => readonly ForeignOrder[];
}

export class LiveAccountRisk extends RiskService {
  readonly #exchange: string;
  readonly #foreignOrders: () => readonly ForeignOrder[];

  constructor(options: LiveAccountRiskOptions) {
    super(options);
    this.#exchange = options.exchange;
    this.#foreignOrders = options.foreignOrders;
  }

  override kill(request: Parameters<RiskService['kill']>[0]): KillReport & { state: RiskState } {
    const report = super.kill(request);
    const left = foreignOrdersLeftOpen(this.#exchange, this.#foreignOrders());
    return left === null ? report : { ...report, failures: [...report.failures, left] };
  }
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
