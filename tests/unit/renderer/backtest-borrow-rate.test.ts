// The backtest form's borrow rate (Borrow % / year, keel backtest --borrow-rate): every run and search it
// starts carries one, 0 for long only whatever the hidden box holds, a short's as typed and checked; a
// searched set's Run keeps its search's. The page names a run whose shorts paid a rate (" · borrow 10 %/yr")
// so it is a row of its own beside the same run borrowing for free, shows its interest beside its fees
// once a run could short (runs stored before rates: none, 0), and says the rate when the run is handed to
// the strategy form, which does not take one.
import { describe, expect, it } from 'vitest';
import { BacktestRequestSchema, OptimizeRequestSchema } from '../../../shared/contract/commands/backtest.ts';
import type { RunSummary } from '../../../renderer/src/features/backtest/backtest-store.ts';
import { borrowInterestLine, borrowRateOf, borrowSuffix, paperBorrowNote, showsBorrowInterest } from '../../../renderer/src/features/backtest/borrow-view.ts';
import { compareMatrix, groupKey } from '../../../renderer/src/features/backtest/compare-matrix.ts';
import { metricColumnsFor } from '../../../renderer/src/features/backtest/metric-columns.ts';
import { defaultDraft, runLabel, toRequest, toRunRequests, type RunDraft } from '../../../renderer/src/features/backtest/run-form.ts';
import { DEFAULT_SEARCH, searchMarketsLine, setRunRequest, toSearchRequest } from '../../../renderer/src/features/backtest/search-form.ts';
import { strategySpec } from './strategy-spec.ts';

const STRATEGIES = [strategySpec('sma-cross', [['fast', 10], ['slow', 30]]), strategySpec('ema-cross', [['fast', 12], ['slow', 26]])];
const STORED = ['local:BTC/USDT:1h', 'local:ETH/USDT:1h'];
const BTC = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' as const };
const SEARCH = { ...DEFAULT_SEARCH, ranges: { fast: '5|10' } };
const VALID = 'borrow rate: what a short pays on what it borrowed, percent a year from 0 to 1000 (5 is 5% a year, 0.01% a day is 3.65)';

