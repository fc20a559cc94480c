// Keeps the trading stores (open orders, fills, positions, account) in step with the engine: listen
// first, then ask, so nothing that happens while the answers travel is missed; each store drops an
// answer that is older than an event it already has. Events of the account the commands do not act on
// (paper's while live is armed, and the other way round) are left out (account-scope.ts), and arming or
// disarming empties the stores and reads the new account afresh. Returns the unsubscribe.
import type { Api } from '../../../../shared/contract/index.ts';
import type { TradingMode } from '../../../../shared/contract/commands/trading-mode.ts';
import type { Position } from '../../../../shared/trading/orders.ts';
import { toErrorData } from '../../state/error-data.ts';
import { reportError } from '../../state/notices-store.ts';
import { applyFills, useFills } from '../fills/fills-store.ts';
import { applyAccount, applyPositions, usePositions } from '../positions/positions-store.ts';
import { applyTradingMode, scopeOf, useTradingModeState } from '../ticket/live/trading-mode-store.ts';
import { useTicket } from '../ticket/ticket-store.ts';
import { isAccount, isOfAccount } from './account-scope.ts';
import { applyOrder, applyOrders, useOrders } from './orders-store.ts';

/** How many fills the history asks for at start; newer ones arrive as events. */
const FILLS_ON_OPEN = 200;

/** A failed read is shown, except from an engine without that command (then there is nothing to show). */
const failed = (action: string) => (err: unknown) => {
  if (toErrorData(err).code !== 'unknown_command') reportError(action, err);
};

/** The account whose order and fill ids the stores take, or null while it is not known (take all). */
function idAccount(): string | null {
  const mode = useTradingModeState.getState().state;
  if (mode?.mode === 'live') return mode.account;
  const account = usePositions.getState().account;
  return account?.mode === 'paper' ? account.account : null;
}

function load(api: Api): void {
  api.commands['trading.orders']({ status: 'open', limit: 5000 }).then((r) => applyOrders(r.orders.filter((o) => isOfAccount(o.id, idAccount())), { loaded: true }), failed('Read open orders'));
  api.commands['trading.fills']({ limit: FILLS_ON_OPEN }).then((r) => applyFills(r.fills.filter((f) => isOfAccount(f.id, idAccount())), { loaded: true }), failed('Read fills'));
  api.commands['trading.positions']({}).then((r) => applyPositions(r.positions, 'answer'), failed('Read positions'));
  api.commands['trading.account']({}).then((a) => applyAccount(a, 'answer'), failed('Read the trading account'));
}

/** Another account now: nothing of the last one may stay on screen, fee rate included. */
function reset(): void {
  useOrders.setState({ open: new Map(), loaded: false, seen: new Map() });
  useFills.setState({ fills: [], loaded: false });
  usePositions.setState({ positions: [], account: null, positionsLive: false, accountLive: false });
  useTicket.setState({ feeRate: null, outcome: null });
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
  // The engine sends trading.positions and then, at once, its trading.account, which names the account:
  // positions wait for it, and go in only if it is the account on screen.
  let pending: readonly Position[] | null = null;
  const offs = [
    api.events['trading.order']((o) => {
      if (isOfAccount(o.id, idAccount())) applyOrder(o);
    }),
    api.events['trading.fill']((f) => {
      if (isOfAccount(f.id, idAccount())) applyFills([f]);
    }),
    api.events['trading.positions']((p) => {
      pending = p.positions;
    }),
    api.events['trading.account']((a) => {
      const positions = pending;
      pending = null;
      if (!isAccount(a, scopeOf(useTradingModeState.getState().state))) return;
      if (positions) applyPositions(positions, 'event');
      applyAccount(a, 'event');
    }),
    api.events['trading.mode']((m) => switchTradingMode(api, m)),
  ];
  api.commands['trading.mode']({}).then((m) => switchTradingMode(api, m), failed('Read the trading mode'));
  load(api);
  return () => offs.forEach((off) => off());
}
