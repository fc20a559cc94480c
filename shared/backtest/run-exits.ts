// Protective exits: a stop-loss (or a trailing stop) and a take-profit on every entry a strategy makes,
// set a percentage away from the price the entry fills at (keel backtest --stop-loss 2
// --take-profit 4, --trailing-stop 3, the app's exit boxes). The engine places them as the entry's
// bracket (a stop-market or trailing-stop order and a limit, one cancelling the other) once the entry
// fills, so they work along each bar's path (or the detail bars inside it) as they would at a venue. A
// strategy may also give its own per entry (ctx.buy(qty, { stopLoss })).
// CLI, engine and UI check them and name them through this file, so all three say the same.
import { decimalNumber } from '../domain/decimal-text.ts';
import type { Direction } from '../domain/direction.ts';
import { EXIT_LABELS, exitLabel } from './exit-label.ts';
import { tagsAreSides, type TradeSide } from './sides.ts';

/** Percent away from the entry's fill price: a stop below a long (above a short), a target above it (below). */
export interface RunExits {
  /** 0 < x < 100, or null for none. */
  stopLossPct: number | null;
  /** 0 < x ≤ TAKE_PROFIT_MAX, or null for none. */
  takeProfitPct: number | null;
  /**
   * A stop that follows the best price since the entry filled, this percent behind it (0 < x < 100), in
   * place of the fixed stop-loss; null or absent for none.
   */
  trailingStopPct?: number | null | undefined;
}

export const NO_EXITS: RunExits = Object.freeze({ stopLossPct: null, takeProfitPct: null, trailingStopPct: null });

/** Largest take-profit taken, percent: a target 10× the entry price is as far as anyone means. */
export const TAKE_PROFIT_MAX = 1000;

export const STOP_LOSS_VALID = 'the stop-loss is a percent below the entry, above 0 and below 100 (2 = 2%)';
export const TAKE_PROFIT_VALID = `the take-profit is a percent above the entry, above 0 and at most ${TAKE_PROFIT_MAX} (4 = 4%)`;
export const TRAILING_STOP_VALID = 'the trailing stop is a percent behind the best price since the entry, above 0 and below 100 (3 = 3%)';

/** What is wrong with the exits, or null when they can be used. */
export function exitsProblem(exits: RunExits): string | null {
  const { stopLossPct: sl, takeProfitPct: tp } = exits;
  const ts = exits.trailingStopPct ?? null;
  if (sl !== null && !(Number.isFinite(sl) && sl > 0 && sl < 100)) return `stop-loss ${sl}: ${STOP_LOSS_VALID}`;
  if (tp !== null && !(Number.isFinite(tp) && tp > 0 && tp <= TAKE_PROFIT_MAX)) return `take-profit ${tp}: ${TAKE_PROFIT_VALID}`;
  if (ts !== null && !(Number.isFinite(ts) && ts > 0 && ts < 100)) return `trailing stop ${ts}: ${TRAILING_STOP_VALID}`;
  if (sl !== null && ts !== null) return `give a stop-loss or a trailing stop, not both: the trailing stop is the entry's stop (got stop-loss ${sl} and trailing stop ${ts})`;
  return null;
}

/**
 * A take-profit of 100% or more where the strategy may short: a short gains at most 100% (the price at 0),
 * so the broker refuses such a target on every short's entry, and the run (or the strategy) would have no
 * short at all, saying so only in a note. `given` names the value as the trader gave it ("--take-profit 150",
 * "take-profit 150"); `sides` the choice that lets it short ("--direction both", "long and short").
 */
export function shortTargetProblem(takeProfitPct: number | null, direction: Direction, given: string, sides: string): string | null {
  if (takeProfitPct === null || takeProfitPct < 100 || direction === 'long') return null;
  return `${given}: a short's take-profit is a percent below its entry, so below 100 (a short gains 100% only at a price of 0), and ${sides} lets the strategy short; every short's entry would be refused${direction === 'both' ? ', and only the longs would trade' : ''}. Give one below 100`;
}

export function hasExits(exits: RunExits | undefined): boolean {
  return exits !== undefined && (exits.stopLossPct !== null || exits.takeProfitPct !== null || (exits.trailingStopPct ?? null) !== null);
}

/**
 * The exit prices for an entry at `price` (before rounding to the market's tick): a long's stop below
 * and target above, a short's the other way round. NaN where the exits give none.
 */
export function exitPrices(exits: RunExits, side: 'buy' | 'sell', price: number): { stopLoss: number; takeProfit: number } {
  const dir = side === 'buy' ? 1 : -1;
  return {
    stopLoss: exits.stopLossPct === null ? Number.NaN : price * (1 - (dir * exits.stopLossPct) / 100),
    takeProfit: exits.takeProfitPct === null ? Number.NaN : price * (1 + (dir * exits.takeProfitPct) / 100),
  };
}

