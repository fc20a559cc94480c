// The ticket's form → OrderRequest, for every order type: what is sent, what is left out, and what a
// wrong entry is told.
import { describe, expect, it } from 'vitest';
import { ORDER_TAG_VALID, OrderRequestSchema, ORDER_TYPES } from '../../../shared/trading/orders.ts';
import { EMPTY_FORM, entryPrice, formToRequest, TYPE_FIELDS, type TicketForm } from '../../../renderer/src/features/ticket/order-form.ts';
import { readDecimal } from '../../../renderer/src/features/ticket/decimal-input.ts';

const SYM = 'BTC/USDT';
const form = (patch: Partial<TicketForm>): TicketForm => ({ ...EMPTY_FORM, price: '46000', triggerPrice: '47000', ...patch });

describe('form → OrderRequest per type', () => {
  it('market: side, qty and nothing else', () => {
    expect(formToRequest(form({ type: 'market', side: 'sell' }), SYM, '0.01')).toEqual({ ok: true, request: { symbol: SYM, side: 'sell', type: 'market', qty: '0.01' } });
  });

  it('limit: the price and time in force; post-only when ticked', () => {
    expect(formToRequest(form({ type: 'limit', timeInForce: 'IOC' }), SYM, '0.5')).toEqual({ ok: true, request: { symbol: SYM, side: 'buy', type: 'limit', qty: '0.5', price: '46000', timeInForce: 'IOC' } });
    expect(formToRequest(form({ type: 'limit', postOnly: true }), SYM, '0.5')).toMatchObject({ ok: true, request: { postOnly: true, timeInForce: 'GTC' } });
  });

  it('stop-market and take-profit: the trigger only', () => {
    expect(formToRequest(form({ type: 'stop-market' }), SYM, '1')).toEqual({ ok: true, request: { symbol: SYM, side: 'buy', type: 'stop-market', qty: '1', triggerPrice: '47000' } });
    expect(formToRequest(form({ type: 'take-profit', side: 'sell' }), SYM, '1')).toEqual({ ok: true, request: { symbol: SYM, side: 'sell', type: 'take-profit', qty: '1', triggerPrice: '47000' } });
  });

  it('stop-limit and take-profit-limit: trigger, limit price and time in force', () => {
    for (const type of ['stop-limit', 'take-profit-limit'] as const) {
      expect(formToRequest(form({ type }), SYM, '1')).toEqual({ ok: true, request: { symbol: SYM, side: 'buy', type, qty: '1', price: '46000', triggerPrice: '47000', timeInForce: 'GTC' } });
    }
  });

  it('trailing stop: by percent or by amount, with an optional activation price', () => {
    expect(formToRequest(form({ type: 'trailing-stop', side: 'sell', trailBy: 'percent', trail: '1.5', triggerPrice: '' }), SYM, '1')).toEqual({
      ok: true,
      request: { symbol: SYM, side: 'sell', type: 'trailing-stop', qty: '1', trail: { percent: 1.5 } },
    });
    expect(formToRequest(form({ type: 'trailing-stop', side: 'sell', trailBy: 'amount', trail: '250' }), SYM, '1')).toEqual({
      ok: true,
      request: { symbol: SYM, side: 'sell', type: 'trailing-stop', qty: '1', triggerPrice: '47000', trail: { amount: '250' } },
    });
  });

  it('bracket: stop-loss and take-profit ride on the entry; reduce-only instead when ticked', () => {
    expect(formToRequest(form({ type: 'limit', stopLoss: '45,000', takeProfit: '48000.50' }), SYM, '0.1')).toMatchObject({
      ok: true,
      request: { bracket: { stopLoss: { triggerPrice: '45000' }, takeProfits: [{ price: '48000.50', fraction: 1 }] } },
    });
    expect(formToRequest(form({ stopLoss: '45000' }), SYM, '0.1')).toMatchObject({ ok: true, request: { bracket: { stopLoss: { triggerPrice: '45000' } } } });
    expect(formToRequest(form({ side: 'sell', reduceOnly: true }), SYM, '0.1')).toMatchObject({ ok: true, request: { reduceOnly: true } });
  });

  it('every request it builds passes the contract’s schema', () => {
    for (const type of ORDER_TYPES) {
      const r = formToRequest(form({ type, stopLoss: '45000', takeProfit: '48000' }), SYM, '0.25');
      if (!r.ok) throw new Error(`${type}: ${r.message}`);
      expect(OrderRequestSchema.safeParse(r.request).success, type).toBe(true);
      // Fields the type does not use are never sent.
      if (!TYPE_FIELDS[type].price) expect(r.request.price).toBeUndefined();
      if (!TYPE_FIELDS[type].trigger) expect(r.request.triggerPrice).toBeUndefined();
      if (!TYPE_FIELDS[type].trail) expect(r.request.trail).toBeUndefined();
    }
  });

  it('says what is valid when an entry is wrong', () => {
    expect(formToRequest(form({}), SYM, '0')).toEqual({ ok: false, field: 'qty', message: 'Quantity must be a number greater than 0, like 0.015' });
    expect(formToRequest(form({}), SYM, 'abc')).toMatchObject({ ok: false, field: 'qty' });
    expect(formToRequest(form({ sizing: 'risk' }), SYM, '')).toMatchObject({ ok: false, field: 'riskPct' });
    expect(formToRequest(form({ type: 'limit', price: '' }), SYM, '1')).toEqual({ ok: false, field: 'price', message: 'Limit price must be a number greater than 0, like 46250.5' });
    expect(formToRequest(form({ type: 'stop-limit', triggerPrice: '' }), SYM, '1')).toEqual({ ok: false, field: 'triggerPrice', message: 'A stop limit order needs a trigger price greater than 0, like 46250.5' });
    expect(formToRequest(form({ type: 'trailing-stop', triggerPrice: 'x' }), SYM, '1')).toMatchObject({ ok: false, field: 'triggerPrice', message: expect.stringMatching(/or left empty$/) });
    expect(formToRequest(form({ type: 'trailing-stop', trailBy: 'percent', trail: '100' }), SYM, '1')).toEqual({ ok: false, field: 'trail', message: 'Trail % must be more than 0 and less than 100, like 1.5' });
    expect(formToRequest(form({ type: 'trailing-stop', trailBy: 'amount', trail: '0' }), SYM, '1')).toMatchObject({ ok: false, field: 'trail' });
    expect(formToRequest(form({ type: 'limit', postOnly: true, timeInForce: 'IOC' }), SYM, '1')).toMatchObject({ ok: false, field: 'postOnly' });
    // A percent of the entry's fill: the engine sets the level when the entry fills.
    expect(formToRequest(form({ stopLoss: '2%', takeProfit: '4.5 %' }), SYM, '0.1')).toMatchObject({ ok: true, request: { bracket: { stopLoss: { percent: 2 }, takeProfits: [{ percent: 4.5, fraction: 1 }] } } });
    expect(formToRequest(form({ stopLoss: '100%' }), SYM, '1')).toMatchObject({ ok: false, field: 'stopLoss', message: 'Stop-loss must be a price greater than 0 like 45100, a percent of the fill below 100 like 2%, or left empty' });
    expect(formToRequest(form({ takeProfit: '0%' }), SYM, '1')).toMatchObject({ ok: false, field: 'takeProfit' });
    expect(formToRequest(form({ stopLoss: '0' }), SYM, '1')).toMatchObject({ ok: false, field: 'stopLoss' });
    expect(formToRequest(form({ takeProfit: '-5' }), SYM, '1')).toMatchObject({ ok: false, field: 'takeProfit' });
    expect(formToRequest(form({ reduceOnly: true, stopLoss: '45000' }), SYM, '1')).toMatchObject({ ok: false, field: 'reduceOnly' });
  });
});

