// Which sides a run may trade (keel backtest --direction): long only (a spot account, the default), short
// only, or long and short, both of those on a margin account with 1× collateral, which the field says
// under it once shorts are allowed. Every run and search the form starts carries it.
import { parseDirection, type Direction } from '../../../../shared/domain/direction.ts';
import { DIRECTION_CHOICES, DIRECTION_HINT } from './direction-view.ts';

export function DirectionSelect({ value, onChange }: { value: Direction; onChange: (direction: Direction) => void }) {
  return (
    <>
      <label className="bt-field" title={DIRECTION_HINT}>
        <span>Direction</span>
        <select data-testid="bt-direction" value={value} onChange={(e) => onChange(parseDirection(e.target.value))}>
          {DIRECTION_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {value !== 'long' && (
        <p className="bt-hint bt-direction-hint" data-testid="bt-direction-hint">
          Shorts are sold on a margin account with 1× collateral.
        </p>
      )}
    </>
  );
}
