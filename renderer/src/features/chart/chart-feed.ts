// Feeds the chart: loads the latest window of stored candles, pages older (and, when detached, newer)
// windows in as the user scrolls, applies market.candle events for the same series on top at most
// once per animation frame, and keeps every indicator in step: batch over the history, streaming for
// live bars. Events that arrive while history is loading wait and are applied after it, so a replay
// that is already running never leaves a gap.
import type { Api, EventPayload } from '../../../../shared/contract/index.ts';
import type { Candle, SeriesKey } from '../../../../shared/domain/candle.ts';
import { timeframeMs } from '../../../../shared/domain/timeframe.ts';
import { sameSeries } from '../../lib/series-key.ts';
import { reportError } from '../../state/notices-store.ts';
import { CandleCoalescer, type ScheduleFlush } from './candle-coalescer.ts';
import { applyBatch, EMPTY_TALLY, type Tally } from './candle-tally.ts';
import type { ChartSink } from './chart-sink.ts';
import type { ChartPhase, ChartRequest, DataSource, HistoryState } from './chart-store.ts';
import { closedBy } from './closed-by.ts';
import { CandleWindow } from './history/candle-window.ts';
import { EDGE_BARS, INITIAL_WINDOW, PAGE_WINDOW } from './history/window-sizes.ts';
import { toColumns } from './indicators/candle-columns.ts';
import { IndicatorRun } from './indicators/indicator-run.ts';
import type { IndicatorInstance } from './indicators/indicator-types.ts';
import { buildLegend, type LegendModel } from './legend/legend-format.ts';

export interface FeedReport {
  phase?: ChartPhase;
  tally?: Tally;
  source?: DataSource;
  history?: HistoryState;
}

export interface FeedHooks {
  /** The legend changed: the crosshair moved, or the bar it shows changed. */
  onLegend?: (model: LegendModel) => void;
  /** How long one coalesced live update took, in ms (the benchmark reads these). */
  onApplied?: (ms: number) => void;
}

export class ChartFeed {
  private readonly api: Api;
  private readonly sink: ChartSink;
  private readonly report: (r: FeedReport) => void;
  private readonly hooks: FeedHooks;
  private readonly coalescer: CandleCoalescer;
  private readonly unsubscribe: () => void;
  private readonly window = new CandleWindow();
  private series: SeriesKey | null = null;
  private tally: Tally = EMPTY_TALLY;
  private source: DataSource | null = null;
  private runs: IndicatorRun[] = [];
  private ready = false;
  private paging: 'older' | 'newer' | null = null;
  private hover: number | null = null;
  /** Bumped by every show(); a load that finishes after a newer show() is dropped. */
  private generation = 0;

  constructor(api: Api, sink: ChartSink, schedule: ScheduleFlush, report: (r: FeedReport) => void, hooks: FeedHooks = {}) {
    this.api = api;
    this.sink = sink;
    this.report = report;
    this.hooks = hooks;
    this.coalescer = new CandleCoalescer(schedule, (batch) => this.apply(batch));
    this.unsubscribe = api.events['market.candle']((e) => this.onCandle(e));
    sink.listen({
      onVisibleRange: (from, to) => this.onVisibleRange(from, to),
      onHover: (index) => {
        this.hover = index;
        this.emitLegend();
      },
    });
  }

  /** The bars on the chart (the benchmark and tests read them). */
  get candles(): readonly Candle[] {
    return this.window.candles;
  }

  async show(request: ChartRequest): Promise<void> {
    const generation = ++this.generation;
    this.series = request.series;
    this.ready = false;
    this.paging = null;
    this.coalescer.clear();
    this.coalescer.hold();
    this.report({ phase: 'loading' });
    const { series, until } = request;
    try {
      const { candles } = await this.api.commands['market.candles']({
        series,
        ...(until === null ? {} : { to: Math.max(0, until - 1) }),
        limit: INITIAL_WINDOW,
      });
      if (generation !== this.generation) return;
      const history = until === null ? candles : closedBy(candles, until, timeframeMs(series.timeframe));
      this.window.reset(history, candles.length < INITIAL_WINDOW);
      this.recompute();
      this.sink.setHistory(this.window.candles, this.runs, null);
      this.tally = { count: history.length, lastTime: history.at(-1)?.t ?? null, lastPrice: history.at(-1)?.c ?? null };
      this.source = request.source;
      this.ready = true;
      this.report({ phase: 'ready', tally: this.tally, source: request.source, history: this.historyState() });
      this.emitLegend();
      this.coalescer.release();
    } catch (err) {
      if (generation !== this.generation) return;
      this.report({ phase: 'error' });
      reportError('Load candles', err);
    }
  }

  /**
   * Puts exactly these indicators on the chart. Unchanged ones keep their values; new ones (or ones
   * whose parameters changed) are computed over the bars on the chart.
   */
  setIndicators(list: readonly IndicatorInstance[]): void {
    const byId = new Map(this.runs.map((r) => [r.id, r]));
    const cols = this.window.length > 0 ? toColumns(this.window.candles) : null;
    this.runs = list.map((instance) => {
      const existing = byId.get(instance.id);
      if (existing && sameInstance(existing.instance, instance)) return existing;
      const run = new IndicatorRun(instance);
      if (cols) run.compute(cols);
      return run;
    });
    this.sink.syncIndicators(this.runs, this.window.candles);
    this.emitLegend();
  }

