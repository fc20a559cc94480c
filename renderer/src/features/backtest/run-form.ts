// The backtest form's draft and how it becomes a backtest.run request: parameters checked against the
// strategy's declared specs (the engine checks again), dates read as UTC days like `keel backtest
// --from/--to` (to includes its whole day), numbers parsed with what is wrong said plainly.
import { CAPITAL_MAX, CAPITAL_VALID, fromAfterToText, MONTE_CARLO_DEFAULT, POSITION_PCT_VALID, MONTE_CARLO_MAX, PORTFOLIO_MAX, REARM_MAX_DAYS, RUN_MANY_MAX, SLIPPAGE_VALID } from '../../../../shared/contract/commands/backtest.ts';
import { seriesLabel } from '../../../../shared/domain/candle.ts';
import { timeframeMs, type Timeframe } from '../../../../shared/domain/timeframe.ts';
import { decimalNumber } from '../../../../shared/domain/decimal-text.ts';
import { longerTimeframes, nests } from '../../../../shared/domain/timeframe-nesting.ts';
import type { CommandRequest, CommandResponse } from '../../../../shared/contract/index.ts';
import { exitFields } from './exit-boxes.ts';
import { exitsSuffix } from './exits-view.ts';
import { directionTag } from './direction-view.ts';
import { borrowTag } from './borrow-view.ts';
import { BORROW_RATE_VALID, MAX_BORROW_RATE_PCT } from '../../../../shared/trading/borrow-interest.ts';
import type { Direction } from '../../../../shared/domain/direction.ts';
import { requestWeights } from './run-weights.ts';
import { FieldError } from './field-error.ts';
import { modeLabel } from './mode-label.ts';

export type StrategyInfo = CommandResponse<'backtest.strategies'>['strategies'][number];
export type RunRequest = CommandRequest<'backtest.run'>;

export interface RunDraft {
  strategy: string;
  /** Parameter text per name, as typed. */
  params: Record<string, string>;
  /** "exchange:symbol:timeframe" of a stored series. */
  series: string;
  /**
   * The timeframe to run on when it is not the stored series' own: a longer one its candles roll up into
   * (1h from stored 1m), for every market the runs trade; '' for each series' own.
   */
  timeframe: string;
  mode: 'conservative' | 'moderate' | 'aggressive' | 'custom';
  /**
   * The custom mode's share of equity per entry, percent, as typed (keel backtest --position-pct): sent with
   * every run in the custom mode (the form's, or custom ticked to compare), and required there.
   */
  positionPct: string;
  /**
   * The sides the strategy may take (keel backtest --direction): long only (a spot account), short only, or
   * long and short (a margin account with 1× collateral). Every run and search the form starts carries it.
   */
  direction: Direction;
  /**
   * What a short pays on the coins it borrows, percent a year, as typed (keel backtest --borrow-rate; 5 is
   * 5% a year). Only sent as typed when the direction can short: a long-only run borrows nothing (0).
   */
  borrowRatePct: string;
  /** Days after which a kill switch a drawdown breach pulled is re-armed, as typed; empty: never. */
  rearmDays: string;
  /**
   * A daily-loss or drawdown breach closes every open position at the breach too (keel backtest --limits
   * closeOnLossLimit=true); unticked, as the account's limits are by default, it only blocks new entries and
   * leaves open positions to their stops and the strategy's exits.
   */
  closeOnLossLimit: boolean;
  capital: string;
  feePct: string;
  /** Slippage per fill in basis points, as typed (keel backtest --slippage; 10 is 0.1%). */
  slippageBps: string;
  /**
   * The finer stored timeframe of the series' market that decides fills inside each bar (keel backtest
   * --detail TF), or '' for each bar's own path. A search's sets fill on it too.
   */
  detail: string;
  /**
   * Protective exits on every entry, percent from the entry's price, as typed (exit-boxes.ts); empty: none.
   * Every run and search the form starts carries them.
   */
  stopLossPct: string;
  takeProfitPct: string;
  /** A trailing stop in place of the stop-loss, as typed; empty: none. */
  trailingStopPct: string;
  /** YYYY-MM-DD (UTC) or empty. */
  from: string;
  to: string;
  /** Monte Carlo simulations of the run's trades (0: none) and their seed, as typed. */
  monteCarlo: string;
  seed: string;
  /**
   * Other strategies (with their defaults) and risk modes to run beside the form's, every strategy in
   * every mode (keel backtest --strategy a,b --mode x,y): one click for a side-by-side comparison.
   */
  compareStrategies: string[];
  compareModes: RunDraft['mode'][];
  /**
   * Other stored series ("exchange:symbol:timeframe") to run all of them on too: does the strategy hold
   * on other markets, or was it fitted to one?
   */
  compareSeries: string[];
  /**
   * Trade the form's series and the ticked ones as one portfolio (keel backtest --portfolio): one account,
   * one cash balance and one risk room over all of them, in one run per strategy and mode, instead of a
   * separate run on each market, split among them by `weights`. Only with other series ticked.
   */
  portfolio: boolean;
  /**
   * A portfolio market's weight as typed, by stored series ("local:BTC/USDT:1h"); empty or missing: 1, or
   * equal shares when every box is empty (run-weights.ts). Kept for a market unticked, as its tick is.
   */
  weights: Record<string, string>;
}

