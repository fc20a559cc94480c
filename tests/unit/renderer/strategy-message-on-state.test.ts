// The strategies panel's message as a strategy's state changes: a strategy whose code fails while the
// account is halted says its failure (the row read "halted" for thousands of bars), and once re-armed it
// does not keep saying it is halted.
import { describe, expect, it } from 'vitest';
import type { RunningStrategy } from '../../../shared/contract/commands/strategy.ts';
import { messageOnState } from '../../../renderer/src/features/strategies/strategy-actions.ts';

const row = (over: Partial<RunningStrategy>) => ({ id: 'broken', status: 'running', statusText: 'running: 40 bars', haltedBy: null, ...over }) as RunningStrategy;
const HALTED = 'halted: kill switch engaged (browser); new entries are refused, exits still pass';
const FAILING_HALTED = 'failing: its code failed at the last bar (boom); it keeps hearing bars and its position stays as it is: stop it, fix its code and start it again; it is halted too (kill switch engaged (browser)), and re-arming will not make it trade';
const FAILING = 'failing: its code failed at the last bar (boom); it keeps hearing bars and its position stays as it is: stop it, fix its code and start it again';

describe('the strategies panel message', () => {
  it('says the failure of a halted strategy as its halt is said, and the failure alone once re-armed', () => {
    const halted = row({ status: 'halted', statusText: HALTED, haltedBy: 'kill-switch' });
    const first = messageOnState(null, row({}), halted);
    expect(first).toEqual({ kind: 'error', text: `broken ${HALTED}` });
    const failingHalted = row({ status: 'failing', statusText: FAILING_HALTED, haltedBy: 'kill-switch' });
    const second = messageOnState(first, halted, failingHalted);
    expect(second).toEqual({ kind: 'error', text: `broken ${FAILING_HALTED}` });
    // The same state again keeps the message.
    expect(messageOnState(second, failingHalted, failingHalted)).toBe(second);
    const third = messageOnState(second, failingHalted, row({ status: 'failing', statusText: FAILING }));
    expect(third).toEqual({ kind: 'error', text: `broken is no longer halted, but is ${FAILING}` });
  });

  it('drops the message that it was waiting once it is not, saying a failure instead', () => {
    const WAITING = 'waiting: its market sends no candles now (the replay is paused); it runs again when they come';
    const waiting = row({ status: 'waiting', statusText: WAITING });
    const said = messageOnState({ kind: 'error', text: `broken ${HALTED}` }, row({ status: 'halted', statusText: HALTED, haltedBy: 'kill-switch' }), waiting);
    expect(said).toEqual({ kind: 'note', text: `broken is no longer halted, and is ${WAITING}` });
    expect(messageOnState(said, waiting, row({ status: 'failing', statusText: FAILING }))).toEqual({ kind: 'error', text: `broken is ${FAILING}` });
    expect(messageOnState(said, waiting, row({ status: 'running', statusText: 'running: 41 bars' }))).toBeNull();
    // Another message (a start's) stays.
    const started = { kind: 'ok', text: 'broken started on local BTC/USDT 1m' } as const;
    expect(messageOnState(started, waiting, row({}))).toBe(started);
  });
});
