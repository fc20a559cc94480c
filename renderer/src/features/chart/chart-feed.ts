// Feeds the chart: loads a window of stored candles, then applies market.candle events for the same
// series on top, at most one batch per animation frame. Events that arrive while history is loading
// wait and are applied after it, so a replay that is already running never leaves a gap.
import { MAX_CANDLES_PER_CALL, type Api, type EventPayload } from '../../../../shared/contract/index.ts';
import type { Candle, SeriesKey } from '../../../../shared/domain/candle.ts';
import { timeframeMs } from '../../../../shared/domain/timeframe.ts';
import { sameSeries } from '../../lib/series-key.ts';
import { reportError } from '../../state/notices-store.ts';
import { CandleCoalescer, type ScheduleFlush } from './candle-coalescer.ts';
import { applyBatch, EMPTY_TALLY, tallyOf, type Tally } from './candle-tally.ts';
import type { ChartPhase, ChartRequest, DataSource } from './chart-store.ts';
import type { ChartSink } from './chart-sink.ts';
import { closedBy } from './closed-by.ts';

export interface FeedReport {
  phase?: ChartPhase;
  tally?: Tally;
  source?: DataSource;
}

export class ChartFeed {
  private readonly api: Api;
  private readonly sink: ChartSink;
  private readonly report: (r: FeedReport) => void;
  private readonly coalescer: CandleCoalescer;
  private readonly unsubscribe: () => void;
  private series: SeriesKey | null = null;
  private tally: Tally = EMPTY_TALLY;
  private source: DataSource | null = null;
  /** Bumped by every show(); a load that finishes after a newer show() is dropped. */
  private generation = 0;

  constructor(api: Api, sink: ChartSink, schedule: ScheduleFlush, report: (r: FeedReport) => void) {
    this.api = api;
    this.sink = sink;
    this.report = report;
    this.coalescer = new CandleCoalescer(schedule, (batch) => this.apply(batch));
    this.unsubscribe = api.events['market.candle']((e) => this.onCandle(e));
  }

  async show(request: ChartRequest): Promise<void> {
    const generation = ++this.generation;
    this.series = request.series;
    this.coalescer.clear();
    this.coalescer.hold();
    this.report({ phase: 'loading' });
    const { series, until } = request;
    try {
      const { candles } = await this.api.commands['market.candles']({
        series,
        ...(until === null ? {} : { to: Math.max(0, until - 1) }),
        limit: MAX_CANDLES_PER_CALL,
      });
      if (generation !== this.generation) return;
      const history = until === null ? candles : closedBy(candles, until, timeframeMs(series.timeframe));
      this.sink.setHistory(history);
      this.tally = tallyOf(history);
      this.source = request.source;
      this.report({ phase: 'ready', tally: this.tally, source: request.source });
      this.coalescer.release();
    } catch (err) {
      if (generation !== this.generation) return;
      this.report({ phase: 'error' });
      reportError('Load candles', err);
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
    const { accepted, tally } = applyBatch(this.tally, batch);
    this.tally = tally;
    if (accepted.length > 0) this.sink.update(accepted);
    this.report(this.source ? { tally, source: this.source } : { tally });
  }
}
