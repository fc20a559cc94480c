import { describe, expect, it } from 'vitest';
import { fitAxis, niceTicks, pctTickText, tickText } from '../../../shared/backtest/nice-ticks.ts';
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

describe('tick labels', () => {
  it('group thousands as the tables write numbers, with the decimals that tell the ticks apart', () => {
    const t = niceTicks(8137.55, 12281.2);
    expect(t.values.map((v) => tickText(v, t.decimals))).toEqual(['9,000', '10,000', '11,000', '12,000']);
    expect(pctTickText(1200, 0)).toBe('1,200%');
    expect(pctTickText(-2.5, 1)).toBe('-2.5%');
  });

  it('write a value that rounds to zero at their decimals without a minus (a drawdown axis read "-0.0%")', () => {
    expect(pctTickText(-0.01, 1)).toBe('0.0%');
    expect(pctTickText(-0, 0)).toBe('0%');
    expect(tickText(-0.4, 0)).toBe('0');
    expect(tickText(-0.05, 1)).toBe('-0.1');
  });
});

describe('svgChart axes', () => {
  const labels = (svg: string, anchor: string) => [...svg.matchAll(new RegExp(`<text[^>]*text-anchor="${anchor}"[^>]*>([^<]+)</text>`, 'g'))].map((m) => m[1]);

  it("labels a scatter's small percentages on both axes with distinct round values", () => {
    const dots = [{ name: 'signal', color: '#4c9aff', r: 3, dots: [{ x: -0.31, y: 0.91, title: 'a' }, { x: -0.005, y: -0.47, title: 'b' }] }];
    const svg = svgChart([], { dots, yLabel: (v, d) => `${v.toFixed(d)}%`, xLabel: (v, d) => `${v.toFixed(d)}%`, zeroLine: true, zeroRule: true });
    // Returns -0.47 to 0.91, fitted with room past each (fitAxis): -0.55 to 0.99, ticked every 0.25.
    expect(labels(svg, 'end')).toEqual(['-0.50%', '-0.25%', '0.00%', '0.25%', '0.50%', '0.75%']);
    expect(labels(svg, 'middle')).toEqual(['-0.3%', '-0.2%', '-0.1%', '0.0%']);
  });

  const yLabelsAt = (svg: string) => [...svg.matchAll(/<text x="([\d.]+)"[^>]*text-anchor="end">([^<]+)<\/text>/g)].map((m) => ({ x: Number(m[1]), text: m[2]! }));

  it("makes room for a trillion's labels, which ran off the left edge as 00,000,000", () => {
    const svg = svgChart([{ points: [[0, 1e12], [1, 2.2e12]], color: '#fff' }], { yLabel: (v, d) => v.toLocaleString('en-US', { maximumFractionDigits: d }) });
    const ys = yLabelsAt(svg); // the time axis's labels carry data-t, so none is among these
    expect(ys.map((l) => l.text)).toContain('2,000,000,000,000');
    // Each label ends at x and is about 6px a character wide at the report's 10px: it starts inside the frame.
    for (const l of ys) expect(l.x - l.text.length * 6, l.text).toBeGreaterThanOrEqual(0);
  });

  it('draws a drawdown that never fell under a 0 at the top, never an axis of drawdowns above 0', () => {
    const svg = svgChart([{ points: [[0, 0], [1, 0], [2, 0]], color: '#f00', fill: true }], { yLabel: (v, d) => `${v.toFixed(d)}%`, zeroLine: true });
    const ys = yLabelsAt(svg).map((l) => parseFloat(l.text));
    expect(ys.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...ys)).toBe(0);
    expect(Math.min(...ys)).toBeLessThan(0);
  });

  it('draws a flat equity in the middle of its axis, not along the bottom of one running up to one more', () => {
    const svg = svgChart([{ points: [[0, 10_000], [1, 10_000]], color: '#fff' }], { yLabel: (v, d) => v.toFixed(d) });
    const y = Number(/<path d="M[\d.]+,([\d.]+)/.exec(svg)![1]);
    expect(Math.abs(y - (10 + (220 - 10 - 22) / 2))).toBeLessThan(1);
    const ys = yLabelsAt(svg).map((l) => Number(l.text));
    expect(Math.min(...ys)).toBeLessThan(10_000);
    expect(Math.max(...ys)).toBeGreaterThan(10_000);
  });

  /** A time axis's ticks: where each is drawn, its time and its text. */
  const timeLabels = (svg: string) => [...svg.matchAll(/<text x="([\d.]+)"[^>]*text-anchor="([a-z]+)" data-t="(\d+)">([^<]+)<\/text>/g)].map((m) => ({ x: Number(m[1]), anchor: m[2], t: Number(m[3]), text: m[4] }));

  it("ticks a time axis of a few days on round hours, not on the span's quarters (17:45, 11:30…)", () => {
    const hour = 3_600_000;
    const svg = svgChart([{ points: [[0, 1], [71 * hour, 2]], color: '#fff' }], { yLabel: (v, d) => v.toFixed(d) });
    const ticks = timeLabels(svg);
    expect(ticks.map((k) => k.text)).toEqual(['1 Jan', '12:00', '2 Jan', '12:00', '3 Jan', '12:00']);
    expect(ticks.map((k) => k.t / hour)).toEqual([0, 12, 24, 36, 48, 60]);
    // Each where its time is on the line: the plot runs from the left margin to 12 px short of 960.
    const left = ticks[0]!.x;
    for (const k of ticks) expect(k.x).toBeCloseTo(left + ((k.t / hour) / 71) * (960 - 12 - left), 1);
  });

  it('keeps a time axis of days on midnights, the last label ended at the right edge', () => {
    const day = 86_400_000;
    const svg = svgChart([{ points: [[0, 1], [4 * day, 2]], color: '#fff' }], { yLabel: (v, d) => v.toFixed(d) });
    expect(timeLabels(svg).map((k) => [k.text, k.anchor])).toEqual([['1 Jan 1970', 'middle'], ['2 Jan', 'middle'], ['3 Jan', 'middle'], ['4 Jan', 'middle'], ['5 Jan', 'end']]);
  });
});

