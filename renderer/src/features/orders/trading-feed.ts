// Keeps the trading stores (open orders, fills, positions, account) in step with the engine: listen
// first, then ask, so nothing that happens while the answers travel is missed; each store drops an
// answer that is older than an event it already has. Returns the unsubscribe.
import type { Api } from '../../../../shared/contract/index.ts';
import { toErrorData } from '../../state/error-data.ts';
import { reportError } from '../../state/notices-store.ts';
import { applyFills } from '../fills/fills-store.ts';
import { applyAccount, applyPositions } from '../positions/positions-store.ts';
import { applyOrder, applyOrders } from './orders-store.ts';

/** How many fills the history asks for at start; newer ones arrive as events. */
const FILLS_ON_OPEN = 200;

/** A failed read is shown, except from an engine with no trading at all (then there is nothing to show). */
const failed = (action: string) => (err: unknown) => {
  if (toErrorData(err).code !== 'unknown_command') reportError(action, err);
};

export function followTrading(api: Api): () => void {
  const offs = [
    api.events['trading.order'](applyOrder),
    api.events['trading.fill']((f) => applyFills([f])),
    api.events['trading.positions']((p) => applyPositions(p.positions, 'event')),
    api.events['trading.account']((a) => applyAccount(a, 'event')),
  ];
  api.commands['trading.orders']({ status: 'open', limit: 5000 }).then((r) => applyOrders(r.orders, { loaded: true }), failed('Read open orders'));
  api.commands['trading.fills']({ limit: FILLS_ON_OPEN }).then((r) => applyFills(r.fills, { loaded: true }), failed('Read fills'));
  api.commands['trading.positions']({}).then((r) => applyPositions(r.positions, 'answer'), failed('Read positions'));
  api.commands['trading.account']({}).then((a) => applyAccount(a, 'answer'), failed('Read the trading account'));
  return () => offs.forEach((off) => off());
}
