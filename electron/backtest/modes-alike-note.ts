// keel backtest's note on risk modes that made the same run (shared/backtest/modes-alike.ts): the runs of
// a comparison grouped by everything but the mode (strategy, parameters, direction, market), and a note
// for each group where two or more modes came out the same because each took all of equity per entry.
// Runs whose entries carry a stop-loss are sized over it instead, and are left out.
import { alikeAtFullShare, alikeRowsNotes, type AlikeRow, type ModeRun } from '../../shared/backtest/modes-alike.ts';
import type { RiskMode } from '../../shared/risk/risk-limits.ts';
import type { Metrics } from './metrics.ts';

interface ModeRunOf {
  strategy: string;
  params: Record<string, number>;
  mode: string;
  direction: string;
  borrowRatePct: number;
  positionShare: number;
  metrics: Metrics;
  market?: string | undefined;
  exits: { stopLossPct: number | null; trailingStopPct?: number | null | undefined };
}

/** One note per set of modes that made the same run, naming the groups (strategies, markets) it holds for when the runs are of several. */
export function alikeModesNotes(runs: readonly ModeRunOf[]): string[] {
  const groups = new Map<string, ModeRun[]>();
  const names = new Map<string, string>();
  for (const r of runs) {
    // Entries with a stop of their own are sized over it, not over the default stop the note explains.
    if (r.exits.stopLossPct !== null || (r.exits.trailingStopPct ?? null) !== null) continue;
    const key = JSON.stringify([r.strategy, r.params, r.direction, r.borrowRatePct, r.market ?? '']);
    const list = groups.get(key) ?? [];
    list.push({ mode: r.mode as RiskMode, share: r.positionShare, figures: JSON.stringify(r.metrics) });
    groups.set(key, list);
    names.set(key, `${r.strategy}${Object.keys(r.params).length ? `(${Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(',')})` : ''}${r.market === undefined ? '' : ` on ${r.market}`}`);
  }
  const many = groups.size > 1;
  const alike: AlikeRow[] = [];
  for (const [key, list] of groups) {
    const modes = alikeAtFullShare(list);
    if (modes !== null) alike.push({ label: many ? names.get(key)! : null, modes });
  }
  return alikeRowsNotes(alike, '--stop-loss');
}
