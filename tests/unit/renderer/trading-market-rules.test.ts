// The market rules the UI reads from trading.rules: asked once per account and symbol and kept under the
// account the answer names; risk sizing rounds to the market's step and counts its taker fee (no guess
// from the price, no fee learned from a preview); Reverse is not offered on a spot account.
import { beforeEach, describe, expect, it } from 'vitest';
import { KeelError } from '../../../shared/contract/index.ts';
import type { MarketRulesInfo } from '../../../shared/contract/commands/trading.ts';
import type { TradingMode } from '../../../shared/contract/commands/trading-mode.ts';
import { clearMarketRules, marketRulesNow, requestMarketRules, useMarketRules } from '../../../renderer/src/features/orders/market-rules-store.ts';
import { followTrading, switchTradingMode } from '../../../renderer/src/features/orders/trading-feed.ts';
import { kindUnavailable, setAccountKind } from '../../../renderer/src/features/positions/account-kind.ts';
import { usePositions } from '../../../renderer/src/features/positions/positions-store.ts';
import type { Account } from '../../../shared/trading/orders.ts';
import { reverseUnavailable } from '../../../renderer/src/features/positions/position-actions.ts';
import { useTradingModeState } from '../../../renderer/src/features/ticket/live/trading-mode-store.ts';
import { EMPTY_FORM, type TicketForm } from '../../../renderer/src/features/ticket/order-form.ts';
import { draftOrder } from '../../../renderer/src/features/ticket/ticket-draft.ts';
import { fakeApi } from './fake-api.ts';

const LIVE = 'binance:main';
const armed: TradingMode = { mode: 'live', account: LIVE, armedAt: 1, accounts: [LIVE] };
const rules = (patch: Partial<MarketRulesInfo> = {}): MarketRulesInfo => ({
  account: 'paper',
  kind: 'spot',
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  tickSize: '0.01',
  stepSize: '0.00001',
  minQty: '0.00001',
  minNotional: '5',
  makerFee: '0.001',
  takerFee: '0.001',
  ...patch,
});
const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  useTradingModeState.setState({ state: null });
  clearMarketRules();
});

describe('the market rules store', () => {
  it('asks once per account and symbol, and keeps the answer under the account it names', async () => {
    const api = fakeApi({ 'trading.rules': ({ symbol }) => rules({ symbol, account: useTradingModeState.getState().state?.account ?? 'paper', stepSize: useTradingModeState.getState().state ? '0.000001' : '0.00001' }) });
    requestMarketRules(api, 'BTC/USDT');
    requestMarketRules(api, 'BTC/USDT');
    await tick();
    expect(api.calls.map((c) => c.name)).toEqual(['trading.rules']);
    expect(marketRulesNow('BTC/USDT')).toMatchObject({ account: 'paper', stepSize: '0.00001' });
    expect(useMarketRules.getState().kinds.get('paper')).toBe('spot');

    // Live armed: paper's rules are not the live account's; it is asked afresh.
    useTradingModeState.setState({ state: armed });
    expect(marketRulesNow('BTC/USDT')).toBeNull();
    requestMarketRules(api, 'BTC/USDT');
    await tick();
    expect(api.calls).toHaveLength(2);
    expect(marketRulesNow('BTC/USDT')).toMatchObject({ account: LIVE, stepSize: '0.000001' });
  });

  it('does not ask again for a market the account cannot trade; asks again after another failure', async () => {
    let failure: KeelError = new KeelError('not_found', 'the paper account has no market rules for NOPE/USDT');
    const api = fakeApi({
      'trading.rules': () => {
        throw failure;
      },
    });
    requestMarketRules(api, 'NOPE/USDT');
    await tick();
    requestMarketRules(api, 'NOPE/USDT');
    expect(api.calls).toHaveLength(1);
    failure = new KeelError('internal', 'boom');
    requestMarketRules(api, 'X/USDT');
    await tick();
    requestMarketRules(api, 'X/USDT');
    expect(api.calls).toHaveLength(3);
  });

  it('is emptied when the account on screen changes', async () => {
    const api = fakeApi({
      'trading.rules': () => rules(),
      'trading.orders': () => ({ orders: [] }),
      'trading.fills': () => ({ fills: [] }),
      'trading.positions': () => ({ account: LIVE, positions: [] }),
      'trading.account': () => ({ mode: 'live', account: LIVE, kind: 'spot', kindChangeRefusal: null, quoteAsset: 'USDT', balances: [], equity: '0', realizedPnl: '0', unrealizedPnl: '0', feesPaid: '0', borrowRatePct: '0', interestPaid: '0', interestOwed: '0', updatedAt: 0 }),
    });
    requestMarketRules(api, 'BTC/USDT');
    await tick();
    expect(useMarketRules.getState().rules.size).toBe(1);
    switchTradingMode(api, armed);
    expect(useMarketRules.getState()).toMatchObject({ rules: new Map(), kinds: new Map() });
  });
});

