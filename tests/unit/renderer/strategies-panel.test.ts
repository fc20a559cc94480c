// The strategy panel's logic: the start form's checks (what is valid, in words) and the request it makes,
// the running list kept from strategy.state events (a stop removes the row and says why), the fresher
// ledger position from the positions store, and following the engine (events before answers win).
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunningStrategy } from '../../../shared/contract/commands/strategy.ts';
import { KeelError } from '../../../shared/contract/errors.ts';
import type { Account, Position } from '../../../shared/trading/orders.ts';
import { usePositions } from '../../../renderer/src/features/positions/positions-store.ts';
import { applyStrategyState, useStrategies } from '../../../renderer/src/features/strategies/strategies-store.ts';
import { followStrategies, readCatalog, startStrategy, stopStrategy } from '../../../renderer/src/features/strategies/strategy-actions.ts';
import { defaultStrategyDraft, DIRECTION_CHOICES, directionTag, paramsLabel, toStartRequest, type StrategyInfo } from '../../../renderer/src/features/strategies/strategy-form.ts';
import { ledgerPosition, netRealized } from '../../../renderer/src/features/strategies/strategy-pnl.ts';
import { fakeApi } from './fake-api.ts';

const SMA: StrategyInfo = {
  name: 'sma-cross',
  description: 'sma',
  params: [
    { name: 'fast', type: 'int', default: 10, min: 1, max: 1000, step: 1, description: 'fast' },
    { name: 'slow', type: 'int', default: 30, min: 2, max: 5000, step: 1, description: 'slow' },
  ],
  file: null,
};
const AI: StrategyInfo = { name: 'ai-assisted', description: 'ai', params: [{ name: 'minConfidence', type: 'number', default: 0.6, min: 0, max: 1, step: 0.1, description: 'c' }], file: null };
const CHART = { symbol: 'BTC/USDT', timeframe: '1m' as const };