/** Risk modes in the order the form and the comparison list them. */
export const MODES: readonly RunDraft['mode'][] = ['conservative', 'moderate', 'aggressive', 'custom'];

export const DAY_MS = 86_400_000;

/** The engine refuses a capital this big or bigger (backtest.run's schema), as keel backtest --capital does. */

export function defaultDraft(strategy: StrategyInfo | undefined, series: string): RunDraft {
  return {
    strategy: strategy?.name ?? '',
    params: Object.fromEntries((strategy?.params ?? []).map((p) => [p.name, String(p.default)])),
    series,
    timeframe: '',
    mode: 'moderate',
    positionPct: '',
    direction: 'long',
    borrowRatePct: '0',
    rearmDays: '',
    closeOnLossLimit: false,
    capital: '10000',
    feePct: '0.1',
    slippageBps: '0',
    detail: '',
    stopLossPct: '',
    takeProfitPct: '',
    trailingStopPct: '',
    from: '',
    to: '',
    monteCarlo: String(MONTE_CARLO_DEFAULT),
    seed: '1',
    compareStrategies: [],
    compareModes: [],
    compareSeries: [],
    portfolio: false,
    weights: {},
  };
}

function utcDay(label: string, text: string, field: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) throw new FieldError(field, `${label}: write a UTC date like 2023-03-01`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(t).toISOString().slice(0, 10) !== text.trim()) throw new FieldError(field, `${label}: ${text} is not a calendar date`);
  return t;
}

/**
 * A box's number, read as keel backtest reads its flags (decimalNumber: "0x10" is no period of 16), checked;
 * a refusal names the box (`field`, its data-testid) for the page to mark.
 */
function number(field: string, label: string, text: string, check: (v: number) => boolean, valid: string): number {
  const v = decimalNumber(text);
  if (!Number.isFinite(v) || !check(v)) throw new FieldError(field, `${label}: ${valid}${thousandsHint(text)}`);
  return v;
}

/** "10,000" read as no number: the refusal says how to write it (else a capital of 10,000 seemed refused as out of range). */
function thousandsHint(text: string): string {
  const t = text.trim();
  return /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? `, written without thousands separators (${t.replaceAll(',', '')})` : '';
}

/** The draft's borrow rate: 0 long only (the box is hidden, whatever it holds), else the box's number, checked. */
function draftBorrowRate(draft: RunDraft): number {
  if (draft.direction === 'long') return 0;
  return number('run-borrow-rate', 'borrow rate', draft.borrowRatePct, (v) => v >= 0 && v <= MAX_BORROW_RATE_PCT, BORROW_RATE_VALID);
}

/** A stored series' key ("local:BTC/USDT:1h") as the request names it. */
export function seriesOf(key: string): RunRequest['series'] {
  const [exchange, symbol, timeframe] = key.split(':');
  if (!exchange || !symbol || !timeframe) throw new FieldError('bt-series', 'choose a stored series (import candles with keel import first)');
  return { exchange, symbol, timeframe: timeframe as RunRequest['series']['timeframe'] };
}