describe('entry price', () => {
  it('is the limit price, else the trigger, else the last price', () => {
    expect(entryPrice(form({ type: 'limit' }), '1')).toBe('46000');
    expect(entryPrice(form({ type: 'stop-limit' }), '1')).toBe('46000');
    expect(entryPrice(form({ type: 'stop-market' }), '1')).toBe('47000');
    expect(entryPrice(form({ type: 'market' }), '46123.5')).toBe('46123.5');
    expect(entryPrice(form({ type: 'trailing-stop' }), '46123.5')).toBe('46123.5');
    expect(entryPrice(form({ type: 'limit', price: '' }), '1')).toBeNull();
  });
});

describe('typed numbers', () => {
  it('reads what people type and paste', () => {
    expect(readDecimal(' 46,250.50 ')).toBe('46250.50');
    expect(readDecimal('.5')).toBe('0.5');
    expect(readDecimal('5.')).toBe('5');
    expect(readDecimal('')).toBeNull();
    expect(readDecimal('1e5')).toBeUndefined();
    expect(readDecimal('-1')).toBeUndefined();
    expect(readDecimal('0.' + '1'.repeat(19))).toBeUndefined();
  });
});

describe('the ticket tag', () => {
  it('is sent trimmed when typed, and not at all when empty', () => {
    const typed = formToRequest(form({ qty: '0.5', tag: '  breakout ' }), 'BTC/USDT', '0.5');
    expect(typed).toMatchObject({ ok: true, request: { tag: 'breakout' } });
    const empty = formToRequest(form({ qty: '0.5', tag: '   ' }), 'BTC/USDT', '0.5');
    expect(empty.ok && 'tag' in empty.request).toBe(false);
  });

  it('refuses one the engine would, on the tag field, saying what a tag may be', () => {
    for (const tag of ['two  spaces', 'x'.repeat(41), 'semi;colon']) {
      const r = formToRequest(form({ qty: '0.5', tag }), 'BTC/USDT', '0.5');
      expect(r).toEqual({ ok: false, field: 'tag', message: `Tag: ${ORDER_TAG_VALID}; or leave it empty` });
    }
  });
});
