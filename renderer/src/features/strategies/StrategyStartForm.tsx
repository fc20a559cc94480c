// The start form along the panel's top: strategy (its description as the tooltip), its parameters with
// their ranges, the series (the chart's market, or another symbol or timeframe of the active source), the
// protective exits every entry gets (stop-loss and take-profit percent, empty for none, as a backtest's),
// the sides it may take (long only, short only, long and short: the last two need a margin account, and
// the engine says so on a spot one; on paper the message adds where to switch it, strategy-actions.ts), and Start (Start LIVE, after a confirmation, while a live account is armed).
import { parseDirection } from '../../../../shared/domain/direction.ts';
import { exitFromText, STOP_LOSS_VALID, TAKE_PROFIT_VALID, TRAILING_STOP_VALID } from '../../../../shared/backtest/run-exits.ts';
import { useApi } from '../../api/api-context.tsx';
import { useTradingMode } from '../../app/trading-mode.ts';
import { useCatalog } from '../chart/switchers/market-catalog.ts';
import { useMarket } from '../market/market-store.ts';
import { startStrategy } from './strategy-actions.ts';
import { useStrategies } from './strategies-store.ts';
import { defaultStrategyDraft, DIRECTION_CHOICES, DIRECTION_HINT, paramTextProblem, type StrategyDraft } from './strategy-form.ts';

export function StrategyStartForm() {
  const api = useApi();
  const { catalog, draft, busy } = useStrategies();
  const engine = useMarket((s) => s.engine);
  const sources = useCatalog((s) => s.sources);
  const { mode, account } = useTradingMode();
  const strategy = catalog.find((s) => s.name === draft.strategy);
  const set = (patch: Partial<StrategyDraft>) => useStrategies.setState((s) => ({ draft: { ...s.draft, ...patch } }));
  // Other series only from a streaming source: a replay plays one.
  const offered = engine?.source === 'live' || engine?.source === 'simulated' ? sources?.find((s) => s.source === engine.source && s.exchange === engine.exchange) : undefined;
  const chart = { symbol: engine?.symbol ?? null, timeframe: engine?.timeframe ?? null };

  return (
    <form
      className="dock-toolbar strat-form"
      data-testid="strategy-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (mode === 'live' && !window.confirm(`LIVE: start ${draft.strategy} on ${account}? It places real orders.`)) return;
        void startStrategy(api, chart);
      }}
    >
      <select
        className="strat-select"
        data-testid="strategy-select"
        aria-label="Strategy"
        title={strategy ? `${strategy.description}${strategy.file ? ` (your strategy, from ${strategy.file})` : ''}` : undefined}
        value={draft.strategy}
        onChange={(e) => useStrategies.setState({ draft: { ...defaultStrategyDraft(catalog.find((s) => s.name === e.target.value)), stopLoss: draft.stopLoss, takeProfit: draft.takeProfit, trailingStop: draft.trailingStop, direction: draft.direction } })}
      >
        {catalog.map((s) => (
          <option key={s.name} value={s.name} title={s.file ?? undefined}>
            {s.file ? `${s.name} (yours)` : s.name}
          </option>
        ))}
      </select>
      {strategy?.params.map((p) => {
        const text = draft.params[p.name] ?? '';
        const problem = paramTextProblem(p, text);
        return (
          <label key={p.name} className="strat-param" title={`${p.description}: ${p.type === 'int' ? 'whole number' : 'number'} ${p.min}–${p.max}, default ${p.default}`}>
            <span>{p.name}</span>
            <input
              data-testid={`strategy-param-${p.name}`}
              inputMode="decimal"
              className={problem ? 'is-invalid' : undefined}
              aria-invalid={problem !== null}
              value={text}
              onChange={(e) => set({ params: { ...draft.params, [p.name]: e.target.value } })}
            />
          </label>
        );
      })}
      <select className="strat-select" data-testid="strategy-symbol" aria-label="Symbol" value={draft.symbol} onChange={(e) => set({ symbol: e.target.value })}>
        <option value="">{chart.symbol ? `chart: ${chart.symbol}` : 'chart market'}</option>
        {withChosen(offered?.symbols, draft.symbol).filter((s) => s !== chart.symbol).map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select className="strat-select" data-testid="strategy-timeframe" aria-label="Timeframe" value={draft.timeframe} onChange={(e) => set({ timeframe: e.target.value })}>
        <option value="">{chart.timeframe ? `chart: ${chart.timeframe}` : 'chart tf'}</option>
        {withChosen(offered?.timeframes, draft.timeframe).filter((t) => t !== chart.timeframe).map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <ExitBox which="stop-loss" label="SL %" title={`Stop-loss on each entry: ${STOP_LOSS_VALID}; empty for none`} text={draft.stopLoss} onChange={(stopLoss) => set({ stopLoss })} />
      <ExitBox which="trailing stop" label="TS %" title={`Trailing stop on each entry, in place of the stop-loss: ${TRAILING_STOP_VALID}; empty for none`} text={draft.trailingStop} onChange={(trailingStop) => set({ trailingStop })} />
      <ExitBox which="take-profit" label="TP %" title={`Take-profit on each entry: ${TAKE_PROFIT_VALID}; empty for none`} text={draft.takeProfit} onChange={(takeProfit) => set({ takeProfit })} />
      <select className="strat-select" data-testid="strategy-direction" aria-label="Direction" title={DIRECTION_HINT} value={draft.direction} onChange={(e) => set({ direction: parseDirection(e.target.value) })}>
        {DIRECTION_CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className={`btn btn-xs ${mode === 'live' ? 'btn-danger' : 'btn-accent'}`}
        data-testid="strategy-start"
        disabled={busy || catalog.length === 0}
        title={strategy?.file ? 'Your strategy first gets a trial run over the market\'s last bars (up to 10 s): one stuck in a loop would hold the engine, kill switch included' : undefined}
      >
        {busy ? (strategy?.file ? 'Trying it…' : 'Starting…') : mode === 'live' ? 'Start LIVE' : 'Start'}
      </button>
    </form>
  );
}

/**
 * The choices the source offers, and the one chosen (a backtest's market, filled in from its run) even when
 * the source does not offer it: the select shows what Start will ask for, and the engine says if it cannot.
 */
function withChosen(offered: readonly string[] | undefined, chosen: string): readonly string[] {
  const list = offered ?? [];
  return chosen === '' || list.includes(chosen) ? list : [...list, chosen];
}

/** One exit's percent box, red while its text is not a valid percent (Start then says why). */
function ExitBox(props: { which: 'stop-loss' | 'take-profit' | 'trailing stop'; label: string; title: string; text: string; onChange: (text: string) => void }) {
  const bad = exitFromText(props.which, props.text).problem !== null;
  return (
    <label className="strat-param" title={props.title}>
      <span>{props.label}</span>
      <input
        data-testid={`strategy-${props.which.replace(' ', '-')}`}
        inputMode="decimal"
        placeholder="none"
        className={bad ? 'is-invalid' : undefined}
        aria-invalid={bad}
        value={props.text}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
