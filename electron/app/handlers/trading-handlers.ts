// The trading domain's commands. Every call from the UI trades as the user: the origin is set here, never
// taken from the request, so a page cannot pose as a strategy or the AI.
import type { tradingCommands } from '../../../shared/contract/commands/trading.ts';
import { KeelError } from '../../../shared/contract/errors.ts';
import { format } from '../../../shared/trading/decimal.ts';
import type { Origin } from '../../../shared/trading/orders.ts';
import type { ExecutionEngine } from '../../trading/execution-engine.ts';
import type { HandlersFor } from '../handlers.ts';

const USER: Origin = Object.freeze({ kind: 'user' });

export function tradingHandlers(engine: ExecutionEngine): HandlersFor<typeof tradingCommands> {
  return {
    'trading.submit': (request) => engine.submit(request, USER),
    'trading.preview': (request) => engine.preview(request, USER),
    'trading.cancel': ({ orderId }) => engine.cancel(orderId),
    'trading.cancelAll': ({ symbol }) => ({ orders: engine.cancelAll({ symbol }) }),
    'trading.modify': ({ orderId, qty, price, triggerPrice }) => engine.modify(orderId, { qty, price, triggerPrice }),
    'trading.orders': ({ status, limit }) => ({ orders: engine.orders({ status, limit }) }),
    'trading.fills': ({ symbol, limit }) => ({ fills: engine.fills({ symbol, limit }) }),
    'trading.positions': () => ({ account: engine.account, positions: engine.positions() }),
    'trading.account': () => engine.accountSnapshot(),
    'trading.rules': ({ symbol }) => {
      const market = engine.marketRules(symbol);
      if (!market) throw new KeelError('not_found', `the ${engine.account} account has no market rules for ${symbol}: it is not a market that account can trade`);
      const { rules, fees } = market;
      return {
        account: engine.account,
        kind: engine.mode,
        symbol: rules.symbol,
        base: rules.base,
        quote: rules.quote,
        tickSize: format(rules.tickSize),
        stepSize: format(rules.stepSize),
        minQty: format(rules.minQty),
        minNotional: format(rules.minNotional),
        makerFee: format(fees.maker),
        takerFee: format(fees.taker),
      };
    },
    'trading.closePosition': ({ symbol, ledger }) => engine.closePosition(symbol, ledger, USER),
    'trading.reversePosition': ({ symbol, ledger }) => engine.reversePosition(symbol, ledger, USER),
  };
}
