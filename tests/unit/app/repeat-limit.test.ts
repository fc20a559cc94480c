// A line that would repeat at every tick goes out once a minute, saying how many were held back.
import { describe, expect, it } from 'vitest';
import { heldBack, RepeatLimit } from '../../../electron/app/logger.ts';

describe('RepeatLimit', () => {
  it('lets the first line through, holds back the rest for the span, then says how many it held', () => {
    let now = 1_000;
    const limit = new RepeatLimit(60_000, () => now);
    const said: string[] = [];
    const tick = () => {
      const held = limit.pass();
      if (held !== null) said.push(`failed at ${now}${heldBack(held)}`);
    };
    tick();
    for (let k = 0; k < 40; k++) {
      now += 1_000;
      tick();
    }
    expect(said).toEqual(['failed at 1000']);
    now += 30_000; // 70 s after the first
    tick();
    expect(said).toEqual(['failed at 1000', 'failed at 71000 (and 40 more like it since the last such line)']);
    now += 60_000;
    tick();
    expect(said.at(-1)).toBe('failed at 131000');
  });
});
