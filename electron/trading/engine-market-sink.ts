// The execution engine's subscriber to the market feed.
import { visitsHighFirst } from '../../shared/domain/intrabar-path.ts';
import type { TriggerEmulator } from './emulated-triggers.ts';
import type { FeedBar, MarketSink } from './market-feed.ts';
import type { Portfolio } from './portfolio.ts';

/**
 * The engine's subscriber to the market feed: marks the portfolio, and walks emulated triggers along each
 * bar's path. A class, not an object of closures made per engine, so the feed's call to it sees one
 * function across engines (backtests build one engine per run) and V8 can inline it there.
 */
export class EngineMarketSink implements MarketSink {
  readonly #portfolio: Portfolio;
  readonly #emulator: TriggerEmulator;

  constructor(portfolio: Portfolio, emulator: TriggerEmulator) {
    this.#portfolio = portfolio;
    this.#emulator = emulator;
  }

  price(id: number, ts: number, price: number): void {
    if (this.#emulator.count > 0) this.#emulator.point(id, ts, this.#portfolio.markOf(id), price, false);
    this.#portfolio.mark(id, price);
  }

  bar(id: number, ts: number, o: number, h: number, l: number, c: number, _v: number, d: number): void {
    if (this.#emulator.count > 0) this.#emulate(id, ts, o, h, l, c, d);
    this.#portfolio.mark(id, c);
  }

  barAt(id: number, b: FeedBar): void {
    if (this.#emulator.count > 0) this.#emulate(id, b.ts, b.o, b.h, b.l, b.c, b.durationMs);
    this.#portfolio.mark(id, b.c);
  }

  book(): void {}

  #emulate(id: number, ts: number, o: number, h: number, l: number, c: number, d: number): void {
    const emulator = this.#emulator;
    const highFirst = visitsHighFirst(o, h, l);
    emulator.point(id, ts, this.#portfolio.markOf(id), o, false);
    emulator.point(id, ts + d / 3, o, highFirst ? h : l, true);
    emulator.point(id, ts + (2 * d) / 3, highFirst ? h : l, highFirst ? l : h, true);
    emulator.point(id, ts + d, highFirst ? l : h, c, true);
  }
}
