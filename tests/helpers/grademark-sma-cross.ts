// sma-cross in grademark (the npm backtesting library the backtest runner is checked and raced against).
//
// Same rules as Keel's sma-cross: a cross of SMA(fast) over SMA(slow) judged on each closed bar (enter
// long on a cross up, exit on a cross down), the market order filling at the next bar's open.
//
// grademark fills a decision at the next bar's open, as Keel does, but it does not run the rules on the
// bar a position is entered or exited, so a cross on that bar would be missed. Each real bar is therefore
// given to grademark as two bars: a fill bar (the real open, where grademark fills what was decided) and a
// decision bar (the real close, where the rules run). Rules run on every decision bar; grademark's own
// fills and prices are the result.
import { DataFrame } from 'data-forge';
import { backtest, type IBar, type ITrade } from 'grademark';
import { crossings } from '../../electron/strategies/cross.ts';
import { sma } from '../../shared/indicators/sma.ts';

interface SplitBar extends IBar {
  /** The real bar's index. */
  i: number;
  decision: boolean;
}

export interface Columns {
  t: Float64Array;
  o: Float64Array;
  h: Float64Array;
  l: Float64Array;
  c: Float64Array;
  length: number;
}

/** Builds the input once (outside any timing): two grademark bars per real bar. */
export function grademarkInput(cols: Columns): DataFrame<number, SplitBar> {
  const rows: SplitBar[] = new Array(cols.length * 2);
  for (let i = 0; i < cols.length; i++) {
    const t = cols.t[i]!;
    rows[2 * i] = { time: new Date(t), open: cols.o[i]!, high: cols.h[i]!, low: cols.l[i]!, close: cols.o[i]!, volume: 0, i, decision: false };
    rows[2 * i + 1] = { time: new Date(t + 1), open: cols.c[i]!, high: cols.h[i]!, low: cols.l[i]!, close: cols.c[i]!, volume: 0, i, decision: true };
  }
  return new DataFrame<number, SplitBar>(rows);
}

export function grademarkSmaCross(cols: Columns, input: DataFrame<number, SplitBar>, fast: number, slow: number): ITrade[] {
  const cross = crossings(sma(cols.c, fast), sma(cols.c, slow));
  return backtest<SplitBar, SplitBar, Record<string, never>, number>(
    {
      entryRule: (enter, { bar }) => {
        if (bar.decision && cross[bar.i]! > 0) enter();
      },
      exitRule: (exit, { bar }) => {
        if (bar.decision && cross[bar.i]! < 0) exit();
      },
    },
    input,
  );
}
