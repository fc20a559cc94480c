// What the user types into an indicator's fields, and what comes back from localStorage.
import { describe, expect, it } from 'vitest';
import { defaultParams, lineColor, specOf } from '../../../renderer/src/features/chart/indicators/indicator-catalog.ts';
import { nextOverlayColor, OVERLAY_PALETTE } from '../../../renderer/src/features/chart/indicators/indicator-colors.ts';
import { areValidParams, paramProblem, parseParams } from '../../../renderer/src/features/chart/indicators/indicator-params.ts';
import type { IndicatorInstance } from '../../../renderer/src/features/chart/indicators/indicator-types.ts';
import { DEFAULT_INDICATORS, loadIndicators, MAX_INDICATORS, newInstance, nextId, parseStored, saveIndicators, STORAGE_KEY } from '../../../renderer/src/features/chart/indicators/indicator-storage.ts';

const PERIOD = specOf('ema').params[0]!;

describe('parameter fields', () => {
  it('accepts whole periods in range and says what is wrong otherwise', () => {
    expect(paramProblem(PERIOD, '20')).toBeNull();
    expect(paramProblem(PERIOD, ' 200 ')).toBeNull();
    expect(paramProblem(PERIOD, '')).toBe('Period is required');
    expect(paramProblem(PERIOD, 'abc')).toBe('Period must be a number');
    expect(paramProblem(PERIOD, '0x10')).toBe('Period must be a number');
    expect(paramProblem(PERIOD, '-5')).toBe('Period must be a number');
    expect(paramProblem(PERIOD, '1e3')).toBe('Period must be a number');
    expect(paramProblem(PERIOD, '2.5')).toBe('Period must be a whole number');
    expect(paramProblem(PERIOD, '0')).toBe('Period must be from 1 to 1000');
    expect(paramProblem(PERIOD, '1001')).toBe('Period must be from 1 to 1000');
  });

  it('accepts fractional multipliers', () => {
    const bb = specOf('bollinger');
    expect(parseParams(bb, { period: '20', mult: '2.5' })).toEqual({ ok: true, params: { period: 20, mult: 2.5 } });
    expect(parseParams(bb, { period: '20', mult: '0' })).toEqual({ ok: false, fieldErrors: { mult: 'Std dev must be from 0.1 to 10' }, formError: null });
  });

  it('checks across fields: MACD fast must be shorter than slow', () => {
    const macd = specOf('macd');
    expect(parseParams(macd, { fast: '12', slow: '26', signal: '9' }).ok).toBe(true);
    expect(parseParams(macd, { fast: '26', slow: '12', signal: '9' })).toEqual({ ok: false, fieldErrors: {}, formError: 'Fast must be shorter than slow' });
  });

  it('fills untouched fields with the defaults', () => {
    expect(parseParams(specOf('stochastic'), {})).toEqual({ ok: true, params: { kPeriod: 14, kSmooth: 3, dPeriod: 3 } });
  });

  it('checks stored parameters exactly: no missing, extra or out-of-range keys', () => {
    const rsi = specOf('rsi');
    expect(areValidParams(rsi, { period: 14 })).toBe(true);
    expect(areValidParams(rsi, { period: 14, extra: 1 })).toBe(false);
    expect(areValidParams(rsi, { period: 0 })).toBe(false);
    expect(areValidParams(rsi, { period: '14' })).toBe(false);
    expect(areValidParams(rsi, null)).toBe(false);
    expect(areValidParams(specOf('vwap'), {})).toBe(true);
  });
});

