// Replay: stored candles played forward as a live market. Each candle is streamed as the four ticks of
// its intrabar path (open, nearer extreme, farther extreme, close), so the chart forms candles the way a
// live feed does and later a paper broker sees the same path. The sequence of events depends only on the
// data, never on timing: when the timer falls behind, the due ticks are sent in one burst, none skipped.
import { KeelError, type ReplayState } from '../../../shared/contract/index.ts';
import type { Candle, SeriesKey } from '../../../shared/domain/candle.ts';
import { intrabarPath } from '../../../shared/domain/intrabar-path.ts';
import { timeframeMs } from '../../../shared/domain/timeframe.ts';
import type { EventBus } from '../../app/event-bus.ts';
import type { CandleStore } from '../../journal/candle-store.ts';
import { systemTimers, type Timers } from './timers.ts';

const TICKS_PER_CANDLE = 4;

export interface ReplayStartOptions {
  /** Market seconds per wall-clock second (1 to 1000). */
  speed: number;
  /** Open time to start playing from; earlier candles are history. Default: after `history` candles. */
  from?: number | undefined;
  /** How many candles count as history when `from` is not given. */
  history: number;
}

export class ReplayService {
  private readonly store: CandleStore;
  private readonly bus: EventBus;
  private readonly timers: Timers;

  private series: SeriesKey | null = null;
  private candles: Candle[] = [];
  private status: ReplayState['status'] = 'idle';
  private speed = 60;
  /** Next candle to play, and the next tick (0..3) within it. */
  private index = 0;
  private tick = 0;
  private clock: number | null = null;
  private lastPrice: number | null = null;
  private forming: Candle | null = null;
  private readonly path = [0, 0, 0, 0];
  /** Wall time at which the next tick is due. */
  private dueAt = 0;
  private timer: unknown = null;

  constructor(store: CandleStore, bus: EventBus, timers: Timers = systemTimers) {
    this.store = store;
    this.bus = bus;
    this.timers = timers;
  }

  start(series: SeriesKey, options: ReplayStartOptions): ReplayState {
    const candles = this.store.read(series, {});
    if (candles.length === 0) {
      throw new KeelError('not_found', `no candles stored for ${series.exchange}:${series.symbol}:${series.timeframe}; import some with keel import FILE --symbol ${series.symbol} --timeframe ${series.timeframe}`);
    }
    let index: number;
    if (options.from !== undefined) {
      const from = options.from;
      index = candles.findIndex((c) => c.t >= from);
      if (index === -1) {
        throw new KeelError('not_found', `no candles at or after ${new Date(from).toISOString()}; the series ends at ${new Date(candles.at(-1)!.t).toISOString()}`);
      }
    } else {
      index = Math.min(options.history, candles.length - 1);
    }
    this.cancelTimer();
    this.series = series;
    this.candles = candles;
    this.speed = options.speed;
    this.index = index;
    this.tick = 0;
    this.forming = null;
    this.clock = candles[index]!.t;
    this.lastPrice = index > 0 ? candles[index - 1]!.c : null;
    this.status = 'playing';
    this.dueAt = this.timers.now() + this.tickInterval();
    this.schedule();
    return this.publish();
  }

  pause(): ReplayState {
    if (this.status !== 'playing') throw new KeelError('conflict', `replay is ${this.status}, so it cannot be paused`);
    this.cancelTimer();
    this.status = 'paused';
    return this.publish();
  }

  resume(): ReplayState {
    if (this.status !== 'paused') throw new KeelError('conflict', `replay is ${this.status}, so it cannot be resumed; start it with replay.start`);
    this.status = 'playing';
    this.dueAt = this.timers.now() + this.tickInterval();
    this.schedule();
    return this.publish();
  }

  stop(): ReplayState {
    this.cancelTimer();
    if (this.status === 'idle') return this.state();
    this.status = 'idle';
    this.series = null;
    this.candles = [];
    this.forming = null;
    this.index = this.tick = 0;
    this.clock = this.lastPrice = null;
    return this.publish();
  }

  setSpeed(speed: number): ReplayState {
    this.speed = speed;
    if (this.status === 'playing') {
      this.cancelTimer();
      this.dueAt = this.timers.now() + this.tickInterval();
      this.schedule();
    }
    return this.publish();
  }

  state(): ReplayState {
    return {
      status: this.status,
      series: this.series,
      speed: this.speed,
      index: this.index,
      total: this.candles.length,
      clock: this.clock,
      lastPrice: this.lastPrice,
    };
  }

  /** Plays ticks until `count` have been sent or the data ends; used by the timer and by tests. */
  step(count = 1): void {
    for (let n = 0; n < count && this.index < this.candles.length; n++) this.playTick();
    if (this.index >= this.candles.length && this.status === 'playing') {
      this.cancelTimer();
      this.status = 'finished';
      this.publish();
    }
  }

  private playTick(): void {
    const series = this.series!;
    const candle = this.candles[this.index]!;
    const tf = timeframeMs(series.timeframe);
    if (this.tick === 0) intrabarPath(candle, this.path);
    const price = this.path[this.tick]!;
    const f = this.forming;
    this.forming =
      this.tick === 0 || f === null
        ? { t: candle.t, o: price, h: price, l: price, c: price, v: candle.v === null ? null : 0 }
        : { t: candle.t, o: f.o, h: Math.max(f.h, price), l: Math.min(f.l, price), c: price, v: f.v };
    this.tick++;
    const closed = this.tick === TICKS_PER_CANDLE;
    // Volume arrives with the ticks; the closed candle carries exactly the stored volume.
    if (candle.v !== null) this.forming.v = closed ? candle.v : (candle.v * this.tick) / TICKS_PER_CANDLE;
    this.lastPrice = price;
    this.clock = closed ? candle.t + tf : candle.t + (tf * this.tick) / TICKS_PER_CANDLE;
    this.bus.emit('market.candle', { series, candle: closed ? candle : this.forming, closed, source: 'replay' });
    if (closed) {
      this.index++;
      this.tick = 0;
      this.forming = null;
      this.publish();
    }
  }

  /** Wall milliseconds between ticks at the current speed. */
  private tickInterval(): number {
    return timeframeMs(this.series!.timeframe) / TICKS_PER_CANDLE / this.speed;
  }

  private schedule(): void {
    const delay = Math.max(0, this.dueAt - this.timers.now());
    this.timer = this.timers.setTimeout(() => this.onTimer(), delay);
  }

  private onTimer(): void {
    this.timer = null;
    if (this.status !== 'playing') return;
    const interval = this.tickInterval();
    const now = this.timers.now();
    // Every tick that is due goes out now, in order; the schedule keeps its phase instead of drifting.
    let due = 0;
    while (this.dueAt <= now) {
      due++;
      this.dueAt += interval;
    }
    this.step(Math.max(1, due));
    if (this.status === 'playing') this.schedule();
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private publish(): ReplayState {
    const s = this.state();
    this.bus.emit('replay.state', s);
    return s;
  }
}
