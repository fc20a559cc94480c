// The run form's weight boxes, shown while the markets are traded as one portfolio: one per market, the
// form's series first and then the ticked ones in the list's order (the order the request sends them in),
// each with the share of the account it comes to beside it, so "3" and "1" read as 75% and 25% before the
// run. A weight the engine would refuse is said here, in amber, as the Optimize form says a refused portfolio;
// the Run and Optimize buttons refuse it too.
import type { RunRequest } from './run-form.ts';
import { marketNames } from './run-markets.ts';
import { weightKey, weightShareTexts } from './run-weights.ts';

export function PortfolioWeights({ markets, weights, onChange }: { markets: readonly RunRequest['series'][]; weights: Readonly<Record<string, string>>; onChange: (weights: Record<string, string>) => void }) {
  const names = marketNames(markets);
  const view = weightShareTexts(weights, markets);
  return (
    <div className="bt-weights" role="group" aria-label="Each market's weight in the portfolio" data-testid="bt-weights">
      {markets.map((m, i) => {
        const key = weightKey(m);
        return (
          <label key={key} className="bt-chip bt-weight" title="Relative: 3 and 1 give 75% and 25%; empty counts as 1 once another box is filled, and all empty is equal shares">
            {names[i]}
            <input data-testid={`bt-weight-${key}`} inputMode="decimal" placeholder="1" size={4} value={weights[key] ?? ''} onChange={(e) => onChange({ ...weights, [key]: e.target.value })} />
            <small data-testid={`bt-weight-share-${key}`}>{view.shares?.[i] ?? ''}</small>
          </label>
        );
      })}
      {view.problem !== null && (
        <p className="bt-hint bt-warn-text" data-testid="bt-weights-problem">
          {view.problem}
        </p>
      )}
    </div>
  );
}
