// Saving a run's whole report: the engine runs the backtest again for it, which takes a while on years of
// bars, so the run is marked as saving (its buttons wait) until the report is in hand, a second click
// meanwhile makes no second report, its progress counts up from the engine's backtest.reportProgress, and
// a failure is told and unmarks the run; a cancel stops it with nothing saved and no error shown.
import { afterEach, describe, expect, it } from 'vitest';
import { KeelError } from '../../../shared/contract/index.ts';
import { cancelReport, followBacktests, saveReport } from '../../../renderer/src/features/backtest/backtest-actions.ts';
import { useBacktest } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { fakeApi } from './fake-api.ts';

afterEach(() => useBacktest.setState({ savingReport: {}, reportProgress: {}, error: null }));

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

  it('saves the trades as a CSV file', async () => {
    const api = fakeApi({ 'backtest.report': () => Promise.resolve({ fileName: 'keel-bt-1-trades.csv', content: 'run,symbol\r\n' }) });
    const saved: [string, string, string][] = [];
    await saveReport(api, 'r5', 'csv', (...a) => saved.push(a));
    expect(api.calls.find((c) => c.name === 'backtest.report')?.request).toEqual({ runId: 'r5', format: 'csv' });
    expect(saved).toEqual([['keel-bt-1-trades.csv', 'run,symbol\r\n', 'text/csv']]);
  });

  it('counts the report\'s progress up while it is made, for the run being saved only, and forgets it when done', async () => {
    const answer = deferred<{ fileName: string; content: string }>();
    const api = fakeApi({ 'backtest.report': () => answer.promise });
    const stop = followBacktests(api);
    try {
      const saving = saveReport(api, 'r3', 'json', () => {});
      api.emit('backtest.reportProgress', { runId: 'r3', format: 'json', done: 65_536, total: 262_144 });
      // Another window saving another run's report: not this page's wait.
      api.emit('backtest.reportProgress', { runId: 'r4', format: 'html', done: 1, total: 2 });
      expect(useBacktest.getState().reportProgress).toEqual({ r3: 0.25 });
      api.emit('backtest.reportProgress', { runId: 'r3', format: 'json', done: 262_144, total: 262_144 });
      expect(useBacktest.getState().reportProgress).toEqual({ r3: 1 });
      answer.settle({ fileName: 'r3.json', content: '{}' });
      await saving;
      expect(useBacktest.getState().reportProgress).toEqual({});
      expect(useBacktest.getState().savingReport).toEqual({});
    } finally {
      stop();
    }
  });

  it('says why a report failed and lets the run be saved again', async () => {
    const api = fakeApi({ 'backtest.report': () => Promise.reject(new KeelError('conflict', 'backtest r2 is running; a report is made from a finished run')) });
    await saveReport(api, 'r2', 'json', () => {
      throw new Error('nothing to save');
    });
    expect(useBacktest.getState().error).toBe('backtest r2 is running; a report is made from a finished run');
    expect(useBacktest.getState().savingReport).toEqual({});
  });

  it('cancelled while it is made: nothing saved, no error, and the run can be saved again', async () => {
    const answer = deferred<{ fileName: string; content: string }>();
    const api = fakeApi({
      'backtest.report': () => answer.promise,
      'backtest.reportCancel': () => {
        // The engine stops the worker, and the report's call fails saying so.
        answer.settle(new KeelError('conflict', 'the HTML report was cancelled; nothing was saved'));
        return { cancelled: true };
      },
    });
    const saved: string[] = [];
    const saving = saveReport(api, 'r5', 'html', (name) => saved.push(name));
    await cancelReport(api, 'r5');
    await saving;
    expect(api.calls.filter((c) => c.name === 'backtest.reportCancel').map((c) => c.request)).toEqual([{ runId: 'r5' }]);
    expect(saved).toEqual([]);
    expect(useBacktest.getState().error).toBeNull();
    expect(useBacktest.getState().savingReport).toEqual({});
    // Nothing being saved: a cancel asks the engine nothing.
    await cancelReport(api, 'r5');
    expect(api.calls.filter((c) => c.name === 'backtest.reportCancel')).toHaveLength(1);
    // The engine had made the report before the cancel reached it (its answer on the way, the button still
    // saying "Saving…"): Cancel was clicked, so still no file and no error (one was saved, after the Cancel).
    const late = fakeApi({ 'backtest.report': () => Promise.resolve({ fileName: 'r5.json', content: '{}' }), 'backtest.reportCancel': () => ({ cancelled: false }) });
    const done = saveReport(late, 'r5', 'json', (name) => saved.push(name));
    await cancelReport(late, 'r5');
    await done;
    expect(saved).toEqual([]);
    expect(useBacktest.getState().error).toBeNull();
    expect(useBacktest.getState().savingReport).toEqual({});
    // Clicked once the file was handed over, Cancel is gone: the next report saves, and a later failure of the same run is shown again.
    await saveReport(late, 'r5', 'json', (name) => saved.push(name));
    await cancelReport(late, 'r5');
    expect(saved).toEqual(['r5.json']);
    await saveReport(fakeApi({ 'backtest.report': () => Promise.reject(new KeelError('internal', 'the report worker stopped (exit code 1)')) }), 'r5', 'json', () => {});
    expect(useBacktest.getState().error).toBe('the report worker stopped (exit code 1)');
  });
});
