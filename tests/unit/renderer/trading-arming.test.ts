// The arming dialog's steps against a fake Api: one stored account is previewed at once, arming needs
// the name typed back exactly, and the engine's refusals stay in the dialog with their code.
import { beforeEach, describe, expect, it } from 'vitest';
import { KeelError } from '../../../shared/contract/index.ts';
import type { TradingMode } from '../../../shared/contract/commands/trading-mode.ts';
import { acknowledgeDrift, armLive, closeArming, confirmMatches, disarmLive, openArming, showFindings, useArming } from '../../../renderer/src/features/ticket/live/arming.ts';
import { findingLines, hasFindings } from '../../../renderer/src/features/ticket/live/findings.ts';
import { useTradingModeState } from '../../../renderer/src/features/ticket/live/trading-mode-store.ts';
import { fakeApi } from './fake-api.ts';

const paper: TradingMode = { mode: 'paper', account: null, armedAt: null, accounts: ['binance:main'] };
const preview = { account: 'binance:main', balances: [{ asset: 'USDT', free: '100', locked: '0' }], fetchedAt: 1, confirmText: 'binance:main' };

beforeEach(() => {
  closeArming();
  useTradingModeState.setState({ state: null });
});

describe('arming live trading', () => {
  it('needs the account name exactly, spaces around it aside', () => {
    expect(confirmMatches(' binance:main ', 'binance:main')).toBe(true);
    expect(confirmMatches('binance:mai', 'binance:main')).toBe(false);
    expect(confirmMatches('Binance:main', 'binance:main')).toBe(false);
    expect(confirmMatches('', '')).toBe(false);
    expect(confirmMatches('binance:main', undefined)).toBe(false);
  });

  it('previews the one stored account, arms with the typed name, and disarms', async () => {
    let mode = paper;
    const api = fakeApi({
      'trading.mode': () => mode,
      'trading.armPreview': () => preview,
      'trading.arm': ({ account }) => (mode = { ...paper, mode: 'live', account, armedAt: 5 }) && { ...mode, balances: [] },
      'trading.disarm': () => (mode = paper),
      'trading.orders': () => ({ orders: [] }),
      'trading.fills': () => ({ fills: [] }),
      'trading.positions': () => ({ account: mode.account ?? 'paper', positions: [] }),
      'trading.account': () => ({ mode: mode.mode, account: mode.account ?? 'paper', kind: 'spot', kindChangeRefusal: null, quoteAsset: 'USDT', balances: [], equity: '0', realizedPnl: '0', unrealizedPnl: '0', feesPaid: '0', borrowRatePct: '0', interestPaid: '0', interestOwed: '0', updatedAt: 0 }),
    });
    await openArming(api);
    expect(useArming.getState()).toMatchObject({ open: true, accounts: ['binance:main'], account: 'binance:main', preview, busy: null });

    // Not typed yet: nothing is sent.
    await armLive(api);
    expect(api.calls.some((c) => c.name === 'trading.arm')).toBe(false);

    useArming.setState({ typed: 'binance:main' });
    await armLive(api);
    expect(api.calls.find((c) => c.name === 'trading.arm')?.request).toEqual({ account: 'binance:main', confirm: 'binance:main' });
    expect(useArming.getState().open).toBe(false);
    expect(useTradingModeState.getState().state).toMatchObject({ mode: 'live', account: 'binance:main' });

    expect(await disarmLive(api)).toBeNull();
    expect(useTradingModeState.getState().state?.mode).toBe('paper');
  });

  it('stays open after arming on what reconciliation found, in words; without findings it closes', async () => {
    const findings = {
      reconciledAt: 9,
      foreignOpenOrders: [{ symbol: 'BTC/USDT', side: 'sell', type: 'limit', qty: '0.1', filledQty: '0', price: '90000', clientOrderId: 'web_1', exchangeOrderId: '77' }],
      balanceDrift: [{ asset: 'BTC', expected: '0', exchange: '0.5', difference: '0.5' }],
      refusedCancels: [],
    };
    const live = { ...paper, mode: 'live' as const, account: 'binance:main', armedAt: 5, findings };
    const api = fakeApi({
      'trading.mode': () => paper,
      'trading.armPreview': () => preview,
      'trading.arm': () => ({ ...live, balances: [] }),
      'trading.orders': () => ({ orders: [] }),
      'trading.fills': () => ({ fills: [] }),
      'trading.positions': () => ({ account: 'binance:main', positions: [] }),
      'trading.account': () => ({ mode: 'live', account: 'binance:main', kind: 'spot', kindChangeRefusal: null, quoteAsset: 'USDT', balances: [], equity: '0', realizedPnl: '0', unrealizedPnl: '0', feesPaid: '0', borrowRatePct: '0', interestPaid: '0', interestOwed: '0', updatedAt: 0 }),
    });
    await openArming(api);
    useArming.setState({ typed: 'binance:main' });
    await armLive(api);
    expect(useArming.getState()).toMatchObject({ open: true, busy: null, armed: { mode: 'live', findings } });
    expect(useTradingModeState.getState().state).toMatchObject({ mode: 'live', findings });
    expect(findingLines(findings, 'binance')).toEqual([
      { kind: 'foreign', text: 'Open on binance, not placed by Keel: BTC/USDT sell 0.1 limit at 90000 (client id web_1). Keel leaves it alone, the kill switch too; cancel it on binance if it should not stay.' },
      { kind: 'drift', text: "BTC: binance holds 0.5, Keel's journal expects 0 (+0.5): a deposit, a withdrawal, a holding from before Keel, or a trade Keel did not make." },
    ]);
    expect(hasFindings({ ...findings, foreignOpenOrders: [], balanceDrift: [] })).toBe(false);
  });

  it('takes the exchange’s balances as right when the trader acknowledges the drift, and keeps a refusal in the dialog', async () => {
    const drift = [{ asset: 'BTC', expected: '0.5', exchange: '0.75', difference: '0.25' }];
    const findings = { reconciledAt: 9, foreignOpenOrders: [], balanceDrift: drift, openingBalances: [], refusedCancels: [] };
    const live: TradingMode = { ...paper, mode: 'live', account: 'binance:main', armedAt: 5, findings };
    let refuse = true;
    const api = fakeApi({
      'trading.acknowledgeDrift': () => {
        if (refuse) throw new KeelError('conflict', 'no live account is armed; arm binance:main to acknowledge its drift');
        return { ...live, findings: { ...findings, balanceDrift: [] } };
      },
    });
    useTradingModeState.setState({ state: live });
    showFindings(live);
    expect(findingLines(useArming.getState().armed?.findings, 'binance').map((l) => l.kind)).toEqual(['drift']);

    await acknowledgeDrift(api, drift);
    expect(useArming.getState()).toMatchObject({ open: true, busy: null, error: { code: 'conflict', message: 'no live account is armed; arm binance:main to acknowledge its drift' } });
    expect(useArming.getState().armed?.findings?.balanceDrift).toEqual(drift);

    refuse = false;
    await acknowledgeDrift(api, drift);
    expect(api.calls.filter((c) => c.name === 'trading.acknowledgeDrift').map((c) => c.request)).toEqual([
      { account: 'binance:main', seen: [{ asset: 'BTC', exchange: '0.75' }] },
      { account: 'binance:main', seen: [{ asset: 'BTC', exchange: '0.75' }] },
    ]);
    // The dialog says nothing differs now, and the mode switch no longer offers the drift.
    expect(useArming.getState()).toMatchObject({ open: true, busy: null, error: null });
    expect(findingLines(useArming.getState().armed?.findings, 'binance')).toEqual([]);
    expect(useTradingModeState.getState().state?.findings?.balanceDrift).toEqual([]);
  });

  it('says once what the first arming took as the opening balance, which is not drift', () => {
    const first = { reconciledAt: 9, foreignOpenOrders: [], balanceDrift: [], openingBalances: [{ asset: 'BTC', expected: '0', exchange: '0.5', difference: '0.5' }], refusedCancels: [] };
    expect(hasFindings(first)).toBe(true);
    expect(findingLines(first, 'binance')).toEqual([
      { kind: 'opening', text: "BTC: binance holds 0.5, Keel's journal expected 0 (a holding from before Keel): taken as the opening balance on this first arming. From now on only changes since are reported as drift." },
    ]);
    expect(hasFindings({ ...first, openingBalances: [] })).toBe(false);
  });

  it('keeps why the keychain could not be read, so the dialog does not say no key is stored', async () => {
    const api = fakeApi({ 'trading.mode': () => ({ ...paper, accounts: [], keychainError: 'the OS keychain is locked' }) });
    await openArming(api);
    expect(useArming.getState()).toMatchObject({ open: true, accounts: [], keychainError: 'the OS keychain is locked' });
    closeArming();
    const none = fakeApi({ 'trading.mode': () => ({ ...paper, accounts: [], keychainError: null }) });
    await openArming(none);
    expect(useArming.getState()).toMatchObject({ accounts: [], keychainError: null });
  });

  it('keeps the engine’s refusal in the dialog', async () => {
    const api = fakeApi({
      'trading.mode': () => paper,
      'trading.armPreview': () => preview,
      'trading.arm': () => {
        throw new KeelError('conflict', 'live trading was not armed: binance answered 401 (invalid API key)');
      },
    });
    await openArming(api);
    useArming.setState({ typed: 'binance:main' });
    await armLive(api);
    expect(useArming.getState()).toMatchObject({ open: true, busy: null, error: { code: 'conflict', message: 'live trading was not armed: binance answered 401 (invalid API key)' } });
  });
});
