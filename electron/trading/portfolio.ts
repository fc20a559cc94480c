// One trading account: cash in the quote asset, and positions per (symbol, ledger), where the ledger is
// who traded ("user", "strategy:<id>", "ai"), so each keeps its own P&L on the one account.
//
// Two kinds of number live here on purpose:
// - exact (bigint Dec): cash, quantities, cost basis, realized P&L, fees. These add up to the last unit:
//   cash is always start + Σ sells − Σ buys − Σ fees.
// - float: marks and unrealized P&L, in typed arrays, so marking 10,000 positions is one tight loop with no
//   allocation. Snapshots for the UI recompute unrealized P&L exactly from the mark when they are built.
import { borrowInterest, borrowRateFraction, rateTimesMs } from '../../shared/trading/borrow-interest.ts';
import { decFromNumber, div, mul, toNumber, type Dec } from '../../shared/trading/decimal.ts';
import type { Side } from '../../shared/trading/orders.ts';
import type { PositionRecord } from '../journal/trading-journal.ts';
import type { SymbolTable } from './symbol-table.ts';

/** One position's exact state; `index` is its slot in the portfolio's float arrays. */
export class PositionState {
  readonly symbol: string;
  readonly symbolId: number;
  readonly ledger: string;
  readonly index: number;
  /** Signed: positive long, negative short. */
  qty: Dec = 0n;
  /** Σ signed qty × entry price of the open part (negative for shorts): average entry = costBasis / qty. */
  costBasis: Dec = 0n;
  /** Closed P&L before fees. */
  realizedPnl: Dec = 0n;
  feesPaid: Dec = 0n;
  /** Borrow interest its shorts paid when bought back. */
  interestPaid: Dec = 0n;
  /**
   * While short: when the open short was borrowed, epoch ms, weighted by quantity when it grew (a buy back
   * that leaves some of it keeps the time: what is left has been borrowed as long). NaN when not short.
   */
  borrowedSince = Number.NaN;
  /**
   * While short: what its loan ran up at the account's earlier borrow rates, as Σ rate × ms (rateTimesMs)
   * from when it was borrowed to each rate change; the rate now counts from borrowedSince, moved to the change.
   * Per unit of the loan, so a partial buy-back leaves the rest with the same; averaged in when the short grows.
   */
  borrowRateMs = 0n;
  updatedAt = 0;

  constructor(symbol: string, symbolId: number, ledger: string, index: number) {
    this.symbol = symbol;
    this.symbolId = symbolId;
    this.ledger = ledger;
    this.index = index;
  }

  /** Average entry price, or null when flat. */
  avgEntry(): Dec | null {
    return this.qty === 0n ? null : div(this.costBasis, this.qty);
  }
}

export interface PortfolioOptions {
  account: string;
  quoteAsset: string;
  startBalance: Dec;
  mode: 'spot' | 'margin';
  symbols: SymbolTable;
  /** Percent a year a short pays on what it borrowed (default 0). */
  borrowRatePct?: Dec;
}

/** An open short's borrow after a rate change (Portfolio.borrowRateChange). */
export interface BorrowRateChange {
  readonly position: PositionState;
  readonly borrowRateMs: bigint;
  readonly borrowedSince: number;
}

/** What a fill did to the account. */
export interface FillEffect {
  position: PositionState;
  /** Realized P&L this fill closed (before fees). */
  realized: Dec;
  /** Borrow interest it paid (a buy that took back a short on an account with a borrow rate), else 0. */
  interest: Dec;
}

export class Portfolio {
  readonly account: string;
  readonly quoteAsset: string;
  readonly startBalance: Dec;
  /** Spot or margin: the engine changes it with the account's kind (the paper account's, by the trader). */
  mode: 'spot' | 'margin';
  #cash: Dec;
  /** toNumber(#cash), kept beside it: the equity float and the backtest's tally read it at every order. */
  #cashF: number;
  realizedPnl: Dec = 0n;
  feesPaid: Dec = 0n;
  /** Σ borrow interest paid on shorts. */
  interestPaid: Dec = 0n;
  updatedAt = 0;
  /** The yearly borrow rate as an exact fraction (0: borrowing is free); shorts pay it when bought back. */
  #borrowRate: Dec = 0n;
  /** Whether any short has run up interest at an earlier rate (borrowRateMs): then a rate of 0 still leaves some owed. */
  #ranUpEarlier = false;
  /** The rate as given: the fraction above, divided by 100 in atoms, would not always give it back exactly. */
  #borrowRatePct: Dec = 0n;

