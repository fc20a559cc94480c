// The runs table's name cell: a long run name in two lines, the strategy and its parameters over how it ran,
// so that a 1280 px window shows it in two lines rather than four (each line cut with an ellipsis by the page's
// CSS, the whole name in the tooltip), and the cell's text still the run's whole name, as the legends give it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NAME_LINES_SEP, nameCell } from '../../../renderer/src/features/backtest/run-name-cell.ts';
import { runLabel, type NamedRun } from '../../../renderer/src/features/backtest/run-form.ts';

const run = (over: Partial<NamedRun['request']> = {}): NamedRun => ({ request: { strategy: 'sma-cross', params: { fast: 10, slow: 30 }, mode: 'moderate', detail: '1m', stopLossPct: 2, takeProfitPct: 4, ...over } });
const css = readFileSync(new URL('../../../renderer/src/features/backtest/backtest.css', import.meta.url), 'utf8');
const rule = (selector: string) => new RegExp(`${selector.replace(/[.[\]()]/g, '\\$&')} \\{([^}]*)\\}`).exec(css)?.[1] ?? '';

describe("the runs table's name cell", () => {
  it('says the strategy and its parameters on one line, how it ran on the other, the whole name in the tooltip', () => {
    const cell = nameCell(run());
    expect(cell).toEqual({ strategy: 'sma-cross fast=10 slow=30', terms: 'moderate · fills on 1m · SL 2% TP 4%', title: 'sma-cross fast=10 slow=30 · moderate · fills on 1m · SL 2% TP 4%' });
    // A run with nothing but its mode: one short second line.
    expect(nameCell(run({ detail: null, stopLossPct: null, takeProfitPct: null })).terms).toBe('moderate');
  });

  it("reads, as text, as the run's whole name: nothing lost between the lines", () => {
    for (const r of [run(), run({ mode: 'custom', positionPct: 40, direction: 'both', borrowRatePct: 5, rearmAfterDays: 7, trailingStopPct: 1.5 }), run({ params: {}, detail: null, stopLossPct: null, takeProfitPct: null })]) {
      const cell = nameCell(r);
      expect(cell.strategy + NAME_LINES_SEP + cell.terms).toBe(runLabel(r));
      expect(cell.title).toBe(runLabel(r));
    }
  });

  it('is cut to a line each by the page, the separator hidden: two lines at most, never four', () => {
    const line = rule(".bt-table[data-testid='bt-runs'] td.bt-label > span");
    expect(line).toMatch(/display: -webkit-box;/);
    expect(line).toMatch(/-webkit-line-clamp: 1;/);
    expect(line).toMatch(/overflow: hidden;/);
    expect(rule(".bt-table[data-testid='bt-runs'] td.bt-label > span.bt-label-sep")).toMatch(/display: none;/);
  });
});
