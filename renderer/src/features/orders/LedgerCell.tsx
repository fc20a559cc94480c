// The ledger cell of the orders blotter and the fills list: whose the order was ("you", a strategy, the AI)
// and, when it had one, its tag (why it was placed), the same way in both lists.
import { ledgerText } from './order-labels.ts';

export function LedgerCell({ row, tagTestId, tagTitle }: { row: Parameters<typeof ledgerText>[0] & { tag?: string | undefined }; tagTestId: string; tagTitle: string }) {
  return (
    <td className="dim">
      {ledgerText(row)}
      {row.tag && (
        <span className="tag" data-testid={tagTestId} title={tagTitle}>
          {row.tag}
        </span>
      )}
    </td>
  );
}