  readonly #symbols: SymbolTable;
  readonly #positions: PositionState[] = [];
  /** Positions by ledger, then by symbol id: no key strings built on the fill path. */
  readonly #byLedger = new Map<string, (PositionState | undefined)[]>();
  #lastLedger: string | null = null;
  #lastSlots: (PositionState | undefined)[] | undefined = undefined;
  /** Position slots per symbol id. */
  readonly #bySymbol: (number[] | undefined)[] = [];
  // Float mirrors, one slot per position: qty, cost basis, unrealized P&L; and the symbol each belongs to.
  #qtyF = new Float64Array(64);
  #costF = new Float64Array(64);
  #upnlF = new Float64Array(64);
  #symOf = new Int32Array(64);
  /** Last mark per symbol id (NaN before the first price). */
  #marks = new Float64Array(64).fill(Number.NaN);

  constructor(options: PortfolioOptions) {
    this.account = options.account;
    this.quoteAsset = options.quoteAsset;
    this.startBalance = options.startBalance;
    this.mode = options.mode;
    this.#cash = options.startBalance;
    this.#cashF = toNumber(options.startBalance);
    this.#symbols = options.symbols;
    this.borrowRatePct = options.borrowRatePct ?? 0n;
  }

  /** What borrowing to short costs, percent a year. */
  get borrowRatePct(): Dec {
    return this.#borrowRatePct;
  }

  set borrowRatePct(ratePct: Dec) {
    this.#borrowRatePct = ratePct;
    this.#borrowRate = borrowRateFraction(ratePct);
  }