describe('fitAxis', () => {
  it("keeps a bar chart's baseline at 0, and pads past 0 for dots when asked", () => {
    // Bars standing on 0: the axis ends there.
    expect(fitAxis(0, 10)).toMatchObject({ min: 0, max: 10.6 });
    expect(fitAxis(-10, 0)).toMatchObject({ min: -10.6, max: 0 });
    // A scatter's dots at 0 (trades that never went against them) get the same room as at any other end.
    expect(fitAxis(-10, 0, { padZero: true })).toEqual({ min: -10.6, max: 0.6, ticks: [-10, -7.5, -5, -2.5, 0], decimals: 1 });
    expect(fitAxis(0, 10, { padZero: true })).toMatchObject({ min: -0.6, max: 10.6 });
    // An end that is not 0 is padded either way.
    expect(fitAxis(-3, 5)).toEqual(fitAxis(-3, 5, { padZero: true }));
  });
});

describe('svgChart fill arrows', () => {
  /** Each arrow's width and height in px, from its polygon's points. */
  const arrows = (svg: string) =>
    [...svg.matchAll(/<polygon points="([^"]+)"/g)].map((m) => {
      const pts = m[1]!.split(' ').map((p) => p.split(',').map(Number));
      const xs = pts.map((p) => p[0]!);
      const ys = pts.map((p) => p[1]!);
      const size = (v: number[]) => Number((Math.max(...v) - Math.min(...v)).toFixed(3));
      return [size(xs), size(ys)] as const;
    });
  const chart = (n: number) => {
    // n fills, buys and sells in turn, over a price line of 2,000 points across the 960-px chart.
    const points = Array.from({ length: 2000 }, (_, i) => [i, 100 + (i % 50)] as [number, number]);
    const markers = Array.from({ length: n }, (_, i) => ({ t: Math.floor((i * 2000) / n), v: 100, up: i % 2 === 0 }));
    return svgChart([{ points, color: '#fff' }], { yLabel: (v, d) => v.toFixed(d), markers });
  };

  it('draws a few fills as arrows 10 px wide, and hundreds smaller, so the price line shows between them', () => {
    expect(arrows(chart(20))).toHaveLength(20);
    for (const [w, h] of arrows(chart(20))) expect([w, h]).toEqual([10, 8]);
    // Four years of sma-cross on hours: 440 fills. At 10 px each they were one red and green band over the
    // line; now each is at most half as wide and tall.
    const busy = arrows(chart(440));
    expect(busy).toHaveLength(440);
    for (const [w, h] of busy) expect(w <= 5 && h <= 4).toBe(true);
    // Fewer in between.
    for (const [w] of arrows(chart(200))) expect(w).toBeLessThan(10);
  });
});
