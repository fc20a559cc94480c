// The start form's draft and how it becomes a strategy.start request: every parameter checked against
// the strategy's declared range (the engine checks again, and relations such as fast < slow are its to
// judge), the series the chart's market unless another symbol or timeframe of the active source is chosen,
// and the sides it may take (long only unless short or both is chosen: those need a margin account, which
// the engine checks).
import type { CommandRequest, CommandResponse } from '../../../../shared/contract/index.ts';
import { exitFromText, exitsProblem, shortTargetProblem } from '../../../../shared/backtest/run-exits.ts';
import { DIRECTION_LABELS, DIRECTION_TAGS, DIRECTIONS, type Direction } from '../../../../shared/domain/direction.ts';
import type { Timeframe } from '../../../../shared/domain/timeframe.ts';

export type StrategyInfo = CommandResponse<'strategy.catalog'>['strategies'][number];
export type StrategyProblem = CommandResponse<'strategy.catalog'>['problems'][number];
export type StartRequest = CommandRequest<'strategy.start'>;

export interface StrategyDraft {
  strategy: string;
  /** Parameter text per name, as typed. */
  params: Record<string, string>;
  /** '' = the chart's market's symbol / timeframe. */
  symbol: string;
  timeframe: string;
  /** Protective exits' percent, as typed; '' = none. A trailing stop takes the stop-loss's place. */
  stopLoss: string;
  takeProfit: string;
  trailingStop: string;
  /** The sides it may take: long only (the default), short only or both; short and both need a margin account. */
  direction: Direction;
}

export function defaultStrategyDraft(strategy: StrategyInfo | undefined): StrategyDraft {
  return { strategy: strategy?.name ?? '', params: Object.fromEntries((strategy?.params ?? []).map((p) => [p.name, String(p.default)])), symbol: '', timeframe: '', stopLoss: '', takeProfit: '', trailingStop: '', direction: 'long' };
}

/**
 * The draft against a catalog read again (a file of the trader's own edited or deleted since): its strategy,
 * exits and direction kept while the strategy is still there, with a value typed for each parameter it has
 * now (its default for a new one; one it no longer has dropped), else the first strategy's defaults.
 */
export function draftForCatalog(draft: StrategyDraft, catalog: readonly StrategyInfo[]): StrategyDraft {
  const s = catalog.find((x) => x.name === draft.strategy);
  const keep = { symbol: draft.symbol, timeframe: draft.timeframe, stopLoss: draft.stopLoss, takeProfit: draft.takeProfit, trailingStop: draft.trailingStop, direction: draft.direction };
  if (!s) return draft.strategy === '' ? defaultStrategyDraft(catalog[0]) : { ...defaultStrategyDraft(catalog[0]), ...keep };
  return { ...keep, strategy: s.name, params: Object.fromEntries(s.params.map((p) => [p.name, draft.params[p.name] ?? String(p.default)])) };
}

/** The Direction select's choices, in DIRECTIONS order: "Long only", "Short only", "Long and short". */
export const DIRECTION_CHOICES: readonly { value: Direction; label: string }[] = DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d].charAt(0).toUpperCase() + DIRECTION_LABELS[d].slice(1) }));

/** What the Direction select says in its title. */
export const DIRECTION_HINT = 'Which sides it may take. Short only and long and short sell shorts with 1× collateral, so they need a margin account (the paper account is switched to Margin in the Positions tab); a spot account trades long only';

/** A running strategy's direction as its row shows it: "short", "long+short", or "" for long only. */
export const directionTag = (direction: Direction): string => DIRECTION_TAGS[direction];

/** What a finished backtest ran, as far as the start form takes it. */
export interface BacktestedRun {
  strategy: string;
  params: Record<string, number>;
  series: { symbol: string; timeframe: string };
  stopLossPct?: number | null | undefined;
  takeProfitPct?: number | null | undefined;
  trailingStopPct?: number | null | undefined;
  /** The sides it traded; absent: long. */
  direction?: Direction | undefined;
}

/**
 * The start form filled with a backtest's run: its strategy and parameters (the strategy's defaults for any
 * the run did not set), its market and timeframe (left on "chart" when they are the chart's), its exits and
 * the sides it traded.
 */
