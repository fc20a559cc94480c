// The few figures that read a run's trade excursions for a trader placing a stop: how far the winners went
// against them before they won (a stop tighter than that would have cut them), how far the losers went
// against them (where a stop would have cut them sooner), and how much the losers were up before they
// lost (the profit they gave back; a target or a trailing stop there would have kept it). Winners and
// losers as the metrics count them: closed trades with a P&L above 0, and below 0. Trades without
// excursions (runs stored before they were measured) are left out. Shared so the app can show the same
// numbers as the report.

export interface ExcursionTrade {
  closed: boolean;
  pnl: number;
  runUpPct?: number | undefined;
  drawdownPct?: number | undefined;
}

export interface ExcursionFigures {
  winners: number;
  losers: number;
  /** Mean drawdown of the winning trades, percent of the entry (≤ 0); NaN without winners. */
  winnersMeanDrawdownPct: number;
  /** Mean drawdown of the losing trades (≤ 0); NaN without losers. */
  losersMeanDrawdownPct: number;
  /** Median run-up of the losing trades (≥ 0): the middle one, or the mean of the two middle ones; NaN without losers. */
  losersMedianRunUpPct: number;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN);

function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function excursionFigures(trades: readonly ExcursionTrade[]): ExcursionFigures {
  const winDd: number[] = [];
  const loseDd: number[] = [];
  const loseUp: number[] = [];
  for (const t of trades) {
    if (!t.closed || t.runUpPct === undefined || t.drawdownPct === undefined) continue;
    if (t.pnl > 0) winDd.push(t.drawdownPct);
    else if (t.pnl < 0) {
      loseDd.push(t.drawdownPct);
      loseUp.push(t.runUpPct);
    }
  }
  return { winners: winDd.length, losers: loseDd.length, winnersMeanDrawdownPct: mean(winDd), losersMeanDrawdownPct: mean(loseDd), losersMedianRunUpPct: median(loseUp) };
}
