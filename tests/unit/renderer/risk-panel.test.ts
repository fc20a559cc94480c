// The risk panel's logic without a DOM: the store fed by answers and events, the actions against a fake
// Api (limits checked here before they are sent; refusals kept with the reason), the gauges' tones, the
// modes' figures, the limits editor's reading of what was typed, and the fan chart's series.
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { KeelError, type EventPayload } from '../../../shared/contract/index.ts';
import { DEFAULT_LIMITS } from '../../../shared/risk/risk-limits.ts';
import { backtestReturns, runLabel } from '../../../renderer/src/features/risk/backtest-returns.ts';
import { drawdownPctText, fanSeries, medianEndText, pctText, tradeLabel } from '../../../renderer/src/features/risk/fan-chart-data.ts';
import { gaugeFill, gaugeTone, statusLine } from '../../../renderer/src/features/risk/gauge-model.ts';
import { limitFields, limitText, readLimit, switchPatch } from '../../../renderer/src/features/risk/limit-fields.ts';
import { LimitSwitch } from '../../../renderer/src/features/risk/LimitSwitch.tsx';
import { liveCloseNote } from '../../../renderer/src/features/risk/live-close-note.ts';
import { modeRows } from '../../../renderer/src/features/risk/mode-figures.ts';
import { kill, rearm, setLimits, setMode } from '../../../renderer/src/features/risk/risk-actions.ts';
import { subscribeRisk } from '../../../renderer/src/features/risk/risk-feed.ts';
import { addRiskEvent, useRisk, type Projection } from '../../../renderer/src/features/risk/risk-store.ts';
import { useNotices } from '../../../renderer/src/state/notices-store.ts';
import { fakeApi } from './fake-api.ts';

type State = EventPayload<'risk.state'>;

function riskState(over: Partial<State> = {}): State {
  return {
    mode: 'moderate',
    limits: { ...DEFAULT_LIMITS },
    status: 'ok',
    kill: { engaged: false, at: null, reason: null, by: null, via: null, flatten: false },
    circuit: { state: 'closed', reason: null, since: null, errors: 0 },
    gauges: [{ rule: 'daily-loss-limit', label: 'Daily loss', used: 4, limit: 5, unit: 'pct', text: '4% of 5%' }],
    quoteAsset: 'USDT',
    equity: 10_000,
    dayStartEquity: 10_000,
    peakEquity: 10_000,
    day: '2024-01-01',
    cooldownUntil: null,
    updatedAt: 1,
    ...over,
  };
}

const event = (seq: number, message: string): EventPayload<'risk.event'> => ({ seq, ts: seq * 1000, kind: 'refusal', actor: 'user', rule: 'fat-finger', level: 'warn', message, account: 'paper' });

beforeEach(() => {
  useRisk.setState({ state: null, events: [], projection: null, busy: false, limitsError: null });
  useNotices.setState({ notices: [] });
});

describe('the risk store and feed', () => {
  it('loads the state and the log, then follows events (newest state wins, no duplicate events)', async () => {
    const api = fakeApi({ 'risk.state': () => riskState({ updatedAt: 5 }), 'risk.events': () => ({ events: [event(2, 'b'), event(1, 'a')] }) });
    const off = subscribeRisk(api);
    await new Promise((r) => setTimeout(r, 0));
    expect(useRisk.getState().state?.updatedAt).toBe(5);
    api.emit('risk.state', riskState({ updatedAt: 4, mode: 'aggressive' }));
    expect(useRisk.getState().state?.mode).toBe('moderate');
    api.emit('risk.state', riskState({ updatedAt: 6, mode: 'aggressive' }));
    expect(useRisk.getState().state?.mode).toBe('aggressive');
    api.emit('risk.event', event(3, 'c'));
    addRiskEvent(event(3, 'c'));
    expect(useRisk.getState().events.map((e) => e.message)).toEqual(['c', 'b', 'a']);
    off();
    expect(api.listenerCount('risk.state')).toBe(0);
  });
});

