// How a price axis writes a market's prices: as the rest of the screen does (the ticker, the book, the
// trades list), grouped and with the decimals that suit the price's size (80,300.00 for BTC, 0.541200 for
// XRP), not lightweight-charts' own 80300.00. The trading chart and the backtest page's charts use it alike.
import type { PriceFormatCustom } from 'lightweight-charts';
import { formatMoney, formatPriceLike, priceDecimals } from './format.ts';

/** `reference`: a price of the market, whose size sets the decimals; null: two (a line of its own scale, or no price seen yet). */
export function priceFormatFor(reference: number | null): PriceFormatCustom {
  if (reference === null) return { type: 'custom', formatter: formatMoney, minMove: 0.01 };
  return { type: 'custom', formatter: (v) => formatPriceLike(v, reference), minMove: 10 ** -priceDecimals(reference) };
}
