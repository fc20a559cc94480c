// trading.setAccountKind: the paper account made spot or margin from the UI; the answer is the account
// snapshot with its new kind, and trading.rules follows. To spot is refused while a strategy that may sell
// short runs on the account (the engine cannot know that), after the engine's own refusals.
import { describe, expect, it } from 'vitest';
import { tradingHandlers } from '../../../electron/app/handlers/trading-handlers.ts';
import { paperRig, USER } from '../trading/rig.ts';

const ctx = { shell: 'browser' as const, peer: 'test' };
/** A handler's answer as a promise: a refusal thrown at once is a rejection, as dispatch turns it. */
const call = <T>(fn: () => T | Promise<T>): Promise<T> => Promise.resolve().then(fn);

describe('trading.setAccountKind', () => {
  it('switches the paper account and answers its snapshot; trading.rules says the new kind', async () => {
    const h = tradingHandlers(paperRig().engine);
    expect(await h['trading.setAccountKind']({ kind: 'margin' }, ctx)).toMatchObject({ mode: 'paper', account: 'paper', kind: 'margin', kindChangeRefusal: null, equity: '10000' });
    expect(await h['trading.rules']({ symbol: 'BTC/USDT' }, ctx)).toMatchObject({ kind: 'margin' });
    expect(await h['trading.account']({}, ctx)).toMatchObject({ kind: 'margin' });
    expect(await h['trading.setAccountKind']({ kind: 'spot' }, ctx)).toMatchObject({ kind: 'spot' });
  });

  it('to spot is refused while a strategy that may short runs on the account, naming it', async () => {
    let shorting = ['sma-cross (long and short)'];
    const h = tradingHandlers(paperRig({ mode: 'margin' }).engine, { mayShortOn: (account) => (account === 'paper' ? shorting : []) });
    await expect(call(() => h['trading.setAccountKind']({ kind: 'spot' }, ctx))).rejects.toMatchObject({
      code: 'conflict',
      message: 'the paper account cannot switch to spot while sma-cross (long and short) runs on it and may sell short; stop it first',
    });
    shorting = [];
    expect(await h['trading.setAccountKind']({ kind: 'spot' }, ctx)).toMatchObject({ kind: 'spot' });
  });

  it('says the engine’s reason first: open orders', async () => {
    const r = paperRig({ mode: 'margin' });
    r.feed.onBar('TST/USDT', 0, 100, 100, 100, 100, 1000, 60_000);
    r.engine.submit({ symbol: 'TST/USDT', side: 'buy', type: 'limit', qty: '1', price: '90' }, USER);
    const h = tradingHandlers(r.engine, { mayShortOn: () => ['sma-cross (short only)'] });
    await expect(call(() => h['trading.setAccountKind']({ kind: 'spot' }, ctx))).rejects.toMatchObject({ code: 'conflict', message: 'the paper account cannot switch to spot with 1 open order; cancel it first' });
  });
});