describe('the paper account switched between spot and margin', () => {
  const account = (patch: Partial<Account> = {}): Account => ({ mode: 'paper', account: 'paper', kind: 'spot', kindChangeRefusal: null, quoteAsset: 'USDT', balances: [], equity: '10000', realizedPnl: '0', unrealizedPnl: '0', feesPaid: '0', borrowRatePct: '0', interestPaid: '0', interestOwed: '0', updatedAt: 1, ...patch });

  it('the switch answers the snapshot: the account, its kind and the rules already known follow it (Reverse, the ticket)', async () => {
    usePositions.setState({ positions: [], account: null, positionsLive: false, accountLive: false });
    let now = account();
    const api = fakeApi({
      'trading.rules': ({ symbol }) => rules({ symbol, kind: now.kind }),
      'trading.orders': () => ({ orders: [] }),
      'trading.fills': () => ({ fills: [] }),
      'trading.positions': () => ({ account: 'paper', positions: [] }),
      'trading.account': () => now,
      'trading.mode': () => ({ mode: 'paper', account: null, armedAt: null, accounts: [] }),
      'trading.setAccountKind': ({ kind }) => (now = account({ kind, updatedAt: 2 })),
    });
    const off = followTrading(api);
    requestMarketRules(api, 'BTC/USDT');
    await tick();
    expect(useMarketRules.getState().kinds.get('paper')).toBe('spot');
    expect(reverseUnavailable(useMarketRules.getState().kinds.get('paper') ?? null, 'paper')).not.toBeNull();

    expect(await setAccountKind(api, 'margin')).toEqual({ ok: true });
    expect(usePositions.getState().account).toMatchObject({ kind: 'margin' });
    expect(useMarketRules.getState().kinds.get('paper')).toBe('margin');
    expect(marketRulesNow('BTC/USDT')).toMatchObject({ kind: 'margin', stepSize: '0.00001' });
    expect(reverseUnavailable(useMarketRules.getState().kinds.get('paper') ?? null, 'paper')).toBeNull();

    // Another view's switch arrives as the account event.
    api.emit('trading.account', account({ kind: 'spot', updatedAt: 3 }));
    expect(usePositions.getState().account).toMatchObject({ kind: 'spot' });
    expect(marketRulesNow('BTC/USDT')).toMatchObject({ kind: 'spot' });
    off();
  });

  it('a refused switch comes back with the engine’s reason; the other kind is unavailable while the snapshot says why', async () => {
    const why = 'the paper account cannot switch to margin with 1 open order; cancel it first';
    const api = fakeApi({
      'trading.setAccountKind': () => {
        throw new KeelError('conflict', why);
      },
    });
    expect(await setAccountKind(api, 'margin')).toEqual({ ok: false, error: { code: 'conflict', message: why } });
    const snapshot = account({ kindChangeRefusal: why });
    expect(kindUnavailable(snapshot, 'margin')).toBe(why);
    expect(kindUnavailable(snapshot, 'spot')).toBeNull();
  });
});

describe('risk sizing from the market rules', () => {
  const form: TicketForm = { ...EMPTY_FORM, sizing: 'risk', riskPct: '1', stopLoss: '45500' };
  const ctx = { symbol: 'BTC/USDT', lastPrice: '46000', equity: '10000' };

  it('rounds to the market’s step and counts its taker fee', () => {
    // per unit: 500 + 0.001 × (46000 + 45500) = 591.5; 100 / 591.5 = 0.169061...
    expect(draftOrder(form, { ...ctx, rules: rules() })).toMatchObject({ sizing: { ok: true, qty: '0.16906' }, request: { qty: '0.16906' }, step: '0.00001' });
    // A finer step (the live exchange's) and no fee: the quantity the rules allow, not one guessed from the price.
    expect(draftOrder(form, { ...ctx, rules: rules({ stepSize: '0.000001', takerFee: '0' }) })).toMatchObject({ sizing: { ok: true, qty: '0.2' }, step: '0.000001' });
    expect(draftOrder(form, { ...ctx, rules: rules({ stepSize: '0.1' }) })).toMatchObject({ sizing: { ok: true, qty: '0.1' } });
  });

  it('waits for the rules instead of guessing', () => {
    expect(draftOrder(form, { ...ctx, rules: null })).toMatchObject({
      request: null,
      problem: { field: 'riskPct', message: 'The market rules of BTC/USDT (its quantity step and fee) are not known yet, so the risk cannot be sized' },
    });
    // A typed quantity needs no rules.
    expect(draftOrder({ ...form, sizing: 'qty', qty: '0.5' }, { ...ctx, rules: null })).toMatchObject({ request: { qty: '0.5' }, problem: null });
  });
});

describe('reverse', () => {
  it('is not offered on a spot account, and says why', () => {
    expect(reverseUnavailable('spot', 'paper')).toBe('Reverse needs a margin account: paper is a spot account, which cannot go short. Close the position instead, or switch the paper account to Margin above.');
    expect(reverseUnavailable('margin', LIVE)).toBeNull();
    // Not known yet: offered, and the engine says if it cannot.
    expect(reverseUnavailable(null, 'paper')).toBeNull();
  });
});
