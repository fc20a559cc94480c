// The backtest domain's commands: runs go to the BacktestService, parameter searches to the
// OptimizeService; each runs in a worker thread and reports through events.
import type { backtestCommands } from '../../../shared/contract/commands/backtest.ts';
import type { BacktestService } from '../../backtest/backtest-service.ts';
import type { OptimizeService } from '../../backtest/optimize-service.ts';
import type { HandlersFor } from '../handlers.ts';

export function backtestHandlers(service: BacktestService, searches: OptimizeService): HandlersFor<typeof backtestCommands> {
  return {
    'backtest.strategies': () => service.strategies(),
    'backtest.run': (request) => service.run(request),
    'backtest.runMany': ({ runs }) => service.runMany(runs),
    'backtest.cancel': ({ runId }) => service.cancel(runId),
    'backtest.result': ({ runId }) => service.result(runId),
    'backtest.list': () => service.list(),
    'backtest.report': ({ runId, format }) => service.report(runId, format),
    'backtest.reportCancel': ({ runId }) => service.cancelReport(runId),
    'backtest.window': ({ runId, symbol, from, to, withLeadIn }) => service.window(runId, symbol, from, to, withLeadIn),
    'backtest.optimize': (request) => searches.optimize(request),
    'backtest.optimizeCancel': ({ runId }) => searches.cancel(runId),
    'backtest.optimization': ({ runId }) => searches.result(runId),
    'backtest.optimizations': () => searches.list(),
  };
}
