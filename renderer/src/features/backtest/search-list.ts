// The list of the session's parameter searches: kept newest first as the engine's list and its events
// arrive (in either order), and how each is described in one row of the table that compares them.
import { formatCount } from '../../lib/format.ts';
import { closedByKeel } from '../../../../shared/backtest/keel-closed.ts';
import { statusWords, withCloseReason } from './run-status.ts';
import type { SearchSummary } from './search-form.ts';

const idNumber = (runId: string) => Number(runId.slice(4));

/** How far a search has got: queued, then running, then ended (however it ended). */
const stage = (s: SearchSummary) => (s.status === 'queued' ? 0 : s.status === 'running' ? 1 : 2);

/** Whether `a` is no older news than `b` about the same search: ended beats running beats queued, more progress beats less. */
function atLeastAsFar(a: SearchSummary, b: SearchSummary): boolean {
  if (stage(a) !== stage(b)) return stage(a) > stage(b);
  return stage(a) === 2 || a.progress >= b.progress;
}

/** Adds or updates one search, newest first; a stale report (a list fetched before an event) does not undo a newer one. */
export function upsertSearch(list: readonly SearchSummary[], summary: SearchSummary): SearchSummary[] {
  const mine = list.find((s) => s.runId === summary.runId);
  if (mine && !atLeastAsFar(summary, mine)) return [...list];
  return [summary, ...list.filter((s) => s.runId !== summary.runId)].sort((a, b) => idNumber(b.runId) - idNumber(a.runId));
}

/** The engine's list (which drops searches past its limit) merged with what events already told the page. */
export function mergeSearches(mine: readonly SearchSummary[], engine: readonly SearchSummary[]): SearchSummary[] {
  const kept = new Set(engine.map((s) => s.runId));
  return engine.reduce(upsertSearch, mine.filter((s) => kept.has(s.runId)));
}

/** "grid · 9 sets", "random · 100 sets", "walk-forward · 4 folds, grid" ("4 anchored folds"): what kind of search it was. */
export function searchKind(s: SearchSummary): string {
  const r = s.request;
  if (r.walkForward) return `walk-forward · ${r.walkForward.folds} ${r.walkForward.anchored ? 'anchored ' : ''}folds, ${r.method}`;
  if (r.method === 'random') return `random · ${formatCount(r.trials)} set${r.trials === 1 ? '' : 's'}`;
  return `grid · ${r.ranges}`;
}


/**
 * What a search cancelled partway kept, in words: "cancelled after 460 of 1,000 sets: ranked over those only"
 * ("cancelled after 3 of 10 folds: …" for a walk-forward); null for any other search.
 */
export function partialText(s: Pick<SearchSummary, 'partial'>): string | null {
  const ran = partialRan(s);
  if (ran === null) return null;
  return `${ran}: ${s.partial!.unit === 'sets' ? 'ranked over those only' : 'summed up over those only'}`;
}

/** "cancelled after 460 of 1,000 sets", the list's word for it; null for a search not cancelled partway. */
function partialRan(s: Pick<SearchSummary, 'partial'>): string | null {
  const p = s.partial;
  return p ? `cancelled after ${formatCount(p.done)} of ${formatCount(p.planned)} ${p.unit}` : null;
}

/**
 * How an outcome reads: in red (`fail`: the search failed, as a failed run's reason is red in the runs table),
 * amber (`warn`: warnings, a ranking over part of the sets), muted (Keel closing cancelled it: nobody's doing), or plain.
 */
export type OutcomeTone = 'plain' | 'warn' | 'fail' | 'muted';

/** The class the searches list gives an outcome of that tone: the app's down red, the page's amber, its muted grey. */
export function outcomeClass(tone: OutcomeTone): string {
  return { plain: '', warn: 'bt-warn-text', fail: 'tick-down', muted: 'muted' }[tone];
}

/**
 * How the search ended, in a word or two: queued, running 40%, 2 warnings, held out of sample, failed,
 * cancelled after 460 of 1,000 sets; one cancelled with none kept says how far it got as a run does
 * ("cancelled at 43%", run-status.ts), and either says ": Keel closed" when Keel's closing cancelled it.
 */
export function searchOutcome(s: SearchSummary): { text: string; tone: OutcomeTone } {
  if (s.status === 'running') return { text: `running ${Math.round(s.progress * 100)}%`, tone: 'plain' };
  if (s.status === 'queued') return { text: 'queued, after the search running now', tone: 'plain' };
  const partial = partialRan(s);
  // Amber for what it kept: a ranking over part of the sets reads with care, whoever cancelled it.
  if (partial !== null) return { text: withCloseReason(partial, s), tone: 'warn' };
  // Keel closing it is neither the trader's doing nor a fault: muted, not red as a failure is.
  if (s.status === 'cancelled') return { text: statusWords(s), tone: closedByKeel(s.error) ? 'muted' : 'plain' };
  if (s.status !== 'done') return { text: statusWords(s), tone: s.status === 'failed' ? 'fail' : 'plain' };
  const n = s.headline?.warnings ?? 0;
  if (n > 0) return { text: n === 1 ? '1 warning' : `${n} warnings`, tone: 'warn' };
  return { text: 'held out of sample', tone: 'plain' };
}
