// Which market source may mark a symbol's paper positions. The paper account is one account, but the app's
// market sources are different markets: the simulated market's BTC/USDT at 60,000 and a replay of 2021's
// stored candles at 47,000 are not two prices of one thing. A position is marked only by the source it was
// opened on (the one whose price filled it); while another source streams the symbol, its marks are held
// (the positions read no mark, "—", and equity counts them at cost) until its own source prices it again.
// A symbol with no open position follows whatever source streams it.
//
// Kept in memory: after a restart the first source to price a position is taken as its own.

/** What this needs of the execution engine. */
export interface MarkHolder {
  holdsPosition(symbol: string): boolean;
  holdMarks(symbol: string, held: boolean): void;
}

interface SymbolSource {
  /** The source of the symbol's latest price: the one that filled an order at it. */
  last: string;
  /** The source its open positions were opened on, or null while it has none. */
  own: string | null;
  held: boolean;
}

export class MarkSources {
  readonly #engine: MarkHolder;
  readonly #symbols = new Map<string, SymbolSource>();

  constructor(engine: MarkHolder) {
    this.#engine = engine;
  }

  /** Before a price of `symbol` from `source` (kind and exchange, "replay:local") reaches the engine. */
  before(symbol: string, source: string): void {
    let s = this.#symbols.get(symbol);
    if (s === undefined) this.#symbols.set(symbol, (s = { last: source, own: null, held: false }));
    if (!this.#engine.holdsPosition(symbol)) s.own = null;
    // Opened since the last price: on the source of that price, which filled it.
    else if (s.own === null) s.own = s.last;
    s.last = source;
    const held = s.own !== null && s.own !== source;
    if (held === s.held) return;
    s.held = held;
    this.#engine.holdMarks(symbol, held);
  }
}
