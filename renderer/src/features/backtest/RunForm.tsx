// The form that starts a run: strategy (its parameters appear with their ranges), stored series (or a
// file imported into one: Import file…), dates, risk mode (and whether a drawdown kill is re-armed some
// days later), the sides it may trade (DirectionSelect: long only, short only, or both, and then what a
// short pays to borrow), capital, fee per fill, a stop-loss and a take-profit on every entry (ExitBoxes),
// and how many Monte Carlo simulations put a band on its return and drawdown; the custom mode's position %
// while a run is custom. A refusal is said under the button, the box at fault marked (FormMessage).
// Ticking other strategies or risk modes runs every strategy in every mode with the same data, money,
// sides and exits, to compare side by side; ticking other series runs all of that on them too, to see
// whether it holds beyond the market it was tuned on, or, with "one portfolio" ticked, trades the form's
// series and those together from one account in each run, split among them by the weights given beside
// each (equal shares when none are).
import type { ChangeEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { chooseImportedSeries, reloadStrategies, startRun } from './backtest-actions.ts';
import { ImportFileButton } from '../import/ImportFileButton.tsx';
import { useBacktest } from './backtest-store.ts';
import { MONTE_CARLO_MAX, PORTFOLIO_MAX, REARM_MAX_DAYS } from '../../../../shared/contract/commands/backtest.ts';
import { DirectionSelect } from './DirectionSelect.tsx';
import { ExitBoxes } from './ExitBoxes.tsx';
import { PortfolioWeights } from './PortfolioWeights.tsx';
import { FillFields } from './FillFields.tsx';
import { FormMessage } from './FormMessage.tsx';
import { defaultDraft, MODES, otherSeries, runCount, seriesOf, storedSeriesName, timeframeChoices, type RunDraft } from './run-form.ts';

// The risk room's limit of the same name, for the runs: its words, and the CLI's way to the same run.
const CLOSE_ON_LOSS_TITLE =
  "A daily-loss or drawdown breach closes every open position at the breach, instead of leaving them to their stops and the strategy's exits (as keel backtest --limits closeOnLossLimit=true). Unticked, as the account's limits are by default, a breach only blocks new entries.";

const toggled = <T,>(list: readonly T[], item: T): T[] => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

export function RunForm() {
  const api = useApi();
  const { strategies, strategyProblems, series, draft, busy, runError } = useBacktest();
  const strategy = strategies.find((s) => s.name === draft.strategy);
  // A refusal was about the form as it was: a change to it clears the message, and Optimize's too (a search
  // is the run form's run with ranges).
  const set = (patch: Partial<RunDraft>) => useBacktest.setState((s) => ({ draft: { ...s.draft, ...patch }, runError: null, searchError: null }));
  // The custom mode's own figure, wanted while any run the button starts is custom (the form's or one ticked).
  const custom = draft.mode === 'custom' || draft.compareModes.includes('custom');
  const otherStrategies = strategies.filter((s) => s.name !== draft.strategy);
  const otherModes = MODES.filter((m) => m !== draft.mode);
  const markets = series.filter((s) => s !== draft.series);
  const timeframes = timeframeChoices(draft.series);
  const ownTimeframe = timeframes[0] ?? '';
  const runs = runCount(draft, strategies, series);
  // A portfolio needs another market to trade beside the form's.
  const canPortfolio = otherSeries(draft, series).length > 0;
  // The portfolio's markets in the request's order, each with its weight box, while it is ticked.
  const weighted = draft.portfolio && canPortfolio && draft.series ? [draft.series, ...otherSeries(draft, series)].map(seriesOf) : null;
  const field = (key: 'capital' | 'feePct' | 'from' | 'to' | 'rearmDays' | 'monteCarlo' | 'seed' | 'positionPct') => ({ value: draft[key], onChange: (e: ChangeEvent<HTMLInputElement>) => set({ [key]: e.target.value }) });

  return (
    <form
      className="bt-form"
      onSubmit={(e) => {
        e.preventDefault();
        void startRun(api);
      }}
    >
      <label className="bt-field bt-strategy-field">
        <span>Strategy</span>
        <select
          data-testid="bt-strategy"
          value={draft.strategy}
          title={draft.strategy}
          onChange={(e) => {
            const next = strategies.find((s) => s.name === e.target.value);
            set({ strategy: e.target.value, params: defaultDraft(next, draft.series).params });
          }}
        >
          {strategies.map((s) => (
            <option key={s.name} value={s.name}>
              {s.file ? `${s.name} (yours)` : s.name}
            </option>
          ))}
        </select>
        <button type="button" className="bt-reload" data-testid="bt-reload-strategies" title="Look at your strategy files again (after you add or edit one in the data directory's strategies folder)" aria-label="Reload strategies" onClick={() => void reloadStrategies(api)}>
          ↻
        </button>
      </label>
      {strategy && (
        <p className="bt-hint" data-testid="bt-strategy-hint">
          {strategy.description}
          {strategy.file && <span className="bt-file"> Your strategy, from {strategy.file}</span>}
        </p>
      )}
      {strategyProblems.length > 0 && (
        <ul className="bt-problems" data-testid="bt-strategy-problems" aria-label="Strategy files Keel could not load">
          {strategyProblems.map((p) => (
            <li key={p.file}>{p.message}</li>
          ))}
        </ul>
      )}
      {strategy?.params.map((p) => (
        <label className="bt-field" key={p.name} title={p.description}>
          <span>{p.name}</span>
          <input data-testid={`bt-param-${p.name}`} inputMode="decimal" value={draft.params[p.name] ?? ''} onChange={(e) => set({ params: { ...draft.params, [p.name]: e.target.value } })} />
          <small>
            {p.min}–{p.max}
          </small>
        </label>
      ))}
      <label className="bt-field">
        <span>Series</span>
        <select data-testid="bt-series" value={draft.series} onChange={(e) => set({ series: e.target.value, timeframe: (timeframeChoices(e.target.value) as string[]).includes(draft.timeframe) ? draft.timeframe : '' })}>
          {series.length === 0 && <option value="">no stored candles</option>}
          {series.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="bt-field" title="Run on the stored candles' own timeframe, or on a longer one made from them (1h bars from stored 1m candles), as keel backtest --timeframe does">
        <span>Timeframe</span>
        <select data-testid="bt-timeframe" value={draft.timeframe || ownTimeframe} disabled={timeframes.length < 2} onChange={(e) => set({ timeframe: e.target.value === ownTimeframe ? '' : e.target.value })}>
          {timeframes.map((tf) => (
            <option key={tf} value={tf}>
              {tf === ownTimeframe ? `${tf} (as stored)` : `${tf} (from ${ownTimeframe})`}
            </option>
          ))}
        </select>
      </label>
      <div className="bt-import">
        <ImportFileButton variant="small" testId="bt-import" onStored={(key) => chooseImportedSeries(api, key)} />
      </div>
      <label className="bt-field">
        <span>From</span>
        <input data-testid="bt-from" placeholder="YYYY-MM-DD" {...field('from')} />
      </label>
      <label className="bt-field">
        <span>To</span>
        <input data-testid="bt-to" placeholder="YYYY-MM-DD" {...field('to')} />
      </label>
      <label className="bt-field">
        <span>Risk mode</span>
        <select data-testid="bt-mode" value={draft.mode} onChange={(e) => set({ mode: e.target.value as RunDraft['mode'] })}>
          {MODES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      {custom && (
        <label className="bt-field" title="The custom mode sizes each entry at this share of equity and sets the risk per trade to match (keel backtest --mode custom --position-pct N)">
          <span>Position %</span>
          <input data-testid="bt-position-pct" inputMode="decimal" placeholder="e.g. 40" {...field('positionPct')} />
          <small>of equity, above 0 to 100</small>
        </label>
      )}
      <DirectionSelect value={draft} onChange={set} />
      <label className="bt-field" title="Live, a kill switch a drawdown breach pulls stays pulled until you re-arm it. Give days to re-arm it that long after (the drawdown then counts from there); empty: never">
        <span>Re-arm after drawdown kill</span>
        <input data-testid="bt-rearm" inputMode="numeric" placeholder="never" {...field('rearmDays')} />
        <small>days, 1–{REARM_MAX_DAYS}</small>
      </label>
      <label className="bt-field" title={CLOSE_ON_LOSS_TITLE}>
        <span>Close positions at a loss limit</span>
        <input type="checkbox" data-testid="bt-close-on-loss" checked={draft.closeOnLossLimit} onChange={(e) => set({ closeOnLossLimit: e.target.checked })} />
      </label>
      <label className="bt-field">
        <span>Capital</span>
        <input data-testid="bt-capital" inputMode="decimal" {...field('capital')} />
      </label>
      <label className="bt-field">
        <span>Fee % / fill</span>
        <input data-testid="bt-fee" inputMode="decimal" {...field('feePct')} />
      </label>
      <FillFields draft={draft} stored={series} onChange={set} />
      <ExitBoxes texts={draft} onChange={set} />
      <label className="bt-field" title="Simulations of the run's closed trades, reordered and resampled: a 5th–95th percentile band on its return and max drawdown (0: none)">
        <span>Monte Carlo runs</span>
        <input data-testid="bt-monte-carlo" inputMode="numeric" {...field('monteCarlo')} />
        <small>0–{MONTE_CARLO_MAX.toLocaleString('en-US')}</small>
      </label>
      <label className="bt-field" title="The same seed draws the same bands (keel backtest --seed)">
        <span>Seed</span>
        <input data-testid="bt-seed" inputMode="numeric" {...field('seed')} />
      </label>
      <fieldset className="bt-compare" data-testid="bt-compare">
        <legend title="Every strategy ticked runs in every mode ticked, on the form's series and every series ticked (or on all of them at once, as one portfolio), with the same dates, capital and fee; the other strategies run their default parameters">Also run, to compare</legend>
        <div className="bt-chips" role="group" aria-label="Other strategies, with their default parameters">
          <span className="bt-chips-label">strategies</span>
          {otherStrategies.map((s) => (
            <label key={s.name} className="bt-chip" title={s.description}>
              <input type="checkbox" data-testid={`bt-compare-strategy-${s.name}`} checked={draft.compareStrategies.includes(s.name)} onChange={() => set({ compareStrategies: toggled(draft.compareStrategies, s.name) })} />
              {s.name}
            </label>
          ))}
        </div>
        <div className="bt-chips" role="group" aria-label="Other risk modes">
          <span className="bt-chips-label">modes</span>
          {otherModes.map((m) => (
            <label key={m} className="bt-chip">
              <input type="checkbox" data-testid={`bt-compare-mode-${m}`} checked={draft.compareModes.includes(m)} onChange={() => set({ compareModes: toggled(draft.compareModes, m) })} />
              {m}
            </label>
          ))}
        </div>
        {markets.length > 0 && (
          <div className="bt-chips" role="group" aria-label="Other markets (stored series)">
            <span className="bt-chips-label">markets</span>
            {markets.map((k) => (
              <label key={k} className="bt-chip">
                <input type="checkbox" data-testid={`bt-compare-series-${k}`} checked={draft.compareSeries.includes(k)} onChange={() => set({ compareSeries: toggled(draft.compareSeries, k) })} />
                {storedSeriesName(k, series, draft.timeframe)}
              </label>
            ))}
            <div className={`bt-portfolio-toggle${canPortfolio ? '' : ' is-off'}`}>
              <label className="bt-chip" title={`keel backtest --portfolio: at most ${PORTFOLIO_MAX} markets, all of one timeframe; tick another market first`}>
                <input type="checkbox" data-testid="bt-portfolio" disabled={!canPortfolio} checked={draft.portfolio && canPortfolio} onChange={() => set({ portfolio: !draft.portfolio })} />
                Trade the markets as one portfolio (one account)
              </label>
              <span className="bt-hint">
                One cash balance and one risk room for all the markets, each market's entries sized to its weight's share of the mode's share (1/N when no weights are given); compared with holding a basket in the same weights. Weights are relative (3 and 1: 75% and 25%); once one is given, an empty box counts as 1.
              </span>
              {weighted && <PortfolioWeights markets={weighted} weights={draft.weights} onChange={(weights) => set({ weights })} />}
            </div>
          </div>
        )}
      </fieldset>
      <button type="submit" className="bt-run" data-testid="bt-run" disabled={busy || strategies.length === 0}>
        {runs > 1 ? `Run ${runs} backtests` : 'Run backtest'}
      </button>
      <FormMessage message={runError} id="bt-run-error" testId="bt-run-error" />
    </form>
  );
}