describe('saved indicators', () => {
  function memoryStorage(initial: Record<string, string> = {}) {
    const data = new Map(Object.entries(initial));
    return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
  }

  it('round-trips through localStorage', () => {
    const storage = memoryStorage();
    const list: IndicatorInstance[] = [
      { id: 'ema-1', kind: 'ema', params: { period: 9 }, color: '#f0b90b' },
      { id: 'macd-1', kind: 'macd', params: { fast: 8, slow: 21, signal: 5 } },
    ];
    saveIndicators(storage, list);
    expect(loadIndicators(storage)).toEqual(list);
  });

  it('starts with the defaults when nothing is saved, or the saved text is not a list', () => {
    expect(loadIndicators(memoryStorage())).toEqual(DEFAULT_INDICATORS);
    expect(loadIndicators(memoryStorage({ [STORAGE_KEY]: '{not json' }))).toEqual(DEFAULT_INDICATORS);
    expect(loadIndicators(memoryStorage({ [STORAGE_KEY]: '{"a":1}' }))).toEqual(DEFAULT_INDICATORS);
    expect(loadIndicators(null)).toEqual(DEFAULT_INDICATORS);
  });

  it('an empty saved list stays empty: the user removed everything', () => {
    expect(loadIndicators(memoryStorage({ [STORAGE_KEY]: '[]' }))).toEqual([]);
  });

  it('drops bad entries one by one and keeps the rest', () => {
    const stored = JSON.stringify([
      { id: 'ema-1', kind: 'ema', params: { period: 20 } },
      { id: 'foo-1', kind: 'foo', params: {} },
      { id: 'rsi-1', kind: 'rsi', params: { period: -3 } },
      { id: 'ema-1', kind: 'ema', params: { period: 50 } },
      { id: '<script>', kind: 'sma', params: { period: 5 } },
      { id: 'sma-1', kind: 'sma', params: { period: 5 }, color: 'red; background:url(x)' },
      null,
    ]);
    expect(parseStored(stored)).toEqual([
      { id: 'ema-1', kind: 'ema', params: { period: 20 } },
      { id: 'sma-1', kind: 'sma', params: { period: 5 } },
    ]);
  });

  it(`keeps at most ${MAX_INDICATORS}`, () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ id: `sma-${i + 1}`, kind: 'sma', params: { period: i + 1 } }));
    expect(parseStored(JSON.stringify(many))).toHaveLength(MAX_INDICATORS);
  });

  it('survives a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(loadIndicators(broken)).toEqual(DEFAULT_INDICATORS);
    expect(() => saveIndicators(broken, [])).not.toThrow();
  });

  it('gives new instances free ids and unused palette colours', () => {
    const list = [
      { id: 'ema-1', kind: 'ema' as const, params: { period: 20 }, color: OVERLAY_PALETTE[0] },
      { id: 'ema-3', kind: 'ema' as const, params: { period: 50 }, color: OVERLAY_PALETTE[1] },
    ];
    expect(nextId('ema', list)).toBe('ema-2');
    expect(newInstance('ema', { period: 100 }, list)).toEqual({ id: 'ema-2', kind: 'ema', params: { period: 100 }, color: OVERLAY_PALETTE[2] });
    expect(newInstance('rsi', { period: 14 }, list)).toEqual({ id: 'rsi-1', kind: 'rsi', params: { period: 14 } });
    expect(nextOverlayColor([...OVERLAY_PALETTE])).toBe(OVERLAY_PALETTE[0]);
    // All taken: the hue fewest overlays use, not one already drawn twice.
    expect(nextOverlayColor([...OVERLAY_PALETTE, OVERLAY_PALETTE[1]])).toBe(OVERLAY_PALETTE[0]);
    expect(nextOverlayColor([...OVERLAY_PALETTE, OVERLAY_PALETTE[0]])).toBe(OVERLAY_PALETTE[1]);
  });

  // The default EMAs are blue and pink; Bollinger Bands used to come in that blue and VWAP in that pink.
  it('gives band overlays and VWAP a hue no overlay on the chart uses, and later moving averages skip theirs too', () => {
    let list: IndicatorInstance[] = DEFAULT_INDICATORS.map((i) => ({ ...i }));
    const add = (kind: IndicatorInstance['kind'], params: Record<string, number> = defaultParams(specOf(kind))) => {
      const instance = newInstance(kind, params, list);
      list = [...list, instance];
      return instance;
    };
    /** Every colour an instance's lines are drawn in. */
    const drawnIn = (instance: IndicatorInstance) => new Set(specOf(instance.kind).lines.map((_, k) => lineColor(instance, k)));
    const taken = () => new Set(list.slice(0, -1).flatMap((i) => [...drawnIn(i)]));

    const bb = add('bollinger');
    expect(bb.color).toBeDefined();
    expect([...taken()]).not.toContain(bb.color);
    expect(drawnIn(bb)).toEqual(new Set([bb.color]));
    // The middle line stays told apart from the bands by its dash.
    expect(specOf('bollinger').lines.map((l) => l.dashed ?? false)).toEqual([false, true, false]);

    const vwap = add('vwap');
    expect([...taken()]).not.toContain(vwap.color);
    expect(drawnIn(vwap)).toEqual(new Set([vwap.color]));

    const sma = add('sma', { period: 10 });
    expect([...taken()]).not.toContain(sma.color);

    for (const kind of ['donchian', 'keltner'] as const) {
      const channel = add(kind);
      expect([...taken()]).not.toContain(channel.color);
      expect(drawnIn(channel)).toEqual(new Set([channel.color]));
    }
    // Seven overlays, seven palette hues: every one on the chart in a hue of its own.
    expect(new Set(list.map((i) => i.color)).size).toBe(list.length);
  });

  it('draws a band overlay saved without a colour (an older version) in its fixed hue, and new overlays avoid it', () => {
    const list = parseStored(
      JSON.stringify([
        { id: 'bollinger-1', kind: 'bollinger', params: { period: 20, mult: 2 } },
        { id: 'vwap-1', kind: 'vwap', params: {} },
        { id: 'donchian-1', kind: 'donchian', params: { period: 20 } },
      ]),
    )!;
    expect(list).toHaveLength(3);
    for (const instance of list) {
      expect(instance.color).toBeUndefined();
      specOf(instance.kind).lines.forEach((line, k) => expect(lineColor(instance, k)).toBe(line.color));
    }
    const oldHues = list.flatMap((i) => specOf(i.kind).lines.map((l) => l.color));
    const ema = newInstance('ema', { period: 20 }, list);
    expect(oldHues).not.toContain(ema.color);
    expect(OVERLAY_PALETTE).toContain(ema.color);
  });
});
