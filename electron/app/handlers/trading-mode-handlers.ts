// Arming and disarming live trading (shared/contract/commands/trading-mode.ts). Every call acts as the
// user; the service checks the typed confirmation, the stored key and the exchange before switching.
import type { tradingModeCommands } from '../../../shared/contract/commands/trading-mode.ts';
import type { HandlersFor } from '../handlers.ts';
import type { TradingModeService } from '../trading-mode-service.ts';

export function tradingModeHandlers(modes: TradingModeService): HandlersFor<typeof tradingModeCommands> {
  return {
    'trading.mode': () => modes.state(),
    'trading.armPreview': ({ account }) => modes.preview(account),
    'trading.arm': ({ account, confirm }) => modes.arm(account, confirm, 'user'),
    'trading.acknowledgeDrift': ({ account, seen }) => modes.acknowledgeDrift(account, seen, 'user'),
    'trading.disarm': () => modes.disarm('user'),
  };
}
