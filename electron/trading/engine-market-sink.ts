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
  /** Per symbol id, 1 while its prices must not mark the portfolio (another market source's: hold()). */
  #held = new Uint8Array(0);
  #heldCount = 0;

  constructor(portfolio: Portfolio, emulator: TriggerEmulator) {
    this.#portfolio = portfolio;
    this.#emulator = emulator;
  }

  price(id: number, ts: number, price: number, _v: number, continuous?: boolean): void {
    if (this.#emulator.count > 0) this.#emulator.point(id, ts, this.#portfolio.markOf(id), price, continuous === true);
    if (this.#heldCount === 0 || this.#held[id] !== 1) this.#portfolio.mark(id, price);
  }

  bar(id: number, ts: number, o: number, h: number, l: number, c: number, _v: number, d: number): void {
    if (this.#emulator.count > 0) this.#emulate(id, ts, o, h, l, c, d);
    if (this.#heldCount === 0 || this.#held[id] !== 1) this.#portfolio.mark(id, c);
  }

  barAt(id: number, b: FeedBar): void {
    if (this.#emulator.count > 0) this.#emulate(id, b.ts, b.o, b.h, b.l, b.c, b.durationMs);
    if (this.#heldCount === 0 || this.#held[id] !== 1) this.#portfolio.mark(id, b.c);
  }

  /**
   * Holds a symbol's marks: its prices still reach the broker and the triggers, but no longer mark its
   * positions, which read no mark until released. Held, the mark is forgotten, so nothing shows the last
   * price as current. Backtests never hold: the check above is one compare while nothing is held.
   */
  hold(id: number, held: boolean): void {
    if (id >= this.#held.length) {
      if (!held) return;
      const grown = new Uint8Array(Math.max(id + 1, this.#held.length * 2, 64));
      grown.set(this.#held);
      this.#held = grown;
    }
    if ((this.#held[id] === 1) === held) return;
    this.#held[id] = held ? 1 : 0;
    this.#heldCount += held ? 1 : -1;
    if (held) this.#portfolio.mark(id, Number.NaN);
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
