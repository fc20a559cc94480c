// "Close positions at a loss limit" in the backtest form: ticked, a daily-loss or drawdown breach closes
// every open position (keel backtest --limits closeOnLossLimit=true). What a trader sees of it: the box in
// the form and the run it asks for, the run's name in the table, the comparisons that keep such runs apart
// from the others, and the run page's hint when a drawdown ran far past the 20% limit with it unticked.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../../renderer/src/api/api-context.tsx';
import type { RunResult, RunSummary } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { groupKey } from '../../../renderer/src/features/backtest/compare-matrix.ts';
import { drawdownLine } from '../../../renderer/src/features/backtest/drawdown-view.ts';
import { marketGroupKey } from '../../../renderer/src/features/backtest/market-matrix.ts';
import { nameCell } from '../../../renderer/src/features/backtest/run-name-cell.ts';
import { NotesList } from '../../../renderer/src/features/backtest/RunDetails.tsx';
import { RunForm } from '../../../renderer/src/features/backtest/RunForm.tsx';
import { defaultDraft, runLabel, toRequest, toRunRequests } from '../../../renderer/src/features/backtest/run-form.ts';
import { fakeApi } from './fake-api.ts';
import { strategySpec } from './strategy-spec.ts';

const SMA = strategySpec('sma-cross', [['fast', 10], ['slow', 30]]);
const RSI = strategySpec('rsi-reversion', [['period', 14]]);
const SERIES = 'local:BTC/USDT:1h';

function summary(over: Partial<RunSummary['request']> = {}, metrics: RunSummary['metrics'] = { totalReturnPct: 5, maxDrawdownPct: 61.48 }): RunSummary {
  return {
    runId: 'bt-1',
    status: 'done',
    request: { strategy: 'sma-cross', params: { fast: 10, slow: 30 }, series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' }, mode: 'moderate', capital: 10_000, feePct: 0.1, slippageBps: 0, detail: null, stopLossPct: null, takeProfitPct: null, trailingStopPct: null, direction: 'long', borrowRatePct: 0, rearmAfterDays: null, closeOnLossLimit: false, monteCarlo: 0, seed: 1, portfolio: [], weights: [], ...over },
    startedAt: 0,
    progress: 1,
    metrics,
    error: null,
  };
}

const result = (s: RunSummary): RunResult => ({ ...s, fills: [], equity: [], drawdown: [], price: [], trades: [], tradeCount: 0, notes: ['kill switch pulled: drawdown 20% reached'], halts: [], monteCarlo: null, markets: [], basket: [] });

describe('the backtest form', () => {
  it('asks for a run that closes its positions at a loss limit only when the box is ticked, the default being unticked', () => {
    const draft = defaultDraft(SMA, SERIES);
    expect(draft.closeOnLossLimit).toBe(false);
    expect(toRequest(draft, [SMA]).closeOnLossLimit).not.toBe(true);
    expect(toRequest({ ...draft, closeOnLossLimit: true }, [SMA])).toMatchObject({ closeOnLossLimit: true });
  });

  it('carries the tick to every run it starts (the other strategies, modes and markets ticked to compare)', () => {
    const draft = { ...defaultDraft(SMA, SERIES), closeOnLossLimit: true, compareStrategies: ['rsi-reversion'], compareModes: ['aggressive' as const], compareSeries: ['local:ETH/USDT:1h'] };
    const runs = toRunRequests(draft, [SMA, RSI], [SERIES, 'local:ETH/USDT:1h']);
    expect(runs).toHaveLength(8);
    expect(runs.map((r) => r.closeOnLossLimit)).toEqual(Array(8).fill(true));
    expect(toRunRequests({ ...draft, closeOnLossLimit: false }, [SMA, RSI], [SERIES, 'local:ETH/USDT:1h']).some((r) => r.closeOnLossLimit === true)).toBe(false);
  });

  it('shows the box unticked beside the re-arm field, saying what it does', () => {
    // Rendered on the server, the store is read as it starts (zustand's server snapshot): a new form.
    const html = renderToStaticMarkup(createElement(ApiProvider, { api: fakeApi({}), children: createElement(RunForm) }));
    const box = /<label[^>]*title="([^"]*)"[^>]*><span>([^<]*)<\/span><input([^>]*data-testid="bt-close-on-loss"[^>]*)>/.exec(html);
    expect(box?.[2]).toBe('Close positions at a loss limit');
    expect(box?.[3]).toContain('type="checkbox"');
    expect(box?.[3]).not.toContain('checked');
    expect(box?.[1]).toContain('A daily-loss or drawdown breach closes every open position at the breach, instead of leaving them to their stops');
    expect(box?.[1]).toContain('keel backtest --limits closeOnLossLimit=true');
    // Right after the re-arm field, no other field between them.
    expect(html.indexOf('bt-close-on-loss')).toBeGreaterThan(html.indexOf('bt-rearm'));
    expect(html.slice(html.indexOf('data-testid="bt-rearm"') + 1, html.indexOf('data-testid="bt-close-on-loss"'))).not.toContain('data-testid=');
  });
});

describe('runs that close positions at a loss limit', () => {
  it('are named so in the runs table, and not otherwise', () => {
    expect(runLabel(summary({ closeOnLossLimit: true, rearmAfterDays: 7 }))).toBe('sma-cross fast=10 slow=30 · moderate · re-arm 7d · closes at loss limit');
    expect(nameCell(summary({ closeOnLossLimit: true })).terms).toBe('moderate · closes at loss limit');
    expect(runLabel(summary())).toBe('sma-cross fast=10 slow=30 · moderate');
  });

  it('are compared only with runs that did the same: by strategy and mode, and across markets', () => {
    const open = summary();
    const closing = summary({ closeOnLossLimit: true });
    expect(groupKey(closing)).not.toBe(groupKey(open));
    expect(marketGroupKey(closing)).not.toBe(marketGroupKey(open));
    expect(groupKey(summary({ closeOnLossLimit: true }))).toBe(groupKey(closing));
  });
});

describe("the run page's hint when the drawdown ran far past its limit", () => {
  it('says how far, why, and which box closes the positions at the breach', () => {
    expect(drawdownLine(summary())).toBe(
      'The drawdown reached 61.48%, past the 20% limit: a breach blocks new entries and leaves an open position to its stop and the strategy\'s exit. Tick "Close positions at a loss limit" in the form to close them at the breach.',
    );
  });

  it('says nothing of a run that closed them, one within a quarter of the limit past it, or one still running', () => {
    expect(drawdownLine(summary({ closeOnLossLimit: true }))).toBeNull();
    expect(drawdownLine(summary({}, { maxDrawdownPct: 22 }))).toBeNull();
    expect(drawdownLine(summary({}, null))).toBeNull();
  });

  it('shows under the run\'s notes', () => {
    const notes = (s: RunSummary) => renderToStaticMarkup(createElement(NotesList, { run: result(s) }));
    expect(notes(summary())).toMatch(/<p class="bt-hint" data-testid="bt-drawdown-hint">The drawdown reached 61\.48%, past the 20% limit: .* Tick &quot;Close positions at a loss limit&quot; in the form to close them at the breach\.<\/p>/);
    expect(notes(summary({ closeOnLossLimit: true }))).not.toContain('bt-drawdown-hint');
  });
});