  /**
   * What changing the borrow rate at `now` does to the open shorts: each keeps what it ran up at the rate
   * until now (its borrowRateMs grows by rate × the time since borrowedSince) and pays the new rate from
   * now. Works it out without changing anything, so the journal can write it first; applyBorrowRate() then
   * makes it so.
   */
  borrowRateChange(now: number): BorrowRateChange[] {
    const changes: BorrowRateChange[] = [];
    for (const p of this.#positions) {
      if (p.qty >= 0n) continue;
      changes.push({ position: p, borrowRateMs: p.borrowRateMs + rateTimesMs(this.#borrowRate, now - p.borrowedSince), borrowedSince: now });
    }
    return changes;
  }

  /** Sets the borrow rate with the changes borrowRateChange() worked out for the same moment. */
  applyBorrowRate(ratePct: Dec, changes: readonly BorrowRateChange[]): void {
    for (const c of changes) {
      c.position.borrowRateMs = c.borrowRateMs;
      c.position.borrowedSince = c.borrowedSince;
      if (c.borrowRateMs !== 0n) this.#ranUpEarlier = true;
    }
    this.borrowRatePct = ratePct;
  }

  get cash(): Dec {
    return this.#cash;
  }

  set cash(value: Dec) {
    this.#cash = value;
    this.#cashF = toNumber(value);
  }

  /** Cash as a float (charts, ratios, sizing; never balances). */
  cashFloat(): number {
    return this.#cashF;
  }

  /** Resumes from the journal: cash and totals from the latest balance, positions as they were. */
  restore(cash: Dec, realizedPnl: Dec, feesPaid: Dec, interestPaid: Dec, positions: readonly PositionRecord[]): void {
    // A reload after a failed write: a position the journal has no row for was never saved (NaN: never
    // updated, which positions() leaves out, as a restart would not have it).
    for (const p of this.#positions) {
      p.qty = p.costBasis = p.realizedPnl = p.feesPaid = p.interestPaid = p.borrowRateMs = 0n;
      p.borrowedSince = p.updatedAt = Number.NaN;
      this.#mirror(p);
    }
    this.cash = cash;
    this.realizedPnl = realizedPnl;
    this.feesPaid = feesPaid;
    this.interestPaid = interestPaid;
    for (const r of positions) {
      const p = this.#slot(r.symbol, r.ledger);
      p.qty = r.qty;
      p.costBasis = r.costBasis;
      p.realizedPnl = r.realizedPnl;
      p.feesPaid = r.feesPaid;
      p.interestPaid = r.interestPaid;
      // A short journaled before borrow times were kept (migration 008) counts from its last change: never more than it owes.
      p.borrowedSince = r.borrowedSince ?? (r.qty < 0n ? r.updatedAt : Number.NaN);
      p.borrowRateMs = r.qty < 0n ? (r.borrowRateMs ?? 0n) : 0n;
      if (p.borrowRateMs !== 0n) this.#ranUpEarlier = true;
      p.updatedAt = r.updatedAt;
      this.#mirror(p);
    }
    for (const p of this.#positions) {
      const mark = this.#marks[p.symbolId]!;
      this.#upnlF[p.index] = mark === mark ? this.#qtyF[p.index]! * mark - this.#costF[p.index]! : 0;
    }
  }

  position(symbol: string, ledger: string): PositionState | undefined {
    const id = this.#symbols.find(symbol);
    return id === -1 ? undefined : this.#ledgerSlots(ledger)?.[id];
  }

  /** A ledger's positions by symbol id; the last ledger asked for is remembered (an order asks several times). */
  #ledgerSlots(ledger: string): (PositionState | undefined)[] | undefined {
    if (ledger === this.#lastLedger) return this.#lastSlots;
    const slots = this.#byLedger.get(ledger);
    if (slots !== undefined) {
      this.#lastLedger = ledger;
      this.#lastSlots = slots;
    }
    return slots;
  }

  /** The ledger's signed quantity in the symbol (0 when it has none). */
  qty(symbol: string, ledger: string): Dec {
    return this.position(symbol, ledger)?.qty ?? 0n;
  }

  /** The ledger's signed quantity in the symbol as a float, toNumber of the exact one (0 when it has none). */
  qtyFloat(symbol: string, ledger: string): number {
    const p = this.position(symbol, ledger);
    return p === undefined ? 0 : this.#qtyF[p.index]!;
  }

  /** Every position ever opened (flat ones included: they carry realized P&L and fees). */
  positions(): readonly PositionState[] {
    return this.#positions;
  }

  /**
   * Applies one fill exactly: cash, fees, the position's quantity, cost basis and realized P&L; and a
   * short's borrow: a sell that opens or grows one starts (or averages in) its borrow time, a buy that
   * takes it back pays the interest on what it took back, at this fill's price, for the time it was held.
   * `notional` is qty × price, when the caller has it already.
   */
  applyFill(symbol: string, ledger: string, side: Side, qty: Dec, price: Dec, fee: Dec, ts: number, notional: Dec = mul(qty, price)): FillEffect {
    const p = this.#slot(symbol, ledger);
    const buy = side === 'buy';
    // Written out so no bigint is made only to be added (a negated notional, a zero fee).
    let cash = buy ? this.#cash - notional : this.#cash + notional;
    if (fee !== 0n) {
      cash -= fee;
      this.feesPaid += fee;
      p.feesPaid += fee;
    }
    this.cash = cash;
    let realized = 0n;
    const q = p.qty;
    let interest = 0n;
    if (q === 0n || (q > 0n) === buy) {
      // Opening or adding: the cost basis grows by what was paid (or received, for shorts).
      p.costBasis += buy ? notional : -notional;
      p.qty = buy ? q + qty : q - qty;
      if (!buy) {
        p.borrowedSince = q === 0n ? ts : this.#averageBorrowTime(p, qty, ts);
        // The new part ran up nothing at earlier rates: the loan's share of what the old part did shrinks.
        if (q === 0n) p.borrowRateMs = 0n;
        else if (p.borrowRateMs !== 0n) p.borrowRateMs = (p.borrowRateMs * -q) / (qty - q);
      }
    } else {
      // Reducing: the closed part takes its share of the cost basis with it; the last of it takes all that is left,
      // so a position opened and closed in pieces realizes exactly Σ proceeds − Σ cost.
      const abs = q < 0n ? -q : q;
      const closing = qty < abs ? qty : abs;
      const share = closing === abs ? p.costBasis : (p.costBasis * closing) / abs;
      const value = closing === qty ? notional : mul(closing, price);
      realized = q > 0n ? value - share : -share - value;
      p.costBasis -= share;
      p.qty = buy ? q + closing : q - closing;
      if (q < 0n) {
        // Taking back a short repays what was borrowed, with its interest (borrow-interest.ts).
        if (this.#borrowRate !== 0n || p.borrowRateMs !== 0n) interest = borrowInterest(value, this.#borrowRate, ts - p.borrowedSince, p.borrowRateMs);
        if (closing === abs) {
          p.borrowedSince = Number.NaN;
          p.borrowRateMs = 0n;
        }
      }
      const rest = qty - closing;
      if (rest > 0n) {
        // Through zero: the rest opens the other way at this price.
        const restValue = notional - value;
        p.costBasis = buy ? restValue : -restValue;
        p.qty = buy ? rest : -rest;
        if (!buy) p.borrowedSince = ts;
      }
      p.realizedPnl += realized;
      this.realizedPnl += realized;
      if (interest !== 0n) {
        this.cash = this.#cash - interest;
        p.interestPaid += interest;
        this.interestPaid += interest;
      }
    }
    p.updatedAt = ts;
    this.updatedAt = ts;
    this.#mirror(p);
    const mark = this.#marks[p.symbolId]!;
    if (mark === mark) this.#upnlF[p.index] = this.#qtyF[p.index]! * mark - this.#costF[p.index]!;
    return { position: p, realized, interest };
  }

  /** The borrow time of a short grown by `added` at `ts`: the average of the times, weighted by quantity. */
  #averageBorrowTime(p: PositionState, added: Dec, ts: number): number {
    const held = -this.#qtyF[p.index]!;
    const more = toNumber(added);
    return (held * p.borrowedSince + more * ts) / (held + more);
  }

  /** The interest a short owes if it were bought back at `now` at its mark (0 when not short, no rate, or no mark). */
  interestOwed(p: PositionState, now: number): Dec {
    if (p.qty >= 0n || (this.#borrowRate === 0n && p.borrowRateMs === 0n)) return 0n;
    const m = this.markOf(p.symbolId);
    if (m !== m) return 0n;
    return borrowInterest(mul(-p.qty, decFromNumber(m)), this.#borrowRate, now - p.borrowedSince, p.borrowRateMs);
  }

  /** Σ interestOwed over every position. */
  interestOwedTotal(now: number): Dec {
    if (this.#borrowRate === 0n && !this.#ranUpEarlier) return 0n;
    let owed = 0n;
    for (const p of this.#positions) if (p.qty < 0n) owed += this.interestOwed(p, now);
    return owed;
  }

  /** The yearly borrow rate as a float fraction (the backtest's equity curve accrues it per bar). */
  borrowRateFloat(): number {
    return toNumber(this.#borrowRate);
  }

  /** Marks every position in the symbol to `price`. The per-tick path: no allocation. */
  mark(symbolId: number, price: number): void {
    if (symbolId >= this.#marks.length) this.#growMarks(symbolId + 1);
    this.#marks[symbolId] = price;
    const slots = this.#bySymbol[symbolId];
    if (slots === undefined) return;
    const qty = this.#qtyF;
    const cost = this.#costF;
    const upnl = this.#upnlF;
    for (let k = 0; k < slots.length; k++) {
      const i = slots[k]!;
      upnl[i] = qty[i]! * price - cost[i]!;
    }
  }

  /** Re-marks every position from the last price of its symbol: one pass over the float arrays. */
  markAll(): void {
    const n = this.#positions.length;
    const qty = this.#qtyF;
    const cost = this.#costF;
    const upnl = this.#upnlF;
    const sym = this.#symOf;
    const marks = this.#marks;
    for (let i = 0; i < n; i++) {
      const m = marks[sym[i]!]!;
      upnl[i] = m === m ? qty[i]! * m - cost[i]! : 0;
    }
  }

  /** The last mark of a symbol id (NaN before any price). */
  markOf(symbolId: number): number {
    return symbolId < this.#marks.length ? this.#marks[symbolId]! : Number.NaN;
  }

  /** Unrealized P&L of one position as a float (0 before the first mark). */
  unrealizedOf(p: PositionState): number {
    return this.#marks[p.symbolId]! === this.#marks[p.symbolId]! ? this.#upnlF[p.index]! : 0;
  }

  /** Σ unrealized P&L, float. */
  unrealized(): number {
    let sum = 0;
    const upnl = this.#upnlF;
    for (let i = 0; i < this.#positions.length; i++) sum += upnl[i]!;
    return sum;
  }

  /** Unrealized P&L of one position, exact at its mark's printed value, or 0 before any mark. */
  unrealizedExact(p: PositionState): Dec {
    const m = this.markOf(p.symbolId);
    if (m !== m || p.qty === 0n) return 0n;
    return mul(p.qty, decFromNumber(m)) - p.costBasis;
  }

  /** Cash plus every position at its mark (positions without a mark count at cost), exact. */
  equity(): Dec {
    let e = this.cash;
    for (const p of this.#positions) {
      if (p.qty === 0n) continue;
      const m = this.markOf(p.symbolId);
      e += m === m ? mul(p.qty, decFromNumber(m)) : p.costBasis;
    }
    return e;
  }

  /**
   * What buying back every short would cost at the marks (shorts without a mark at their entry value),
   * exact: on a margin account a short's sale proceeds sit in cash, but they are owed, and the same
   * amount again is held as its 1× collateral, so neither is free to spend (see freeCash in the engine).
   */
  shortLiability(): Dec {
    let owed = 0n;
    for (const p of this.#positions) {
      if (p.qty >= 0n) continue;
      const m = this.markOf(p.symbolId);
      owed += m === m ? mul(-p.qty, decFromNumber(m)) : -p.costBasis;
    }
    return owed;
  }

  /** shortLiability() as a float, from the float mirrors (sizing, never balances). */
  shortValueFloat(): number {
    let owed = 0;
    const n = this.#positions.length;
    for (let i = 0; i < n; i++) {
      const q = this.#qtyF[i]!;
      if (q >= 0) continue;
      const m = this.#marks[this.#symOf[i]!]!;
      owed -= m === m ? q * m : this.#costF[i]!;
    }
    return owed;
  }

  /** Cash plus positions at their marks as a float: what a backtest's equity curve samples per bar. */
  equityFloat(): number {
    let e = this.#cashF;
    const n = this.#positions.length;
    for (let i = 0; i < n; i++) {
      const m = this.#marks[this.#symOf[i]!]!;
      e += m === m ? this.#qtyF[i]! * m : this.#costF[i]!;
    }
    return e;
  }

  #slot(symbol: string, ledger: string): PositionState {
    const symbolId = this.#symbols.id(symbol);
    let slots = this.#ledgerSlots(ledger);
    if (!slots) this.#byLedger.set(ledger, (slots = []));
    let p = slots[symbolId];
    if (p) return p;
    const index = this.#positions.length;
    if (index >= this.#qtyF.length) this.#grow(index * 2);
    p = new PositionState(symbol, symbolId, ledger, index);
    this.#positions.push(p);
    slots[symbolId] = p;
    this.#symOf[index] = symbolId;
    if (symbolId >= this.#marks.length) this.#growMarks(symbolId + 1);
    (this.#bySymbol[symbolId] ??= []).push(index);
    return p;
  }

  #mirror(p: PositionState): void {
    this.#qtyF[p.index] = toNumber(p.qty);
    this.#costF[p.index] = toNumber(p.costBasis);
  }

  #grow(size: number): void {
    const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.#qtyF = grow(this.#qtyF, (n) => new Float64Array(n));
    this.#costF = grow(this.#costF, (n) => new Float64Array(n));
    this.#upnlF = grow(this.#upnlF, (n) => new Float64Array(n));
    this.#symOf = grow(this.#symOf, (n) => new Int32Array(n));
  }

  #growMarks(size: number): void {
    const b = new Float64Array(Math.max(size, this.#marks.length * 2)).fill(Number.NaN);
    b.set(this.#marks);
    this.#marks = b;
  }
}

/** The journal's form of a position. */
export function positionRecord(account: string, p: Omit<PositionState, 'avgEntry' | 'symbolId' | 'index'>): PositionRecord {
  return {
    account,
    symbol: p.symbol,
    ledger: p.ledger,
    qty: p.qty,
    costBasis: p.costBasis,
    realizedPnl: p.realizedPnl,
    feesPaid: p.feesPaid,
    interestPaid: p.interestPaid,
    borrowedSince: p.qty < 0n ? Math.round(p.borrowedSince) : null,
    ...(p.qty < 0n && p.borrowRateMs !== 0n ? { borrowRateMs: p.borrowRateMs } : {}),
    updatedAt: p.updatedAt,
  };
}
