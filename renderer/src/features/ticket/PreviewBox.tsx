// What the order would cost and risk, from the engine's trading.preview, or why it would be refused.
// Before there is an order to preview, the ticket's own problem (what is missing and what is valid).
import { dec, div, format, mul } from '../../../../shared/trading/decimal.ts';
import { fixed, priceText } from '../orders/decimal-text.ts';
import type { TicketDraft } from './ticket-draft.ts';
import type { PreviewState } from './use-order-preview.ts';

function pctOf(part: string, whole: string | null): string | null {
  if (whole === null || dec(whole) <= 0n) return null;
  return fixed(format(div(mul(dec(part), dec('100')), dec(whole))), 2);
}

/** The price the engine sized the order at (notional ÷ qty): for market orders its own last price, which is what fills. */
function sizedAt(notional: string, qty: string | undefined): string | null {
  if (qty === undefined || dec(qty) <= 0n) return null;
  return format(div(dec(notional), dec(qty)));
}

export function PreviewBox({ draft, preview, quote, equity, quiet }: { draft: TicketDraft; preview: PreviewState; quote: string; equity: string | null; quiet: boolean }) {
  if (draft.problem) {
    return (
      <div className={`ticket-preview ${quiet ? 'is-hint' : 'is-refused'}`} data-testid="ticket-preview" data-state="invalid" role="status">
        {draft.problem.message}
      </div>
    );
  }
  if (preview.status === 'error') {
    return (
      <div className="ticket-preview is-refused" data-testid="ticket-preview" data-state="error" role="alert">
        <code>{preview.error.code}</code> {preview.error.message}
      </div>
    );
  }
  const p = preview.status === 'ready' || preview.status === 'loading' ? preview.preview : null;
  if (p === null) {
    return (
      <div className="ticket-preview is-hint" data-testid="ticket-preview" data-state="loading">
        Checking the order…
      </div>
    );
  }
  const stale = preview.status === 'loading';
  if (p.refusal !== null) {
    return (
      <div className={`ticket-preview is-refused ${stale ? 'is-stale' : ''}`} data-testid="ticket-preview" data-state={stale ? 'loading' : 'refused'} role="alert">
        <strong>Would be refused:</strong> {p.refusal}
      </div>
    );
  }
  const riskPct = p.riskToStop === null ? null : pctOf(p.riskToStop, equity);
  const at = sizedAt(p.notional, draft.request?.qty);
  return (
    <dl className={`ticket-preview ticket-figures ${stale ? 'is-stale' : ''}`} data-testid="ticket-preview" data-state={stale ? 'loading' : 'ok'}>
      <dt title="The price the engine sizes the order at: the limit or trigger, or its last price for market and trailing orders">At</dt>
      <dd data-testid="preview-price">{at === null ? '—' : priceText(at)}</dd>
      <dt>Notional</dt>
      <dd data-testid="preview-notional">
        {fixed(p.notional, 2)} <span className="unit">{quote}</span>
      </dd>
      <dt>Fee (max)</dt>
      <dd data-testid="preview-fee">{fixed(p.fee, 4)}</dd>
      <dt>Cost</dt>
      <dd data-testid="preview-cost">{fixed(p.cost, 2)}</dd>
      {p.riskToStop !== null && (
        <>
          <dt>Risk to stop</dt>
          <dd className="pnl-down" data-testid="preview-risk">
            {fixed(p.riskToStop, 2)}
            {riskPct !== null && <span className="unit"> ({riskPct}%)</span>}
          </dd>
        </>
      )}
    </dl>
  );
}
