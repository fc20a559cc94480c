// Extra candle streams for strategies. A strategy may run on any series the active source serves, not only
// the one the chart shows; the market service keeps one candles-only stream per followed series and
// publishes its candles as market.candle events, exactly like the selected market's. So the paper broker
// gets that symbol's prices (its orders can fill) and the strategy hears its candles the way it would hear
// the chart's, after the trading feed.
//
// A follow is bound to its source and exchange: a strategy's bars must not mix a replay of 2024 with
// today's simulated market. While another source is active, it waits; when its source is active again, it
// streams again.
//
// A followed series that is the selected market needs no stream of its own (the selected market's events
// already carry it). One whose symbol another published stream already prices (the selected market, or a
// follow of the same symbol at a shorter timeframe) publishes its closed candles only: a forming candle is
// stamped with its open time, which for the longer timeframe lies minutes back and would move the paper
// broker's market clock backwards. Strategies act on closed candles, so they lose nothing.
import type { MarketSelection } from '../../shared/contract/market-schemas.ts';
import { timeframeMs } from '../../shared/domain/timeframe.ts';
import type { EventBus } from '../app/event-bus.ts';
import type { Logger } from '../app/logger.ts';
import type { MarketSource, MarketWatch } from './market-source.ts';

/** What a follower holds: release it when the strategy stops. */
export interface SeriesFollow {
  readonly selection: Readonly<MarketSelection>;
  /** Whether its candles reach the bus now (its source is the active one). */
  streaming(): boolean;
  release(): Promise<void>;
}

interface Followed {
  readonly key: string;
  readonly selection: Readonly<MarketSelection>;
  refs: number;
  /** Its own stream, and the source it is on; null while it waits or while the selected market carries it. */
  watch: MarketWatch | null;
  source: MarketSource | null;
  /** Bumped whenever the stream is (re)opened or closed, so a late watch() answer gives way. */
  generation: number;
  closedOnly: boolean;
}

interface ActiveSource {
  selection: MarketSelection;
  source: MarketSource;
}

const keyOf = (s: MarketSelection) => `${s.source}|${s.exchange}|${s.symbol}|${s.timeframe}`;
const sameSource = (a: MarketSelection, b: MarketSelection) => a.source === b.source && a.exchange === b.exchange;
const sameSeries = (a: MarketSelection, b: MarketSelection) => sameSource(a, b) && a.symbol === b.symbol && a.timeframe === b.timeframe;

export class SeriesFollows {
  readonly #bus: Pick<EventBus, 'emit'>;
  readonly #log: Logger;
  readonly #followed = new Map<string, Followed>();
  #active: ActiveSource | null = null;
  #closed = false;

  constructor(options: { bus: Pick<EventBus, 'emit'>; log: Logger }) {
    this.#bus = options.bus;
    this.#log = options.log;
  }

  /** Follows a series of `selection`'s source; streams at once when that source is active. */
  follow(selection: MarketSelection): SeriesFollow {
    const frozen = Object.freeze({ ...selection });
    const key = keyOf(frozen);
    let f = this.#followed.get(key);
    if (f) f.refs++;
    else {
      f = { key, selection: frozen, refs: 1, watch: null, source: null, generation: 0, closedOnly: false };
      this.#followed.set(key, f);
      this.#recompute();
      void this.#open(f);
    }
    const entry = f;
    let released = false;
    return {
      selection: frozen,
      streaming: () => this.#active !== null && sameSource(this.#active.selection, entry.selection),
      release: async () => {
        if (released) return;
        released = true;
        if (--entry.refs > 0) return;
        this.#followed.delete(entry.key);
        await this.#shut(entry);
        this.#recompute();
      },
    };
  }

  /** The market service made another market active (or none): streams move to where they belong. */
  async retarget(active: ActiveSource | null): Promise<void> {
    this.#active = active === null ? null : { selection: { ...active.selection }, source: active.source };
    this.#recompute();
    await Promise.all(
      [...this.#followed.values()].map(async (f) => {
        // A stream already on the new active source stays open (the chart moved to another symbol).
        if (f.watch !== null && f.source === this.#active?.source && this.#ownStream(f)) return;
        await this.#shut(f);
        await this.#open(f);
      }),
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#active = null;
    await Promise.all([...this.#followed.values()].map((f) => this.#shut(f)));
    this.#followed.clear();
  }

  /** Opens the follow's own stream when its source is active and the selected market does not carry it. */
  async #open(f: Followed): Promise<void> {
    const active = this.#active;
    if (this.#closed || active === null || !this.#ownStream(f)) return;
    const generation = ++f.generation;
    const { selection } = f;
    const kind = active.source.kind;
    try {
      const watch = await active.source.watch(
        { symbol: selection.symbol, timeframe: selection.timeframe, channels: ['candles'] },
        {
          onCandle: (u) => {
            if (f.generation !== generation || this.#active?.source !== active.source) return;
            if (f.closedOnly && !u.closed) return;
            this.#bus.emit('market.candle', { series: u.series, candle: u.candle, closed: u.closed, source: kind });
          },
        },
      );
      if (f.generation !== generation || !this.#followed.has(f.key)) await watch.stop();
      else {
        f.watch = watch;
        f.source = active.source;
      }
    } catch (err) {
      this.#log.warn('market', `cannot stream ${selection.exchange} ${selection.symbol} ${selection.timeframe} for a strategy: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async #shut(f: Followed): Promise<void> {
    f.generation++;
    const watch = f.watch;
    f.watch = null;
    f.source = null;
    if (watch) await watch.stop().catch((err: unknown) => this.#log.warn('market', `stopping a strategy's stream: ${String(err)}`));
  }

  /** Whether the follow needs a stream of its own now: its source is active, and it is not the selected market. */
  #ownStream(f: Followed): boolean {
    const active = this.#active;
    return active !== null && sameSource(active.selection, f.selection) && !sameSeries(active.selection, f.selection);
  }

  /** Which follows publish closed candles only: another published stream already prices their symbol. */
  #recompute(): void {
    const active = this.#active;
    const carried = new Set<string>();
    if (active) carried.add(active.selection.symbol);
    const mine = [...this.#followed.values()]
      .filter((f) => this.#ownStream(f))
      .sort((a, b) => timeframeMs(a.selection.timeframe) - timeframeMs(b.selection.timeframe));
    for (const f of mine) {
      f.closedOnly = carried.has(f.selection.symbol);
      carried.add(f.selection.symbol);
    }
  }
}
