// The test account's balances on the exchange: free and locked per asset, exact decimals. Orders lock
// what they may spend (quote for buys, base for sells) and fills move it; nothing here knows about orders.
import { format, type Dec } from '../../../shared/trading/decimal.ts';
import { BinanceApiError } from './api-error.ts';

export interface Balance {
  free: Dec;
  locked: Dec;
}

export const insufficientBalance = () => new BinanceApiError(400, -2010, 'Account has insufficient balance for requested action.');

export class SpotAccount {
  readonly balances = new Map<string, Balance>();

  constructor(initial: Readonly<Record<string, Dec>> = {}) {
    for (const [asset, amount] of Object.entries(initial)) this.balances.set(asset, { free: amount, locked: 0n });
  }

  get(asset: string): Balance {
    let b = this.balances.get(asset);
    if (!b) this.balances.set(asset, (b = { free: 0n, locked: 0n }));
    return b;
  }

  /** Moves `amount` from free to locked, or throws Binance's insufficient-balance error. */
  lock(asset: string, amount: Dec): void {
    const b = this.get(asset);
    if (b.free < amount) throw insufficientBalance();
    b.free -= amount;
    b.locked += amount;
  }

  /** Gives back what an order held and no longer needs. */
  unlock(asset: string, amount: Dec): void {
    const b = this.get(asset);
    b.locked -= amount;
    b.free += amount;
  }

  /** Spends from locked (a fill), and adds to free (what the fill bought, or the change). */
  spendLocked(asset: string, amount: Dec): void {
    this.get(asset).locked -= amount;
  }

  credit(asset: string, amount: Dec): void {
    this.get(asset).free += amount;
  }

  debit(asset: string, amount: Dec): void {
    this.get(asset).free -= amount;
  }

  /** As GET /api/v3/account lists them: every asset ever held, eight decimals. */
  rows(): { asset: string; free: string; locked: string }[] {
    return [...this.balances].sort(([a], [b]) => a.localeCompare(b)).map(([asset, b]) => ({ asset, free: fmt8(b.free), locked: fmt8(b.locked) }));
  }

  toJSON(): Record<string, { free: string; locked: string }> {
    return Object.fromEntries([...this.balances].map(([a, b]) => [a, { free: format(b.free), locked: format(b.locked) }]));
  }
}

/** Binance prints amounts with exactly eight decimals. */
export function fmt8(a: Dec): string {
  const text = format(a);
  const [whole, frac = ''] = text.split('.');
  return `${whole}.${frac.padEnd(8, '0').slice(0, 8)}`;
}
