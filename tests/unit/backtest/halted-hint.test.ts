// keel backtest's hint when the kill switch stayed engaged for much of the run: only then, and only when
// --rearm-after was not given (its notes say what it did).
import { describe, expect, it } from 'vitest';
import { haltedHint, REPORT_REARM } from '../../../electron/backtest/halted-hint.ts';

const HOUR = 3_600_000;
const t0 = Date.UTC(2021, 0, 1);
// 100 hourly bars: the run spans t0 to t0 + 100 h.
const run = (halts: { from: number; to: number | null; reason: string }[]) => ({ halts, metrics: { from: t0, to: t0 + 100 * HOUR } });

describe('the hint after a run the kill switch stopped for good', () => {
  it('names when it stopped, how much of the run had no entry, and the flags that go on', () => {
    const hint = haltedHint(run([{ from: t0 + 40 * HOUR, to: null, reason: 'a drawdown of 20.1% from the equity peak reached the 20% limit' }]), null);
    expect(hint).toBe('the kill switch stayed engaged from 2021-01-02 to the end, 60% of the run without a new entry; --rearm-after DAYS re-arms it that many days after a drawdown breach (as a trader might), and --limits maxDrawdownPct=N moves the limit');
  });

  it('says nothing when the last pull was re-armed, came late in the run, or --rearm-after was given', () => {
    expect(haltedHint(run([{ from: t0 + 10 * HOUR, to: t0 + 30 * HOUR, reason: 'daily loss' }]), null)).toBeNull();
    expect(haltedHint(run([{ from: t0 + 80 * HOUR, to: null, reason: 'drawdown' }]), null)).toBeNull();
    expect(haltedHint(run([{ from: t0 + 10 * HOUR, to: null, reason: 'drawdown' }]), 7)).toBeNull();
    expect(haltedHint(run([]), null)).toBeNull();
  });

  it('names both ways on in the HTML report, which is one page from the CLI and the app', () => {
    const hint = haltedHint(run([{ from: t0 + 40 * HOUR, to: null, reason: 'drawdown' }]), null, REPORT_REARM);
    expect(hint).toBe('the kill switch stayed engaged from 2021-01-02 to the end, 60% of the run without a new entry; keel backtest --rearm-after DAYS (in the app, "Re-arm after drawdown kill" in the backtest form) re-arms it that many days after a drawdown breach, as a trader might');
  });

  it('counts a quarter of the run as enough to say so', () => {
    expect(haltedHint(run([{ from: t0 + 75 * HOUR, to: null, reason: 'drawdown' }]), null)).toContain('25% of the run');
  });
});
