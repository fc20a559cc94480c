// "Trade this strategy…" on a backtested run fills in the terminal's start form and says what it filled in:
// the risk mode the backtest ran in is named as the runs table names it, a custom run with its position %.
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { paperTradeRun } from '../../../renderer/src/features/backtest/paper-trade-run.ts';
import { runLabel } from '../../../renderer/src/features/backtest/run-form.ts';
import { useStrategies } from '../../../renderer/src/features/strategies/strategies-store.ts';

const run = (over: Partial<RunResult['request']>) =>
  ({
    runId: 'bt-1',
    request: { strategy: 'sma-cross', params: { fast: 3, slow: 8 }, series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' }, from: '2022-01-10', to: '2022-01-11', mode: 'moderate', direction: 'long', ...over },
  }) as unknown as RunResult;

describe('the hint after "Trade this strategy…"', () => {
  it('names a custom run\'s mode with its position %, as the runs table does', () => {
    const custom = run({ mode: 'custom', positionPct: 40 });
    paperTradeRun(custom);
    const text = useStrategies.getState().message?.text ?? '';
    expect(runLabel(custom)).toContain('custom 40%');
    expect(text).toContain('The backtest ran in custom 40% mode;');
  });

  it('names a preset mode by its name', () => {
    paperTradeRun(run({ mode: 'aggressive' }));
    expect(useStrategies.getState().message?.text).toContain('The backtest ran in aggressive mode;');
  });
});