const draftOf = (patch: Partial<RunDraft> = {}): RunDraft => ({ ...defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h'), ...patch });

/** A run as the engine lists it: its request with the defaults filled in. */
const summary = (runId: string, patch: Record<string, unknown> = {}, metrics: Record<string, number | null> | null = { totalReturnPct: 1, feesPaid: 20 }): RunSummary => ({
  runId,
  status: 'done',
  request: BacktestRequestSchema.parse({ strategy: 'sma-cross', params: { fast: 10, slow: 30 }, series: BTC, ...patch }),
  startedAt: 0,
  progress: 1,
  metrics,
  error: null,
});

describe('the form’s borrow rate', () => {
  it('is 0 by default, and a long-only run sends 0 whatever the hidden box holds', () => {
    expect(defaultDraft(STRATEGIES[0], 'local:BTC/USDT:1h').borrowRatePct).toBe('0');
    expect(toRequest(draftOf(), STRATEGIES)).toMatchObject({ direction: 'long', borrowRatePct: 0 });
    expect(toRequest(draftOf({ borrowRatePct: '12' }), STRATEGIES).borrowRatePct).toBe(0);
    expect(toRequest(draftOf({ borrowRatePct: 'oops' }), STRATEGIES).borrowRatePct).toBe(0);
  });

  it('sends a short’s rate as typed, percent a year, which the engine takes', () => {
    expect(toRequest(draftOf({ direction: 'short', borrowRatePct: ' 3.65 ' }), STRATEGIES)).toMatchObject({ direction: 'short', borrowRatePct: 3.65 });
    expect(toRequest(draftOf({ direction: 'both', borrowRatePct: '0' }), STRATEGIES).borrowRatePct).toBe(0);
    expect(toRequest(draftOf({ direction: 'both', borrowRatePct: '1000' }), STRATEGIES).borrowRatePct).toBe(1000);
    expect(BacktestRequestSchema.parse(toRequest(draftOf({ direction: 'both', borrowRatePct: '10' }), STRATEGIES)).borrowRatePct).toBe(10);
  });

  it('refuses a rate that is no percent a year from 0 to 1000, saying what is valid', () => {
    for (const bad of ['', ' ', '-1', '1000.5', 'ten', '5%']) expect(() => toRequest(draftOf({ direction: 'short', borrowRatePct: bad }), STRATEGIES)).toThrow(VALID);
    // Mistakes are said in the form's order: the parameters before it, the fee after it.
    expect(() => toRequest(draftOf({ direction: 'short', borrowRatePct: 'x', params: { fast: '0', slow: '30' } }), STRATEGIES)).toThrow(/^fast: /);
    expect(() => toRequest(draftOf({ direction: 'short', borrowRatePct: 'x', feePct: '-1' }), STRATEGIES)).toThrow(VALID);
  });

  it('goes with every run of a comparison, a portfolio and a search', () => {
    const runs = toRunRequests(draftOf({ direction: 'short', borrowRatePct: '7', compareStrategies: ['ema-cross'], compareModes: ['aggressive'], compareSeries: ['local:ETH/USDT:1h'] }), STRATEGIES, STORED);
    expect(runs).toHaveLength(8);
    expect(runs.map((r) => r.borrowRatePct)).toEqual(runs.map(() => 7));
    const [portfolio] = toRunRequests(draftOf({ direction: 'both', borrowRatePct: '2', compareSeries: ['local:ETH/USDT:1h'], portfolio: true }), STRATEGIES, STORED);
    expect(portfolio).toMatchObject({ portfolio: [{ symbol: 'ETH/USDT' }], borrowRatePct: 2 });
    expect(OptimizeRequestSchema.parse(toSearchRequest(draftOf({ direction: 'both', borrowRatePct: '4' }), SEARCH, STRATEGIES, STORED)).borrowRatePct).toBe(4);
    expect(() => toSearchRequest(draftOf({ direction: 'both', borrowRatePct: '-4' }), SEARCH, STRATEGIES, STORED)).toThrow(VALID);
  });

  it('is said above the Optimize button when the shorts pay one', () => {
    expect(searchMarketsLine(draftOf({ direction: 'both', borrowRatePct: '10' }), STORED)).toEqual({ text: 'Searches BTC/USDT 1h, long and short, borrowing at 10% a year', problem: false });
    expect(searchMarketsLine(draftOf({ direction: 'short', borrowRatePct: '0' }), STORED)?.text).toBe('Searches BTC/USDT 1h, short only');
    expect(searchMarketsLine(draftOf({ borrowRatePct: '10' }), STORED)?.text).toBe('Searches BTC/USDT 1h');
  });
});

describe('a run rebuilt from a stored search', () => {
  it("runs a searched set at its search's rate, though the form says another now", () => {
    const searched = OptimizeRequestSchema.parse(toSearchRequest(draftOf({ direction: 'short', borrowRatePct: '12' }), SEARCH, STRATEGIES, STORED));
    expect(setRunRequest(searched, { fast: 5 }, draftOf({ direction: 'both', borrowRatePct: '1' }))).toMatchObject({ params: { fast: 5, slow: 30 }, direction: 'short', borrowRatePct: 12 });
  });

  it('runs a search stored before rates at 0, as it was searched', () => {
    const { borrowRatePct: _rate, ...old } = OptimizeRequestSchema.parse(toSearchRequest(draftOf({ direction: 'short' }), SEARCH, STRATEGIES, STORED));
    const request = setRunRequest(old as typeof old & { borrowRatePct: number }, { fast: 5 }, draftOf({ direction: 'short', borrowRatePct: '9' }));
    expect(BacktestRequestSchema.parse(request).borrowRatePct).toBe(0);
  });
});

describe('a run whose shorts paid a rate, on the page', () => {
  it('is named with its rate after its direction; a free or long-only run, or one stored before rates, as before', () => {
    expect(runLabel(summary('bt-1', { direction: 'short', borrowRatePct: 10, stopLossPct: 2 }))).toBe('sma-cross fast=10 slow=30 · moderate · short · borrow 10%/yr · SL 2%');
    expect(runLabel(summary('bt-1', { direction: 'both', borrowRatePct: 3.65 }))).toBe('sma-cross fast=10 slow=30 · moderate · long+short · borrow 3.65%/yr');
    expect(runLabel(summary('bt-1', { direction: 'short' }))).toBe('sma-cross fast=10 slow=30 · moderate · short');
    expect(runLabel(summary('bt-1', { borrowRatePct: 10 }))).toBe('sma-cross fast=10 slow=30 · moderate');
    expect(runLabel({ request: { strategy: 'sma-cross', params: {}, mode: 'moderate', direction: 'short' } })).toBe('sma-cross · moderate · short');
    expect([borrowRateOf({ direction: 'short' }), borrowRateOf({ borrowRatePct: 5 }), borrowRateOf({ direction: 'both', borrowRatePct: 5 })]).toEqual([0, 0, 5]);
    expect(borrowSuffix({ direction: 'short', borrowRatePct: 0 })).toBe('');
  });

  it('is a row of its own in the comparison, beside the same run borrowing for free', () => {
    const free = summary('bt-1', { direction: 'short' });
    const paid = summary('bt-2', { direction: 'short', borrowRatePct: 10 });
    expect(groupKey(free)).toBe(groupKey(paid));
    expect(compareMatrix([paid, free], paid)!.rows.map((r) => [r.label, r.cells.map((c) => c?.runId ?? null)])).toEqual([
      ['sma-cross fast=10 slow=30 · short', ['bt-1']],
      ['sma-cross fast=10 slow=30 · short · borrow 10%/yr', ['bt-2']],
    ]);
  });

  it('has a Borrow interest column once a run in the table could short or paid some; a long-only table reads as before', () => {
    const keys = (runs: RunSummary[]) => metricColumnsFor(runs).map((c) => c.key);
    const long = summary('bt-1');
    expect(keys([long])).not.toContain('borrowInterest');
    expect(keys([long, summary('bt-2', { direction: 'short' })])).toEqual(expect.arrayContaining(['feesPaid', 'borrowInterest']));
    expect(keys([long]).indexOf('feesPaid') + 1).toBe(keys([long]).indexOf('buyHoldReturnPct'));
    const withShort = keys([summary('bt-2', { direction: 'both' })]);
    expect(withShort.indexOf('borrowInterest')).toBe(withShort.indexOf('feesPaid') + 1);
    expect(keys([summary('bt-3', {}, { borrowInterest: 1.5 })])).toContain('borrowInterest');
    // Its cells read as money; a run that sent none (stored before rates) shows none.
    const column = metricColumnsFor([summary('bt-2', { direction: 'short' })]).find((c) => c.key === 'borrowInterest')!;
    expect([column.label, column.format(1234.5), column.format(null)]).toEqual(['Borrow interest', '1,234.50', '–']);
  });

  it('says what its shorts paid beside its fees in the Trades tab, or that they borrowed for free', () => {
    expect(showsBorrowInterest(summary('bt-1'))).toBe(false);
    expect(borrowInterestLine(summary('bt-1'))).toBeNull();
    expect(borrowInterestLine(summary('bt-2', { direction: 'short', borrowRatePct: 10 }, { borrowInterest: 12.345, feesPaid: 56.78 }))).toBe('Borrow interest 12.35 at 10% a year, beside 56.78 in fees');
    expect(borrowInterestLine(summary('bt-2', { direction: 'short', borrowRatePct: 10 }, null))).toBe('Borrow interest – at 10% a year');
    expect(borrowInterestLine(summary('bt-3', { direction: 'both' }, { borrowInterest: 0, feesPaid: 3 }))).toBe('Its shorts borrowed for free (0% a year): give Borrow % / year in the form to count what a margin venue charges');
  });

  it("says the backtest's rate when it fills the strategy form, which takes none (the account has one)", () => {
    expect(paperBorrowNote({ direction: 'both', borrowRatePct: 10 })).toBe(" Its shorts borrowed at 10% a year in the backtest; the paper account's own rate is set in the Positions tab.");
    expect(paperBorrowNote({ direction: 'short' })).toBe('');
    expect(paperBorrowNote({ borrowRatePct: 10 })).toBe('');
  });
});