function info(id: string, over: Partial<RunningStrategy> = {}): RunningStrategy {
  return {
    id,
    strategy: 'sma-cross',
    params: { fast: 2, slow: 3 },
    series: { source: 'replay', exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' },
    account: 'paper',
    mode: 'moderate',
    positionShare: 1,
    exits: { stopLossPct: null, takeProfitPct: null },
    direction: 'long',
    startedAt: 1,
    status: 'running',
    statusText: 'running: 5 bars',
    indicators: [
      { name: 'sma', params: { period: 2 }, output: null, source: 'c', levels: [] },
      { name: 'sma', params: { period: 3 }, output: null, source: 'c', levels: [] },
    ],
    bars: 5,
    warmup: 2,
    barsNeeded: 3,
    lastBarAt: 0,
    notes: [],
    ledger: `strategy:${id}`,
    position: { qty: '0', avgEntryPrice: null, realizedPnl: '0', unrealizedPnl: '0', feesPaid: '0' },
    ...over,
  };
}

beforeEach(() => {
  useStrategies.setState({ catalog: [], problems: [], running: [], draft: defaultStrategyDraft(undefined), message: null, busy: false });
});

describe('the start form', () => {
  it('starts from the defaults and the chart\'s market', () => {
    const draft = defaultStrategyDraft(SMA);
    expect(draft).toEqual({ strategy: 'sma-cross', params: { fast: '10', slow: '30' }, symbol: '', timeframe: '', stopLoss: '', takeProfit: '', trailingStop: '', direction: 'long' });
    expect(toStartRequest(draft, [SMA], CHART)).toEqual({ strategy: 'sma-cross', params: { fast: 10, slow: 30 } });
    expect(toStartRequest({ ...draft, symbol: 'ETH/USDT' }, [SMA], CHART)).toEqual({ strategy: 'sma-cross', params: { fast: 10, slow: 30 }, series: { symbol: 'ETH/USDT', timeframe: '1m' } });
    expect(toStartRequest({ ...defaultStrategyDraft(AI), params: { minConfidence: ' 0.75 ' } }, [AI], CHART).params).toEqual({ minConfidence: 0.75 });
  });

  it('says what is valid for a bad parameter or a missing choice', () => {
    const draft = defaultStrategyDraft(SMA);
    // Each says what it got too: the same words for "", "abc", 2.5 and 9000 left the trader guessing which
    // (and "30,5" read as a number in range to anyone who writes decimals with a comma).
    const problem = (params: Record<string, string>, info = SMA) => {
      try {
        toStartRequest({ ...defaultStrategyDraft(info), params }, [info], CHART);
        return null;
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(problem({ fast: '2.5', slow: '30' })).toBe('fast: a whole number from 1 to 1000, not 2.5');
    expect(problem({ fast: '', slow: '30' })).toBe('fast: a whole number from 1 to 1000; the box is empty');
    expect(problem({ fast: 'ten', slow: '30' })).toBe('fast: a whole number from 1 to 1000, not "ten"');
    expect(problem({ fast: '10', slow: '9000' })).toBe('slow: a whole number from 2 to 5000, not 9000');
    expect(problem({ minConfidence: '0,5' }, AI)).toBe('minConfidence: a number from 0 to 1, not "0,5" (decimals take a point: 0.5)');
    expect(() => toStartRequest({ ...draft, strategy: 'nope' }, [SMA, AI], CHART)).toThrow('choose a strategy (sma-cross, ai-assisted)');
    expect(() => toStartRequest({ ...draft, timeframe: '5m' }, [SMA], { symbol: null, timeframe: null })).toThrow(/no market is active/);
    expect(paramsLabel({ fast: 2, slow: 3 })).toBe('fast 2 · slow 3');
  });

  it('sends the protective exits typed, none when empty, and refuses one out of range with what is valid', () => {
    const draft = defaultStrategyDraft(SMA);
    expect(toStartRequest({ ...draft, stopLoss: ' 1.5 ', takeProfit: '3' }, [SMA], CHART)).toEqual({ strategy: 'sma-cross', params: { fast: 10, slow: 30 }, stopLossPct: 1.5, takeProfitPct: 3 });
    expect(toStartRequest({ ...draft, takeProfit: '3' }, [SMA], CHART)).toEqual({ strategy: 'sma-cross', params: { fast: 10, slow: 30 }, takeProfitPct: 3 });
    expect(() => toStartRequest({ ...draft, stopLoss: '0' }, [SMA], CHART)).toThrow('stop-loss 0: the stop-loss is a percent below the entry, above 0 and below 100 (2 = 2%)');
    expect(() => toStartRequest({ ...draft, stopLoss: 'two' }, [SMA], CHART)).toThrow('stop-loss two: the stop-loss is a percent below the entry');
    expect(toStartRequest({ ...draft, stopLoss: '2 %' }, [SMA], CHART).stopLossPct).toBe(2);
    expect(toStartRequest({ ...draft, trailingStop: '3', takeProfit: '8' }, [SMA], CHART)).toMatchObject({ trailingStopPct: 3, takeProfitPct: 8 });
    expect(() => toStartRequest({ ...draft, trailingStop: '3', stopLoss: '2' }, [SMA], CHART)).toThrow('give a stop-loss or a trailing stop, not both');
    expect(() => toStartRequest({ ...draft, takeProfit: '2000' }, [SMA], CHART)).toThrow('take-profit 2000: the take-profit is a percent above the entry, above 0 and at most 1000 (4 = 4%)');
  });

  it('asks for the sides chosen, long only (the engine\'s default) sent as before', () => {
    const draft = defaultStrategyDraft(SMA);
    expect(DIRECTION_CHOICES).toEqual([
      { value: 'long', label: 'Long only' },
      { value: 'short', label: 'Short only' },
      { value: 'both', label: 'Long and short' },
    ]);
    expect(toStartRequest(draft, [SMA], CHART)).not.toHaveProperty('direction');
    expect(toStartRequest({ ...draft, direction: 'both' }, [SMA], CHART)).toEqual({ strategy: 'sma-cross', params: { fast: 10, slow: 30 }, direction: 'both' });
    expect(toStartRequest({ ...draft, direction: 'short' }, [SMA], CHART).direction).toBe('short');
    expect([directionTag('long'), directionTag('short'), directionTag('both')]).toEqual(['', 'short', 'long+short']);
  });
});

describe('the running list', () => {
  it('adds, replaces in place and removes on stop', () => {
    let list = applyStrategyState([], info('sma-cross', { startedAt: 2 }));
    list = applyStrategyState(list, info('ema-cross', { startedAt: 1 }));
    expect(list.map((r) => r.id)).toEqual(['ema-cross', 'sma-cross']);
    list = applyStrategyState(list, info('sma-cross', { startedAt: 2, status: 'halted' }));
    expect(list.map((r) => [r.id, r.status])).toEqual([
      ['ema-cross', 'running'],
      ['sma-cross', 'halted'],
    ]);
    list = applyStrategyState(list, info('ema-cross', { status: 'stopped' }));
    expect(list.map((r) => r.id)).toEqual(['sma-cross']);
    expect(applyStrategyState(list, info('other', { status: 'stopped' }))).toBe(list);
  });

  it('shows the fresher position of its ledger from the positions store', () => {
    const r = info('sma-cross', { position: { qty: '1', avgEntryPrice: '100', realizedPnl: '0', unrealizedPnl: '1', feesPaid: '0.1' } });
    const p: Position = { symbol: 'BTC/USDT', ledger: 'strategy:sma-cross', qty: '1', avgEntryPrice: '100', realizedPnl: '0', unrealizedPnl: '5', feesPaid: '0.1', markPrice: '105', updatedAt: 1 };
    expect(ledgerPosition(r, [p]).unrealizedPnl).toBe('5');
    // With the price it is valued at, so a position with none yet (after a restart) reads as unknown, not 0.
    expect(ledgerPosition(r, [{ ...p, markPrice: null }]).markPrice).toBeNull();
    expect(ledgerPosition(r, [{ ...p, ledger: 'user' }])).toBe(r.position);
  });

  it("counts its fees in what it made, as its backtest counts each trade's P&L: 28 fills' fees on a small gross loss are most of the loss", () => {
    // As seen on paper: -79.03 realized on the prices, 273.61 USDT of fees, the account 352.64 down.
    const p = { qty: '0', avgEntryPrice: null, realizedPnl: '-79.03', unrealizedPnl: '0', feesPaid: '273.61' };
    expect(netRealized(p)).toEqual({ text: '-352.64', value: '-352.64', title: "-79.03 realized on the prices less 273.61 of fees (an open position's entry fee too: it is paid)" });
    // A gain before fees can be a loss after them; exact, no float noise.
    expect(netRealized({ ...p, realizedPnl: '0.3', feesPaid: '0.1' }).text).toBe('+0.20');
    expect(netRealized({ ...p, realizedPnl: '5', feesPaid: '9.9' }).text).toBe('-4.90');
  });
});

describe('following the engine', () => {
  it('reads the catalog and the list; an event that came first stays; start and stop go through the Api', async () => {
    let answer!: (v: { strategies: RunningStrategy[] }) => void;
    const api = fakeApi({
      'strategy.catalog': () => ({ strategies: [SMA], problems: [] }),
      'strategy.running': () => new Promise((r) => (answer = r)),
      'strategy.start': (req) => info('sma-cross#2', { params: req.params as Record<string, number>, startedAt: 5 }),
      'strategy.stop': ({ id }) => info(id, { status: 'stopped', statusText: 'stopped: by the user', stoppedBy: 'user' }),
    });
    const off = followStrategies(api);
    api.emit('strategy.state', info('sma-cross', { status: 'halted', startedAt: 3 }));
    answer({ strategies: [info('sma-cross', { status: 'running', startedAt: 3 }), info('ema-cross', { startedAt: 1 })] });
    await new Promise((r) => setTimeout(r, 0));
    expect(useStrategies.getState().draft.strategy).toBe('sma-cross');
    expect(useStrategies.getState().running.map((r) => [r.id, r.status])).toEqual([
      ['ema-cross', 'running'],
      ['sma-cross', 'halted'],
    ]);

    useStrategies.setState((s) => ({ draft: { ...s.draft, params: { fast: '2', slow: '5' } } }));
    await startStrategy(api, CHART);
    expect(api.calls.find((c) => c.name === 'strategy.start')?.request).toEqual({ strategy: 'sma-cross', params: { fast: 2, slow: 5 } });
    expect(useStrategies.getState().message).toEqual({ kind: 'ok', text: 'sma-cross#2 started on BTC/USDT 1m (paper)' });
    await stopStrategy(api, 'ema-cross');
    expect(useStrategies.getState().running.map((r) => r.id)).toEqual(['sma-cross', 'sma-cross#2']);

    // Stopped by the engine (arming): the row goes and the panel says why.
    api.emit('strategy.state', info('sma-cross', { status: 'stopped', statusText: 'stopped: live trading was armed on binance:main', stoppedBy: 'keel' }));
    expect(useStrategies.getState().message).toEqual({ kind: 'error', text: 'sma-cross stopped: live trading was armed on binance:main' });
    off();
    expect(api.listenerCount('strategy.state')).toBe(0);
  });

  it('a start answered with a stopped state (its Stop pressed while it started) leaves no row and says it stopped', async () => {
    const api = fakeApi({
      'strategy.catalog': () => ({ strategies: [SMA], problems: [] }),
      'strategy.running': () => ({ strategies: [] }),
      'strategy.start': () => info('sma-cross', { status: 'stopped', statusText: 'stopped: by the user', stoppedBy: 'user' }),
    });
    followStrategies(api);
    await new Promise((r) => setTimeout(r, 0));
    await startStrategy(api, CHART);
    expect(useStrategies.getState().running).toEqual([]);
    expect(useStrategies.getState().message).toEqual({ kind: 'ok', text: 'sma-cross stopped: by the user' });
  });

  it('a start that is halted at once (the kill switch engaged) says so, not only that it started', async () => {
    const api = fakeApi({
      'strategy.catalog': () => ({ strategies: [SMA], problems: [] }),
      'strategy.running': () => ({ strategies: [] }),
      'strategy.start': () => info('sma-cross', { status: 'halted', statusText: 'halted: kill switch engaged (enough); new entries are refused, exits still pass' }),
    });
    followStrategies(api);
    await new Promise((r) => setTimeout(r, 0));
    await startStrategy(api, CHART);
    expect(useStrategies.getState().running.map((r) => [r.id, r.status])).toEqual([['sma-cross', 'halted']]);
    expect(useStrategies.getState().message).toEqual({ kind: 'error', text: 'sma-cross started on BTC/USDT 1m (paper), but is halted: kill switch engaged (enough); new entries are refused, exits still pass' });
    // Re-armed: that message gives way too.
    api.emit('strategy.state', info('sma-cross', { status: 'warming', statusText: 'warming up: 1 of 3 bars' }));
    expect(useStrategies.getState().message).toEqual({ kind: 'ok', text: 'sma-cross is no longer halted: new entries pass again' });
  });

  it('the kill switch halting a running strategy replaces its start message with the halt and why; re-armed, that gives way', async () => {
    const api = fakeApi({
      'strategy.catalog': () => ({ strategies: [SMA], problems: [] }),
      'strategy.running': () => ({ strategies: [] }),
      'strategy.start': () => info('sma-cross', { statusText: 'running: 0 bars' }),
    });
    followStrategies(api);
    await new Promise((r) => setTimeout(r, 0));
    await startStrategy(api, CHART);
    expect(useStrategies.getState().message).toEqual({ kind: 'ok', text: 'sma-cross started on BTC/USDT 1m (paper)' });
    // Bars go by: the start message stays.
    api.emit('strategy.state', info('sma-cross', { statusText: 'running: 7 bars', bars: 7 }));
    expect(useStrategies.getState().message).toEqual({ kind: 'ok', text: 'sma-cross started on BTC/USDT 1m (paper)' });

    const halted = 'halted: kill switch engaged (today\'s loss of 5% reached the 5% daily loss limit); new entries are refused, exits still pass';
    api.emit('strategy.state', info('sma-cross', { status: 'halted', statusText: halted }));
    expect(useStrategies.getState().message).toEqual({ kind: 'error', text: `sma-cross ${halted}` });
    // Its notes published again while halted: the message stays (and stays dismissed once dismissed).
    api.emit('strategy.state', info('sma-cross', { status: 'halted', statusText: halted, notes: ['a note'] }));
    expect(useStrategies.getState().message).toEqual({ kind: 'error', text: `sma-cross ${halted}` });

    api.emit('strategy.state', info('sma-cross', { status: 'running', statusText: 'running: 8 bars', bars: 8 }));
    expect(useStrategies.getState().message).toEqual({ kind: 'ok', text: 'sma-cross is no longer halted: new entries pass again' });
    // Another message than its halt's is left alone when it runs again.
    api.emit('strategy.state', info('sma-cross', { status: 'halted', statusText: halted }));
    useStrategies.setState({ message: { kind: 'error', text: 'Read the strategies: gone' } });
    api.emit('strategy.state', info('sma-cross', { status: 'waiting', statusText: 'waiting: the replay is paused' }));
    expect(useStrategies.getState().message).toEqual({ kind: 'error', text: 'Read the strategies: gone' });
  });

  it('a start on a paused replay is a note that it waits for the bars, not an error', async () => {
    const waiting = 'waiting: the replay is paused; it runs again when the replay plays';
    const api = fakeApi({
      'strategy.catalog': () => ({ strategies: [SMA], problems: [] }),
      'strategy.running': () => ({ strategies: [] }),
      'strategy.start': () => info('sma-cross', { status: 'waiting', statusText: waiting }),
    });
    followStrategies(api);
    await new Promise((r) => setTimeout(r, 0));
    await startStrategy(api, CHART);
    expect(useStrategies.getState().message).toEqual({ kind: 'note', text: `sma-cross started on BTC/USDT 1m (paper), and is ${waiting}` });
  });

  it('an engine refusal lands in the panel\'s message as worded', async () => {
    const api = fakeApi({
      'strategy.catalog': () => ({ strategies: [SMA], problems: [] }),
      'strategy.running': () => ({ strategies: [] }),
      'strategy.start': () => {
        throw new KeelError('invalid_request', 'sma-cross: fast (40) must be smaller than slow (30)');
      },
    });
    followStrategies(api);
    await new Promise((r) => setTimeout(r, 0));
    useStrategies.setState((s) => ({ draft: { ...s.draft, params: { fast: '40', slow: '30' } } }));
    await startStrategy(api, CHART);
    expect(useStrategies.getState().message).toEqual({ kind: 'error', text: 'sma-cross: fast (40) must be smaller than slow (30)' });
  });

  it("reads the catalog again with its problems; the form follows a file of the trader's own changed since, and a refused start reads it again", async () => {
    const v1: StrategyInfo = { name: 'editme', description: 'v1', params: [{ name: 'n', type: 'int', default: 3, min: 1, max: 10, step: 1, description: '' }], file: '/data/strategies/editme.mjs' };
    const v2: StrategyInfo = { ...v1, description: 'v2', params: [{ name: 'm', type: 'int', default: 4, min: 1, max: 10, step: 1, description: '' }] };
    const notRestarted = { file: 'buyer', message: 'buyer was running when Keel last stopped and was not started again: unknown strategy "buyer"; strategies: sma-cross' };
    let catalog = [SMA, v1];
    const api = fakeApi({
      'strategy.catalog': () => ({ strategies: catalog, problems: catalog.includes(v2) ? [notRestarted] : [] }),
      'strategy.running': () => ({ strategies: [] }),
      'strategy.start': () => {
        throw new KeelError('invalid_request', 'editme has no parameter "n"; its parameters: m (whole number 1..10, default 4)');
      },
    });
    followStrategies(api);
    await new Promise((r) => setTimeout(r, 0));
    useStrategies.setState((s) => ({ draft: { ...s.draft, strategy: 'editme', params: { n: '7' }, stopLoss: '2' } }));
    // The file is edited (n renamed m) while the form holds n: Start is refused, and the form then offers m.
    catalog = [SMA, v2];
    await startStrategy(api, CHART);
    await new Promise((r) => setTimeout(r, 0));
    expect(useStrategies.getState().message?.text).toMatch(/^editme has no parameter "n"/);
    expect(useStrategies.getState().draft).toMatchObject({ strategy: 'editme', params: { m: '4' }, stopLoss: '2' });
    expect(useStrategies.getState().problems).toEqual([notRestarted]);
    // Deleted: the form falls back to the first strategy, keeping the exits typed.
    catalog = [SMA];
    await readCatalog(api);
    expect(useStrategies.getState().draft).toMatchObject({ strategy: 'sma-cross', params: { fast: '10', slow: '30' }, stopLoss: '2' });
    expect(useStrategies.getState().problems).toEqual([]);
  });

  it('a start refused for want of a margin paper account says where to switch it', async () => {
    const refusal = (account: string) =>
      `sma-cross was not started: long and short needs a margin account (shorts are sold with 1× collateral), and the ${account} account is spot, which cannot go short; start it long only on ${account}, or long and short on a margin account`;
    let account = 'paper';
    const api = fakeApi({
      'strategy.catalog': () => ({ strategies: [SMA], problems: [] }),
      'strategy.running': () => ({ strategies: [] }),
      'strategy.start': () => {
        throw new KeelError('conflict', refusal(account));
      },
    });
    const shown = (mode: 'paper' | 'live', name: string, kind: 'spot' | 'margin'): Account => ({
      mode,
      account: name,
      kind,
      kindChangeRefusal: null,
      quoteAsset: 'USDT',
      balances: [],
      equity: '0',
      realizedPnl: '0',
      unrealizedPnl: '0',
      feesPaid: '0',
      borrowRatePct: '0',
      interestPaid: '0',
      interestOwed: '0',
      updatedAt: 0,
    });
    usePositions.setState({ account: shown('paper', 'paper', 'spot') });
    followStrategies(api);
    await new Promise((r) => setTimeout(r, 0));
    useStrategies.setState((s) => ({ draft: { ...s.draft, direction: 'both' } }));
    await startStrategy(api, CHART);
    expect(useStrategies.getState().message).toEqual({ kind: 'error', text: `${refusal('paper')}. Switch the paper account to Margin in the Positions tab (Spot / Margin).` });
    // A live account's kind is the exchange's: nothing to switch in Keel.
    account = 'binance:main';
    usePositions.setState({ account: shown('live', 'binance:main', 'spot') });
    await startStrategy(api, CHART);
    expect(useStrategies.getState().message).toEqual({ kind: 'error', text: refusal('binance:main') });
    // Long only needs no margin: another conflict is not given the hint.
    account = 'paper';
    usePositions.setState({ account: shown('paper', 'paper', 'spot') });
    useStrategies.setState((s) => ({ draft: { ...s.draft, direction: 'long' } }));
    await startStrategy(api, CHART);
    expect(useStrategies.getState().message?.text).not.toContain('Switch the paper account');
    usePositions.setState({ account: null });
  });
});