/** "stop-loss 2% · take-profit 4%", or "" with none: what reports and run names add. */
export function exitsLabel(exits: RunExits | undefined): string {
  if (!exits) return '';
  const parts: string[] = [];
  if (exits.stopLossPct !== null) parts.push(`${EXIT_LABELS['stop-loss']} ${exits.stopLossPct}%`);
  if ((exits.trailingStopPct ?? null) !== null) parts.push(`${EXIT_LABELS['trailing-stop']} ${exits.trailingStopPct}%`);
  if (exits.takeProfitPct !== null) parts.push(`${EXIT_LABELS['take-profit']} ${exits.takeProfitPct}%`);
  return parts.join(' · ');
}

/**
 * Why a trade ended: the strategy's own order (its exit signal), the entry's stop-loss or take-profit, or
 * not at all (still open at the end of the data, valued at the last close).
 */
export const EXIT_REASONS = ['signal', 'stop-loss', 'trailing-stop', 'take-profit', 'open'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export interface ExitRow {
  reason: ExitReason;
  /**
   * The strategy's own exits (reason "signal") by the tag of the order that closed them: one row per tag
   * ("cross-down", "kill switch", "margin call"); absent on the untagged ones and on every other reason.
   */
  tag?: string;
  trades: number;
  /** Share of the reason's trades with a P&L above 0, percent. */
  winRatePct: number;
  pnl: number;
  avgPnl: number;
  /** Mean of the trades' returns, percent. */
  avgReturnPct: number;
}

/** Tagged exit rows a table shows at most: past them, the tags with the fewest trades share one row. */
export const MAX_EXIT_TAG_ROWS = 20;

type Ended = { exit?: ExitReason | undefined; exitTag?: string | undefined; closed: boolean; pnl: number; returnPct: number };

/**
 * The trades by why they ended, in EXIT_REASONS order, reasons with no trade left out; the strategy's own
 * exits split by their tag (most trades first, the untagged after). A trade without a reason (a run stored
 * before exits were recorded) counts as its strategy's when closed, open when not.
 */
export function exitBreakdown(trades: readonly Ended[]): ExitRow[] {
  const groups = new Map<string, Ended[]>();
  for (const t of trades) {
    const reason = t.exit ?? (t.closed ? 'signal' : 'open');
    // Tags and reasons never meet: a reason is a bare word, and a tagged group's key is "signal:" and the tag.
    const key = reason === 'signal' && t.exitTag !== undefined ? `signal:${t.exitTag}` : reason;
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  }
  const rows: ExitRow[] = [];
  for (const reason of EXIT_REASONS) {
    if (reason === 'signal') {
      const tagged = [...groups].filter(([k]) => k.startsWith('signal:')).sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b));
      const shown = tagged.length > MAX_EXIT_TAG_ROWS ? tagged.slice(0, MAX_EXIT_TAG_ROWS - 1) : tagged;
      for (const [key, list] of shown) rows.push(exitRow(reason, key.slice('signal:'.length), list));
      if (shown.length < tagged.length) rows.push(exitRow(reason, `(${tagged.length - shown.length} other tags)`, tagged.slice(shown.length).flatMap(([, list]) => list)));
    }
    const list = groups.get(reason);
    if (list) rows.push(exitRow(reason, undefined, list));
  }
  return rows;
}

function exitRow(reason: ExitReason, tag: string | undefined, list: readonly Ended[]): ExitRow {
  let wins = 0;
  let pnl = 0;
  let ret = 0;
  for (const t of list) {
    if (t.pnl > 0) wins++;
    pnl += t.pnl;
    ret += t.returnPct;
  }
  const n = list.length;
  const row: ExitRow = { reason, trades: n, winRatePct: (wins / n) * 100, pnl, avgPnl: pnl / n, avgReturnPct: ret / n };
  if (tag !== undefined) row.tag = tag;
  return row;
}

/**
 * Whether the strategy's own exits ended trades in more than one way: tagged differently ("cross down",
 * "kill switch"), or some tagged and some not. Then a table of how trades ended says something the
 * summary does not, even without protective exits.
 */
export function splitsSignalExits(trades: readonly Pick<Ended, 'exit' | 'exitTag' | 'closed'>[]): boolean {
  let first: string | null | undefined;
  for (const t of trades) {
    if ((t.exit ?? (t.closed ? 'signal' : 'open')) !== 'signal') continue;
    const tag = t.exitTag ?? null;
    if (first === undefined) first = tag;
    else if (tag !== first) return true;
  }
  return false;
}

/**
 * Whether the strategy's exits tell more than the summary and the Sides table do: split more than one way
 * (splitsSignalExits, or the engine's exit rows with more than one of the strategy's own), and not one tag
 * per side (each built-in with --direction both). Then an Exits table is worth showing without protective exits.
 */
