// The list of the session's searches on the backtest page: newest first, a late or stale report never
// undoes a newer one, searches the engine no longer keeps drop out, and each row says what kind of search
// it was and how it ended.
import { describe, expect, it } from 'vitest';
import { OptimizeRequestSchema } from '../../../shared/contract/commands/backtest.ts';
import type { SearchSummary } from '../../../renderer/src/features/backtest/search-form.ts';
import { scoreText } from '../../../shared/backtest/figure-text.ts';
import { mergeSearches, outcomeClass, partialText, searchKind, searchOutcome, upsertSearch } from '../../../renderer/src/features/backtest/search-list.ts';

const request = OptimizeRequestSchema.parse({ strategy: 'sma-cross', params: {}, series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' }, ranges: 'fast=5:15:5,slow=20:40:10' });
const headline = { params: { fast: 10, slow: 30 }, inSampleScore: 1.25, outOfSampleScore: 0.4, outOfSampleReturnPct: 3.5, warnings: 0 };

function search(n: number, over: Partial<SearchSummary> = {}): SearchSummary {
  return { runId: `opt-${n}`, status: 'done', request, startedAt: 1_700_000_000_000 + n, progress: 1, error: null, headline, partial: null, ...over };
}

describe('the list of searches', () => {
  it('keeps the newest first, by number (opt-10 after opt-9)', () => {
    let list: SearchSummary[] = [];
    for (const n of [9, 10, 2]) list = upsertSearch(list, search(n));
    expect(list.map((s) => s.runId)).toEqual(['opt-10', 'opt-9', 'opt-2']);
  });

  it('updates a search in place, but a stale report (running, or less progress) does not undo a newer one', () => {
    const running = search(1, { status: 'running', progress: 0.5, headline: null });
    let list = upsertSearch([], running);
    list = upsertSearch(list, { ...running, progress: 0.2 });
    expect(list[0]!.progress).toBe(0.5);
    list = upsertSearch(list, search(1));
    expect(list[0]).toMatchObject({ status: 'done', headline });
    list = upsertSearch(list, running);
    expect(list).toHaveLength(1);
    expect(list[0]!.status).toBe('done');
  });

  it('a queued search moves on to running and then ended, never back to queued', () => {
    const queued = search(4, { status: 'queued', progress: 0, headline: null });
    let list = upsertSearch([], queued);
    expect(searchOutcome(list[0]!)).toEqual({ text: 'queued, after the search running now', tone: 'plain' });
    list = upsertSearch(list, { ...queued, status: 'running', progress: 0.1 });
    expect(list[0]!.status).toBe('running');
    list = upsertSearch(list, queued);
    expect(list[0]).toMatchObject({ status: 'running', progress: 0.1 });
    list = upsertSearch(list, search(4, { status: 'cancelled', headline: null }));
    list = upsertSearch(list, queued);
    expect(list[0]!.status).toBe('cancelled');
  });

  it("merges the engine's list: searches it dropped go, events it has not seen yet stay", () => {
    const mine = [search(3, { status: 'done' }), search(2), search(1)];
    const engine = [search(3, { status: 'running', progress: 0.9, headline: null }), search(2)];
    const merged = mergeSearches(mine, engine);
    expect(merged.map((s) => [s.runId, s.status])).toEqual([
      ['opt-3', 'done'],
      ['opt-2', 'done'],
    ]);
  });

  it('says what kind of search each was', () => {
    expect(searchKind(search(1))).toBe('grid · fast=5:15:5,slow=20:40:10');
    expect(searchKind(search(1, { request: { ...request, method: 'random', trials: 1500 } }))).toBe('random · 1,500 sets');
    expect(searchKind(search(1, { request: { ...request, walkForward: { folds: 4, isRatio: 3, anchored: false } } }))).toBe('walk-forward · 4 folds, grid');
    expect(searchKind(search(1, { request: { ...request, walkForward: { folds: 4, isRatio: 3, anchored: true } } }))).toBe('walk-forward · 4 anchored folds, grid');
  });

  it('says how each ended, warnings in amber, a failure in red, a search Keel\'s closing cancelled muted', () => {
    expect(searchOutcome(search(1, { status: 'running', progress: 0.42, headline: null }))).toEqual({ text: 'running 42%', tone: 'plain' });
    expect(searchOutcome(search(1))).toEqual({ text: 'held out of sample', tone: 'plain' });
    expect(searchOutcome(search(1, { headline: { ...headline, warnings: 1 } }))).toEqual({ text: '1 warning', tone: 'warn' });
    expect(searchOutcome(search(1, { headline: { ...headline, warnings: 3 } }))).toEqual({ text: '3 warnings', tone: 'warn' });
    // A failure reads red, as a failed run's reason does in the runs table; amber is for what ran with a caveat.
    expect(searchOutcome(search(1, { status: 'failed', headline: null, error: 'worker died' }))).toEqual({ text: 'failed', tone: 'fail' });
    expect(outcomeClass('fail')).toBe('tick-down');
    expect(outcomeClass('warn')).toBe('bt-warn-text');
    expect(outcomeClass('muted')).toBe('muted');
    expect(outcomeClass('plain')).toBe('');
    expect(searchOutcome(search(1, { status: 'cancelled', headline: null }))).toEqual({ text: 'cancelled', tone: 'plain' });
    // Cancelled partway with nothing kept (Keel closed on it, or a fold not yet done): how far it got, as a run says it.
    expect(searchOutcome(search(1, { status: 'cancelled', headline: null, progress: 0.43 }))).toEqual({ text: 'cancelled at 43%', tone: 'plain' });
    // Keel closing cancelled it: said in the row (after a restart the tooltip was the only place it was), muted, not
    // amber as a failure: it is no one's fault. Amber still for a ranking over part of the sets, whoever cancelled it.
    expect(searchOutcome(search(1, { status: 'cancelled', headline: null, progress: 0.43, error: 'Keel was closed while this optimization ran' }))).toEqual({ text: 'cancelled at 43%: Keel closed', tone: 'muted' });
    expect(searchOutcome(search(1, { status: 'cancelled', headline: null, progress: 0, error: 'Keel was closed before this optimization started' }))).toEqual({ text: 'cancelled: Keel closed', tone: 'muted' });
    expect(searchOutcome(search(1, { status: 'cancelled', progress: 0.46, error: 'Keel was closed while this optimization ran', partial: { done: 460, planned: 1000, unit: 'sets' } }))).toEqual({ text: 'cancelled after 460 of 1,000 sets: Keel closed', tone: 'warn' });
    // Cancelled partway: what ran is kept, and the row says how much of the search that was; the shown search's line says what it is over.
    expect(searchOutcome(search(1, { status: 'cancelled', partial: { done: 460, planned: 1000, unit: 'sets' } }))).toEqual({ text: 'cancelled after 460 of 1,000 sets', tone: 'warn' });
    expect(searchOutcome(search(1, { status: 'cancelled', partial: { done: 3, planned: 10, unit: 'folds' } }))).toEqual({ text: 'cancelled after 3 of 10 folds', tone: 'warn' });
    expect(partialText({ partial: { done: 460, planned: 1000, unit: 'sets' } })).toBe('cancelled after 460 of 1,000 sets: ranked over those only');
    expect(partialText({ partial: { done: 3, planned: 10, unit: 'folds' } })).toBe('cancelled after 3 of 10 folds: summed up over those only');
    expect(partialText({ partial: null })).toBeNull();
    expect(scoreText(null)).toBe('–');
    // Two decimals, as keel backtest --optimize prints a score (backtest-figure-text.test.ts).
    expect(scoreText(1.23456)).toBe('1.23');
  });
});
