// The run form's protective exits, beside the fee: a stop-loss (or a trailing stop) and a take-profit on
// every entry, percent from the price the entry fills at (keel backtest --stop-loss 2 --take-profit 4,
// --trailing-stop 3). Empty is none. A
// value the engine would refuse is said under the boxes in amber, in the engine's words, as a refused weight
// is; the Run and Optimize buttons refuse it too.
import { TAKE_PROFIT_MAX } from '../../../../shared/backtest/run-exits.ts';
import { exitBoxesProblem, type ExitTexts } from './exit-boxes.ts';

export function ExitBoxes({ texts, onChange }: { texts: ExitTexts; onChange: (patch: Partial<ExitTexts>) => void }) {
  const problem = exitBoxesProblem(texts);
  return (
    <>
      <label className="bt-field" title="A stop below each long entry (above a short) this many percent from the price the entry fills at; it fires along each bar's path once the entry fills. Empty: none">
        <span>Stop-loss %</span>
        <input data-testid="bt-stop-loss" inputMode="decimal" placeholder="none" value={texts.stopLossPct} onChange={(e) => onChange({ stopLossPct: e.target.value })} />
        <small>0–100</small>
      </label>
      <label className="bt-field" title="A stop that follows each entry: this many percent behind the best price since it filled, in place of the fixed stop-loss. Empty: none">
        <span>Trailing stop %</span>
        <input data-testid="bt-trailing-stop" inputMode="decimal" placeholder="none" value={texts.trailingStopPct} onChange={(e) => onChange({ trailingStopPct: e.target.value })} />
        <small>0–100</small>
      </label>
      <label className="bt-field" title="A target above each long entry (below a short) this many percent from the price the entry fills at; whichever of it and the stop is reached first closes the trade. Empty: none">
        <span>Take-profit %</span>
        <input data-testid="bt-take-profit" inputMode="decimal" placeholder="none" value={texts.takeProfitPct} onChange={(e) => onChange({ takeProfitPct: e.target.value })} />
        <small>0–{TAKE_PROFIT_MAX.toLocaleString('en-US')}</small>
      </label>
      {problem !== null && (
        <p className="bt-hint bt-warn-text" data-testid="bt-exits-problem">
          {problem}
        </p>
      )}
    </>
  );
}
