// Why two risk modes can make the very same run. A mode sizes an entry without its own stop at its risk
// per trade over the stop such an entry is counted at (2% by default): moderate 2% / 2% = 100% of
// equity, aggressive 3% / 2% = 150%; a spot account (and a short's 1× collateral) holds no more than
// its cash, so both take all of it and their runs come out the same. A comparison by mode that shows two
// equal columns without saying so reads as a fault; `keel backtest` and the app's comparison say why,
// and what sets the modes apart (a stop-loss wider than the default stop).
import { DEFAULT_LIMITS, MODE_FIGURES, type RiskMode } from '../risk/risk-limits.ts';

/** One run of a comparison row (the same strategy, parameters, direction and market in each mode). */
export interface ModeRun {
  mode: RiskMode;
  /** The share of equity an entry may take in it (0..1). */
  share: number;
  /** Its figures, written so that two equal runs give equal strings (the metrics as JSON). */
  figures: string;
}

/**
 * The share of equity an entry without its own stop takes in `mode` at the account's default limits (an
 * app backtest's: custom keeps the defaults' risk per trade).
 */
export function entryShareAtDefaults(mode: RiskMode): number {
  const risk = mode === 'custom' ? DEFAULT_LIMITS.riskPerTradePct : MODE_FIGURES[mode].riskPerTradePct;
  return Math.min(1, risk / (DEFAULT_LIMITS.defaultStopPct ?? 2));
}

/** The modes of one row that took the whole of equity per entry and came out the same, in the row's order (two or more), or null. */
export function alikeAtFullShare(runs: readonly ModeRun[]): RiskMode[] | null {
  const full = runs.filter((r) => r.share >= 1);
  for (const r of full) {
    const same = full.filter((x) => x.figures === r.figures).map((x) => x.mode);
    if (same.length >= 2) return same;
  }
  return null;
}

const list = (xs: readonly string[]) => (xs.length <= 2 ? xs.join(' and ') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/**
 * Why `modes` made the same run, and what would part them: `stopLoss` names how the reader sets a stop
 * ("--stop-loss" on the command line, "an SL %" in the app), shown with twice the default stop.
 */
export function alikeModesNote(modes: readonly RiskMode[], stopLoss: string): string {
  const stop = DEFAULT_LIMITS.defaultStopPct ?? 2;
  const presets = modes.filter((m): m is Exclude<RiskMode, 'custom'> => m !== 'custom');
  const all = presets.length === modes.length;
  const why = all ? ` (${list(presets.map((m) => `${MODE_FIGURES[m].riskPerTradePct}% / ${stop}%`))})` : '';
  const apart = all ? `: ${stopLoss} ${2 * stop} sizes them at ${list(presets.map((m) => `${pct((MODE_FIGURES[m].riskPerTradePct / (2 * stop)) * 100)}%`))} of equity` : ` (${stopLoss})`;
  return `${list(modes)} made the same run: each sizes an entry at its risk per trade over the ${stop}% stop an entry without its own is counted at${why}, and the account holds no more than its cash, so each took all of it. A stop-loss wider than ${stop}% sizes them apart${apart}`;
}

const pct = (v: number) => String(Math.round(v * 10) / 10);

/** A row of a comparison (a strategy with its parameters, on a market) whose modes came out the same; `label` null for a comparison of one row. */
export interface AlikeRow {
  label: string | null;
  modes: readonly RiskMode[];
}

/**
 * One note per set of modes alike: rows whose same modes made the same run are named together before a
 * single note ("sma-cross …, ema-cross … and donchian-breakout …: moderate and aggressive made the same
 * run: …"), where three strategies run in both modes printed the same sentence three times.
 */
export function alikeRowsNotes(rows: readonly AlikeRow[], stopLoss: string): string[] {
  const bySet = new Map<string, { modes: readonly RiskMode[]; labels: string[] }>();
  for (const row of rows) {
    const key = row.modes.join(',');
    const group = bySet.get(key) ?? { modes: row.modes, labels: [] };
    if (row.label !== null) group.labels.push(row.label);
    bySet.set(key, group);
  }
  return [...bySet.values()].map((g) => `${g.labels.length === 0 ? '' : `${list(g.labels)}: `}${alikeModesNote(g.modes, stopLoss)}`);
}
