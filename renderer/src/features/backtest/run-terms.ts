// What a run was given beside its strategy, mode and market: its dates and its money (capital, fee per
// fill, slippage). The runs table names a run by the first three; two runs alike in those but over other
// dates or with other money read the same there (a capital of 1,000 beside 10,000, a day beside four years),
// so once the table's runs differ in these terms it says them, in a column of their own.
import type { RunSummary } from './backtest-store.ts';

export type RunTerms = Pick<RunSummary['request'], 'from' | 'to' | 'capital' | 'feePct' | 'slippageBps'>;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const amount = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 8 });

/** "2021-01-01 → 2022-12-31"; "first bar" or "last bar" for an end the form left empty, "all bars" for both. */
export function spanText(q: Pick<RunTerms, 'from' | 'to'>): string {
  if (q.from === undefined && q.to === undefined) return 'all bars';
  // `to` is the last millisecond of the form's To day: its date is that day.
  return `${q.from === undefined ? 'first bar' : day(q.from)} → ${q.to === undefined ? 'last bar' : day(q.to)}`;
}

/** "25,000 · fee 0.1%" (" · slippage 5 bps" when some): the money a run was given. */
export function moneyText(q: Pick<RunTerms, 'capital' | 'feePct' | 'slippageBps'>): string {
  const slippage = q.slippageBps > 0 ? ` · slippage ${amount(q.slippageBps)} bps` : '';
  return `${amount(q.capital)} · fee ${amount(q.feePct)}%${slippage}`;
}

/** "2021-01-01 → 2022-12-31 · 25,000 · fee 0.1%" (" · slippage 5 bps" when some). */
export function termsText(q: RunTerms): string {
  return `${spanText(q)} · ${moneyText(q)}`;
}

/** Whether these runs differ in their dates or money: the table then shows each run's terms. */
export function termsDiffer(runs: readonly { request: RunTerms }[]): boolean {
  return new Set(runs.map((r) => termsText(r.request))).size > 1;
}