describe('the risk actions', () => {
  it('refuse a bad limit here with the reason, before anything is sent', async () => {
    useRisk.setState({ state: riskState() });
    const api = fakeApi({});
    expect(await setLimits(api, { maxDrawdownPct: -3 })).toMatch(/Max drawdown must be a number more than 0% and at most 100%, got -3; the previous value \(20\) stays/);
    expect(api.calls).toEqual([]);
    expect(useRisk.getState().limitsError).toMatch(/Max drawdown/);
  });

  it('refuse what is not a number saying what was typed: a decimal comma, an emptied field', async () => {
    useRisk.setState({ state: riskState() });
    const api = fakeApi({});
    expect(await setLimits(api, readLimit('maxDrawdownPct', '1,5'))).toBe(
      'Max drawdown must be a number more than 0% and at most 100%, got "1,5" (write decimals with a point, as 1.5); the previous value (20) stays',
    );
    expect(await setLimits(api, readLimit('maxOrdersPerMinute', ''))).toBe('Max orders per minute must be a whole number from 1 to 10,000, got nothing; the previous value (60) stays');
    expect(api.calls).toEqual([]);
  });

  it('keep the engine refusal of a limit, and apply accepted ones', async () => {
    useRisk.setState({ state: riskState() });
    const api = fakeApi({
      'risk.setLimits': ({ limits }) => {
        if (limits.maxLeverage === 7) throw new KeelError('invalid_request', 'Leverage cap refused by the engine');
        return riskState({ updatedAt: 9, limits: { ...DEFAULT_LIMITS, ...limits } as State['limits'] });
      },
    });
    expect(await setLimits(api, { maxLeverage: 7 })).toBe('Leverage cap refused by the engine');
    expect(useRisk.getState().state?.limits.maxLeverage).toBe(DEFAULT_LIMITS.maxLeverage);
    expect(await setLimits(api, { maxLeverage: 2 })).toBeNull();
    expect(useRisk.getState().state?.limits.maxLeverage).toBe(2);
    expect(useRisk.getState().limitsError).toBeNull();
  });

  it("keep a refusal made while an earlier change was on its way: that change's acceptance does not clear it", async () => {
    useRisk.setState({ state: riskState(), limitsError: null });
    let accept: () => void = () => {};
    const api = fakeApi({
      'risk.setLimits': ({ limits }) => new Promise<State>((resolve) => (accept = () => resolve(riskState({ updatedAt: 9, limits: { ...DEFAULT_LIMITS, ...limits } as State['limits'] })))),
    });
    // A valid change sent (the engine has not answered yet), then a bad one refused here at once.
    const sent = setLimits(api, { maxDrawdownPct: 15 });
    expect(await setLimits(api, { maxDrawdownPct: -3 })).toMatch(/Max drawdown/);
    accept();
    expect(await sent).toBeNull();
    // The refusal the trader is looking at stays beside its field; the earlier change took effect.
    expect(useRisk.getState().limitsError).toMatch(/Max drawdown must be a number more than 0%/);
    expect(useRisk.getState().state?.limits.maxDrawdownPct).toBe(15);
  });

  it('switch modes, pull the kill switch and re-arm; failures become notices', async () => {
    const api = fakeApi({
      'risk.setMode': ({ mode }) => riskState({ mode, updatedAt: 2 }),
      'risk.kill': ({ flatten }) => ({ state: riskState({ status: 'halted', updatedAt: 3, kill: { engaged: true, at: 3, reason: 'x', by: 'user', via: 'browser', flatten: flatten ?? false } }), cancelled: 12, flattened: flatten ? 2 : 0, failures: [], ms: 1.5 }),
      'risk.rearm': () => {
        throw new KeelError('conflict', 'the exchange circuit breaker is open');
      },
    });
    expect(await setMode(api, 'conservative')).toBe(true);
    expect(useRisk.getState().state?.mode).toBe('conservative');
    expect(await kill(api, true)).toEqual({ cancelled: 12, flattened: 2, failures: [], ms: 1.5 });
    expect(useRisk.getState().state?.status).toBe('halted');
    expect(api.calls.find((c) => c.name === 'risk.kill')?.request).toMatchObject({ flatten: true });
    expect(await rearm(api)).toBe(false);
    expect(useNotices.getState().notices.map((n) => n.message)).toEqual(['the exchange circuit breaker is open']);
    expect(useRisk.getState().busy).toBe(false);
  });
});

