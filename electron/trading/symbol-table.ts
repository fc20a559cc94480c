// Symbols as small integers: the per-bar path (feed → paper broker → portfolio marks) indexes arrays
// by symbol id instead of hashing the symbol string at every stop. One table is shared by the feed,
// the broker and the portfolio, so an id means the same market everywhere.

export class SymbolTable {
  readonly #ids = new Map<string, number>();
  readonly #names: string[] = [];
  /**
   * The last symbol looked up and its id: an order asks for its symbol's id a dozen times (position,
   * mark, reservations, risk), nearly always the same string object, which compares by identity first.
   */
  #lastName: string | null = null;
  #lastId = -1;

  /** The id of `symbol`, assigned on first sight (0, 1, 2, ...). */
  id(symbol: string): number {
    if (symbol === this.#lastName) return this.#lastId;
    let id = this.#ids.get(symbol);
    if (id === undefined) {
      id = this.#names.length;
      this.#ids.set(symbol, id);
      this.#names.push(symbol);
    }
    this.#lastName = symbol;
    this.#lastId = id;
    return id;
  }

  /** The id if the symbol has one, else -1 (never assigns). */
  find(symbol: string): number {
    if (symbol === this.#lastName) return this.#lastId;
    const id = this.#ids.get(symbol);
    if (id === undefined) return -1;
    this.#lastName = symbol;
    this.#lastId = id;
    return id;
  }

  name(id: number): string {
    const name = this.#names[id];
    if (name === undefined) throw new RangeError(`no symbol with id ${id}`);
    return name;
  }

  get size(): number {
    return this.#names.length;
  }
}
