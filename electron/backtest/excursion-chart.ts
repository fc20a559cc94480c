// The HTML report's "Run-up and drawdown of each trade": one dot per closed trade, how far it went against
// it while open (x, its drawdown) against how it ended (y, its return), coloured by what closed it. The
// classic chart for placing a stop: losers far to the left show where a stop would have cut them sooner,
// winners far to the left what a tight stop would have cost. Under it, the figures that say the same in
// numbers (excursion-figures.ts). Drawn by the report's own chart drawer (svg-chart.ts).
import { excursionFigures, type ExcursionFigures } from '../../shared/backtest/excursion-figures.ts';
import { exitLabel } from '../../shared/backtest/exit-label.ts';
import type { ExitReason } from '../../shared/backtest/run-exits.ts';
import { EXIT_COLORS } from '../../shared/backtest/palette.ts';
import { num, svgChart, type DotGroup } from './svg-chart.ts';
import { pctTickText } from '../../shared/backtest/nice-ticks.ts';
import type { Trade } from './trades.ts';

/** Most dots drawn: past this the chart is a blur and the file grows by a dot's hover text each. */
export const MAX_DOTS = 4000;

/** Each way a closed trade can end, in the order drawn (the rarer exits over the strategy's own), in the colours the app uses. */
export const DRAWN_EXITS: readonly Exclude<ExitReason, 'open'>[] = ['signal', 'trailing-stop', 'stop-loss', 'take-profit'];

/** The trades to draw: every closed one with excursions, or MAX_DOTS of them evenly spread over the run; with their numbers in the trade list. */
function drawn(trades: readonly Trade[]): { all: number; picked: { t: Trade; n: number }[] } {
  const closed: { t: Trade; n: number }[] = [];
  trades.forEach((t, i) => {
    if (t.closed && t.runUpPct !== undefined && t.drawdownPct !== undefined) closed.push({ t, n: i + 1 });
  });
  if (closed.length <= MAX_DOTS) return { all: closed.length, picked: closed };
  const picked: { t: Trade; n: number }[] = [];
  for (let k = 0; k < MAX_DOTS; k++) picked.push(closed[Math.floor((k * closed.length) / MAX_DOTS)]!);
  return { all: closed.length, picked };
}

const pct = (v: number) => (Number.isFinite(v) ? `${num(v, 2)}%` : '–');

export function excursionSection(trades: readonly Trade[]): string {
  const { all, picked } = drawn(trades);
  const head = '<h2>Run-up and drawdown of each trade</h2>';
  if (all === 0) return `${head}\n<p class="sub">No closed trade to place.</p>`;
  // Smaller dots the more there are, so clusters stay readable.
  const r = picked.length <= 300 ? 2.5 : picked.length <= 1500 ? 2 : 1.5;
  const groups: DotGroup[] = [];
  // Each group's exit in words for the legend; its id names the group (data-group).
  const labels: string[] = [];
  for (const exit of DRAWN_EXITS) {
    const color = EXIT_COLORS[exit];
    const dots = picked
      .filter(({ t }) => (t.exit ?? 'signal') === exit)
      .map(({ t, n }) => ({ x: t.drawdownPct!, y: t.returnPct, title: `#${n}${t.symbol ? ` ${t.symbol}` : ''} ${exitLabel(exit)}: return ${pct(t.returnPct)}, drawdown ${pct(t.drawdownPct!)}, run-up ${pct(t.runUpPct!)}` }));
    if (dots.length) {
      groups.push({ name: exit, color, r, dots });
      labels.push(exitLabel(exit));
    }
  }
  const legend = groups.map((g, k) => `<span data-exit="${g.name}"><i class="dot" style="background:${g.color}"></i>${labels[k]} (${g.dots.length.toLocaleString('en-US')})</span>`).join('');
  const chart = svgChart([], { dots: groups, yLabel: pctTickText, xLabel: pctTickText, zeroLine: true, zeroRule: true, axes: { x: 'drawdown while open, % of the entry price', y: 'return, %' }, height: 320 });
  const f = excursionFigures(trades);
  const capped = picked.length < all ? `<p class="sub">${picked.length.toLocaleString('en-US')} of ${all.toLocaleString('en-US')} closed trades drawn, evenly spread over the run; the figures count them all.</p>\n` : '';
  return `${head}
<p class="sub">One dot per closed trade: how far it went against it while open (left) and what it returned (up). Losers far to the left show where a stop would have cut them; winners far to the left, what a tight stop would have cost.</p>
<div class="legend">${legend}</div>
${chart}
${capped}<p class="sub excursions">${figuresLine(f)}</p>`;
}

/**
 * The figures in words. A side without a trade is named as such: its mean is NaN, and it read "losers' mean
 * drawdown – (0)"; the count says its unit the first time (2 trades), and "1 trade" in the singular.
 */
function figuresLine(f: ExcursionFigures): string {
  const trades = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'trade' : 'trades'}`;
  const winners = f.winners > 0 ? `winners' mean drawdown ${pct(f.winnersMeanDrawdownPct)} (${trades(f.winners)})` : 'no winning trade';
  const losers =
    f.losers > 0
      ? `losers' mean drawdown ${pct(f.losersMeanDrawdownPct)} (${f.winners > 0 && f.losers > 1 ? f.losers.toLocaleString('en-US') : trades(f.losers)}) · losers' median run-up ${pct(f.losersMedianRunUpPct)}, the profit they gave back`
      : 'no losing trade';
  const line = `${winners} · ${losers}`;
  return line[0]!.toUpperCase() + line.slice(1);
}

/** The trade list's run-up or drawdown cell: the percent, and the money at the trade's size as its hover text. */
export function excursionCell(pctValue: number | undefined, money: number | undefined, quote: string): { text: string; title: string } | string {
  if (pctValue === undefined || money === undefined) return '–';
  return { text: pct(pctValue), title: `${num(money, 2)}${quote ? ` ${quote}` : ''} at the trade's size` };
}