describe('what the panel shows', () => {
  it('gauges: fill and tone', () => {
    expect(gaugeFill({ used: 4, limit: 5 })).toBeCloseTo(0.8);
    expect(gaugeTone({ used: 3, limit: 5 })).toBe('ok');
    expect(gaugeTone({ used: 4, limit: 5 })).toBe('warn');
    expect(gaugeTone({ used: 5, limit: 5 })).toBe('breach');
    expect(gaugeFill({ used: 9, limit: 5 })).toBe(1);
  });

  it('the status line names the kill switch and the circuit breaker', () => {
    expect(statusLine(riskState()).text).toMatch(/^Armed/);
    expect(statusLine(riskState({ status: 'halted', kill: { engaged: true, at: 1, reason: 'daily loss', by: 'system', via: 'daily-loss', flatten: false } })).text).toBe('Kill switch engaged (daily-loss): daily loss');
    expect(statusLine(riskState({ status: 'error', circuit: { state: 'open', reason: 'connection lost', since: 1, errors: 3 } })).text).toBe('Exchange circuit breaker open: connection lost');
  });

  it('modes with their figures', () => {
    const rows = modeRows('moderate', DEFAULT_LIMITS);
    expect(rows.map((r) => `${r.label}: ${r.figures}`)).toEqual([
      'Conservative: 1% risk/trade · ≤3 positions · AI ≥75%',
      'Moderate: 2% risk/trade · ≤5 positions · AI ≥70%',
      'Aggressive: 3–5% risk/trade · ≤8 positions · AI ≥80%',
      'Custom: your own figures',
    ]);
  });

  it('the limits editor locks the mode figures and reads what is typed', () => {
    expect(limitFields('moderate').find((f) => f.key === 'riskPerTradePct')?.locked).toBe(true);
    expect(limitFields('custom').every((f) => !f.locked)).toBe(true);
    expect(readLimit('maxLeverage', ' 2.5 ')).toEqual({ maxLeverage: 2.5 });
    expect(readLimit('maxLeverage', 'abc')).toEqual({ maxLeverage: 'abc' });
    // Commas group thousands; a decimal comma is not a thousands separator, and is never read as 15.
    expect(readLimit('maxPositionNotional', '250,000.5')).toEqual({ maxPositionNotional: 250_000.5 });
    expect(readLimit('maxDrawdownPct', '1,5')).toEqual({ maxDrawdownPct: '1,5' });
    expect(readLimit('maxDrawdownPct', ' 3 % ')).toEqual({ maxDrawdownPct: 3 });
    expect(readLimit('maxDrawdownPct', '1e400')).toEqual({ maxDrawdownPct: '1e400' });
    expect(readLimit('defaultStopPct', '')).toEqual({ defaultStopPct: null });
    expect(readLimit('symbolAllowlist', 'btc/usdt, ETH/USDT')).toEqual({ symbolAllowlist: ['BTC/USDT', 'ETH/USDT'] });
    expect(limitText({ ...DEFAULT_LIMITS, symbolAllowlist: ['BTC/USDT'] }, 'symbolAllowlist')).toBe('BTC/USDT');
  });

  it('closing positions at a loss limit is a checkbox with its label and what it does, saying whether it is on', () => {
    const field = limitFields('moderate').find((f) => f.key === 'closeOnLossLimit')!;
    expect(field).toMatchObject({ label: 'Close positions at a loss limit', locked: false });
    const screen = (on: boolean, note: string | null = null) => renderToStaticMarkup(createElement(LimitSwitch, { field, on, mode: 'moderate', invalid: false, note, onToggle: () => {} }));
    expect(screen(true)).toMatch(/<span>Close positions at a loss limit<\/span><input type="checkbox"[^>]* data-testid="limit-closeOnLossLimit" checked=""\/>/);
    expect(screen(false)).not.toContain('checked');
    expect(screen(false)).not.toContain('limit-note');
    // While a live account is armed, a line under the box says what it does there (live-close-note.ts).
    expect(screen(true, liveCloseNote('binance:main', true))).toMatch(/<\/label><p class="risk-limit-note" data-testid="limit-note-closeOnLossLimit">On binance:main, a daily-loss or drawdown breach sends market orders to the exchange/);
    expect(screen(false)).toMatch(/title="On: a daily-loss or drawdown breach pulls the kill switch and closes every open position at the breach\. Off \(the default\): [^"]*leaves open positions to their stops/);
    // The other limits stay boxes to type in.
    expect(limitFields('moderate').filter((f) => f.key !== 'closeOnLossLimit').every((f) => f.title === undefined)).toBe(true);
    // Typed (the CLI's way), "true" and "false" read back what limitText shows; anything else goes to be refused.
    expect(limitText({ ...DEFAULT_LIMITS, closeOnLossLimit: true }, 'closeOnLossLimit')).toBe('true');
    expect(readLimit('closeOnLossLimit', ' true ')).toEqual({ closeOnLossLimit: true });
    expect(readLimit('closeOnLossLimit', 'false')).toEqual({ closeOnLossLimit: false });
    expect(readLimit('closeOnLossLimit', 'yes')).toEqual({ closeOnLossLimit: 'yes' });
  });

  it('ticking the checkbox saves the limit at once; a refusal is kept with its reason and the limit stays', async () => {
    const field = limitFields('moderate').find((f) => f.key === 'closeOnLossLimit')!;
    const ticked: boolean[] = [];
    // The box as the editor draws it, ticked by the trader: onToggle gets the box's new state.
    const box = (on: boolean) => {
      const drawn = LimitSwitch({ field, on, mode: 'moderate', invalid: false, note: null, onToggle: (v) => ticked.push(v) }) as ReactElement<{ children: ReactElement<{ children: ReactElement<{ onChange: (e: unknown) => void }>[] }>[] }>;
      // The fragment's label, then the label's checkbox.
      return drawn.props.children[0]!.props.children[1]!;
    };
    box(false).props.onChange({ target: { checked: true } });
    box(true).props.onChange({ target: { checked: false } });
    expect(ticked).toEqual([true, false]);
    useRisk.setState({ state: riskState() });
    let refuse = false;
    const api = fakeApi({
      'risk.setLimits': ({ limits }) => {
        if (refuse) throw new KeelError('invalid_request', 'Close positions at a loss limit refused by the engine');
        return riskState({ updatedAt: 9, limits: { ...DEFAULT_LIMITS, ...limits } as State['limits'] });
      },
    });
    // What the editor sends for it (LimitsEditor: setLimits with the checkbox's patch).
    expect(await setLimits(api, switchPatch('closeOnLossLimit', ticked[0]!))).toBeNull();
    expect(api.calls).toEqual([{ name: 'risk.setLimits', request: { limits: { closeOnLossLimit: true } } }]);
    expect(useRisk.getState().state?.limits.closeOnLossLimit).toBe(true);
    refuse = true;
    expect(await setLimits(api, switchPatch('closeOnLossLimit', ticked[1]!))).toBe('Close positions at a loss limit refused by the engine');
    expect(api.calls.at(-1)?.request).toEqual({ limits: { closeOnLossLimit: false } });
    expect(useRisk.getState().limitsError).toBe('Close positions at a loss limit refused by the engine');
    expect(useRisk.getState().state?.limits.closeOnLossLimit).toBe(true);
  });

  it('the fan chart: one series per percentile over the trade numbers', () => {
    const p = { steps: [0, 10, 20], percentiles: { p5: [100, 90, 80], p25: [100, 95, 92], p50: [100, 101, 103], p75: [100, 106, 110], p95: [100, 115, 130] } } as unknown as Projection;
    const f = fanSeries(p);
    expect(f.p50).toEqual([{ time: 0, value: 100 }, { time: 10, value: 101 }, { time: 20, value: 103 }]);
    expect(Object.keys(f)).toEqual(['p95', 'p75', 'p50', 'p25', 'p5']);
    expect(tradeLabel(20)).toBe('#20');
    expect(pctText(0.0042)).toBe('0.42%');
    expect(pctText(0.5)).toBe('50%');
  });

  it("the projection's figures print no minus on a value that rounds to zero", () => {
    expect(pctText(-1e-6)).toBe('0.0%');
    expect(pctText(0.035)).toBe('3.5%');
    expect(drawdownPctText(-0.0001)).toBe('0.0%');
    expect(drawdownPctText(12.46)).toBe('12.5%');
    expect(medianEndText(-0.3)).toBe('0');
    expect(medianEndText(12_345.6)).toBe('12,346');
  });

  it("a backtest's fills as R-multiples on the default stop distance", () => {
    const result = {
      request: { strategy: 'sma-cross', series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' as const } },
      fills: [
        { ts: 1, side: 'buy' as const, price: 100, qty: 1, fee: 0 },
        { ts: 2, side: 'sell' as const, price: 104, qty: 1, fee: 0 },
        { ts: 3, side: 'buy' as const, price: 100, qty: 2, fee: 0 },
        { ts: 4, side: 'sell' as const, price: 99, qty: 2, fee: 0 },
      ],
    };
    // 2 % of 100 per unit: +4 on a risk of 2 → 2R; −2 on a risk of 4 → −0.5R.
    expect(backtestReturns(result as never, 2)).toEqual([2, -0.5]);
    expect(runLabel({ runId: 'r1', request: result.request } as never)).toBe('backtest sma-cross on BTC/USDT 1m (r1)');
  });

  it("a backtest that shorts: a short's R is positive when the price falls, and the run is named with its direction", () => {
    const result = {
      request: { strategy: 'sma-cross', direction: 'both' as const, series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' as const } },
      fills: [
        { ts: 1, side: 'sell' as const, price: 100, qty: 1, fee: 0 },
        { ts: 2, side: 'buy' as const, price: 96, qty: 1, fee: 0 },
        { ts: 3, side: 'buy' as const, price: 100, qty: 1, fee: 0 },
        { ts: 4, side: 'sell' as const, price: 101, qty: 1, fee: 0 },
      ],
    };
    // Short 100 → 96: +4 on a risk of 2 → 2R; then long 100 → 101: +0.5R.
    expect(backtestReturns(result as never, 2)).toEqual([2, 0.5]);
    expect(runLabel({ runId: 'r3', request: result.request } as never)).toBe('backtest sma-cross · long+short on BTC/USDT 1m (r3)');
  });

  it("a portfolio backtest's trades each in its own market, however their fills interleave", () => {
    const BTC = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' as const };
    const result = {
      request: { strategy: 'sma-cross', series: BTC, portfolio: [{ ...BTC, symbol: 'ETH/USDT' }] },
      fills: [
        { ts: 1, side: 'buy' as const, price: 100, qty: 1, fee: 0, symbol: 'BTC/USDT' },
        { ts: 2, side: 'buy' as const, price: 10, qty: 10, fee: 0, symbol: 'ETH/USDT' },
        { ts: 3, side: 'sell' as const, price: 104, qty: 1, fee: 0, symbol: 'BTC/USDT' },
        { ts: 4, side: 'sell' as const, price: 9.5, qty: 10, fee: 0, symbol: 'ETH/USDT' },
      ],
    };
    // BTC: +4 on a risk of 2 → 2R; ETH: −5 on 2 % of 100 → −2.5R (taken as one market, the sizes would mix).
    expect(backtestReturns(result as never, 2)).toEqual([2, -2.5]);
    expect(runLabel({ runId: 'r2', request: result.request } as never)).toBe('backtest sma-cross on BTC/USDT + ETH/USDT 1m (r2)');
  });
});