/**
 * A stored series as the form's runs trade it: at the form's timeframe when one is chosen (its candles
 * rolled up into it by the engine), else its own. One whose candles do not fit whole into that timeframe is
 * refused, saying so.
 */
export function marketOf(draft: Pick<RunDraft, 'timeframe'>, key: string, ticked = false): RunRequest['series'] {
  const s = seriesOf(key);
  if (draft.timeframe === '' || draft.timeframe === s.timeframe) return s;
  const tf = draft.timeframe as Timeframe;
  if (!nests(s.timeframe, tf)) throw new FieldError('bt-timeframe', `${s.symbol} is stored as ${s.timeframe} candles, which do not make ${tf} ones (${timeframeChoicesText(s.timeframe)}): choose another timeframe${ticked ? `, or untick ${s.symbol}` : ''}`);
  return { ...s, timeframe: tf };
}

/** The timeframes the form offers for a stored series: its own, then the longer ones its candles roll up into. */
export function timeframeChoices(series: string): Timeframe[] {
  if (!series) return [];
  const own = seriesOf(series).timeframe;
  return [own, ...longerTimeframes(own)];
}

const timeframeChoicesText = (tf: Timeframe) => {
  const longer = longerTimeframes(tf);
  return longer.length ? `they make ${longer.join(', ')}` : 'they make no longer timeframe';
};

/** The request for a draft, or an Error saying what to fix. */
export function toRequest(draft: RunDraft, strategies: readonly StrategyInfo[]): RunRequest {
  const s = strategies.find((x) => x.name === draft.strategy);
  if (!s) throw new FieldError('bt-strategy', `choose a strategy (${strategies.map((x) => x.name).join(', ')})`);
  const params: Record<string, number> = {};
  for (const p of s.params) {
    const text = draft.params[p.name] ?? String(p.default);
    params[p.name] = number(`bt-param-${p.name}`, p.name, text, (v) => v >= p.min && v <= p.max && (p.type !== 'int' || Number.isInteger(v)), `${p.type === 'int' ? 'a whole number' : 'a number'} from ${p.min} to ${p.max}`);
  }
  const request: RunRequest = {
    strategy: s.name,
    params,
    series: marketOf(draft, draft.series),
    mode: draft.mode,
    ...(draft.mode === 'custom' && { positionPct: positionPctOf(draft) }),
    direction: draft.direction,
    borrowRatePct: draftBorrowRate(draft),
    capital: number('bt-capital', 'capital', draft.capital, (v) => v > 0 && v < CAPITAL_MAX, CAPITAL_VALID),
    feePct: number('bt-fee', 'fee', draft.feePct, (v) => v >= 0 && v < 10, 'percent per fill from 0 to below 10 (0.1 = 0.1%)'),
    slippageBps: number('bt-slippage', 'slippage', draft.slippageBps, (v) => v >= 0 && v < 1000, SLIPPAGE_VALID),
    ...exitFields(draft),
    // Sent only when ticked, as keel backtest sends it only when --limits names it: the engine's default is off.
    ...(draft.closeOnLossLimit && { closeOnLossLimit: true }),
  };
  const rearm = draft.rearmDays.trim();
  if (rearm !== '' && rearm.toLowerCase() !== 'never') {
    request.rearmAfterDays = number('bt-rearm', 're-arm after', rearm, (v) => Number.isInteger(v) && v >= 1 && v <= REARM_MAX_DAYS, `whole days from 1 to ${REARM_MAX_DAYS} before a kill switch a drawdown breach pulled is re-armed, or empty for never`);
  }
  if (draft.from.trim()) request.from = utcDay('from', draft.from, 'bt-from');
  if (draft.to.trim()) request.to = utcDay('to', draft.to, 'bt-to') + DAY_MS - 1;
  if (request.from !== undefined && request.to !== undefined && request.from > request.to) throw new FieldError('bt-from', fromAfterToText(draft.from.trim(), draft.to.trim()));
  return request;
}

/**
 * The custom mode's position %, as keel backtest --position-pct N takes it (the engine sizes each entry at N /
 * 100 of equity). Required: without it the custom mode has nothing of its own and would run as the defaults.
 */
