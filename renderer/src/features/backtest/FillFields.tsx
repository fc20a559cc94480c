// How a run's fills are simulated beyond the fee: slippage per fill (keel backtest --slippage) and the finer
// bars that decide fills inside each bar (keel backtest --detail TF), offered from the series' market's
// stored shorter timeframes. Without detail a bar fills along its own path (open, nearer extreme, farther
// extreme, close); with it, a stop and a target touched in the same hour fill in the order the minutes took.
import { useEffect } from 'react';
import { detailChoices } from './run-form.ts';

export interface FillDraft {
  slippageBps: string;
  detail: string;
  series: string;
  timeframe: string;
}

const DETAIL_HINT =
  "Finer stored bars of this market decide where stops, targets and limits fill inside each bar. Without them a bar fills along its own path: open, the nearer extreme, the farther one, close. Import finer candles of the same market to offer them here. Other markets ticked (and a portfolio's) use their own finer bars of the same timeframe, which must be stored too";

export function FillFields({ draft, stored, onChange }: { draft: FillDraft; stored: readonly string[]; onChange: (patch: Partial<FillDraft>) => void }) {
  const choices: readonly string[] = detailChoices(draft.series, stored, draft.timeframe);
  const offered = draft.detail === '' || choices.includes(draft.detail);
  // A detail chosen for another series (the series changed, or its finer bars were deleted) goes: the run
  // would be refused for it, and the box would show a choice it does not hold.
  useEffect(() => {
    if (!offered) onChange({ detail: '' });
  }, [offered, onChange]);
  const detail = offered ? draft.detail : '';
  return (
    <>
      <label className="bt-field" title="Price moved against each fill, in basis points (10 = 0.1%), on top of the fee">
        <span>Slippage bps / fill</span>
        <input data-testid="bt-slippage" inputMode="decimal" value={draft.slippageBps} onChange={(e) => onChange({ slippageBps: e.target.value })} />
        <small>0–999</small>
      </label>
      <label className="bt-field" title={DETAIL_HINT}>
        <span>Fills inside bars</span>
        <select data-testid="bt-detail" value={detail} onChange={(e) => onChange({ detail: e.target.value })} disabled={choices.length === 0}>
          <option value="">bar's own path</option>
          {choices.map((tf) => (
            <option key={tf} value={tf}>
              from {tf} bars
            </option>
          ))}
        </select>
      </label>
      {choices.length === 0 && (
        // Why the box is disabled, under it: said inside the box, it was cut to "bar's own path (no f".
        <p className="bt-hint bt-under-field" data-testid="bt-detail-none">
          No finer bars of this market stored
        </p>
      )}
    </>
  );
}
