// "Risk X% of equity with this stop": the quantity whose loss, if the stop-loss is hit, is X% of the
// account's equity. Exact decimals throughout, rounded DOWN to the market's step so the risk taken is
// never more than asked. With a fee rate, both the entry's and the stop's taker fees count as risk too
// (the engine's preview reports risk to stop the same way).
import { abs, dec, div, floorTo, format, mul, type Dec } from '../../../../shared/trading/decimal.ts';
import type { Side } from '../../../../shared/trading/orders.ts';
import { readBracketLevel, readPositive } from './decimal-input.ts';

export interface RiskSizingInput {
  side: Side;
  /** Account equity in the quote asset. */
  equity: string | null;
  /** Percent of equity, "1" for 1%. */
  riskPct: string;
  /** The price the order fills around (limit, trigger or last price). */
  entry: string | null;
  /** The stop-loss as typed: a trigger price, or a percent of the entry ("2%"), measured here from `entry`. */
  stop: string;
  /** The market's quantity step (trading.rules' stepSize). */
  step: string;
  /** Taker fee rate as a fraction ("0.001" for 0.1%; trading.rules' takerFee); "0" leaves fees out. */
  feeRate?: string;
}

export type RiskSizing =
  | {
      ok: true;
      /** The quantity, a whole number of steps. */
      qty: string;
      /** equity × riskPct / 100: the most the trade may lose. */
      budget: string;
      /** What the rounded qty loses at the stop, fees included. */
      risk: string;
    }
  | { ok: false; field: 'riskPct' | 'stopLoss' | 'price'; message: string };

const HUNDRED = dec('100');

export function sizeByRisk(input: RiskSizingInput): RiskSizing {
  const pctText = readPositive(input.riskPct);
  const pct = pctText === null ? null : dec(pctText);
  if (pct === null || pct > HUNDRED) return { ok: false, field: 'riskPct', message: 'Risk % must be more than 0 and at most 100, like 0.5 or 1' };
  if (input.equity === null) return { ok: false, field: 'riskPct', message: 'Account equity is not known yet, so the risk cannot be sized' };
  const equity = dec(input.equity);
  if (equity <= 0n) return { ok: false, field: 'riskPct', message: `Equity is ${input.equity}; there is nothing to risk` };
  if (input.entry === null) return { ok: false, field: 'price', message: 'No entry price yet: enter the order price, or wait for a market price' };
  const level = readBracketLevel(input.stop, 100);
  if (!level) return { ok: false, field: 'stopLoss', message: 'Risk sizing needs a stop-loss: a price greater than 0, or a percent below 100 like 2%' };
  const entry = dec(input.entry);
  const long = input.side === 'buy';
  // A percent stop sits that far from the entry (the engine sets it from the fill, near this price).
  const offset = 'percent' in level ? div(mul(entry, dec(level.percent)), HUNDRED) : 0n;
  const stop = 'price' in level ? dec(level.price) : long ? entry - offset : entry + offset;
  if (long ? stop >= entry : stop <= entry) {
    return { ok: false, field: 'stopLoss', message: `The stop-loss of a ${long ? 'buy' : 'sell'} must be ${long ? 'below' : 'above'} the entry ${format(entry)}` };
  }
  const step = dec(input.step);
  const feeRate = input.feeRate ? dec(input.feeRate) : 0n;
  const budget = div(mul(equity, pct), HUNDRED);
  const perUnit = lossPerUnit(entry, stop, feeRate);
  const qty = floorTo(div(budget, perUnit), step);
  if (qty <= 0n) {
    return { ok: false, field: 'riskPct', message: `Risking ${format(budget)} buys less than one step (${format(step)}) with the stop ${format(abs(entry - stop))} away; raise the risk % or move the stop closer` };
  }
  return { ok: true, qty: format(qty), budget: format(budget), risk: format(mul(qty, perUnit)) };
}

/** What one unit loses from entry to stop: the distance plus the taker fee on both legs. */
function lossPerUnit(entry: Dec, stop: Dec, feeRate: Dec): Dec {
  return abs(entry - stop) + mul(entry + stop, feeRate);
}