export function exitTagsTell(trades: readonly (Pick<Ended, 'exit' | 'exitTag' | 'closed'> & { side?: TradeSide | undefined })[], rows?: readonly { reason: ExitReason }[]): boolean {
  const split = rows ? rows.filter((r) => r.reason === 'signal').length > 1 : splitsSignalExits(trades);
  return split && !tagsAreSides(trades, (t) => t.exitTag ?? null);
}

/** An exit row as a table cell: its tag for the strategy's tagged exits, else the reason in words (exit-label.ts). */
export const exitRowLabel = (r: { reason: ExitReason; tag?: string | undefined }): string => r.tag ?? exitLabel(r.reason);

/**
 * A form's exit box (the backtest page's, the strategy panel's): empty text is none (null); anything else
 * must be a percent the exit takes. A trailing "%" is read past, since the boxes are labelled in percent
 * and "2%" is what a trader writes. The problem names the box and what is valid.
 */
export function exitFromText(which: 'stop-loss' | 'take-profit' | 'trailing stop', text: string): { value: number | null; problem: string | null } {
  const t = text.trim().replace(/\s*%$/, '');
  if (t === '') return { value: null, problem: null };
  // Read as keel backtest reads --stop-loss: "0x2" is no 2%.
  const v = decimalNumber(t);
  const exits: RunExits = { ...NO_EXITS, [which === 'stop-loss' ? 'stopLossPct' : which === 'take-profit' ? 'takeProfitPct' : 'trailingStopPct']: v };
  const valid = which === 'stop-loss' ? STOP_LOSS_VALID : which === 'take-profit' ? TAKE_PROFIT_VALID : TRAILING_STOP_VALID;
  const problem = Number.isFinite(v) ? exitsProblem(exits) : `${which} ${text.trim()}: ${valid}`;
  return { value: problem === null ? v : null, problem };
}

/** "SL 2% TP 4%", "SL 2%", or "" with none: short enough for a table cell, a run's name or a legend. */
export function exitsShort(exits: RunExits | undefined): string {
  if (!exits) return '';
  const parts: string[] = [];
  if (exits.stopLossPct !== null) parts.push(`SL ${exits.stopLossPct}%`);
  if ((exits.trailingStopPct ?? null) !== null) parts.push(`TS ${exits.trailingStopPct}%`);
  if (exits.takeProfitPct !== null) parts.push(`TP ${exits.takeProfitPct}%`);
  return parts.join(' ');
}

/**
 * The exits as a search's parameters (keel backtest --grid stopLossPct=0:5:1, the Optimize form's exit
 * ranges): a set may carry them beside the strategy's own, and 0 then means none, so one search compares
 * no stop with stops. They are the run's, never the strategy's: splitExitParams takes them out.
 */
export const EXIT_PARAMS = {
  stopLossPct: { type: 'number', default: 0, min: 0, max: 99, step: 1, description: 'stop-loss, percent under the entry (0: none)' },
  takeProfitPct: { type: 'number', default: 0, min: 0, max: TAKE_PROFIT_MAX, step: 1, description: 'take-profit, percent over the entry (0: none)' },
  trailingStopPct: { type: 'number', default: 0, min: 0, max: 99, step: 1, description: 'trailing stop, percent behind the best price (0: none)' },
} as const;

export type ExitParamName = keyof typeof EXIT_PARAMS;

export function isExitParam(name: string): name is ExitParamName {
  return name === 'stopLossPct' || name === 'takeProfitPct' || name === 'trailingStopPct';
}

/**
 * A set's strategy parameters apart from its exits: the exit names it carries replace `base`'s (0: none).
 * A set without them is handed back as it is, with `base`.
 */
export function splitExitParams(params: Readonly<Record<string, number>>, base: RunExits | undefined): { params: Record<string, number>; exits: RunExits | undefined } {
  if (!('stopLossPct' in params) && !('takeProfitPct' in params) && !('trailingStopPct' in params)) return { params: params as Record<string, number>, exits: base };
  const { stopLossPct: sl, takeProfitPct: tp, trailingStopPct: ts, ...own } = params;
  const exits: RunExits = { ...(base ?? NO_EXITS) };
  if (sl !== undefined) exits.stopLossPct = sl > 0 ? sl : null;
  if (tp !== undefined) exits.takeProfitPct = tp > 0 ? tp : null;
  if (ts !== undefined) exits.trailingStopPct = ts > 0 ? ts : null;
  // A set that trails replaces a fixed stop it did not name, and the other way round: the two are one stop.
  if (ts !== undefined && ts > 0 && sl === undefined) exits.stopLossPct = null;
  if (sl !== undefined && sl > 0 && ts === undefined) exits.trailingStopPct = null;
  return { params: own, exits };
}
