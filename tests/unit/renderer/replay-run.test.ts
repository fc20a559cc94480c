import { describe, expect, it } from 'vitest';
import type { ReplayState } from '../../../shared/contract/index.ts';
import { isActive, isNewRun } from '../../../renderer/src/features/replay/replay-run.ts';

const BTC = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const ETH = { exchange: 'local', symbol: 'ETH/USDT', timeframe: '1m' } as const;
const state = (patch: Partial<ReplayState>): ReplayState => ({ status: 'playing', series: BTC, speed: 60, index: 500, total: 1000, clock: 0, lastPrice: 1, ...patch });

describe('isNewRun', () => {
  it('is a new run when a replay starts from idle or the page joins a running one', () => {
    expect(isNewRun(null, state({}))).toBe(true);
    expect(isNewRun(state({ status: 'idle', series: null }), state({}))).toBe(true);
  });

  it('is the same run as it plays on, pauses or finishes', () => {
    expect(isNewRun(state({ index: 500 }), state({ index: 501 }))).toBe(false);
    expect(isNewRun(state({}), state({ status: 'paused' }))).toBe(false);
    expect(isNewRun(state({ index: 999 }), state({ status: 'finished', index: 1000 }))).toBe(false);
  });

  it('is a new run when the series changes or the replay jumps back', () => {
    expect(isNewRun(state({}), state({ series: ETH }))).toBe(true);
    expect(isNewRun(state({ status: 'finished', index: 1000 }), state({ index: 500 }))).toBe(true);
  });

  it('is never a run when the replay is idle', () => {
    expect(isNewRun(state({}), state({ status: 'idle', series: null }))).toBe(false);
  });
});

describe('isActive', () => {
  it('is true while playing or paused only', () => {
    expect(isActive(state({}))).toBe(true);
    expect(isActive(state({ status: 'paused' }))).toBe(true);
    expect(isActive(state({ status: 'finished' }))).toBe(false);
    expect(isActive(null)).toBe(false);
  });
});