export function positionPctOf(draft: Pick<RunDraft, 'positionPct'>): number {
  const text = draft.positionPct.trim().replace(/%$/, '');
  if (text === '') throw new FieldError('bt-position-pct', `position %: the custom mode sizes each entry at this percent of equity; give ${POSITION_PCT_VALID} (keel backtest --position-pct)`);
  return number('bt-position-pct', 'position %', text, (v) => v > 0 && v <= 100, `give ${POSITION_PCT_VALID}`);
}

/** The backtest.run request: the run (what a parameter search shares, toRequest) and its Monte Carlo bands. */
export function toRunRequest(draft: RunDraft, strategies: readonly StrategyInfo[]): RunRequest {
  return { ...toRequest(draft, strategies), ...monteCarloOf(draft), detail: detailOf(draft) };
}

/** The finer bars the form's runs and searches fill on, or null for each bar's own path. */
export function detailOf(draft: Pick<RunDraft, 'detail'>): RunRequest['detail'] {
  return draft.detail === '' ? null : (draft.detail as NonNullable<RunRequest['detail']>);
}

/**
 * The timeframes the form offers as a series' detail: its market's stored series (the same exchange and
 * symbol) of a shorter timeframe, shortest first, as "exchange:symbol:timeframe" keys list them.
 */
export function detailChoices(series: string, stored: readonly string[], timeframe = ''): string[] {
  if (!series) return [];
  const own = seriesOf(series);
  // Finer than the bars the runs step through: the form's timeframe when one is chosen.
  const ownMs = timeframeMs((timeframe || own.timeframe) as Timeframe);
  return stored
    .map(seriesOf)
    .filter((s) => s.exchange === own.exchange && s.symbol === own.symbol && timeframeMs(s.timeframe) < ownMs)
    .map((s) => s.timeframe)
    .sort((a, b) => timeframeMs(a) - timeframeMs(b));
}

/** Fills inside bars need the detail timeframe stored for every market the runs trade, not only the form's series. */
export function checkDetailStored(series: RunRequest['series'], detail: string, stored: readonly string[]): void {
  const choices = detailChoices(seriesLabel(series), stored);
  if (choices.includes(detail)) return;
  const held = choices.length ? `its finer series stored: ${choices.join(', ')}` : 'no finer series of it is stored';
  throw new FieldError('bt-detail', `fills inside bars from ${detail} detail need ${detail} candles of every market the runs trade, and ${series.symbol} on ${series.exchange} has none stored (${held}): import them, choose the bar's own path, or untick ${series.symbol}`);
}

/** The form's Monte Carlo bands for a run: how many simulations and their seed. */
export function monteCarloOf(draft: RunDraft): Required<Pick<RunRequest, 'monteCarlo' | 'seed'>> {
  return {
    monteCarlo: number('bt-monte-carlo', 'Monte Carlo runs', draft.monteCarlo, (v) => Number.isInteger(v) && v >= 0 && v <= MONTE_CARLO_MAX, `a whole number of simulations from 0 (none) to ${MONTE_CARLO_MAX.toLocaleString('en-US')}`),
    seed: seedOf(draft),
  };
}

/** The form's seed: the Monte Carlo's draws, and a random search's sets (keel backtest --seed does both). */
export function seedOf(draft: RunDraft): number {
  return number('bt-seed', 'Monte Carlo seed', draft.seed, Number.isSafeInteger, 'a whole number (the same seed draws the same bands, and a random search the same sets)');
}

/**
 * Every run the form asks for: the form's own first, then each other strategy ticked (its defaults) and
 * each strategy in each other mode ticked, strategies in the list's order, modes in MODES order; all of
 * that on the form's series, then again on each other series ticked (in `stored` order: the series list).
 * As a portfolio, each strategy and mode is one run instead, trading the form's series and the ticked ones
 * together (portfolioOf), split by the form's weights (weightsOf). The parameters are checked once, on the form's strategy; the others run their
 * declared defaults.
 */
