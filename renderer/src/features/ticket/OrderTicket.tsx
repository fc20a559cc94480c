// The order ticket: side, type, size (a quantity, or risk % of equity down to the stop-loss), the prices
// the type needs, a bracket, time in force and flags; a live preview from the engine; submit. Paper or
// live is shown in the header. The ticket trades the symbol on the chart.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { ModeBadge } from '../../app/ModeBadge.tsx';
import { Panel } from '../../app/Panel.tsx';
import { useTradingMode } from '../../app/trading-mode.ts';
import { ORDER_TYPES } from '../../../../shared/trading/orders.ts';
import { useChart } from '../chart/chart-store.ts';
import { useSeries } from '../chart/series-store.ts';
import { qtyText, priceText } from '../orders/decimal-text.ts';
import { marketRulesNow, useMarketRulesFor } from '../orders/market-rules-store.ts';
import { usePositions } from '../positions/positions-store.ts';
import { Available } from './Available.tsx';
import { BracketFields } from './BracketFields.tsx';
import { OptionFields } from './OptionFields.tsx';
import { entryPrice, TYPE_FIELDS, TYPE_NAMES, type TicketForm } from './order-form.ts';
import { headroomPct, maxSize } from './max-size.ts';
import { placeOrder } from './place-order.ts';
import { PreviewBox } from './PreviewBox.tsx';
import { previewRefuses } from './preview-refusal.ts';
import { PriceFields } from './PriceFields.tsx';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import { SideToggle } from './SideToggle.tsx';
import { SizeFields } from './SizeFields.tsx';
import { decimalOfPrice, draftOrder, type DraftContext } from './ticket-draft.ts';
import { TicketOutcome } from './TicketOutcome.tsx';
import { resetPricesFor, setField, setType, useTicket } from './ticket-store.ts';
import { useOrderPreview } from './use-order-preview.ts';
import { useThrottled } from './use-throttled.ts';
import { useTradingShortcuts } from './use-trading-shortcuts.ts';
import './ticket.css';

/** Sizing and previews follow the price and the equity at most this often (both move on every tick). */
const PRICE_FOLLOW_MS = 1000;

function splitPair(symbol: string | null): { base: string; quote: string } {
  const [pair = ''] = (symbol ?? '').split(':');
  const [base = '', quote = ''] = pair.split('/');
  return { base: base || '—', quote: quote || '—' };
}

