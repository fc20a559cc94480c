// A map by string id for collections that are almost always tiny: the open orders of an engine or a
// journal during a backtest (one or two at a time, each added and removed within a bar or so). V8's Map
// makes a table entry per insert and shrinks and rehashes its table as it empties, so an order placed
// and closed cost several allocations per map; below MAP_FROM entries two short arrays searched by
// identity-first string comparison do the same job with none. Past that (a grid of orders, a busy
// live account) the entries move to a Map, and back to arrays once it is empty again.
//
// Insertion order is kept in both forms, as Map keeps it: callers that walk the values (cancel all,
// resizing reduce-only orders) act in the order the entries were added.

/** From this many entries on, a Map; below, the arrays. */
const MAP_FROM = 16;

export class SmallIdMap<V> {
  readonly #keys: string[] = [];
  readonly #vals: V[] = [];
  #map: Map<string, V> | null = null;

  get size(): number {
    return this.#map !== null ? this.#map.size : this.#keys.length;
  }

  get(key: string): V | undefined {
    if (this.#map !== null) return this.#map.get(key);
    const i = this.#keys.indexOf(key);
    return i === -1 ? undefined : this.#vals[i];
  }

  has(key: string): boolean {
    return this.#map !== null ? this.#map.has(key) : this.#keys.indexOf(key) !== -1;
  }

  /** Adds or replaces; a replaced entry keeps its place in the order, as with Map. */
  set(key: string, value: V): this {
    if (this.#map !== null) {
      this.#map.set(key, value);
      return this;
    }
    const keys = this.#keys;
    const i = keys.indexOf(key);
    if (i !== -1) {
      this.#vals[i] = value;
      return this;
    }
    keys.push(key);
    this.#vals.push(value);
    if (keys.length >= MAP_FROM) {
      const map = new Map<string, V>();
      for (let k = 0; k < keys.length; k++) map.set(keys[k]!, this.#vals[k]!);
      this.#map = map;
      keys.length = 0;
      this.#vals.length = 0;
    }
    return this;
  }

  /** Removes the entry; true when there was one. */
  delete(key: string): boolean {
    const map = this.#map;
    if (map !== null) {
      const had = map.delete(key);
      if (map.size === 0) this.#map = null;
      return had;
    }
    const keys = this.#keys;
    const i = keys.indexOf(key);
    if (i === -1) return false;
    // The last entry is the usual one to go (the order just placed); otherwise the later ones move up a
    // place, keeping the order. pop() keeps the arrays' storage, where length = 0 would give it back.
    const n = keys.length - 1;
    const vals = this.#vals;
    for (let k = i; k < n; k++) {
      keys[k] = keys[k + 1]!;
      vals[k] = vals[k + 1]!;
    }
    keys.pop();
    vals.pop();
    return true;
  }

  clear(): void {
    this.#map = null;
    while (this.#keys.length > 0) {
      this.#keys.pop();
      this.#vals.pop();
    }
  }

  /** The values in insertion order, to read without copying: do not change the map while walking them. */
  view(): Iterable<V> {
    return this.#map !== null ? this.#map.values() : this.#vals;
  }

  /** The values in insertion order, as a new array: changing the map while walking it is safe. */
  values(): V[] {
    return this.#map !== null ? [...this.#map.values()] : this.#vals.slice();
  }
}
