// A run cancelled partway says how far it had got, in the runs table and the comparison's cells, after a
// restart too (the journal keeps its progress since migration 014): "cancelled at 43%", not a bare
// "cancelled" beside a progress of 0 that read like a run stuck at its start.
import { describe, expect, it } from 'vitest';
import { statusWords } from '../../../renderer/src/features/backtest/run-status.ts';

describe('where a run stands, in words', () => {
  it('says how far a cancelled run had got, floored', () => {
    expect(statusWords({ status: 'cancelled', progress: 0.43 })).toBe('cancelled at 43%');
    expect(statusWords({ status: 'cancelled', progress: 0.996 })).toBe('cancelled at 99%');
  });

  it('says cancelled alone when it got nowhere or how far is not known', () => {
    expect(statusWords({ status: 'cancelled', progress: 0 })).toBe('cancelled');
    expect(statusWords({ status: 'cancelled', progress: 0.004 })).toBe('cancelled');
  });

  it('says a running run\'s progress, and the others\' status', () => {
    expect(statusWords({ status: 'running', progress: 0.4 })).toBe('running 40%');
    expect(statusWords({ status: 'queued', progress: 0 })).toBe('queued');
    expect(statusWords({ status: 'done', progress: 1 })).toBe('done');
    expect(statusWords({ status: 'failed', progress: 0.2 })).toBe('failed');
  });

  it('says in the row when Keel closing cancelled it, not the trader (the full reason stays the tooltip)', () => {
    expect(statusWords({ status: 'cancelled', progress: 0.43, error: 'Keel was closed while this backtest run ran' })).toBe('cancelled at 43%: Keel closed');
    expect(statusWords({ status: 'cancelled', progress: 0, error: 'Keel was closed before this backtest run started' })).toBe('cancelled: Keel closed');
    // The trader's own cancel reads as before, whatever else its reason says.
    expect(statusWords({ status: 'cancelled', progress: 0.43, error: null })).toBe('cancelled at 43%');
    expect(statusWords({ status: 'cancelled', progress: 0.43, error: 'the backtest run worker stopped (exit code 1)' })).toBe('cancelled at 43%');
  });
});
