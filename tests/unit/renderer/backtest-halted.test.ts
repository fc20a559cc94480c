// The run page's hint when the kill switch stayed engaged from a drawdown breach to the end over a quarter
// of the run or more: when, how much, and the form's field that goes on (keel backtest names --rearm-after).
import { describe, expect, it } from 'vitest';
import { haltedLine } from '../../../renderer/src/features/backtest/halted-view.ts';

const DAY = 86_400_000;
const from = Date.UTC(2021, 0, 1);
const run = (halts: { from: number; to: number | null }[], rearmAfterDays: number | null = null) => ({ halts, metrics: { from, to: from + 100 * DAY }, request: { rearmAfterDays } });

describe('the halted-to-the-end hint', () => {
  it('says when the switch stopped new entries for good, how much of the run that was, and what re-arms it', () => {
    expect(haltedLine(run([{ from: from + 10 * DAY, to: from + 11 * DAY }, { from: from + 40 * DAY, to: null }]))).toBe(
      'The kill switch stayed engaged from 2021-02-10 to the end, 60% of the run without a new entry. "Re-arm after drawdown kill" in the form re-arms it that many days after a drawdown breach, as a trader might.',
    );
  });

  it('says nothing of a run re-armed to the end, halted late, given a re-arm, or still running', () => {
    expect(haltedLine(run([{ from: from + 40 * DAY, to: from + 41 * DAY }]))).toBeNull();
    expect(haltedLine(run([{ from: from + 90 * DAY, to: null }]))).toBeNull();
    expect(haltedLine(run([{ from: from + 40 * DAY, to: null }], 7))).toBeNull();
    expect(haltedLine({ ...run([{ from: from + 40 * DAY, to: null }]), metrics: null })).toBeNull();
  });
});