  /** Back to the newest bars: scrolls there, or reloads them when older history pushed them out. */
  async showLatest(): Promise<void> {
    if (!this.ready || this.series === null) return;
    if (this.window.atLiveEdge) {
      this.sink.setHistory(this.window.candles, this.runs, null);
      return;
    }
    const generation = this.generation;
    const series = this.series;
    const bound = this.window.firstAheadTime();
    try {
      const { candles } = await this.api.commands['market.candles']({ series, ...(bound === null ? {} : { to: Math.max(0, bound - 1) }), limit: INITIAL_WINDOW });
      if (generation !== this.generation) return;
      // Taken only now: live candles that arrived during the fetch were kept aside too.
      const kept = this.window.takeAhead();
      this.window.reset(candles, candles.length < INITIAL_WINDOW);
      this.window.applyLive(kept);
      this.recompute();
      this.sink.setHistory(this.window.candles, this.runs, null);
      this.afterHistoryChange();
    } catch (err) {
      if (generation === this.generation) reportError('Load latest candles', err);
    }
  }

  dispose(): void {
    this.generation++;
    this.unsubscribe();
    this.coalescer.clear();
    this.sink.dispose();
  }

  private onCandle(e: EventPayload<'market.candle'>): void {
    if (!sameSeries(e.series, this.series)) return;
    this.source = e.source;
    this.coalescer.push(e.candle);
  }

  private apply(batch: Candle[]): void {
    const started = performance.now();
    const { tally } = applyBatch(this.tally, batch);
    const changes = this.window.applyLive(batch);
    if (changes.length > 0) {
      const candles = this.window.candles;
      for (const change of changes) for (const run of this.runs) run.update(candles, change.index);
      this.sink.update(candles, changes, this.runs);
      const overflow = this.window.liveOverflow();
      if (overflow > 0) this.trimLeft(overflow);
    }
    this.tally = { ...tally, count: this.window.length };
    this.report(this.source ? { tally: this.tally, source: this.source } : { tally: this.tally });
    if (this.hover === null || changes.length > 0) this.emitLegend();
    this.hooks.onApplied?.(performance.now() - started);
  }

  private onVisibleRange(from: number, to: number): void {
    if (!this.ready || this.paging !== null) return;
    if (from < EDGE_BARS && !this.window.reachedStart && this.window.length > 0) void this.loadOlder();
    else if (!this.window.atLiveEdge && to > this.window.length - EDGE_BARS) void this.loadNewer();
  }

  private async loadOlder(): Promise<void> {
    const first = this.window.first;
    const series = this.series;
    if (!first || !series) return;
    const generation = this.generation;
    this.setPaging('older');
    try {
      const { candles } = await this.api.commands['market.candles']({ series, to: Math.max(0, first.t - 1), limit: PAGE_WINDOW });
      if (generation !== this.generation) return;
      const { added } = this.window.prependOlder(candles, candles.length < PAGE_WINDOW);
      if (added > 0) {
        this.recompute();
        this.sink.setHistory(this.window.candles, this.runs, added);
        if (this.hover !== null) this.hover += added;
      }
      this.afterHistoryChange();
    } catch (err) {
      if (generation === this.generation) reportError('Load older candles', err);
    } finally {
      if (generation === this.generation) this.setPaging(null);
    }
  }

  private async loadNewer(): Promise<void> {
    const series = this.series;
    const range = series ? this.window.nextNewerRange(PAGE_WINDOW, timeframeMs(series.timeframe)) : null;
    if (!series || !range) return;
    const generation = this.generation;
    this.setPaging('newer');
    try {
      const { candles } = await this.api.commands['market.candles']({ series, from: range.from, to: range.to, limit: PAGE_WINDOW });
      if (generation !== this.generation) return;
      this.window.appendNewer(candles, range.closesGap);
      const overflow = this.window.overflow();
      this.window.trimLeft(overflow);
      this.recompute();
      this.sink.setHistory(this.window.candles, this.runs, -overflow);
      if (this.hover !== null) this.hover -= overflow;
      this.afterHistoryChange();
    } catch (err) {
      if (generation === this.generation) reportError('Load newer candles', err);
    } finally {
      if (generation === this.generation) this.setPaging(null);
    }
  }

  /** Live bars grew the window past its limit: the oldest go, the view stays on the same bars. */
  private trimLeft(n: number): void {
    this.window.trimLeft(n);
    for (const run of this.runs) run.trimLeft(n);
    this.sink.setHistory(this.window.candles, this.runs, -n);
    if (this.hover !== null) this.hover -= n;
    this.report({ history: this.historyState() });
  }

  private recompute(): void {
    if (this.runs.length === 0) return;
    const cols = toColumns(this.window.candles);
    for (const run of this.runs) run.compute(cols);
  }

  private afterHistoryChange(): void {
    this.tally = { ...this.tally, count: this.window.length };
    this.report({ tally: this.tally, history: this.historyState() });
    this.emitLegend();
  }

  private setPaging(paging: 'older' | 'newer' | null): void {
    this.paging = paging;
    this.report({ history: this.historyState() });
  }

  private historyState(): HistoryState {
    return { paging: this.paging, reachedStart: this.window.reachedStart, atLiveEdge: this.window.atLiveEdge, firstTime: this.window.first?.t ?? null };
  }

  private emitLegend(): void {
    this.hooks.onLegend?.(buildLegend(this.window.candles, this.runs, this.hover));
  }
}

function sameInstance(a: IndicatorInstance, b: IndicatorInstance): boolean {
  if (a.kind !== b.kind || a.color !== b.color) return false;
  const keys = Object.keys(a.params);
  return keys.length === Object.keys(b.params).length && keys.every((k) => a.params[k] === b.params[k]);
}
