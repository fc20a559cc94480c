// Keeps the trading stores (open orders, fills, positions, account) in step with the engine: listen
// first, then ask, so nothing that happens while the answers travel is missed; each store drops an
// answer that is older than an event it already has. Events and answers of the account the commands do
// not act on (paper's while live is armed, and the other way round) are left out by the stores (each
// names its account; account-scope.ts), and arming or disarming empties the stores and reads the new
// account afresh. Returns the unsubscribe.
import type { Api } from '../../../../shared/contract/index.ts';
import type { TradingMode } from '../../../../shared/contract/commands/trading-mode.ts';
import { toErrorData } from '../../state/error-data.ts';
import { reportError } from '../../state/notices-store.ts';
import { FILLS_PAGE } from '../fills/fills-paging.ts';
import { applyFills, clearFills } from '../fills/fills-store.ts';
import { applyAccount, applyPositions, usePositions } from '../positions/positions-store.ts';
import { applyTradingMode } from '../ticket/live/trading-mode-store.ts';
import { useTicket } from '../ticket/ticket-store.ts';
import { whileAccountStays } from './account-scope.ts';
import { applyAccountKind, clearMarketRules } from './market-rules-store.ts';
import type { Account } from '../../../../shared/trading/orders.ts';
import { applyOrder, applyOrders, useOrders } from './orders-store.ts';

/** Takes in an account snapshot: the positions store's account, and its kind (spot or margin) for the market rules. */
export function takeAccount(account: Account, from: 'event' | 'answer'): void {
  applyAccount(account, from);
  applyAccountKind(account.account, account.kind);
}

/** A failed read is shown, except from an engine without that command (then there is nothing to show). */
const failed = (action: string) => (err: unknown) => {
  if (toErrorData(err).code !== 'unknown_command') reportError(action, err);
};

/** Reads the account's state; answers that arrive once another account is on screen are dropped whole (that one is read afresh). */
function load(api: Api): void {
  api.commands['trading.orders']({ status: 'open', limit: 5000 }).then(whileAccountStays((r) => applyOrders(r.orders, { loaded: true })), failed('Read open orders'));
  // The newest page; older ones when the trader asks (fills-paging.ts), newer ones arrive as events.
  api.commands['trading.fills']({ limit: FILLS_PAGE }).then(whileAccountStays((r) => applyFills(r.fills, { loaded: true, pageSize: FILLS_PAGE })), failed('Read fills'));
  api.commands['trading.positions']({}).then(whileAccountStays((r) => applyPositions(r, 'answer')), failed('Read positions'));
  api.commands['trading.account']({}).then(whileAccountStays((a) => takeAccount(a, 'answer')), failed('Read the trading account'));
}

/** Another account now: nothing of the last one may stay on screen, its market rules and fees included. */
function reset(): void {
  useOrders.setState({ open: new Map(), loaded: false, seen: new Map(), ended: new Map(), dismissed: new Set() });
  clearFills();
  usePositions.setState({ positions: [], account: null, positionsLive: false, accountLive: false });
  useTicket.setState({ outcome: null });
  clearMarketRules();
}

/**
 * Takes in the engine's trading mode (an answer or an event, whichever comes first); when the commands
 * now act on another account, empties the stores and reads that account.
 */
export function switchTradingMode(api: Api, mode: TradingMode): void {
  if (applyTradingMode(mode)) {
    reset();
    load(api);
  }
}

export function followTrading(api: Api): () => void {
  const offs = [
    api.events['trading.order'](applyOrder),
    api.events['trading.fill']((f) => applyFills([f])),
    api.events['trading.positions']((p) => applyPositions(p, 'event')),
    api.events['trading.account']((a) => takeAccount(a, 'event')),
    api.events['trading.mode']((m) => switchTradingMode(api, m)),
  ];
  api.commands['trading.mode']({}).then((m) => switchTradingMode(api, m), failed('Read the trading mode'));
  load(api);
  return () => offs.forEach((off) => off());
}