export function OrderTicket() {
  const api = useApi();
  const symbol = useSeries((s) => s.selected?.symbol ?? null);
  const lastPrice = useChart((s) => s.tally.lastPrice);
  // Shown and copied into boxes as it ticks; sizing and previews follow it at a calmer pace.
  const last = decimalOfPrice(lastPrice);
  const followed = decimalOfPrice(useThrottled(lastPrice, PRICE_FOLLOW_MS));
  const equity = usePositions((s) => s.account?.equity ?? null);
  const followedEquity = useThrottled(equity, PRICE_FOLLOW_MS);
  const form = useTicket((s) => s.form);
  // The step risk sizing rounds to and the taker fee it counts: the market's, on the account on screen.
  const rules = useMarketRulesFor(api, symbol);
  const submitting = useTicket((s) => s.submitting);
  const { mode } = useTradingMode();
  const { base, quote } = splitPair(symbol);

  const draft = useMemo(() => draftOrder(form, { symbol, lastPrice: followed, equity: followedEquity, rules }), [form, symbol, followed, followedEquity, rules]);
  const preview = useOrderPreview(api, draft.request);

  // A new symbol starts with fresh prices (read the price now, without re-running on every tick).
  useEffect(() => resetPricesFor(symbol, decimalOfPrice(useChart.getState().tally.lastPrice)), [symbol]);

  const context = useCallback(
    (): DraftContext => ({ symbol, lastPrice: decimalOfPrice(useChart.getState().tally.lastPrice), equity: usePositions.getState().account?.equity ?? null, rules: marketRulesNow(symbol) }),
    [symbol],
  );
  useTradingShortcuts(api, context, mode === 'live');

  // Max: sized when pressed, at the price and the free balances of that moment (not the throttled ones).
  const [maxProblem, setMaxProblem] = useState<string | null>(null);
  const atMarket = !TYPE_FIELDS[form.type].price;
  const onMax = useCallback(() => {
    const r = marketRulesNow(symbol);
    const account = usePositions.getState().account;
    const now = useTicket.getState().form;
    if (r === null || account === null) {
      setMaxProblem(`Max needs the ${r === null ? `market rules of ${symbol ?? 'the symbol'}` : 'account'}, which ${r === null ? 'are' : 'is'} not known yet`);
      return;
    }
    const free = (asset: string) => account.balances.find((b) => b.asset === asset)?.free ?? '0';
    const result = maxSize({
      side: now.side,
      kind: r.kind,
      atMarket: !TYPE_FIELDS[now.type].price,
      price: entryPrice(now, decimalOfPrice(useChart.getState().tally.lastPrice)),
      quoteFree: free(r.quote),
      baseFree: free(r.base),
      step: r.stepSize,
      minQty: r.minQty,
      takerFee: r.takerFee,
      slippage: r.slippage,
    });
    setMaxProblem(result.ok ? null : result.message);
    if (result.ok) setField('qty', result.qty);
  }, [symbol]);
  const maxTitle =
    form.side === 'sell' && rules?.kind !== 'margin'
      ? `Sell all the free ${base}`
      : atMarket
        ? `The most the free ${quote} pays for, the taker fee included, with ${headroomPct(rules?.slippage)}% of the price left for the slippage and the price's move before the fill: a market order that spends it to the cent fills at a higher price than it was sized at and comes back cut`
        : `The most the free ${quote} pays for at this price, the taker fee included`;
  // A new side, type or symbol: the last Max's problem no longer applies.
  useEffect(() => setMaxProblem(null), [form.side, form.type, form.qty, symbol]);

  const refused = previewRefuses(preview);
  const canSend = draft.request !== null && !refused && !submitting;
  const problem = draft.problem;
  // An empty box the user has not filled yet gets a hint, not an alarm (no red edge either).
  const quiet = problem !== null && (form[problem.field] === '' || symbol === null);
  const bad = quiet ? null : (problem?.field ?? null);
  const qty = draft.request?.qty ?? null;
  const buy = form.side === 'buy';

  return (
    <Panel
      title="Order ticket"
      className={`ticket ticket-${mode}`}
      testId="order-ticket"
      aside={
        <span className="ticket-aside">
          <ShortcutHelp />
          <ModeBadge testId="ticket-mode" />
        </span>
      }
    >
      <form
        className="ticket-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (canSend && draft.request) void placeOrder(api, draft.request);
        }}
      >
        <div className="ticket-symbol">
          <span className="ticket-symbol-name" data-testid="ticket-symbol">
            {symbol ?? 'No symbol'}
          </span>
          <span className="ticket-last" title="Last price on the chart">
            Last <span className="num">{last === null ? '—' : priceText(last)}</span>
          </span>
        </div>
        <SideToggle />
        <Available side={form.side} base={base} quote={quote} />
        <label className="ticket-row">
          <span className="ticket-label">Type</span>
          <select value={form.type} data-testid="ticket-type" onChange={(e) => setType(e.target.value as TicketForm['type'], last)}>
            {ORDER_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_NAMES[t]}
              </option>
            ))}
          </select>
        </label>
        <PriceFields form={form} bad={bad} quote={quote} lastPrice={last} />
        <SizeFields form={form} bad={bad} base={base} quote={quote} sizing={draft.sizing} max={{ onMax, title: maxTitle, problem: maxProblem }} />
        <BracketFields form={form} bad={bad} quote={quote} />
        <OptionFields form={form} bad={bad} />
        <PreviewBox draft={draft} preview={preview} quote={quote} equity={equity} quiet={quiet} />
        <button
          type="submit"
          className={`btn ticket-submit ${buy ? 'submit-buy' : 'submit-sell'}`}
          data-testid="ticket-submit"
          disabled={!canSend}
          title={canSend ? `${buy ? 'Buy' : 'Sell'} (${buy ? 'Shift+B' : 'Shift+S'})` : (problem?.message ?? (refused ? 'The engine would refuse this order' : undefined))}
        >
          {submitting ? 'Sending…' : `${buy ? 'Buy' : 'Sell'} ${qty !== null ? `${qtyText(qty)} ${base}` : base}`}
          {mode === 'live' && <span className="submit-live">LIVE</span>}
        </button>
        <TicketOutcome />
      </form>
    </Panel>
  );
}
