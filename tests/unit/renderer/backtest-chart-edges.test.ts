// The backtest page's charts are fitted to their points (equity, drawdown, a run's price, a trade's candles),
// and lightweight-charts cut a time label near either end in half ("020" for 2020 at the equity chart's
// left, "18:0" at a price chart's right) unless the time axis's edges are fixed, when it keeps the first and
// last labels inside. The walk-forward chart sets its own range with room beyond its ends (for its F1 mark)
// and keeps them free: fixed edges would pull that room back.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const created = vi.hoisted(() => [] as { timeScale?: Record<string, unknown> }[]);

vi.mock('lightweight-charts', () => ({
  createChart: (_el: unknown, options: { timeScale?: Record<string, unknown> }) => {
    created.push(options);
    return {};
  },
}));

const { makeChart } = await import('../../../renderer/src/features/backtest/bt-chart.ts');

beforeEach(() => {
  created.length = 0;
});

describe('the time axis of a backtest chart', () => {
  it('is fixed at the first and last points of a fitted chart, so the end labels are drawn whole', () => {
    makeChart({} as HTMLElement);
    expect(created[0]!.timeScale).toMatchObject({ fixLeftEdge: true, fixRightEdge: true });
  });

  it('stays free on a chart that pads its own range beyond its points', () => {
    makeChart({} as HTMLElement, { padded: true });
    expect(created[0]!.timeScale).toMatchObject({ fixLeftEdge: false, fixRightEdge: false });
  });
});