export function toRunRequests(draft: RunDraft, strategies: readonly StrategyInfo[], stored: readonly string[] = []): RunRequest[] {
  const first = toRunRequest(draft, strategies);
  const others = strategies.filter((s) => s.name !== first.strategy && draft.compareStrategies.includes(s.name));
  const modes = [first.mode!, ...MODES.filter((m) => m !== first.mode && draft.compareModes.includes(m))];
  const portfolio = portfolioOf(draft, stored);
  const weights = weightsOf(draft, portfolio, stored);
  // A portfolio trades all its markets in each run: one pass, with the others riding along.
  const markets = portfolio ? [first.series] : [first.series, ...otherSeries(draft, stored).map((k) => marketOf(draft, k, true))];
  if (first.detail) for (const s of [...markets, ...(portfolio ?? [])].slice(1)) checkDetailStored(s, first.detail, stored);
  const out: RunRequest[] = [];
  for (const series of markets) {
    for (const s of [null, ...others]) {
      for (const mode of modes) {
        const { positionPct: _own, ...common } = first;
        // Only a custom run carries a position % (the engine refuses one on a preset mode), each the form's.
        const sized = mode === 'custom' ? { mode, positionPct: positionPctOf(draft) } : { mode };
        const run: RunRequest = s === null ? { ...common, series, ...sized } : { ...common, series, strategy: s.name, params: Object.fromEntries(s.params.map((p) => [p.name, p.default])), ...sized };
        if (portfolio) {
          run.portfolio = [...portfolio];
          run.weights = [...weights];
        }
        out.push(run);
      }
    }
  }
  if (out.length > RUN_MANY_MAX) throw new Error(`${out.length} runs ticked (strategies × modes${portfolio ? '' : ' × markets'}); at most ${RUN_MANY_MAX} start at once: tick fewer`);
  return out;
}

/**
 * The other markets a portfolio run trades beside the form's series (the ticked ones, in the list's order),
 * or null when the form does not ask for a portfolio (not ticked, or no other series ticked). Refused, as
 * the engine would: markets of different timeframes (one run steps through one set of bar times) and more
 * markets than PORTFOLIO_MAX.
 */
export function portfolioOf(draft: RunDraft, stored: readonly string[]): RunRequest['series'][] | null {
  const ticked = otherSeries(draft, stored);
  if (!draft.portfolio || ticked.length === 0) return null;
  const own = marketOf(draft, draft.series);
  const others = ticked.map((k) => marketOf(draft, k, true));
  const all = [own, ...others];
  if (others.some((s) => s.timeframe !== own.timeframe)) {
    throw new Error(`a portfolio's markets must share one timeframe; these are ${all.map((s) => `${s.symbol} ${s.timeframe}`).join(', ')}: tick only series of ${own.timeframe}, or untick the portfolio`);
  }
  if (all.length > PORTFOLIO_MAX) throw new Error(`${all.length} markets ticked; a portfolio trades at most ${PORTFOLIO_MAX} (the form's series and ${PORTFOLIO_MAX - 1} others): tick fewer`);
  return others;
}

/**
 * The weights a portfolio run sends, from the form's boxes, its series first and then `portfolio` (what
 * portfolioOf returned) in order: [] for equal shares, and for no portfolio. Throws what is wrong with a box.
 */
export function weightsOf(draft: RunDraft, portfolio: readonly RunRequest['series'][] | null, stored: readonly string[]): number[] {
  // The boxes are kept by stored series, whatever timeframe the runs roll them up into.
  return portfolio ? requestWeights(draft.weights, [draft.series, ...otherSeries(draft, stored)].map(seriesOf)) : [];
}

/**
 * How many runs the Run button starts, without checking the form (the button counts as the trader ticks):
 * strategies × modes, × markets unless they are traded as one portfolio.
 */
export function runCount(draft: RunDraft, strategies: readonly StrategyInfo[], stored: readonly string[]): number {
  const strategyCount = 1 + strategies.filter((s) => s.name !== draft.strategy && draft.compareStrategies.includes(s.name)).length;
  const modeCount = 1 + MODES.filter((m) => m !== draft.mode && draft.compareModes.includes(m)).length;
  const others = otherSeries(draft, stored).length;
  const marketRuns = draft.portfolio && others > 0 ? 1 : 1 + others;
  return strategyCount * modeCount * marketRuns;
}

