// Which sides a run may trade (keel backtest --direction): long only (a spot account, the default), short
// only, or long and short, both of those on a margin account with 1× collateral, which the field says
// under it once shorts are allowed. Shorts borrow the coins they sell, so the box for what that costs
// (Borrow % / year, keel backtest --borrow-rate) comes with them and goes with long only. Every run and
// search the form starts carries both.
import { MAX_BORROW_RATE_PCT } from '../../../../shared/trading/borrow-interest.ts';
import { parseDirection, type Direction } from '../../../../shared/domain/direction.ts';
import { BORROW_RATE_TITLE } from './borrow-view.ts';
import { DIRECTION_CHOICES, DIRECTION_HINT } from './direction-view.ts';

export interface DirectionFields {
  direction: Direction;
  /** Percent a year, as typed. */
  borrowRatePct: string;
}

export function DirectionSelect({ value, onChange }: { value: DirectionFields; onChange: (patch: Partial<DirectionFields>) => void }) {
  return (
    <>
      <label className="bt-field" title={DIRECTION_HINT}>
        <span>Direction</span>
        <select data-testid="bt-direction" value={value.direction} onChange={(e) => onChange({ direction: parseDirection(e.target.value) })}>
          {DIRECTION_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {value.direction !== 'long' && (
        <>
          <label className="bt-field" title={BORROW_RATE_TITLE}>
            <span>Borrow % / year</span>
            <input data-testid="run-borrow-rate" inputMode="decimal" value={value.borrowRatePct} onChange={(e) => onChange({ borrowRatePct: e.target.value })} />
            <small>0–{MAX_BORROW_RATE_PCT}</small>
          </label>
          <p className="bt-hint bt-direction-hint" data-testid="bt-direction-hint">
            Shorts are sold on a margin account with 1× collateral.
          </p>
        </>
      )}
    </>
  );
}
