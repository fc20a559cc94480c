// Saving a run's whole report: the engine runs the backtest again for it, which takes a while on years of
// bars, so the run is marked as saving (its buttons wait) until the report is in hand, a second click
// meanwhile makes no second report, and a failure is told and unmarks the run.
import { afterEach, describe, expect, it } from 'vitest';
import { KeelError } from '../../../shared/contract/index.ts';
import { saveReport } from '../../../renderer/src/features/backtest/backtest-actions.ts';
import { useBacktest } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { fakeApi } from './fake-api.ts';

afterEach(() => useBacktest.setState({ savingReport: {}, error: null }));

/** A promise and the function that settles it. */
function deferred<T>() {
  let settle!: (v: T | Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    settle = (v) => (v instanceof Error ? reject(v) : resolve(v));
  });
  return { promise, settle };
}

describe('saveReport', () => {
  it('marks the run while its report is made, makes it once, and hands the file over', async () => {
    const answer = deferred<{ fileName: string; content: string }>();
    const api = fakeApi({ 'backtest.report': () => answer.promise });
    const saved: [string, string, string][] = [];
    const first = saveReport(api, 'r1', 'html', (...a) => saved.push(a));
    expect(useBacktest.getState().savingReport).toEqual({ r1: 'html' });
    await saveReport(api, 'r1', 'json', (...a) => saved.push(a));
    expect(api.calls.filter((c) => c.name === 'backtest.report')).toHaveLength(1);
    answer.settle({ fileName: 'sma-cross.html', content: '<!doctype html>' });
    await first;
    expect(saved).toEqual([['sma-cross.html', '<!doctype html>', 'text/html']]);
    expect(useBacktest.getState().savingReport).toEqual({});
  });

  it('says why a report failed and lets the run be saved again', async () => {
    const api = fakeApi({ 'backtest.report': () => Promise.reject(new KeelError('conflict', 'backtest r2 is running; a report is made from a finished run')) });
    await saveReport(api, 'r2', 'json', () => {
      throw new Error('nothing to save');
    });
    expect(useBacktest.getState().error).toBe('backtest r2 is running; a report is made from a finished run');
    expect(useBacktest.getState().savingReport).toEqual({});
  });
});
