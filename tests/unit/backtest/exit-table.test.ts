// The exits in the reports, on hand-made runs (electron/backtest/exit-table.ts): the Exits table of one run
// only when it had protective exits, the summary's "exits" row naming them and, in a comparison, the
// stop-loss and take-profit counts after the trade counts; a run without exits keeps the summary it had.
import { describe, expect, it } from 'vitest';
import { exitsExtra, exitSummaryRows } from '../../../electron/backtest/exit-table.ts';
import type { Metrics } from '../../../electron/backtest/metrics.ts';
import { metricRows, summaryRows, summaryTable } from '../../../electron/backtest/summary-table.ts';
import { NO_EXITS, type ExitReason, type RunExits } from '../../../shared/backtest/run-exits.ts';

const metrics = { totalReturnPct: 1, trades: 4, openTrades: 0 } as Metrics;
const trade = (exit: ExitReason, pnl: number, returnPct: number) => ({ side: 'long' as const, exit, closed: exit !== 'open', pnl, returnPct });
const run = (exits: RunExits, exitsOfTrades: ExitReason[]) => ({
  strategy: 'sma-cross',
  params: { fast: 10 },
  mode: 'moderate',
  metrics,
  exits,
  trades: exitsOfTrades.map((e, i) => trade(e, e === 'stop-loss' ? -100 : 50 + i, e === 'stop-loss' ? -2.2 : 1)),
});

describe('the Exits table', () => {
  it('breaks a run with exits down by how its trades ended, titled with the exits', () => {
    const e = exitsExtra(run({ stopLossPct: 2, takeProfitPct: 4 }, ['signal', 'stop-loss', 'take-profit', 'stop-loss']))!;
    expect(e.title).toBe('Exits (stop-loss 2% · take-profit 4%)');
    expect(e.rows).toEqual([
      ['exit', 'trades', 'win rate', 'P&L', 'avg P&L', 'avg return'],
      ['signal', '1', '100.00%', '50.00', '50.00', '1.00%'],
      ['stop-loss', '2', '0.00%', '-200.00', '-100.00', '-2.20%'],
      ['take-profit', '1', '100.00%', '52.00', '52.00', '1.00%'],
    ]);
  });

  it("shows a strategy's own exits without run exits, and nothing for a run whose trades all ended by signal", () => {
    expect(exitsExtra(run(NO_EXITS, ['signal', 'take-profit']))!.title).toBe('Exits');
    expect(exitsExtra(run(NO_EXITS, ['signal', 'signal', 'open']))).toBeNull();
    // Exits set but never hit: the table still says so (every trade by signal).
    expect(exitsExtra(run({ stopLossPct: 50, takeProfitPct: null }, ['signal']))!.rows).toHaveLength(2);
  });
});

describe('the summary with exits', () => {
  it('is unchanged for runs without exits', () => {
    const plain = [run(NO_EXITS, ['signal']), run(NO_EXITS, ['open'])];
    expect(summaryRows(plain)).toEqual(metricRows(plain));
    expect(exitSummaryRows(plain)).toEqual({ setup: [], counts: [] });
  });

  it('names the exits of a single run first, and leaves the counts to its Exits table', () => {
    const rows = summaryRows([run({ stopLossPct: 2, takeProfitPct: 4 }, ['stop-loss', 'take-profit'])]);
    expect(rows[0]).toEqual(['exits', 'stop-loss 2% · take-profit 4%']);
    expect(rows.slice(1)).toEqual(metricRows([run(NO_EXITS, [])]));
    expect(summaryTable([run({ stopLossPct: 2, takeProfitPct: 4 }, [])]).split('\n')[2]).toMatch(/^exits +stop-loss 2% · take-profit 4%$/);
  });

  it('counts in a comparison what each protective exit closed, after the trade counts, only the exits some run had', () => {
    const runs = [run({ stopLossPct: 2, takeProfitPct: null }, ['stop-loss', 'signal', 'stop-loss']), run({ stopLossPct: 2, takeProfitPct: null }, ['signal'])];
    const rows = summaryRows(runs);
    expect(rows[0]).toEqual(['exits', 'stop-loss 2%', 'stop-loss 2%']);
    const open = rows.findIndex((r) => r[0] === 'open at end');
    expect(rows[open + 1]).toEqual(['stop-loss exits', '2', '0']);
    expect(rows.some((r) => r[0] === 'take-profit exits')).toBe(false);
    // A strategy's own take-profits count although the run set none; a run without exits reads "none".
    const own = summaryRows([run(NO_EXITS, ['take-profit']), run({ stopLossPct: null, takeProfitPct: 4 }, ['signal'])]);
    expect(own[0]).toEqual(['exits', 'none', 'take-profit 4%']);
    expect(own.filter((r) => r[0]!.endsWith(' exits'))).toEqual([['take-profit exits', '1', '0']]);
  });

  it('names a trailing stop in words, in its Exits table row and its count row, as the title does', () => {
    const trailing = { stopLossPct: null, takeProfitPct: null, trailingStopPct: 3 };
    const e = exitsExtra(run(trailing, ['trailing-stop', 'signal']))!;
    expect(e.title).toBe('Exits (trailing stop 3%)');
    expect(e.rows.slice(1).map((r) => r[0])).toEqual(['signal', 'trailing stop']);
    expect(summaryRows([run(trailing, ['trailing-stop']), run(NO_EXITS, [])]).filter((r) => r[0]!.endsWith(' exits'))).toEqual([['trailing stop exits', '1', '0']]);
  });
});