/**
 * A stored series as its tick under "Also run" names it: "BTC/USDT 1m", with its exchange in front ("perp
 * BTC/USDT 1m") once the stored series come from several, where BTC/USDT 1m of two of them read the same.
 * `timeframe`: the form's, when one is chosen: the tick names the run it adds ("ETH/USDT 4h (from 1h)").
 */
export function storedSeriesName(key: string, stored: readonly string[], timeframe = ''): string {
  const s = seriesOf(key);
  const several = new Set(stored.map((k) => seriesOf(k).exchange)).size > 1;
  return `${several ? `${s.exchange} ` : ''}${s.symbol} ${asRun(s.timeframe, timeframe)}`;
}

/**
 * A stored series' timeframe as the form's runs would trade it (marketOf): the form's timeframe, rolled up
 * from the stored candles ("4h (from 1h)"), or, where they make no such bars, its own and why it is refused.
 */
function asRun(own: Timeframe, formTf: string): string {
  if (formTf === '' || formTf === own) return own;
  return nests(own, formTf as Timeframe) ? `${formTf} (from ${own})` : `${own} (makes no ${formTf})`;
}

/** The stored series ticked to run on beside the form's own, in the list's order. */
export function otherSeries(draft: RunDraft, stored: readonly string[]): string[] {
  return stored.filter((s) => s !== draft.series && draft.compareSeries.includes(s));
}

export interface NamedRun {
  request: { strategy: string; params: Record<string, number>; mode: string; positionPct?: number | null | undefined; detail?: string | null | undefined; direction?: Direction | undefined; borrowRatePct?: number | undefined; rearmAfterDays?: number | null | undefined; closeOnLossLimit?: boolean | undefined; stopLossPct?: number | null | undefined; takeProfitPct?: number | null | undefined; trailingStopPct?: number | null | undefined };
}

/**
 * "sma-cross fast=10 slow=30 · moderate" ("· custom 40%" in the custom mode, with its position %; " · short" or " · long+short" when it could short, " · borrow 10
 * %/yr" when its shorts paid a borrow rate, " · re-arm 7d"
 * when a drawdown kill is re-armed, " · closes at loss limit" when a loss-limit breach closed its positions, " · fills on 1m" when finer bars decided its fills, " · SL 2% TP 4%" with
 * protective exits): a run as the runs table and the
 * charts name it.
 */
export function runLabel(r: NamedRun): string {
  return `${runName(r)}${exitsSuffix(r.request)}`;
}

/** The run without its exits: its heading says those in full words instead (exitsWords). */
export function runName(r: NamedRun): string {
  return [strategyText(r), ...runTerms(r).map((t) => t.text)].join(' · ');
}

/** "sma-cross fast=10 slow=30": the strategy and its parameters, the name's first part. */
export function strategyText(r: NamedRun): string {
  const p = Object.entries(r.request.params).map(([k, v]) => `${k}=${v}`).join(' ');
  return `${r.request.strategy}${p ? ` ${p}` : ''}`;
}

/** What a run's name says after its strategy, each part keyed by what it tells (the exits are runLabel's, after these). */
export type RunTermKey = 'mode' | 'direction' | 'borrow' | 'rearm' | 'close' | 'detail';

/** The parts of runName after the strategy, in its order, those a run does not have left out: "moderate", "long+short", "fills on 1m"... */
export function runTerms(r: NamedRun): { key: RunTermKey; text: string }[] {
  const q = r.request;
  const parts: { key: RunTermKey; text: string }[] = [
    { key: 'mode', text: modeLabel(q) },
    { key: 'direction', text: directionTag(q) },
    { key: 'borrow', text: borrowTag(q) },
    { key: 'rearm', text: q.rearmAfterDays ? `re-arm ${q.rearmAfterDays}d` : '' },
    // Two runs alike but for this read the same in the table without it, though one cut its losses at the breach.
    { key: 'close', text: q.closeOnLossLimit ? 'closes at loss limit' : '' },
    { key: 'detail', text: q.detail ? `fills on ${q.detail}` : '' },
  ];
  return parts.filter((t) => t.text !== '');
}
