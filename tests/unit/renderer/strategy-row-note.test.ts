// The strategies table's Note: the latest note, unless a later state has made it untrue (a cooldown's
// "resume at …" on a row that is running again, or halted by the kill switch since). Which rule refused is
// the row's refusedBy, and which block halts it now its haltedBy, as the engine said them, not found in the
// note's or the status's words.
import { describe, expect, it } from 'vitest';
import { rowNote } from '../../../renderer/src/features/strategies/strategy-note.ts';

const COOLDOWN = 'refusal: sma-cross: buy 0.01 BTC/USDT refused: loss-streak-cooldown: 3 losing trades in a row started a 30-minute cooldown; new entries resume in 12 min (at 2024-01-01T19:51:00Z)';
const KILL = 'refusal: sma-cross: buy 0.01 BTC/USDT refused: kill-switch: the kill switch is engaged (daily loss); new entries are blocked until you re-arm it';
const COOLING = 'halted: cooling down after 3 losing trades in a row, until 2024-01-01T19:51:00Z market time; new entries are refused, exits still pass';
const KILLED = 'halted: kill switch engaged (daily loss limit breached); new entries are refused, exits still pass';

describe('a strategy row\'s note', () => {
  it('is the latest note, or nothing without one', () => {
    expect(rowNote({ notes: [], status: 'running', statusText: 'running: 5 bars' })).toBe('');
    expect(rowNote({ notes: ['first', 'read 200 bars of history'], status: 'running', statusText: 'running: 5 bars' })).toBe('read 200 bars of history');
  });

  it('keeps a cooldown refusal while the cooldown lasts', () => {
    expect(rowNote({ notes: [COOLDOWN], status: 'halted', statusText: COOLING, haltedBy: 'loss-streak-cooldown', refusedBy: 'loss-streak-cooldown' })).toBe(COOLDOWN);
  });

  it('drops a cooldown refusal once the cooldown is over', () => {
    expect(rowNote({ notes: ['x', COOLDOWN], status: 'running', statusText: 'running: 40 bars', refusedBy: 'loss-streak-cooldown' })).toBe('the loss-streak cooldown is over: new entries pass again');
  });

  it('gives a cooldown refusal\'s place to the kill-switch halt that superseded it', () => {
    expect(rowNote({ notes: [COOLDOWN], status: 'halted', statusText: KILLED, haltedBy: 'kill-switch', refusedBy: 'loss-streak-cooldown' })).toBe(KILLED);
  });

  it('drops a kill-switch refusal once re-armed, and keeps it while engaged', () => {
    expect(rowNote({ notes: [KILL], status: 'halted', statusText: KILLED, haltedBy: 'kill-switch', refusedBy: 'kill-switch' })).toBe(KILL);
    expect(rowNote({ notes: [KILL], status: 'running', statusText: 'running: 41 bars', refusedBy: 'kill-switch' })).toBe('the kill switch was re-armed: new entries pass again');
  });

  it('keeps a kill-switch refusal on a failing row that is halted too: its block still holds', () => {
    const failingHalted = 'failing: its code failed at the last bar (boom); … it is halted too (kill switch engaged), and re-arming will not make it trade';
    expect(rowNote({ notes: [KILL], status: 'failing', statusText: failingHalted, haltedBy: 'kill-switch', refusedBy: 'kill-switch' })).toBe(KILL);
    expect(rowNote({ notes: [KILL], status: 'failing', statusText: 'failing: its code failed at the last bar (boom)', haltedBy: null, refusedBy: 'kill-switch' })).toBe('the kill switch was re-armed: new entries pass again');
  });

  it('leaves other refusals as they are: they are not made untrue by a change of state', () => {
    const sized = 'refusal: sma-cross: buy 9 BTC/USDT refused: max-position-notional: 90,000 USDT is over the 10,000 USDT limit';
    expect(rowNote({ notes: [sized], status: 'halted', statusText: KILLED, haltedBy: 'kill-switch', refusedBy: 'max-position-notional' })).toBe(sized);
  });

  it('takes the block from refusedBy, not from words in the note that look like one', () => {
    // Another rule's refusal (or a strategy's own note) whose words happen to quote the kill switch's: not a kill-switch block.
    const quoting = 'refusal: sma-cross: buy 0.01 BTC/USDT refused: fat-finger: the strategy logged "refused: kill-switch: engaged" earlier';
    expect(rowNote({ notes: [quoting], status: 'running', statusText: 'running: 41 bars', refusedBy: 'fat-finger' })).toBe(quoting);
    expect(rowNote({ notes: [KILL], status: 'running', statusText: 'running: 41 bars', refusedBy: null })).toBe(KILL);
    // And a kill-switch refusal is one by its kind, whatever its words.
    const reworded = 'refusal: sma-cross: buy 0.01 BTC/USDT refused: new entries are blocked';
    expect(rowNote({ notes: [reworded], status: 'running', statusText: 'running: 41 bars', refusedBy: 'kill-switch' })).toBe('the kill switch was re-armed: new entries pass again');
  });

  it('takes the block in force from haltedBy, not from the words of the status', () => {
    // The status reworded (an engine that says it otherwise): still the kill switch, so its refusal stands.
    const reworded = 'halted: new entries are blocked until the kill switch is re-armed (daily loss limit breached)';
    expect(rowNote({ notes: [KILL], status: 'halted', statusText: reworded, haltedBy: 'kill-switch', refusedBy: 'kill-switch' })).toBe(KILL);
    // Words that look like a cooldown's, while the kill switch is what halts it: the cooldown's note gives way.
    const looksCooling = 'halted: cooling down after the daily loss: kill switch engaged';
    expect(rowNote({ notes: [COOLDOWN], status: 'halted', statusText: looksCooling, haltedBy: 'kill-switch', refusedBy: 'loss-streak-cooldown' })).toBe(looksCooling);
    // A state from an engine that does not say (no haltedBy): the present status, not a block it cannot vouch for.
    expect(rowNote({ notes: [COOLDOWN], status: 'halted', statusText: COOLING, refusedBy: 'loss-streak-cooldown' })).toBe(COOLING);
  });
});
