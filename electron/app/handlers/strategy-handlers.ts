// Running strategies (shared/contract/commands/strategy.ts). Every call from a window or a browser tab acts
// as the user: the audit log's strategy.start / strategy.stop rows say so.
import type { strategyCommands } from '../../../shared/contract/commands/strategy.ts';
import type { StrategyService } from '../../strategies/strategy-service.ts';
import type { HandlersFor } from '../handlers.ts';

export function strategyHandlers(service: StrategyService): HandlersFor<typeof strategyCommands> {
  return {
    'strategy.catalog': () => service.catalog(),
    'strategy.start': (request) => service.start(request, 'user'),
    'strategy.stop': ({ id }) => service.stop(id, 'user'),
    'strategy.running': () => ({ strategies: service.running() }),
  };
}
