// How the Trades tab words one trade: its bar times, and how far it went for and against it while open
// (its run-up and drawdown, as TradingView's list of trades shows them), in the list's cells and in the
// run-up and drawdown plot's tooltips alike.
import { pctText } from '../../../../shared/backtest/figure-text.ts';
import { utcMinute } from '../../../../shared/backtest/hold-time.ts';
import { formatMoney } from '../../lib/format.ts';
import type { RunTrade } from './backtest-store.ts';

/** 2021-03-04 05:00: bar times are UTC, like the chart's axis. */
export const tradeTime = utcMinute;

/** A Run-up or Drawdown cell: the percent shown, the money in its title, the exact percent for tests and copy. */
export interface ExcursionCell {
  text: string;
  title: string | undefined;
  /** The percent as sent, or '' where the run did not measure it. */
  value: number | '';
}

// Percents as the HTML report's trade list writes them (figure-text.ts).
const pct = (v: number) => pctText(v);

function cell(percent: number | undefined, money: number | undefined): ExcursionCell {
  // A run stored before excursions were measured has neither.
  if (percent === undefined) return { text: '–', title: undefined, value: '' };
  return { text: pct(percent), title: money === undefined ? undefined : `${formatMoney(money)} at the trade's largest size`, value: percent };
}

/** The best move in the trade's favour while open (0 or more), percent of the entry price. */
export const runUpCell = (t: Pick<RunTrade, 'runUpPct' | 'runUp'>) => cell(t.runUpPct, t.runUp);

/** The worst move against it while open (0 or less), percent of the entry price. */
export const drawdownCell = (t: Pick<RunTrade, 'drawdownPct' | 'drawdown'>) => cell(t.drawdownPct, t.drawdown);

/**
 * A trade in one line, for a plot point's tooltip: "#12 · BTC/USDT · 2021-03-04 05:00 → 2021-03-05 10:00 ·
 * stop-loss · return -2.10% · run-up 0.80% (12.30) · drawdown -2.05% (-20.50)".
 */
export function tradeSummary(n: number, t: RunTrade, exit: string): string {
  const money = (v: number | undefined) => (v === undefined ? '' : ` (${formatMoney(v)})`);
  const parts = [`#${n}`];
  if (t.symbol !== undefined) parts.push(t.symbol);
  parts.push(`${tradeTime(t.entryTs)} → ${t.closed ? tradeTime(t.exitTs) : 'open at the end'}`, exit, `return ${pct(t.returnPct)}`);
  if (t.runUpPct !== undefined) parts.push(`run-up ${pct(t.runUpPct)}${money(t.runUp)}`);
  if (t.drawdownPct !== undefined) parts.push(`drawdown ${pct(t.drawdownPct)}${money(t.drawdown)}`);
  return parts.join(' · ');
}

/** Bars shown before a trade's entry and after its exit at least: enough to see the setup and what followed. */
export const TRADE_MARGIN_BARS = 30;

/**
 * The stretch the trade chart asks for around a trade: its entry to its exit, widened on each side by half
 * its length, and by TRADE_MARGIN_BARS bars at least (a trade of two bars still shows its surroundings).
 */
export function tradeSpan(t: Pick<RunTrade, 'entryTs' | 'exitTs'>, barMs: number): { from: number; to: number } {
  const pad = Math.max(TRADE_MARGIN_BARS, Math.ceil((t.exitTs - t.entryTs) / barMs / 2)) * barMs;
  return { from: t.entryTs - pad, to: t.exitTs + pad };
}

/**
 * What the Trades tab says for a run without a trade: where to look for the orders refused when the run has
 * notes, and that none was refused when it has none (pointing at empty notes sent the trader nowhere).
 */
export function noTradesText(notes: readonly string[]): string {
  return notes.length > 0 ? 'No trades: the strategy never entered (see the notes for refused orders).' : 'No trades: the strategy never entered, and no order was refused.';
}
