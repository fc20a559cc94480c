// The backtest domain's commands: all of them go to the BacktestService, which runs each backtest in a
// worker thread and reports through backtest.progress / backtest.done events.
import type { backtestCommands } from '../../../shared/contract/commands/backtest.ts';
import type { BacktestService } from '../../backtest/backtest-service.ts';
import type { HandlersFor } from '../handlers.ts';

export function backtestHandlers(service: BacktestService): HandlersFor<typeof backtestCommands> {
  return {
    'backtest.strategies': () => service.strategies(),
    'backtest.run': (request) => service.run(request),
    'backtest.cancel': ({ runId }) => service.cancel(runId),
    'backtest.result': ({ runId }) => service.result(runId),
    'backtest.list': () => service.list(),
  };
}
