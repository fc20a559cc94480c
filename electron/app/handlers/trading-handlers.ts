// The trading domain's commands. Every call from the UI trades as the user: the origin is set here, never
// taken from the request, so a page cannot pose as a strategy or the AI.
import type { tradingCommands } from '../../../shared/contract/commands/trading.ts';
import { KeelError } from '../../../shared/contract/errors.ts';
import type { JournalHealth } from '../../../shared/contract/journal-health.ts';
import { decFromNumber, format } from '../../../shared/trading/decimal.ts';
import type { Origin } from '../../../shared/trading/orders.ts';
import type { ExecutionEngine } from '../../trading/execution-engine.ts';
import type { HandlersFor } from '../handlers.ts';

const USER: Origin = Object.freeze({ kind: 'user' });

export interface TradingHandlerOptions {
  /** The strategies running on an account that may sell short ("id (direction)"): it cannot become spot under them. */
  mayShortOn?: (account: string) => string[];
  /** The account's simulated slippage on a market execution, a fraction as decimal text ("0.0001"); undefined for a live account. */
  slippage?: (account: string) => string | undefined;
  /** The journal health of every account running now (paper, the armed one), not only the one the commands act on; default: the engine's own. */
  journalHealth?: () => JournalHealth[];
}

export function tradingHandlers(engine: ExecutionEngine, options: TradingHandlerOptions = {}): HandlersFor<typeof tradingCommands> {
  return {
    'trading.submit': (request) => engine.submit(request, USER),
    'trading.preview': (request) => engine.preview(request, USER),
    'trading.cancel': ({ orderId }) => engine.cancel(orderId),
    'trading.cancelAll': ({ symbol }) => ({ orders: engine.cancelAll({ symbol }) }),
    'trading.modify': ({ orderId, qty, price, triggerPrice }) => engine.modify(orderId, { qty, price, triggerPrice }),
    'trading.orders': ({ status, limit }) => ({ orders: engine.orders({ status, limit }) }),
    'trading.fills': ({ symbol, limit, before }) => ({ fills: engine.fillPage({ symbol, limit, before }) }),
    'trading.positions': () => ({ account: engine.account, positions: engine.positions() }),
    'trading.account': () => engine.accountSnapshot(),
    'trading.journalHealth': () => {
      const own = engine.journalHealth;
      return { accounts: options.journalHealth?.() ?? (own === null ? [] : [own]) };
    },
    'trading.rules': ({ symbol }) => {
      const market = engine.marketRules(symbol);
      if (!market) throw new KeelError('not_found', `the ${engine.account} account has no market rules for ${symbol}: it is not a market that account can trade`);
      const { rules, fees } = market;
      const slippage = options.slippage?.(engine.account);
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
        ...(slippage !== undefined ? { slippage } : {}),
      };
    },
    'trading.setAccountKind': ({ kind }) => {
      // The engine's own refusals first (a live account, open orders, a short), then the strategies it runs.
      if (engine.kindChangeRefusal(kind) === null && kind === 'spot' && engine.mode === 'margin') {
        const shorting = options.mayShortOn?.(engine.account) ?? [];
        if (shorting.length > 0) {
          const one = shorting.length === 1;
          throw new KeelError('conflict', `the ${engine.account} account cannot switch to spot while ${shorting.join(', ')} ${one ? 'runs' : 'run'} on it and may sell short; stop ${one ? 'it' : 'them'} first`);
        }
      }
      engine.setKind(kind, 'user');
      return engine.accountSnapshot();
    },
    'trading.setBorrowRate': ({ ratePct }) => {
      engine.setBorrowRate(decFromNumber(ratePct), 'user');
      return engine.accountSnapshot();
    },
    'trading.closePosition': ({ symbol, ledger }) => engine.closePosition(symbol, ledger, USER),
    'trading.reversePosition': ({ symbol, ledger }) => engine.reversePosition(symbol, ledger, USER),
  };
}
