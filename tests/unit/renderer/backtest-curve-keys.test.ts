// Many runs drawn on the equity and drawdown charts: each has a line of its own (a colour and a stroke no
// other drawn run has) and its key says which, up to the most the page draws at once; a tick past that
// draws nothing rather than a line the same as another's.
import { describe, expect, it } from 'vitest';
import { curveKeys, drawLimitNote, MAX_DRAWN, toggledShown } from '../../../renderer/src/features/backtest/curve-keys.ts';
import { RUN_COLORS } from '../../../shared/backtest/palette.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `bt-${i + 1}`);
const results = (runIds: readonly string[]) =>
  Object.fromEntries(runIds.map((id, i) => [id, { request: { strategy: 'sma-cross', params: { fast: i + 2 }, mode: 'moderate', series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' } } }])) as unknown as Parameters<typeof curveKeys>[1];

describe('the curve key of many runs', () => {
  it('gives every run drawn, up to the most drawn at once, a colour and stroke no other has', () => {
    const shown = ids(MAX_DRAWN);
    const keys = curveKeys(shown, results(shown));
    expect(keys).toHaveLength(MAX_DRAWN);
    expect(new Set(keys.map((k) => `${k.color} ${k.stroke}`)).size).toBe(MAX_DRAWN);
    // Run 7 is run 1's colour, dashed; run 13 dotted; the first six solid.
    expect(keys.slice(0, RUN_COLORS.length).every((k) => k.stroke === 'solid')).toBe(true);
    expect([keys[6]!.color, keys[6]!.stroke]).toEqual([keys[0]!.color, 'dashed']);
    expect([keys[12]!.color, keys[12]!.stroke]).toEqual([keys[0]!.color, 'dotted']);
    // The key's swatch is broken as the line is: a solid colour for a solid line, a repeating gradient otherwise.
    expect(keys[0]!.swatch).toBe(keys[0]!.color);
    expect(keys[6]!.swatch).not.toBe(keys[12]!.swatch);
    expect(keys[6]!.swatch).toContain('repeating-linear-gradient');
  });

  it('draws no more than that many: a tick past them draws nothing, and one taken off makes room', () => {
    const full = ids(MAX_DRAWN);
    expect(toggledShown(full, 'bt-99')).toEqual(full);
    const fewer = toggledShown(full, 'bt-3');
    expect(fewer).toHaveLength(MAX_DRAWN - 1);
    expect(toggledShown(fewer, 'bt-99')).toEqual([...fewer, 'bt-99']);
    expect(toggledShown(['bt-1'], 'bt-2')).toEqual(['bt-1', 'bt-2']);
  });
});

// The 19th run's tick box is greyed out: its tooltip said why, but a disabled box takes no keyboard focus and a
// tooltip shows only under a pointer held still, so a trader saw a dead box. The table says it in words.
describe('the words over the runs table when the most runs are drawn', () => {
  it('say the limit and how to draw another once a finished run is left undrawn by it', () => {
    expect(drawLimitNote(MAX_DRAWN, MAX_DRAWN + 1)).toBe(`${MAX_DRAWN} runs drawn, the most at once (each in a colour and stroke of its own): untick one to draw another`);
  });

  it('say nothing below the limit, nor when every finished run is drawn', () => {
    expect(drawLimitNote(MAX_DRAWN - 1, 40)).toBeNull();
    expect(drawLimitNote(MAX_DRAWN, MAX_DRAWN)).toBeNull();
  });
});
