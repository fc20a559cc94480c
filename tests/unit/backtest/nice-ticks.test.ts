import { describe, expect, it } from 'vitest';
import { niceTicks } from '../../../electron/backtest/nice-ticks.ts';
import { svgChart } from '../../../electron/backtest/svg-chart.ts';

describe('niceTicks', () => {
  it('puts an equity axis on round thousands inside the range, not on its quarters', () => {
    expect(niceTicks(8137.55, 12281.2)).toEqual({ values: [9000, 10000, 11000, 12000], decimals: 0 });
  });

  it('keeps 0 on a drawdown axis that ends there and steps by round percents', () => {
    expect(niceTicks(-20.13, 0)).toEqual({ values: [-20, -15, -10, -5, 0], decimals: 0 });
  });

  it('gives a step of 2.5 the decimal more its labels need, and small steps values without float drift', () => {
    expect(niceTicks(-0.47, 0.91)).toEqual({ values: [-0.25, 0, 0.25, 0.5, 0.75], decimals: 2 });
    expect(niceTicks(-0.33, 0)).toEqual({ values: [-0.3, -0.2, -0.1, 0], decimals: 1 });
    expect(niceTicks(-0.17, 0)).toEqual({ values: [-0.15, -0.1, -0.05, 0], decimals: 2 });
  });

  it('has from four to seven distinct ticks inside any range wider than zero', () => {
    const ranges = [[0, 1], [1, 1.0001], [-3e-7, 5e-7], [19597.03, 28447.5], [0.9, 1.1], [-1e9, 1e9], [99.99, 100.01], [0, 0.0299], [7, 7.5]] as const;
    for (const [lo, hi] of ranges) {
      const t = niceTicks(lo, hi);
      const at = `${lo}..${hi}: ${t.values.join(', ')}`;
      expect(t.values.length, at).toBeGreaterThanOrEqual(4);
      expect(t.values.length, at).toBeLessThanOrEqual(7);
      for (const v of t.values) expect(v >= lo && v <= hi, at).toBe(true);
      expect(new Set(t.values.map((v) => v.toFixed(t.decimals))).size, at).toBe(t.values.length);
    }
  });
});

describe('svgChart axes', () => {
  const labels = (svg: string, anchor: string) => [...svg.matchAll(new RegExp(`<text[^>]*text-anchor="${anchor}"[^>]*>([^<]+)</text>`, 'g'))].map((m) => m[1]);

  it("labels a scatter's small percentages on both axes with distinct round values", () => {
    const dots = [{ name: 'signal', color: '#4c9aff', r: 3, dots: [{ x: -0.31, y: 0.91, title: 'a' }, { x: -0.005, y: -0.47, title: 'b' }] }];
    const svg = svgChart([], { dots, yLabel: (v, d) => `${v.toFixed(d)}%`, xLabel: (v, d) => `${v.toFixed(d)}%`, zeroLine: true, zeroRule: true });
    expect(labels(svg, 'end')).toEqual(['-0.25%', '0.00%', '0.25%', '0.50%', '0.75%']);
    expect(labels(svg, 'middle')).toEqual(['-0.3%', '-0.2%', '-0.1%', '0.0%']);
  });

  it('keeps a time axis on dates at its quarters', () => {
    const day = 86_400_000;
    const svg = svgChart([{ points: [[0, 1], [4 * day, 2]], color: '#fff' }], { yLabel: (v, d) => v.toFixed(d) });
    expect(labels(svg, 'start')).toEqual(['1970-01-01']);
    expect(labels(svg, 'middle')).toEqual(['1970-01-02', '1970-01-03', '1970-01-04']);
    expect(labels(svg, 'end').slice(-1)).toEqual(['1970-01-05']);
  });
});
