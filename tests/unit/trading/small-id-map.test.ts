// SmallIdMap against Map: the same answers and the same order of values through random adds, replaces
// and deletes, on both sides of the size where it moves from its arrays to a Map and back.
import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../../../electron/risk/projection/prng.ts';
import { SmallIdMap } from '../../../electron/trading/small-id-map.ts';

describe('SmallIdMap', () => {
  it('agrees with a Map, values in insertion order, through 20,000 random changes across the array/map switch', () => {
    const rand = rng(7);
    const small = new SmallIdMap<number>();
    const model = new Map<string, number>();
    for (let step = 0; step < 20_000; step++) {
      // Drift between near-empty and a few dozen entries, so both forms and both switches are exercised.
      const target = step % 4000 < 2000 ? 3 : 40;
      const key = `o${Math.floor(rand() * 60)}`;
      const r = rand();
      if (r < (model.size < target ? 0.7 : 0.3)) {
        small.set(key, step);
        model.set(key, step);
      } else {
        expect(small.delete(key)).toBe(model.delete(key));
      }
      expect(small.size).toBe(model.size);
      const probe = `o${Math.floor(rand() * 60)}`;
      expect(small.get(probe)).toBe(model.get(probe));
      expect(small.has(probe)).toBe(model.has(probe));
      if (step % 97 === 0) {
        expect(small.values()).toEqual([...model.values()]);
        expect([...small.view()]).toEqual([...model.values()]);
      }
    }
    small.clear();
    expect(small.size).toBe(0);
    expect(small.values()).toEqual([]);
    expect(small.get('o1')).toBeUndefined();
  });

  it('values() is a copy: entries deleted while walking it are all still walked', () => {
    const m = new SmallIdMap<string>();
    for (const k of ['a', 'b', 'c']) m.set(k, k.toUpperCase());
    const seen: string[] = [];
    for (const v of m.values()) {
      seen.push(v);
      m.delete(v.toLowerCase());
    }
    expect(seen).toEqual(['A', 'B', 'C']);
    expect(m.size).toBe(0);
  });
});
