// What the risk rules see of one order check, as the execution engine builds it per check.
import type { Dec } from '../../shared/trading/decimal.ts';
import type { RiskAccount, RiskContext } from '../risk/risk-gate.ts';
import type { Portfolio } from './portfolio.ts';

/** What the risk rules see of one check. Exact equity walks every position; only a rule that reads it pays for it. */
export class CheckContext implements RiskContext {
  readonly quoteAsset: string;
  readonly positionQty: Dec;
  readonly pendingBuyQty: Dec;
  readonly pendingSellQty: Dec;
  readonly lastPrice: Dec | null;
  readonly cash: Dec;
  readonly now: number;
  readonly account: RiskAccount;
  readonly #portfolio: Portfolio;

  constructor(quoteAsset: string, positionQty: Dec, pendingBuyQty: Dec, pendingSellQty: Dec, lastPrice: Dec | null, portfolio: Portfolio, now: number, account: RiskAccount) {
    this.quoteAsset = quoteAsset;
    this.positionQty = positionQty;
    this.pendingBuyQty = pendingBuyQty;
    this.pendingSellQty = pendingSellQty;
    this.lastPrice = lastPrice;
    this.cash = portfolio.cash;
    this.now = now;
    this.account = account;
    this.#portfolio = portfolio;
  }

  get equity(): Dec {
    return this.#portfolio.equity();
  }
}