export function draftFromRun(run: BacktestedRun, strategy: StrategyInfo | undefined, chart: { symbol: string | null; timeframe: string | null }): StrategyDraft {
  const base = defaultStrategyDraft(strategy);
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    strategy: run.strategy,
    params: { ...base.params, ...Object.fromEntries(Object.entries(run.params).map(([k, v]) => [k, String(v)])) },
    symbol: run.series.symbol === chart.symbol ? '' : run.series.symbol,
    timeframe: run.series.timeframe === chart.timeframe ? '' : run.series.timeframe,
    stopLoss: pct(run.stopLossPct),
    takeProfit: pct(run.takeProfitPct),
    trailingStop: pct(run.trailingStopPct),
    direction: run.direction ?? 'long',
  };
}

/** The problem with one parameter's text, or null: what is valid, in words. */
export function paramTextProblem(p: StrategyInfo['params'][number], text: string): string | null {
  const t = text.trim();
  const v = Number(t);
  const valid = `${p.name}: ${p.type === 'int' ? 'a whole number' : 'a number'} from ${p.min} to ${p.max}`;
  // What is valid, then what the box holds: the same words for an empty box, text, 2.5 and 9000 left the
  // trader guessing which was wrong.
  if (t === '') return `${valid}; the box is empty`;
  if (!Number.isFinite(v)) {
    const comma = /^[+-]?\d+,\d+$/.test(t) ? ` (decimals take a point: ${t.replace(',', '.')})` : '';
    return `${valid}, not ${JSON.stringify(t)}${comma}`;
  }
  if ((p.type === 'int' && !Number.isInteger(v)) || v < p.min || v > p.max) return `${valid}, not ${t}`;
  return null;
}

/**
 * The request for a draft, or an Error saying what to fix. `chart` is the chart's market, which fills a
 * symbol or timeframe left on "chart".
 */
export function toStartRequest(draft: StrategyDraft, catalog: readonly StrategyInfo[], chart: { symbol: string | null; timeframe: Timeframe | null }): StartRequest {
  const s = catalog.find((x) => x.name === draft.strategy);
  if (!s) throw new Error(`choose a strategy (${catalog.map((x) => x.name).join(', ')})`);
  const params: Record<string, number> = {};
  for (const p of s.params) {
    const text = draft.params[p.name] ?? String(p.default);
    const problem = paramTextProblem(p, text);
    if (problem) throw new Error(problem);
    params[p.name] = Number(text.trim());
  }
  const stop = exitFromText('stop-loss', draft.stopLoss ?? '');
  const take = exitFromText('take-profit', draft.takeProfit ?? '');
  const trail = exitFromText('trailing stop', draft.trailingStop ?? '');
  const direction = draft.direction ?? 'long';
  const both = exitsProblem({ stopLossPct: stop.value, takeProfitPct: take.value, trailingStopPct: trail.value }) ?? shortTargetProblem(take.value, direction, `take-profit ${take.value}`, DIRECTION_LABELS[direction]);
  const problem = stop.problem ?? trail.problem ?? take.problem ?? both;
  if (problem) throw new Error(problem);
  const request: StartRequest = { strategy: s.name, params };
  if (stop.value !== null) request.stopLossPct = stop.value;
  if (trail.value !== null) request.trailingStopPct = trail.value;
  if (take.value !== null) request.takeProfitPct = take.value;
  // Long is the engine's default: a long-only request reads as before.
  if (draft.direction !== undefined && draft.direction !== 'long') request.direction = draft.direction;
  if (draft.symbol || draft.timeframe) {
    const symbol = draft.symbol || chart.symbol;
    const timeframe = (draft.timeframe || chart.timeframe) as Timeframe | null;
    if (!symbol || !timeframe) throw new Error('no market is active: choose one on the chart (or start a replay) first');
    request.series = { symbol, timeframe };
  }
  return request;
}

/** "fast 10 · slow 30": the parameters as a row shows them. */
export function paramsLabel(params: Readonly<Record<string, number>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} ${v}`)
    .join(' · ');
}
