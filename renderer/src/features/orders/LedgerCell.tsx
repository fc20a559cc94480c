// The ledger cell of the orders blotter and the fills list: whose the order was ("you", a strategy, the AI)
// and, when it had one, its tag (why it was placed), the same way in both lists. A long ledger or tag is cut
// short with an ellipsis (trading-dock.css) so the row keeps to the dock's width; the tooltip has both whole.
import { ledgerText } from './order-labels.ts';

export function LedgerCell({ row, tagTestId, tagTitle }: { row: Parameters<typeof ledgerText>[0] & { tag?: string | undefined }; tagTestId: string; tagTitle: string }) {
  return (
    <td className="dim ledger-cell" title={ledgerText(row)}>
      <span className="ledger-name">{ledgerText(row)}</span>
      {row.tag && (
        <span className="tag" data-testid={tagTestId} title={`${tagTitle}: ${row.tag}`}>
          {row.tag}
        </span>
      )}
    </td>
  );
}
