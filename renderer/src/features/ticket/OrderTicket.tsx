// The order ticket. Order entry arrives with the paper broker; until then the form is shown disabled,
// so the layout is honest about what is coming and nothing pretends to place an order.
import { Panel } from '../../app/Panel.tsx';
import { useSeries } from '../chart/series-store.ts';

const NOT_YET = 'Order entry arrives with the paper broker; nothing can be placed yet';

export function OrderTicket() {
  const symbol = useSeries((s) => s.selected?.symbol ?? null);
  return (
    <Panel title="Order ticket" aside={<span className="badge badge-mode-paper">PAPER</span>} className="ticket" testId="order-ticket">
      <fieldset className="ticket-form" disabled title={NOT_YET}>
        <div className="ticket-sides">
          <button type="button" className="btn btn-buy">Buy</button>
          <button type="button" className="btn btn-sell">Sell</button>
        </div>
        <label className="ticket-row">
          <span>Type</span>
          <select defaultValue="market">
            <option value="market">Market</option>
            <option value="limit">Limit</option>
            <option value="stop">Stop</option>
          </select>
        </label>
        <label className="ticket-row">
          <span>Quantity</span>
          <input type="text" inputMode="decimal" placeholder={symbol ? symbol.split('/')[0] : '—'} />
        </label>
      </fieldset>
      <p className="empty-note">
        Orders for {symbol ?? 'the selected symbol'} will be placed here and filled by the paper broker against the replay. Paper trading is the default; live
        trading will need an explicit arming step.
      </p>
    </Panel>
  );
}
