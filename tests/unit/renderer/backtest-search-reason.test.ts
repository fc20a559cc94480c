// Why a search with no result ended, under its heading on the Optimization tab: a failure's reason in red; the
// reason of one Keel's closing cancelled muted, as the page's other neutral words are (it is neither the
// trader's doing nor a fault, and in red it read as one).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { OptimizeRequestSchema } from '../../../shared/contract/commands/backtest.ts';
import { SearchPending } from '../../../renderer/src/features/backtest/SearchResults.tsx';
import type { SearchState } from '../../../renderer/src/features/backtest/search-form.ts';

const request = OptimizeRequestSchema.parse({ strategy: 'sma-cross', params: {}, series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' }, ranges: 'fast=5:15:5,slow=20:40:10' });
const search = (over: Partial<SearchState>): SearchState => ({ runId: 'opt-3', status: 'cancelled', progress: 0.43, error: null, request, partial: null, ...over });

/** The reason's paragraph as rendered: its class and its words (null when there is none). */
function reason(s: SearchState): { className: string; text: string } | null {
  const html = renderToStaticMarkup(createElement(SearchPending, { search: s }));
  const m = /<p class="([^"]*)" data-testid="bt-search-reason"[^>]*>([^<]*)<\/p>/.exec(html);
  return m ? { className: m[1]!, text: m[2]! } : null;
}

describe("a search's reason for ending", () => {
  it('is muted, not red, when Keel closing cancelled it', () => {
    const closed = reason(search({ error: 'Keel was closed while this optimization ran' }));
    expect(closed).toEqual({ className: 'bt-hint', text: 'Keel was closed while this optimization ran' });
    expect(reason(search({ progress: 0, error: 'Keel was closed before this optimization started' }))?.className).toBe('bt-hint');
    // And the heading still says how far it got, and why.
    expect(renderToStaticMarkup(createElement(SearchPending, { search: search({ error: 'Keel was closed while this optimization ran' }) }))).toContain('cancelled at 43%: Keel closed');
  });

  it('stays red for a failure, and for a cancel that had to stop a stuck worker', () => {
    expect(reason(search({ status: 'failed', error: 'the optimization worker stopped (exit code 1)' }))).toEqual({ className: 'bt-error', text: 'the optimization worker stopped (exit code 1)' });
    expect(reason(search({ error: 'it did not stop within 3 s of the cancel (a strategy stuck in a loop?), so its worker was stopped' }))?.className).toBe('bt-error');
  });

  it('is absent when there is none', () => {
    expect(reason(search({ status: 'running', progress: 0.2 }))).toBeNull();
  });
});
