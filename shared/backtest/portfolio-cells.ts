// A portfolio run's markets table, one market a row and then "all", as `keel backtest` prints it (and the
// HTML report repeats it: report-extras.ts) and as the app's Trades tab shows it (PortfolioMarkets.tsx).
// The app's table once had no bars column and no "all" row where the CLI printed both: both sides now
// take their cells from here.
import { countText, moneyText, NO_FIGURE, pctText } from './figure-text.ts';
import { holdCellText, holdQuoteApart } from './hold-quote.ts';
import { basketName, sharePct } from './portfolio-weights.ts';

/** One market's part of the run: the engine's (a part's candles counted as `bars`) or the bridge's. */
export interface MarketFigures {
  symbol: string;
  /** Its share of the account, 0..1. */
  weight: number;
  /** Its bars over the run's range (absent in app runs stored before they were counted: "–"). */
  bars?: number | null | undefined;
  fills: number;
  trades: number;
  pnl: number;
  buyHoldReturnPct: number | null;
}

/** The run's own figures, from its metrics (the engine's, or the bridge's JSON, where a figure may be null). */
export interface RunFigures {
  bars: number | null | undefined;
  fills: number | null | undefined;
  trades: number | null | undefined;
  startEquity: number | null | undefined;
  finalEquity: number | null | undefined;
  buyHoldReturnPct: number | null | undefined;
}

/** A row's cells after its label, in the table's order. */
export interface PortfolioCells {
  weight: string;
  bars: string;
  fills: string;
  trades: string;
  pnl: string;
  hold: string;
}

/** The cells in the table's column order: weight, bars, fills, trades, P&L, buy and hold. */
export const cellList = (c: PortfolioCells): string[] => [c.weight, c.bars, c.fills, c.trades, c.pnl, c.hold];

/**
 * A market's cells. Its P&L is the account's money: a market quoted in another asset (ETH/BTC on a USDT
 * account) has its orders refused, so its P&L is 0 and needs no label, where its buy and hold, a return in
 * that asset, does ("342.63% (in BTC)").
 */
export function marketCells(m: MarketFigures, symbols: readonly string[]): PortfolioCells {
  return { weight: sharePct(m.weight), bars: countText(m.bars), fills: countText(m.fills), trades: countText(m.trades), pnl: moneyText(m.pnl), hold: marketHoldText(m, symbols) };
}

/** A market's own buy and hold, labelled with the asset it is counted in when that is not the account's; "–" without one. */
export function marketHoldText(m: Pick<MarketFigures, 'symbol' | 'buyHoldReturnPct'>, symbols: readonly string[]): string {
  const v = m.buyHoldReturnPct;
  return v === null || !Number.isFinite(v) ? NO_FIGURE : holdCellText(pctText(v), holdQuoteApart(m.symbol, symbols));
}

/**
 * The "all" row: the shares' sum, the run's bars (the union of the markets' bar times), its fills and
 * closed trades, the account's P&L, and the basket's buy and hold, named by its weights.
 */
export function allCells(markets: readonly { weight: number }[], run: RunFigures): PortfolioCells {
  const pnl = typeof run.finalEquity === 'number' && typeof run.startEquity === 'number' ? run.finalEquity - run.startEquity : null;
  return {
    weight: sharePct(markets.reduce((s, m) => s + m.weight, 0)),
    bars: countText(run.bars),
    fills: countText(run.fills),
    trades: countText(run.trades),
    pnl: moneyText(pnl),
    hold: `${pctText(run.buyHoldReturnPct)} (${basketName(markets)})`,
  };
}
