// Feeds the chart: loads the latest window of stored candles, pages older (and, when detached, newer)
// windows in as the user scrolls, applies market.candle events for the same series on top at most
// once per animation frame, and keeps every indicator in step: batch over the history, streaming for
// live bars. Events that arrive while history is loading wait and are applied after it, so a replay
// that is already running never leaves a gap. The chart library gets only a slice of the loaded bars
// around the view (render-slice.ts explains why); indices here are window indices unless they say
// "logical" (the library's, relative to the slice).
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
import { latestSlice, planSlice, SLICE_BARS, SLICE_SLACK, type SliceRange } from './history/render-slice.ts';
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
  /**
   * Live tallies (last price, bar count) and the latest bar's legend go out at most this often
   * (default TALLY_EVERY_MS): the status bar, the top bar and the legend re-render on them, which
   * every frame would cost more than the chart's own update. 0 reports every frame (tests).
   */
  tallyEveryMs?: number;
}

export const TALLY_EVERY_MS = 100;

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
  /** The bar under the crosshair (window index), or null. */
  private hover: number | null = null;
  /** The window bars the chart library holds. */
  private slice: SliceRange = { start: 0, end: 0 };
  /** The window bars on screen, as last reported by the chart; null before it reported. */
  private visible: { from: number; to: number } | null = null;
  private tallySentAt = -Infinity;
  private legendSentAt = -Infinity;
  private legendTimer: ReturnType<typeof setTimeout> | null = null;
  private tallyTimer: ReturnType<typeof setTimeout> | null = null;
  /** True while the library takes new data, whose range changes are its own, not the user's. */
  private redrawing = false;
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
      onHover: (logical) => {
        this.hover = logical === null ? null : this.slice.start + logical;
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
      this.hover = null;
      this.redraw(null);
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
    this.sink.syncIndicators(this.runs, this.window.candles, this.slice);
    this.emitLegend();
  }

  /** The bars the chart library holds (tests and the benchmark read it). */
  get drawn(): SliceRange {
    return { ...this.slice };
  }

  /** Back to the newest bars: scrolls there, or reloads them when older history pushed them out. */
  async showLatest(): Promise<void> {
    if (!this.ready || this.series === null) return;
    if (this.window.atLiveEdge) {
      this.redraw(null);
      return;
    }
    const generation = this.generation;
    const series = this.series;
    const bound = this.window.firstAheadTime();
    try {
      // Room for the candles kept aside, so the window opens at the size it always does.
      const limit = Math.max(1, INITIAL_WINDOW - this.window.aheadCount);
      const { candles } = await this.api.commands['market.candles']({ series, ...(bound === null ? {} : { to: Math.max(0, bound - 1) }), limit });
      if (generation !== this.generation) return;
      // Taken only now: live candles that arrived during the fetch were kept aside too.
      const kept = this.window.takeAhead();
      this.window.reset(candles, candles.length < limit);
      this.window.applyLive(kept);
      this.recompute();
      this.redraw(null);
      this.afterHistoryChange();
    } catch (err) {
      if (generation === this.generation) reportError('Load latest candles', err);
    }
  }

  dispose(): void {
    if (this.tallyTimer !== null) clearTimeout(this.tallyTimer);
    if (this.legendTimer !== null) clearTimeout(this.legendTimer);
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
    // The library is told only when it holds the newest bars; otherwise the user is reading older ones.
    const following = this.slice.end === this.window.length;
    const changes = this.window.applyLive(batch);
    if (changes.length > 0) {
      const candles = this.window.candles;
      // Every indicator sees every bar, drawn or not: the streams must not skip one.
      for (const change of changes) for (const run of this.runs) run.update(candles, change.index);
      if (following) {
        this.slice = { start: this.slice.start, end: this.window.length };
        this.sink.update(candles, changes, this.runs);
      }
      const overflow = this.window.liveOverflow();
      if (overflow > 0) this.trimLeft(overflow);
      if (following) this.keepSliceShort();
    }
    this.tally = { ...tally, count: this.window.length };
    this.reportTally(started);
    // The legend shows the latest bar unless the user hovers an older one; that needs no more than
    // the tallies' pace (a hovered bar that is the latest still updates at once).
    if (changes.length > 0 && (this.hover === null || this.hover >= changes[0]!.index)) this.emitLegendSoon(started);
    this.hooks.onApplied?.(performance.now() - started);
  }

  /** Reports the live tally now, or once the interval since the last report has passed. */
  private reportTally(now: number): void {
    const every = this.hooks.tallyEveryMs ?? TALLY_EVERY_MS;
    const send = () => {
      this.tallyTimer = null;
      this.tallySentAt = performance.now();
      this.report(this.source ? { tally: this.tally, source: this.source } : { tally: this.tally });
    };
    if (every <= 0 || now - this.tallySentAt >= every) send();
    else this.tallyTimer ??= setTimeout(send, every - (now - this.tallySentAt));
  }

  private onVisibleRange(logicalFrom: number, logicalTo: number): void {
    if (!this.ready || this.redrawing) return;
    const from = this.slice.start + logicalFrom;
    const to = this.slice.start + logicalTo;
    this.visible = { from, to };
    if (this.paging !== null) return;
    if (from < EDGE_BARS && this.slice.start === 0 && !this.window.reachedStart && this.window.length > 0) void this.loadOlder();
    else if (!this.window.atLiveEdge && to > this.window.length - EDGE_BARS && this.slice.end === this.window.length) void this.loadNewer();
    else this.moveSlice();
  }

  /** A slice that follows live bars lets its oldest go once it has grown past its slack. */
  private keepSliceShort(): void {
    if (this.slice.end - this.slice.start <= SLICE_BARS + SLICE_SLACK) return;
    const { length } = this.window;
    const next = this.visible ? (planSlice(length, this.slice, this.visible.from, this.visible.to) ?? latestSlice(length)) : latestSlice(length);
    this.drawSlice(next, 0);
  }

  /** Moves the library's slice along with the view when it nears an edge (in memory: no fetch). */
  private moveSlice(): void {
    if (!this.visible) return;
    const next = planSlice(this.window.length, this.slice, this.visible.from, this.visible.to);
    if (next) this.drawSlice(next, 0);
  }

  /**
   * Redraws after the window changed: `windowShift` bars joined (positive) or left (negative) its
   * left side and the view stays on the same bars; null shows the newest bars.
   */
  private redraw(windowShift: number | null): void {
    const length = this.window.length;
    if (windowShift === null || this.visible === null) {
      this.visible = null;
      this.drawSlice(latestSlice(length), null);
      return;
    }
    this.visible = { from: this.visible.from + windowShift, to: this.visible.to + windowShift };
    const moved = { start: Math.max(0, this.slice.start + windowShift), end: Math.min(length, this.slice.end + windowShift) };
    const next = planSlice(length, moved, this.visible.from, this.visible.to) ?? moved;
    this.drawSlice(next, windowShift);
  }

  /** Hands the library bars [next.start, next.end); the view keeps showing the same bars unless windowShift is null. */
  private drawSlice(next: SliceRange, windowShift: number | null): void {
    const shift = windowShift === null ? null : windowShift + this.slice.start - next.start;
    this.slice = next;
    this.redrawing = true;
    try {
      this.sink.setHistory(this.window.candles, this.runs, next, shift);
    } finally {
      this.redrawing = false;
    }
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
        if (this.hover !== null) this.hover += added;
        this.redraw(added);
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
      if (this.hover !== null) this.hover -= overflow;
      this.redraw(-overflow);
      this.afterHistoryChange();
    } catch (err) {
      if (generation === this.generation) reportError('Load newer candles', err);
    } finally {
      if (generation === this.generation) this.setPaging(null);
    }
  }

  /**
   * Live bars grew the window past its limit: the oldest go, the view stays on the same bars. The
   * library needs new data only if its slice held some of them.
   */
  private trimLeft(n: number): void {
    this.window.trimLeft(n);
    for (const run of this.runs) run.trimLeft(n);
    if (this.hover !== null) this.hover -= n;
    if (this.slice.start >= n) {
      this.slice = { start: this.slice.start - n, end: this.slice.end - n };
      if (this.visible) this.visible = { from: this.visible.from - n, to: this.visible.to - n };
    } else {
      this.redraw(-n);
    }
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
    if (this.legendTimer !== null) clearTimeout(this.legendTimer);
    this.legendTimer = null;
    this.legendSentAt = performance.now();
    this.hooks.onLegend?.(buildLegend(this.window.candles, this.runs, this.hover));
  }

  /** The legend after a live update: now, or once the tally interval since the last one has passed. */
  private emitLegendSoon(now: number): void {
    const every = this.hooks.tallyEveryMs ?? TALLY_EVERY_MS;
    if (every <= 0 || now - this.legendSentAt >= every) this.emitLegend();
    else this.legendTimer ??= setTimeout(() => this.emitLegend(), every - (now - this.legendSentAt));
  }
}

function sameInstance(a: IndicatorInstance, b: IndicatorInstance): boolean {
  if (a.kind !== b.kind || a.color !== b.color) return false;
  const keys = Object.keys(a.params);
  return keys.length === Object.keys(b.params).length && keys.every((k) => a.params[k] === b.params[k]);
}
