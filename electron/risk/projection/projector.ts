// risk.projection: where the trade returns come from (the request's, e.g. a backtest's; else the journal's
// closed trades; else a labelled assumption) and the Monte Carlo for a mode's risk per trade.
import type { CommandParams, CommandResponse } from '../../../shared/contract/index.ts';
import { effectiveLimits, type RiskMode } from '../../../shared/risk/risk-limits.ts';
import type { FillRecord } from '../../journal/trading-journal.ts';
import type { RiskSettings } from '../risk-settings.ts';
import { monteCarlo } from './monte-carlo.ts';
import { tradeReturnsInR, type TradeFill } from '../../../shared/risk/trade-returns.ts';
import { toNumber } from '../../../shared/trading/decimal.ts';

export type ProjectionRequest = CommandParams<'risk.projection'>;
export type Projection = CommandResponse<'risk.projection'>;

/** Fewer closed trades than this and the journal says too little: the assumption is used. */
export const MIN_JOURNAL_TRADES = 20;

/** The assumption when nothing better is known: 45 % winners at +1.8 R, losers at −1 R, with some spread. */
export const ASSUMED_RETURNS: readonly number[] = (() => {
  const out: number[] = [];
  for (let i = 0; i < 100; i++) {
    const spread = ((i % 10) - 4.5) / 10; // −0.45 … +0.45
    out.push(i < 45 ? 1.8 + spread : -1 + spread / 5);
  }
  return out;
})();
export const ASSUMPTION_LABEL = 'ASSUMPTION, not your results: 45% winners at about +1.8R, losers at about −1R';

export interface JournalTrades {
  /** Newest first, as the journal gives them. */
  fills(limit: number): readonly FillRecord[];
  /** An order's bracket stop (its stop-loss, or where its trailing stop started), or null. */
  stopOf(orderId: string): number | null;
}

export class Projector {
  readonly #settings: Pick<RiskSettings, 'mode' | 'stored'>;
  readonly #journal: JournalTrades | null;

  constructor(settings: Pick<RiskSettings, 'mode' | 'stored'>, journal: JournalTrades | null) {
    this.#settings = settings;
    this.#journal = journal;
  }

  project(req: ProjectionRequest): Projection {
    const mode: RiskMode = req.mode ?? this.#settings.mode;
    const limits = effectiveLimits(mode, this.#settings.stored);
    let source: Projection['source'];
    let returns: readonly number[];
    if (req.returns) {
      returns = req.returns;
      source = { kind: 'request', label: `${req.returns.length} trade returns given (a backtest's)`, trades: req.returns.length };
    } else {
      const fills = this.#journal ? [...this.#journal.fills(5000)].reverse().map(tradeFillOf) : [];
      const fromJournal = this.#journal ? tradeReturnsInR(fills, (id) => this.#journal!.stopOf(id), limits.defaultStopPct ?? 2) : [];
      if (fromJournal.length >= MIN_JOURNAL_TRADES) {
        returns = fromJournal;
        source = { kind: 'journal', label: `your last ${fromJournal.length} closed trades, in R (profit ÷ risk taken)`, trades: fromJournal.length };
      } else {
        returns = ASSUMED_RETURNS;
        source = { kind: 'assumption', label: `${ASSUMPTION_LABEL} (only ${fromJournal.length} closed trades in the journal; ${MIN_JOURNAL_TRADES} needed)`, trades: 0 };
      }
    }
    const result = monteCarlo({
      returnsR: returns,
      riskPct: limits.riskPerTradePct,
      startBalance: req.startBalance,
      trades: req.trades,
      paths: req.paths,
      seed: req.seed,
      targets: req.targets,
      ruinPct: req.ruinPct,
    });
    return { mode, riskPerTradePct: limits.riskPerTradePct, source, startBalance: req.startBalance, trades: req.trades, paths: req.paths, ruinPct: req.ruinPct, ...result };
  }
}

function tradeFillOf(f: FillRecord): TradeFill {
  return { orderId: f.orderId, symbol: f.symbol, ledger: f.ledger, side: f.side, price: toNumber(f.price), qty: toNumber(f.qty), fee: toNumber(f.fee) };
}
