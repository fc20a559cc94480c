// The account line's P&L: labelled for what each figure is, and on a flat account that lost money it reads
// the loss (net of fees), not "P&L 0.00".
import { describe, expect, it } from 'vitest';
import { accountPnlFigures } from '../../../renderer/src/features/positions/account-pnl.ts';
import { netRealized } from '../../../renderer/src/features/strategies/strategy-pnl.ts';

const flat = { unrealizedPnl: '0', realizedPnl: '-79.03', feesPaid: '273.61', quoteAsset: 'USDT' };

describe('the account line\'s P&L figures', () => {
  it('calls the unrealized "Open" and shows the realized P&L after fees beside it as "Net"', () => {
    const [open, net] = accountPnlFigures(flat);
    expect(open).toMatchObject({ label: 'Open', text: '0.00', tone: 'pnl-flat', testId: 'account-upnl' });
    expect(net).toMatchObject({ label: 'Net', text: '-352.64', tone: 'pnl-down', testId: 'account-net' });
    expect(net!.title).toContain('-79.03 realized on the prices less 273.61 of fees');
  });

  it('is the same figure as the strategies table\'s Net, not a second computation', () => {
    const a = { unrealizedPnl: '12.5', realizedPnl: '40.2', feesPaid: '3.15', quoteAsset: 'USDT' };
    const [open, net] = accountPnlFigures(a);
    expect(net!.text).toBe(netRealized(a).text);
    expect(open).toMatchObject({ text: '+12.50', tone: 'pnl-up' });
    expect(net).toMatchObject({ text: '+37.05', tone: 'pnl-up' });
  });
});
